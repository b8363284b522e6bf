/* gitignore(5) rule sets: parsing and pf_ignore_match() verdicts, one rule of the format at
 * a time. */
#include "support.h"

#include "poolfix/discover.h"

#include <stdbool.h>
#include <string.h>

enum { IGNORED = 1, REINCLUDED = -1, NO_RULE = 0 };

/* The verdict of gitignore text `rules`, relative to folder `base`, for one path. */
static int verdict_in(const char *base, const char *rules, const char *path, bool is_dir) {
    pf_ignore *ignore = pf_ignore_parse(base, rules, strlen(rules));
    int verdict = pf_ignore_match(ignore, path, is_dir);
    pf_ignore_free(ignore);
    return verdict;
}

/* The verdict of root-level `rules` for a file. */
static int file_verdict(const char *rules, const char *path) {
    return verdict_in("", rules, path, false);
}

/* The verdict of root-level `rules` for a folder. */
static int dir_verdict(const char *rules, const char *path) {
    return verdict_in("", rules, path, true);
}

static void test_blank_lines_and_comments_are_not_rules(void **state) {
    (void)state;
    const char *rules = "\n   \n# a.ts\n\n";
    assert_int_equal(file_verdict(rules, "a.ts"), NO_RULE);
    assert_int_equal(file_verdict(rules, "# a.ts"), NO_RULE);
    assert_int_equal(file_verdict("#a.ts", "#a.ts"), NO_RULE);
    assert_int_equal(file_verdict("", "a.ts"), NO_RULE);
}

static void test_escaped_hash_is_a_pattern(void **state) {
    (void)state;
    assert_int_equal(file_verdict("\\#notes.ts", "#notes.ts"), IGNORED);
    assert_int_equal(file_verdict("\\#notes.ts", "notes.ts"), NO_RULE);
}

static void test_escaped_bang_is_a_pattern_not_a_negation(void **state) {
    (void)state;
    assert_int_equal(file_verdict("\\!important.ts", "!important.ts"), IGNORED);
    assert_int_equal(file_verdict("\\!important.ts", "important.ts"), NO_RULE);
}

static void test_trailing_spaces_are_dropped_unless_escaped(void **state) {
    (void)state;
    assert_int_equal(file_verdict("a.ts   ", "a.ts"), IGNORED);
    assert_int_equal(file_verdict("a.ts\\ ", "a.ts "), IGNORED);
    assert_int_equal(file_verdict("a.ts\\ ", "a.ts"), NO_RULE);
    assert_int_equal(file_verdict("a.ts\\   ", "a.ts "), IGNORED);
    assert_int_equal(file_verdict("a.ts\\   ", "a.ts   "), NO_RULE);
    assert_int_equal(file_verdict("a\tb.ts\t", "a\tb.ts\t"), IGNORED); /* only spaces are trimmed */
}

static void test_crlf_line_endings(void **state) {
    (void)state;
    assert_int_equal(file_verdict("a.ts\r\nb.ts\r\n", "a.ts"), IGNORED);
    assert_int_equal(file_verdict("a.ts\r\nb.ts\r\n", "b.ts"), IGNORED);
}

static void test_negation_last_matching_rule_wins(void **state) {
    (void)state;
    const char *rules = "*.gen.ts\n!keep.gen.ts\n";
    assert_int_equal(file_verdict(rules, "x.gen.ts"), IGNORED);
    assert_int_equal(file_verdict(rules, "keep.gen.ts"), REINCLUDED);
    assert_int_equal(file_verdict(rules, "src/keep.gen.ts"), REINCLUDED);
    assert_int_equal(file_verdict(rules, "x.ts"), NO_RULE);
    /* The other way round the later, broader rule wins. */
    assert_int_equal(file_verdict("!keep.gen.ts\n*.gen.ts\n", "keep.gen.ts"), IGNORED);
}

static void test_negation_of_a_file_inside_an_ignored_folder(void **state) {
    (void)state;
    /* The verdict for the file is the negation's; the walk never gets there because the
     * folder itself is ignored (see test_discover.c). */
    const char *rules = "gen/\n!gen/keep.ts\n";
    assert_int_equal(dir_verdict(rules, "gen"), IGNORED);
    assert_int_equal(file_verdict(rules, "gen/keep.ts"), REINCLUDED);
}

static void test_trailing_slash_matches_folders_only(void **state) {
    (void)state;
    assert_int_equal(dir_verdict("foo/", "foo"), IGNORED);
    assert_int_equal(file_verdict("foo/", "foo"), NO_RULE);
    assert_int_equal(dir_verdict("foo/", "a/b/foo"), IGNORED);
    assert_int_equal(dir_verdict("foo", "foo"), IGNORED);
    assert_int_equal(file_verdict("foo", "foo"), IGNORED);
    assert_int_equal(dir_verdict("a/foo/", "a/foo"), IGNORED);
    assert_int_equal(file_verdict("a/foo/", "a/foo"), NO_RULE);
}

static void test_leading_slash_anchors(void **state) {
    (void)state;
    assert_int_equal(file_verdict("/foo.ts", "foo.ts"), IGNORED);
    assert_int_equal(file_verdict("/foo.ts", "src/foo.ts"), NO_RULE);
    assert_int_equal(dir_verdict("/build2/", "build2"), IGNORED);
    assert_int_equal(dir_verdict("/build2/", "a/build2"), NO_RULE);
}

static void test_middle_slash_anchors(void **state) {
    (void)state;
    assert_int_equal(file_verdict("src/foo.ts", "src/foo.ts"), IGNORED);
    assert_int_equal(file_verdict("src/foo.ts", "lib/src/foo.ts"), NO_RULE);
    assert_int_equal(file_verdict("src/*.ts", "src/a.ts"), IGNORED);
    assert_int_equal(file_verdict("src/*.ts", "x/src/a.ts"), NO_RULE);
}

static void test_pattern_without_slash_matches_at_any_depth(void **state) {
    (void)state;
    assert_int_equal(file_verdict("foo.ts", "foo.ts"), IGNORED);
    assert_int_equal(file_verdict("foo.ts", "a/b/foo.ts"), IGNORED);
    assert_int_equal(file_verdict("foo.ts", "a/foo.ts.bak"), NO_RULE);
    assert_int_equal(file_verdict("*.ts", "a/b/c.ts"), IGNORED);
}

static void test_star_and_question_mark_stay_within_a_component(void **state) {
    (void)state;
    assert_int_equal(file_verdict("src/*.ts", "src/a/b.ts"), NO_RULE);
    assert_int_equal(file_verdict("src/*", "src/a"), IGNORED);
    assert_int_equal(file_verdict("src/*", "src/a/b"), NO_RULE);
    assert_int_equal(file_verdict("a*b.ts", "ab.ts"), IGNORED);
    assert_int_equal(file_verdict("a*b.ts", "axxb.ts"), IGNORED);
    assert_int_equal(file_verdict("x/a*b", "x/a/b"), NO_RULE);
    assert_int_equal(file_verdict("a?c.ts", "abc.ts"), IGNORED);
    assert_int_equal(file_verdict("a?c.ts", "ac.ts"), NO_RULE);
    assert_int_equal(file_verdict("x/a?c", "x/a/c"), NO_RULE);
    assert_int_equal(file_verdict("x/*/z", "x/y/z"), IGNORED);
    assert_int_equal(file_verdict("x/*/z", "x/y/w/z"), NO_RULE);
}

static void test_bracket_classes(void **state) {
    (void)state;
    assert_int_equal(file_verdict("[a-c].ts", "b.ts"), IGNORED);
    assert_int_equal(file_verdict("[a-c].ts", "d.ts"), NO_RULE);
    assert_int_equal(file_verdict("[!a].ts", "a.ts"), NO_RULE);
    assert_int_equal(file_verdict("[!a].ts", "b.ts"), IGNORED);
    assert_int_equal(file_verdict("[^a].ts", "a.ts"), NO_RULE);
    assert_int_equal(file_verdict("[xyz].ts", "y.ts"), IGNORED);
    assert_int_equal(file_verdict("[]a].ts", "].ts"), IGNORED); /* a leading `]` is a member */
    assert_int_equal(file_verdict("[a-].ts", "-.ts"), IGNORED);   /* so is a trailing `-` */
    assert_int_equal(file_verdict("[[:digit:]].ts", "7.ts"), IGNORED);
    assert_int_equal(file_verdict("[[:digit:]].ts", "x.ts"), NO_RULE);
    assert_int_equal(file_verdict("[[:nope:]].ts", "x.ts"), NO_RULE);
    assert_int_equal(file_verdict("x[!a]y", "x/y"), NO_RULE);      /* classes never match `/` */
    assert_int_equal(file_verdict("[a", "[a"), NO_RULE);           /* unclosed: matches nothing */
}

static void test_backslash_escapes_a_glob_character(void **state) {
    (void)state;
    assert_int_equal(file_verdict("\\*.ts", "*.ts"), IGNORED);
    assert_int_equal(file_verdict("\\*.ts", "a.ts"), NO_RULE);
    assert_int_equal(file_verdict("a\\?.ts", "a?.ts"), IGNORED);
    assert_int_equal(file_verdict("a\\?.ts", "ab.ts"), NO_RULE);
}

static void test_leading_double_star(void **state) {
    (void)state;
    assert_int_equal(dir_verdict("**/foo", "foo"), IGNORED);
    assert_int_equal(dir_verdict("**/foo", "a/foo"), IGNORED);
    assert_int_equal(dir_verdict("**/foo", "a/b/foo"), IGNORED);
    assert_int_equal(file_verdict("**/foo/bar.ts", "foo/bar.ts"), IGNORED);
    assert_int_equal(file_verdict("**/foo/bar.ts", "x/y/foo/bar.ts"), IGNORED);
    assert_int_equal(file_verdict("**/foo/bar.ts", "x/foo/y/bar.ts"), NO_RULE);
}

static void test_trailing_double_star(void **state) {
    (void)state;
    assert_int_equal(file_verdict("foo/**", "foo/a.ts"), IGNORED);
    assert_int_equal(file_verdict("foo/**", "foo/a/b/c.ts"), IGNORED);
    assert_int_equal(dir_verdict("foo/**", "foo"), NO_RULE);
    assert_int_equal(file_verdict("foo/**", "x/foo/a.ts"), NO_RULE);
}

static void test_middle_double_star(void **state) {
    (void)state;
    assert_int_equal(file_verdict("a/**/b", "a/b"), IGNORED);
    assert_int_equal(file_verdict("a/**/b", "a/x/b"), IGNORED);
    assert_int_equal(file_verdict("a/**/b", "a/x/y/b"), IGNORED);
    assert_int_equal(file_verdict("a/**/b", "a/xb"), NO_RULE);
    assert_int_equal(file_verdict("a/**/b", "a/x/c"), NO_RULE);
    assert_int_equal(file_verdict("a/**/b", "x/a/b"), NO_RULE);
    assert_int_equal(file_verdict("a/**/*.ts", "a/x/y/z.ts"), IGNORED);
}

static void test_double_star_inside_a_component_is_a_single_star(void **state) {
    (void)state;
    assert_int_equal(file_verdict("x/**b", "x/ab"), IGNORED);
    assert_int_equal(file_verdict("x/**b", "x/a/b"), NO_RULE);
    assert_int_equal(file_verdict("x/a**", "x/ab"), IGNORED);
    assert_int_equal(file_verdict("x/a**", "x/a/b"), NO_RULE);
}

static void test_rules_are_relative_to_their_folder(void **state) {
    (void)state;
    const char *rules = "foo.ts\n/bar.ts\nlib/*.ts\n";
    assert_int_equal(verdict_in("sub", rules, "sub/foo.ts", false), IGNORED);
    assert_int_equal(verdict_in("sub", rules, "sub/x/foo.ts", false), IGNORED);
    assert_int_equal(verdict_in("sub", rules, "foo.ts", false), NO_RULE);
    assert_int_equal(verdict_in("sub", rules, "subway/foo.ts", false), NO_RULE);
    assert_int_equal(verdict_in("sub", rules, "sub/bar.ts", false), IGNORED);
    assert_int_equal(verdict_in("sub", rules, "sub/x/bar.ts", false), NO_RULE);
    assert_int_equal(verdict_in("sub", rules, "sub/lib/a.ts", false), IGNORED);
    assert_int_equal(verdict_in("a/b", rules, "a/b/lib/a.ts", false), IGNORED);
    assert_int_equal(verdict_in("a/b", rules, "lib/a.ts", false), NO_RULE);
    assert_int_equal(verdict_in("sub", "*", "sub", true), NO_RULE); /* the folder itself is not below it */
}

static void test_lines_that_are_not_patterns_are_skipped(void **state) {
    (void)state;
    const char *rules = "!\n/\n!/\n\\\na.ts";
    assert_int_equal(file_verdict(rules, "a.ts"), IGNORED);
    assert_int_equal(file_verdict(rules, "b.ts"), NO_RULE);
    assert_int_equal(file_verdict("a.ts\\", "a.ts\\"), NO_RULE); /* a trailing `\` escapes nothing */
}

static void test_pathological_pattern_finishes(void **state) {
    (void)state;
    char path[201];
    memset(path, 'a', sizeof(path) - 1);
    path[sizeof(path) - 1] = '\0';
    assert_int_equal(file_verdict("*a*a*a*a*a*a*a*a*a*a*a*a*b", path), NO_RULE);
    assert_int_equal(file_verdict("**/*a*a*a*a*a*a*a*a*a*a*b", path), NO_RULE);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blank_lines_and_comments_are_not_rules),
        cmocka_unit_test(test_escaped_hash_is_a_pattern),
        cmocka_unit_test(test_escaped_bang_is_a_pattern_not_a_negation),
        cmocka_unit_test(test_trailing_spaces_are_dropped_unless_escaped),
        cmocka_unit_test(test_crlf_line_endings),
        cmocka_unit_test(test_negation_last_matching_rule_wins),
        cmocka_unit_test(test_negation_of_a_file_inside_an_ignored_folder),
        cmocka_unit_test(test_trailing_slash_matches_folders_only),
        cmocka_unit_test(test_leading_slash_anchors),
        cmocka_unit_test(test_middle_slash_anchors),
        cmocka_unit_test(test_pattern_without_slash_matches_at_any_depth),
        cmocka_unit_test(test_star_and_question_mark_stay_within_a_component),
        cmocka_unit_test(test_bracket_classes),
        cmocka_unit_test(test_backslash_escapes_a_glob_character),
        cmocka_unit_test(test_leading_double_star),
        cmocka_unit_test(test_trailing_double_star),
        cmocka_unit_test(test_middle_double_star),
        cmocka_unit_test(test_double_star_inside_a_component_is_a_single_star),
        cmocka_unit_test(test_rules_are_relative_to_their_folder),
        cmocka_unit_test(test_lines_that_are_not_patterns_are_skipped),
        cmocka_unit_test(test_pathological_pattern_finishes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
