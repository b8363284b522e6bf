/* Tests of the model: which calls are Prisma queries, who owns them, route handlers,
 * Promise.all groups, loops and their trip counts. */
#include "support.h"

#include "poolfix/schema.h"

#include <string.h>

/* The receiver/delegate/op of query `i` as "client.delegate.op". */
static void assert_query(const test_code *code, size_t i, const char *client, const char *delegate, const char *op) {
    assert_true(i < code->model.queries.len);
    const pf_query *q = &code->model.queries.items[i];
    assert_true(pf_str_eq_c(q->client, client));
    assert_true(pf_str_eq_c(q->delegate, delegate));
    assert_true(pf_str_eq_c(q->op, op));
}

static void test_default_clients_and_methods(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(ctx, db, tx) {\n"
                    "  await prisma.user.findMany();\n"
                    "  await db.student.count({ where: { a: 1 } });\n"
                    "  await ctx.prisma.assessment.groupBy({ by: ['level'] });\n"
                    "  await this.prisma.school.upsert({});\n"
                    "  await prismaClient.visit.deleteMany();\n"
                    "  await ctx . db . x . aggregate({});\n"
                    "  await prisma.$queryRaw`SELECT 1`;\n"
                    "  await prisma.$executeRawUnsafe('DELETE');\n"
                    "  await prisma.$transaction([prisma.a.count()]);\n"
                    "}\n",
                    NULL);
    assert_int_equal(code.model.queries.len, 10);
    assert_query(&code, 0, "prisma", "user", "findMany");
    assert_query(&code, 1, "db", "student", "count");
    assert_query(&code, 2, "ctx.prisma", "assessment", "groupBy");
    assert_query(&code, 3, "this.prisma", "school", "upsert");
    assert_query(&code, 4, "prismaClient", "visit", "deleteMany");
    assert_query(&code, 6, "prisma", "", "$queryRaw");
    assert_int_equal(code.model.queries.items[1].kind, PF_QUERY_READ);
    assert_int_equal(code.model.queries.items[3].kind, PF_QUERY_WRITE);
    assert_int_equal(code.model.queries.items[6].kind, PF_QUERY_RAW_READ);
    assert_int_equal(code.model.queries.items[7].kind, PF_QUERY_RAW_WRITE);
    assert_int_equal(code.model.queries.items[8].kind, PF_QUERY_TRANSACTION);
    /* the array member of $transaction belongs to it */
    assert_int_equal(code.model.queries.items[9].transaction, 8);
    assert_false(code.model.queries.items[9].in_callback);
    test_code_free(&code);
}

static void test_not_queries(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(items, repo) {\n"
                    "  items.count();\n"
                    "  repo.user.findMany();\n"          /* repo is not a client and there is no schema */
                    "  prisma.user.find();\n"            /* not a model method */
                    "  prisma.user.findMany;\n"          /* not a call */
                    "  prisma.user.findMany.call(null);\n"
                    "}\n",
                    NULL);
    assert_int_equal(code.model.queries.len, 0);
    test_code_free(&code);
}

static void test_client_methods_on_any_receiver(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(ids) {\n"
                    "  await dbWrite.$transaction(async (t) => {\n"
                    "    await t.user.update({ where: { id: 1 }, data: {} });\n"
                    "    return t.$executeRawUnsafe('DELETE FROM a');\n"
                    "  });\n"
                    "  await analytics.$queryRaw`SELECT 1`;\n"
                    "  await readReplica.$queryRawUnsafe('SELECT 2');\n"
                    "}\n",
                    NULL);
    assert_int_equal(code.model.queries.len, 5);
    assert_query(&code, 0, "dbWrite", "", "$transaction");
    assert_query(&code, 1, "t", "user", "update");
    assert_true(code.model.queries.items[1].in_callback);
    assert_int_equal(code.model.queries.items[2].kind, PF_QUERY_RAW_WRITE);
    assert_true(code.model.queries.items[2].in_callback);
    assert_query(&code, 3, "analytics", "", "$queryRaw");
    assert_int_equal(code.model.queries.items[4].kind, PF_QUERY_RAW_READ);
    test_code_free(&code);
}

/* The interactive transaction around a node: the innermost whose callback holds it, never an
 * array-form one, and not for the callback itself (that is where the $transaction's one unit is). */
static void test_transaction_around(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(ids) {\n"
                    "  await prisma.$transaction(async (tx) => {\n"
                    "    for (const id of ids) await tx.a.findUnique({ where: { id } });\n"
                    "    await prisma.$transaction([prisma.b.count()]);\n"
                    "  });\n"
                    "  for (const id of ids) await prisma.c.count();\n"
                    "}\n",
                    NULL);
    assert_int_equal(code.model.queries.len, 5);
    assert_int_equal(code.model.loops.len, 2);
    TSNode inside = code.model.loops.items[0].node, outside = code.model.loops.items[1].node;
    assert_int_equal(pf_model_transaction_around(&code.model, inside), 0);
    assert_true(pf_model_in_transaction_around(&code.model, &code.model.queries.items[1], inside));
    assert_int_equal(pf_model_transaction_around(&code.model, outside), -1);
    /* the array form's count is in the inner $transaction, not on the interactive one */
    assert_int_equal(pf_model_transaction_around(&code.model, code.model.queries.items[3].call), 0);
    assert_false(pf_model_in_transaction_around(&code.model, &code.model.queries.items[3], inside));
    /* the callback itself is not inside its own transaction */
    TSNode callback = pf_node_unwrap(ts_node_named_child(code.model.queries.items[0].args, 0));
    assert_int_equal(pf_model_transaction_around(&code.model, callback), -1);
    test_code_free(&code);
}

/* Queries inside an interactive transaction's callback on the client that started it (same
 * receiver text), not on its transaction client, another client, a parameter that takes the
 * client's name, or in the array form. */
static void test_outer_client_in_transaction(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "const analytics = new PrismaClient();\n"
                    "async function f(ctx, ids) {\n"
                    "  await prisma.$transaction(async (tx) => {\n"                              /* 0 */
                    "    await tx.a.count();\n"                                                  /* 1 */
                    "    await prisma.b.count();\n"                                              /* 2: outer */
                    "    await analytics.c.count();\n"                                           /* 3 */
                    "    await Promise.all(ids.map((prisma) => prisma.d.count()));\n"            /* 4 */
                    "    await Promise.all(ids.map((id) => prisma.e.count({ where: { id } })));\n" /* 5: outer */
                    "    await prisma.$queryRaw`SELECT 1`;\n"                                    /* 6: outer */
                    "    await prisma.$transaction([prisma.f.count()]);\n"                       /* 7, 8 */
                    "  });\n"
                    "  await prisma.$transaction([prisma.g.count()]);\n"                         /* 9, 10 */
                    "  await prisma.$transaction(async (prisma) => prisma.h.count());\n"         /* 11, 12 */
                    "  await prisma.$transaction(async () => { await prisma.i.count(); });\n"    /* 13, 14: outer */
                    "  await ctx.db.$transaction(async (t) => {\n"                               /* 15 */
                    "    await ctx.db.j.count();\n"                                              /* 16: outer */
                    "    await db.k.count();\n"                                                  /* 17 */
                    "  });\n"
                    "  await prisma.l.count();\n"                                                /* 18 */
                    "}\n",
                    NULL);
    assert_int_equal(code.model.queries.len, 19);
    bool outer[19] = {false};
    outer[2] = outer[5] = outer[6] = outer[14] = outer[16] = true;
    for (size_t i = 0; i < 19; i++)
        if (pf_model_on_outer_client(&code.model, &code.model.queries.items[i]) != outer[i])
            fail_msg("query %zu: expected %s", i, outer[i] ? "on the outer client" : "not on the outer client");
    const pf_query *queries = code.model.queries.items;
    assert_true(pf_str_eq_c(pf_model_transaction_client_name(&code.model, &queries[0]), "tx"));
    assert_true(pf_str_eq_c(pf_model_transaction_client_name(&code.model, &queries[15]), "t"));
    assert_int_equal(pf_model_transaction_client_name(&code.model, &queries[13]).len, 0);
    assert_true(ts_node_is_null(pf_model_transaction_callback(&queries[9])));  /* the array form */
    assert_true(ts_node_is_null(pf_model_transaction_callback(&queries[2])));  /* not a $transaction */
    assert_false(ts_node_is_null(pf_model_transaction_callback(&queries[11])));
    test_code_free(&code);
}

static void test_clients_bound_in_the_file(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "const globalForDb = globalThis as any;\n"
                    "export const store = globalForDb.store ?? new PrismaClient({ log: ['error'] });\n"
                    "const audited = store.$extends({ query: {} });\n"
                    "class Repo {\n"
                    "  private conn = new PrismaClient();\n"
                    "  list() { return this.conn.user.findMany(); }\n"
                    "}\n"
                    "async function f() {\n"
                    "  await store.user.count();\n"
                    "  await audited.user.findFirst();\n"
                    "  await other.user.count();\n" /* not bound, not configured, no schema */
                    "}\n",
                    NULL);
    assert_int_equal(code.model.queries.len, 3);
    assert_query(&code, 0, "this.conn", "user", "findMany");
    assert_query(&code, 1, "store", "user", "count");
    assert_query(&code, 2, "audited", "user", "findFirst");
    test_code_free(&code);
}

static void test_other_libraries_named_db(void **state) {
    (void)state;
    const char *schema_text = "model User {\n  id Int @id\n}\n";
    pf_schema_source source = {"schema.prisma", schema_text, strlen(schema_text)};
    pf_schema *schema = pf_schema_parse(&source, 1);
    test_code code;
    /* A Drizzle file: its `db` and `tx` are Drizzle's, even where a Prisma model shares a name. */
    test_code_parse(&code, "lib/a.ts",
                    "import { eq } from 'drizzle-orm';\n"
                    "import { db } from './drizzle';\n"
                    "async function f() {\n"
                    "  await db.query.user.findMany({ where: eq(a, b) });\n"
                    "  await db.user.count();\n"
                    "  await db.transaction(async (tx) => tx.user.update({}));\n"
                    "  await prisma.user.count();\n"
                    "}\n",
                    schema);
    assert_int_equal(code.model.queries.len, 1);
    assert_query(&code, 0, "prisma", "user", "count");
    test_code_free(&code);
    /* A name bound to Kysely or knex is never a client, whatever it is called. */
    test_code_parse(&code, "lib/b.ts",
                    "const db = new Kysely<DB>({ dialect });\n"
                    "const prisma = knex({ client: 'pg' });\n"
                    "async function f() {\n"
                    "  await db.user.count();\n"
                    "  await prisma.user.delete();\n"
                    "  await prisma.$queryRaw`SELECT 1`;\n"
                    "}\n",
                    schema);
    assert_int_equal(code.model.queries.len, 0);
    test_code_free(&code);
    pf_schema_free(schema);
}

static void test_array_length_bounds(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "const SIZE = 25;\n"
                    "const levels = ['a', 'b', 'c'];\n"
                    "async function f(ids, rows) {\n"
                    "  const days: string[] = [];\n"
                    "  for (const d = new Date(); d < end; d.setDate(d.getDate() + 1)) days.push(iso(d));\n"
                    "  const picked = [1, 2];\n"
                    "  picked[5] = 3;\n"
                    "  use([1, 2, 3]);\n"
                    "  use(levels);\n"
                    "  use([...levels, 'd']);\n"
                    "  use(Array.from({ length: 12 }, (_, i) => i));\n"
                    "  use([...Array(6)]);\n"
                    "  use(new Array(4).fill(0).map((_, i) => i));\n"
                    "  use(rows.slice(0, 10));\n"
                    "  use(rows.slice(i, i + SIZE));\n"
                    "  for (const batch of chunk(ids, 50)) use(batch);\n"
                    "  for (const batch of _.chunk(ids, SIZE)) use(batch);\n"
                    "  use(rows);\n"
                    "  use([...rows, 1]);\n"
                    "  use(chunk(ids, 50));\n"
                    "  use([]);\n"
                    "  use(days);\n"
                    "  use(picked);\n"
                    "}\n",
                    NULL);
    /* days is filled by push and picked by an index: their literals say nothing of their length */
    long expected[] = {3, 3, 4, 12, 6, 4, 10, 25, 50, 25, -1, -1, -1, 0, -1, -1};
    TSNode node = test_find(&code, "call_expression", "use([1");
    for (size_t i = 0; i < sizeof(expected) / sizeof(*expected); i++) {
        TSNode arg = ts_node_named_child(pf_node_field(node, "arguments"), 0);
        assert_int_equal(pf_model_array_length(&code.model, arg), expected[i]);
        /* the next use(...) call in source order */
        TSNode next = pf_node_null();
        TSTreeCursor cursor = ts_tree_cursor_new(code.syntax.root);
        do {
            TSNode n = ts_tree_cursor_current_node(&cursor);
            if (pf_node_is(n, "call_expression") && pf_node_text_is(&code.syntax, pf_node_field(n, "function"), "use") &&
                ts_node_start_byte(n) > ts_node_start_byte(node)) {
                next = n;
                break;
            }
        } while (pf_cursor_next(&cursor));
        ts_tree_cursor_delete(&cursor);
        if (i + 1 < sizeof(expected) / sizeof(*expected)) assert_false(ts_node_is_null(next));
        node = next;
    }
    test_code_free(&code);
}

static void test_schema_delegates_make_any_receiver_a_client(void **state) {
    (void)state;
    const char *schema_text = "model User {\n  id Int @id\n}\nmodel Student {\n  id Int @id\n}\n";
    pf_schema_source source = {"schema.prisma", schema_text, strlen(schema_text)};
    pf_schema *schema = pf_schema_parse(&source, 1);
    assert_int_equal(schema->error_count, 0);
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f() {\n"
                    "  await dbRead.user.findMany();\n"
                    "  await prisma.client.student.count();\n"
                    "  await repo.order.findMany();\n" /* order is not a model: still not a query */
                    "}\n",
                    schema);
    assert_int_equal(code.model.queries.len, 2);
    assert_query(&code, 0, "dbRead", "user", "findMany");
    assert_query(&code, 1, "prisma.client", "student", "count");
    test_code_free(&code);
    pf_schema_free(schema);
}

static void test_transaction_callback_parameter_is_a_client(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f() {\n"
                    "  return prisma.$transaction(async (t) => {\n"
                    "    const a = await t.user.count();\n"
                    "    return t.student.findMany();\n"
                    "  });\n"
                    "}\n"
                    "async function g(t) { return t.user.count(); }\n",
                    NULL);
    assert_int_equal(code.model.queries.len, 3);
    assert_query(&code, 1, "t", "user", "count");
    assert_int_equal(code.model.queries.items[1].transaction, 0);
    assert_true(code.model.queries.items[1].in_callback);
    assert_true(code.model.queries.items[2].in_callback);
    test_code_free(&code);
}

static void test_wrappers_and_nesting(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "async function f(c) {\n"
                    "  const xs = await Promise.all([\n"
                    "    prisma.a.count().catch(() => 0),\n"
                    "    (prisma.b.count() as Promise<number>).then((n) => n + 1).finally(() => {}),\n"
                    "    c ? prisma.c.count() : Promise.resolve(1),\n"
                    "    Promise.all([prisma.d.count(), prisma.e.count()]),\n"
                    "    prisma.f.count()!,\n"
                    "    fetch('/x'),\n"
                    "    1,\n"
                    "  ]);\n"
                    "}\n",
                    NULL);
    assert_int_equal(code.model.groups.len, 2);
    const pf_group *outer = &code.model.groups.items[0];
    assert_int_equal(outer->shape, PF_GROUP_ARRAY);
    assert_int_equal(code.model.groups.items[1].parent_group, 0);
    /* the outer expression of a wrapped query reaches past .catch() */
    const pf_query *a = &code.model.queries.items[0];
    assert_true(pf_str_starts_with(pf_node_str(&code.syntax, a->outer), "prisma.a.count().catch"));
    test_code_free(&code);
}

static void test_map_group(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "const levels = ['a', 'b', 'c'];\n"
                    "async function f(rows) {\n"
                    "  await Promise.all(levels.map(async (level) => prisma.x.count({ where: { level } })));\n"
                    "  await Promise.allSettled(rows.map(function (row) { return prisma.y.findFirst(); }));\n"
                    "  await Promise.all(pending);\n"
                    "}\n",
                    NULL);
    assert_int_equal(code.model.groups.len, 3);
    const pf_group *g = &code.model.groups.items[0];
    assert_int_equal(g->shape, PF_GROUP_MAP);
    assert_true(pf_node_is_function(g->callback));
    assert_int_equal(pf_model_array_length(&code.model, g->mapped), 3);
    assert_int_equal(code.model.groups.items[1].shape, PF_GROUP_MAP);
    assert_true(pf_str_eq_c(code.model.groups.items[1].method, "allSettled"));
    assert_int_equal(pf_model_array_length(&code.model, code.model.groups.items[1].mapped), -1);
    assert_int_equal(code.model.groups.items[2].shape, PF_GROUP_OTHER);
    test_code_free(&code);
}

static void test_loop_trip_counts(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "lib/a.ts",
                    "const months = [1, 2, 3, 4];\n"
                    "async function f(n, rows) {\n"
                    "  for (let i = 5; i >= 0; i--) {}\n"
                    "  for (let i = 0; i < 12; i++) {}\n"
                    "  for (let i = 0; i <= 10; i += 2) {}\n"
                    "  for (let i = 1; 3 > i; ++i) {}\n"
                    "  for (let i = 0; i < n; i++) {}\n"
                    "  for (const m of months) {}\n"
                    "  for (const r of rows) {}\n"
                    "  for (const k in rows) {}\n"
                    "  while (true) { break; }\n"
                    "  do {} while (false);\n"
                    "  for (let i = 10; i < 5; i++) {}\n"
                    "  for (const x of [1, 2, ...rows]) {}\n"
                    "}\n",
                    NULL);
    long expected[] = {6, 12, 6, 2, -1, 4, -1, -1, -1, -1, 0, -1};
    assert_int_equal(code.model.loops.len, sizeof(expected) / sizeof(*expected));
    for (size_t i = 0; i < code.model.loops.len; i++) assert_int_equal(code.model.loops.items[i].trips, expected[i]);
    test_code_free(&code);
}

static void test_app_router_handlers(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "src/app/(admin)/api/students/[id]/route.ts",
                    "export async function GET(req: Request) { return prisma.user.findMany(); }\n"
                    "export const POST = withAuth(async (req: Request) => prisma.user.create({ data: {} }));\n"
                    "const remove = async () => prisma.user.deleteMany();\n"
                    "export { remove as DELETE };\n"
                    "export function helper() { return prisma.user.count(); }\n"
                    "export const dynamic = 'force-dynamic';\n",
                    NULL);
    assert_int_equal(code.model.router, PF_ROUTER_APP);
    assert_string_equal(code.model.route, "/api/students/[id]");
    assert_int_equal(code.model.handlers.len, 3);
    const char *methods[] = {"GET", "POST", "DELETE"};
    for (int i = 0; i < 3; i++) assert_string_equal(code.model.handlers.items[i].method, methods[i]);
    /* each query's handler */
    int handler_of[] = {0, 1, 2, -1};
    for (int i = 0; i < 4; i++)
        assert_int_equal(pf_model_handler_of(&code.model, code.model.queries.items[i].call), handler_of[i]);
    /* the owner of the helper's query is the helper */
    int owner = pf_model_owner_of(&code.model, code.model.queries.items[3].call);
    assert_true(pf_str_eq_c(code.model.functions.items[owner].name, "helper"));
    /* the wrapped arrow is named after the export */
    assert_true(pf_str_eq_c(code.model.functions.items[code.model.handlers.items[1].function].name, "POST"));
    test_code_free(&code);
}

static void test_pages_router_handler(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "pages/api/users/index.ts",
                    "async function handler(req, res) { res.json(await prisma.user.findMany()); }\n"
                    "export default withSession(handler);\n",
                    NULL);
    assert_int_equal(code.model.router, PF_ROUTER_PAGES);
    assert_string_equal(code.model.route, "/api/users");
    assert_int_equal(code.model.handlers.len, 1);
    assert_string_equal(code.model.handlers.items[0].method, "ALL");
    assert_int_equal(pf_model_handler_of(&code.model, code.model.queries.items[0].call), 0);
    test_code_free(&code);
}

static void test_not_a_route_file(void **state) {
    (void)state;
    test_code code;
    test_code_parse(&code, "app/api/users/helpers.ts", "export async function GET() { return prisma.user.count(); }\n",
                    NULL);
    assert_int_equal(code.model.router, PF_ROUTER_NONE);
    assert_null(code.model.route);
    assert_int_equal(code.model.handlers.len, 0);
    test_code_free(&code);
}

/* poolfix.json's names and clientPattern: listed names match whatever the spacing, the
 * pattern must match the whole receiver, and a pattern that does not compile is an error. */
static void test_client_names_and_pattern(void **state) {
    (void)state;
    const char *names[] = {"ctx.db"};
    char *error = NULL;
    pf_client_names *clients = pf_client_names_new(names, 1, "(read|write)Db", &error);
    assert_non_null(clients);
    assert_true(pf_client_names_match(clients, pf_str_c("ctx . db")));
    assert_true(pf_client_names_match(clients, pf_str_c("readDb")));
    assert_true(pf_client_names_match(clients, pf_str_c("writeDb")));
    assert_false(pf_client_names_match(clients, pf_str_c("readDbX")));
    assert_false(pf_client_names_match(clients, pf_str_c("myreadDb")));
    assert_false(pf_client_names_match(clients, pf_str_c("prisma")));
    pf_client_names_free(clients);
    assert_null(pf_client_names_new(names, 1, "(unclosed", &error));
    assert_non_null(strstr(error, "clientPattern does not compile"));
    free(error);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_clients_and_methods),
        cmocka_unit_test(test_client_names_and_pattern),
        cmocka_unit_test(test_not_queries),
        cmocka_unit_test(test_client_methods_on_any_receiver),
        cmocka_unit_test(test_clients_bound_in_the_file),
        cmocka_unit_test(test_other_libraries_named_db),
        cmocka_unit_test(test_array_length_bounds),
        cmocka_unit_test(test_schema_delegates_make_any_receiver_a_client),
        cmocka_unit_test(test_transaction_callback_parameter_is_a_client),
        cmocka_unit_test(test_transaction_around),
        cmocka_unit_test(test_outer_client_in_transaction),
        cmocka_unit_test(test_wrappers_and_nesting),
        cmocka_unit_test(test_map_group),
        cmocka_unit_test(test_loop_trip_counts),
        cmocka_unit_test(test_app_router_handlers),
        cmocka_unit_test(test_pages_router_handler),
        cmocka_unit_test(test_not_a_route_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
