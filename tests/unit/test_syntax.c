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
    pf_syntax_shape deep = {DEPTH, UINT32_MAX - 1, UINT32_MAX - 1};
    assert_int_equal(pf_syntax_measure(syntax.root, &deep).depth, DEPTH + 1); /* to the bottom */
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
    pf_syntax_shape wide = {UINT32_MAX - 1, ITEMS - 1, UINT32_MAX - 1};
    assert_true(pf_syntax_measure(syntax.root, &wide).children >= ITEMS);
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

/* Field ids come from a table per grammar: the same ids as tree-sitter's own lookup, in
 * TypeScript and in TSX (whose ids differ), and 0 for a name no field has. */
static void test_field_ids(void **state) {
    (void)state;
    static const char *const names[] = {"function", "arguments", "name", "value", "body", "object", "property",
                                        "left", "right", "condition", "consequence", "alternative"};
    pf_lang langs[] = {PF_LANG_TYPESCRIPT, PF_LANG_TSX};
    for (size_t l = 0; l < 2; l++) {
        const TSLanguage *language = pf_lang_grammar(langs[l]);
        for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
            assert_int_equal(pf_field_id(language, names[i]),
                             ts_language_field_id_for_name(language, names[i], (uint32_t)strlen(names[i])));
        assert_int_equal(pf_field_id(language, "no_such_field"), 0);
        const char *text = "load(a, b);\n";
        TSParser *parser = ts_parser_new();
        pf_syntax syntax;
        assert_true(pf_syntax_parse(parser, langs[l], text, strlen(text), &syntax));
        TSNode call = pf_node_named_child(pf_node_named_child(syntax.root, 0), 0);
        assert_true(pf_node_text_is(&syntax, pf_node_field(call, "function"), "load"));
        assert_true(pf_node_is(pf_node_field(call, "arguments"), "arguments"));
        assert_true(ts_node_is_null(pf_node_field(call, "no_such_field")));
        pf_syntax_free(&syntax);
        ts_parser_delete(parser);
    }
}

/* The nodes whose text is a name are found in the text, in order: not its occurrences in
 * comments or longer names, a string holding only the name as its fragment, and only inside
 * the scope asked about. */
static void test_named_uses(void **state) {
    (void)state;
    const char *text = "const user = 1; // user\nconst users = \"user\";\nf(user, { user }, obj.user);\n"
                       "function g() { return user; }\n";
    TSParser *parser = ts_parser_new();
    pf_syntax syntax;
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, text, strlen(text), &syntax));
    static const char *const expected[] = {"identifier", "string_fragment", "identifier",
                                           "shorthand_property_identifier", "property_identifier", "identifier"};
    uint32_t from = 0, last_end = 0;
    size_t found = 0;
    for (TSNode use = pf_node_next_named(&syntax, syntax.root, pf_str_c("user"), &from); !ts_node_is_null(use);
         use = pf_node_next_named(&syntax, syntax.root, pf_str_c("user"), &from)) {
        assert_true(found < sizeof(expected) / sizeof(*expected));
        assert_string_equal(ts_node_type(use), expected[found]);
        assert_true(pf_node_text_is(&syntax, use, "user"));
        assert_true(ts_node_start_byte(use) >= last_end);
        last_end = ts_node_end_byte(use);
        found++;
    }
    assert_int_equal(found, 6);
    /* Inside g only: the one in its body. */
    TSNode g = pf_node_named_child(syntax.root, pf_node_named_count(syntax.root) - 1);
    assert_true(pf_node_is(g, "function_declaration"));
    from = 0;
    TSNode use = pf_node_next_named(&syntax, g, pf_str_c("user"), &from);
    assert_true(pf_node_is(use, "identifier"));
    assert_true(ts_node_start_byte(use) > ts_node_start_byte(g));
    assert_true(ts_node_is_null(pf_node_next_named(&syntax, g, pf_str_c("user"), &from)));
    assert_false(pf_node_mentions(&syntax, syntax.root, pf_str_c("use")));
    pf_syntax_free(&syntax);
    ts_parser_delete(parser);
}

/* The ancestors found down from the root are those ts_node_parent finds up from the node;
 * with less room than the depth, the innermost ones, outermost first. */
static void test_ancestors(void **state) {
    (void)state;
    const char *text = "function f() { if (a) { return g([[x]]); } }\n";
    TSParser *parser = ts_parser_new();
    pf_syntax syntax;
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, text, strlen(text), &syntax));
    uint32_t at = (uint32_t)(strstr(text, "x]") - text);
    TSNode x = ts_node_named_descendant_for_byte_range(syntax.root, at, at + 1);
    assert_true(pf_node_text_is(&syntax, x, "x"));
    TSNode up[PF_ANCESTORS_MAX], chain[64];
    size_t depth = pf_node_ancestors(x, up, PF_ANCESTORS_MAX), links = 0;
    for (TSNode n = ts_node_parent(x); !ts_node_is_null(n); n = ts_node_parent(n)) chain[links++] = n;
    assert_int_equal(depth, links);
    assert_true(depth > 8);
    for (size_t i = 0; i < depth; i++) assert_true(ts_node_eq(up[i], chain[links - 1 - i]));
    for (size_t room = 1; room < depth; room++) {
        TSNode few[64];
        assert_int_equal(pf_node_ancestors(x, few, room), room);
        for (size_t i = 0; i < room; i++) assert_true(ts_node_eq(few[i], chain[room - 1 - i]));
    }
    assert_int_equal(pf_node_ancestors(syntax.root, up, PF_ANCESTORS_MAX), 0);
    assert_int_equal(pf_node_ancestors(pf_node_null(), up, PF_ANCESTORS_MAX), 0);
    pf_syntax_free(&syntax);
    ts_parser_delete(parser);
}

/* A method call gives its receiver, whatever the receiver is; a call of another method, a plain
 * call, a member read that is not called and a null node give none. */
static void test_method_receiver(void **state) {
    (void)state;
    const char *text = "prisma.$use(mw);\nctx.db.$extends(ext);\n$use(mw);\nprisma.$use;\nprisma.$extends(ext);\n";
    TSParser *parser = ts_parser_new();
    pf_syntax syntax;
    assert_true(pf_syntax_parse(parser, PF_LANG_TYPESCRIPT, text, strlen(text), &syntax));
    TSNode calls[5];
    for (uint32_t i = 0; i < 5; i++) calls[i] = pf_node_named_child(pf_node_named_child(syntax.root, i), 0);
    assert_true(pf_node_text_is(&syntax, pf_method_receiver(&syntax, calls[0], "$use"), "prisma"));
    assert_true(pf_node_text_is(&syntax, pf_method_receiver(&syntax, calls[1], "$extends"), "ctx.db"));
    assert_true(ts_node_is_null(pf_method_receiver(&syntax, calls[2], "$use")));
    assert_true(ts_node_is_null(pf_method_receiver(&syntax, calls[3], "$use")));
    assert_true(ts_node_is_null(pf_method_receiver(&syntax, calls[4], "$use")));
    assert_true(ts_node_is_null(pf_method_receiver(&syntax, pf_node_null(), "$use")));
    pf_syntax_free(&syntax);
    ts_parser_delete(parser);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deep_tree),
        cmocka_unit_test(test_wide_node),
        cmocka_unit_test(test_null_nodes),
        cmocka_unit_test(test_parse_budget),
        cmocka_unit_test(test_field_ids),
        cmocka_unit_test(test_named_uses),
        cmocka_unit_test(test_ancestors),
        cmocka_unit_test(test_method_receiver),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
