/* Tests of the import graph: edges resolved from import scans, the reversed graph, and the
 * order that puts files after what they import. Files live under a folder that does not
 * exist: relative specifiers resolve among the files of the run alone. */
#include "support.h"

#include "poolfix/import_graph.h"

#include <stdlib.h>
#include <string.h>

#define ROOT "/nonexistent-poolfix-import-graph-test/"

enum { MAX_FILES = 8, MAX_IMPORTS = 4 };

/* A run of files, each with the specifiers it imports, and its graph. */
typedef struct graph_case {
    size_t count;
    char *paths[MAX_FILES];
    pf_import_scan scans[MAX_FILES];
    pf_resolver *resolver;
    pf_import_graph graph;
} graph_case;

/* `files`: per file, its path (under ROOT) then its specifiers, then NULL; the list ends with
 * a second NULL. */
static void graph_open(graph_case *c, const char *const *files) {
    memset(c, 0, sizeof(*c));
    for (size_t k = 0; files[k]; k++) {
        assert_true(c->count < MAX_FILES);
        pf_import_scan *scan = &c->scans[c->count];
        c->paths[c->count] = malloc(strlen(ROOT) + strlen(files[k]) + 1);
        strcpy(c->paths[c->count], ROOT);
        strcat(c->paths[c->count], files[k]);
        scan->specifiers = calloc(MAX_IMPORTS, sizeof(char *));
        while (files[++k]) {
            assert_true(scan->count < MAX_IMPORTS);
            scan->specifiers[scan->count++] = strdup(files[k]);
        }
        c->count++;
    }
    c->resolver = pf_resolver_new((const char *const *)c->paths, c->count);
    pf_import_graph_build(&c->graph, c->scans, c->count, c->resolver);
}

static void graph_close(graph_case *c) {
    pf_import_graph_free(&c->graph);
    pf_resolver_free(c->resolver);
    for (size_t i = 0; i < c->count; i++) {
        pf_import_scan_free(&c->scans[i]);
        free(c->paths[i]);
    }
}

/* Where file `file` comes in `order` (fails if it is not there). */
static size_t place(const size_t *order, size_t count, size_t file) {
    for (size_t k = 0; k < count; k++)
        if (order[k] == file) return k;
    fail_msg("file %zu is not in the order", file);
    return 0;
}

/* Edges go to the files of the run a specifier resolves to, in the order met; a package or a
 * missing file is no edge. The reversed graph lists each file's importers. */
static void test_edges_and_reverse(void **state) {
    (void)state;
    static const char *const files[] = {
        "app/route.ts", "../lib/service", "react", "../lib/missing", NULL,
        "lib/service.ts", "./rows", "./db", NULL,
        "lib/rows.ts", "./db", NULL,
        "lib/db.ts", NULL,
        NULL};
    graph_case c;
    graph_open(&c, files);
    const pf_import_graph *g = &c.graph;
    assert_int_equal(g->count, 4);
    assert_int_equal(g->first[1] - g->first[0], 1);
    assert_int_equal(g->to[g->first[0]], 1);
    assert_int_equal(g->first[2] - g->first[1], 2);
    assert_int_equal(g->to[g->first[1]], 2);
    assert_int_equal(g->to[g->first[1] + 1], 3);
    assert_int_equal(g->first[4] - g->first[3], 0);
    pf_import_graph reversed;
    pf_import_graph_reverse(g, &reversed);
    assert_int_equal(reversed.first[1] - reversed.first[0], 0); /* nothing imports the route */
    assert_int_equal(reversed.first[4] - reversed.first[3], 2);  /* lib/db.ts: service, rows */
    assert_int_equal(reversed.to[reversed.first[3]], 1);
    assert_int_equal(reversed.to[reversed.first[3] + 1], 2);
    pf_import_graph_free(&reversed);
    graph_close(&c);
}

/* Rows resolved a file at a time, in any order, some more than once, lay out the graph
 * pf_import_graph_build makes; a file never resolved has no edges. */
static void test_rows_in_any_order(void **state) {
    (void)state;
    static const char *const files[] = {
        "app/route.ts", "../lib/service", "../lib/db", NULL,
        "lib/service.ts", "./rows", "./db", NULL,
        "lib/rows.ts", "./db", NULL,
        "lib/db.ts", NULL,
        "lib/unread.ts", "./db", NULL,
        NULL};
    graph_case c;
    graph_open(&c, files);
    pf_import_rows rows;
    pf_import_rows_init(&rows, c.count);
    static const size_t order[] = {3, 1, 0, 1, 2};
    for (size_t k = 0; k < sizeof(order) / sizeof(*order); k++)
        pf_import_rows_resolve(&rows, order[k], &c.scans[order[k]], c.resolver);
    pf_import_graph graph;
    pf_import_graph_from_rows(&graph, &rows);
    assert_null(rows.to);
    assert_int_equal(graph.count, c.count);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(graph.first[i + 1] - graph.first[i], c.graph.first[i + 1] - c.graph.first[i]);
        for (uint32_t e = graph.first[i]; e < graph.first[i + 1]; e++)
            assert_int_equal(graph.to[e], c.graph.to[c.graph.first[i] + (e - graph.first[i])]);
    }
    assert_int_equal(c.graph.first[5] - c.graph.first[4], 1);
    assert_int_equal(graph.first[5] - graph.first[4], 0);
    pf_import_graph_free(&graph);
    graph_close(&c);
}

/* Each wanted file comes after what it imports, through files that are not wanted too. A
 * cycle is entered from the files nothing imports: lib/other.ts, first of the run, is in a
 * cycle with the service the route reaches, and comes before it, as the route runs it. */
static void test_callees_first(void **state) {
    (void)state;
    static const char *const files[] = {
        "lib/other.ts", "./service", NULL,
        "a/route.ts", "../lib/controller", NULL,
        "lib/controller.ts", "./service", NULL,
        "lib/service.ts", "./helper", "./other", NULL,
        "lib/helper.ts", "./db", NULL,
        "lib/db.ts", NULL,
        NULL};
    graph_case c;
    graph_open(&c, files);
    bool wanted[MAX_FILES] = {true, true, false, true, false, true};
    size_t order[MAX_FILES];
    size_t n = pf_import_graph_callees_first(&c.graph, wanted, order);
    assert_int_equal(n, 4); /* the controller and the helper are not wanted */
    assert_true(place(order, n, 5) < place(order, n, 3)); /* db before the service, through the helper */
    assert_true(place(order, n, 3) < place(order, n, 1)); /* the service before the route, through the controller */
    assert_true(place(order, n, 0) < place(order, n, 3)); /* the cycle entered at the service */
    graph_close(&c);
}

/* In a cycle, the walk's order can leave more imports pointing forward than it must: from
 * the route, it finishes b, c, then a, where b and c import a. Reordered, only a's import of c
 * points forward, the least a cycle allows. */
static void test_cycle_reordered(void **state) {
    (void)state;
    static const char *const files[] = {
        "app/route.ts", "../lib/a", NULL,
        "lib/a.ts", "./c", NULL,
        "lib/b.ts", "./a", NULL,
        "lib/c.ts", "./a", "./b", NULL,
        NULL};
    graph_case c;
    graph_open(&c, files);
    bool wanted[MAX_FILES] = {false, true, true, true};
    size_t order[MAX_FILES];
    assert_int_equal(pf_import_graph_callees_first(&c.graph, wanted, order), 3);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 3);
    graph_close(&c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edges_and_reverse),
        cmocka_unit_test(test_rows_in_any_order),
        cmocka_unit_test(test_callees_first),
        cmocka_unit_test(test_cycle_reordered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
