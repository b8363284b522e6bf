/* Tests of module resolution: each rule of resolve.h on a small project tree written to a
 * temporary folder, files named relative to it as discovery names them. */
#include "support.h"

#include "poolfix/resolve.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A temporary project: its folder, the files of the run, and a resolver over them. */
typedef struct project {
    char *dir;
    char *previous_cwd;
    const char *files[64];
    size_t count;
    pf_resolver *resolver;
} project;

/* Writes each "path" (a source file of the run, content irrelevant) and each "path=text" (a
 * config file) under a fresh folder, enters it, and builds the resolver. */
static void project_open(project *p, const char *const *entries) {
    memset(p, 0, sizeof(*p));
    p->dir = test_mkdtemp();
    p->previous_cwd = getcwd(NULL, 0);
    for (size_t i = 0; entries[i]; i++) {
        const char *eq = strchr(entries[i], '=');
        if (eq) {
            char *path = strndup(entries[i], (size_t)(eq - entries[i]));
            test_write_str(p->dir, path, eq + 1);
            free(path);
        } else {
            test_write_str(p->dir, entries[i], "export {};\n");
            p->files[p->count++] = entries[i];
        }
    }
    assert_int_equal(chdir(p->dir), 0);
    p->resolver = pf_resolver_new(p->files, p->count);
}

static void project_close(project *p) {
    pf_resolver_free(p->resolver);
    assert_int_equal(chdir(p->previous_cwd), 0);
    test_rmtree(p->dir);
    free(p->dir);
    free(p->previous_cwd);
}

/* The file `specifier` resolves to from `from` (by path), or NULL. */
static const char *resolved(project *p, const char *from, const char *specifier) {
    size_t index = 0;
    while (index < p->count && strcmp(p->files[index], from) != 0) index++;
    assert_true(index < p->count);
    /* Asked twice (the second time with the configs and packages read): the same file. */
    long found = pf_resolve(p->resolver, index, specifier);
    assert_int_equal(pf_resolve(p->resolver, index, specifier), found);
    return found < 0 ? NULL : p->files[found];
}

#define assert_resolves(p, from, specifier, expected)                                       \
    do {                                                                                    \
        const char *got_ = resolved(p, from, specifier);                                    \
        if (expected) assert_non_null(got_), assert_string_equal(got_, (const char *)expected); \
        else assert_null(got_);                                                             \
    } while (0)

static void test_relative_imports(void **state) {
    (void)state;
    static const char *const tree[] = {"app/api/x/route.ts", "lib/db.ts", "lib/user/index.ts", "lib/util.tsx",
                                       "lib/esm.ts", "lib/plain.js", "lib/data.mts", NULL};
    project p;
    project_open(&p, tree);
    assert_resolves(&p, "app/api/x/route.ts", "../../../lib/db", "lib/db.ts");
    assert_resolves(&p, "app/api/x/route.ts", "../../../lib/db.ts", "lib/db.ts");
    assert_resolves(&p, "lib/db.ts", "./user", "lib/user/index.ts");
    assert_resolves(&p, "lib/db.ts", "./util", "lib/util.tsx");
    assert_resolves(&p, "lib/db.ts", "./esm.js", "lib/esm.ts");     /* .js written, .ts on disk */
    assert_resolves(&p, "lib/db.ts", "./plain.js", "lib/plain.js");
    assert_resolves(&p, "lib/db.ts", "./data.mjs", "lib/data.mts");
    assert_resolves(&p, "lib/db.ts", "./user/../db", "lib/db.ts");
    assert_resolves(&p, "lib/db.ts", "./missing", NULL);
    assert_resolves(&p, "lib/db.ts", "react", NULL);
    project_close(&p);
}

/* The paths of a run as a user may give them: with `./`, with a `.` inside, absolute, and
 * outside the current folder. Each file is found from the others whatever the form. */
static void test_path_forms(void **state) {
    (void)state;
    static const char *const tree[] = {"app/x/route.ts", "lib/db.ts", "lib/user/index.ts", NULL};
    project p;
    project_open(&p, tree);
    char *absolute = test_join(p.dir, "lib/user/index.ts");
    const char *inside[] = {"./app/x/route.ts", "lib/./db.ts", absolute};
    pf_resolver *r = pf_resolver_new(inside, 3);
    assert_int_equal(pf_resolve(r, 0, "../../lib/db"), 1);
    assert_int_equal(pf_resolve(r, 1, "./user"), 2);
    assert_int_equal(pf_resolve(r, 2, "../db"), 1);
    assert_int_equal(pf_resolve(r, 2, "../../app/x/route"), 0);
    pf_resolver_free(r);
    /* From app/, the lib files lie outside the current folder. */
    assert_int_equal(chdir("app"), 0);
    const char *outside[] = {"x/route.ts", "../lib/db.ts", "../lib/user/index.ts"};
    r = pf_resolver_new(outside, 3);
    assert_int_equal(pf_resolve(r, 0, "../../lib/db"), 1);
    assert_int_equal(pf_resolve(r, 1, "./user"), 2);
    assert_int_equal(pf_resolve(r, 2, "../db"), 1);
    assert_int_equal(pf_resolve(r, 1, "../app/x/route"), 0);
    pf_resolver_free(r);
    free(absolute);
    project_close(&p);
}

static void test_tsconfig_paths_and_base_url(void **state) {
    (void)state;
    static const char *const tree[] = {
        "tsconfig.json={\n"
        "  // comments and trailing commas, as tsc allows\n"
        "  \"compilerOptions\": {\n"
        "    \"baseUrl\": \".\", /* folded */\n"
        "    \"paths\": { \"@/*\": [\"./src/*\"], \"@/lib/*\": [\"./missing/*\", \"./shared/lib/*\"],\n"
        "                 \"~db\": [\"./src/server/db.ts\"], },\n"
        "  },\n"
        "}\n",
        "src/app/page.ts", "src/server/db.ts", "shared/lib/auth.ts", "utils/format.ts", NULL};
    project p;
    project_open(&p, tree);
    assert_resolves(&p, "src/app/page.ts", "@/server/db", "src/server/db.ts");
    /* The longest prefix wins, and its targets are tried in order. */
    assert_resolves(&p, "src/app/page.ts", "@/lib/auth", "shared/lib/auth.ts");
    assert_resolves(&p, "src/app/page.ts", "~db", "src/server/db.ts");
    assert_resolves(&p, "src/app/page.ts", "utils/format", "utils/format.ts"); /* baseUrl */
    assert_resolves(&p, "src/app/page.ts", "@/nothing", NULL);
    project_close(&p);
}

static void test_tsconfig_extends(void **state) {
    (void)state;
    static const char *const tree[] = {
        "tsconfig.base.json={ \"compilerOptions\": { \"paths\": { \"#lib/*\": [\"./lib/*\"] } } }",
        "apps/web/tsconfig.json={ \"extends\": \"../../tsconfig.base.json\" }",
        "apps/api/tsconfig.json={ \"extends\": \"@acme/tsconfig/node\", \"compilerOptions\": {} }",
        "packages/tsconfig/package.json={ \"name\": \"@acme/tsconfig\" }",
        "packages/tsconfig/node.json={ \"compilerOptions\": { \"baseUrl\": \"../../apps/api/src\" } }",
        "package.json={ \"name\": \"root\", \"workspaces\": [\"apps/*\", \"packages/*\"] }",
        "apps/web/page.ts", "lib/auth.ts", "apps/api/src/main.ts", "apps/api/src/users/service.ts", NULL};
    project p;
    project_open(&p, tree);
    /* paths inherited through a relative extends stay relative to the file that wrote them */
    assert_resolves(&p, "apps/web/page.ts", "#lib/auth", "lib/auth.ts");
    /* extends through a workspace package (`.json` added), baseUrl relative to that file */
    assert_resolves(&p, "apps/api/src/main.ts", "users/service", "apps/api/src/users/service.ts");
    project_close(&p);
}

static void test_jsconfig(void **state) {
    (void)state;
    static const char *const tree[] = {"jsconfig.json={ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./*\"] } } }",
                                       "pages/api/x.js", "lib/db.js", NULL};
    project p;
    project_open(&p, tree);
    assert_resolves(&p, "pages/api/x.js", "@/lib/db", "lib/db.js");
    project_close(&p);
}

static void test_workspace_packages(void **state) {
    (void)state;
    static const char *const tree[] = {
        "pnpm-workspace.yaml=packages:\n  - \"apps/*\"\n  - 'packages/**'\n",
        "package.json={ \"name\": \"monorepo\" }",
        "apps/web/package.json={ \"name\": \"web\" }",
        "packages/db/package.json={ \"name\": \"@acme/db\", \"exports\": {\n"
        "  \".\": { \"types\": \"./dist/index.d.ts\", \"default\": \"./dist/index.js\" },\n"
        "  \"./client\": \"./src/client.ts\",\n"
        "  \"./models/*\": { \"import\": \"./src/models/*.ts\" } } }",
        "packages/nested/utils/package.json={ \"name\": \"@acme/utils\", \"main\": \"./lib/main.js\" }",
        "packages/plain/package.json={ \"name\": \"plain\" }",
        "apps/web/app/page.ts", "packages/db/src/index.ts", "packages/db/src/client.ts",
        "packages/db/src/models/user.ts", "packages/nested/utils/src/main.ts", "packages/plain/index.ts",
        "packages/plain/extra.ts", NULL};
    project p;
    project_open(&p, tree);
    const char *from = "apps/web/app/page.ts";
    assert_resolves(&p, from, "@acme/db", "packages/db/src/index.ts"); /* dist/index.d.ts → src */
    assert_resolves(&p, from, "@acme/db/client", "packages/db/src/client.ts");
    assert_resolves(&p, from, "@acme/db/models/user", "packages/db/src/models/user.ts");
    assert_resolves(&p, from, "@acme/db/unlisted", NULL); /* not in exports */
    assert_resolves(&p, from, "@acme/utils", "packages/nested/utils/src/main.ts"); /* `**` glob, main */
    assert_resolves(&p, from, "plain", "packages/plain/index.ts");
    assert_resolves(&p, from, "plain/extra", "packages/plain/extra.ts");
    assert_resolves(&p, from, "@acme/dbx", NULL); /* a name prefix is not a package */
    project_close(&p);
}

static void test_npm_workspaces_object_form(void **state) {
    (void)state;
    static const char *const tree[] = {
        "package.json={ \"workspaces\": { \"packages\": [\"libs/*\"] } }",
        "libs/core/package.json={ \"name\": \"core\", \"exports\": \"./src/index.ts\" }",
        "server/main.ts", "libs/core/src/index.ts", NULL};
    project p;
    project_open(&p, tree);
    assert_resolves(&p, "server/main.ts", "core", "libs/core/src/index.ts");
    project_close(&p);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relative_imports),
        cmocka_unit_test(test_path_forms),
        cmocka_unit_test(test_tsconfig_paths_and_base_url),
        cmocka_unit_test(test_tsconfig_extends),
        cmocka_unit_test(test_jsconfig),
        cmocka_unit_test(test_workspace_packages),
        cmocka_unit_test(test_npm_workspaces_object_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
