/* Tests of the tree walks in syntax.c on trees far deeper and wider than any file poolfix
 * analyses: they keep their stack in tree-sitter's cursor, so none may overflow the stack of
 * the thread running this test, and a wide node costs no more than its children. */
#include "support.h"

#include "poolfix/buf.h"
#include "poolfix/syntax.h"

#include <stdlib.h>
#include <string.h>

/* `n` opening brackets around `inner`, unclosed when `closed` is false. */
static char *nested(size_t n, const char *inner, bool closed) {
    pf_buf text = PF_BUF_INIT;
    pf_buf_puts(&text, "const x = ");
    pf_buf_repeat(&text, "[", n);
    pf_buf_puts(&text, inner);
    if (closed) pf_buf_repeat(&text, "]", n);
    pf_buf_puts(&text, ";\n");
    return pf_buf_take(&text, NULL);
}

static void test_deep_tree(void **state) {
    (void)state;
    enum { DEPTH = 200000 };
    char *text = nested(DEPTH, "await q(name)", true);
    TSParser *parser = ts_parser_new();
    pf_syntax syntax;
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, text, strlen(text), &syntax));
    /* Every walk goes to the bottom and back without recursing. */
    assert_int_equal(pf_syntax_error_count(syntax.root), 0);
    pf_syntax_shape unlimited = {UINT32_MAX - 1, UINT32_MAX - 1, UINT32_MAX - 1};
    pf_syntax_shape shape = pf_syntax_measure(syntax.root, &unlimited);
    assert_true(shape.depth > DEPTH);
    pf_syntax_shape limits = {256, 2000, 1000};
    assert_int_equal(pf_syntax_measure(syntax.root, &limits).depth, 257); /* stops past the limit */
    assert_true(pf_node_mentions(&syntax, syntax.root, pf_str_c("name")));
    assert_false(pf_node_mentions(&syntax, syntax.root, pf_str_c("other")));
    assert_true(pf_node_awaits(syntax.root));
    assert_true(pf_node_has_effects(&syntax, syntax.root, pf_node_null(), pf_call_computes_value));
    assert_false(pf_node_writes_name(&syntax, syntax.root, pf_str_c("name")));
    pf_buf tokens = PF_BUF_INIT;
    pf_node_append_tokens(&syntax, syntax.root, &tokens);
    /* `const x = [...[await q(name)]...];`: 2 * DEPTH + 9 tokens of 2 * DEPTH + 20 bytes, and a
     * separator after each. */
    assert_int_equal(tokens.len, (size_t)(2 * DEPTH + 20) + (2 * DEPTH + 9));
    pf_buf_free(&tokens);
    pf_syntax_free(&syntax);
    free(text);

    /* Unclosed: one error node per level, counted without recursing. */
    text = nested(DEPTH, "1", false);
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, text, strlen(text), &syntax));
    assert_true(pf_syntax_error_count(syntax.root) > 0);
    pf_syntax_free(&syntax);
    free(text);
    ts_parser_delete(parser);
}

static void test_wide_node(void **state) {
    (void)state;
    enum { ITEMS = 200000 };
    pf_buf text = PF_BUF_INIT;
    pf_buf_puts(&text, "f(");
    pf_buf_repeat(&text, "a, ", ITEMS);
    pf_buf_puts(&text, "b");
    TSParser *parser = ts_parser_new();
    pf_syntax syntax;
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, text.data, text.len, &syntax));
    /* A quadratic walk would take minutes on 200,000 arguments; these take milliseconds. */
    assert_true(pf_syntax_error_count(syntax.root) >= 1);
    assert_true(pf_node_mentions(&syntax, syntax.root, pf_str_c("b")));
    pf_syntax_shape unlimited = {UINT32_MAX - 1, UINT32_MAX - 1, UINT32_MAX - 1};
    assert_true(pf_syntax_measure(syntax.root, &unlimited).children >= ITEMS);
    pf_syntax_free(&syntax);
    pf_buf_free(&text);
    ts_parser_delete(parser);
}

static void test_null_nodes(void **state) {
    (void)state;
    pf_syntax syntax = {"", 0, NULL, pf_node_null()};
    TSNode none = pf_node_null();
    assert_int_equal(pf_node_str(&syntax, none).len, 0);
    assert_true(ts_node_is_null(pf_node_parent(none)));
    assert_true(ts_node_is_null(pf_node_parent_unparen(none)));
    assert_int_equal(pf_syntax_error_count(none), 0);
    assert_false(pf_node_mentions(&syntax, none, pf_str_c("x")));
    assert_false(pf_node_awaits(none));
    assert_false(pf_node_has_effects(&syntax, none, none, pf_call_computes_value));
    assert_false(pf_node_writes_name(&syntax, none, pf_str_c("x")));
}

/* A budget of work, not of time: a parse past it gives up, and the parser is reset for the
 * next file. */
static void test_parse_budget(void **state) {
    (void)state;
    char *path = NULL;
    const char *data = getenv("POOLFIX_TEST_DATA");
    assert_non_null(data);
    path = test_join(data, "../regress/inputs/slow-error-recovery.ts");
    size_t len;
    char *text = test_read(path, &len);
    assert_non_null(text);
    TSParser *parser = ts_parser_new();
    pf_syntax syntax;
    assert_false(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, text, len, &syntax));
    const char *fine = "const a = 1;\n";
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, fine, strlen(fine), &syntax));
    assert_int_equal(pf_syntax_error_count(syntax.root), 0);
    pf_syntax_free(&syntax);
    ts_parser_delete(parser);
    free(text);
    free(path);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deep_tree),
        cmocka_unit_test(test_wide_node),
        cmocka_unit_test(test_null_nodes),
        cmocka_unit_test(test_parse_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
