/* Tests of the connection-usage analysis: what runs at once, what runs one after another,
 * and the severity rules. (Figures per endpoint and function: test_program.c.) */
#include "support.h"

#include "poolfix/analysis.h"

#include <string.h>

/* Measures the first Promise.all of `code`. */
static pf_measure measure_first_group(const test_code *code) {
    assert_true(code->model.groups.len > 0);
    return pf_measure_expr(&code->model, code->model.groups.items[0].call);
}

static void test_array_elements(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(c) {\n"
                    "  const xs = await Promise.all([\n"
                    "    prisma.a.count().catch(() => 0),\n"
                    "    (prisma.b.count() as Promise<number>).then((n) => n + 1),\n"
                    "    c ? prisma.c.count() : Promise.resolve(1),\n"
                    "    c ? prisma.c.count() : prisma.d.count(),\n"
                    "    Promise.all([prisma.d.count(), prisma.e.count()]),\n"
                    "    [prisma.f.count(), prisma.g.count()],\n"
                    "    fetch('/x'),\n"
                    "    1,\n"
                    "  ]);\n"
                    "}\n",
                    NULL);
    TSNode array = code.model.groups.items[0].argument;
    long widths[] = {1, 1, 1, 1, 2, 2, 0, 0};
    for (uint32_t i = 0; i < 8; i++)
        assert_int_equal(pf_measure_expr(&code.model, ts_node_named_child(array, i)).width, widths[i]);
    pf_measure m = measure_first_group(&code);
    assert_int_equal(m.width, 8);
    assert_int_equal(m.total, 8);
    assert_int_equal(m.rounds, 1);
    assert_false(m.unbounded);
    test_code_free(&code);
}

static void test_find_unique_batching(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(a, b, c) {\n"
                    "  await Promise.all([\n"
                    "    prisma.user.findUnique({ where: { id: a } }),\n"
                    "    prisma.user.findUnique({ where: { id: b } }),\n"             /* same shape: batched */
                    "    prisma.user.findUnique({ where: { id: c }, select: { name: true } }),\n" /* other shape */
                    "    prisma.user.findUnique({ where: { email: a } }),\n"          /* other where keys */
                    "    prisma.student.findUnique({ where: { id: a } }),\n"          /* other model */
                    "    prisma.user.findFirst({ where: { id: a } }),\n"              /* not batched */
                    "    prisma.user.findFirst({ where: { id: b } }),\n"
                    "  ]);\n"
                    "}\n",
                    NULL);
    assert_int_equal(measure_first_group(&code).width, 6);
    test_code_free(&code);
}

static void test_transactions(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f() {\n"
                    "  await prisma.$transaction([prisma.a.count(), prisma.b.count(), prisma.c.count()]);\n"
                    "  await prisma.$transaction(async (tx) => {\n"
                    "    await Promise.all([tx.a.count(), tx.b.count(), tx.c.count(), tx.d.count(), tx.e.count()]);\n"
                    "    await tx.f.count();\n"
                    "  });\n"
                    "}\n",
                    NULL);
    pf_measure m = pf_measure_scope(&code.model, code.model.functions.items[0].node);
    /* two transactions: one connection each, one after the other */
    assert_int_equal(m.width, 1);
    assert_int_equal(m.total, 2);
    assert_int_equal(m.rounds, 2);
    test_code_free(&code);
}

/* An interactive transaction whose callback queries the client that started it: the transaction's
 * connection and, at the same time, the ones those queries take; a Promise.all of them takes as
 * many at once. Queries on `tx` and the array form stay inside the transaction's one. */
static void test_outer_client_in_transaction(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(ids) {\n"
                    "  await prisma.$transaction(async (tx) => {\n"
                    "    await tx.a.count();\n"
                    "    await prisma.b.count();\n"
                    "    await Promise.all([prisma.c.count(), prisma.d.count(), tx.e.count()]);\n"
                    "  });\n"
                    "  await prisma.$transaction([prisma.f.count(), prisma.g.count()]);\n"
                    "}\n"
                    "async function g() {\n"
                    "  await Promise.all([prisma.$transaction(async (tx) => prisma.h.count()), prisma.i.count()]);\n"
                    "}\n",
                    NULL);
    pf_measure m = pf_measure_scope(&code.model, code.model.functions.items[0].node);
    assert_int_equal(m.width, 3);  /* the transaction's connection and the Promise.all's two */
    assert_int_equal(m.total, 5);  /* the interactive one and its three, then the array form */
    assert_int_equal(m.rounds, 3); /* the outer client's two round trips, then the array form */
    /* a Promise.all element: the transaction and its query on `prisma`, with the other element */
    assert_int_equal(pf_measure_expr(&code.model, code.model.groups.items[1].call).width, 3);

    pf_options options;
    pf_options_init(&options);
    pf_suppressions none;
    memset(&none, 0, sizeof(none));
    pf_finding_list findings = {0};
    pf_analyze(&code.model, &options, &none, &code.arena, &findings);
    int lines[] = {4, 5, 5, 10}, found = 0;
    for (size_t i = 0; i < findings.len; i++) {
        const pf_finding *f = &findings.items[i];
        if (f->rule != PF_RULE_TRANSACTION_OUTER_CLIENT) continue;
        assert_true(found < 4);
        assert_int_equal(f->line, lines[found++]);
        assert_int_equal(f->severity, PF_SEVERITY_CRITICAL);
        assert_false(f->fixable);
        assert_non_null(strstr(f->decline, "by hand"));
    }
    assert_int_equal(found, 4);
    assert_non_null(strstr(findings.items[0].message, "`prisma.b.count` runs on `prisma`, not on the "
                                                      "transaction's client `tx`"));
    pf_options_free(&options);
    test_code_free(&code);
}

/* The loop of the model that starts on 1-based `line`. */
static TSNode loop_on_line(const test_code *code, uint32_t line) {
    for (size_t i = 0; i < code->model.loops.len; i++)
        if (ts_node_start_point(code->model.loops.items[i].node).row + 1 == line) return code->model.loops.items[i].node;
    fail_msg("no loop on line %u", line);
    return pf_node_null();
}

/* A loop inside an interactive transaction: its queries on the transaction client (and the
 * calls it makes) are its own round trips when the loop is measured as a loop, while the
 * function around still counts the $transaction as its one unit. The array form's queries, and
 * a $transaction started inside the loop, stay one unit each. */
static void test_loops_in_transactions(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function record(tx, id) { await tx.b.create({ data: { id } }); }\n"
                    "async function f(rows) {\n"
                    "  await prisma.$transaction(async (tx) => {\n"
                    "    for (const row of rows) {\n"
                    "      await tx.a.findUnique({ where: { id: row.id } });\n"
                    "      await Promise.all([tx.c.count(), tx.d.count()]);\n"
                    "      await record(tx, row.id);\n"
                    "      await prisma.$transaction([prisma.e.count(), prisma.f.count()]);\n"
                    "    }\n"
                    "    for (let i = 0; i < 3; i++) await tx.g.count();\n"
                    "  });\n"
                    "  for (const row of rows) await prisma.$transaction([prisma.h.count()]);\n"
                    "}\n",
                    NULL);
    pf_measure whole = pf_measure_scope(&code.model, code.model.functions.items[1].node);
    assert_int_equal(whole.width, 1);
    /* the interactive transaction, then the loop of array ones (of unknown length: once, unbounded) */
    assert_int_equal(whole.total, 2);
    assert_int_equal(whole.rounds, 2);
    assert_true(whole.unbounded);
    TSNode rows_loop = loop_on_line(&code, 4);
    assert_int_equal(pf_measure_scope(&code.model, rows_loop).total, 0);
    /* findUnique, the Promise.all of two, the inner $transaction: the call costs nothing here
     * (no call costs are set), so 4 queries in 3 round trips */
    pf_measure each = pf_measure_loop(&code.model, rows_loop); /* one iteration */
    assert_int_equal(each.total, 4);
    assert_int_equal(each.rounds, 3);
    assert_false(each.unbounded); /* per iteration: the loop itself is what repeats it */
    assert_true(each.writes); /* the inner $transaction may write */
    TSNode counted = loop_on_line(&code, 10);
    assert_int_equal(pf_measure_loop(&code.model, counted).total, 1);
    assert_int_equal(pf_measure_scope(&code.model, counted).total, 0);
    /* outside any interactive transaction, a loop measures as pf_measure_scope does */
    TSNode outer = loop_on_line(&code, 12);
    assert_int_equal(pf_measure_loop(&code.model, outer).total, pf_measure_scope(&code.model, outer).total);
    assert_int_equal(pf_measure_loop(&code.model, outer).total, 1);
    test_code_free(&code);
}

static void test_loops(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(rows) {\n"
                    "  for (let i = 5; i >= 0; i--) {\n"
                    "    await prisma.a.count();\n"
                    "    await prisma.b.findMany();\n"
                    "  }\n"
                    "  await Promise.all([prisma.c.count(), prisma.d.count(), prisma.e.count()]);\n"
                    "}\n"
                    "async function g(rows) {\n"
                    "  for (const row of rows) await prisma.a.update({ where: { id: row.id }, data: {} });\n"
                    "}\n"
                    "async function h() {\n"
                    "  for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) await prisma.a.count();\n"
                    "}\n",
                    NULL);
    pf_measure f = pf_measure_scope(&code.model, code.model.functions.items[0].node);
    assert_int_equal(f.width, 3);
    assert_int_equal(f.total, 15); /* 6 x 2 + 3 */
    assert_int_equal(f.rounds, 13);
    assert_false(f.unbounded);
    pf_measure g = pf_measure_scope(&code.model, code.model.functions.items[1].node);
    assert_true(g.unbounded);
    assert_int_equal(g.width, 1);
    pf_measure h = pf_measure_scope(&code.model, code.model.functions.items[2].node);
    assert_int_equal(h.total, 12);
    test_code_free(&code);
}

/* Counts saturate instead of overflowing: three nested loops of 100,000 trips are 10^15
 * queries, which a long product could hold but the int in a finding could not; a loop whose
 * counter would overflow a long (UBSan's build catches that) has an unknown trip count. */
/* One arm of an if/else or a switch runs, not all of them: the larger counts. What the
 * condition runs, and what comes after, still add up. */
static void test_alternatives(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function dispatch(event) {\n"
                    "  switch (event.type) {\n"
                    "    case 'a':\n"
                    "      await prisma.a.count();\n"
                    "      break;\n"
                    "    case 'b':\n"
                    "      await prisma.b.count();\n"
                    "      await prisma.c.count();\n"
                    "      await prisma.d.count();\n"
                    "      break;\n"
                    "    default:\n"
                    "      await Promise.all([prisma.e.count(), prisma.f.count()]);\n"
                    "  }\n"
                    "  await prisma.log.create({ data: {} });\n"
                    "}\n"
                    "async function handler(req) {\n"
                    "  if (await prisma.flag.count()) {\n"
                    "    for (let i = 0; i < 3; i++) await prisma.a.count();\n"
                    "  } else if (req.method === 'POST') {\n"
                    "    await prisma.b.create({ data: {} });\n"
                    "  } else {\n"
                    "    return;\n"
                    "  }\n"
                    "}\n",
                    NULL);
    pf_measure d = pf_measure_scope(&code.model, code.model.functions.items[0].node);
    assert_int_equal(d.width, 2);  /* the default's Promise.all */
    assert_int_equal(d.total, 4);  /* case 'b', then the log */
    assert_int_equal(d.rounds, 4);
    pf_measure h = pf_measure_scope(&code.model, code.model.functions.items[1].node);
    assert_int_equal(h.total, 4);  /* the condition, then the loop of three */
    assert_int_equal(h.rounds, 4);
    test_code_free(&code);
}

static void test_counts_saturate(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f() {\n"
                    "  for (let i = 0; i < 100000; i++)\n"
                    "    for (let j = 0; j < 100000; j++)\n"
                    "      for (let k = 0; k < 100000; k++) await prisma.a.count();\n"
                    "}\n"
                    "async function g() {\n"
                    "  for (let i = 9223372036854775000; i < 9223372036854775807; i += 1000) await prisma.a.count();\n"
                    "}\n",
                    NULL);
    pf_measure f = pf_measure_scope(&code.model, code.model.functions.items[0].node);
    assert_int_equal(f.total, PF_COUNT_MAX);
    assert_int_equal(f.rounds, PF_COUNT_MAX);
    assert_int_equal(code.model.loops.items[3].trips, -1);
    assert_int_equal(pf_count_mul(PF_COUNT_MAX, PF_COUNT_MAX), PF_COUNT_MAX);
    assert_int_equal(pf_count_mul(40000, 30000), PF_COUNT_MAX);
    assert_int_equal(pf_count_mul(3, 4), 12);
    assert_int_equal(pf_count_add(PF_COUNT_MAX, 1), PF_COUNT_MAX);
    test_code_free(&code);
}

static void test_fan_outs(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];\n"
                    "async function f(rows) {\n"
                    "  await Promise.all(levels.map(async (l) => prisma.x.count({ where: { l } })));\n"
                    "}\n"
                    "async function g(rows) {\n"
                    "  await Promise.all(rows.map(async (r) => {\n"
                    "    const a = await prisma.x.count();\n"
                    "    const b = await prisma.y.count();\n"
                    "    return a + b;\n"
                    "  }));\n"
                    "}\n"
                    "function h(rows) {\n"
                    "  rows.forEach(async (r) => { await prisma.x.update({ where: { id: r.id }, data: {} }); });\n"
                    "}\n",
                    NULL);
    pf_measure f = pf_measure_scope(&code.model, code.model.functions.items[0].node);
    assert_int_equal(f.width, 7);
    assert_int_equal(f.total, 7);
    assert_false(f.unbounded);
    pf_measure g = pf_measure_scope(&code.model, code.model.functions.items[2].node);
    assert_true(g.unbounded);
    assert_int_equal(g.width, 1); /* per element, one query at a time */
    assert_int_equal(g.rounds, 2);
    pf_measure h = pf_measure_scope(&code.model, code.model.functions.items[4].node);
    assert_true(h.unbounded);
    test_code_free(&code);
}

static void test_bounded_fan_outs(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(ids) {\n"
                    "  for (const batch of chunk(ids, 5)) {\n"
                    "    await Promise.all(batch.map((id) => prisma.x.findFirst({ where: { id } })));\n"
                    "  }\n"
                    "}\n"
                    "async function g() {\n"
                    "  await Promise.all(Array.from({ length: 3 }, (_, i) => prisma.x.count({ where: { i } })));\n"
                    "}\n",
                    NULL);
    /* at most 5 at once per batch: bounded, though the batches run as often as the data asks */
    pf_measure group = pf_measure_expr(&code.model, code.model.groups.items[0].call);
    assert_int_equal(group.width, 5);
    assert_false(group.unbounded);
    pf_measure g = pf_measure_scope(&code.model, code.model.functions.items[2].node);
    assert_int_equal(g.width, 3);
    assert_false(g.unbounded);
    test_code_free(&code);
}

/* Sets up one finding of `rule` and returns the severity the analysis gives it. */
static pf_severity severity_in(pf_rule rule, int queries, long trips, bool unbounded, bool in_transaction) {
    test_code code;
    test_code_parse(&code, "lib/a.ts", "async function f() { await prisma.a.count(); }\n", NULL);
    pf_options options;
    pf_options_init(&options);
    pf_suppressions none;
    memset(&none, 0, sizeof(none));
    pf_finding_list findings = {0};
    pf_finding *f = PF_VEC_PUSH(&code.arena, findings);
    f->rule = rule;
    f->queries = queries;
    f->trips = trips;
    f->unbounded = unbounded;
    f->in_transaction = in_transaction;
    pf_analyze(&code.model, &options, &none, &code.arena, &findings);
    pf_severity s = findings.items[0].severity;
    pf_options_free(&options);
    test_code_free(&code);
    return s;
}

static pf_severity severity_of(pf_rule rule, int queries, long trips, bool unbounded) {
    return severity_in(rule, queries, trips, unbounded, false);
}

static void test_severity_rules(void **state) {
    (void)state;
    assert_int_equal(severity_of(PF_RULE_PARALLEL_FANOUT, 11, -1, false), PF_SEVERITY_CRITICAL);
    assert_int_equal(severity_of(PF_RULE_PARALLEL_FANOUT, 10, -1, false), PF_SEVERITY_CRITICAL);
    assert_int_equal(severity_of(PF_RULE_PARALLEL_FANOUT, 9, -1, false), PF_SEVERITY_HIGH);
    assert_int_equal(severity_of(PF_RULE_PARALLEL_FANOUT, 5, -1, false), PF_SEVERITY_HIGH);
    assert_int_equal(severity_of(PF_RULE_MAP_FANOUT, 7, -1, false), PF_SEVERITY_HIGH);
    assert_int_equal(severity_of(PF_RULE_MAP_FANOUT, 1, -1, true), PF_SEVERITY_CRITICAL);
    assert_int_equal(severity_of(PF_RULE_LOOP_QUERIES, 2, 6, false), PF_SEVERITY_MEDIUM);
    assert_int_equal(severity_of(PF_RULE_LOOP_QUERIES, 1, 2, false), PF_SEVERITY_LOW);
    assert_int_equal(severity_of(PF_RULE_LOOP_QUERIES, 1, -1, true), PF_SEVERITY_CRITICAL);
    /* inside an interactive transaction: one connection, held long */
    assert_int_equal(severity_in(PF_RULE_LOOP_QUERIES, 1, -1, true, true), PF_SEVERITY_HIGH);
    assert_int_equal(severity_in(PF_RULE_LOOP_QUERIES, 2, 6, false, true), PF_SEVERITY_MEDIUM);
    assert_int_equal(severity_in(PF_RULE_LOOP_QUERIES, 1, 2, false, true), PF_SEVERITY_LOW);
    assert_int_equal(severity_of(PF_RULE_UNBOUNDED_INCLUDE, 0, -1, true), PF_SEVERITY_HIGH);
    assert_int_equal(severity_of(PF_RULE_UNBOUNDED_INCLUDE, 0, -1, false), PF_SEVERITY_LOW);
    assert_int_equal(severity_of(PF_RULE_UNBOUNDED_FINDMANY, 0, -1, false), PF_SEVERITY_MEDIUM);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_array_elements),
        cmocka_unit_test(test_find_unique_batching),
        cmocka_unit_test(test_transactions),
        cmocka_unit_test(test_loops),
        cmocka_unit_test(test_loops_in_transactions),
        cmocka_unit_test(test_outer_client_in_transaction),
        cmocka_unit_test(test_alternatives),
        cmocka_unit_test(test_counts_saturate),
        cmocka_unit_test(test_fan_outs),
        cmocka_unit_test(test_bounded_fan_outs),
        cmocka_unit_test(test_severity_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
