/* tree-sitter wrapper (see syntax.h). */
#include "poolfix/syntax.h"

#include <string.h>

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

/* Returns the extension of the last path component, without the dot, or "". */
static const char *path_extension(const char *path) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return dot && dot != base ? dot + 1 : "";
}

bool pf_lang_for_path(const char *path, pf_lang *lang) {
    static const char *const typescript[] = {"ts", "mts", "cts"};
    static const char *const tsx[] = {"tsx", "js", "jsx", "mjs", "cjs"};
    const char *ext = path_extension(path);
    /* Declaration files (x.d.ts, x.d.mts) describe types only: they never run a query. */
    size_t stem = strlen(path) - strlen(ext);
    if (stem >= 3 && memcmp(path + stem - 3, ".d.", 3) == 0) return false;
    for (size_t i = 0; i < sizeof(typescript) / sizeof(*typescript); i++)
        if (strcmp(ext, typescript[i]) == 0) return *lang = PF_LANG_TYPESCRIPT, true;
    for (size_t i = 0; i < sizeof(tsx) / sizeof(*tsx); i++)
        if (strcmp(ext, tsx[i]) == 0) return *lang = PF_LANG_TSX, true;
    return false;
}

bool pf_path_has_types(const char *path) {
    const char *ext = path_extension(path);
    return ext[0] == 't' || ((ext[0] == 'm' || ext[0] == 'c') && ext[1] == 't');
}

const TSLanguage *pf_lang_grammar(pf_lang lang) {
    return lang == PF_LANG_TSX ? tree_sitter_tsx() : tree_sitter_typescript();
}

bool pf_syntax_parse(TSParser *parser, pf_lang lang, const char *text, size_t len, pf_syntax *out) {
    memset(out, 0, sizeof(*out));
    if (!ts_parser_set_language(parser, pf_lang_grammar(lang))) return false;
    out->tree = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
    if (!out->tree) return false;
    out->text = text;
    out->len = len;
    out->root = ts_tree_root_node(out->tree);
    out->lang = lang;
    return true;
}

void pf_syntax_free(pf_syntax *syntax) {
    if (syntax->tree) ts_tree_delete(syntax->tree);
    memset(syntax, 0, sizeof(*syntax));
}

size_t pf_syntax_error_count(TSNode node) {
    if (ts_node_is_missing(node)) return 1;
    if (!ts_node_has_error(node)) return 0;
    size_t count = strcmp(ts_node_type(node), "ERROR") == 0 ? 1 : 0;
    uint32_t n = ts_node_child_count(node);
    for (uint32_t i = 0; i < n; i++) count += pf_syntax_error_count(ts_node_child(node, i));
    return count;
}

TSNode pf_node_unwrap(TSNode node) {
    for (;;) {
        if (pf_node_is(node, "parenthesized_expression") || pf_node_is(node, "non_null_expression") ||
            pf_node_is(node, "as_expression") || pf_node_is(node, "satisfies_expression")) {
            TSNode inner = ts_node_named_child(node, 0);
            if (ts_node_is_null(inner)) return node;
            node = inner;
            continue;
        }
        return node;
    }
}

TSNode pf_node_parent_unparen(TSNode node) {
    TSNode parent = ts_node_parent(node);
    while (pf_node_is(parent, "parenthesized_expression")) parent = ts_node_parent(parent);
    return parent;
}

TSNode pf_node_ancestor(TSNode node, const char *type) {
    while (!ts_node_is_null(node) && !pf_node_is(node, type)) node = ts_node_parent(node);
    return node;
}

bool pf_node_contains(TSNode outer, TSNode inner) {
    return ts_node_start_byte(outer) <= ts_node_start_byte(inner) &&
           ts_node_end_byte(inner) <= ts_node_end_byte(outer);
}

bool pf_node_is_function(TSNode node) {
    static const char *const types[] = {"function_declaration", "function_expression", "function",
                                        "arrow_function", "method_definition",
                                        "generator_function_declaration", "generator_function"};
    if (ts_node_is_null(node)) return false;
    const char *type = ts_node_type(node);
    for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
        if (strcmp(type, types[i]) == 0) return true;
    return false;
}

TSNode pf_node_child_of_type(TSNode node, const char *type) {
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++) {
        TSNode child = ts_node_named_child(node, i);
        if (pf_node_is(child, type)) return child;
    }
    return pf_node_null();
}

bool pf_cursor_next(TSTreeCursor *cursor) {
    if (ts_tree_cursor_goto_first_child(cursor)) return true;
    do {
        if (ts_tree_cursor_goto_next_sibling(cursor)) return true;
    } while (ts_tree_cursor_goto_parent(cursor));
    return false;
}

bool pf_node_mentions(const pf_syntax *syntax, TSNode node, pf_str name) {
    if (pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier") ||
        pf_node_is(node, "shorthand_property_identifier_pattern"))
        return pf_str_eq(pf_node_str(syntax, node), name);
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (pf_node_mentions(syntax, ts_node_named_child(node, i), name)) return true;
    return false;
}

bool pf_node_has_effects(const pf_syntax *syntax, TSNode node, TSNode skip,
                         bool (*call_is_pure)(const pf_syntax *syntax, TSNode call)) {
    if (!ts_node_is_null(skip) && ts_node_eq(node, skip)) return false;
    if (pf_node_is(node, "await_expression") || pf_node_is(node, "assignment_expression") ||
        pf_node_is(node, "augmented_assignment_expression") || pf_node_is(node, "update_expression") ||
        pf_node_is(node, "yield_expression") || pf_node_is_function(node))
        return true;
    if (call_is_pure && (pf_node_is(node, "new_expression") ||
                         (pf_node_is(node, "call_expression") && !call_is_pure(syntax, node))))
        return true;
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (pf_node_has_effects(syntax, ts_node_named_child(node, i), skip, call_is_pure)) return true;
    return false;
}
