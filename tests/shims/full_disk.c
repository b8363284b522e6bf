/* An LD_PRELOAD shim for tests/fulldisk/run.sh where no small tmpfs can be mounted: a disk
 * with room for POOLFIX_TEST_DISK_BYTES more bytes (of files named *.poolfix-*, apply's
 * temporary files). Once that is used up, write() fails with ENOSPC, as a full disk does;
 * every other write goes through. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef ssize_t (*write_fn)(int fd, const void *buf, size_t count);

/* Whether `fd` is open on one of apply's temporary files. */
static int is_temporary(int fd) {
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof(target) - 1);
    if (n <= 0) return 0;
    target[n] = '\0';
    return strstr(target, ".poolfix-") != NULL;
}

ssize_t write(int fd, const void *buf, size_t count) {
    static long room = -1;
    write_fn real = (write_fn)dlsym(RTLD_NEXT, "write");
    if (room < 0) {
        const char *bytes = getenv("POOLFIX_TEST_DISK_BYTES");
        room = bytes ? atol(bytes) : 0;
    }
    if (is_temporary(fd)) {
        if ((long)count > room) {
            errno = ENOSPC;
            return -1;
        }
        room -= (long)count;
    }
    return real(fd, buf, count);
}
