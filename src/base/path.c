/* Path helpers (see path.h). */
#include "poolfix/path.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"

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

/* Whether a path holding byte `c` is quoted: control characters, '"', '\\', DEL and, when
 * `quote_non_ascii`, every byte of a non-ASCII character. */
static bool needs_quote(unsigned char c, bool quote_non_ascii) {
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7f || (quote_non_ascii && c > 0x7f);
}

void pf_path_append_quoted(pf_buf *out, const char *prefix, const char *path, bool quote_non_ascii) {
    const unsigned char *p = (const unsigned char *)path;
    while (*p && !needs_quote(*p, quote_non_ascii)) p++;
    if (!*p) {
        pf_buf_puts(out, prefix);
        pf_buf_puts(out, path);
        return;
    }
    pf_buf_putc(out, '"');
    pf_buf_puts(out, prefix);
    static const char named[] = "abtnvfr"; /* the escapes of bytes 7 ('\a') to 13 ('\r') */
    for (p = (const unsigned char *)path; *p; p++) {
        if (!needs_quote(*p, quote_non_ascii)) pf_buf_putc(out, (char)*p);
        else if (*p >= '\a' && *p <= '\r') pf_buf_printf(out, "\\%c", named[*p - '\a']);
        else if (*p == '"' || *p == '\\') pf_buf_printf(out, "\\%c", *p);
        else pf_buf_printf(out, "\\%03o", *p);
    }
    pf_buf_putc(out, '"');
}

char *pf_path_printable(const char *path) {
    pf_buf out = PF_BUF_INIT;
    pf_path_append_quoted(&out, "", path, false);
    return pf_buf_take(&out, NULL);
}

const char *pf_url_join(pf_arena *arena, const char *prefix, const char *path) {
    pf_buf url = PF_BUF_INIT;
    const char *parts[2] = {prefix, path};
    for (int i = 0; i < 2; i++) {
        const char *s = parts[i];
        while (*s == '/') s++;
        size_t n = strlen(s);
        while (n && s[n - 1] == '/') n--;
        if (n) pf_buf_printf(&url, "/%.*s", (int)n, s);
    }
    const char *joined = pf_arena_strdup(arena, url.len ? url.data : "");
    pf_buf_free(&url);
    return joined;
}
