/* git child processes (see git.h). */
#include "poolfix/git.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Runs argv, capturing stdout and stderr (read together so neither pipe can fill up and
 * stall the child). Returns the exit status, or -1 if the program could not run. */
static int run_capture(char *const argv[], pf_buf *out, pf_buf *err) {
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0) return -1;
    if (pipe(err_pipe) != 0) {
        close(out_pipe[0]), close(out_pipe[1]);
        return -1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose(&actions, out_pipe[0]);
    posix_spawn_file_actions_addclose(&actions, err_pipe[0]);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    pid_t pid;
    int spawned = posix_spawnp(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    struct pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    pf_buf *bufs[2] = {out, err};
    int open_fds = spawned == 0 ? 2 : 0;
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            char chunk[4096];
            ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
            if (n > 0) {
                pf_buf_append(bufs[i], chunk, (size_t)n);
            } else if (n == 0 || errno != EINTR) {
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
    close(out_pipe[0]);
    close(err_pipe[0]);
    if (spawned != 0) return -1;
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* git's first line of stderr, for a one-line error. */
static char *first_line(const pf_buf *err, const char *fallback) {
    if (!err->len) return pf_xstrdup(fallback);
    const char *nl = memchr(err->data, '\n', err->len);
    return pf_xstrndup(err->data, nl ? (size_t)(nl - err->data) : err->len);
}

char *pf_git_toplevel(const char *dir) {
    char *argv[] = {"git", "-C", (char *)dir, "rev-parse", "--show-toplevel", NULL};
    pf_buf out = PF_BUF_INIT, err = PF_BUF_INIT;
    int status = run_capture(argv, &out, &err);
    pf_buf_free(&err);
    if (status != 0 || out.len == 0) {
        pf_buf_free(&out);
        return NULL;
    }
    while (out.len && (out.data[out.len - 1] == '\n' || out.data[out.len - 1] == '\r')) out.data[--out.len] = '\0';
    return pf_buf_take(&out, NULL);
}

bool pf_git_dirty_files(const char *top, char ***files, size_t *count, char **error) {
    char *argv[] = {"git", "-C", (char *)top, "status", "--porcelain=v1", "-z", "--untracked-files=no", NULL};
    pf_buf out = PF_BUF_INIT, err = PF_BUF_INIT;
    int status = run_capture(argv, &out, &err);
    *files = NULL;
    *count = 0;
    if (status != 0) {
        *error = first_line(&err, "git status failed");
        pf_buf_free(&out);
        pf_buf_free(&err);
        return false;
    }
    /* Entries are "XY path\0", and renames add "orig\0" after the new path. */
    for (size_t i = 0; i + 3 < out.len;) {
        char x = out.data[i];
        const char *path = out.data + i + 3;
        size_t n = strlen(path);
        pf_strings_push(files, count, pf_xstrdup(path));
        i += 3 + n + 1;
        if (x == 'R' || x == 'C') i += strlen(out.data + i) + 1;
    }
    pf_buf_free(&out);
    pf_buf_free(&err);
    return true;
}

bool pf_git_create_branch(const char *top, const char *name, char **error) {
    char *argv[] = {"git", "-C", (char *)top, "switch", "-c", (char *)name, NULL};
    pf_buf out = PF_BUF_INIT, err = PF_BUF_INIT;
    int status = run_capture(argv, &out, &err);
    if (status != 0) *error = first_line(&err, "git switch failed");
    pf_buf_free(&out);
    pf_buf_free(&err);
    return status == 0;
}
