/* Unit tests for finding the Prisma schema as Prisma does (src/files/schema_locate.c): each
 * rule, their order, the monorepo climb, config files written as people write them, a
 * configured schema that does not exist, and example folders never picked. */
#include "support.h"

#include "poolfix/discover.h"
#include "poolfix/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char MODEL[] = "model A {\n  id Int @id\n}\n";

/* Locates from root/dir_rel, climbing to `top` (root when NULL) and scanning `walk` (root
 * when NULL); `note` gets the note, malloc'd, or NULL. Returns the path found, malloc'd.
 * The search runs twice, probing the filesystem and answered by the listings of a
 * discovery of `walk` (the run's way): both must find the same. */
static char *locate_in(const char *root, const char *dir_rel, const char *top, const char *walk, char **note) {
    char *dir = dir_rel[0] ? test_join(root, dir_rel) : strdup(root);
    pf_schema_location location, listed;
    pf_schema_locate(dir, top ? top : root, walk ? walk : root, &location);
    const char *walked[] = {walk ? walk : root};
    pf_discovery discovery;
    pf_discover(walked, 1, NULL, &discovery);
    pf_schema_locator *locator = pf_schema_locator_new(discovery.listings);
    pf_schema_locator_find(locator, dir, top ? top : root, walk ? walk : root, &listed);
    pf_schema_locator_free(locator);
    pf_discovery_free(&discovery);
    if (location.path || listed.path) assert_string_equal(listed.path ? listed.path : "(none)",
                                                          location.path ? location.path : "(none)");
    if (location.note || listed.note) assert_string_equal(listed.note ? listed.note : "(none)",
                                                          location.note ? location.note : "(none)");
    pf_schema_location_free(&listed);
    free(dir);
    if (note) *note = location.note;
    else free(location.note);
    return location.path;
}

/* Asserts that the search from root/dir_rel finds root/expected_rel (NULL: nothing). */
static void assert_locates(const char *root, const char *dir_rel, const char *expected_rel) {
    char *found = locate_in(root, dir_rel, NULL, NULL, NULL);
    if (expected_rel) {
        char *expected = test_join(root, expected_rel);
        if (!found) fail_msg("nothing found from %s/%s, expected %s", root, dir_rel, expected);
        assert_string_equal(found, expected);
        free(expected);
    } else if (found) {
        fail_msg("found %s from %s/%s, expected nothing", found, root, dir_rel);
    }
    free(found);
}

/* Each place a schema may be named or kept is found, from the folder and below it. */
static void test_each_source(void **state) {
    (void)state;
    static const struct {
        const char *file, *text, *expected;
    } cases[] = {
        {"prisma.config.ts",
         "import { defineConfig, env } from \"prisma/config\";\n"
         "export default defineConfig({\n"
         "  schema: \"db/main.prisma\",\n"
         "  datasource: { url: env(\"DATABASE_URL\") },\n"
         "});\n",
         "db/main.prisma"},
        {"prisma.config.mts", "export default { schema: 'db/main.prisma' }\n", "db/main.prisma"},
        {"prisma.config.cts", "export default { schema: 'db/main.prisma' }\n", "db/main.prisma"},
        {"prisma.config.js", "module.exports = {\n  schema : \"db/folder\" // a multi-file schema\n}\n", "db/folder"},
        {"prisma.config.mjs", "export default { schema: 'db/main.prisma', }\n", "db/main.prisma"},
        {"prisma.config.cjs", "module.exports = { schema: \"./db/main.prisma\" }\n", "db/main.prisma"},
        {"package.json", "{\"name\": \"app\", \"prisma\": {\"schema\": \"db/main.prisma\", \"seed\": \"x\"}}\n",
         "db/main.prisma"},
        {"prisma/schema.prisma", MODEL, "prisma/schema.prisma"},
        {"prisma/schema/a.prisma", MODEL, "prisma/schema/a.prisma"}, /* one file: named as itself */
        {"prisma/x/a.prisma", MODEL, "prisma/x/a.prisma"},
        {"schema.prisma", MODEL, "schema.prisma"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *root = test_mkdtemp();
        test_write_str(root, "db/main.prisma", MODEL);
        test_write_str(root, "db/folder/a.prisma", MODEL);
        test_write_str(root, "db/folder/b.prisma", MODEL);
        test_write_str(root, cases[i].file, cases[i].text);
        test_write_str(root, "src/lib/util.ts", "");
        assert_locates(root, "", cases[i].expected);
        assert_locates(root, "src/lib", cases[i].expected);
        test_rmtree(root);
        free(root);
    }
}

/* In one folder: config, then package.json, then prisma/schema.prisma, prisma/schema/,
 * prisma/, then schema.prisma. */
static void test_order_within_folder(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "schema.prisma", MODEL);
    assert_locates(root, "", "schema.prisma");
    test_write_str(root, "prisma/other/a.prisma", MODEL);
    test_write_str(root, "prisma/other/b.prisma", MODEL);
    assert_locates(root, "", "prisma");
    test_write_str(root, "prisma/schema/a.prisma", MODEL);
    test_write_str(root, "prisma/schema/b.prisma", MODEL);
    assert_locates(root, "", "prisma/schema");
    test_write_str(root, "prisma/schema.prisma", MODEL);
    assert_locates(root, "", "prisma/schema.prisma");
    test_write_str(root, "pkg.prisma", MODEL);
    test_write_str(root, "package.json", "{\"prisma\": {\"schema\": \"pkg.prisma\"}}");
    assert_locates(root, "", "pkg.prisma");
    test_write_str(root, "cjs.prisma", MODEL);
    test_write_str(root, "prisma.config.cjs", "module.exports = { schema: 'cjs.prisma' }");
    assert_locates(root, "", "cjs.prisma");
    test_write_str(root, "ts.prisma", MODEL);
    test_write_str(root, "prisma.config.ts", "export default { schema: \"ts.prisma\" }");
    assert_locates(root, "", "ts.prisma");
    test_rmtree(root);
    free(root);
}

/* prisma/schema.prisma without a model, beside a models/ folder that has them, is the main
 * file of a multi-file schema: the whole prisma/ folder is the schema. */
static void test_multi_file_prisma_folder(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n");
    test_write_str(root, "prisma/models/user.prisma", MODEL);
    test_write_str(root, "prisma/models/poll.prisma", "model B {\n  id Int @id\n}\n");
    assert_locates(root, "", "prisma");
    /* Without other files, a schema.prisma with no model is still the schema (the run then
     * warns that it defines none). */
    test_rmtree(root);
    test_write_str(root, "prisma/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n}\n");
    test_write_str(root, "prisma/notes/empty.prisma", "// nothing\n");
    assert_locates(root, "", "prisma/schema.prisma");
    /* With a model of its own it wins over the others. */
    test_write_str(root, "prisma/schema.prisma", MODEL);
    test_write_str(root, "prisma/models/poll.prisma", "model B {\n  id Int @id\n}\n");
    assert_locates(root, "", "prisma/schema.prisma");
    test_rmtree(root);
    free(root);
}

/* `schema` written as people write it in prisma.config.ts: path.join/path.resolve of
 * __dirname, import.meta.dirname, process.cwd() and strings, and templates. */
static void test_config_forms(void **state) {
    (void)state;
    static const struct {
        const char *config, *expected;
    } cases[] = {
        {"import path from \"node:path\";\nexport default defineConfig({\n  schema: path.join(__dirname, \"prisma\"),\n});\n",
         "prisma"},
        {"export default defineConfig({ schema: path.resolve(__dirname, 'db', 'main.prisma') })\n", "db/main.prisma"},
        {"import { join } from 'path';\nexport default { schema: join(__dirname, \"db/main.prisma\") }\n", "db/main.prisma"},
        {"export default { schema: path.join(import.meta.dirname, 'db', 'main.prisma') }\n", "db/main.prisma"},
        {"export default { schema: path.resolve(process.cwd(), 'db/main.prisma') }\n", "db/main.prisma"},
        {"export default { schema: path.join('prisma') }\n", "prisma"},
        {"export default { schema: path.posix.join(__dirname, './db/', 'main.prisma') }\n", "db/main.prisma"},
        {"export default { schema: `db/main.prisma` }\n", "db/main.prisma"},
        {"export default { schema: `${__dirname}/db/main.prisma` }\n", "db/main.prisma"},
        {"export default { schema: `${ import.meta.dirname }/prisma` }\n", "prisma"},
        {"export default defineConfig({\n  schema: path.join(\n    __dirname,\n    \"prisma\", // the folder\n  ),\n})\n",
         "prisma"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *root = test_mkdtemp();
        test_write_str(root, "db/main.prisma", MODEL);
        test_write_str(root, "prisma/schema.prisma", "generator client {\n  provider = \"prisma-client\"\n}\n");
        test_write_str(root, "prisma/models/a.prisma", MODEL);
        test_write_str(root, "schema.prisma", MODEL); /* what a config that is not read would give */
        test_write_str(root, "prisma.config.ts", cases[i].config);
        assert_locates(root, "", cases[i].expected);
        test_rmtree(root);
        free(root);
    }
}

/* A config value that needs running the file to know counts as not given. */
static void test_config_computed_counts_as_absent(void **state) {
    (void)state;
    static const char *const configs[] = {
        "export default defineConfig({ schema: `prisma/${name}.prisma` })\n",
        "export default defineConfig({ schema: `${root}/custom.prisma` })\n",
        "const file = \"custom.prisma\";\nexport default defineConfig({ schema: file })\n",
        "export default defineConfig({ schema: path.join(base, \"custom.prisma\") })\n",
        "export default defineConfig({ schema: path.join(__dirname, name) })\n",
        "export default defineConfig({ schema: \"db/\" + \"custom.prisma\" })\n",
        "export default defineConfig({ schema: path.join(__dirname, \"db\") + \"x\" })\n",
        "export default defineConfig({\n  // schema: \"custom.prisma\",\n})\n",
        "export default defineConfig({\n  /* schema: \"custom.prisma\", */\n})\n",
        "const s = 'schema: \"custom.prisma\",';\nexport default defineConfig({ migrations: {} })\n",
        "export default defineConfig({ options.schema: \"custom.prisma\" })\n",
        "export default defineConfig({ schema: \"\" })\n",
        "export default defineConfig({ schema: \"custom.prisma\n",
        "export default defineConfig({ schema: path.join(__dirname, \"custom.prisma\"\n",
    };
    for (size_t i = 0; i < sizeof configs / sizeof configs[0]; i++) {
        char *root = test_mkdtemp();
        test_write_str(root, "custom.prisma", MODEL);
        test_write_str(root, "db/custom.prisma", MODEL);
        test_write_str(root, "prisma/schema.prisma", MODEL);
        test_write_str(root, "prisma.config.ts", configs[i]);
        test_write_str(root, "src/index.ts", "");
        assert_locates(root, "src", "prisma/schema.prisma");
        test_rmtree(root);
        free(root);
    }
}

/* The real `schema:` property is found past look-alikes; a broken package.json is passed
 * over. */
static void test_config_details(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "db/custom.prisma", MODEL);
    test_write_str(root, "prisma/schema.prisma", MODEL);
    test_write_str(root, "prisma.config.ts",
                   "type Options = { schema: string; other?: string }\n"
                   "// schema: \"prisma/schema.prisma\"\n"
                   "const note = \"schema: 'nope'\";\n"
                   "export default defineConfig({\n"
                   "  migrations: { path: \"db/migrations\" },\n"
                   "  schema: \"db/custom.prisma\" /* the one */,\n"
                   "});\n");
    assert_locates(root, "", "db/custom.prisma");
    test_write_str(root, "prisma.config.ts", "export default {}\n");
    test_write_str(root, "package.json", "{\"prisma\": {\"schema\": ");
    assert_locates(root, "", "prisma/schema.prisma");
    test_write_str(root, "package.json", "{\"prisma\": {\"schema\": 42}}");
    assert_locates(root, "", "prisma/schema.prisma");
    test_rmtree(root);
    free(root);
}

/* A configured schema that does not exist (a generated file not in git): the .prisma file
 * beside it that defines the most models stands in, and the note names both. */
static void test_missing_configured_schema(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    char *cwd = getcwd(NULL, 0);
    assert_int_equal(chdir(root), 0); /* notes name paths as a user reads them */
    test_write_str(root, "package.json", "{\"prisma\": {\"schema\": \"packages/db/prisma/schema.prisma\"}}");
    test_write_str(root, "packages/db/prisma/schema.full.prisma", "model A {\n}\nmodel B {\n}\nmodel C {\n}\n");
    test_write_str(root, "packages/db/prisma/enums.prisma", "model D {\n}\n");
    test_write_str(root, "packages/db/prisma/empty.prisma", "// none\n");
    test_write_str(root, "docs/schema.prisma", MODEL);
    test_write_str(root, "src/index.ts", "");
    char *note = NULL;
    char *found = locate_in(".", "src", NULL, NULL, &note);
    assert_non_null(found);
    assert_string_equal(found, "packages/db/prisma/schema.full.prisma");
    assert_non_null(note);
    assert_string_equal(note, "package.json: prisma.schema packages/db/prisma/schema.prisma does not exist; using "
                              "packages/db/prisma/schema.full.prisma, the .prisma file beside it that defines models");
    free(found);
    free(note);

    /* No stand-in with models: the note says so and the search goes on (here: nothing, the
     * docs schema is an example). */
    test_write_str(root, "package.json", "{\"prisma\": {\"schema\": \"gone/schema.prisma\"}}");
    found = locate_in(".", "src", NULL, NULL, &note);
    assert_null(found);
    assert_non_null(note);
    assert_string_equal(note, "package.json: prisma.schema gone/schema.prisma does not exist, and no .prisma file "
                              "beside it defines models; looking further");
    free(note);

    /* A config file's missing folder: the files beside where it would be. */
    test_write_str(root, "prisma.config.ts", "export default { schema: path.join(__dirname, 'packages/db/prisma/schema') }");
    found = locate_in(".", "", NULL, NULL, &note);
    assert_non_null(found);
    assert_string_equal(found, "packages/db/prisma/schema.full.prisma");
    assert_non_null(strstr(note, "prisma.config.ts: schema packages/db/prisma/schema does not exist; using"));
    free(found);
    free(note);
    assert_int_equal(chdir(cwd), 0);
    free(cwd);
    test_rmtree(root);
    free(root);
}

/* Schemas in docs, examples, fixtures and test folders below the PATH are examples: never
 * picked by convention, but picked when the PATH is inside that folder, or when named. */
static void test_example_folders_are_not_picked(void **state) {
    (void)state;
    static const char *const folders[] = {"docs/reference", "doc", "examples/shop", "example", "fixtures",
                                          "src/__tests__", "tests", "e2e", "src/__fixtures__/db"};
    for (size_t i = 0; i < sizeof folders / sizeof folders[0]; i++) {
        char *root = test_mkdtemp();
        char *schema = test_join(folders[i], "prisma/schema.prisma");
        char *flat = test_join(folders[i], "schema.prisma");
        char *source = test_join(folders[i], "src/index.ts");
        test_write_str(root, schema, MODEL);
        test_write_str(root, flat, MODEL);
        test_write_str(root, source, "");
        char *dir = test_join(folders[i], "src");
        assert_locates(root, dir, NULL);
        /* Scanning the example itself: it is the application there. */
        char *walk = test_join(root, folders[i]);
        char *found = locate_in(root, dir, NULL, walk, NULL);
        char *expected = test_join(root, schema);
        assert_non_null(found);
        assert_string_equal(found, expected);
        free(found);
        free(expected);
        /* Named, it is used from anywhere. */
        char *json = NULL;
        size_t len = strlen(flat) + 64;
        json = malloc(len);
        snprintf(json, len, "{\"prisma\": {\"schema\": \"%s\"}}", flat);
        test_write_str(root, "package.json", json);
        assert_locates(root, "", flat);
        free(json);
        free(walk);
        free(dir);
        free(source);
        free(flat);
        free(schema);
        test_rmtree(root);
        free(root);
    }
}

/* In a monorepo the nearest folder with a schema wins; named paths may leave it, and each
 * schema has one spelling however it was reached. */
static void test_nearest_wins(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "prisma/schema.prisma", MODEL);
    test_write_str(root, "apps/web/prisma/schema.prisma", MODEL);
    test_write_str(root, "apps/web/app/api/x/route.ts", "");
    test_write_str(root, "other/lib/util.ts", "");
    test_write_str(root, "apps/admin/package.json", "{\"prisma\": {\"schema\": \"../../packages/db/schema.prisma\"}}");
    test_write_str(root, "apps/jobs/prisma.config.ts", "export default { schema: './../../packages/db/./schema.prisma' }");
    test_write_str(root, "packages/db/schema.prisma", MODEL);
    assert_locates(root, "apps/web/app/api/x", "apps/web/prisma/schema.prisma");
    assert_locates(root, "apps/web", "apps/web/prisma/schema.prisma");
    assert_locates(root, "other", "prisma/schema.prisma");
    assert_locates(root, "other/lib", "prisma/schema.prisma");
    assert_locates(root, "apps", "prisma/schema.prisma");
    assert_locates(root, "", "prisma/schema.prisma");
    assert_locates(root, "apps/admin", "packages/db/schema.prisma");
    assert_locates(root, "apps/jobs", "packages/db/schema.prisma");
    assert_locates(root, "packages/db", "packages/db/schema.prisma");

    /* A top given with a trailing slash gives the same paths. */
    char *slashed = test_join(root, "");
    char *dir = test_join(root, "other");
    pf_schema_location location;
    pf_schema_locate(dir, slashed, slashed, &location);
    char *expected = test_join(root, "prisma/schema.prisma");
    assert_non_null(location.path);
    assert_string_equal(location.path, expected);
    assert_null(location.note);
    pf_schema_location_free(&location);
    free(expected);
    free(dir);
    free(slashed);
    test_rmtree(root);
    free(root);
}

/* Nothing above the top is looked at, and a folder outside it finds nothing. */
static void test_stops_at_top(void **state) {
    (void)state;
    char *outer = test_mkdtemp();
    test_write_str(outer, "prisma/schema.prisma", MODEL);
    test_write_str(outer, "package.json", "{\"prisma\": {\"schema\": \"prisma/schema.prisma\"}}");
    test_write_str(outer, "repo/src/app/page.ts", "");
    char *root = test_join(outer, "repo");
    assert_locates(root, "src/app", NULL);
    assert_locates(root, "", NULL);
    char *inner = test_join(outer, "repo/src");
    pf_schema_location location;
    pf_schema_locate(outer, inner, inner, &location);
    assert_null(location.path);
    pf_schema_locate("/nonexistent/dir", outer, outer, &location);
    assert_null(location.path);
    free(inner);
    free(root);
    test_rmtree(outer);
    free(outer);
}

/* The run passes paths relative to the working folder ("." and "app/api/x"); the result is
 * spelled relative too, without `./`. */
static void test_relative_paths(void **state) {
    (void)state;
    char *root = test_mkdtemp();
    test_write_str(root, "prisma/schema.prisma", MODEL);
    test_write_str(root, "apps/web/prisma/schema.prisma", MODEL);
    test_write_str(root, "apps/web/app/api/x/route.ts", "");
    test_write_str(root, "other/util.ts", "");
    char *cwd = getcwd(NULL, 0);
    assert_int_equal(chdir(root), 0);
    static const struct {
        const char *dir, *top, *expected;
    } cases[] = {
        {"apps/web/app/api/x", ".", "apps/web/prisma/schema.prisma"},
        {"./other", ".", "prisma/schema.prisma"},
        {".", ".", "prisma/schema.prisma"},
        {"apps/web/app/api/x", "apps/web", "apps/web/prisma/schema.prisma"},
        {"apps/web/app/api/x", "./apps/web/", "apps/web/prisma/schema.prisma"},
        {"apps/web/app/api/x", "apps/web/app", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pf_schema_location location;
        pf_schema_locate(cases[i].dir, cases[i].top, cases[i].top, &location);
        if (cases[i].expected) {
            assert_non_null(location.path);
            assert_string_equal(location.path, cases[i].expected);
        } else {
            assert_null(location.path);
        }
        pf_schema_location_free(&location);
    }
    assert_int_equal(chdir(cwd), 0);
    free(cwd);
    test_rmtree(root);
    free(root);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_source),
        cmocka_unit_test(test_order_within_folder),
        cmocka_unit_test(test_multi_file_prisma_folder),
        cmocka_unit_test(test_config_forms),
        cmocka_unit_test(test_config_computed_counts_as_absent),
        cmocka_unit_test(test_config_details),
        cmocka_unit_test(test_missing_configured_schema),
        cmocka_unit_test(test_example_folders_are_not_picked),
        cmocka_unit_test(test_nearest_wins),
        cmocka_unit_test(test_stops_at_top),
        cmocka_unit_test(test_relative_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
