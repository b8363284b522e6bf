/* Tests of edits (applying, overlaps) and of the list layout helpers every pass uses. */
#include "support.h"

#include "poolfix/edits.h"

#include <stdlib.h>
#include <string.h>

/* Applies edits to text and checks the result. */
static void assert_applied(const pf_edits *edits, const char *text, const char *expected) {
    pf_buf out = PF_BUF_INIT;
    assert_true(pf_edits_apply(edits, text, strlen(text), &out));
    assert_string_equal(out.data, expected);
    pf_buf_free(&out);
}

static void test_apply_in_any_order(void **state) {
    (void)state;
    pf_arena arena;
    pf_arena_init(&arena);
    pf_edits edits;
    pf_edits_init(&edits, &arena);
    const char *text = "one two three";
    pf_edits_replace(&edits, 8, 13, "3", 1);    /* later edit asked first */
    pf_edits_replace(&edits, 0, 3, "1", 1);
    pf_edits_replace(&edits, 4, 4, "and ", 4);  /* insertion */
    pf_edits_replace(&edits, 4, 4, "also ", 5); /* second insertion at the same place keeps order */
    assert_applied(&edits, text, "1 and also two 3");
    pf_arena_free(&arena);
}

static void test_overlap_is_refused(void **state) {
    (void)state;
    pf_arena arena;
    pf_arena_init(&arena);
    pf_edits edits;
    pf_edits_init(&edits, &arena);
    pf_edits_replace(&edits, 0, 5, "x", 1);
    pf_edits_replace(&edits, 4, 6, "y", 1);
    pf_buf out = PF_BUF_INIT;
    assert_false(pf_edits_apply(&edits, "abcdefgh", 8, &out));
    assert_int_equal(out.len, 0);
    /* an edit past the end is refused too */
    pf_edits_init(&edits, &arena);
    pf_edits_replace(&edits, 7, 20, "z", 1);
    assert_false(pf_edits_apply(&edits, "abcdefgh", 8, &out));
    pf_buf_free(&out);
    pf_arena_free(&arena);
}

static void test_line_helpers(void **state) {
    (void)state;
    const char *text = "a\n\t  b c\r\n  d";
    assert_int_equal(pf_line_start(text, 7), 2);
    pf_str indent = pf_line_indent(text, 7);
    assert_int_equal(indent.len, 3);
    assert_true(pf_is_first_on_line(text, 5));
    assert_false(pf_is_first_on_line(text, 7));
    assert_true(pf_str_eq_c(pf_indent_unit("x\n    y\n  z\n", 12), "  "));
    assert_true(pf_str_eq_c(pf_indent_unit("x\n\ty\n", 5), "\t"));
    assert_true(pf_str_eq_c(pf_indent_unit("x\n", 2), "  "));
}

/* Reads the list at the first node of `type` in `text`. */
static void read_list(test_code *code, const char *text, const char *type, pf_list *list) {
    test_code_parse(code, "a.ts", text, NULL);
    TSNode node = test_find(code, type, "");
    assert_true(pf_list_read(&code->syntax, node, &code->arena, list));
}

/* Renders items [first, last] of the first list of `type` and compares. */
static void assert_render(const char *text, const char *type, size_t first, size_t last, const char *expected) {
    test_code code;
    pf_list list;
    read_list(&code, text, type, &list);
    pf_buf out = PF_BUF_INIT;
    pf_list_render(&list, text, first, last, "\n", &out);
    assert_string_equal(out.data, expected);
    pf_buf_free(&out);
    test_code_free(&code);
}

static void test_list_read_layout(void **state) {
    (void)state;
    test_code code;
    pf_list list;
    const char *text = "x = [\n  a, // first\n  // about b\n  b,\n  c,\n];\n";
    read_list(&code, text, "array", &list);
    assert_int_equal(list.count, 3);
    assert_true(list.multiline);
    assert_true(list.trailing_comma);
    assert_string_equal(text + list.items[0].trail - 8, "// first\n  // about b\n  b,\n  c,\n];\n");
    assert_int_equal(text[list.items[1].lead], '/'); /* b's lead is its comment line */
    assert_int_equal(text[list.items[1].start], 'b');
    test_code_free(&code);

    read_list(&code, "f([a, , b])", "array", &list);
    assert_int_equal(list.count, 3);
    assert_true(ts_node_is_null(list.items[1].node));
    assert_false(list.multiline);
    assert_false(list.trailing_comma);
    test_code_free(&code);

    read_list(&code, "f([])", "array", &list);
    assert_int_equal(list.count, 0);
    test_code_free(&code);
}

static void test_list_render_multiline(void **state) {
    (void)state;
    const char *text = "x = [\n  a, // first\n  // about b\n  b,\n  c\n];\n";
    /* no trailing comma in the original: none after the last item of a batch either */
    assert_render(text, "array", 0, 0, "[\n  a // first\n]");
    assert_render(text, "array", 1, 2, "[\n  // about b\n  b,\n  c\n]");
    assert_render(text, "array", 1, 1, "[\n  // about b\n  b\n]");
    const char *trailing = "x = [\n    a,\n    b,\n    c,\n  ];\n";
    assert_render(trailing, "array", 0, 1, "[\n    a,\n    b,\n  ]");
    assert_render(trailing, "array", 2, 2, "[\n    c,\n  ]");
}

static void test_list_render_one_line(void **state) {
    (void)state;
    assert_render("x = [a, b, c];", "array", 0, 1, "[a, b]");
    assert_render("x = [a, b, c];", "array", 2, 2, "[c]");
    assert_render("x = [ a, b, c ];", "array", 1, 2, "[ b, c ]");
    assert_render("x = [a, b, c,];", "array", 0, 0, "[a,]");
    assert_render("const [a, , c] = y;", "array_pattern", 1, 2, "[, c]");
}

/* Appends `items` to the first object in `text` and compares with `expected`. */
static void assert_append_items(const char *text, const char *const *items, size_t count, const char *expected) {
    test_code code;
    pf_list list;
    read_list(&code, text, "object", &list);
    pf_edits edits;
    pf_edits_init(&edits, &code.arena);
    pf_list_append(&list, text, items, count, "\n", &edits);
    assert_applied(&edits, text, expected);
    test_code_free(&code);
}

static void assert_append(const char *text, const char *item, const char *expected) {
    assert_append_items(text, &item, 1, expected);
}

static void test_list_append(void **state) {
    (void)state;
    assert_append("x = { a: 1 };", "take: 10", "x = { a: 1, take: 10 };");
    assert_append("x = {a: 1};", "take: 10", "x = {a: 1, take: 10};");
    assert_append("x = { a: 1, };", "take: 10", "x = { a: 1, take: 10, };");
    assert_append("x = {};", "take: 10", "x = { take: 10 };");
    assert_append("x = {\n  a: 1\n};", "take: 10", "x = {\n  a: 1,\n  take: 10\n};");
    assert_append("x = {\n  a: 1,\n};", "take: 10", "x = {\n  a: 1,\n  take: 10,\n};");
    assert_append("x = {\n    a: 1, // note\n  };", "take: 10", "x = {\n    a: 1, // note\n    take: 10,\n  };");
    assert_append("x = {\n  a: 1 // note\n};", "take: 10", "x = {\n  a: 1, // note\n  take: 10\n};");
    /* An empty object that holds a comment keeps it. */
    assert_append("x = { /* none yet */ };", "take: 10", "x = { /* none yet */ take: 10 };");
    assert_append("x = {\n    // none yet\n  };", "take: 10", "x = {\n    // none yet\n    take: 10\n  };");
    assert_append("x = { // none yet\n};", "take: 10", "x = { // none yet\n  take: 10\n};");
    assert_append("\tx = { // none yet\n\t};", "take: 10", "\tx = { // none yet\n\t\ttake: 10\n\t};");
    const char *two[] = {"take: 10", "skip: 0"};
    assert_append_items("x = { a: 1 };", two, 2, "x = { a: 1, take: 10, skip: 0 };");
    assert_append_items("x = {};", two, 2, "x = { take: 10, skip: 0 };");
    assert_append_items("x = {\n  a: 1\n};", two, 2, "x = {\n  a: 1,\n  take: 10,\n  skip: 0\n};");
    assert_append_items("x = {\n  a: 1,\n};", two, 2, "x = {\n  a: 1,\n  take: 10,\n  skip: 0,\n};");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply_in_any_order),   cmocka_unit_test(test_overlap_is_refused),
        cmocka_unit_test(test_line_helpers),         cmocka_unit_test(test_list_read_layout),
        cmocka_unit_test(test_list_render_multiline), cmocka_unit_test(test_list_render_one_line),
        cmocka_unit_test(test_list_append),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
