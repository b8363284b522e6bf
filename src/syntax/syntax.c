/* tree-sitter wrapper (see syntax.h). */
#include "poolfix/syntax.h"

#include "poolfix/buf.h"

#include <string.h>

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

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

TSNode pf_node_skip_parentheses(TSNode node) {
    while (pf_node_is(node, "parenthesized_expression") && ts_node_named_child_count(node) == 1)
        node = ts_node_named_child(node, 0);
    return node;
}

TSNode pf_node_parent_unparen(TSNode node) {
    TSNode parent = ts_node_parent(node);
    while (pf_node_is(parent, "parenthesized_expression")) parent = ts_node_parent(parent);
    return parent;
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
    if ((pf_node_is(node, "new_expression") || pf_node_is(node, "call_expression")) && !call_is_pure(syntax, node))
        return true;
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (pf_node_has_effects(syntax, ts_node_named_child(node, i), skip, call_is_pure)) return true;
    return false;
}

bool pf_call_computes_value(const pf_syntax *syntax, TSNode call) {
    static const char *const value_methods[] = {"toUpperCase", "toLowerCase", "toString",   "toFixed",
                                                "toISOString", "valueOf",     "trim",       "slice",
                                                "padStart",    "padEnd",      "includes",   "startsWith",
                                                "endsWith",    "getTime",     "getFullYear", "getMonth",
                                                "getDate",     "getDay",      "getHours",   "getMinutes",
                                                "getSeconds",  "getMilliseconds", "getTimezoneOffset"};
    if (pf_node_is(call, "new_expression")) {
        TSNode args = pf_node_field(call, "arguments");
        return pf_node_text_is(syntax, pf_node_field(call, "constructor"), "Date") && !ts_node_is_null(args) &&
               ts_node_named_child_count(args) > 0;
    }
    TSNode callee = pf_node_field(call, "function");
    if (pf_node_is(callee, "identifier")) {
        static const char *const conversions[] = {"Number", "String", "Boolean", "parseInt", "parseFloat"};
        for (size_t i = 0; i < sizeof(conversions) / sizeof(*conversions); i++)
            if (pf_node_text_is(syntax, callee, conversions[i])) return true;
        return false;
    }
    if (!pf_node_is(callee, "member_expression")) return false;
    TSNode object = pf_node_field(callee, "object");
    pf_str method = pf_node_str(syntax, pf_node_field(callee, "property"));
    if (pf_node_text_is(syntax, object, "Math")) return true;
    if (pf_node_text_is(syntax, object, "Date")) return pf_str_eq_c(method, "UTC");
    if (pf_str_starts_with(method, "getUTC")) return true;
    for (size_t i = 0; i < sizeof(value_methods) / sizeof(*value_methods); i++)
        if (pf_str_eq_c(method, value_methods[i])) return true;
    return false;
}

bool pf_call_computes_value_or_now(const pf_syntax *syntax, TSNode call) {
    if (pf_call_computes_value(syntax, call)) return true;
    if (pf_node_is(call, "new_expression")) return pf_node_text_is(syntax, pf_node_field(call, "constructor"), "Date");
    return pf_node_text_is(syntax, pf_node_field(call, "function"), "Date.now");
}

bool pf_node_awaits(TSNode node) {
    if (pf_node_is_function(node)) return false;
    if (pf_node_is(node, "await_expression")) return true;
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (pf_node_awaits(ts_node_named_child(node, i))) return true;
    return false;
}

/* Whether `pattern` (a declared name, or a destructuring pattern) binds a name that `expr`
 * reads. */
static bool binds_name_read_in(const pf_syntax *syntax, TSNode pattern, TSNode expr) {
    if (ts_node_is_null(pattern)) return false;
    TSTreeCursor cursor = ts_tree_cursor_new(expr);
    bool found = false;
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier"))
            found = pf_node_mentions(syntax, pattern, pf_node_str(syntax, node));
    } while (!found && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

/* The pattern a node declares in the scope around it (or a null node): a declarator's name, a
 * function's or class's name, a catch clause's parameter, a for-in/for-of's left side, a
 * parameter. */
static TSNode declared_pattern(TSNode node) {
    if (pf_node_is(node, "variable_declarator") || pf_node_is(node, "function_declaration") ||
        pf_node_is(node, "generator_function_declaration") || pf_node_is(node, "class_declaration"))
        return pf_node_field(node, "name");
    if (pf_node_is(node, "catch_clause")) return pf_node_field(node, "parameter");
    if (pf_node_is(node, "for_in_statement")) return pf_node_field(node, "left");
    if (pf_node_is(node, "required_parameter") || pf_node_is(node, "optional_parameter"))
        return pf_node_field(node, "pattern");
    if (pf_node_is(node, "arrow_function")) return pf_node_field(node, "parameter");
    return pf_node_null();
}

bool pf_node_uses_block_names(const pf_syntax *syntax, TSNode expr, TSNode block) {
    TSTreeCursor cursor = ts_tree_cursor_new(block);
    bool found = false;
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        /* A function or class that does not hold `expr` binds nothing `expr` can see, but its
         * declared name. */
        bool closed = (pf_node_is_function(node) || pf_node_is(node, "class_declaration") || pf_node_is(node, "class")) &&
                      !pf_node_contains(node, expr);
        TSNode pattern = declared_pattern(node);
        if (closed && !pf_node_is(node, "function_declaration") && !pf_node_is(node, "generator_function_declaration") &&
            !pf_node_is(node, "class_declaration"))
            pattern = pf_node_null();
        found = binds_name_read_in(syntax, pattern, expr);
        if (found) break;
        if (!closed && ts_tree_cursor_goto_first_child(&cursor)) continue;
        bool moved = false;
        do {
            moved = ts_tree_cursor_goto_next_sibling(&cursor);
        } while (!moved && ts_tree_cursor_goto_parent(&cursor));
        if (!moved) break;
    }
    ts_tree_cursor_delete(&cursor);
    return found;
}

/* Whether a method only reads its object: getters, conversions, and the array and string
 * methods that return new values. Any other method may change its object. */
static bool method_only_reads(pf_str method) {
    static const char *const readers[] = {"valueOf", "includes", "indexOf", "lastIndexOf", "slice", "map", "filter",
                                          "find", "findIndex", "some", "every", "reduce", "join", "concat", "at",
                                          "keys", "values", "entries", "startsWith", "endsWith", "trim", "padStart",
                                          "padEnd", "charAt", "charCodeAt", "substring", "replace", "split",
                                          "localeCompare"};
    if (pf_str_starts_with(method, "get") || pf_str_starts_with(method, "to") || pf_str_starts_with(method, "is") ||
        pf_str_starts_with(method, "has"))
        return true;
    for (size_t i = 0; i < sizeof(readers) / sizeof(*readers); i++)
        if (pf_str_eq_c(method, readers[i])) return true;
    return false;
}

TSNode pf_node_written(const pf_syntax *syntax, TSNode node) {
    TSNode target = pf_node_null();
    TSNode callee = pf_node_field(node, "function");
    if (pf_node_is(node, "assignment_expression") || pf_node_is(node, "augmented_assignment_expression"))
        target = pf_node_field(node, "left");
    else if (pf_node_is(node, "update_expression"))
        target = pf_node_field(node, "argument");
    else if (pf_node_is(node, "unary_expression") && pf_node_text_is(syntax, pf_node_field(node, "operator"), "delete"))
        target = pf_node_field(node, "argument");
    else if (pf_node_is(node, "call_expression") && pf_node_is(callee, "member_expression") &&
             !method_only_reads(pf_node_str(syntax, pf_node_field(callee, "property"))))
        target = pf_node_field(callee, "object");
    target = pf_node_unwrap(target);
    /* `Date.UTC(...)`, `Math.max(...)`: a static call on a class or namespace does not change it. */
    if (pf_node_is(node, "call_expression") && pf_node_is(target, "identifier")) {
        char first = syntax->text[ts_node_start_byte(target)];
        if (first >= 'A' && first <= 'Z') target = pf_node_null();
    }
    return target;
}

bool pf_node_writes_name(const pf_syntax *syntax, TSNode node, pf_str name) {
    TSNode target = pf_node_written(syntax, node);
    /* `a.b = ...` and `a.b.push(x)` change `a` too. */
    while (pf_node_is(target, "member_expression") || pf_node_is(target, "subscript_expression"))
        target = pf_node_unwrap(pf_node_field(target, "object"));
    if (pf_node_is(target, "identifier") && pf_str_eq(pf_node_str(syntax, target), name)) return true;
    if (pf_node_is(target, "array_pattern") || pf_node_is(target, "object_pattern"))
        if (pf_node_mentions(syntax, target, name)) return true;
    uint32_t n = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (pf_node_writes_name(syntax, ts_node_named_child(node, i), name)) return true;
    return false;
}

void pf_node_append_tokens(const pf_syntax *syntax, TSNode node, pf_buf *out) {
    if (pf_node_is(node, "comment")) return;
    uint32_t n = ts_node_child_count(node);
    if (n == 0) {
        pf_str text = pf_node_str(syntax, node);
        pf_buf_append(out, text.ptr, text.len);
        pf_buf_putc(out, '\x1f');
        return;
    }
    for (uint32_t i = 0; i < n; i++) pf_node_append_tokens(syntax, ts_node_child(node, i), out);
}

/* The slot `expr` fills in the statement it belongs to, before the checks on that statement. */
static const char *find_slot(TSNode expr, pf_slot *slot) {
    TSNode up = pf_node_parent_unparen(expr);
    if (pf_node_is(up, "return_statement")) {
        slot->kind = PF_SLOT_RETURN;
        slot->statement = up;
        return NULL;
    }
    if (pf_node_is(up, "expression_statement")) {
        slot->kind = PF_SLOT_EXPRESSION;
        slot->statement = up;
        return NULL;
    }
    if (pf_node_is(up, "variable_declarator") && ts_node_eq(pf_node_unwrap(pf_node_field(up, "value")), expr)) {
        TSNode decl = ts_node_parent(up);
        uint32_t declarators = 0;
        for (uint32_t i = 0; i < ts_node_named_child_count(decl); i++)
            declarators += pf_node_is(ts_node_named_child(decl, i), "variable_declarator");
        if (declarators != 1)
            return "the declaration declares several variables; give the Promise.all a declaration of its own";
        slot->kind = PF_SLOT_DECLARE;
        slot->statement = decl;
        slot->declarator = up;
        slot->target = pf_node_field(up, "name");
        return NULL;
    }
    if (pf_node_is(up, "assignment_expression") && ts_node_eq(pf_node_unwrap(pf_node_field(up, "right")), expr)) {
        TSNode stmt = ts_node_parent(up);
        if (!pf_node_is(stmt, "expression_statement"))
            return "the assignment is in parentheses or part of a larger expression; make it a statement of its own";
        slot->kind = PF_SLOT_ASSIGN;
        slot->statement = stmt;
        slot->target = pf_node_field(up, "left");
        return NULL;
    }
    return "the result is used inside a larger expression; assign `await Promise.all(...)` to a variable first";
}

const char *pf_statement_slot(TSNode expr, pf_slot *slot) {
    memset(slot, 0, sizeof(*slot));
    const char *why = find_slot(expr, slot);
    if (why) return why;
    TSNode parent = ts_node_parent(slot->statement);
    if (pf_node_is(parent, "export_statement"))
        return "it is part of an export statement; move the awaits into a function or a plain declaration";
    if (!pf_node_is(parent, "statement_block") && !pf_node_is(parent, "program") &&
        !pf_node_is(parent, "switch_case") && !pf_node_is(parent, "switch_default"))
        return "the statement is not inside a block (e.g. the body of an `if` without braces); add braces first";
    return NULL;
}
