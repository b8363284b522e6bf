/* Test helpers (see support.h). */
/* nftw() is an X/Open interface. */
#define _XOPEN_SOURCE 700
#include "support.h"

#include "poolfix/clients.h"
#include "poolfix/engine.h"

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

void test_code_parse(test_code *code, const char *path, const char *text, const pf_schema *schema) {
    memset(code, 0, sizeof(*code));
    pf_arena_init(&code->arena);
    code->parser = ts_parser_new();
    pf_lang lang;
    assert_true(pf_lang_for_path(path, &lang));
    assert_true(pf_syntax_parse(code->parser, lang, text, strlen(text), &code->syntax));
    char *error = NULL;
    code->clients = pf_client_names_new(pf_default_client_names, pf_default_client_name_count, NULL, &error);
    assert_non_null(code->clients);
    pf_model_build(&code->model, &code->arena, &code->syntax, path, code->clients, schema);
}

void test_code_free(test_code *code) {
    pf_syntax_free(&code->syntax);
    ts_parser_delete(code->parser);
    pf_client_names_free(code->clients);
    pf_arena_free(&code->arena);
}

/* Depth-first search for test_find. */
static bool find_node(const test_code *code, TSNode node, const char *type, const char *prefix, TSNode *out) {
    if (pf_node_is(node, type) && pf_str_starts_with(pf_node_str(&code->syntax, node), prefix)) {
        *out = node;
        return true;
    }
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (find_node(code, ts_node_child(node, i), type, prefix, out)) return true;
    return false;
}

TSNode test_find(const test_code *code, const char *type, const char *prefix) {
    TSNode found;
    if (!find_node(code, code->syntax.root, type, prefix, &found)) fail_msg("no %s starting with %s", type, prefix);
    return found;
}

void test_process_text(const char *text, const pf_file_context *context, pf_file_result *result) {
    pf_options options;
    pf_options_init(&options);
    pf_client_names *clients = pf_client_names_new(pf_default_client_names, pf_default_client_name_count, NULL, NULL);
    pf_prefilter *prefilter = pf_prefilter_new();
    pf_import_scanner *scanner = pf_import_scanner_new();
    pf_engine engine = {&options, clients, prefilter, scanner, NULL, {0, 0}};
    pf_discovered file = {"lib/x.ts", "lib/x.ts", ".", "lib/x.ts", 0};
    pf_source source;
    char *error = NULL;
    assert_int_equal(pf_source_from_bytes(pf_xstrdup(text), strlen(text), &source, &error), PF_SOURCE_OK);
    pf_worker *worker = pf_worker_new(&engine);
    pf_engine_process_source(&engine, worker, &file, NULL, false, context, &source, result);
    result->file = NULL; /* `file` goes with this frame */
    pf_worker_free(worker);
    pf_import_scanner_free(scanner);
    pf_prefilter_free(prefilter);
    pf_client_names_free(clients);
    pf_options_free(&options);
}

void test_write_users_and_posts(const char *dir) {
    test_write_str(dir, "prisma/schema.prisma",
                   "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n\n"
                   "model User {\n  id    Int    @id\n  posts Post[]\n}\n\n"
                   "model Post {\n  id     Int  @id\n  userId Int\n  user   User @relation(fields: [userId], "
                   "references: [id])\n}\n");
}

/* Options for a scan of `dir`: the defaults, quiet, one thread. */
static void scan_start(test_scan *s, const char *dir) {
    memset(s, 0, sizeof(*s));
    pf_options_init(&s->options);
    s->options.quiet = true;
    s->options.jobs = 1;
    s->options.paths = calloc(1, sizeof(char *));
    s->options.paths[0] = strdup(dir);
    s->options.path_count = 1;
}

/* Runs the scan its options describe, and makes its report. */
static void scan_finish(test_scan *s, bool rewrite) {
    assert_int_equal(pf_run_analyse(&s->run, &s->options, rewrite), 0);
    s->report = (pf_report){&s->options,         s->run.files.files, s->run.results,  s->run.schemas,
                            s->run.files.count, s->run.skipped,     &s->run.engine, s->run.program};
}

void test_scan_selected(test_scan *s, const char *dir, const char *route, const char *method) {
    scan_start(s, dir);
    if (route) {
        s->options.endpoints = calloc(1, sizeof(char *));
        s->options.endpoints[0] = strdup(route);
        s->options.endpoint_count = 1;
        s->options.method = method ? strdup(method) : NULL;
    }
    scan_finish(s, false);
}

void test_scan_dir(test_scan *s, const char *dir) {
    test_scan_selected(s, dir, NULL, NULL);
}

void test_scan_ordered(test_scan *s, const char *dir, pf_first_stage_order order, int jobs, bool rewrite) {
    scan_start(s, dir);
    s->options.first_stage_order = order;
    s->options.jobs = jobs;
    scan_finish(s, rewrite);
}

void test_scan_free(test_scan *s) {
    pf_run_free(&s->run);
    pf_options_free(&s->options);
}

char *test_scan_render(test_scan *s, pf_format format, bool color) {
    s->options.format = format;
    s->options.color = color;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    pf_report_write(&s->report, out);
    fclose(out);
    return text;
}
