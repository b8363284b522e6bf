/* Next.js route mapping (see endpoint.h). */
#include "poolfix/endpoint.h"

#include "poolfix/buf.h"
#include "poolfix/str.h"

#include <stdlib.h>
#include <string.h>

bool pf_is_http_method(const char *name, size_t len) {
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
    for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
        if (pf_str_eq_c(pf_str_make(name, len), methods[i])) return true;
    return false;
}

/* Length of the path segment starting at `s` (up to the next '/' or the end). */
static size_t segment_len(const char *s) {
    const char *slash = strchr(s, '/');
    return slash ? (size_t)(slash - s) : strlen(s);
}

/* Strips a source extension from the last segment; false when it has none we read. */
static bool strip_extension(const char *seg, size_t len, size_t *stem) {
    static const char *const exts[] = {".ts", ".tsx", ".js", ".jsx", ".mts", ".cts", ".mjs", ".cjs"};
    for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
        size_t n = strlen(exts[i]);
        if (len > n && memcmp(seg + len - n, exts[i], n) == 0) {
            *stem = len - n;
            return true;
        }
    }
    return false;
}

/* Appends the URL segments between `from` and the last segment (exclusive), skipping the
 * ones Next.js keeps out of the URL: route groups `(x)` and parallel-route slots `@x`. */
static void append_url_segments(pf_buf *url, const char *from, const char *last) {
    for (const char *s = from; s < last;) {
        size_t n = segment_len(s);
        bool group = n >= 2 && s[0] == '(' && s[n - 1] == ')';
        bool slot = n >= 1 && s[0] == '@';
        if (n && !group && !slot) {
            pf_buf_putc(url, '/');
            pf_buf_append(url, s, n);
        }
        s += n + 1;
    }
}

const char *pf_route_for_path(pf_arena *arena, const char *relpath, pf_router *router) {
    *router = PF_ROUTER_NONE;
    const char *last = strrchr(relpath, '/');
    last = last ? last + 1 : relpath;
    size_t last_len = strlen(last), stem;
    if (!strip_extension(last, last_len, &stem)) return NULL;

    /* The routing root is the first `app` (for route files) or `pages/api` folder on the
     * path, so `src/app/...` and monorepo packages (`apps/web/app/...`) both map; a folder
     * named `app` deeper inside a route is part of the URL. */
    bool is_route_file = pf_str_eq_c(pf_str_make(last, stem), "route");
    pf_buf url = PF_BUF_INIT;
    const char *route = NULL;
    for (const char *s = relpath; s < last; s += segment_len(s) + 1) {
        size_t n = segment_len(s);
        if (is_route_file && pf_str_eq_c(pf_str_make(s, n), "app")) {
            append_url_segments(&url, s + n + 1, last);
            *router = PF_ROUTER_APP;
            break;
        }
        if (pf_str_eq_c(pf_str_make(s, n), "pages") && strncmp(s + n, "/api/", 5) == 0) {
            append_url_segments(&url, s + n + 1, last);
            if (!pf_str_eq_c(pf_str_make(last, stem), "index")) {
                pf_buf_putc(&url, '/');
                pf_buf_append(&url, last, stem);
            }
            *router = PF_ROUTER_PAGES;
            break;
        }
    }
    if (*router != PF_ROUTER_NONE) route = pf_arena_strdup(arena, url.len ? url.data : "/");
    pf_buf_free(&url);
    return route;
}

char *pf_endpoint_normalize(const char *route) {
    pf_buf out = PF_BUF_INIT;
    if (route[0] != '/') pf_buf_putc(&out, '/');
    pf_buf_puts(&out, route);
    while (out.len > 1 && out.data[out.len - 1] == '/') out.data[--out.len] = '\0';
    return pf_buf_take(&out, NULL);
}
