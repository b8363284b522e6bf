/* Tests of the report writers (report.h, src/report/report_internal.h): the shared wording and
 * ordering helpers; grouping and counting on a small synthetic project; and, on that
 * project and on the example app, the JSON contract of DESIGN.md, the SARIF structure GitHub
 * code scanning reads, and the agreement of the four formats on the findings. */
#include "support.h"

#include "report_internal.h"

#include "poolfix/clients.h"
#include "poolfix/path.h"
#include "poolfix/workspace.h"

#include <cJSON.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the shared helpers ---------------------------------------------------------------- */

/* Asserts what a pf_buf writer appended. */
#define ASSERT_WRITES(expected, call)                                                                                  \
    do {                                                                                                               \
        pf_buf out_ = PF_BUF_INIT;                                                                                     \
        pf_buf *out = &out_;                                                                                           \
        call;                                                                                                          \
        assert_string_equal(out_.data ? out_.data : "", expected);                                                     \
        pf_buf_free(&out_);                                                                                            \
    } while (0)

/* The "P parallel + S sequential = T connections" wording and its short forms. */
static void test_connections_wording(void **state) {
    (void)state;
    ASSERT_WRITES("9 parallel + 12 sequential = 21 connections", pf_report_connections(out, 9, 12, false, ""));
    ASSERT_WRITES("9 parallel + 12 sequential = **21 connections**", pf_report_connections(out, 9, 12, false, "**"));
    ASSERT_WRITES("11 parallel connections", pf_report_connections(out, 11, 0, false, ""));
    ASSERT_WRITES("**11 parallel connections**", pf_report_connections(out, 11, 0, false, "**"));
    ASSERT_WRITES("3 sequential connections", pf_report_connections(out, 1, 2, false, ""));
    ASSERT_WRITES("1 connection", pf_report_connections(out, 1, 0, false, ""));
    ASSERT_WRITES("0 connections", pf_report_connections(out, 0, 0, false, ""));
    ASSERT_WRITES("at least 7 parallel + 3 sequential = 10 connections", pf_report_connections(out, 7, 3, true, ""));
}

/* A function's figures: connections, round trips, and "unbounded" when a count grows. */
static void test_figures_wording(void **state) {
    (void)state;
    pf_measure h = {9, 21, 13, false};
    ASSERT_WRITES("9 parallel + 12 sequential = 21 connections, 13 round trips", pf_report_figures(out, &h, ""));
    pf_measure one = {1, 1, 1, false};
    ASSERT_WRITES("1 connection, 1 round trip", pf_report_figures(out, &one, ""));
    pf_measure grows = {7, 7, 1, true};
    ASSERT_WRITES("at least **7 parallel connections**, 1 round trip; unbounded: a count grows with the data",
                  pf_report_figures(out, &grows, "**"));
}

/* Line ranges and plural endings. */
static void test_lines_and_plural(void **state) {
    (void)state;
    ASSERT_WRITES("5-17", pf_report_lines(out, 5, 17));
    ASSERT_WRITES("17", pf_report_lines(out, 17, 17));
    assert_string_equal(pf_report_plural(1), "");
    assert_string_equal(pf_report_plural(0), "s");
    assert_string_equal(pf_report_plural(2), "s");
}

/* What every format says a finding's fix is: rewrite (opt-in, bounded results), decline,
 * no rewrite at all, suppressed. */
static void test_fix_wording(void **state) {
    (void)state;
    pf_options options;
    pf_options_init(&options);
    char model_name[] = "User", relation_name[] = "posts";
    pf_take_limit limit = {model_name, relation_name, 5};
    options.take_limits = &limit;
    options.take_limit_count = 1;

    pf_finding batch = {.rule = PF_RULE_PARALLEL_FANOUT, .fixable = true, .pass = "batch"};
    ASSERT_WRITES("rewrite: batch", pf_report_fix(out, &options, &batch));
    pf_finding take = {.rule = PF_RULE_UNBOUNDED_INCLUDE,
                       .fixable = true,
                       .pass = "take",
                       .changes_results = true,
                       .relation = "User.posts"};
    ASSERT_WRITES("rewrite: take (opt-in: --pass take; bounds what is returned: lists with more than 5 items come "
                  "back with 5)",
                  pf_report_fix(out, &options, &take));
    take.relation = "User.comments";
    ASSERT_WRITES("rewrite: take (opt-in: --pass take; bounds what is returned: lists with more than 10 items come "
                  "back with 10)",
                  pf_report_fix(out, &options, &take));
    pf_finding top = {.rule = PF_RULE_UNBOUNDED_FINDMANY, .fixable = true, .pass = "take-top", .changes_results = true};
    ASSERT_WRITES("rewrite: take-top (opt-in: --pass take-top; bounds what is returned: lists with more than 10 items "
                  "come back with 10)",
                  pf_report_fix(out, &options, &top));
    pf_finding declined = {.rule = PF_RULE_PARALLEL_FANOUT, .pass = "batch", .decline = "not rewritten: it writes"};
    ASSERT_WRITES("no rewrite: it writes", pf_report_fix(out, &options, &declined));
    assert_string_equal(pf_report_decline_reason(&declined), "it writes");
    pf_finding informational = {.rule = PF_RULE_SEQUENTIAL_QUERIES, .decline = "no rewrite: a judgement"};
    ASSERT_WRITES("no rewrite: a judgement", pf_report_fix(out, &options, &informational));
    pf_finding no_pass = {.rule = PF_RULE_LOOP_QUERIES};
    assert_null(pf_report_decline_reason(&no_pass));
    ASSERT_WRITES("no rewrite: poolfix has no rewrite for this pattern; fix it by hand",
                  pf_report_fix(out, &options, &no_pass));
    pf_finding suppressed = batch;
    suppressed.suppressed = true;
    ASSERT_WRITES("suppressed by a poolfix-ignore comment: not rewritten", pf_report_fix(out, &options, &suppressed));

    options.take_from_cli = true;
    options.take = 7;
    take.relation = "User.posts";
    assert_int_equal(pf_report_take_limit(&options, &take), 7);
    options.passes = 0;
    assert_false(pf_pass_selected(&options, "batch"));
    ASSERT_WRITES("rewrite: batch (not selected by --pass)", pf_report_fix(out, &options, &batch));
}

/* Blocks by severity, endpoints before code outside routes, then route and method, or file
 * and line. */
static void test_entry_order(void **state) {
    (void)state;
    pf_report_entry entries[] = {
        {.route = NULL, .function = "load", .file = "lib/a.ts", .line = 9, .severity = PF_SEVERITY_HIGH},
        {.route = "/api/b",
         .method = "GET",
         .function = "GET",
         .file = "app/api/b/route.ts",
         .severity = PF_SEVERITY_LOW},
        {.route = "/api/a",
         .method = "POST",
         .function = "POST",
         .file = "app/api/a/route.ts",
         .severity = PF_SEVERITY_HIGH},
        {.route = NULL, .function = "load", .file = "lib/a.ts", .line = 2, .severity = PF_SEVERITY_HIGH},
        {.route = "/api/a",
         .method = "GET",
         .function = "GET",
         .file = "app/api/a/route.ts",
         .severity = PF_SEVERITY_HIGH},
        {.route = "/api/c",
         .method = "GET",
         .function = "GET",
         .file = "app/api/c/route.ts",
         .severity = PF_SEVERITY_CRITICAL},
    };
    size_t n = sizeof(entries) / sizeof(*entries);
    /* Insertion sort with the comparator under test, so the test does not depend on qsort. */
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && pf_report_entry_compare(&entries[k - 1], &entries[k]) > 0; k--) {
            pf_report_entry swap = entries[k];
            entries[k] = entries[k - 1];
            entries[k - 1] = swap;
        }
    const char *expected[] = {"/api/c GET", "/api/a GET", "/api/a POST", "lib/a.ts:2", "lib/a.ts:9", "/api/b GET"};
    for (size_t i = 0; i < n; i++) {
        char got[64];
        if (entries[i].route) snprintf(got, sizeof(got), "%s %s", entries[i].route, entries[i].method);
        else snprintf(got, sizeof(got), "%s:%d", entries[i].file, entries[i].line);
        assert_string_equal(got, expected[i]);
    }
    assert_int_equal(pf_report_entry_compare(&entries[0], &entries[0]), 0);
}

/* Within a severity, more connections first, a count that grows with the data first among
 * equal ones, before any name: what to fix first comes first. */
static void test_entry_order_by_connections(void **state) {
    (void)state;
    pf_block small = {.figures = {2, 3, 2, false}}, large = {.figures = {9, 21, 13, false}},
             grows = {.figures = {1, 3, 3, true}};
    pf_report_entry a = {.route = "/api/a", .method = "GET", .function = "GET", .file = "a.ts",
                         .severity = PF_SEVERITY_HIGH, .block = &small};
    pf_report_entry z = {.route = "/api/z", .method = "GET", .function = "GET", .file = "z.ts",
                         .severity = PF_SEVERITY_HIGH, .block = &large};
    pf_report_entry f = {.function = "load", .file = "lib/load.ts", .severity = PF_SEVERITY_HIGH, .block = &grows};
    pf_report_entry critical = {.route = "/api/c", .method = "GET", .function = "GET", .file = "c.ts",
                                .severity = PF_SEVERITY_CRITICAL, .block = &small};
    assert_true(pf_report_entry_compare(&z, &a) < 0);        /* 21 connections before 3 */
    assert_true(pf_report_entry_compare(&z, &f) < 0);        /* 21 before at least 3 */
    assert_true(pf_report_entry_compare(&f, &a) < 0);        /* at least 3 before 3, function or not */
    assert_true(pf_report_entry_compare(&critical, &z) < 0); /* severity first */
    pf_report_entry same = a;
    same.route = "/api/b";
    assert_true(pf_report_entry_compare(&a, &same) < 0); /* then the route */
}

/* --- running a scan in process --------------------------------------------------------- */

/* A small project: a route with a GET (a fan-out of six, a nested relation, a suppressed
 * findMany) and a DELETE (three queries in a row), and a helper outside routes. */
static char *make_project(void) {
    char *dir = test_mkdtemp();
    test_write_users_and_posts(dir);
    test_write_str(dir, "app/api/items/route.ts",
                   "import { prisma } from '../../../lib/prisma';\n"
                   "\n"
                   "export async function GET() {\n"
                   "  const [a, b, c, d, e, f] = await Promise.all([\n"
                   "    prisma.user.count(),\n"
                   "    prisma.user.count(),\n"
                   "    prisma.post.count(),\n"
                   "    prisma.post.count(),\n"
                   "    prisma.user.findMany({ include: { posts: true }, take: 5 }),\n"
                   "    prisma.post.count(),\n"
                   "  ]);\n"
                   "  // poolfix-ignore-next-line unbounded-findmany\n"
                   "  const all = await prisma.post.findMany();\n"
                   "  return Response.json({ a, b, c, d, e, f, all });\n"
                   "}\n"
                   "\n"
                   "export async function DELETE() {\n"
                   "  const users = await prisma.user.count();\n"
                   "  const posts = await prisma.post.count();\n"
                   "  await prisma.post.deleteMany();\n"
                   "  return Response.json({ users, posts });\n"
                   "}\n");
    test_write_str(dir, "lib/load.ts",
                   "import { prisma } from './prisma';\n"
                   "\n"
                   "export async function loadAll() {\n"
                   "  return prisma.user.findMany();\n"
                   "}\n");
    return dir;
}

/* A project where two endpoints call one helper whose two loops query per element, and a
 * third endpoint runs one query and has no finding. */
static char *make_shared_helper_project(void) {
    char *dir = test_mkdtemp();
    test_write_str(dir, "lib/prisma.ts",
                   "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n");
    test_write_str(dir, "lib/sync.ts",
                   "import { prisma } from './prisma';\n"
                   "\n"
                   "export async function syncAll(ids: number[]) {\n"
                   "  for (const id of ids) {\n"
                   "    await prisma.user.update({ where: { id }, data: {} });\n"
                   "  }\n"
                   "  for (const id of ids) {\n"
                   "    await prisma.post.deleteMany({ where: { userId: id } });\n"
                   "  }\n"
                   "}\n");
    const char *caller = "import { syncAll } from '../../../lib/sync';\n"
                         "\n"
                         "export async function POST(request: Request) {\n"
                         "  await syncAll(await request.json());\n"
                         "  return Response.json({ ok: true });\n"
                         "}\n";
    test_write_str(dir, "app/api/a/route.ts", caller);
    test_write_str(dir, "app/api/b/route.ts", caller);
    test_write_str(dir, "app/api/c/route.ts",
                   "import { prisma } from '../../../lib/prisma';\n"
                   "\n"
                   "export async function GET() {\n"
                   "  return Response.json({ users: await prisma.user.count() });\n"
                   "}\n");
    return dir;
}

/* The example app of the repository: from $POOLFIX_TEST_DATA (tests/data, set by CTest),
 * else from this source file's location. */
static char *example_app(void) {
    const char *data = getenv("POOLFIX_TEST_DATA");
    if (data && *data) return test_join(data, "../../examples/next-prisma-app");
    const char *slash = strrchr(__FILE__, '/');
    char *dir = slash ? strndup(__FILE__, (size_t)(slash - __FILE__)) : strdup(".");
    char *path = test_join(dir, "../../examples/next-prisma-app");
    free(dir);
    return path;
}

/* --- grouping and counting -------------------------------------------------------------- */

/* Grouping into endpoints and functions, severities, shared routes, suppressed counts, order. */
static void test_model_of_project(void **state) {
    (void)state;
    char *dir = make_project();
    test_scan s;
    test_scan_dir(&s, dir);
    pf_report_model m;
    pf_report_model_build(&m, &s.report);

    assert_int_equal(m.endpoint_count, 2);
    assert_int_equal(m.function_count, 1);
    assert_int_equal(m.schema_count, 1);
    assert_string_equal(m.schemas[0], "prisma/schema.prisma");
    /* GET (high: six at once) before DELETE (medium: three in a row); both share the route. */
    assert_string_equal(m.endpoints[0].method, "GET");
    assert_int_equal(m.endpoints[0].severity, PF_SEVERITY_HIGH);
    assert_true(m.endpoints[0].shared_route);
    assert_string_equal(m.endpoints[0].file, "app/api/items/route.ts");
    assert_string_equal(m.endpoints[1].method, "DELETE");
    assert_int_equal(m.endpoints[1].severity, PF_SEVERITY_MEDIUM);
    assert_string_equal(m.functions[0].function, "loadAll");
    assert_null(m.functions[0].route);
    assert_string_equal(m.functions[0].file, "lib/load.ts");
    /* The suppressed findMany is kept and counted apart; it does not count per severity. */
    assert_int_equal(m.suppressed, 1);
    assert_int_equal(m.endpoints[0].suppressed, 1);
    assert_int_equal(m.by_rule[PF_RULE_PARALLEL_FANOUT], 1);
    assert_int_equal(m.by_rule[PF_RULE_UNBOUNDED_FINDMANY], 1); /* loadAll's, not the suppressed one */
    assert_int_equal(m.by_rule[PF_RULE_SEQUENTIAL_QUERIES], 1);
    size_t total = 0;
    for (int i = 0; i < PF_SEVERITY_COUNT; i++) total += m.by_severity[i];
    assert_int_equal(total + m.suppressed, m.item_count);
    /* Findings in line order within a block, and the flat list by file then line. */
    for (size_t i = 1; i < m.endpoints[0].finding_count; i++)
        assert_true(m.endpoints[0].findings[i - 1]->line <= m.endpoints[0].findings[i]->line);
    for (size_t i = 1; i < m.item_count; i++) {
        int c = strcmp(m.items[i - 1].entry->file, m.items[i].entry->file);
        assert_true(c < 0 || (c == 0 && m.items[i - 1].finding->line <= m.items[i].finding->line));
    }

    pf_report_model_free(&m);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* The index of the file at `relpath` in a scan, or fails the test. */
static size_t file_index(const test_scan *s, const char *relpath) {
    for (size_t i = 0; i < s->run.files.count; i++)
        if (strcmp(s->run.files.files[i].relpath, relpath) == 0) return i;
    fail_msg("no file %s in the scan", relpath);
    return 0;
}

/* A file with nothing to say holds no result (a monorepo has thousands), yet the report
 * counts it as scanned, and knows its schema; one left out as minified keeps its reason. */
static void test_files_without_result(void **state) {
    (void)state;
    char *dir = make_project();
    test_write_str(dir, "lib/format.ts", "export function format(n: number) {\n  return n.toFixed(2);\n}\n");
    test_write_str(dir, "public/vendor.min.js", "var a=1;\n");
    test_scan s;
    test_scan_dir(&s, dir);
    size_t plain = file_index(&s, "lib/format.ts"), route = file_index(&s, "app/api/items/route.ts"),
           minified = file_index(&s, "public/vendor.min.js");
    assert_null(s.run.results[plain]);
    assert_non_null(s.run.schemas[plain]);
    assert_non_null(s.run.results[route]);
    assert_non_null(s.run.results[route]->summary);
    assert_non_null(s.run.results[minified]);
    assert_non_null(s.run.results[minified]->generated);
    pf_report_model m;
    pf_report_model_build(&m, &s.report);
    assert_int_equal(s.run.files.count, 4);
    assert_int_equal(m.files_scanned, 3); /* all but the minified one */
    assert_int_equal(m.files_without_schema, 0);
    assert_int_equal(m.schema_count, 1);
    pf_report_model_free(&m);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* With --endpoint and --method, only the selected handler is reported. */
static void test_model_selection(void **state) {
    (void)state;
    char *dir = make_project();
    test_scan s;
    test_scan_selected(&s, dir, "/api/items", "DELETE");
    pf_report_model m;
    pf_report_model_build(&m, &s.report);
    assert_int_equal(m.endpoint_count, 1);
    assert_string_equal(m.endpoints[0].method, "DELETE");
    assert_int_equal(m.function_count, 0);
    pf_report_model_free(&m);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* --- what text and Markdown show ----------------------------------------------------------- */

/* How many times `needle` occurs in `text`. */
static size_t occurrences(const char *text, const char *needle) {
    size_t n = 0, length = strlen(needle);
    for (size_t i = 0; text[i]; i++) n += strncmp(text + i, needle, length) == 0;
    return n;
}

/* The block of a model by route and method, or by function name outside routes. */
static const pf_report_entry *find_entry(const pf_report_model *m, const char *route, const char *name) {
    for (size_t i = 0; i < m->endpoint_count; i++)
        if (route && strcmp(m->endpoints[i].route, route) == 0 && strcmp(m->endpoints[i].method, name) == 0)
            return &m->endpoints[i];
    for (size_t i = 0; i < m->function_count; i++)
        if (!route && strcmp(m->functions[i].function, name) == 0) return &m->functions[i];
    fail_msg("no block %s %s", route ? route : "", name);
    return NULL;
}

/* A block with findings is shown; one whose only findings are sequential round trips is
 * shown in one line; the fix-first list skips those, and numbers follow it. */
static void test_focus_of_project(void **state) {
    (void)state;
    char *dir = make_project();
    test_scan s;
    test_scan_dir(&s, dir);
    pf_report_model m;
    pf_report_model_build(&m, &s.report);
    const pf_report_entry *get = find_entry(&m, "/api/items", "GET"), *del = find_entry(&m, "/api/items", "DELETE");
    const pf_report_entry *load = find_entry(&m, NULL, "loadAll");
    assert_true(get->shown && !get->sequential_only);
    assert_true(del->shown && del->sequential_only);
    assert_true(load->shown && !load->sequential_only);
    assert_int_equal(get->open, 2); /* the suppressed findMany is not open */
    assert_int_equal(del->sequential, 1);
    assert_int_equal(m.shown_endpoints, 2);
    assert_int_equal(m.sequential_endpoints, 1);
    /* GET (high), then loadAll (medium, reached by no endpoint); DELETE has only round trips. */
    assert_int_equal(m.top_count, 2);
    assert_ptr_equal(m.top[0], get);
    assert_ptr_equal(m.top[1], load);
    assert_int_equal(get->number, 1);
    assert_int_equal(load->number, 2);
    assert_int_equal(del->number, 0);
    /* Two manual reasons, one finding each (loadAll's findMany, the DELETE's round trips),
     * so in the order of their text; the suppressed findMany gives none. */
    assert_int_equal(m.reason_count, 2);
    assert_int_equal(m.reasons[0].findings, 1);
    assert_int_equal(m.reasons[1].findings, 1);
    assert_true(strcmp(m.reasons[0].text, m.reasons[1].text) < 0);
    assert_int_equal(m.reasons[0].rules | m.reasons[1].rules,
                     1u << PF_RULE_SEQUENTIAL_QUERIES | 1u << PF_RULE_UNBOUNDED_FINDMANY);
    assert_int_equal(pf_report_reason_number(&m, m.reasons[1].text), 2);
    assert_int_equal(pf_report_reason_number(&m, "not a reason"), 0);
    pf_report_model_free(&m);

    /* --verbose shows every block in full. */
    s.options.verbose = true;
    pf_report_model_build(&m, &s.report);
    del = find_entry(&m, "/api/items", "DELETE");
    assert_true(del->shown && !del->sequential_only);
    assert_int_equal(m.sequential_endpoints, 0);
    assert_int_equal(del->number, 2);
    pf_report_model_free(&m);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* Two endpoints reach one helper with findings: both are shown with it as their callee, the
 * fix-first list names the first only (its rollout fixes both), and the helper is not in
 * the list (an endpoint's rollout rewrites it). An endpoint with no finding is left out. */
static void test_focus_shared_helper(void **state) {
    (void)state;
    char *dir = make_shared_helper_project();
    test_scan s;
    test_scan_dir(&s, dir);
    pf_report_model m;
    pf_report_model_build(&m, &s.report);
    const pf_report_entry *a = find_entry(&m, "/api/a", "POST"), *b = find_entry(&m, "/api/b", "POST");
    const pf_report_entry *c = find_entry(&m, "/api/c", "GET"), *helper = find_entry(&m, NULL, "syncAll");
    assert_int_equal(a->callee_count, 1);
    assert_ptr_equal(a->callees[0], helper);
    assert_int_equal(b->callee_count, 1);
    assert_int_equal(helper->callee_count, 0);
    assert_int_equal(a->severity, PF_SEVERITY_CRITICAL); /* the helper's loops run on its requests */
    assert_true(a->shown && b->shown && helper->shown);
    assert_false(c->shown);
    assert_int_equal(c->number, 0);
    assert_int_equal(m.top_count, 1);
    assert_ptr_equal(m.top[0], a);
    /* Both loops give one reason: counted once, for two findings. */
    assert_int_equal(m.reason_count, 1);
    assert_int_equal(m.reasons[0].findings, 2);

    char *text = test_scan_render(&s, PF_FORMAT_TEXT, false);
    assert_non_null(strstr(text, "left out: 1 endpoint with no finding; --verbose shows everything\n"));
    assert_null(strstr(text, "GET /api/c"));
    assert_non_null(strstr(text, "\nfix first:\n   1. critical  POST /api/a  at least 2 sequential connections\n"
                                 "      by hand: loop-queries\n\n"));
    assert_non_null(strstr(text, "    via lib/sync.ts:syncAll: critical loop-queries\n"));
    assert_non_null(strstr(text, "    reached from POST /api/a, POST /api/b\n"));
    /* The shared reason: written once at the end, each finding referring to it. */
    const char *reason = m.reasons[0].text;
    char expected[512];
    snprintf(expected, sizeof(expected), "   1. 2 findings (loop-queries): %s\n", reason);
    assert_non_null(strstr(text, expected));
    assert_int_equal(occurrences(text, reason), 1);
    assert_int_equal(occurrences(text, "      no rewrite: reason 1 below\n"), 2);
    free(text);

    char *markdown = test_scan_render(&s, PF_FORMAT_MARKDOWN, false);
    assert_non_null(strstr(markdown, "| 1 | `/api/a` | CRITICAL | at least 2 sequential connections | by hand: "
                                     "`loop-queries` |\n"));
    assert_non_null(strstr(markdown, "### 1. `/api/a` - **CRITICAL**\n"));
    assert_null(strstr(markdown, "### 2."));
    assert_non_null(
        strstr(markdown, "- `syncAll` (#3) in `lib/sync.ts`: `loop-queries` 4-6, 7-9: by hand (reason 1)\n"));
    assert_non_null(strstr(markdown, "| 2 | `/api/b` | `app/api/b/route.ts:3` | CRITICAL | at least 2 | in `syncAll` "
                                     "(#3) | by hand: `loop-queries` |\n"));
    assert_non_null(strstr(markdown, "| 3 | `syncAll` | `lib/sync.ts:3` | CRITICAL | at least 2 | `loop-queries` 4-6, "
                                     "7-9: by hand (reason 1) | with `POST /api/a` (#1) or 1 more endpoint |\n"));
    snprintf(expected, sizeof(expected), "### Manual Fixes, by Reason\n\n1. **2 findings** (`loop-queries`): %s\n",
             reason);
    assert_non_null(strstr(markdown, expected));
    assert_non_null(strstr(markdown, "left out: 1 endpoint with no finding. `--verbose` gives every one a full "
                                     "section; JSON and SARIF list everything.\n"));
    free(markdown);

    /* JSON keeps every block, findings or not. */
    char *json = test_scan_render(&s, PF_FORMAT_JSON, false);
    assert_non_null(strstr(json, "\"route\":\t\"/api/c\""));
    free(json);
    pf_report_model_free(&m);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* Two findMany whose rows are counted on different lines give one reason, its code and line
 * shown as "…"; each finding names its own in text, and JSON lists the reason once. */
static void test_reasons_grouped_by_shape(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "lib/prisma.ts",
                   "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n");
    test_write_str(dir, "app/api/counts/route.ts",
                   "import { prisma } from '../../../lib/prisma';\n"
                   "\n"
                   "export async function GET() {\n"
                   "  const users = await prisma.user.findMany();\n"
                   "  const posts = await prisma.post.findMany();\n"
                   "  const total = users.length;\n"
                   "  return Response.json({ total, posts: posts.length });\n"
                   "}\n");
    test_scan s;
    test_scan_dir(&s, dir);
    pf_report_model m;
    pf_report_model_build(&m, &s.report);
    assert_int_equal(m.reason_count, 1);
    assert_int_equal(m.reasons[0].findings, 2);
    assert_non_null(strstr(m.reasons[0].text, "its rows are counted (`…`, line …); "));
    assert_int_equal(m.reasons[0].varies, 3u); /* the code and the line; `take` and 10 are shared */
    const pf_finding *users = m.endpoints[0].findings[0];
    assert_int_equal(pf_report_reason_number(&m, pf_report_manual_reason(users)), 1);
    ASSERT_WRITES("`users.length`, line 6", pf_report_reason_details(out, &m, pf_report_manual_reason(users)));
    char *text = test_scan_render(&s, PF_FORMAT_TEXT, false);
    assert_non_null(strstr(text, "      no rewrite: reason 1 below (`users.length`, line 6)\n"));
    assert_non_null(strstr(text, "      no rewrite: reason 1 below (`posts.length`, line 7)\n"));
    assert_non_null(strstr(text, "   1. 2 findings (unbounded-findmany): its rows are counted (`…`, line …); "));
    free(text);
    char *markdown = test_scan_render(&s, PF_FORMAT_MARKDOWN, false);
    assert_non_null(strstr(markdown, "1. **2 findings** (`unbounded-findmany`): its rows are counted (`…`, line …)"));
    /* The section of the fix-first endpoint gives each finding's own reason, one line each. */
    assert_non_null(strstr(markdown, "- Line 4 (`unbounded-findmany`): no rewrite: its rows are counted "
                                     "(`users.length`, line 6)"));
    free(markdown);
    /* --verbose gives every reason in place: no numbers. */
    s.options.verbose = true;
    text = test_scan_render(&s, PF_FORMAT_TEXT, false);
    assert_non_null(strstr(text, "      no rewrite: its rows are counted (`users.length`, line 6); "));
    assert_null(strstr(text, "reason 1 below"));
    free(text);
    pf_report_model_free(&m);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* An endpoint whose handler calls a helper and another route's handler, both with findings,
 * has both as callees: the function first, then the endpoint; the other endpoint runs
 * neither, and no endpoint is its own callee. */
static void test_focus_handler_callee(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "lib/db.ts",
                   "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n");
    test_write_str(dir, "lib/cleanup.ts",
                   "import { prisma } from './db';\n"
                   "\n"
                   "export async function purge(ids: number[]) {\n"
                   "  for (const id of ids) await prisma.user.delete({ where: { id } });\n"
                   "}\n");
    test_write_str(dir, "app/api/b/route.ts",
                   "import { prisma } from '../../../lib/db';\n"
                   "\n"
                   "export async function GET(request: Request) {\n"
                   "  const ids: number[] = await request.json();\n"
                   "  for (const id of ids) await prisma.post.delete({ where: { id } });\n"
                   "  return Response.json({});\n"
                   "}\n");
    test_write_str(dir, "app/api/a/route.ts",
                   "import { GET as clearPosts } from '../b/route';\n"
                   "import { purge } from '../../../lib/cleanup';\n"
                   "\n"
                   "export async function POST(request: Request) {\n"
                   "  await clearPosts(request);\n"
                   "  await purge([]);\n"
                   "  return Response.json({});\n"
                   "}\n");
    test_scan s;
    test_scan_dir(&s, dir);
    pf_report_model m;
    pf_report_model_build(&m, &s.report);
    const pf_report_entry *a = find_entry(&m, "/api/a", "POST"), *b = find_entry(&m, "/api/b", "GET");
    const pf_report_entry *purge = find_entry(&m, NULL, "purge");
    assert_int_equal(a->callee_count, 2);
    assert_ptr_equal(a->callees[0], purge);
    assert_ptr_equal(a->callees[1], b);
    assert_int_equal(b->callee_count, 0);
    assert_int_equal(purge->callee_count, 0);
    pf_report_model_free(&m);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* An endpoint that calls six helpers with findings names five of them in text, and counts
 * the sixth; --verbose names every function it reaches. */
static void test_focus_callees_named(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "lib/db.ts",
                   "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n");
    char jobs[2048] = "import { prisma } from './db';\n";
    char route[1024] = "import * as jobs from '../../../lib/jobs';\n\nexport async function POST() {\n";
    for (int i = 1; i <= 6; i++) {
        char part[256];
        snprintf(part, sizeof(part),
                 "\nexport async function job%d(ids: number[]) {\n"
                 "  for (const id of ids) await prisma.user.delete({ where: { id } });\n"
                 "}\n",
                 i);
        strcat(jobs, part);
        snprintf(part, sizeof(part), "  await jobs.job%d([]);\n", i);
        strcat(route, part);
    }
    strcat(route, "  return Response.json({});\n}\n");
    test_write_str(dir, "lib/jobs.ts", jobs);
    test_write_str(dir, "app/api/jobs/route.ts", route);
    test_scan s;
    test_scan_dir(&s, dir);
    char *text = test_scan_render(&s, PF_FORMAT_TEXT, false);
    assert_int_equal(occurrences(text, "    via lib/jobs.ts:job"), 5);
    assert_non_null(strstr(text, "    and 1 more with findings (--verbose lists them)\n"));
    free(text);
    s.options.verbose = true;
    text = test_scan_render(&s, PF_FORMAT_TEXT, false);
    assert_int_equal(occurrences(text, "    via lib/jobs.ts:job"), 6);
    assert_null(strstr(text, "more with findings"));
    free(text);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* A recursive helper holds no finding, but its count grows with the data: it and its
 * endpoint are shown for their figures alone, with the calls behind them. */
static void test_focus_figures_alone(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "lib/db.ts",
                   "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n");
    test_write_str(dir, "lib/folders.ts",
                   "import { prisma } from './db';\n"
                   "\n"
                   "export async function loadFolder(id: number): Promise<unknown> {\n"
                   "  const folder = await prisma.folder.findUnique({ where: { id } });\n"
                   "  if (folder?.parentId) await loadFolder(folder.parentId);\n"
                   "  return folder;\n"
                   "}\n");
    test_write_str(dir, "app/api/folders/route.ts",
                   "import { loadFolder } from '../../../lib/folders';\n"
                   "\n"
                   "export async function GET() {\n"
                   "  return Response.json(await loadFolder(1));\n"
                   "}\n");
    test_scan s;
    test_scan_dir(&s, dir);
    pf_report_model m;
    pf_report_model_build(&m, &s.report);
    assert_int_equal(m.item_count, 0);
    const pf_report_entry *get = find_entry(&m, "/api/folders", "GET"), *load = find_entry(&m, NULL, "loadFolder");
    assert_true(get->shown && get->figures_only && load->shown && load->figures_only);
    assert_int_equal(get->severity, PF_SEVERITY_CRITICAL);
    assert_int_equal(m.figures_only, 2);
    assert_int_equal(m.top_count, 0); /* nothing poolfix can name a fix for */
    char *text = test_scan_render(&s, PF_FORMAT_TEXT, false);
    assert_non_null(strstr(text, "  GET /api/folders  app/api/folders/route.ts:3\n"
                                 "    at least 1 connection, 1 round trip; unbounded: a count grows with the data\n"
                                 "    via lib/folders.ts:loadFolder\n"
                                 "      4 folder.findUnique\n"));
    assert_null(strstr(text, "fix first:"));
    free(text);
    char *markdown = test_scan_render(&s, PF_FORMAT_MARKDOWN, false);
    assert_non_null(strstr(markdown, "| 1 | `/api/folders` | `app/api/folders/route.ts:3` | CRITICAL | at least 1 | "
                                     "none: its figures alone (`--verbose` shows the calls behind them) | by hand |\n"));
    assert_non_null(strstr(markdown, "\n2 endpoints and functions are medium severity or worse by their figures alone"));
    free(markdown);
    pf_report_model_free(&m);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* --- the JSON contract -------------------------------------------------------------------- */

/* Asserts that `object` has `key` of the given cJSON type (cJSON_NULL allowed when `nullable`). */
static const cJSON *member(const cJSON *object, const char *key, int type, bool nullable) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    if (!item) fail_msg("missing key \"%s\"", key);
    if (nullable && cJSON_IsNull(item)) return item;
    if ((item->type & 0xFF) != type) fail_msg("key \"%s\" has type %d, expected %d", key, item->type & 0xFF, type);
    if (type == cJSON_Number && item->valuedouble != (double)(long)item->valuedouble)
        fail_msg("key \"%s\" is not an integer", key);
    return item;
}

/* Asserts that a string member is a severity name. */
static void assert_severity(const cJSON *object, const char *key) {
    pf_severity severity;
    assert_true(pf_severity_parse(member(object, key, cJSON_String, false)->valuestring, &severity));
}

/* Checks every key DESIGN.md documents, with its type, on a JSON report. */
static void check_json_contract(const char *text) {
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    const cJSON *tool = member(root, "tool", cJSON_Object, false);
    assert_string_equal(member(tool, "name", cJSON_String, false)->valuestring, "poolfix");
    member(tool, "version", cJSON_String, false);
    member(root, "root", cJSON_String, false);
    member(root, "schema", cJSON_String, true);
    member(root, "files_scanned", cJSON_Number, false);
    member(root, "files_skipped", cJSON_Number, false);
    const cJSON *endpoint, *finding;
    cJSON_ArrayForEach(endpoint, member(root, "endpoints", cJSON_Array, false)) {
        member(endpoint, "route", cJSON_String, false);
        member(endpoint, "method", cJSON_String, false);
        member(endpoint, "file", cJSON_String, false);
        member(endpoint, "function", cJSON_String, false);
        member(endpoint, "line", cJSON_Number, false);
        member(endpoint, "max_parallel", cJSON_Number, false);
        member(endpoint, "sequential", cJSON_Number, false);
        const cJSON *connections = member(endpoint, "connections", cJSON_Number, false);
        assert_true(connections->valuedouble == member(endpoint, "max_parallel", cJSON_Number, false)->valuedouble +
                                                    member(endpoint, "sequential", cJSON_Number, false)->valuedouble);
        assert_severity(endpoint, "severity");
    }
    size_t count = 0, manual = 0;
    cJSON_ArrayForEach(finding, member(root, "findings", cJSON_Array, false)) {
        pf_rule rule;
        const char *id = member(finding, "rule", cJSON_String, false)->valuestring;
        assert_true(pf_rule_parse(id, strlen(id), &rule));
        assert_severity(finding, "severity");
        const char *file = member(finding, "file", cJSON_String, false)->valuestring;
        assert_true(file[0] != '/');
        int line = (int)member(finding, "line", cJSON_Number, false)->valuedouble;
        assert_true(line >= 1 && member(finding, "end_line", cJSON_Number, false)->valuedouble >= line);
        member(finding, "endpoint", cJSON_String, true);
        member(finding, "method", cJSON_String, true);
        member(finding, "function", cJSON_String, false);
        member(finding, "queries", cJSON_Number, false);
        assert_true(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(finding, "fixable")));
        member(finding, "pass", cJSON_String, true);
        member(finding, "message", cJSON_String, false);
        manual += strncmp(member(finding, "fix", cJSON_String, false)->valuestring, "no rewrite: ", 12) == 0;
        count++;
    }
    assert_true(count > 0);
    /* The fix-first list names blocks of the report; every manual fix has one reason. */
    const cJSON *top, *reason;
    size_t top_count = 0, reasons_given = 0;
    cJSON_ArrayForEach(top, member(root, "fix_first", cJSON_Array, false)) {
        member(top, "endpoint", cJSON_String, true);
        member(top, "function", cJSON_String, false);
        member(top, "file", cJSON_String, false);
        member(top, "line", cJSON_Number, false);
        top_count++;
    }
    assert_true(top_count >= 1 && top_count <= PF_REPORT_TOP);
    cJSON_ArrayForEach(reason, member(root, "manual_reasons", cJSON_Array, false)) {
        assert_true(member(reason, "reason", cJSON_String, false)->valuestring[0] != '\0');
        reasons_given += (size_t)member(reason, "findings", cJSON_Number, false)->valuedouble;
        assert_true(cJSON_GetArraySize(member(reason, "rules", cJSON_Array, false)) >= 1);
    }
    assert_int_equal(reasons_given, manual);
    cJSON_Delete(root);
}

/* The JSON contract on the synthetic project (suppressed findings, several handlers). */
static void test_json_contract_project(void **state) {
    (void)state;
    char *dir = make_project();
    test_scan s;
    test_scan_dir(&s, dir);
    char *json = test_scan_render(&s, PF_FORMAT_JSON, false);
    check_json_contract(json);
    free(json);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* The JSON contract on the example app. */
static void test_json_contract_example(void **state) {
    (void)state;
    char *dir = example_app();
    test_scan s;
    test_scan_dir(&s, dir);
    char *json = test_scan_render(&s, PF_FORMAT_JSON, false);
    check_json_contract(json);
    free(json);
    test_scan_free(&s);
    free(dir);
}

/* --- the SARIF structure ------------------------------------------------------------------ */

/* The SARIF level a severity must map to. */
static const char *expected_level(const char *severity) {
    if (strcmp(severity, "critical") == 0 || strcmp(severity, "high") == 0) return "error";
    return strcmp(severity, "medium") == 0 ? "warning" : "note";
}

/* Whether `s` is "<16 hex digits>:<number>". */
static bool is_fingerprint(const char *s) {
    if (strspn(s, "0123456789abcdef") != 16 || s[16] != ':') return false;
    return s[17] && strspn(s + 17, "0123456789") == strlen(s + 17);
}

/* A string member that must be present and not empty. */
static const char *text_of(const cJSON *object, const char *key) {
    const char *s = member(object, key, cJSON_String, false)->valuestring;
    assert_true(s[0] != '\0');
    return s;
}

/* Checks what GitHub code scanning requires of a SARIF log, and poolfix's own promises. */
static void check_sarif(const char *text) {
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    text_of(root, "$schema");
    assert_string_equal(text_of(root, "version"), "2.1.0");
    const cJSON *runs = member(root, "runs", cJSON_Array, false);
    assert_int_equal(cJSON_GetArraySize(runs), 1);
    const cJSON *run = cJSON_GetArrayItem(runs, 0);
    const cJSON *driver = member(member(run, "tool", cJSON_Object, false), "driver", cJSON_Object, false);
    assert_string_equal(text_of(driver, "name"), "poolfix");
    text_of(driver, "version");
    const cJSON *rules = member(driver, "rules", cJSON_Array, false);
    assert_int_equal(cJSON_GetArraySize(rules), PF_RULE_COUNT);
    for (int i = 0; i < PF_RULE_COUNT; i++) {
        const cJSON *rule = cJSON_GetArrayItem(rules, i);
        assert_string_equal(text_of(rule, "id"), pf_rule_id((pf_rule)i));
        text_of(rule, "name");
        text_of(member(rule, "shortDescription", cJSON_Object, false), "text");
        text_of(member(rule, "fullDescription", cJSON_Object, false), "text");
        const cJSON *help = member(rule, "help", cJSON_Object, false);
        text_of(help, "text");
        text_of(help, "markdown");
        const char *level = text_of(member(rule, "defaultConfiguration", cJSON_Object, false), "level");
        assert_true(strcmp(level, "error") == 0 || strcmp(level, "warning") == 0 || strcmp(level, "note") == 0);
    }
    member(member(run, "originalUriBaseIds", cJSON_Object, false), "%SRCROOT%", cJSON_Object, false);
    const cJSON *result;
    size_t count = 0;
    cJSON_ArrayForEach(result, member(run, "results", cJSON_Array, false)) {
        const char *id = text_of(result, "ruleId");
        int index = (int)member(result, "ruleIndex", cJSON_Number, false)->valuedouble;
        assert_true(index >= 0 && index < PF_RULE_COUNT);
        assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, index), "id")->valuestring, id);
        const char *severity = text_of(member(result, "properties", cJSON_Object, false), "severity");
        assert_string_equal(text_of(result, "level"), expected_level(severity));
        text_of(member(result, "message", cJSON_Object, false), "text");
        const cJSON *locations = member(result, "locations", cJSON_Array, false);
        assert_int_equal(cJSON_GetArraySize(locations), 1);
        const cJSON *physical = member(cJSON_GetArrayItem(locations, 0), "physicalLocation", cJSON_Object, false);
        const cJSON *artifact = member(physical, "artifactLocation", cJSON_Object, false);
        assert_true(text_of(artifact, "uri")[0] != '/');
        assert_string_equal(text_of(artifact, "uriBaseId"), "%SRCROOT%");
        const cJSON *region = member(physical, "region", cJSON_Object, false);
        double start = member(region, "startLine", cJSON_Number, false)->valuedouble;
        assert_true(start >= 1 && member(region, "endLine", cJSON_Number, false)->valuedouble >= start);
        assert_true(member(region, "startColumn", cJSON_Number, false)->valuedouble >= 1);
        assert_true(member(region, "endColumn", cJSON_Number, false)->valuedouble >= 1);
        const cJSON *hash = member(member(result, "partialFingerprints", cJSON_Object, false),
                                   "primaryLocationLineHash", cJSON_String, false);
        assert_true(is_fingerprint(hash->valuestring));
        const cJSON *other;
        cJSON_ArrayForEach(other, member(run, "results", cJSON_Array, false)) {
            if (other == result) break;
            const cJSON *other_hash =
                cJSON_GetObjectItem(cJSON_GetObjectItem(other, "partialFingerprints"), "primaryLocationLineHash");
            if (strcmp(other_hash->valuestring, hash->valuestring) == 0)
                assert_string_not_equal(cJSON_GetObjectItem(other, "ruleId")->valuestring, id);
        }
        const cJSON *suppressions = cJSON_GetObjectItemCaseSensitive(result, "suppressions");
        if (suppressions) assert_string_equal(text_of(cJSON_GetArrayItem(suppressions, 0), "kind"), "inSource");
        count++;
    }
    assert_true(count > 0);
    cJSON_Delete(root);
}

/* The SARIF structure on the synthetic project and on the example app. */
static void test_sarif_structure(void **state) {
    (void)state;
    char *dirs[2] = {make_project(), example_app()};
    for (size_t i = 0; i < 2; i++) {
        test_scan s;
        test_scan_dir(&s, dirs[i]);
        char *sarif = test_scan_render(&s, PF_FORMAT_SARIF, false);
        check_sarif(sarif);
        free(sarif);
        test_scan_free(&s);
    }
    test_rmtree(dirs[0]);
    free(dirs[0]);
    free(dirs[1]);
}

/* --- the four formats agree -------------------------------------------------------------- */

/* The findings one format shows: "rule|file|line|severity|suppressed" lines, sorted. */
typedef struct finding_set {
    char **items;
    size_t count;
    size_t suppressed;
} finding_set;

/* Adds one finding to a set. */
static void add_finding(finding_set *set, const char *rule, const char *file, size_t file_len, int line,
                        const char *severity, size_t severity_len, bool suppressed) {
    char item[512];
    snprintf(item, sizeof(item), "%s|%.*s|%d|%.*s|%d", rule, (int)file_len, file, line, (int)severity_len, severity,
             suppressed);
    set->items = realloc(set->items, (set->count + 1) * sizeof(char *));
    set->items[set->count++] = strdup(item);
    set->suppressed += suppressed;
}

/* qsort comparison of C strings. */
static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Asserts two sets hold the same findings. */
static void assert_same_findings(finding_set *a, finding_set *b, const char *what) {
    if (a->count != b->count) fail_msg("%s: %zu findings, JSON has %zu", what, b->count, a->count);
    if (a->count == 0) return;
    qsort(a->items, a->count, sizeof(char *), compare_strings);
    qsort(b->items, b->count, sizeof(char *), compare_strings);
    for (size_t i = 0; i < a->count; i++)
        if (strcmp(a->items[i], b->items[i]) != 0) fail_msg("%s: %s, JSON has %s", what, b->items[i], a->items[i]);
    assert_int_equal(a->suppressed, b->suppressed);
}

/* Frees a finding set. */
static void set_free(finding_set *set) {
    for (size_t i = 0; i < set->count; i++) free(set->items[i]);
    free(set->items);
}

/* The findings of a JSON report, and the suppressed count of its summary. */
static finding_set json_findings(const char *text, size_t *summary_suppressed) {
    finding_set set = {0};
    cJSON *root = cJSON_Parse(text);
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItem(root, "findings")) {
        const char *file = cJSON_GetObjectItem(f, "file")->valuestring,
                   *sev = cJSON_GetObjectItem(f, "severity")->valuestring;
        add_finding(&set, cJSON_GetObjectItem(f, "rule")->valuestring, file, strlen(file),
                    (int)cJSON_GetObjectItem(f, "line")->valuedouble, sev, strlen(sev),
                    cJSON_IsTrue(cJSON_GetObjectItem(f, "suppressed")));
    }
    *summary_suppressed = (size_t)cJSON_GetObjectItem(cJSON_GetObjectItem(root, "summary"), "suppressed")->valuedouble;
    cJSON_Delete(root);
    return set;
}

/* A SARIF URI read back as the path it names: checks it is a valid RFC 3986 relative
 * reference (only unreserved characters, `/`, sub-delimiters, `@` and well-formed %XX), and
 * decodes it. Malloc'd. */
static char *uri_to_path(const char *uri) {
    static const char allowed[] = "-._~/!$&'()*+,;=@";
    char *path = malloc(strlen(uri) + 1), *out = path;
    for (const char *c = uri; *c; c++) {
        if (*c == '%') {
            assert_true(isxdigit((unsigned char)c[1]) && isxdigit((unsigned char)c[2]));
            char hex[3] = {c[1], c[2], '\0'};
            *out++ = (char)strtol(hex, NULL, 16);
            c += 2;
            continue;
        }
        assert_true((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                    strchr(allowed, *c) != NULL);
        *out++ = *c;
    }
    *out = '\0';
    return path;
}

/* The findings of a SARIF log, with `prefix` (the root's path from %SRCROOT%) taken off the
 * paths its URIs name. */
static finding_set sarif_findings(const char *text, const char *prefix) {
    finding_set set = {0};
    cJSON *root = cJSON_Parse(text);
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(root, "runs"), 0), "results")) {
        const cJSON *physical =
            cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "locations"), 0), "physicalLocation");
        char *path = uri_to_path(cJSON_GetObjectItem(cJSON_GetObjectItem(physical, "artifactLocation"), "uri")->valuestring);
        assert_true(strncmp(path, prefix, strlen(prefix)) == 0);
        const char *file = path + strlen(prefix);
        const char *sev = cJSON_GetObjectItem(cJSON_GetObjectItem(r, "properties"), "severity")->valuestring;
        add_finding(&set, cJSON_GetObjectItem(r, "ruleId")->valuestring, file, strlen(file),
                    (int)cJSON_GetObjectItem(cJSON_GetObjectItem(physical, "region"), "startLine")->valuedouble, sev,
                    strlen(sev), cJSON_GetObjectItem(r, "suppressions") != NULL);
        free(path);
    }
    cJSON_Delete(root);
    return set;
}

/* The findings of a text report, from its line structure: a block header "  WHAT  file:line"
 * names the file; a finding line is "    LINE[-END] SEVERITY RULE[ (suppressed)]: message".
 * The fix-first list (from "fix first:" to a blank line) names blocks, not findings. */
static finding_set text_findings(const char *text, size_t *header_suppressed) {
    finding_set set = {0};
    const char *file = "";
    size_t file_len = 0;
    bool in_top = false;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char buf[1024];
        snprintf(buf, sizeof(buf), "%.*s", (int)len, line);
        const char *suppressed_at = strstr(buf, "; ");
        if (strncmp(buf, "findings: ", 10) == 0 && suppressed_at)
            *header_suppressed = strtoul(suppressed_at + 2, NULL, 10);
        if (strcmp(buf, "fix first:") == 0) in_top = true;
        else if (buf[0] == '\0') in_top = false;
        if (in_top) {
            line += len + (end != NULL);
            continue;
        }
        if (strncmp(buf, "  ", 2) == 0 && buf[2] != ' ') {
            const char *gap = strstr(buf + 2, "  ");
            if (!gap) {
                fail_msg("block header without a place: %s", buf);
                return set;
            }
            const char *place = gap + 2, *colon = strrchr(place, ':');
            file = line + (place - buf);
            file_len = (size_t)(colon - place);
        } else if (strncmp(buf, "    ", 4) == 0 && buf[4] >= '1' && buf[4] <= '9') {
            char *p = buf + 4 + strcspn(buf + 4, " ") + 1;
            size_t severity_len = strcspn(p, " ");
            pf_severity severity;
            char severity_name[16];
            snprintf(severity_name, sizeof(severity_name), "%.*s", (int)severity_len, p);
            if (pf_severity_parse(severity_name, &severity)) {
                char *rule = p + severity_len + 1;
                size_t rule_len = strcspn(rule, " :");
                bool suppressed = strncmp(rule + rule_len, " (suppressed):", 14) == 0;
                rule[rule_len] = '\0';
                add_finding(&set, rule, file, file_len, atoi(buf + 4), p, severity_len, suppressed);
            }
        }
        line += len + (end != NULL);
    }
    return set;
}

/* The findings of a Markdown report: "**File:** `file`" names the file, and each bullet of an
 * **Issue:** list is "- Line(s) LINE[-END]: message (`rule`, severity[; suppressed ...])". */
static finding_set markdown_findings(const char *text) {
    finding_set set = {0};
    char file[512] = "";
    bool in_issue = false;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char buf[2048];
        snprintf(buf, sizeof(buf), "%.*s", (int)len, line);
        if (strncmp(buf, "**File:** `", 11) == 0)
            snprintf(file, sizeof(file), "%.*s", (int)strcspn(buf + 11, "`"), buf + 11);
        if (strcmp(buf, "**Issue:**") == 0) in_issue = true;
        else if (buf[0] == '\0') in_issue = false;
        else if (in_issue && strncmp(buf, "- Line", 6) == 0) {
            int at = atoi(buf + strcspn(buf, "0123456789"));
            char *rule = strstr(buf, " (`");
            for (char *next; rule && (next = strstr(rule + 1, " (`"));) rule = next;
            assert_non_null(rule);
            rule += 3;
            char *tick = strchr(rule, '`');
            *tick = '\0';
            char *severity = tick + 3;
            add_finding(&set, rule, file, strlen(file), at, severity, strcspn(severity, ";)"),
                        strstr(severity, "; suppressed by a poolfix-ignore comment)") != NULL);
        }
        line += len + (end != NULL);
    }
    return set;
}

/* Renders a scan in every format and compares what each shows of the findings. */
static void check_agreement(test_scan *s) {
    pf_report_model m;
    pf_report_model_build(&m, &s->report);
    char *json = test_scan_render(s, PF_FORMAT_JSON, false), *sarif = test_scan_render(s, PF_FORMAT_SARIF, false);
    s->options.verbose = true; /* text and Markdown show every finding in place */
    char *text = test_scan_render(s, PF_FORMAT_TEXT, false), *markdown = test_scan_render(s, PF_FORMAT_MARKDOWN, false);
    s->options.verbose = false;
    char *focused = test_scan_render(s, PF_FORMAT_TEXT, false);
    size_t json_suppressed = 0, text_suppressed = SIZE_MAX;
    finding_set from_json = json_findings(json, &json_suppressed);
    finding_set from_sarif = sarif_findings(sarif, m.srcroot_prefix);
    finding_set from_text = text_findings(text, &text_suppressed);
    finding_set from_markdown = markdown_findings(markdown);
    assert_int_equal(from_json.count, m.item_count);
    assert_int_equal(json_suppressed, from_json.suppressed);
    assert_int_equal(text_suppressed, from_json.suppressed);
    assert_same_findings(&from_json, &from_sarif, "SARIF");
    assert_same_findings(&from_json, &from_text, "text");
    assert_same_findings(&from_json, &from_markdown, "Markdown");
    /* Without --verbose, text still lists every finding on its own line but the sequential
     * round trips, which it folds into one line per block. */
    size_t focused_suppressed = SIZE_MAX;
    finding_set from_focused = text_findings(focused, &focused_suppressed);
    finding_set expected = {0};
    for (size_t i = 0; i < from_json.count; i++) {
        const char *item = from_json.items[i];
        bool sequential = strncmp(item, "sequential-queries|", 19) == 0;
        if (!sequential || item[strlen(item) - 1] == '1') {
            expected.items = realloc(expected.items, (expected.count + 1) * sizeof(char *));
            expected.items[expected.count++] = strdup(item);
            expected.suppressed += item[strlen(item) - 1] == '1';
        }
    }
    assert_same_findings(&expected, &from_focused, "text without --verbose");
    set_free(&expected);
    set_free(&from_focused);
    free(focused);
    set_free(&from_json);
    set_free(&from_sarif);
    set_free(&from_text);
    set_free(&from_markdown);
    free(json);
    free(sarif);
    free(text);
    free(markdown);
    pf_report_model_free(&m);
}

/* The four formats show the same findings, on the synthetic project and on the example app. */
/* An integer the reports write prints as cJSON prints the same number, on both sides of
 * 10^15, where "%1.15g" turns to an exponent. */
static void test_json_number_as_cjson(void **state) {
    (void)state;
    const long long values[] = {0, 1, -1, 42, 1000000000, 2147483647, -2147483648LL, 999999999999999LL,
                                -999999999999999LL, 1000000000000000LL, -1000000000000000LL, 123456789012345678LL};
    for (size_t i = 0; i < sizeof(values) / sizeof(*values); i++) {
        cJSON *ours = pf_report_json_number(values[i]), *theirs = cJSON_CreateNumber((double)values[i]);
        char *a = cJSON_PrintUnformatted(ours), *b = cJSON_PrintUnformatted(theirs);
        assert_string_equal(a, b);
        cJSON_free(a);
        cJSON_free(b);
        cJSON_Delete(ours);
        cJSON_Delete(theirs);
    }
}

/* A document written through pf_json_stream is byte for byte cJSON's print of the same tree,
 * at every depth the reports write: members of the document, a list of one object
 * ("runs": [{ ... }]) and members of it, arrays of objects at both depths, and empty arrays. */
static void test_json_stream_layout(void **state) {
    (void)state;
    /* Each value is made twice: once for the stream (which deletes it), once for the tree. */
    cJSON *tree = cJSON_CreateObject();
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    pf_json_stream json;
    pf_json_begin(&json, out);
    pf_json_member(&json, "name", cJSON_CreateString("poolfix"));
    cJSON_AddStringToObject(tree, "name", "poolfix");
    pf_json_array_begin(&json, "top");
    cJSON *top = cJSON_AddArrayToObject(tree, "top");
    for (int i = 0; i < 2; i++) {
        cJSON *element = cJSON_CreateObject();
        cJSON_AddNumberToObject(cJSON_AddObjectToObject(element, "inner"), "line", i);
        cJSON_AddItemToArray(top, cJSON_Duplicate(element, true));
        pf_json_element(&json, element);
    }
    pf_json_array_end(&json);
    pf_json_object_list_begin(&json, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(tree, "runs"), run);
    cJSON *tool = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(cJSON_AddObjectToObject(tool, "driver"), "rules"),
                         cJSON_CreateString("a"));
    cJSON_AddItemToObject(run, "tool", cJSON_Duplicate(tool, true));
    pf_json_member(&json, "tool", tool);
    pf_json_array_begin(&json, "none");
    pf_json_array_end(&json);
    cJSON_AddArrayToObject(run, "none");
    pf_json_array_begin(&json, "results");
    cJSON *results = cJSON_AddArrayToObject(run, "results");
    for (int i = 0; i < 3; i++) {
        cJSON *result = cJSON_CreateObject();
        cJSON_AddStringToObject(result, "ruleId", "loop-queries");
        cJSON_AddNumberToObject(cJSON_AddObjectToObject(result, "region"), "startLine", 10 + i);
        cJSON_AddItemToArray(results, cJSON_Duplicate(result, true));
        pf_json_element(&json, result);
    }
    pf_json_array_end(&json);
    pf_json_object_list_end(&json);
    pf_json_member(&json, "after", cJSON_CreateNumber(1));
    cJSON_AddNumberToObject(tree, "after", 1);
    pf_json_end(&json);
    fclose(out);
    char *expected = cJSON_Print(tree);
    size_t expected_len = strlen(expected);
    assert_int_equal(len, expected_len + 1); /* and the final newline */
    assert_memory_equal(text, expected, expected_len);
    assert_int_equal(text[expected_len], '\n');
    cJSON_free(expected);
    cJSON_Delete(tree);
    free(text);
}

static void test_formats_agree(void **state) {
    (void)state;
    char *dirs[2] = {make_project(), example_app()};
    for (size_t i = 0; i < 2; i++) {
        test_scan s;
        test_scan_dir(&s, dirs[i]);
        check_agreement(&s);
        test_scan_free(&s);
    }
    test_rmtree(dirs[0]);
    free(dirs[0]);
    free(dirs[1]);
}

/* --- format details ----------------------------------------------------------------------- */

/* Colour codes only when asked for; severities and rule ids are what is painted. */
static void test_text_color(void **state) {
    (void)state;
    char *dir = make_project();
    test_scan s;
    test_scan_dir(&s, dir);
    char *plain = test_scan_render(&s, PF_FORMAT_TEXT, false), *colored = test_scan_render(&s, PF_FORMAT_TEXT, true);
    assert_null(strchr(plain, '\033'));
    assert_non_null(strstr(colored, "\033[31mhigh\033[0m"));
    assert_non_null(strstr(colored, "\033[1mparallel-fanout\033[0m"));
    assert_non_null(strstr(plain, "  GET /api/items  app/api/items/route.ts:3\n"));
    assert_non_null(strstr(plain, "    6 parallel + 1 sequential = 7 connections, 2 round trips\n"));
    assert_non_null(strstr(plain, " (suppressed): "));
    free(plain);
    free(colored);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* An endpoint's diff in the Markdown report holds the rewrites of the code it runs in other
 * files (a helper's fan-out of six), and of no file where that code has nothing to rewrite. */
static void test_markdown_diff_across_files(void **state) {
    (void)state;
    char *dir = test_mkdtemp();
    test_write_str(dir, "lib/prisma.ts",
                   "import { PrismaClient } from '@prisma/client';\nexport const prisma = new PrismaClient();\n");
    test_write_str(dir, "lib/stats.ts",
                   "import { prisma } from './prisma';\n"
                   "\n"
                   "export async function counts() {\n"
                   "  const [a, b, c, d, e, f] = await Promise.all([\n"
                   "    prisma.user.count(),\n"
                   "    prisma.user.count(),\n"
                   "    prisma.post.count(),\n"
                   "    prisma.post.count(),\n"
                   "    prisma.user.count(),\n"
                   "    prisma.post.count(),\n"
                   "  ]);\n"
                   "  return { a, b, c, d, e, f };\n"
                   "}\n");
    test_write_str(dir, "lib/plain.ts",
                   "import { prisma } from './prisma';\n"
                   "\n"
                   "export async function firstUsers() {\n"
                   "  return prisma.user.findMany({ take: 5 });\n"
                   "}\n");
    test_write_str(dir, "app/api/stats/route.ts",
                   "import { counts } from '../../../lib/stats';\n"
                   "import { firstUsers } from '../../../lib/plain';\n"
                   "\n"
                   "export async function GET() {\n"
                   "  return Response.json({ ...(await counts()), users: await firstUsers() });\n"
                   "}\n");
    test_scan s;
    test_scan_dir(&s, dir);
    char *markdown = test_scan_render(&s, PF_FORMAT_MARKDOWN, false);
    char *display = pf_path_for_display(dir);
    char expected[1024];
    snprintf(expected, sizeof(expected), "```diff\ndiff --git a/%s/lib/stats.ts b/%s/lib/stats.ts\n", display, display);
    assert_non_null(strstr(markdown, expected));
    assert_non_null(strstr(markdown, "+  const [a, b, c] = await Promise.all([\n"));
    assert_null(strstr(markdown, "lib/plain.ts b/"));
    assert_null(strstr(markdown, "route.ts b/"));
    free(display);
    free(markdown);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* The Markdown report shows the diff `poolfix diff --endpoint --method` prints, the apply
 * command of each endpoint, and the manual fix of what is not rewritten. */
static void test_markdown_fixes(void **state) {
    (void)state;
    char *dir = make_project();
    test_scan s;
    test_scan_dir(&s, dir);
    char *markdown = test_scan_render(&s, PF_FORMAT_MARKDOWN, false);
    char *display = pf_path_for_display(dir);
    char expected[1024];
    snprintf(expected, sizeof(expected),
             "```diff\ndiff --git a/%s/app/api/items/route.ts b/%s/app/api/items/route.ts\n", display, display);
    assert_non_null(strstr(markdown, expected));
    assert_non_null(strstr(markdown, "### 1. `/api/items` GET - HIGH\n"));
    assert_non_null(strstr(markdown, "### 2. `loadAll` in `lib/load.ts` - MEDIUM\n"));
    snprintf(expected, sizeof(expected),
             "poolfix apply --endpoint /api/items --method GET --branch pool/items-get %s\n", display);
    assert_non_null(strstr(markdown, expected));
    assert_non_null(strstr(markdown, "**Connection Usage:** 6 parallel + 1 sequential = **7 connections**"));
    /* The DELETE holds nothing but round trips: one row, no section. */
    assert_null(strstr(markdown, "DELETE - MEDIUM"));
    assert_non_null(
        strstr(markdown, "| `/api/items` DELETE | `app/api/items/route.ts:17` | 18-20 (3 round trips) |\n"));
    free(markdown);

    /* With --verbose, every block has a section and every manual fix its reason in place. */
    s.options.verbose = true;
    markdown = test_scan_render(&s, PF_FORMAT_MARKDOWN, false);
    assert_non_null(strstr(markdown, "### 2. `/api/items` DELETE - MEDIUM\n"));
    assert_non_null(strstr(markdown, "**Manual fix:**\n\n- Lines 18-20 (`sequential-queries`): no rewrite: "));
    assert_null(strstr(markdown, "## 🐢 Sequential Round Trips"));
    free(display);
    free(markdown);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* Runs every test of this file. */
int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connections_wording),   cmocka_unit_test(test_figures_wording),
        cmocka_unit_test(test_lines_and_plural),      cmocka_unit_test(test_fix_wording),
        cmocka_unit_test(test_entry_order),           cmocka_unit_test(test_entry_order_by_connections),
        cmocka_unit_test(test_focus_of_project),      cmocka_unit_test(test_focus_shared_helper),
        cmocka_unit_test(test_focus_figures_alone),   cmocka_unit_test(test_focus_callees_named),
        cmocka_unit_test(test_focus_handler_callee),
        cmocka_unit_test(test_reasons_grouped_by_shape),
        cmocka_unit_test(test_model_of_project),      cmocka_unit_test(test_files_without_result),
        cmocka_unit_test(test_model_selection),       cmocka_unit_test(test_json_contract_project),
        cmocka_unit_test(test_json_contract_example), cmocka_unit_test(test_sarif_structure),
        cmocka_unit_test(test_json_stream_layout),
        cmocka_unit_test(test_json_number_as_cjson),
        cmocka_unit_test(test_formats_agree),         cmocka_unit_test(test_text_color),
        cmocka_unit_test(test_markdown_fixes),
        cmocka_unit_test(test_markdown_diff_across_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
