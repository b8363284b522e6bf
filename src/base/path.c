/* Path helpers (see path.h). */
#include "poolfix/path.h"

#include "poolfix/arena.h"

#include <stdbool.h>

#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

char *pf_path_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return pf_xstrdup(".");
    return pf_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

char *pf_path_for_display(const char *path) {
    if (path[0] != '/') return pf_xstrdup(strncmp(path, "./", 2) == 0 ? path + 2 : path);
    char *cwd = getcwd(NULL, 0);
    size_t n = cwd ? strlen(cwd) : 0;
    char *display = cwd && n > 1 && strncmp(path, cwd, n) == 0 && path[n] == '/' ? pf_xstrdup(path + n + 1)
                                                                                 : pf_xstrdup(path);
    free(cwd);
    return display;
}

const char *pf_path_below(const char *path, const char *folder) {
    size_t len = strlen(folder);
    if (strncmp(path, folder, len) != 0) return NULL;
    if (len > 0 && folder[len - 1] == '/') return path + len; /* folder is "/" */
    if (path[len] == '\0') return path + len;
    return path[len] == '/' ? path + len + 1 : NULL;
}

char *pf_path_work_tree_top(const char *dir) {
    char *top = realpath(dir, NULL);
    if (!top) return NULL;
    for (;;) {
        size_t n = strcmp(top, "/") == 0 ? 0 : strlen(top);
        char *probe = pf_xmalloc(n + 6);
        memcpy(probe, top, n);
        memcpy(probe + n, "/.git", 6);
        struct stat st;
        bool found = lstat(probe, &st) == 0;
        free(probe);
        if (found) return top;
        char *slash = strrchr(top, '/');
        if (!slash || n == 0) break;
        slash[slash == top] = '\0'; /* the parent, keeping the `/` of a folder at the root */
    }
    free(top);
    return NULL;
}
