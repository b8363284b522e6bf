/* Tests of the first stage's two contexts (engine.h): a first look that reads a file and
 * defers its parse, and a parse whose calls are costed, and whose imported clients are
 * named, by a cost source (the files parsed before it). */
#include "support.h"

#include "poolfix/engine.h"

#include <signal.h>
#include <string.h>

/* A cost source that gives every call of `callee` the cost `cost` and names `clients`; it
 * counts its questions, and can fault (a poolfix bug inside the program stage). */
typedef struct fake_source {
    const char *callee;
    pf_measure cost;
    const char *const *clients;
    bool known;
    bool fault;
    size_t asked, recovered;
    size_t index; /* the file index it was last asked about */
} fake_source;

static bool fake_costs(void *data, size_t index, const pf_summary *summary, pf_measure *out, const char ***clients,
                       pf_arena *arena) {
    fake_source *f = data;
    f->asked++;
    f->index = index;
    if (f->fault) raise(SIGSEGV);
    if (!f->known) return false;
    for (size_t i = 0; i < summary->calls.len; i++)
        if (strcmp(summary->calls.items[i].callee, f->callee) == 0) out[i] = f->cost;
    size_t n = 0;
    while (f->clients && f->clients[n]) n++;
    if (n) {
        *clients = pf_arena_alloc(arena, (n + 1) * sizeof(char *));
        for (size_t k = 0; k < n; k++) (*clients)[k] = pf_arena_strdup(arena, f->clients[k]);
    }
    return true;
}

static void fake_recover(void *data) {
    ((fake_source *)data)->recovered++;
}

static const char fan_out[] = "import { load } from './load';\n"
                              "export async function list() {\n"
                              "  return Promise.all([load(1), load(2), load(3), load(4), load(5), load(6)]);\n"
                              "}\n";

/* The first look reads, scans imports and prefilters: a file that may hold queries is
 * deferred, not parsed; one that cannot is done with. */
static void test_first_look_defers(void **state) {
    (void)state;
    const pf_file_context first_look = {.read_only = true};
    pf_file_result result;
    test_process_text("import { a } from './a';\nexport const b = () => prisma.user.findMany();\n", &first_look,
                      &result);
    assert_true(result.deferred);
    assert_null(result.summary);
    assert_int_equal(result.findings.len, 0);
    assert_int_equal(result.imports.count, 1);
    assert_string_equal(result.imports.specifiers[0], "./a");
    assert_false(pf_file_result_is_empty(&result));
    pf_file_result_free(&result);
    test_process_text("import { a } from './a';\nexport const b = () => a + 1;\n", &first_look, &result);
    assert_false(result.deferred);
    assert_null(result.summary);
    assert_int_equal(result.imports.count, 1);
    pf_file_result_free(&result);
}

/* Six calls at once of a function the source says runs a query: a fan-out of six queries,
 * found only with the source's costs, which the result keeps; the index goes to the source. */
static void test_costs_from_a_source(void **state) {
    (void)state;
    fake_source fake = {.callee = "load", .cost = {1, 1, 1, false, false}, .known = true};
    pf_cost_source source = {fake_costs, fake_recover, &fake};
    pf_file_context context = {.summarize = true, .costs_from = &source, .index = 7};
    pf_file_result alone, costed;
    test_process_text(fan_out, NULL, &alone);
    test_process_text(fan_out, &context, &costed);
    assert_int_equal(fake.asked, 1);
    assert_int_equal(fake.index, 7);
    assert_null(alone.call_costs);
    assert_int_equal(alone.findings.len, 0);
    assert_non_null(costed.summary);
    assert_non_null(costed.call_costs);
    for (size_t i = 0; i < costed.summary->calls.len; i++)
        assert_int_equal(costed.call_costs[i].total, strcmp(costed.summary->calls.items[i].callee, "load") == 0);
    assert_true(costed.findings.len > 0);
    assert_int_equal(costed.findings.items[0].queries, 6);
    assert_null(costed.clients);
    pf_file_result_free(&alone);
    pf_file_result_free(&costed);
    /* A source that cannot tell: the file is costed on its own. */
    fake.known = false;
    test_process_text(fan_out, &context, &costed);
    assert_null(costed.call_costs);
    assert_int_equal(costed.findings.len, 0);
    pf_file_result_free(&costed);
}

/* Names the source says are clients make their calls queries: the summary is built with them
 * and the result says which it was processed with. */
static void test_clients_from_a_source(void **state) {
    (void)state;
    static const char *const clients[] = {"store", NULL};
    fake_source fake = {.callee = "none", .known = true, .clients = clients};
    pf_cost_source source = {fake_costs, fake_recover, &fake};
    pf_file_context context = {.summarize = true, .costs_from = &source};
    static const char text[] = "import { store } from './db';\n"
                               "export const list = () => store.user.findMany();\n"
                               "export const count = () => prisma.user.count();\n";
    pf_file_result alone, with_clients;
    test_process_text(text, NULL, &alone);
    test_process_text(text, &context, &with_clients);
    assert_int_equal(alone.summary->queries.len, 1);
    assert_int_equal(with_clients.summary->queries.len, 2);
    assert_int_equal(fake.asked, 2); /* again, with the summary its clients change */
    assert_non_null(with_clients.clients);
    assert_string_equal(with_clients.clients[0], "store");
    assert_null(with_clients.clients[1]);
    assert_true(pf_file_result_has_clients(&with_clients, clients));
    assert_false(pf_file_result_has_clients(&alone, clients));
    pf_file_result_free(&alone);
    pf_file_result_free(&with_clients);
}

/* poolfix's fault handler, as the first worker installs it, before cmocka puts its own in
 * place for each test. */
static struct sigaction crash_guard_action;

/* A fault inside the source skips the file, as any crash does, and the source is told on
 * the thread it happened on, once. */
static void test_fault_inside_the_source(void **state) {
    (void)state;
#ifndef POOLFIX_NO_CRASH_GUARD
    struct sigaction cmocka_action;
    sigaction(SIGSEGV, &crash_guard_action, &cmocka_action);
    fake_source fake = {.callee = "load", .known = true, .fault = true};
    pf_cost_source source = {fake_costs, fake_recover, &fake};
    pf_file_context context = {.summarize = true, .costs_from = &source};
    pf_file_result result;
    test_process_text(fan_out, &context, &result);
    assert_int_equal(fake.recovered, 1);
    assert_non_null(result.skipped);
    assert_non_null(strstr(result.skipped, "crashed"));
    pf_file_result_free(&result);
    sigaction(SIGSEGV, &cmocka_action, NULL);
#endif
}

int main(void) {
    pf_file_result result;
    test_process_text("export const x = 1;\n", NULL, &result); /* a worker installs the handler */
    pf_file_result_free(&result);
    sigaction(SIGSEGV, NULL, &crash_guard_action);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_look_defers),
        cmocka_unit_test(test_costs_from_a_source),
        cmocka_unit_test(test_clients_from_a_source),
        cmocka_unit_test(test_fault_inside_the_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
