/* Test helpers (see support.h). */
/* nftw() is an X/Open interface. */
#define _XOPEN_SOURCE 700
#include "support.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *test_mkdtemp(void) {
    const char *tmp = getenv("TMPDIR");
    char *templ = test_join(tmp && *tmp ? tmp : "/tmp", "poolfix-test-XXXXXX");
    assert_non_null(mkdtemp(templ));
    return templ;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

void test_rmtree(const char *path) {
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *test_join(const char *dir, const char *rel) {
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

/* Creates every missing parent folder of `path`. */
static void make_parents(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST) fail_msg("mkdir %s: %s", path, strerror(errno));
        *p = '/';
    }
}

void test_write(const char *dir, const char *relpath, const char *data, size_t len) {
    char *path = test_join(dir, relpath);
    make_parents(path);
    FILE *f = fopen(path, "wb");
    if (!f) fail_msg("cannot write %s: %s", path, strerror(errno));
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    free(path);
}

void test_write_str(const char *dir, const char *relpath, const char *text) {
    test_write(dir, relpath, text, strlen(text));
}

char *test_read(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *data = malloc(cap);
    size_t got;
    while ((got = fread(data + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) data = realloc(data, cap *= 2);
    }
    fclose(f);
    data[n] = '\0';
    if (len) *len = n;
    return data;
}

int test_sh(const char *dir, const char *command) {
    size_t n = strlen(dir) + strlen(command) + 32;
    char *cmd = malloc(n);
    snprintf(cmd, n, "cd '%s' && %s", dir, command);
    int status = system(cmd);
    free(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
