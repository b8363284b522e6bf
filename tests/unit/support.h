/* Helpers shared by the cmocka unit tests: temporary folders and small file I/O. */
#ifndef POOLFIX_TEST_SUPPORT_H
#define POOLFIX_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

/* Creates a fresh folder under $TMPDIR; the caller removes it with test_rmtree(). */
char *test_mkdtemp(void);
/* Removes a folder tree (used on test_mkdtemp() folders only). */
void test_rmtree(const char *path);
/* Writes `len` bytes to dir/relpath, creating parent folders. */
void test_write(const char *dir, const char *relpath, const char *data, size_t len);
void test_write_str(const char *dir, const char *relpath, const char *text);
/* Reads a whole file into a malloc'd NUL-terminated buffer; NULL if it cannot. */
char *test_read(const char *path, size_t *len);
/* Joins two path parts into a malloc'd string. */
char *test_join(const char *dir, const char *rel);
/* Runs a shell command in `dir`; returns its exit status. */
int test_sh(const char *dir, const char *command);

#endif
