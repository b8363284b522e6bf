/* Tests of the program stage on small in-memory programs: figures of endpoints and
 * functions across files, the structure calls keep (parallel, sequence, loops), recursion,
 * the depth limit, name resolution (this, injected services, namespaces, re-exports), imported
 * clients and their hooks, tRPC router paths, the --endpoint selection, and which cost changes can change a
 * finding. Each file is parsed and summarised as the per-file stage does it. */
#include "support.h"

#include "poolfix/hook_sites.h"
#include "poolfix/program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Paths under a folder that does not exist, so no tsconfig.json or package.json around the
 * test's working folder can take part in resolution. */
#define ROOT "/nonexistent-poolfix-program-test/"

enum { MAX_FILES = 8 };

typedef struct program_case {
    size_t count;
    test_code code[MAX_FILES];
    pf_summary summary[MAX_FILES];
    const char *paths[MAX_FILES];
    char *absolute[MAX_FILES]; /* the paths the resolver borrows */
    pf_module_names *names[MAX_FILES]; /* kept across links, when a test keeps them */
    pf_resolver *resolver;
    pf_program *program;
} program_case;

/* Parses each (path, text) pair of `files` (NULL-terminated), summarises it and links the
 * program, with calls followed `depth` deep (0: no limit). */
static void program_open(program_case *c, const char *const *files, int depth) {
    memset(c, 0, sizeof(*c));
    for (size_t i = 0; files[2 * i]; i++) {
        assert_true(i < MAX_FILES);
        c->paths[i] = files[2 * i];
        test_code_parse(&c->code[i], files[2 * i], files[2 * i + 1], NULL);
        pf_summary_build(&c->summary[i], &c->code[i].arena, &c->code[i].model);
        c->count++;
    }
    for (size_t i = 0; i < c->count; i++) {
        c->absolute[i] = malloc(strlen(ROOT) + strlen(c->paths[i]) + 1);
        strcpy(c->absolute[i], ROOT);
        strcat(c->absolute[i], c->paths[i]);
    }
    c->resolver = pf_resolver_new((const char *const *)c->absolute, c->count);
    c->program = pf_program_new(c->count, c->resolver, depth);
    for (size_t i = 0; i < c->count; i++) pf_program_set(c->program, i, &c->summary[i], c->paths[i]);
    pf_program_link(c->program);
}

static void program_close(program_case *c) {
    pf_program_free(c->program);
    pf_resolver_free(c->resolver);
    for (size_t i = 0; i < c->count; i++) {
        test_code_free(&c->code[i]);
        free(c->absolute[i]);
        pf_module_names_free(c->names[i]);
    }
}

/* The block of an endpoint (`method route`) or of a function ("file:name"); fails if none. */
static const pf_block *block(program_case *c, const char *name) {
    size_t count;
    const pf_block *blocks = pf_program_blocks(c->program, &count);
    for (size_t i = 0; i < count; i++) {
        char label[256];
        if (blocks[i].endpoint) snprintf(label, sizeof(label), "%s %s", blocks[i].method, blocks[i].route);
        else snprintf(label, sizeof(label), "%s:%s", c->paths[blocks[i].file], blocks[i].name);
        if (strcmp(label, name) == 0) return &blocks[i];
    }
    fail_msg("no block %s", name);
    return NULL;
}

/* Asserts a block's figures. */
static void assert_figures(const pf_block *b, long width, long total, long rounds, bool unbounded) {
    assert_int_equal(b->figures.width, width);
    assert_int_equal(b->figures.total, total);
    assert_int_equal(b->figures.rounds, rounds);
    assert_int_equal(b->figures.unbounded, unbounded);
}

/* A program holds only the files given a summary, set in any order: one left unset is not
 * linked (its calls cost nothing), and the endpoints that call into it want it parsed. */
static void test_files_without_summary(void **state) {
    (void)state;
    static const char *const files[] = {
        "app/api/users/route.ts",
        "import { listUsers } from '../../../lib/users';\n"
        "import { audit } from '../../../lib/audit';\n"
        "export async function GET() {\n"
        "  await audit();\n"
        "  return Response.json(await listUsers());\n"
        "}\n",
        "lib/audit.ts",
        "export async function audit() { await prisma.log.create({ data: {} }); }\n",
        "lib/users.ts",
        "export async function listUsers() {\n"
        "  return Promise.all([prisma.a.count(), prisma.b.count()]);\n"
        "}\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    pf_program_free(c.program);
    /* lib/users.ts first, then the route; lib/audit.ts (index 1) stays unparsed. */
    c.program = pf_program_new(c.count, c.resolver, 0);
    pf_program_set(c.program, 2, &c.summary[2], c.paths[2]);
    pf_program_set(c.program, 0, &c.summary[0], c.paths[0]);
    pf_program_link(c.program);
    assert_figures(block(&c, "GET /api/users"), 2, 2, 1, false);
    bool may_query[3] = {true, true, true};
    size_t *wanted = NULL;
    assert_int_equal(pf_program_wanted(c.program, may_query, &wanted), 1);
    assert_int_equal(wanted[0], 1);
    free(wanted);
    assert_null(pf_program_imported_clients(c.program, 1)[0]);
    program_close(&c);
}

/* Where a file's imports and re-exports lead is resolved once and kept by the caller across
 * links: a second link reads the kept targets (a changed target changes what it links), and
 * a link without a resolver keeps nothing. Its indexed names are kept the same way: the
 * second link reads the ones the first made. */
static void test_kept_targets(void **state) {
    (void)state;
    static const char *const files[] = {
        "app/api/users/route.ts",
        "import { listUsers } from '../../../lib/users';\n"
        "export { audit } from '../../../lib/audit';\n"
        "export async function GET() {\n"
        "  return Response.json(await listUsers());\n"
        "}\n",
        "lib/audit.ts",
        "export async function audit() { await prisma.log.create({ data: {} }); }\n",
        "lib/users.ts",
        "export async function listUsers() {\n"
        "  return Promise.all([prisma.a.count(), prisma.b.count()]);\n"
        "}\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    pf_program_free(c.program);
    int32_t *targets = NULL;
    pf_module_names *first_names = NULL;
    for (int link = 0; link < 2; link++) {
        c.program = pf_program_new(c.count, c.resolver, 0);
        for (size_t i = 0; i < c.count; i++) pf_program_set(c.program, i, &c.summary[i], c.paths[i]);
        pf_program_keep_targets(c.program, 0, &targets);
        for (size_t i = 0; i < c.count; i++) pf_program_keep_names(c.program, i, &c.names[i]);
        pf_program_link(c.program);
        for (size_t i = 0; i < c.count; i++) assert_non_null(c.names[i]);
        if (link == 0) first_names = c.names[0];
        assert_ptr_equal(c.names[0], first_names);
        assert_non_null(targets);
        assert_int_equal(targets[0], 2); /* the import: lib/users.ts */
        assert_int_equal(targets[1], 1); /* the re-export: lib/audit.ts */
        assert_figures(block(&c, "GET /api/users"), 2, 2, 1, false);
        pf_program_free(c.program);
    }
    /* Kept targets are what the next link reads: pointed elsewhere, listUsers is not found. */
    targets[0] = 1;
    c.program = pf_program_new(c.count, c.resolver, 0);
    for (size_t i = 0; i < c.count; i++) pf_program_set(c.program, i, &c.summary[i], c.paths[i]);
    pf_program_keep_targets(c.program, 0, &targets);
    pf_program_link(c.program);
    assert_figures(block(&c, "GET /api/users"), 0, 0, 0, false);
    pf_program_free(c.program);
    free(targets);
    /* Without a resolver every target reads as none, and none is kept. */
    targets = NULL;
    c.program = pf_program_new(c.count, NULL, 0);
    for (size_t i = 0; i < c.count; i++) pf_program_set(c.program, i, &c.summary[i], c.paths[i]);
    pf_program_keep_targets(c.program, 0, &targets);
    pf_program_link(c.program);
    assert_null(targets);
    program_close(&c);
}

static void test_same_file_helpers(void **state) {
    (void)state;
    static const char *const files[] = {
        "app/api/stats/route.ts",
        "async function loadCounts() {\n"
        "  return Promise.all([prisma.a.count(), prisma.b.count(), prisma.c.count(),\n"
        "                      prisma.d.count(), prisma.e.count(), prisma.f.count()]);\n"
        "}\n"
        "export async function GET() {\n"
        "  const counts = await loadCounts();\n"
        "  const users = await prisma.user.findMany({ take: 10 });\n"
        "  return Response.json({ counts, users });\n"
        "}\n"
        "export async function DELETE() {\n"
        "  const a = await prisma.a.count();\n"
        "  const b = await prisma.b.count();\n"
        "  await prisma.c.deleteMany();\n"
        "  return Response.json({ a, b });\n"
        "}\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    const pf_block *get = block(&c, "GET /api/stats");
    assert_figures(get, 6, 7, 2, false); /* the helper's fan-out is charged to GET */
    assert_string_equal(get->calls, "loadCounts");
    assert_int_equal(get->reached_count, 0); /* nothing in other files */
    assert_figures(block(&c, "DELETE /api/stats"), 1, 3, 3, false);
    const pf_block *helper = block(&c, "app/api/stats/route.ts:loadCounts");
    assert_false(helper->endpoint);
    assert_int_equal(helper->reached_by_count, 1);
    program_close(&c);

    static const char *const pages[] = {
        "pages/api/report.ts",
        "export default async function handler(req, res) {\n"
        "  for (const id of req.body.ids) await prisma.a.count({ where: { id } });\n"
        "  res.json({});\n"
        "}\n",
        NULL};
    program_open(&c, pages, 0);
    assert_figures(block(&c, "ALL /api/report"), 1, 1, 1, true); /* grows with the data */
    program_close(&c);
}

static void test_structure_across_files(void **state) {
    (void)state;
    static const char *const files[] = {
        "lib/users.ts",
        "export async function loadUser(id) {\n"
        "  const user = await prisma.user.findUnique({ where: { id } });\n"
        "  const teams = await prisma.team.findMany({ where: { userId: id }, take: 5 });\n"
        "  return { user, teams };\n"
        "}\n",
        "app/api/a/route.ts",
        "import { loadUser } from '../../../lib/users';\n"
        "export async function GET() {\n"
        "  await Promise.all([loadUser(1), loadUser(2), prisma.audit.count()]);\n"
        "  for (let i = 0; i < 3; i++) await loadUser(i);\n"
        "  for (const id of await ids()) await loadUser(id);\n"
        "}\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    /* Promise.all: each loadUser runs its two queries one after another, so 1 + 1 + 1 at once,
     * 5 queries, 2 round trips deep; then 3 × 2 in sequence; then a loop over data: unbounded. */
    const pf_block *get = block(&c, "GET /api/a");
    assert_int_equal(get->figures.width, 3);
    assert_int_equal(get->figures.total, 5 + 6 + 2);
    assert_int_equal(get->figures.rounds, 2 + 6 + 2);
    assert_true(get->figures.unbounded);
    assert_int_equal(get->reached_count, 1);
    assert_int_equal(get->reached[0].path_len, 2); /* GET → loadUser */
    assert_int_equal(get->reached[0].path[0].call_line, 3); /* the first call met */
    /* What each call of the route costs, for its own analysis. */
    pf_measure costs[8];
    assert_true(c.summary[1].calls.len <= 8);
    assert_true(pf_program_call_costs(c.program, 1, costs));
    assert_int_equal(c.summary[1].calls.items[0].line, 3);
    assert_int_equal(costs[0].total, 2);
    assert_int_equal(costs[0].rounds, 2);
    program_close(&c);
}

static void test_recursion_and_depth(void **state) {
    (void)state;
    static const char *const files[] = {
        "lib/a.ts",
        "import { b } from './b';\n"
        "export async function a(n) { await prisma.x.count(); return b(n); }\n",
        "lib/b.ts",
        "import { a } from './a';\n"
        "import { c } from './c';\n"
        "export async function b(n) { if (n) await a(n - 1); return c(); }\n",
        "lib/c.ts",
        "export async function c() { return prisma.y.count(); }\n",
        "app/api/r/route.ts",
        "import { a } from '../../../lib/a';\n"
        "import { b } from '../../../lib/b';\n"
        "export async function GET() { await a(1); }\n"
        "export async function POST() { await b(1); }\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    /* Entered from a or from b, the cycle counts each query once and grows with the data. */
    assert_figures(block(&c, "GET /api/r"), 1, 2, 2, true);
    assert_figures(block(&c, "POST /api/r"), 1, 2, 2, true);
    program_close(&c);

    program_open(&c, files, 1);
    /* One call deep: a's own query only. */
    assert_figures(block(&c, "GET /api/r"), 1, 1, 1, false);
    program_close(&c);
}

static void test_classes_objects_namespaces(void **state) {
    (void)state;
    static const char *const files[] = {
        "src/users.service.ts",
        "export class UsersService {\n"
        "  constructor(private readonly prisma: PrismaService) {}\n"
        "  async profile(id) { const u = await this.prisma.user.findUnique({ where: { id } }); return this.extra(u); }\n"
        "  extra(u) { return this.prisma.post.findMany({ take: 3 }); }\n"
        "}\n",
        "src/users.controller.ts",
        "import { UsersService } from './users.service';\n"
        "import * as stats from './stats';\n"
        "@Controller('users')\n"
        "export class UsersController {\n"
        "  constructor(private readonly users: UsersService) {}\n"
        "  @Get(':id') one(id) { return this.users.profile(id); }\n"
        "  @Get() all() { return stats.helpers.total(); }\n"
        "}\n",
        "src/stats.ts",
        "const total = () => prisma.user.count();\n"
        "export const helpers = { total, other: () => 1 };\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    assert_figures(block(&c, "GET /users/:id"), 1, 2, 2, false);
    assert_figures(block(&c, "GET /users"), 1, 1, 1, false);
    const pf_block *one = block(&c, "GET /users/:id");
    assert_int_equal(one->reached_count, 2); /* profile, then extra through this.extra */
    assert_int_equal(one->reached[1].path_len, 3);
    program_close(&c);
}

static void test_imported_clients(void **state) {
    (void)state;
    static const char *const files[] = {
        "lib/db/client.ts", "export const database = globalThis.database ?? new PrismaClient();\n",
        "lib/db/index.ts", "export * from './client';\nexport { database as reader } from './client';\n",
        "lib/use.ts",
        "import { database, reader } from './db';\n"
        "import { other } from './other';\n"
        "export const read = () => reader.user.findMany();\n"
        "export const write = () => database.user.create({ data: {} });\n"
        "export const not = () => other.user.findMany();\n",
        "lib/other.ts", "export const other = makeSomethingElse();\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    const char *const *clients = pf_program_imported_clients(c.program, 2);
    assert_non_null(clients[0]);
    assert_non_null(clients[1]);
    assert_null(clients[2]);
    bool reader = strcmp(clients[0], "reader") == 0 || strcmp(clients[1], "reader") == 0;
    bool database = strcmp(clients[0], "database") == 0 || strcmp(clients[1], "database") == 0;
    assert_true(reader && database); /* `other` is no client */
    program_close(&c);
}

/* The hooks of the clients a file's queries use, as "client: problem" lines, or "client
 * (models): problem" for a hook of some models only. */
static void assert_hooks(program_case *c, size_t file, const char *const *want) {
    const pf_client_hook *hooks = pf_program_client_hooks(c->program, file);
    size_t n = 0;
    for (; hooks[n].client; n++) {
        assert_non_null(want[n]);
        char line[1024];
        if (hooks[n].models) snprintf(line, sizeof(line), "%s (%s): %s", hooks[n].client, hooks[n].models, hooks[n].problem);
        else snprintf(line, sizeof(line), "%s: %s", hooks[n].client, hooks[n].problem);
        assert_string_equal(line, want[n]);
    }
    assert_null(want[n]);
}

/* `$use` written in another module than the client, reached through a renaming re-export; a
 * tRPC context that holds an unhooked client; a hook of the file's own left to the passes. */
static void test_client_hooks(void **state) {
    (void)state;
    static const char *const files[] = {
        "lib/client.ts", "export const base = new PrismaClient();\n",
        "lib/monitor.ts",
        "import { base } from './client';\n"
        "base.$use(async (params, next) => next(params));\n"
        "export const watched = () => base.user.count();\n",
        "lib/index.ts", "export { base as prisma } from './client';\nexport { plain } from './plain';\n",
        "lib/plain.ts", "const plain = new PrismaClient();\nexport { plain };\n",
        "lib/use.ts",
        "import { prisma, plain } from './index';\n"
        "export const a = () => prisma.user.count();\n"
        "export const b = () => plain.user.count();\n",
        "server/trpc.ts", "import { plain } from '../lib/plain';\nexport const createTRPCContext = () => ({ db: plain });\n",
        "server/router.ts", "export const list = ({ ctx }) => ctx.db.user.count();\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    const char *const use[] = {"prisma: the client `prisma` is given `$use(...)` middleware in lib/monitor.ts (line 2), "
                               "which runs around each operation of every model: a rewrite that changes the operation "
                               "or reads with "
                               "raw SQL would skip it",
                               NULL};
    const char *const none[] = {NULL};
    assert_hooks(&c, 4, use);
    assert_hooks(&c, 1, none); /* its own `$use`: the passes see it */
    assert_hooks(&c, 6, none); /* ctx.db is the plain client */
    program_close(&c);

    /* No context creator holds `db`: a context client is taken to be the hooked client. */
    static const char *const unfollowed[] = {
        "lib/db.ts", "export const db = new PrismaClient().$extends({ query: { user: {} } });\n",
        "server/router.ts", "export const list = ({ ctx }) => ctx.db.user.count();\n",
        NULL};
    program_open(&c, unfollowed, 0);
    const char *const fallback[] = {
        "ctx.db (user,): the client `ctx.db` comes from a tRPC context that no context creator poolfix found fills "
        "with `db`, and the program has a client built in lib/db.ts with `$extends(...)` (line 1), whose query hooks "
        "run per operation of `user`; taken to be that client: a rewrite that changes the operation or reads with raw "
        "SQL would skip them",
        NULL};
    assert_hooks(&c, 1, fallback);
    program_close(&c);

    /* An extension hooks no operation: its client is no hooked client. */
    static const char *const harmless[] = {
        "lib/db.ts", "export const db = new PrismaClient().$extends({ query: {} }).$extends({ result: {} });\n",
        "server/router.ts", "export const list = ({ ctx }) => ctx.db.user.count();\n",
        NULL};
    program_open(&c, harmless, 0);
    assert_hooks(&c, 1, none);
    program_close(&c);
}

/* Extensions applied by name: defined in one module (Prisma.defineExtension, a plain object,
 * a re-export), applied in another, the client used in a third or in the module that applies
 * it; one the program cannot read (built by a call) hooks every model, and so does one whose
 * module is not in the program. */
static void test_extension_models(void **state) {
    (void)state;
    static const char *const files[] = {
        "lib/ext.ts",
        "export const softDelete = Prisma.defineExtension({ name: 'soft', query: { post: { findMany: f }, "
        "comment: {} } });\n"
        "export const audit = { query: { user: {} } };\n"
        "export const replicas = makeReplicas();\n",
        "lib/more.ts", "export { audit as logged } from './ext';\n",
        "lib/db.ts",
        "import { softDelete, replicas } from './ext';\n"
        "import { logged } from './more';\n"
        "import { missing } from 'some-package';\n"
        "export const soft = new PrismaClient().$extends(softDelete);\n"
        "export const both = new PrismaClient().$extends(logged).$extends({ query: { tag: {} } });\n"
        "export const replica = new PrismaClient().$extends(replicas);\n"
        "export const unknown = new PrismaClient().$extends(missing);\n",
        "app/use.ts",
        "import { soft as prisma, both as db, replica as prismaClient, unknown as tx } from '../lib/db';\n"
        "export const a = () => prisma.user.count();\n"
        "export const b = () => db.user.count();\n"
        "export const c = () => prismaClient.user.count();\n"
        "export const d = () => tx.user.count();\n",
        "lib/own.ts",
        "import { softDelete } from './ext';\n"
        "export const db = new PrismaClient().$extends(softDelete);\n"
        "export const e = () => db.post.count();\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    const char *const want[] = {
        "prisma (post,comment,): the client `prisma` is built in lib/db.ts with `$extends(...)` (line 4), whose query "
        "hooks run per operation of `post`, `comment`: a rewrite that changes the operation or reads with raw SQL "
        "would skip them",
        "db (tag,user,): the client `db` is built in lib/db.ts with `$extends(...)` (line 5), whose query hooks "
        "run per operation of `tag`, `user`: a rewrite that changes the operation or reads with raw SQL would skip "
        "them",
        "prismaClient: the client `prismaClient` is built in lib/db.ts with `$extends(replicas)` (line 6), an "
        "extension poolfix cannot follow to a definition it can read, whose query hooks may run per operation of "
        "every model: a rewrite that changes the operation or reads with raw SQL would skip them",
        "tx: the client `tx` is built in lib/db.ts with `$extends(missing)` (line 7), an extension poolfix cannot "
        "follow to a definition it can read, whose query hooks may run per operation of every model: a rewrite that "
        "changes the operation or reads with raw SQL would skip them",
        NULL};
    assert_hooks(&c, 3, want);
    /* A file's own `$extends` of an imported extension: the program follows it for the passes. */
    const char *const own[] = {
        "db (post,comment,): the client `db` is built in lib/own.ts with `$extends(...)` (line 2), whose query hooks "
        "run per operation of `post`, `comment`: a rewrite that changes the operation or reads with raw SQL would "
        "skip them",
        NULL};
    assert_hooks(&c, 4, own);
    program_close(&c);

    /* Which delegates a list holds: the first letter in either case, nothing else. */
    assert_true(pf_hook_models_include("post,comment,", pf_str_c("comment")));
    assert_true(pf_hook_models_include("Post,", pf_str_c("post")));
    assert_false(pf_hook_models_include("post,comment,", pf_str_c("com")));
    assert_false(pf_hook_models_include("postComment,", pf_str_c("post")));
    assert_false(pf_hook_models_include("", pf_str_c("post")));
    assert_true(pf_hook_models_include(NULL, pf_str_c("post")));

    /* The models of a list, one at a time; a last one without its comma is read too. */
    const char *at = "post,comment,";
    pf_str model;
    assert_true(pf_hook_model_next(&at, &model) && pf_str_eq_c(model, "post"));
    assert_true(pf_hook_model_next(&at, &model) && pf_str_eq_c(model, "comment"));
    assert_false(pf_hook_model_next(&at, &model));
    at = "user";
    assert_true(pf_hook_model_next(&at, &model) && pf_str_eq_c(model, "user"));
    assert_false(pf_hook_model_next(&at, &model));
}

/* Selects the tRPC procedure post.byId. */
static bool selected_by_id(void *context, const char *route, const char *method) {
    (void)context;
    (void)method;
    return strcmp(route, "post.byId") == 0;
}

static void test_trpc_paths_and_selection(void **state) {
    (void)state;
    static const char *const files[] = {
        "server/routers/post.ts",
        "import { load } from '../load';\n"
        "export const postRouter = router({\n"
        "  byId: publicProcedure.query(() => load()),\n"
        "  admin: router({ purge: publicProcedure.mutation(() => prisma.post.deleteMany()) }),\n"
        "});\n",
        "server/routers/_app.ts",
        "export const appRouter = router({\n"
        "  post: lazy(() => import('./post').then((m) => m.postRouter)),\n"
        "});\n",
        "server/load.ts", "export function load() { return prisma.post.findMany({ take: 1 }); }\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    assert_figures(block(&c, "QUERY post.byId"), 1, 1, 1, false);
    assert_figures(block(&c, "MUTATION post.admin.purge"), 1, 1, 1, false);
    /* Selecting post.byId selects its handler and the function it calls, in its file. */
    const size_t *counts;
    const pf_span *const *spans = pf_program_select(c.program, selected_by_id, NULL, &counts);
    assert_int_equal(counts[0], 1);
    assert_int_equal(counts[1], 0);
    assert_int_equal(counts[2], 1);
    assert_int_equal(spans[2][0].start, c.summary[2].functions.items[0].start);
    program_close(&c);
}

/* Once the program has dropped its resolver (freed before the report), its blocks still
 * mount a router imported lazily from another file, which only the resolver could find. */
static void test_blocks_outlive_the_resolver(void **state) {
    (void)state;
    static const char *const files[] = {
        "server/routers/post.ts",
        "export const postRouter = router({\n"
        "  byId: publicProcedure.query(() => prisma.post.findMany({ take: 1 })),\n"
        "});\n",
        "server/routers/_app.ts",
        "export const appRouter = router({\n"
        "  post: lazy(() => import('./post').then((m) => m.postRouter)),\n"
        "});\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    pf_program_drop_resolver(c.program);
    pf_resolver_free(c.resolver);
    c.resolver = NULL;
    assert_figures(block(&c, "QUERY post.byId"), 1, 1, 1, false);
    program_close(&c);
}

/* A run of round trips is reported from three units on: a change of what the units cost
 * matters once the run reaches that length, either way. */
static void test_steps_differ(void **state) {
    (void)state;
    pf_arena arena;
    pf_arena_init(&arena);
    pf_cost_list costs = {0};
    /* call0; call1; call0 */
    uint32_t sequence = pf_cost_add(&arena, &costs, PF_COST_SEQUENCE), last = PF_COST_NONE;
    for (uint32_t i = 0; i < 3; i++) {
        uint32_t call = pf_cost_add(&arena, &costs, PF_COST_CALL);
        costs.items[call].call = i % 2;
        pf_cost_append(&costs, sequence, &last, call);
    }
    pf_measure zero[2] = {{0}}, small[2] = {{1, 1, 1, false}, {1, 1, 1, false}}, big[2] = {{3, 3, 1, false},
                                                                                          {2, 2, 1, false}};
    pf_measure half[2] = {{1, 1, 1, false}, {0}};
    assert_true(pf_cost_steps_differ(costs.items, sequence, zero, small, 3));  /* 0 steps, then 3 */
    assert_false(pf_cost_steps_differ(costs.items, sequence, small, big, 3));  /* the same three units */
    assert_false(pf_cost_steps_differ(costs.items, sequence, zero, half, 3));  /* 2 steps: no finding */
    assert_true(pf_cost_steps_differ(costs.items, sequence, half, small, 3));  /* 2, then 3 */
    pf_arena_free(&arena);
}

/* Asserts that file `file` of the growing program `grown` costs its calls as the whole
 * program `whole` does. */
static void assert_same_call_costs(program_case *c, pf_program *grown, pf_program *whole, size_t file) {
    pf_measure got[16], want[16];
    assert_true(c->summary[file].calls.len <= 16);
    assert_true(pf_program_call_costs(grown, file, got));
    assert_true(pf_program_call_costs(whole, file, want));
    for (size_t k = 0; k < c->summary[file].calls.len; k++) {
        assert_int_equal(got[k].width, want[k].width);
        assert_int_equal(got[k].total, want[k].total);
        assert_int_equal(got[k].rounds, want[k].rounds);
        assert_int_equal(got[k].unbounded, want[k].unbounded);
    }
}

/* Adds file `file` of the case to a growing program, keeping its names where the case keeps
 * them (freed with the case's `names`). */
static void grow(program_case *c, pf_program *grown, size_t file) {
    pf_program_set(grown, file, &c->summary[file], c->paths[file]);
    pf_program_keep_names(grown, file, &c->names[file]);
    pf_program_add(grown, file);
    assert_non_null(c->names[file]);
}

/* A program grown a file at a time, callees first, costs each file's calls as the whole
 * program does; a file tried before what it calls sees none of it; and a file tried and
 * taken out again leaves the program as it was. */
static void test_added_file_by_file(void **state) {
    (void)state;
    static const char *const files[] = {
        "app/api/report/route.ts",
        "import { loadReport } from '../../../lib/report';\n"
        "import { cache } from '../../../lib/cache';\n"
        "export async function GET() {\n"
        "  await cache.entry.findMany();\n"
        "  const [a, b] = await Promise.all([loadReport(1), loadReport(2)]);\n"
        "  return Response.json({ a, b });\n"
        "}\n",
        "lib/report.ts",
        "import { countRows } from './rows';\n"
        "import { store } from './db';\n"
        "export async function loadReport(id) {\n"
        "  const rows = await Promise.all([countRows('a'), countRows('b'), store.audit.count()]);\n"
        "  return summarise(rows);\n"
        "}\n"
        "function summarise(rows) { return rows.length ? rows : summarise([1]); }\n",
        "lib/rows.ts",
        "export async function countRows(kind) {\n"
        "  const first = await prisma.row.count({ where: { kind } });\n"
        "  return first + (await prisma.row.count());\n"
        "}\n",
        "lib/db.ts", "export const store = new PrismaClient();\n",
        "lib/cache.ts", "export const cache = makeCache();\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    pf_program *grown = pf_program_new(c.count, c.resolver, 0);
    /* Tried before what it calls, the route's calls cost nothing; taken out, it can come again. */
    pf_program_set(grown, 0, &c.summary[0], c.paths[0]);
    pf_program_try(grown, 0);
    pf_measure costs[16];
    assert_true(c.summary[0].calls.len <= 16);
    assert_string_equal(c.summary[0].calls.items[1].callee, "loadReport");
    assert_true(pf_program_call_costs(grown, 0, costs));
    assert_int_equal(costs[1].total, 0);
    size_t misses_before = 0;
    const size_t *missed;
    pf_program_untry(grown);
    assert_false(pf_program_call_costs(grown, 0, costs));
    /* Callees first: the same costs as the whole program's, file after file. The client
     * module's `store` is known as a client to lib/report.ts, which imports it. */
    grow(&c, grown, 3);
    grow(&c, grown, 2);
    assert_same_call_costs(&c, grown, c.program, 2);
    misses_before = pf_program_client_misses(grown, &missed);
    /* Asked about, then taken out: the next file added links as if it had never been. The
     * route's receiver `cache` needed lib/cache.ts, which is not in the program. */
    pf_program_set(grown, 0, &c.summary[0], c.paths[0]);
    pf_program_try(grown, 0);
    assert_int_equal(pf_program_client_misses(grown, &missed), misses_before + 1);
    assert_int_equal(missed[misses_before], 4);
    pf_program_untry(grown);
    assert_int_equal(pf_program_client_misses(grown, &missed), misses_before);
    grow(&c, grown, 1);
    assert_same_call_costs(&c, grown, c.program, 1);
    const char *const *clients = pf_program_imported_clients(grown, 1);
    assert_non_null(clients[0]);
    assert_string_equal(clients[0], "store");
    assert_null(clients[1]);
    grow(&c, grown, 0);
    assert_same_call_costs(&c, grown, c.program, 0);
    assert_true(pf_program_call_costs(grown, 0, costs));
    assert_int_equal(costs[1].total, 4); /* loadReport: two countRows of two queries each at once */
    pf_program_free(grown);
    program_close(&c);
}

/* A program linked with some files, then extended with the others as rounds parse them,
 * answers as one link of them all: the calls that needed the new files are resolved again,
 * their costs follow, and so do the imported clients and the client misses. */
static void test_extended_as_linked(void **state) {
    (void)state;
    static const char *const files[] = {
        "app/api/report/route.ts",
        "import { loadReport } from '../../../lib/report';\n"
        "export async function GET() {\n"
        "  return Response.json(await Promise.all([loadReport(1), loadReport(2)]));\n"
        "}\n",
        "lib/report.ts",
        "import { store } from './db';\n"
        "export async function loadReport(id) {\n"
        "  return Promise.all([store.row.count(), prisma.audit.count(), prisma.event.count()]);\n"
        "}\n",
        "lib/db.ts", "export const store = new PrismaClient();\n",
        NULL};
    program_case c;
    program_open(&c, files, 0);
    pf_program *grown = pf_program_new(c.count, c.resolver, 0);
    pf_program_set(grown, 0, &c.summary[0], c.paths[0]);
    pf_program_link(grown);
    const size_t *missed;
    pf_measure costs[8];
    assert_true(c.summary[0].calls.len <= 8);
    assert_true(pf_program_call_costs(grown, 0, costs));
    assert_int_equal(costs[0].total, 0); /* loadReport: not parsed yet */
    size_t wanted_count;
    size_t *wanted;
    bool may_query[3] = {true, true, true};
    wanted_count = pf_program_wanted(grown, may_query, &wanted);
    assert_int_equal(wanted_count, 1);
    assert_int_equal(wanted[0], 1);
    free(wanted);
    /* The round parses lib/report.ts: its receiver `store` needs lib/db.ts. */
    size_t round[] = {1};
    pf_program_set(grown, 1, &c.summary[1], c.paths[1]);
    pf_program_extend(grown, round, 1);
    assert_same_call_costs(&c, grown, c.program, 0);
    assert_int_equal(pf_program_client_misses(grown, &missed), 1);
    assert_int_equal(missed[0], 2);
    assert_null(pf_program_imported_clients(grown, 1)[0]);
    /* Then the client module: `store` is a client of lib/report.ts, and nothing is missed. */
    round[0] = 2;
    pf_program_set(grown, 2, &c.summary[2], c.paths[2]);
    pf_program_extend(grown, round, 1);
    assert_int_equal(pf_program_client_misses(grown, &missed), 0);
    assert_string_equal(pf_program_imported_clients(grown, 1)[0], "store");
    assert_same_call_costs(&c, grown, c.program, 0);
    assert_same_call_costs(&c, grown, c.program, 1);
    assert_int_equal(pf_program_wanted(grown, may_query, &wanted), 0);
    free(wanted);
    pf_program_free(grown);
    program_close(&c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_file_helpers),
        cmocka_unit_test(test_files_without_summary),
        cmocka_unit_test(test_kept_targets),
        cmocka_unit_test(test_structure_across_files),
        cmocka_unit_test(test_recursion_and_depth),
        cmocka_unit_test(test_classes_objects_namespaces),
        cmocka_unit_test(test_imported_clients),
        cmocka_unit_test(test_client_hooks),
        cmocka_unit_test(test_extension_models),
        cmocka_unit_test(test_trpc_paths_and_selection),
        cmocka_unit_test(test_blocks_outlive_the_resolver),
        cmocka_unit_test(test_steps_differ),
        cmocka_unit_test(test_added_file_by_file),
        cmocka_unit_test(test_extended_as_linked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
