/* Tests that a run's output does not depend on the order its first stage parses files in.
 *
 * The first stage parses files callees first, each costed by the files parsed before it; a
 * result records the costs and clients it was made with, and the last stage processes again
 * exactly the files whose context in the whole program differs. So any order must give the
 * same reports and the same rewrites, only with more or fewer files processed again: here
 * path order and callers first (every callee after its callers, the worst case), on one and
 * two threads, against callees first. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

/* A project whose endpoints reach queries through other files: routes calling a repository
 * directly and through a service, an import cycle, a helper with no query of its own (parsed
 * only when the program needs it), and a client imported under a name poolfix does not know
 * by default (its files are summarised again once the program knows it). */
static char *make_layered_project(void) {
    char *dir = test_mkdtemp();
    test_write_users_and_posts(dir);
    test_write_str(dir, "lib/prisma.ts",
                   "import { PrismaClient } from '@prisma/client';\n"
                   "export const prisma = new PrismaClient();\n");
    test_write_str(dir, "lib/database.ts",
                   "import { PrismaClient } from '@prisma/client';\n"
                   "export const database = new PrismaClient();\n");
    test_write_str(dir, "lib/repo.ts",
                   "import { prisma } from './prisma';\n"
                   "export async function countUsers() { return prisma.user.count(); }\n"
                   "export async function postsOf(id: number) {\n"
                   "  return prisma.post.findMany({ where: { userId: id } });\n"
                   "}\n"
                   "export async function usersWithPosts() { return prisma.user.findMany({ include: { posts: true } }); }\n");
    test_write_str(dir, "lib/audit-log.ts",
                   "import { database } from './database';\n"
                   "export async function logVisit() { return database.post.count(); }\n");
    test_write_str(dir, "lib/helper.ts",
                   "import { countUsers } from './repo';\n"
                   "export function countTwice() { return Promise.all([countUsers(), countUsers(), countUsers()]); }\n");
    test_write_str(dir, "lib/cycle-a.ts",
                   "import { prisma } from './prisma';\n"
                   "import { trail } from './cycle-b';\n"
                   "export async function audit(depth: number) {\n"
                   "  await prisma.user.count();\n"
                   "  return depth > 0 ? trail(depth - 1) : 0;\n"
                   "}\n");
    test_write_str(dir, "lib/cycle-b.ts",
                   "import { prisma } from './prisma';\n"
                   "import { audit } from './cycle-a';\n"
                   "export async function trail(depth: number) {\n"
                   "  await prisma.post.count();\n"
                   "  await prisma.post.count();\n"
                   "  return audit(depth);\n"
                   "}\n");
    test_write_str(dir, "lib/service.ts",
                   "import { countUsers, postsOf } from './repo';\n"
                   "import { countTwice } from './helper';\n"
                   "import { audit } from './cycle-a';\n"
                   "import { logVisit } from './audit-log';\n"
                   "export async function dashboard(ids: number[]) {\n"
                   "  const [a, b, c, d, e, f] = await Promise.all([\n"
                   "    countUsers(), countUsers(), countUsers(), countUsers(), countUsers(), countUsers(),\n"
                   "  ]);\n"
                   "  for (const id of ids) {\n"
                   "    await postsOf(id);\n"
                   "  }\n"
                   "  await countTwice();\n"
                   "  await audit(2);\n"
                   "  await logVisit();\n"
                   "  return a + b + c + d + e + f;\n"
                   "}\n");
    test_write_str(dir, "app/api/dashboard/route.ts",
                   "import { dashboard } from '../../../lib/service';\n"
                   "export async function GET() {\n"
                   "  return Response.json(await dashboard([1, 2, 3]));\n"
                   "}\n");
    test_write_str(dir, "app/api/users/route.ts",
                   "import { usersWithPosts, countUsers } from '../../../lib/repo';\n"
                   "import { prisma } from '../../../lib/prisma';\n"
                   "export async function GET() {\n"
                   "  const [users, total, posts] = await Promise.all([\n"
                   "    usersWithPosts(), countUsers(), prisma.post.count(),\n"
                   "  ]);\n"
                   "  const counts = await Promise.all([\n"
                   "    prisma.user.count(), prisma.post.count(), prisma.user.count(),\n"
                   "    prisma.post.count(), prisma.user.count(), prisma.post.count(),\n"
                   "  ]);\n"
                   "  return Response.json({ users, total, posts, counts });\n"
                   "}\n");
    test_write_str(dir, "app/api/visits/route.ts",
                   "import { database } from '../../../lib/database';\n"
                   "export async function GET() {\n"
                   "  const counts = await Promise.all([\n"
                   "    database.user.count(), database.post.count(), database.user.count(),\n"
                   "    database.post.count(), database.user.count(), database.post.count(),\n"
                   "  ]);\n"
                   "  return Response.json(counts);\n"
                   "}\n");
    return dir;
}

/* What a run says and writes: its JSON and text reports, and each file's rewritten text. */
typedef struct run_output {
    char *json, *text;
    char **rewritten; /* per file, malloc'd or NULL */
    size_t count;
    char *again;      /* the files processed again, one mark per file of the run: "..x.x" */
} run_output;

static void run_ordered(const char *dir, pf_first_stage_order order, int jobs, run_output *out) {
    test_scan s;
    test_scan_ordered(&s, dir, order, jobs, true);
    out->json = test_scan_render(&s, PF_FORMAT_JSON, false);
    out->text = test_scan_render(&s, PF_FORMAT_TEXT, false);
    out->count = s.run.files.count;
    out->rewritten = calloc(out->count + 1, sizeof(char *));
    for (size_t i = 0; i < out->count; i++) {
        const pf_file_result *r = s.run.results[i];
        if (r && r->output) out->rewritten[i] = strndup(r->output, r->output_len);
    }
    out->again = calloc(out->count + 1, 1);
    memset(out->again, '.', out->count);
    for (size_t k = 0; k < s.run.analysed_again_count; k++) out->again[s.run.analysed_again[k]] = 'x';
    test_scan_free(&s);
}

static void output_free(run_output *out) {
    free(out->json);
    free(out->text);
    free(out->again);
    for (size_t i = 0; i < out->count; i++) free(out->rewritten[i]);
    free(out->rewritten);
}

/* Fails unless the two runs said and wrote the same; returns how many files they rewrote. */
static size_t assert_same_output(const run_output *a, const run_output *b) {
    assert_string_equal(a->json, b->json);
    assert_string_equal(a->text, b->text);
    assert_int_equal(a->count, b->count);
    size_t rewritten = 0;
    for (size_t i = 0; i < a->count; i++) {
        assert_int_equal(a->rewritten[i] == NULL, b->rewritten[i] == NULL);
        if (!a->rewritten[i]) continue;
        assert_string_equal(a->rewritten[i], b->rewritten[i]);
        rewritten++;
    }
    return rewritten;
}

/* Every order, on one and two threads, gives what callees first on one thread gives, rewrites
 * included. Returns how many of the runs processed other files again than callees first did
 * (the orders made a difference the last stage had to make up for). */
static size_t check_orders(const char *dir) {
    run_output expected;
    run_ordered(dir, PF_FIRST_STAGE_CALLEES_FIRST, 1, &expected);
    static const pf_first_stage_order orders[] = {PF_FIRST_STAGE_CALLEES_FIRST, PF_FIRST_STAGE_PATH_ORDER,
                                                  PF_FIRST_STAGE_CALLERS_FIRST};
    size_t differed = 0;
    for (size_t o = 0; o < 3; o++) {
        for (int jobs = 1; jobs <= 2; jobs++) {
            run_output got;
            run_ordered(dir, orders[o], jobs, &got);
            assert_true(assert_same_output(&expected, &got) > 0);
            differed += strcmp(got.again, expected.again) != 0;
            output_free(&got);
        }
    }
    output_free(&expected);
    return differed;
}

/* The layered project: its endpoints' findings come from other files. */
static void test_layered_project(void **state) {
    (void)state;
    char *dir = make_layered_project();
    assert_true(check_orders(dir) > 0); /* the orders differ where it matters */
    /* The findings are there to compare: the dashboard's fan-out and loop through the service. */
    test_scan s;
    test_scan_dir(&s, dir);
    char *json = test_scan_render(&s, PF_FORMAT_JSON, false);
    assert_non_null(strstr(json, "\"/api/dashboard\""));
    assert_non_null(strstr(json, "lib/repo.ts"));
    free(json);
    test_scan_free(&s);
    test_rmtree(dir);
    free(dir);
}

/* The example app of the repository. */
static void test_example_app(void **state) {
    (void)state;
    const char *root = getenv("POOLFIX_SOURCE_DIR");
    assert_non_null(root);
    char *dir = test_join(root, "examples/next-prisma-app");
    check_orders(dir);
    free(dir);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layered_project),
        cmocka_unit_test(test_example_app),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
