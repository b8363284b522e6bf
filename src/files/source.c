/* Reading source files and recording what a rewrite must keep; which files are sources (see
 * source.h). */
#include "poolfix/source.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t pf_utf8_invalid_offset(const char *bytes, size_t len) {
    const unsigned char *s = (const unsigned char *)bytes;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) need = 1, min = 0x80;
        else if (c >= 0xE0 && c <= 0xEF) need = 2, min = 0x800;
        else if (c >= 0xF0 && c <= 0xF4) need = 3, min = 0x10000;
        else return i;
        if (len - i <= need) return i;
        unsigned cp = c & (0x3F >> need);
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid. */
        if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
        i += need + 1;
    }
    return (size_t)-1;
}

/* Picks the line ending a rewrite should use for new lines: the majority style, LF on a tie. */
static const char *dominant_newline(const char *text, size_t len) {
    size_t lf = 0, crlf = 0, cr = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') lf += i == 0 || text[i - 1] != '\r';
        else if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') crlf++;
        else if (text[i] == '\r') cr++;
    }
    if (crlf > lf && crlf >= cr) return "\r\n";
    if (cr > lf && cr > crlf) return "\r";
    return "\n";
}

bool pf_text_unify_line_ends(const char *text, size_t len, pf_buf *out) {
    const char *cr = memchr(text, '\r', len);
    while (cr && cr + 1 < text + len && cr[1] == '\n') cr = memchr(cr + 2, '\r', (size_t)(text + len - cr - 2));
    if (!cr) return false;
    pf_buf_append(out, text, len);
    for (size_t i = (size_t)(cr - text); i < len; i++)
        if (out->data[i] == '\r' && (i + 1 == len || out->data[i + 1] != '\n')) out->data[i] = '\n';
    return true;
}

pf_source_status pf_source_from_bytes(char *bytes, size_t len, pf_source *out, char **error) {
    memset(out, 0, sizeof(*out));
    if (memchr(bytes, '\0', len)) {
        free(bytes);
        *error = pf_xstrdup("binary file (contains NUL bytes)");
        return PF_SOURCE_BINARY;
    }
    size_t bad = pf_utf8_invalid_offset(bytes, len);
    if (bad != (size_t)-1) {
        free(bytes);
        char msg[96];
        snprintf(msg, sizeof(msg), "not valid UTF-8 (byte offset %zu)", bad);
        *error = pf_xstrdup(msg);
        return PF_SOURCE_NOT_UTF8;
    }
    out->bytes = bytes;
    out->len = len;
    out->bom_len = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    out->text = bytes + out->bom_len;
    out->text_len = len - out->bom_len;
    out->newline = dominant_newline(out->text, out->text_len);
    return PF_SOURCE_OK;
}

/* Formats "<what>: <strerror>" for the one-line error a caller prints after the path (when
 * it wants one: `error` may be NULL). */
static bool fail_errno(const char *what, int err, char **error) {
    char msg[256];
    snprintf(msg, sizeof(msg), "%s%s%s", what, *what ? ": " : "", strerror(err));
    if (error) *error = pf_xstrdup(msg);
    return false;
}

/* What a file that is not a regular file is, for the message that refuses it. */
static const char *kind_of_file(mode_t mode) {
    if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

bool pf_file_read(const char *path, size_t max_len, pf_buf *out, char **error) {
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return fail_errno("", errno, error);
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        close(fd);
        return fail_errno("", err, error);
    }
    if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode)) {
        close(fd);
        if (S_ISDIR(st.st_mode)) return fail_errno("", EISDIR, error);
        char msg[96];
        snprintf(msg, sizeof(msg), "%s, not a regular file", kind_of_file(st.st_mode));
        if (error) *error = pf_xstrdup(msg);
        return false;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    /* The size can change while it is read (a file still being written): the cap is checked
     * on what is read, not on what fstat said. */
    bool ok = true;
    char chunk[65536];
    for (;;) {
        size_t want = max_len - out->len < sizeof(chunk) ? max_len - out->len + 1 : sizeof(chunk);
        ssize_t got = read(fd, chunk, want);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            ok = fail_errno("read", errno, error);
            break;
        }
        if (got == 0) break;
        if ((size_t)got > max_len - out->len) {
            char msg[96];
            snprintf(msg, sizeof(msg), "larger than %zu MiB", max_len >> 20);
            if (error) *error = pf_xstrdup(msg);
            ok = false;
            break;
        }
        pf_buf_append(out, chunk, (size_t)got);
    }
    close(fd);
    if (ok && !out->data) pf_buf_append(out, "", 0);
    return ok;
}

pf_source_status pf_source_read(const char *path, pf_source *out, char **error) {
    memset(out, 0, sizeof(*out));
    pf_buf bytes = PF_BUF_INIT;
    if (!pf_file_read(path, PF_FILE_MAX_BYTES, &bytes, error)) {
        pf_buf_free(&bytes);
        return PF_SOURCE_UNREADABLE;
    }
    size_t len;
    char *data = pf_buf_take(&bytes, &len);
    return pf_source_from_bytes(data, len, out, error);
}

void pf_source_free(pf_source *source) {
    free(source->bytes);
    memset(source, 0, sizeof(*source));
}

/* Returns the extension of the last path component, without the dot, or "". */
static const char *path_extension(const char *path) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

bool pf_lang_for_path(const char *path, pf_lang *lang) {
    static const char *const typescript[] = {"ts", "mts", "cts"};
    static const char *const tsx[] = {"tsx", "js", "jsx", "mjs", "cjs"};
    const char *ext = path_extension(path);
    /* Declaration files (x.d.ts, x.d.mts) describe types only: they never run a query. */
    size_t stem = strlen(path) - strlen(ext);
    if (stem >= 3 && memcmp(path + stem - 3, ".d.", 3) == 0) return false;
    for (size_t i = 0; i < sizeof(typescript) / sizeof(*typescript); i++)
        if (strcmp(ext, typescript[i]) == 0) return *lang = PF_LANG_TYPESCRIPT, true;
    for (size_t i = 0; i < sizeof(tsx) / sizeof(*tsx); i++)
        if (strcmp(ext, tsx[i]) == 0) return *lang = PF_LANG_TSX, true;
    return false;
}

bool pf_path_has_types(const char *path) {
    const char *ext = path_extension(path);
    return ext[0] == 't' || ((ext[0] == 'm' || ext[0] == 'c') && ext[1] == 't');
}
