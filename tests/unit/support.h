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
/* Writes dir/prisma/schema.prisma: PostgreSQL, a User with many Posts. */
void test_write_users_and_posts(const char *dir);
/* Reads a whole file into a malloc'd NUL-terminated buffer; NULL if it cannot. */
char *test_read(const char *path, size_t *len);
/* Joins two path parts into a malloc'd string. */
char *test_join(const char *dir, const char *rel);
/* Runs a shell command in `dir`; returns its exit status. */
int test_sh(const char *dir, const char *command);

#endif

#include "poolfix/queries.h"

/* A parsed snippet with its model, for tests of the analysis and the passes. */
typedef struct test_code {
    pf_arena arena;
    TSParser *parser;
    pf_syntax syntax;
    pf_model model;
    pf_client_names *clients;
} test_code;

/* Parses `text` as the file `path` (its extension picks the grammar, its folders the
 * route) and builds the model with the default client names and `schema` (may be NULL). */
void test_code_parse(test_code *code, const char *path, const char *text, const pf_schema *schema);
void test_code_free(test_code *code);
/* The first node of `type` whose text starts with `prefix` (fails the test if none). */
TSNode test_find(const test_code *code, const char *type, const char *prefix);

struct pf_file_context;
struct pf_file_result;
/* Processes `text` as the library file lib/x.ts with `context` (NULL: the first stage's, on
 * its own), default options and no schema, into `result` (its `file` is then NULL). */
void test_process_text(const char *text, const struct pf_file_context *context, struct pf_file_result *result);

#include "poolfix/report.h"
#include "poolfix/workspace.h"

/* A scan run in process, as the workspace runs it (default options, quiet, one thread), and
 * its report. */
typedef struct test_scan {
    pf_options options;
    pf_run run;
    pf_report report;
} test_scan;

/* Scans `dir` (no rewrites) with the schema found in it, and when `route` is not NULL,
 * --endpoint ROUTE [--method METHOD]. */
void test_scan_selected(test_scan *s, const char *dir, const char *route, const char *method);
/* Scans all of `dir`. */
void test_scan_dir(test_scan *s, const char *dir);
/* Scans all of `dir` on `jobs` threads, the first stage parsing in `order`; with `rewrite`,
 * each result holds its file's rewritten text too (as diff and apply run). */
void test_scan_ordered(test_scan *s, const char *dir, pf_first_stage_order order, int jobs, bool rewrite);
void test_scan_free(test_scan *s);
/* The report of a scan in `format`, malloc'd. */
char *test_scan_render(test_scan *s, pf_format format, bool color);
