/* Tests of edits (applying, overlaps) and of the list layout helpers every pass uses. */
#include "support.h"

#include "poolfix/edits.h"
#include "poolfix/syntax.h"

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

/* Every node of `tree` with its kind, bytes and points, one a line: two trees that print
 * alike have the same shape at the same places. */
static char *describe_tree(const TSTree *tree) {
    pf_buf out = PF_BUF_INIT;
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
    for (bool more = true; more;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        TSPoint start = ts_node_start_point(node), end = ts_node_end_point(node);
        pf_buf_printf(&out, "%s %u-%u [%u,%u]-[%u,%u]\n", ts_node_type(node), ts_node_start_byte(node),
                      ts_node_end_byte(node), start.row, start.column, end.row, end.column);
        if (ts_tree_cursor_goto_first_child(&cursor)) continue;
        while (!ts_tree_cursor_goto_next_sibling(&cursor))
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                more = false;
                break;
            }
    }
    ts_tree_cursor_delete(&cursor);
    return pf_buf_take(&out, NULL);
}

/* One edit for assert_reparse: replace [start, end) with `text`. */
typedef struct test_edit {
    uint32_t start, end;
    const char *text;
} test_edit;

/* Parses `text`, applies `edits`, and checks that the incremental parse of the result over
 * the edited tree is the fresh parse of it, node for node, bytes and points. As in the
 * engine, the parser sees lone CRs as LFs and the edits apply to the file's own bytes. */
static void assert_reparse(const char *text, const test_edit *list, size_t count, const char *expected) {
    pf_arena arena;
    pf_arena_init(&arena);
    pf_edits edits;
    pf_edits_init(&edits, &arena);
    for (size_t i = 0; i < count; i++) pf_edits_replace(&edits, list[i].start, list[i].end, list[i].text, strlen(list[i].text));
    pf_buf edited = PF_BUF_INIT, old_unified = PF_BUF_INIT, new_unified = PF_BUF_INIT;
    assert_true(pf_edits_apply(&edits, text, strlen(text), &edited));
    assert_string_equal(edited.data, expected);
    const char *old_seen = pf_text_unify_line_ends(text, strlen(text), &old_unified) ? old_unified.data : text;
    const char *new_seen = pf_text_unify_line_ends(edited.data, edited.len, &new_unified) ? new_unified.data : edited.data;
    TSParser *parser = ts_parser_new();
    pf_syntax before, fresh, incremental;
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, old_seen, strlen(text), &before));
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, new_seen, edited.len, &fresh));
    TSTree *old = pf_edits_edited_tree(&edits, before.tree, old_seen, new_seen);
    assert_true(pf_syntax_reparse(parser, PF_LANG_TYPESCRIPT, old, new_seen, edited.len, &incremental));
    char *want = describe_tree(fresh.tree), *got = describe_tree(incremental.tree);
    assert_string_equal(got, want);
    free(want);
    free(got);
    ts_tree_delete(old);
    pf_syntax_free(&before);
    pf_syntax_free(&fresh);
    pf_syntax_free(&incremental);
    ts_parser_delete(parser);
    pf_buf_free(&edited);
    pf_buf_free(&old_unified);
    pf_buf_free(&new_unified);
    pf_arena_free(&arena);
}

static void test_edited_tree_reparses_as_fresh(void **state) {
    (void)state;
    const char *text = "async function f() {\n  const a = await prisma.user.count();\n  return a;\n}\n";
    /* one insertion within a line */
    test_edit take[] = {{57, 57, "{ take: 10 }"}};
    assert_reparse(text, take, 1,
                   "async function f() {\n  const a = await prisma.user.count({ take: 10 });\n  return a;\n}\n");
    /* several lines in, one line out, and a deletion, asked last edit first */
    test_edit several[] = {{69, 70, ""}, {23, 59, "const rows = [\n    1,\n    2,\n  ];\n  const a = rows.length;"},
                           {0, 6, ""}};
    assert_reparse(text, several, 3,
                   "function f() {\n  const rows = [\n    1,\n    2,\n  ];\n  const a = rows.length;\n  return ;\n}\n");
    /* lines removed before an edit further down: the later edit's rows move up */
    test_edit joined[] = {{20, 23, " "}, {62, 71, "return a + 1;"}};
    assert_reparse(text, joined, 2,
                   "async function f() { const a = await prisma.user.count();\n  return a + 1;\n}\n");
    /* at the very start and the very end */
    test_edit ends[] = {{0, 0, "// head\n"}, {74, 74, "export { f };\n"}};
    assert_reparse(text, ends, 2,
                   "// head\nasync function f() {\n  const a = await prisma.user.count();\n  return a;\n}\n"
                   "export { f };\n");
    /* a file whose lines end with a lone CR: the parser sees LFs, the edits bring CRs */
    const char *cr = "function g() {\r  return 1;\r}\r";
    test_edit lines[] = {{17, 17, "const b = 2;\r  "}};
    assert_reparse(cr, lines, 1, "function g() {\r  const b = 2;\r  return 1;\r}\r");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply_in_any_order),   cmocka_unit_test(test_overlap_is_refused),
        cmocka_unit_test(test_line_helpers),         cmocka_unit_test(test_list_read_layout),
        cmocka_unit_test(test_list_render_multiline), cmocka_unit_test(test_list_render_one_line),
        cmocka_unit_test(test_list_append),          cmocka_unit_test(test_edited_tree_reparses_as_fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
