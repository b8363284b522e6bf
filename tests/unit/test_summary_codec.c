/* Tests of a summary as bytes (src/analysis/summary_codec.c): a summary read back is the one
 * written, field by field, for files that use every part of a summary; and bytes that are
 * not a summary this build wrote (cut short, damaged, an index or string out of place) are
 * refused rather than followed, since the cache reads them from disk. */
#include "support.h"

#include "poolfix/buf.h"
#include "poolfix/hook_sites.h"
#include "poolfix/summary.h"

#include <stdlib.h>
#include <string.h>

/* Files that between them fill every array of a summary: imports and exports, re-exports,
 * bindings of each kind with members and refs, entries of several kinds, tRPC mounts,
 * imported receivers, nested functions, calls, queries, cost trees with loops, groups,
 * fan-outs and alternatives, query clients, and client hooks of every kind. */
static const char *const SOURCES[][2] = {
    {"app/api/users/[id]/route.ts",
     "import { prisma } from '@/lib/db';\n"
     "import * as svc from '../service';\n"
     "import { dbRead } from '~/server/db';\n"
     "export { helper as aid } from './helper';\n"
     "export * from './more';\n"
     "const withAuth = (fn: any) => fn;\n"
     "export const GET = withAuth(async function handler(req: Request) {\n"
     "  const [a, b] = await Promise.all([prisma.user.findMany(), dbRead.post.count()]);\n"
     "  for (let i = 0; i < 3; i++) await svc.load(i);\n"
     "  if (a.length) { await prisma.user.update({ where: { id: 1 }, data: {} }); } else { await svc.other(); }\n"
     "  const rows = await Promise.all(a.map(async (u) => prisma.post.findMany({ where: { userId: u.id } })));\n"
     "  return Response.json({ a, b, rows });\n"
     "});\n"},
    {"src/server/routers/post.router.ts",
     "import { router, publicProcedure } from '../trpc';\n"
     "import { userRouter } from './user.router';\n"
     "class PostService {\n"
     "  constructor(private users: UsersService) {}\n"
     "  async list() { return this.users.find(); }\n"
     "}\n"
     "const service = new PostService(undefined as any);\n"
     "const helpers = { get: async () => service.list(), named: service };\n"
     "export const postRouter = router({\n"
     "  list: publicProcedure.query(async ({ ctx }) => ctx.db.post.findMany()),\n"
     "  user: userRouter,\n"
     "  make: publicProcedure.use(isAuthed).mutation(async ({ ctx }) => helpers.get()),\n"
     "});\n"
     "module.exports = postRouter;\n"},
    {"pages/api/plain.js", "'use server';\nexport default async function handler(req, res) { res.end(); }\n"},
    {"src/server/db.ts",
     "import { PrismaClient } from '@prisma/client';\n"
     "const base = new PrismaClient();\n"
     "base.$use(async (params, next) => next(params));\n"
     "export const db = base.$extends({ query: { $allModels: { async count({ args, query }) { return query(args); } } } });\n"
     "export const createTRPCContext = () => ({ db, prisma: base });\n"
     "import { scoped } from './scoped';\n"
     "export const tenant = base.$extends(scoped);\n"
     "export const audit = Prisma.defineExtension({ name: 'audit', query: { user: {}, 'post': {} } });\n"},
    {"empty.ts", ""},
};

/* Summarises `text` as the file `path`; the summary lives in the code's arena. */
static void summarise(test_code *code, pf_summary *summary, const char *path, const char *text) {
    test_code_parse(code, path, text, NULL);
    pf_summary_build(summary, &code->arena, &code->model);
}

/* Whether two strings are equal, NULL equal only to NULL. */
static void assert_same_string(const char *a, const char *b) {
    if (!a || !b) assert_ptr_equal(a, b);
    else assert_string_equal(a, b);
}

/* Asserts that `b` holds what `a` holds, every field of every item. */
static void assert_same_summary(const pf_summary *a, const pf_summary *b) {
    const pf_module *x = &a->module, *y = &b->module;
    assert_int_equal(x->imports.len, y->imports.len);
    for (size_t i = 0; i < x->imports.len; i++) {
        assert_same_string(x->imports.items[i].local, y->imports.items[i].local);
        assert_same_string(x->imports.items[i].imported, y->imports.items[i].imported);
        assert_same_string(x->imports.items[i].from, y->imports.items[i].from);
    }
    assert_int_equal(x->exports.len, y->exports.len);
    for (size_t i = 0; i < x->exports.len; i++) {
        assert_same_string(x->exports.items[i].name, y->exports.items[i].name);
        assert_same_string(x->exports.items[i].local, y->exports.items[i].local);
        assert_same_string(x->exports.items[i].from, y->exports.items[i].from);
        assert_int_equal(x->exports.items[i].line, y->exports.items[i].line);
    }
    assert_int_equal(x->bindings.len, y->bindings.len);
    for (size_t i = 0; i < x->bindings.len; i++) {
        const pf_binding *p = &x->bindings.items[i], *q = &y->bindings.items[i];
        assert_same_string(p->name, q->name);
        assert_same_string(p->target, q->target);
        assert_int_equal(p->kind, q->kind);
        assert_int_equal(p->function, q->function);
        assert_int_equal(p->first_ref, q->first_ref);
        assert_int_equal(p->ref_count, q->ref_count);
        assert_int_equal(p->first_member, q->first_member);
        assert_int_equal(p->member_count, q->member_count);
    }
    assert_int_equal(x->members.len, y->members.len);
    for (size_t i = 0; i < x->members.len; i++) {
        assert_same_string(x->members.items[i].name, y->members.items[i].name);
        assert_same_string(x->members.items[i].target, y->members.items[i].target);
        assert_int_equal(x->members.items[i].function, y->members.items[i].function);
    }
    assert_int_equal(x->refs.len, y->refs.len);
    for (size_t i = 0; i < x->refs.len; i++) {
        assert_same_string(x->refs.items[i].callee, y->refs.items[i].callee);
        assert_int_equal(x->refs.items[i].function, y->refs.items[i].function);
        assert_int_equal(x->refs.items[i].inline_function, y->refs.items[i].inline_function);
        assert_int_equal(x->refs.items[i].exported, y->refs.items[i].exported);
        assert_int_equal(x->refs.items[i].line, y->refs.items[i].line);
    }
    assert_int_equal(x->entries.len, y->entries.len);
    for (size_t i = 0; i < x->entries.len; i++) {
        const pf_entry *p = &x->entries.items[i], *q = &y->entries.items[i];
        assert_int_equal(p->kind, q->kind);
        assert_same_string(p->route, q->route);
        assert_same_string(p->method, q->method);
        assert_same_string(p->router, q->router);
        assert_int_equal(p->function, q->function);
        assert_int_equal(p->handler, q->handler);
        assert_int_equal(p->first_ref, q->first_ref);
        assert_int_equal(p->ref_count, q->ref_count);
        assert_int_equal(p->line, q->line);
    }
    assert_int_equal(x->mounts.len, y->mounts.len);
    for (size_t i = 0; i < x->mounts.len; i++) {
        assert_same_string(x->mounts.items[i].router, y->mounts.items[i].router);
        assert_same_string(x->mounts.items[i].path, y->mounts.items[i].path);
        assert_same_string(x->mounts.items[i].child, y->mounts.items[i].child);
        assert_same_string(x->mounts.items[i].from, y->mounts.items[i].from);
    }
    assert_int_equal(x->receivers.len, y->receivers.len);
    for (size_t i = 0; i < x->receivers.len; i++) assert_string_equal(x->receivers.items[i], y->receivers.items[i]);
    assert_int_equal(x->use_server, y->use_server);
    assert_int_equal(a->functions.len, b->functions.len);
    for (size_t i = 0; i < a->functions.len; i++) {
        const pf_summary_function *p = &a->functions.items[i], *q = &b->functions.items[i];
        assert_string_equal(p->name, q->name);
        assert_int_equal(p->parent, q->parent);
        assert_int_equal(p->owner, q->owner);
        assert_int_equal(p->line, q->line);
        assert_int_equal(p->end_line, q->end_line);
        assert_int_equal(p->start, q->start);
        assert_int_equal(p->end, q->end);
        assert_int_equal(p->cost, q->cost);
        assert_int_equal(p->has_query, q->has_query);
    }
    assert_int_equal(a->calls.len, b->calls.len);
    for (size_t i = 0; i < a->calls.len; i++) {
        assert_string_equal(a->calls.items[i].callee, b->calls.items[i].callee);
        assert_int_equal(a->calls.items[i].function, b->calls.items[i].function);
        assert_int_equal(a->calls.items[i].line, b->calls.items[i].line);
        assert_int_equal(a->calls.items[i].start, b->calls.items[i].start);
        assert_int_equal(a->calls.items[i].weighed, b->calls.items[i].weighed);
    }
    assert_int_equal(a->queries.len, b->queries.len);
    for (size_t i = 0; i < a->queries.len; i++) {
        assert_string_equal(a->queries.items[i].operation, b->queries.items[i].operation);
        assert_int_equal(a->queries.items[i].function, b->queries.items[i].function);
        assert_int_equal(a->queries.items[i].owner, b->queries.items[i].owner);
        assert_int_equal(a->queries.items[i].line, b->queries.items[i].line);
        assert_int_equal(a->queries.items[i].start, b->queries.items[i].start);
    }
    assert_int_equal(a->costs.len, b->costs.len);
    for (size_t i = 0; i < a->costs.len; i++) {
        const pf_cost *p = &a->costs.items[i], *q = &b->costs.items[i];
        assert_int_equal(p->kind, q->kind);
        assert_int_equal(p->known, q->known);
        assert_int_equal(p->in_loop, q->in_loop);
        assert_int_equal(p->writes, q->writes);
        assert_int_equal(p->times, q->times);
        if (p->kind == PF_COST_CALL) assert_int_equal(p->call, q->call);
        else assert_int_equal(p->elements, q->elements);
        assert_int_equal(p->child, q->child);
        assert_int_equal(p->next, q->next);
    }
    assert_int_equal(a->clients.len, b->clients.len);
    for (size_t i = 0; i < a->clients.len; i++) assert_string_equal(a->clients.items[i], b->clients.items[i]);
    assert_int_equal(a->hooks.len, b->hooks.len);
    for (size_t i = 0; i < a->hooks.len; i++) {
        assert_string_equal(a->hooks.items[i].name, b->hooks.items[i].name);
        assert_same_string(a->hooks.items[i].target, b->hooks.items[i].target);
        assert_int_equal(a->hooks.items[i].kind, b->hooks.items[i].kind);
        assert_int_equal(a->hooks.items[i].line, b->hooks.items[i].line);
    }
    assert_int_equal(a->top_level_cost, b->top_level_cost);
}

/* Each summary read back equals the one written, and writing it again gives the same bytes. */
static void test_round_trip(void **state) {
    (void)state;
    size_t filled[14] = {0};
    for (size_t f = 0; f < sizeof(SOURCES) / sizeof(*SOURCES); f++) {
        test_code code;
        pf_summary summary;
        summarise(&code, &summary, SOURCES[f][0], SOURCES[f][1]);
        pf_buf bytes = PF_BUF_INIT, again = PF_BUF_INIT;
        pf_summary_encode(&summary, &bytes);
        pf_arena arena;
        pf_arena_init(&arena);
        const pf_summary *decoded = pf_summary_decode(bytes.data, bytes.len, &arena);
        assert_non_null(decoded);
        assert_same_summary(&summary, decoded);
        pf_summary_encode(decoded, &again);
        assert_int_equal(bytes.len, again.len);
        assert_memory_equal(bytes.data, again.data, bytes.len);
        const pf_module *m = &summary.module;
        size_t counts[14] = {m->imports.len,         m->exports.len,       m->bindings.len,     m->members.len,
                             m->refs.len,            m->entries.len,       m->mounts.len,       m->receivers.len,
                             summary.functions.len,  summary.calls.len,    summary.queries.len, summary.costs.len,
                             summary.clients.len,    summary.hooks.len};
        for (int a = 0; a < 14; a++) filled[a] += counts[a];
        pf_buf_free(&bytes);
        pf_buf_free(&again);
        pf_arena_free(&arena);
        test_code_free(&code);
    }
    /* The sources exercise every array, so every array's round trip was checked. */
    for (int a = 0; a < 14; a++)
        if (filled[a] == 0) fail_msg("array %d of a summary is empty in every test source", a);
}

/* The bytes of source `index`'s summary, malloc'd. */
static char *summary_bytes(size_t index, size_t *len) {
    test_code code;
    pf_summary summary;
    summarise(&code, &summary, SOURCES[index][0], SOURCES[index][1]);
    pf_buf bytes = PF_BUF_INIT;
    pf_summary_encode(&summary, &bytes);
    test_code_free(&code);
    return pf_buf_take(&bytes, len);
}

/* The bytes of the first source's summary, malloc'd. */
static char *first_summary_bytes(size_t *len) {
    return summary_bytes(0, len);
}

/* Bytes cut short anywhere, or with a byte more, are no summary. */
static void test_refuses_truncated(void **state) {
    (void)state;
    size_t len;
    char *bytes = first_summary_bytes(&len);
    pf_arena arena;
    pf_arena_init(&arena);
    for (size_t cut = 0; cut < len; cut++) assert_null(pf_summary_decode(bytes, cut, &arena));
    char *longer = malloc(len + 1);
    memcpy(longer, bytes, len);
    longer[len] = 'x';
    assert_null(pf_summary_decode(longer, len + 1, &arena));
    free(longer);
    pf_arena_free(&arena);
    free(bytes);
}

/* Any single damaged byte either is refused or reads back as a summary whose indices all
 * hold (the ASan build of this test would see a read out of place). */
static void test_damage_never_followed(void **state) {
    (void)state;
    size_t len;
    char *bytes = first_summary_bytes(&len);
    size_t refused = 0;
    for (size_t at = 0; at < len; at++) {
        for (int flip = 1; flip < 256; flip <<= 1) {
            bytes[at] ^= (char)flip;
            pf_arena arena;
            pf_arena_init(&arena);
            const pf_summary *s = pf_summary_decode(bytes, len, &arena);
            if (!s) refused++;
            for (size_t f = 0; s && f < s->functions.len; f++) {
                for (uint32_t p = s->functions.items[f].parent; p != PF_NONE; p = s->functions.items[p].parent)
                    assert_true(p < s->functions.len);
                assert_true(s->functions.items[f].name != NULL);
            }
            pf_arena_free(&arena);
            bytes[at] ^= (char)flip;
        }
    }
    assert_true(refused > 0);
    free(bytes);
}

/* The header of the first source's bytes: where its counts are. */
typedef struct layout {
    uint32_t magic;
    uint32_t counts[14];
    uint32_t top_level_cost;
    uint32_t use_server;
    uint32_t strings_len;
} layout;

/* Where the item `index` of array `array` starts in the bytes. */
static size_t item_at(const char *bytes, int array, size_t item_size, size_t index) {
    static const size_t sizes[14] = {sizeof(pf_import), sizeof(pf_export), sizeof(pf_binding), sizeof(pf_member),
                                     sizeof(pf_ref), sizeof(pf_entry), sizeof(pf_mount), sizeof(const char *),
                                     sizeof(pf_summary_function), sizeof(pf_summary_call),
                                     sizeof(pf_summary_query), sizeof(pf_cost), sizeof(const char *),
                                     sizeof(pf_summary_hook)};
    layout h;
    memcpy(&h, bytes, sizeof(h));
    size_t at = sizeof(h);
    for (int a = 0; a < array; a++) at += h.counts[a] * sizes[a];
    assert_int_equal(sizes[array], item_size);
    assert_true(index < h.counts[array]);
    return at + index * item_size;
}

/* Patches the item `index` of array `array` at member `offset` with `value` (4 bytes). */
static void patch(char *bytes, int array, size_t item_size, size_t index, size_t offset, uint32_t value) {
    memcpy(bytes + item_at(bytes, array, item_size, index) + offset, &value, sizeof(value));
}

/* Indices that would send the program stage astray are refused: a function whose parent is
 * not before it (a loop when walking up), a cost tree that comes back on itself, a call node
 * naming no call, a binding whose members run past the list. */
static void test_refuses_bad_indices(void **state) {
    (void)state;
    size_t len;
    char *good = first_summary_bytes(&len);
    layout h;
    memcpy(&h, good, sizeof(h));
    assert_true(h.counts[8] >= 2 && h.counts[11] >= 2 && h.counts[2] >= 1);
    pf_arena arena;
    pf_arena_init(&arena);
    char *bad = malloc(len);

    memcpy(bad, good, len);
    patch(bad, 8, sizeof(pf_summary_function), 0, offsetof(pf_summary_function, parent), 1);
    assert_null(pf_summary_decode(bad, len, &arena));

    memcpy(bad, good, len);
    patch(bad, 11, sizeof(pf_cost), 1, offsetof(pf_cost, child), 1); /* its own child */
    assert_null(pf_summary_decode(bad, len, &arena));

    memcpy(bad, good, len);
    patch(bad, 11, sizeof(pf_cost), 0, offsetof(pf_cost, kind), PF_COST_CALL);
    patch(bad, 11, sizeof(pf_cost), 0, offsetof(pf_cost, call), h.counts[9]);
    assert_null(pf_summary_decode(bad, len, &arena));

    /* A bool of a cost node that is neither 0 nor 1 (reading it would be undefined). */
    for (size_t k = 0; k < 3; k++) {
        static const size_t bools[] = {offsetof(pf_cost, known), offsetof(pf_cost, in_loop),
                                       offsetof(pf_cost, writes)};
        memcpy(bad, good, len);
        bad[item_at(bad, 11, sizeof(pf_cost), 0) + bools[k]] = 2;
        assert_null(pf_summary_decode(bad, len, &arena));
    }

    memcpy(bad, good, len);
    patch(bad, 2, sizeof(pf_binding), 0, offsetof(pf_binding, member_count), h.counts[3] + 1);
    assert_null(pf_summary_decode(bad, len, &arena));

    memcpy(bad, good, len);
    patch(bad, 8, sizeof(pf_summary_function), 0, offsetof(pf_summary_function, name), h.strings_len + 1);
    assert_null(pf_summary_decode(bad, len, &arena));

    memcpy(bad, good, len);
    bad[len - 1] = 'x'; /* the string table no longer ends with a NUL */
    assert_null(pf_summary_decode(bad, len, &arena));

    /* And the untouched bytes still read. */
    assert_non_null(pf_summary_decode(good, len, &arena));
    free(bad);
    free(good);
    pf_arena_free(&arena);
}

/* The hooks of a client module: `$use` middleware, a hooking `$extends`, an `$extends` of an
 * imported extension (named for the program to follow), an extension it defines with the
 * models it hooks, and the clients a tRPC context creator holds; a hook of no known kind, a
 * context member without its value, or middleware with one, is refused. */
static void test_hooks(void **state) {
    (void)state;
    test_code code;
    pf_summary summary;
    summarise(&code, &summary, SOURCES[3][0], SOURCES[3][1]);
    assert_int_equal(summary.hooks.len, 6);
    const struct {
        const char *name, *target, *models;
        pf_hook_kind kind;
        int line;
    } want[] = {{"base", NULL, NULL, PF_HOOK_USE, 3},
                {"db", NULL, NULL, PF_HOOK_EXTENDS, 4},
                {"tenant", "scoped", "", PF_HOOK_EXTENDS, 7},
                {"audit", NULL, "user,post,", PF_HOOK_EXTENSION, 8},
                {"db", "db", NULL, PF_HOOK_CONTEXT, 5},
                {"prisma", "base", NULL, PF_HOOK_CONTEXT, 5}};
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(summary.hooks.items[i].name, want[i].name);
        assert_same_string(summary.hooks.items[i].target, want[i].target);
        assert_same_string(summary.hooks.items[i].models, want[i].models);
        assert_int_equal(summary.hooks.items[i].kind, want[i].kind);
        assert_int_equal(summary.hooks.items[i].line, want[i].line);
    }
    test_code_free(&code);

    size_t len;
    char *good = summary_bytes(3, &len);
    char *bad = malloc(len);
    pf_arena arena;
    pf_arena_init(&arena);
    memcpy(bad, good, len);
    patch(bad, 13, sizeof(pf_summary_hook), 0, offsetof(pf_summary_hook, kind), PF_HOOK_EXTENSION + 1);
    assert_null(pf_summary_decode(bad, len, &arena));
    memcpy(bad, good, len);
    patch(bad, 13, sizeof(pf_summary_hook), 4, offsetof(pf_summary_hook, target), 0); /* NULL */
    assert_null(pf_summary_decode(bad, len, &arena));
    memcpy(bad, good, len);
    patch(bad, 13, sizeof(pf_summary_hook), 4, offsetof(pf_summary_hook, kind), PF_HOOK_USE); /* with a target */
    assert_null(pf_summary_decode(bad, len, &arena));
    memcpy(bad, good, len);
    patch(bad, 13, sizeof(pf_summary_hook), 2, offsetof(pf_summary_hook, kind), PF_HOOK_EXTENSION); /* with a target */
    assert_null(pf_summary_decode(bad, len, &arena));
    assert_non_null(pf_summary_decode(good, len, &arena));
    pf_arena_free(&arena);
    free(bad);
    free(good);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_refuses_truncated),
        cmocka_unit_test(test_damage_never_followed),
        cmocka_unit_test(test_refuses_bad_indices),
        cmocka_unit_test(test_hooks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
