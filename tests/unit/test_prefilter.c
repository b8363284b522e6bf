/* Tests of the prefilter: it may let a file through wrongly, never keep one out wrongly. */
#include "support.h"

#include "poolfix/prefilter.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* Whether the prefilter lets `text` through. */
static bool passes(const char *text) {
    pf_prefilter *prefilter = pf_prefilter_new();
    pf_prefilter_scratch *scratch = pf_prefilter_scratch_new(prefilter);
    bool match = pf_prefilter_may_match(prefilter, scratch, text, strlen(text));
    pf_prefilter_scratch_free(scratch);
    pf_prefilter_free(prefilter);
    return match;
}

static void test_query_shapes_pass(void **state) {
    (void)state;
    const char *queries[] = {
        "await prisma.user.findMany()",
        "db.student.count({ where })",
        "this.prisma.user.findUnique<User>({ where: { id } })",
        "ctx.db.post.groupBy({ by: ['a'] })",
        "(await getClient()).user.findFirstOrThrow()",
        "prisma?.user?.findMany()",
        "prisma!.user!.delete({ where })",
        "prisma.user // the readers\n  .findMany()",
        "prisma\n  .user /* all of them */ .\n  findMany ()",
        "tx.$queryRaw`SELECT 1`",
        "prisma.$transaction([a, b])",
        "dbWrite.$executeRawUnsafe('x')",
        "prisma.$queryRaw<Row[]>`SELECT 1`",
        "client.account.updateManyAndReturn({})",
        /* hooks, in files that may run no query of their own */
        "prisma.$use(async (params, next) => next(params))",
        "export default new PrismaClient().$extends({ query: {} })",
    };
    for (size_t i = 0; i < sizeof(queries) / sizeof(*queries); i++) {
        if (!passes(queries[i])) fail_msg("kept out a query: %s", queries[i]);
    }
}

static void test_other_calls_kept_out(void **state) {
    (void)state;
    const char *others[] = {
        "const n = rows.count(x => x.ok);",
        "items.filter(Boolean).count()",
        "counter.update({ a: 1 })",
        "map.delete(key)",
        "findMany()",
        "const s = 'prisma.user.findMany';",  /* no call: no `(` after it */
        "cache.create()",
        "app.use(cors())",
        "const extended = base.extends(other);",
    };
    for (size_t i = 0; i < sizeof(others) / sizeof(*others); i++) {
        if (passes(others[i])) fail_msg("let through: %s", others[i]);
    }
}

/* A long run of whitespace after a member access: a pattern whose gaps could share it
 * backtracks past PCRE2's match limit, and an error lets the file through. */
static void test_whitespace_runs_stay_linear(void **state) {
    (void)state;
    size_t spaces = 20000;
    char *text = malloc(spaces + 16);
    strcpy(text, "a.b");
    memset(text + 3, ' ', spaces);
    strcpy(text + 3 + spaces, "!x;");
    assert_false(passes(text));
    free(text);
}

/* Every golden input and example-app file that holds a query the model recognises must pass:
 * the model is the authority, the prefilter only its fast shadow. */
static void check_tree(const char *dir, size_t *checked) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.' || strcmp(entry->d_name, "node_modules") == 0) continue;
        char *path = test_join(dir, entry->d_name);
        pf_lang lang;
        if (entry->d_type == DT_DIR) {
            check_tree(path, checked);
        } else if (pf_lang_for_path(path, &lang)) {
            size_t len;
            char *text = test_read(path, &len);
            assert_non_null(text);
            test_code code;
            test_code_parse(&code, path, text, NULL);
            if (code.model.queries.len > 0) {
                if (!passes(text)) fail_msg("the prefilter keeps out %s, which has a query", path);
                (*checked)++;
            }
            test_code_free(&code);
            free(text);
        }
        free(path);
    }
    closedir(d);
}

static void test_never_keeps_out_a_recognised_query(void **state) {
    (void)state;
    const char *source = getenv("POOLFIX_SOURCE_DIR");
    assert_non_null(source);
    size_t checked = 0;
    char *golden = test_join(source, "golden");
    char *example = test_join(source, "examples/next-prisma-app/app");
    check_tree(golden, &checked);
    check_tree(example, &checked);
    free(golden);
    free(example);
    assert_true(checked > 100);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_query_shapes_pass),
        cmocka_unit_test(test_other_calls_kept_out),
        cmocka_unit_test(test_whitespace_runs_stay_linear),
        cmocka_unit_test(test_never_keeps_out_a_recognised_query),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
