/* Tests of atomic in-place writes. */
#include "support.h"

#include "poolfix/apply.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

/* Reads `path` as a source (the state a run would have seen). */
static void read_source(const char *path, pf_source *out) {
    char *error = NULL;
    assert_int_equal(pf_source_read(path, out, &error), PF_SOURCE_OK);
}

/* Counts the entries of a folder (to prove no temporary file is left behind). */
static int entries(const char *dir) {
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    closedir(d);
    return n;
}

static void test_write_keeps_mode(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "a.ts", "old\n");
    char *path = test_join(dir, "a.ts");
    chmod(path, 0640);
    pf_source source;
    read_source(path, &source);
    char *error = NULL;
    assert_true(pf_apply_write(path, dir, &source, "new\n", 4, &error));
    char *back = test_read(path, NULL);
    assert_string_equal(back, "new\n");
    struct stat st;
    stat(path, &st);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(entries(dir), 1);
    free(back);
    pf_source_free(&source);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void test_refuses_changed_file(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "a.ts", "old\n");
    char *path = test_join(dir, "a.ts");
    pf_source source;
    read_source(path, &source);
    test_write_str(dir, "a.ts", "someone else's edit\n");
    char *error = NULL;
    assert_false(pf_apply_write(path, dir, &source, "new\n", 4, &error));
    assert_non_null(strstr(error, "changed since it was read"));
    free(error);
    char *back = test_read(path, NULL);
    assert_string_equal(back, "someone else's edit\n");
    assert_int_equal(entries(dir), 1);
    free(back);
    pf_source_free(&source);
    free(path);
    test_rmtree(dir);
    free(dir);
}

static void test_symlink_target_is_written(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "real.ts", "old\n");
    char *real = test_join(dir, "real.ts"), *link = test_join(dir, "link.ts");
    assert_int_equal(symlink("real.ts", link), 0);
    pf_source source;
    read_source(link, &source);
    char *error = NULL;
    assert_true(pf_apply_write(link, dir, &source, "new\n", 4, &error));
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode)); /* the link survives */
    char *back = test_read(real, NULL);
    assert_string_equal(back, "new\n");
    free(back);
    pf_source_free(&source);
    free(real);
    free(link);
    test_rmtree(dir);
    free(dir);
}

static void test_missing_file(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "a.ts", "old\n");
    char *path = test_join(dir, "a.ts");
    pf_source source;
    read_source(path, &source);
    unlink(path);
    char *error = NULL;
    assert_false(pf_apply_write(path, dir, &source, "new\n", 4, &error));
    assert_non_null(strstr(error, "No such file"));
    free(error);
    assert_int_equal(entries(dir), 0);
    pf_source_free(&source);
    free(path);
    test_rmtree(dir);
    free(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_keeps_mode),
        cmocka_unit_test(test_refuses_changed_file),
        cmocka_unit_test(test_symlink_target_is_written),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
