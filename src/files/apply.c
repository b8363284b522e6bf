/* Atomic in-place writes (see apply.h). */
#include "poolfix/apply.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"
#include "poolfix/path.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The part of a temporary file's name after `.<name>`. */
#define TEMP_MARK ".poolfix-"

/* Sets `*error` to "<what>: <strerror(err)>", errno to `err`, and returns false. */
static bool fail(char **error, const char *what, int err) {
    pf_buf msg = PF_BUF_INIT;
    pf_buf_printf(&msg, "%s: %s", what, strerror(err));
    *error = pf_buf_take(&msg, NULL);
    errno = err;
    return false;
}

/* Sets `*error` to a refusal (errno 0) and returns false. */
static bool refuse(char **error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool refuse(char **error, const char *fmt, ...) {
    pf_buf msg = PF_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    pf_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    *error = pf_buf_take(&msg, NULL);
    errno = 0;
    return false;
}

/* Whether the file still holds exactly the bytes that were read. */
static bool unchanged(const char *path, const pf_source *original, char **error) {
    pf_source now;
    char *cause = NULL;
    if (pf_source_read(path, &now, &cause) != PF_SOURCE_OK) {
        bool refused = refuse(error, "cannot re-read before writing: %s", cause);
        free(cause);
        return refused;
    }
    bool same = now.len == original->len && memcmp(now.bytes, original->bytes, now.len) == 0;
    pf_source_free(&now);
    if (!same) return refuse(error, "changed since it was read; not written (run poolfix again)");
    return true;
}

/* Writes all of `bytes` to `fd`, retrying short writes. */
static bool write_all(int fd, const char *bytes, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, bytes, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        bytes += n;
        len -= (size_t)n;
    }
    return true;
}

/* Whether the real file `real` lies inside the walk root or the git work tree around it. A
 * committed symlink can point anywhere: its target is not the project's to rewrite. */
static bool inside_project(const char *real, const char *root) {
    char *real_root = realpath(root, NULL);
    char *top = real_root ? pf_path_work_tree_top(real_root) : NULL;
    bool inside = (real_root && pf_path_below(real, real_root)) || (top && pf_path_below(real, top));
    free(real_root);
    free(top);
    return inside;
}

/* Checks that the user may replace the file and keep what it is: someone may write it, the
 * user may (the folder being writable is not enough), and its owner and group can stay. */
static bool may_replace(const struct stat *st, const char *real, char **error) {
    if ((st->st_mode & 0222) == 0)
        return refuse(error, "read-only (mode %04o): not written", (unsigned)(st->st_mode & 07777));
    if (access(real, W_OK) != 0)
        return refuse(error, "not writable by you (mode %04o, owner uid %u): not written",
                      (unsigned)(st->st_mode & 07777), (unsigned)st->st_uid);
    return true;
}

/* Whether each thing a temporary file needs could be done: refusal or failure goes to
 * `error`, and the temporary file is removed. */
static bool write_temp(int fd, const struct stat *st, const char *bytes, size_t len, char **error) {
    /* Owner first: fchown can clear set-id bits, which fchmod then restores. Keeping the
     * owner is part of the contract: a file another user owns is refused, not taken over. */
    if (fchown(fd, st->st_uid, st->st_gid) != 0) {
        if (errno == EPERM)
            return refuse(error, "owned by uid %u gid %u, which you cannot keep on a new copy: not written",
                          (unsigned)st->st_uid, (unsigned)st->st_gid);
        return fail(error, "cannot set owner", errno);
    }
    if (fchmod(fd, st->st_mode & 07777) != 0) return fail(error, "cannot set mode", errno);
    if (!write_all(fd, bytes, len)) return fail(error, "cannot write", errno);
    if (fsync(fd) != 0) return fail(error, "cannot sync", errno);
    return true;
}

bool pf_apply_write(const char *path, const char *root, const pf_source *original, const char *bytes, size_t len,
                    char **error) {
    char *real = realpath(path, NULL);
    if (!real) return fail(error, "cannot resolve path", errno);
    struct stat st;
    bool ok = true;
    if (stat(real, &st) != 0) ok = fail(error, "cannot stat", errno);
    else if (!inside_project(real, root))
        ok = refuse(error, "a symbolic link to %s, outside the scanned folder and its git work tree: not written",
                    real);
    else ok = may_replace(&st, real, error);
    if (!ok) {
        int err = errno;
        free(real);
        errno = err;
        return false;
    }
    pf_buf temp = PF_BUF_INIT;
    const char *slash = strrchr(real, '/');
    pf_buf_printf(&temp, "%.*s/.%s" TEMP_MARK "%ld-XXXXXX", (int)(slash - real), real, slash + 1, (long)getpid());
    int fd = mkstemp(temp.data);
    if (fd < 0) {
        ok = fail(error, "cannot create a temporary file", errno);
    } else {
        ok = write_temp(fd, &st, bytes, len, error);
        if (close(fd) != 0 && ok) ok = fail(error, "cannot close", errno);
        /* The last check before the rename keeps the window for a lost update as small as it can be. */
        if (ok) ok = unchanged(path, original, error);
        if (ok && rename(temp.data, real) != 0) ok = fail(error, "cannot rename into place", errno);
        if (!ok) {
            int err = errno;
            unlink(temp.data);
            errno = err;
        }
    }
    int err = errno;
    pf_buf_free(&temp);
    free(real);
    errno = ok ? 0 : err;
    return ok;
}

/* The process id in a temporary file's name `.<name>.poolfix-<pid>-XXXXXX`, or 0 when the
 * name is not one (or `<name>` is not a source file name). */
static long temp_owner_pid(const char *entry) {
    if (entry[0] != '.') return 0;
    const char *mark = strstr(entry, TEMP_MARK);
    if (!mark || mark == entry + 1) return 0;
    char *name = pf_xstrndup(entry + 1, (size_t)(mark - entry - 1));
    pf_lang lang;
    bool source_name = pf_lang_for_path(name, &lang);
    free(name);
    const char *p = mark + strlen(TEMP_MARK);
    char *end;
    long pid = strtol(p, &end, 10);
    if (!source_name || end == p || pid <= 0 || *end != '-' || strlen(end + 1) != 6) return 0;
    for (const char *c = end + 1; *c; c++)
        if (!isalnum((unsigned char)*c)) return 0;
    return pid;
}

size_t pf_apply_remove_stale(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t removed = 0;
    pf_buf path = PF_BUF_INIT;
    for (struct dirent *entry; (entry = readdir(d)) != NULL;) {
        long pid = temp_owner_pid(entry->d_name);
        /* A process that still runs may be writing it now (another poolfix). */
        if (pid == 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        pf_buf_clear(&path);
        pf_buf_printf(&path, "%s/%s", dir, entry->d_name);
        struct stat st;
        if (lstat(path.data, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) continue;
        removed += unlink(path.data) == 0;
    }
    pf_buf_free(&path);
    closedir(d);
    return removed;
}
