/* Atomic in-place writes (see apply.h). */
#include "poolfix/apply.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Sets `*error` to "<what>: <strerror(err)>" and returns false. */
static bool fail(char **error, const char *what, int err) {
    pf_buf msg = PF_BUF_INIT;
    pf_buf_printf(&msg, "%s: %s", what, strerror(err));
    *error = pf_buf_take(&msg, NULL);
    return false;
}

/* Whether the file still holds exactly the bytes that were read. */
static bool unchanged(const char *path, const pf_source *original, char **error) {
    pf_source now;
    char *cause = NULL;
    if (pf_source_read(path, &now, &cause) != PF_SOURCE_OK) {
        pf_buf msg = PF_BUF_INIT;
        pf_buf_printf(&msg, "cannot re-read before writing: %s", cause);
        free(cause);
        *error = pf_buf_take(&msg, NULL);
        return false;
    }
    bool same = now.len == original->len && memcmp(now.bytes, original->bytes, now.len) == 0;
    pf_source_free(&now);
    if (!same) *error = pf_xstrdup("changed since it was read; not written (run poolfix again)");
    return same;
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

bool pf_apply_write(const char *path, const pf_source *original, const char *bytes, size_t len, char **error) {
    char *real = realpath(path, NULL);
    if (!real) return fail(error, "cannot resolve path", errno);
    struct stat st;
    if (stat(real, &st) != 0) {
        free(real);
        return fail(error, "cannot stat", errno);
    }
    pf_buf temp = PF_BUF_INIT;
    const char *slash = strrchr(real, '/');
    pf_buf_printf(&temp, "%.*s/.%s.poolfix-XXXXXX", (int)(slash - real), real, slash + 1);
    int fd = mkstemp(temp.data);
    bool ok = fd >= 0;
    int err = errno;
    const char *step = "cannot create a temporary file";
    if (ok) {
        /* Owner first: fchown can clear set-id bits, which fchmod then restores. */
        if (fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM) ok = false, err = errno, step = "cannot set owner";
        if (ok && fchmod(fd, st.st_mode & 07777) != 0) ok = false, err = errno, step = "cannot set mode";
        if (ok && !write_all(fd, bytes, len)) ok = false, err = errno, step = "cannot write";
        if (ok && fsync(fd) != 0) ok = false, err = errno, step = "cannot sync";
        if (close(fd) != 0 && ok) ok = false, err = errno, step = "cannot close";
    }
    /* The last check before the rename keeps the window for a lost update as small as it can be. */
    if (ok && !unchanged(path, original, error)) {
        unlink(temp.data);
        pf_buf_free(&temp);
        free(real);
        return false;
    }
    if (ok && rename(temp.data, real) != 0) ok = false, err = errno, step = "cannot rename into place";
    if (!ok) {
        if (fd >= 0) unlink(temp.data);
        fail(error, step, err);
    }
    pf_buf_free(&temp);
    free(real);
    return ok;
}
