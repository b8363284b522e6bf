/* Tests of the cache's parts: XXH64 against the values its specification publishes, the
 * run's key salt (a change of version, build or any result-changing option gives another),
 * the entry store (what is put is got; short, damaged and misplaced entries are refused),
 * a file result as bytes (read back whole; cut short, refused and left as it was), and what
 * a result keeps of its calls' costs (nothing when every call costs nothing). */
#include "support.h"

#include "poolfix/cache.h"
#include "poolfix/engine.h"
#include "poolfix/hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_xxh64_vectors(void **state) {
    (void)state;
    assert_true(pf_xxh64("", 0, 0) == 0xEF46DB3751D8E999ULL);
    assert_true(pf_xxh64("abc", 3, 0) == 0x44BC2CF5AD770999ULL);
    static const char spam[] = "Nobody inspects the spammish repetition"; /* 39 bytes: stripes, then a tail */
    assert_true(pf_xxh64(spam, sizeof(spam) - 1, 0) == 0xFBCEA83C8A378BF1ULL);
    pf_hash a = pf_hash_bytes(spam, sizeof(spam) - 1), b = pf_hash_bytes(spam, sizeof(spam) - 2);
    assert_true(a.lo != b.lo && a.hi != b.hi && a.lo != a.hi);
    char hex[33];
    pf_hash_hex((pf_hash){0x0123456789abcdefULL, 0xfedcba9876543210ULL}, hex);
    assert_string_equal(hex, "fedcba98765432100123456789abcdef");
}

/* Whether two hashes are equal. */
static bool same(pf_hash a, pf_hash b) {
    return a.lo == b.lo && a.hi == b.hi;
}

static void test_salt_changes_with_inputs(void **state) {
    (void)state;
    pf_options options;
    pf_options_init(&options);
    pf_hash base = pf_cache_salt("1.0.0", "build-a", &options);
    assert_true(same(base, pf_cache_salt("1.0.0", "build-a", &options)));
    assert_false(same(base, pf_cache_salt("1.0.1", "build-a", &options)));
    assert_false(same(base, pf_cache_salt("1.0.0", "build-b", &options)));
    /* Each option that changes a file's findings or rewrites changes the salt. */
    pf_options changed = options;
    changed.batch_size++;
    assert_false(same(base, pf_cache_salt("1.0.0", "build-a", &changed)));
    changed = options;
    changed.take = 3;
    assert_false(same(base, pf_cache_salt("1.0.0", "build-a", &changed)));
    changed = options;
    changed.passes ^= 1;
    assert_false(same(base, pf_cache_salt("1.0.0", "build-a", &changed)));
    changed = options;
    changed.thresholds.sequential_medium++;
    assert_false(same(base, pf_cache_salt("1.0.0", "build-a", &changed)));
    changed = options;
    changed.include_generated = true;
    assert_false(same(base, pf_cache_salt("1.0.0", "build-a", &changed)));
    char *names[] = {"db"};
    changed = options;
    changed.client_names = names;
    changed.client_name_count = 1;
    assert_false(same(base, pf_cache_salt("1.0.0", "build-a", &changed)));
    /* What only decides how a report is shown does not. */
    changed = options;
    changed.format = PF_FORMAT_JSON;
    changed.quiet = true;
    changed.jobs = 7;
    assert_true(same(base, pf_cache_salt("1.0.0", "build-a", &changed)));
}

/* The one entry file below `dir` (fails when there is not exactly one). */
static char *only_entry(const char *dir) {
    char command[512];
    snprintf(command, sizeof(command), "find '%s' -type f ! -name .gitignore ! -name list > '%s/list'", dir, dir);
    assert_int_equal(test_sh(dir, command), 0);
    char *list_path = test_join(dir, "list");
    char *list = test_read(list_path, NULL);
    free(list_path);
    char *newline = strchr(list, '\n');
    assert_non_null(newline);
    *newline = '\0';
    assert_true(newline[1] == '\0');
    return list;
}

static void test_store(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    char *folder = test_join(dir, "cache");
    pf_cache *cache = pf_cache_open(folder, "0123456789abcdef0123456789abcdef");
    pf_hash key = pf_hash_bytes("key", 3), other = pf_hash_bytes("other", 5);
    pf_buf got = PF_BUF_INIT;
    assert_false(pf_cache_get(cache, key, &got));
    pf_cache_put(cache, key, "payload bytes", 13);
    assert_true(pf_cache_get(cache, key, &got));
    assert_int_equal(got.len, 13);
    assert_memory_equal(got.data, "payload bytes", 13);
    assert_false(pf_cache_get(cache, other, &got));
    size_t lookups;
    assert_int_equal(pf_cache_hits(cache, &lookups), 1);
    assert_int_equal(lookups, 3);

    /* The entry moved to another key's place is refused. */
    char *entry = only_entry(folder);
    char hex[33];
    pf_hash_hex(other, hex);
    char *moved = malloc(strlen(folder) + 80);
    sprintf(moved, "%s/0123456789abcdef0123456789abcdef/%.2s", folder, hex);
    char command[1024];
    snprintf(command, sizeof(command), "mkdir -p '%s' && cp '%s' '%s/%s'", moved, entry, moved, hex + 2);
    assert_int_equal(test_sh(dir, command), 0);
    pf_buf_clear(&got);
    assert_false(pf_cache_get(cache, other, &got));
    /* A changed payload byte, or a cut entry, is refused; a put replaces it. */
    snprintf(command, sizeof(command), "printf x | dd of='%s' bs=1 seek=45 conv=notrunc 2>/dev/null", entry);
    assert_int_equal(test_sh(dir, command), 0);
    assert_false(pf_cache_get(cache, key, &got));
    assert_int_equal(got.len, 0);
    pf_cache_put(cache, key, "payload bytes", 13);
    assert_true(pf_cache_get(cache, key, &got));
    snprintf(command, sizeof(command), "truncate -s 40 '%s'", entry);
    assert_int_equal(test_sh(dir, command), 0);
    pf_buf_clear(&got);
    assert_false(pf_cache_get(cache, key, &got));

    /* Another build's cache removes this one's entries on its first write, and only them. */
    char *mine = test_join(folder, "keep-me.txt");
    test_write_str(folder, "keep-me.txt", "not the cache's");
    pf_cache *next = pf_cache_open(folder, "fedcba9876543210fedcba9876543210");
    pf_cache_put(next, key, "x", 1);
    pf_buf_clear(&got);
    assert_false(pf_cache_get(next, other, &got));
    char *old_build = test_join(folder, "0123456789abcdef0123456789abcdef");
    snprintf(command, sizeof(command), "test ! -e '%s' && test -f '%s'", old_build, mine);
    assert_int_equal(test_sh(dir, command), 0);
    pf_cache_close(next);

    free(old_build);
    free(mine);
    free(moved);
    free(entry);
    pf_buf_free(&got);
    pf_cache_close(cache);
    free(folder);
    test_rmtree(dir);
    free(dir);
}

static void test_result_bytes(void **state) {
    (void)state;
    pf_file_result result;
    memset(&result, 0, sizeof(result));
    pf_arena_init(&result.arena);
    result.route = "/api/x";
    result.syntax_errors = true;
    result.output = pf_xstrdup("rewritten\n");
    result.output_len = 10;
    pf_finding *f = PF_VEC_PUSH(&result.arena, result.findings);
    f->rule = PF_RULE_PARALLEL_FANOUT;
    f->severity = PF_SEVERITY_HIGH;
    f->start = 5, f->end = 50, f->line = 2, f->end_line = 9, f->queries = 7, f->trips = -1;
    f->fixable = f->suppressed = f->in_transaction = true;
    f->pass = "batch", f->message = "m", f->decline = NULL, f->relation = NULL, f->function = "GET", f->method = "GET";
    *PF_VEC_PUSH(&result.arena, result.problems) = "a problem";
    *PF_VEC_PUSH(&result.arena, result.passes_applied) = "batch";
    result.imports.specifiers = pf_xcalloc(2, sizeof(char *));
    result.imports.specifiers[result.imports.count++] = pf_xstrdup("./x");
    result.imports.may_declare_endpoint = true;
    pf_buf bytes = PF_BUF_INIT;
    pf_result_encode(&result, &bytes);

    pf_file_result back;
    memset(&back, 0, sizeof(back));
    pf_arena_init(&back.arena);
    assert_true(pf_result_decode(bytes.data, bytes.len, &back));
    assert_string_equal(back.route, "/api/x");
    assert_null(back.skipped);
    assert_true(back.syntax_errors);
    assert_int_equal(back.output_len, 10);
    assert_string_equal(back.output, "rewritten\n");
    assert_int_equal(back.findings.len, 1);
    const pf_finding *g = &back.findings.items[0];
    assert_int_equal(g->rule, f->rule);
    assert_int_equal(g->severity, f->severity);
    assert_int_equal(g->start, 5);
    assert_int_equal(g->end_line, 9);
    assert_int_equal(g->queries, 7);
    assert_int_equal(g->trips, -1);
    assert_true(g->fixable && g->suppressed && g->in_transaction && !g->unbounded && !g->changes_results);
    assert_string_equal(g->pass, "batch");
    /* Pass names come back as the passes' own strings, shared by every result. */
    const pf_pass *batch = pf_pass_named("batch", 5, NULL);
    assert_ptr_equal(g->pass, batch->name);
    assert_null(g->decline);
    assert_string_equal(g->method, "GET");
    assert_string_equal(back.problems.items[0], "a problem");
    assert_string_equal(back.passes_applied.items[0], "batch");
    assert_ptr_equal(back.passes_applied.items[0], batch->name);
    assert_int_equal(back.imports.count, 1);
    assert_string_equal(back.imports.specifiers[0], "./x");
    assert_true(back.imports.may_declare_endpoint);
    pf_file_result_free(&back);

    /* Every cut is refused and leaves the result empty. */
    for (size_t cut = 0; cut < bytes.len; cut++) {
        memset(&back, 0, sizeof(back));
        pf_arena_init(&back.arena);
        assert_false(pf_result_decode(bytes.data, cut, &back));
        assert_null(back.output);
        assert_int_equal(back.findings.len, 0);
        assert_int_equal(back.imports.count, 0);
        pf_file_result_free(&back);
    }
    pf_buf_free(&bytes);

    /* A pass name no pass has, or a pass's alias in its place, is damage. */
    static const char *const foreign[] = {"nosuchpass", "", NULL};
    for (size_t k = 0; foreign[k]; k++) {
        const char *name = foreign[k];
        f->pass = name;
        pf_result_encode(&result, &bytes);
        memset(&back, 0, sizeof(back));
        pf_arena_init(&back.arena);
        assert_false(pf_result_decode(bytes.data, bytes.len, &back));
        assert_int_equal(back.findings.len, 0);
        pf_file_result_free(&back);
        pf_buf_free(&bytes);
    }
    for (size_t i = 0; i < pf_pass_count; i++) {
        if (!pf_passes[i]->alias) continue;
        f->pass = pf_passes[i]->alias;
        pf_result_encode(&result, &bytes);
        memset(&back, 0, sizeof(back));
        pf_arena_init(&back.arena);
        assert_false(pf_result_decode(bytes.data, bytes.len, &back));
        pf_file_result_free(&back);
        pf_buf_free(&bytes);
    }
    pf_file_result_free(&result);
}

/* A result keeps the costs of its calls only when some call costs something: NULL stands for
 * a list of zeros wherever the costs are read. */
static void test_call_costs_kept_only_when_a_call_costs(void **state) {
    (void)state;
    pf_file_result result;
    test_process_text("import { load } from './load';\n"
                      "export async function list() {\n  await load();\n  return prisma.user.findMany();\n}\n",
                      NULL, &result);
    assert_non_null(result.summary);
    assert_int_equal(result.summary->calls.len, 1); /* load(): another file's, unknown here */
    assert_null(result.call_costs);
    pf_file_result_free(&result);

    test_process_text("async function load() {\n  return prisma.user.findMany();\n}\n"
                      "export async function list() {\n  console.log('x');\n  await load();\n}\n",
                      NULL, &result);
    assert_non_null(result.summary);
    assert_non_null(result.call_costs);
    size_t costly = 0;
    for (size_t i = 0; i < result.summary->calls.len; i++) {
        bool is_load = strcmp(result.summary->calls.items[i].callee, "load") == 0;
        assert_int_equal(result.call_costs[i].total, is_load ? 1 : 0);
        costly += is_load;
    }
    assert_int_equal(costly, 1);
    pf_file_result_free(&result);
}

/* The call costs of a result come back as they were, and a count outside [0, PF_COUNT_MAX]
 * (what a 32-bit measure holds) is damage. The costs are the encoding's last bytes: per call
 * three 64-bit counts and two flags of 32 bits. */
static void test_call_costs_bytes(void **state) {
    (void)state;
    pf_file_result result;
    test_process_text("async function load() {\n  return Promise.all([prisma.user.count(), prisma.post.count()]);\n}\n"
                      "export async function list() {\n  await load();\n}\n",
                      NULL, &result);
    assert_non_null(result.call_costs);
    size_t last = result.summary->calls.len - 1;
    assert_string_equal(result.summary->calls.items[last].callee, "load");
    assert_int_equal(result.call_costs[last].width, 2);
    pf_buf bytes = PF_BUF_INIT;
    pf_result_encode(&result, &bytes);
    const size_t width_at = bytes.len - 3 * sizeof(int64_t) - 2 * sizeof(uint32_t);
    static const int64_t widths[] = {2, PF_COUNT_MAX, PF_COUNT_MAX + 1, -1, INT64_MAX};
    for (size_t k = 0; k < sizeof(widths) / sizeof(*widths); k++) {
        memcpy(bytes.data + width_at, &widths[k], sizeof(int64_t));
        pf_file_result back;
        memset(&back, 0, sizeof(back));
        pf_arena_init(&back.arena);
        bool in_range = widths[k] >= 0 && widths[k] <= PF_COUNT_MAX;
        assert_int_equal(pf_result_decode(bytes.data, bytes.len, &back), in_range);
        if (in_range) {
            assert_int_equal(back.call_costs[last].width, widths[k]);
            assert_int_equal(back.call_costs[last].total, 2);
            assert_int_equal(back.call_costs[last].rounds, 1);
        }
        pf_file_result_free(&back);
    }
    pf_buf_free(&bytes);
    pf_file_result_free(&result);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xxh64_vectors),
        cmocka_unit_test(test_salt_changes_with_inputs),
        cmocka_unit_test(test_store),
        cmocka_unit_test(test_result_bytes),
        cmocka_unit_test(test_call_costs_kept_only_when_a_call_costs),
        cmocka_unit_test(test_call_costs_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
