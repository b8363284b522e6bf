/* pf_discover() on real folder trees: extensions, skipped folders, .gitignore files at every
 * level of a work tree, extra patterns, PATH problems, ordering and symlinks. Each test runs
 * in a fresh temporary folder that is the current folder, so PATHs and results are short. */
#include "support.h"

#include "poolfix/buf.h"
#include "poolfix/discover.h"
#include "poolfix/listings.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct fixture {
    char *dir;      /* the temporary folder the test runs in */
    char *old_cwd;
} fixture;

/* Enters a fresh temporary folder. Its `.git` makes it a work tree top, so no .gitignore of
 * a repository that happens to hold $TMPDIR can leak into the tests. */
static int enter_temp_work_tree(void **state) {
    fixture *f = calloc(1, sizeof(*f));
    f->old_cwd = getcwd(NULL, 0);
    f->dir = test_mkdtemp();
    assert_int_equal(chdir(f->dir), 0);
    assert_int_equal(mkdir(".git", 0755), 0);
    *state = f;
    return 0;
}

/* Goes back to the folder the test started in and removes the temporary one. */
static int leave_temp_dir(void **state) {
    fixture *f = *state;
    assert_int_equal(chdir(f->old_cwd), 0);
    test_rmtree(f->dir);
    free(f->dir);
    free(f->old_cwd);
    free(f);
    return 0;
}

/* Creates each file named in a NULL-terminated list, with a line of TypeScript. */
static void touch_files(const char *const *relpaths) {
    for (size_t i = 0; relpaths[i]; i++) test_write_str(".", relpaths[i], "export {};\n");
}

/* One string per discovered path, each followed by a newline, for one readable comparison. */
static char *listed_paths(const pf_discovery *discovery) {
    pf_buf list = PF_BUF_INIT;
    for (size_t i = 0; i < discovery->count; i++) pf_buf_printf(&list, "%s\n", discovery->files[i].path);
    return pf_buf_take(&list, NULL);
}

/* Discovers `paths` with the given extra patterns and checks the listed paths, and that
 * nothing was reported. */
static void expect_discovered(const char *const *paths, size_t count, const pf_discover_options *options,
                              const char *expected) {
    pf_discovery discovery;
    pf_discover(paths, count, options, &discovery);
    char *listed = listed_paths(&discovery);
    assert_string_equal(listed, expected);
    assert_int_equal(discovery.problem_count, 0);
    free(listed);
    pf_discovery_free(&discovery);
}

/* expect_discovered() for a single PATH and no extra patterns. */
static void expect_discovered_in(const char *path, const char *expected) {
    const char *paths[] = {path};
    expect_discovered(paths, 1, NULL, expected);
}

static void test_keeps_only_extensions_poolfix_reads(void **state) {
    (void)state;
    const char *files[] = {"a.ts", "b.tsx", "c.mts", "d.cts", "e.js", "f.jsx", "g.mjs", "h.cjs",
                           "types.d.ts", "types.d.mts", "types.d.cts", "readme.md", "data.json",
                           "Makefile", "ts", ".ts", "x.ts.bak", NULL};
    touch_files(files);
    expect_discovered_in(".", "a.ts\nb.tsx\nc.mts\nd.cts\ne.js\nf.jsx\ng.mjs\nh.cjs\n");
}

static void test_skips_dependency_and_build_folders(void **state) {
    (void)state;
    const char *files[] = {"node_modules/x.ts", ".next/x.ts", "dist/x.ts", "build/x.ts",
                           "coverage/x.ts", "pkg/.git/x.ts", "src/node_modules/y.ts",
                           "src/dist.ts", "src/builder/x.ts", "src/x.ts", NULL};
    touch_files(files);
    expect_discovered_in(".", "src/builder/x.ts\nsrc/dist.ts\nsrc/x.ts\n");
    assert_true(pf_is_skipped_folder("node_modules"));
    assert_true(pf_is_skipped_folder(".git"));
    assert_false(pf_is_skipped_folder("src"));
}

static void test_root_and_nested_gitignore_with_negations(void **state) {
    (void)state;
    const char *files[] = {"a.ts", "x.gen.ts", "keep.gen.ts", "z.js", "logs/l.ts",
                           "sub/other.gen.ts", "sub/y.gen.ts", "sub/z.js", "sub/logs/l.ts",
                           "sub/deep/w.js", "sub2/z.js", NULL};
    touch_files(files);
    test_write_str(".", ".gitignore", "# generated\n*.gen.ts\n!keep.gen.ts\nlogs/\n");
    test_write_str(".", "sub/.gitignore", "!other.gen.ts\n*.js\n");
    expect_discovered_in(".", "a.ts\nkeep.gen.ts\nsub/other.gen.ts\nsub2/z.js\nz.js\n");
}

static void test_file_in_ignored_folder_cannot_be_reincluded(void **state) {
    (void)state;
    const char *files[] = {"gen/keep.ts", "gen/drop.ts", "out/keep.ts", "out/drop.ts", NULL};
    touch_files(files);
    /* `gen/` ignores the folder itself, `out/` + `*` only what is in it. */
    test_write_str(".", ".gitignore", "gen/\n!gen/keep.ts\nout/*\n!out/keep.ts\n");
    expect_discovered_in(".", "out/keep.ts\n");
}

static void test_gitignore_files_above_the_path_apply(void **state) {
    (void)state;
    const char *files[] = {"repo/examples/app/a.ts", "repo/examples/app/x.gen.ts",
                           "repo/examples/app/keep.gen.ts", "repo/examples/app/secret/s.ts",
                           "repo/examples/app/local.ts", "repo/examples/app/lib/local.ts",
                           "repo/other/o.ts", NULL};
    touch_files(files);
    assert_int_equal(test_sh(".", "git init -q repo"), 0);
    test_write_str(".", "repo/.gitignore", "*.gen.ts\n/examples/app/secret/\n");
    test_write_str(".", "repo/examples/.gitignore", "!keep.gen.ts\n");
    test_write_str(".", "repo/examples/app/.gitignore", "/local.ts\n");
    expect_discovered_in("repo/examples/app",
                         "repo/examples/app/a.ts\nrepo/examples/app/keep.gen.ts\nrepo/examples/app/lib/local.ts\n");
}

static void test_without_a_work_tree_only_the_path_rules_apply(void **state) {
    (void)state;
    if (test_sh(".", "cd .. && git rev-parse --git-dir >/dev/null 2>&1") == 0)
        skip(); /* $TMPDIR is inside a repository: every folder here has a work tree */
    test_write_str(".", ".gitignore", "*.ts\n"); /* not a work tree: its .gitignore stays out */
    assert_int_equal(rmdir(".git"), 0);
    const char *files[] = {"app/a.ts", "app/b.ts", NULL};
    touch_files(files);
    test_write_str(".", "app/.gitignore", "b.ts\n");
    expect_discovered_in("app", "app/a.ts\n");
}

static void test_git_info_exclude_applies_below_gitignore(void **state) {
    (void)state;
    const char *files[] = {"a.ts", "x.tmp.ts", "keep.tmp.ts", "sub/y.tmp.ts", NULL};
    touch_files(files);
    test_write_str(".", ".git/info/exclude", "*.tmp.ts\n");
    test_write_str(".", ".gitignore", "!keep.tmp.ts\n");
    expect_discovered_in(".", "a.ts\nkeep.tmp.ts\n");
}

static void test_extra_patterns_are_relative_to_the_walk_root(void **state) {
    (void)state;
    const char *files[] = {"proj/top.ts", "proj/sub/top.ts", "proj/generated/g.ts",
                           "proj/important.gen.ts", "proj/other.gen.ts", "proj/keep.ts", NULL};
    touch_files(files);
    test_write_str(".", ".gitignore", "*.gen.ts\n");
    const char *patterns[] = {"generated/", "/top.ts", "!important.gen.ts"};
    pf_discover_options options = {patterns, 3};
    const char *paths[] = {"proj"};
    expect_discovered(paths, 1, &options, "proj/important.gen.ts\nproj/keep.ts\nproj/sub/top.ts\n");
}

static void test_named_file_is_taken_whatever_gitignore_says(void **state) {
    (void)state;
    const char *files[] = {"proj/a.ts", "proj/node_modules/m.ts", NULL};
    touch_files(files);
    test_write_str(".", ".gitignore", "*.ts\n");
    const char *paths[] = {"proj/a.ts", "proj/node_modules/m.ts", "proj"};
    pf_discovery discovery;
    pf_discover(paths, 3, NULL, &discovery);
    assert_int_equal(discovery.problem_count, 0);
    assert_int_equal(discovery.count, 2);
    assert_string_equal(discovery.files[0].path, "proj/a.ts");
    assert_string_equal(discovery.files[0].relpath, "a.ts");
    assert_string_equal(discovery.files[0].root, "proj");
    assert_string_equal(discovery.files[1].path, "proj/node_modules/m.ts");
    pf_discovery_free(&discovery);
}

static void test_missing_path_is_a_problem_and_others_go_on(void **state) {
    (void)state;
    const char *files[] = {"src/a.ts", NULL};
    touch_files(files);
    const char *paths[] = {"missing", "src", "gone.ts"};
    pf_discovery discovery;
    pf_discover(paths, 3, NULL, &discovery);
    assert_int_equal(discovery.count, 1);
    assert_string_equal(discovery.files[0].path, "src/a.ts");
    assert_int_equal(discovery.problem_count, 2);
    assert_string_equal(discovery.problems[0], "missing: No such file or directory");
    assert_string_equal(discovery.problems[1], "gone.ts: No such file or directory");
    pf_discovery_free(&discovery);
}

static void test_file_path_with_unread_extension_is_a_problem(void **state) {
    (void)state;
    const char *files[] = {"README.md", "types.d.ts", "a.ts", NULL};
    touch_files(files);
    const char *paths[] = {"README.md", "types.d.ts", "a.ts"};
    pf_discovery discovery;
    pf_discover(paths, 3, NULL, &discovery);
    assert_int_equal(discovery.count, 1);
    assert_string_equal(discovery.files[0].path, "a.ts");
    assert_int_equal(discovery.problem_count, 2);
    assert_string_equal(discovery.problems[0], "README.md: not a TypeScript or JavaScript file");
    assert_string_equal(discovery.problems[1], "types.d.ts: not a TypeScript or JavaScript file");
    pf_discovery_free(&discovery);
}

static void test_unreadable_folder_is_a_problem(void **state) {
    (void)state;
    if (geteuid() == 0) skip(); /* root reads any folder */
    const char *files[] = {"src/a.ts", "src/locked/b.ts", NULL};
    touch_files(files);
    assert_int_equal(chmod("src/locked", 0), 0);
    pf_discovery discovery;
    const char *paths[] = {"src"};
    pf_discover(paths, 1, NULL, &discovery);
    assert_int_equal(chmod("src/locked", 0755), 0);
    assert_int_equal(discovery.count, 1);
    assert_string_equal(discovery.files[0].path, "src/a.ts");
    assert_int_equal(discovery.problem_count, 1);
    assert_string_equal(discovery.problems[0], "src/locked: Permission denied");
    pf_discovery_free(&discovery);
}

static void test_overlapping_paths_list_a_file_once(void **state) {
    (void)state;
    const char *files[] = {"src/a.ts", "src/app/b.ts", NULL};
    touch_files(files);
    const char *paths[] = {"src/app", ".", "src", "./src/", "src/a.ts", "src//a.ts"};
    pf_discovery discovery;
    pf_discover(paths, 6, NULL, &discovery);
    assert_int_equal(discovery.problem_count, 0);
    assert_int_equal(discovery.count, 2);
    /* The copy kept is the one under the outermost walk root. */
    assert_string_equal(discovery.files[0].path, "src/a.ts");
    assert_string_equal(discovery.files[0].relpath, "src/a.ts");
    assert_string_equal(discovery.files[0].root, ".");
    assert_string_equal(discovery.files[1].path, "src/app/b.ts");
    assert_string_equal(discovery.files[1].relpath, "src/app/b.ts");
    pf_discovery_free(&discovery);
}

static void test_output_is_sorted_bytewise(void **state) {
    (void)state;
    const char *files[] = {"b.ts", "a/x.ts", "a-b/x.ts", "a.ts", "B.ts", "a/a.ts", NULL};
    touch_files(files);
    const char *paths[] = {"b.ts", "."};
    expect_discovered(paths, 2, NULL, "B.ts\na-b/x.ts\na.ts\na/a.ts\na/x.ts\nb.ts\n");
}

static void test_paths_join_without_dot_slash_or_double_slash(void **state) {
    (void)state;
    const char *files[] = {"examples/app/app/api/x/route.ts", NULL};
    touch_files(files);
    const char *spellings[] = {"examples/app", "examples/app/", "./examples//app/."};
    for (size_t i = 0; i < 3; i++) {
        pf_discovery discovery;
        pf_discover(&spellings[i], 1, NULL, &discovery);
        assert_int_equal(discovery.count, 1);
        assert_string_equal(discovery.files[0].path, "examples/app/app/api/x/route.ts");
        assert_string_equal(discovery.files[0].relpath, "app/api/x/route.ts");
        assert_string_equal(discovery.files[0].root, "examples/app");
        pf_discovery_free(&discovery);
    }
    expect_discovered_in(".", "examples/app/app/api/x/route.ts\n");
    expect_discovered_in("./", "examples/app/app/api/x/route.ts\n");
}

static void test_absolute_path(void **state) {
    fixture *f = *state;
    const char *files[] = {"src/a.ts", NULL};
    touch_files(files);
    char *root = test_join(f->dir, "src");
    char *expected = test_join(f->dir, "src/a.ts");
    pf_discovery discovery;
    pf_discover((const char *const *)&root, 1, NULL, &discovery);
    assert_int_equal(discovery.count, 1);
    assert_string_equal(discovery.files[0].path, expected);
    assert_string_equal(discovery.files[0].relpath, "a.ts");
    assert_string_equal(discovery.files[0].root, root);
    pf_discovery_free(&discovery);
    free(expected);
    free(root);
}

static void test_symlinked_folder_is_not_followed(void **state) {
    (void)state;
    const char *files[] = {"src/real/x.ts", "outside/y.ts", NULL};
    touch_files(files);
    assert_int_equal(symlink("..", "src/loop"), 0);
    assert_int_equal(symlink("real", "src/alias"), 0);
    assert_int_equal(symlink("../outside", "src/elsewhere"), 0);
    assert_int_equal(symlink("real/x.ts", "src/link.ts"), 0);
    assert_int_equal(symlink("nowhere.ts", "src/dangling.ts"), 0);
    /* link.ts is the same file as real/x.ts: listed once, under its real name; the dangling
     * link is listed so that reading it reports the broken link */
    expect_discovered_in("src", "src/dangling.ts\nsrc/real/x.ts\n");
}

static void test_symlinked_file_is_subject_to_gitignore(void **state) {
    (void)state;
    const char *files[] = {"src/x.ts", NULL};
    touch_files(files);
    assert_int_equal(symlink("x.ts", "src/link.ts"), 0);
    test_write_str(".", ".gitignore", "link.ts\n");
    expect_discovered_in("src", "src/x.ts\n");
}

/* A file's four strings (they share one allocation): its path, its path from the walk root,
 * the root, and its path from its project, whether the walk found the project or the file
 * was named on its own (and placed afterwards). */
static void test_paths_relative_to_root_and_project(void **state) {
    (void)state;
    const char *files[] = {"mono/apps/web/package.json", "mono/apps/web/app/api/x/route.ts", "mono/lib/db.ts",
                           NULL};
    touch_files(files);
    const char *paths[] = {"mono", "mono/apps/web/app/api/x/route.ts"};
    for (size_t i = 0; i < 2; i++) {
        pf_discovery discovery;
        pf_discover(&paths[i], 1, NULL, &discovery);
        assert_int_equal(discovery.problem_count, 0);
        assert_int_equal(discovery.count, i == 0 ? 2 : 1);
        const pf_discovered *route = &discovery.files[0];
        assert_string_equal(route->path, "mono/apps/web/app/api/x/route.ts");
        assert_string_equal(route->relpath, i == 0 ? "apps/web/app/api/x/route.ts" : "route.ts");
        assert_string_equal(route->root, i == 0 ? "mono" : "mono/apps/web/app/api/x");
        assert_string_equal(route->project_relpath, "app/api/x/route.ts");
        if (i == 0) {
            assert_string_equal(discovery.files[1].path, "mono/lib/db.ts");
            assert_string_equal(discovery.files[1].relpath, "lib/db.ts");
            assert_string_equal(discovery.files[1].root, "mono");
            assert_string_equal(discovery.files[1].project_relpath, "lib/db.ts");
        }
        pf_discovery_free(&discovery);
    }
}

/* What each folder walked holds of the listed names, as stat() would say (links followed),
 * under the folder's canonical path; folders not walked and names not listed are unknown. */
static void test_listings_say_what_each_walked_folder_holds(void **state) {
    fixture *f = *state;
    const char *files[] = {"app/package.json", "app/prisma/schema.prisma", "app/src/x.ts", "app/db/main.prisma",
                           "app/node_modules/pkg/package.json", NULL};
    touch_files(files);
    assert_int_equal(mkdir("app/schema.prisma.d", 0755), 0);
    assert_int_equal(symlink("db/main.prisma", "app/schema.prisma"), 0);
    assert_int_equal(symlink("nowhere.ts", "app/prisma.config.ts"), 0);
    assert_int_equal(symlink("../db", "app/src/prisma"), 0);
    const char *paths[] = {"app"};
    pf_discovery discovery;
    pf_discover(paths, 1, NULL, &discovery);
    char *real = realpath(f->dir, NULL);
    char *app = test_join(real, "app"), *src = test_join(real, "app/src"), *modules = test_join(real, "app/node_modules");
    const pf_listings *l = discovery.listings;
    assert_int_equal(pf_listings_find(l, app, "package.json"), PF_LISTED_FILE);
    assert_int_equal(pf_listings_find(l, app, "prisma"), PF_LISTED_FOLDER);
    assert_int_equal(pf_listings_find(l, app, "schema.prisma"), PF_LISTED_FILE); /* a link to a file */
    assert_int_equal(pf_listings_find(l, app, "prisma.config.ts"), PF_LISTED_MISSING); /* dangling */
    assert_int_equal(pf_listings_find(l, app, "prisma.config.js"), PF_LISTED_MISSING);
    assert_int_equal(pf_listings_find(l, src, "prisma"), PF_LISTED_FOLDER); /* a link to a folder */
    assert_int_equal(pf_listings_find(l, src, "package.json"), PF_LISTED_MISSING);
    assert_int_equal(pf_listings_find(l, app, "tsconfig.json"), PF_LISTED_UNKNOWN);   /* not a listed name */
    assert_int_equal(pf_listings_find(l, modules, "package.json"), PF_LISTED_UNKNOWN); /* not walked */
    assert_int_equal(pf_listings_find(l, real, "package.json"), PF_LISTED_UNKNOWN);    /* above the root */
    assert_int_equal(pf_listings_find(NULL, app, "package.json"), PF_LISTED_UNKNOWN);
    free(app);
    free(src);
    free(modules);
    free(real);
    pf_discovery_free(&discovery);
}

int main(void) {
#define TEST(name) cmocka_unit_test_setup_teardown(name, enter_temp_work_tree, leave_temp_dir)
    const struct CMUnitTest tests[] = {
        TEST(test_keeps_only_extensions_poolfix_reads),
        TEST(test_skips_dependency_and_build_folders),
        TEST(test_root_and_nested_gitignore_with_negations),
        TEST(test_file_in_ignored_folder_cannot_be_reincluded),
        TEST(test_gitignore_files_above_the_path_apply),
        TEST(test_without_a_work_tree_only_the_path_rules_apply),
        TEST(test_git_info_exclude_applies_below_gitignore),
        TEST(test_extra_patterns_are_relative_to_the_walk_root),
        TEST(test_named_file_is_taken_whatever_gitignore_says),
        TEST(test_missing_path_is_a_problem_and_others_go_on),
        TEST(test_file_path_with_unread_extension_is_a_problem),
        TEST(test_unreadable_folder_is_a_problem),
        TEST(test_overlapping_paths_list_a_file_once),
        TEST(test_output_is_sorted_bytewise),
        TEST(test_paths_join_without_dot_slash_or_double_slash),
        TEST(test_absolute_path),
        TEST(test_symlinked_folder_is_not_followed),
        TEST(test_symlinked_file_is_subject_to_gitignore),
        TEST(test_paths_relative_to_root_and_project),
        TEST(test_listings_say_what_each_walked_folder_holds),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
