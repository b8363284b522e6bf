/* tree-sitter wrapper (see syntax.h). */
#include "poolfix/syntax.h"

#include "poolfix/buf.h"
#include "poolfix/tree_memory.h"

#include <pthread.h>
#include <string.h>

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

const TSLanguage *pf_lang_grammar(pf_lang lang) {
    return lang == PF_LANG_TSX ? tree_sitter_tsx() : tree_sitter_typescript();
}

/* Field names to ids for one grammar: open addressing over a power of two larger than twice
 * the grammar's fields (TypeScript has about 50). */
#define FIELD_SLOTS 256
typedef struct field_table {
    const char *names[FIELD_SLOTS]; /* the grammar's own strings; NULL: empty */
    TSFieldId ids[FIELD_SLOTS];
} field_table;

/* The tables of the two grammars, filled once before any lookup and only read afterwards. */
static field_table typescript_fields, tsx_fields;
static pthread_once_t fields_filled = PTHREAD_ONCE_INIT;

static uint32_t field_hash(const char *name) {
    return (uint32_t)pf_fnv1a(PF_FNV1A_BASIS, name, strlen(name));
}

static void fill_field_table(field_table *table, const TSLanguage *language) {
    uint32_t count = ts_language_field_count(language);
    for (uint32_t id = 1; id <= count && id < FIELD_SLOTS / 2; id++) {
        const char *name = ts_language_field_name_for_id(language, (TSFieldId)id);
        if (!name) continue;
        uint32_t slot = field_hash(name) & (FIELD_SLOTS - 1);
        while (table->names[slot]) slot = (slot + 1) & (FIELD_SLOTS - 1);
        table->names[slot] = name;
        table->ids[slot] = (TSFieldId)id;
    }
}

static void fill_field_tables(void) {
    fill_field_table(&typescript_fields, tree_sitter_typescript());
    fill_field_table(&tsx_fields, tree_sitter_tsx());
}

TSFieldId pf_field_id(const TSLanguage *language, const char *name) {
    pthread_once(&fields_filled, fill_field_tables);
    const field_table *table = language == tree_sitter_tsx() ? &tsx_fields : &typescript_fields;
    for (uint32_t slot = field_hash(name) & (FIELD_SLOTS - 1); table->names[slot];
         slot = (slot + 1) & (FIELD_SLOTS - 1))
        if (strcmp(table->names[slot], name) == 0) return table->ids[slot];
    return 0;
}

/* The text being parsed and the parse's work budget, for tree-sitter's callbacks. */
typedef struct parse_input {
    const char *text;
    uint32_t len;
    uint64_t checks_left; /* progress callbacks until the parse is stopped */
} parse_input;

/* tree-sitter's TSInput.read: the rest of the text from `byte`. */
static const char *read_text(void *payload, uint32_t byte, TSPoint point, uint32_t *bytes_read) {
    (void)point;
    const parse_input *input = payload;
    *bytes_read = byte < input->len ? input->len - byte : 0;
    return byte < input->len ? input->text + byte : "";
}

/* tree-sitter calls this every hundred parse operations; true stops the parse. */
static bool over_budget(TSParseState *state) {
    parse_input *input = state->payload;
    if (input->checks_left == 0) return true;
    input->checks_left--;
    return false;
}

bool pf_syntax_parse(TSParser *parser, pf_lang lang, const char *text, size_t len, pf_syntax *out) {
    return pf_syntax_reparse(parser, lang, NULL, text, len, out);
}

bool pf_syntax_reparse(TSParser *parser, pf_lang lang, const TSTree *old, const char *text, size_t len,
                       pf_syntax *out) {
    memset(out, 0, sizeof(*out));
    if (!ts_parser_set_language(parser, pf_lang_grammar(lang))) return false;
    /* Error recovery can take time exponential in the errors of a small file (a fuzzed 2 KB
     * file: three minutes). Real sources, broken ones too, take under 3 operations a byte;
     * the budget allows 12 and a floor for tiny files. Counted in operations, not seconds, so
     * that the result never depends on the machine or its load. */
    parse_input input = {text, (uint32_t)len, PF_PARSE_BUDGET_FLOOR + len / PF_PARSE_BYTES_PER_CHECK};
    TSInput source = {&input, read_text, TSInputEncodingUTF8, NULL};
    TSParseOptions options = {&input, over_budget};
    out->tree = ts_parser_parse_with_options(parser, (TSTree *)old, source, options);
    if (!out->tree) {
        ts_parser_reset(parser); /* the next parse must start afresh, not resume this one */
        return false;
    }
    out->text = text;
    out->len = len;
    out->root = ts_tree_root_node(out->tree);
    return true;
}

void pf_syntax_tree_delete(TSTree *tree) {
    if (tree && !pf_tree_memory_holds(tree)) ts_tree_delete(tree);
}

void pf_syntax_free(pf_syntax *syntax) {
    pf_syntax_tree_delete(syntax->tree);
    memset(syntax, 0, sizeof(*syntax));
}

void pf_walk_begin(pf_walk *walk, TSNode root) {
    walk->cursor = ts_tree_cursor_new(root);
    walk->depth = 0;
}

bool pf_walk_next(pf_walk *walk, bool into_children) {
    if (into_children && ts_tree_cursor_goto_first_child(&walk->cursor)) {
        walk->depth++;
        return true;
    }
    do {
        if (ts_tree_cursor_goto_next_sibling(&walk->cursor)) return true;
        if (walk->depth == 0) return false;
        walk->depth--;
    } while (ts_tree_cursor_goto_parent(&walk->cursor));
    return false;
}

void pf_walk_end(pf_walk *walk) {
    ts_tree_cursor_delete(&walk->cursor);
}

/* Reverses nodes[from..to). */
static void reverse_nodes(TSNode *nodes, size_t from, size_t to) {
    while (from + 1 < to) {
        TSNode t = nodes[from];
        nodes[from++] = nodes[--to];
        nodes[to] = t;
    }
}

size_t pf_node_ancestors(TSNode node, TSNode *out, size_t max) {
    if (ts_node_is_null(node) || max == 0) return 0;
    size_t count = 0; /* written in a ring: out[count % max] */
    for (TSNode n = ts_tree_root_node(node.tree); !ts_node_is_null(n) && !ts_node_eq(n, node);
         n = ts_node_child_with_descendant(n, node))
        out[count++ % max] = n;
    if (count <= max) return count;
    /* Deeper than `max`: turn the ring left by its oldest place, by three reversals, so that
     * the innermost `max` run outermost first. */
    size_t first = count % max;
    reverse_nodes(out, 0, first);
    reverse_nodes(out, first, max);
    reverse_nodes(out, 0, max);
    return max;
}

TSNode pf_top_level_declaration(const pf_syntax *syntax, pf_str name) {
    TSNode found = pf_node_null();
    /* A cursor over the statements: taking them by index starts from the first each time. */
    pf_walk walk;
    pf_walk_begin(&walk, syntax->root);
    for (bool more = pf_walk_next(&walk, true); more && ts_node_is_null(found); more = pf_walk_next(&walk, false)) {
        TSNode stmt = pf_walk_node(&walk);
        if (pf_node_is(stmt, "export_statement")) stmt = pf_node_field(stmt, "declaration");
        if (pf_node_is(stmt, "function_declaration") && pf_str_eq(pf_node_str(syntax, pf_node_field(stmt, "name")), name))
            found = stmt;
        if (!pf_node_is(stmt, "lexical_declaration") && !pf_node_is(stmt, "variable_declaration")) continue;
        for (uint32_t k = 0; k < pf_node_named_count(stmt) && ts_node_is_null(found); k++) {
            TSNode declarator = pf_node_named_child(stmt, k);
            if (pf_node_is(declarator, "variable_declarator") &&
                pf_str_eq(pf_node_str(syntax, pf_node_field(declarator, "name")), name))
                found = declarator;
        }
    }
    pf_walk_end(&walk);
    return found;
}

size_t pf_syntax_error_count(TSNode node) {
    if (ts_node_is_null(node)) return 0;
    size_t count = 0;
    pf_walk walk;
    pf_walk_begin(&walk, node);
    bool more = true;
    while (more) {
        TSNode current = pf_walk_node(&walk);
        bool missing = ts_node_is_missing(current);
        count += missing || ts_node_is_error(current);
        /* Only a subtree with an error in it can hold more. */
        more = pf_walk_next(&walk, !missing && ts_node_has_error(current));
    }
    pf_walk_end(&walk);
    return count;
}

pf_syntax_shape pf_syntax_measure(TSNode node, const pf_syntax_shape *limits) {
    pf_syntax_shape shape = {0, 0, 0};
    if (ts_node_is_null(node)) return shape;
    pf_walk walk;
    pf_walk_begin(&walk, node);
    bool into;
    do {
        TSNode current = pf_walk_node(&walk);
        uint32_t children = pf_node_named_count(current);
        if (walk.depth > shape.depth) shape.depth = walk.depth;
        if (children > shape.children) shape.children = children;
        if (children > shape.elements && (pf_node_is(current, "array") || pf_node_is(current, "array_pattern")))
            shape.elements = children;
        /* A subtree of k nodes is at most k deep and no node in it has more than k children:
         * one too small to pass a limit is not walked (tree-sitter keeps k, so this costs
         * nothing), and a file of statements of ordinary size is measured along its spine. */
        uint64_t below = ts_node_descendant_count(current) - 1;
        into = (uint64_t)walk.depth + below > limits->depth || below > limits->children || below > limits->elements;
    } while (shape.depth <= limits->depth && shape.children <= limits->children &&
             shape.elements <= limits->elements && pf_walk_next(&walk, into));
    pf_walk_end(&walk);
    return shape;
}

TSNode pf_node_unwrap(TSNode node) {
    for (;;) {
        if (pf_node_is(node, "parenthesized_expression") || pf_node_is(node, "non_null_expression") ||
            pf_node_is(node, "as_expression") || pf_node_is(node, "satisfies_expression")) {
            TSNode inner = pf_node_named_child(node, 0);
            if (ts_node_is_null(inner)) return node;
            node = inner;
            continue;
        }
        return node;
    }
}

TSNode pf_node_skip_parentheses(TSNode node) {
    while (pf_node_is(node, "parenthesized_expression") && pf_node_named_count(node) == 1)
        node = pf_node_named_child(node, 0);
    return node;
}

TSNode pf_node_parent_unparen(TSNode node) {
    TSNode parent = pf_node_parent(node);
    while (pf_node_is(parent, "parenthesized_expression")) parent = pf_node_parent(parent);
    return parent;
}

bool pf_node_contains(TSNode outer, TSNode inner) {
    if (ts_node_is_null(outer) || ts_node_is_null(inner)) return false;
    return ts_node_start_byte(outer) <= ts_node_start_byte(inner) &&
           ts_node_end_byte(inner) <= ts_node_end_byte(outer);
}

bool pf_node_is_function(TSNode node) {
    static const char *const types[] = {"function_declaration", "function_expression", "function",
                                        "arrow_function", "method_definition",
                                        "generator_function_declaration", "generator_function"};
    if (ts_node_is_null(node)) return false;
    const char *type = ts_node_type(node);
    /* Every node of a file is asked, most of them no function: their first letter settles it. */
    if (type[0] != 'f' && type[0] != 'a' && type[0] != 'm' && type[0] != 'g') return false;
    for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
        if (strcmp(type, types[i]) == 0) return true;
    return false;
}

TSNode pf_method_receiver(const pf_syntax *syntax, TSNode call, const char *method) {
    TSNode callee = pf_node_is(call, "call_expression") ? pf_node_field(call, "function") : pf_node_null();
    if (!pf_node_is(callee, "member_expression") || !pf_node_text_is(syntax, pf_node_field(callee, "property"), method))
        return pf_node_null();
    return pf_node_field(callee, "object");
}

TSNode pf_node_child_of_type(TSNode node, const char *type) {
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++) {
        TSNode child = pf_node_named_child(node, i);
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

TSNode pf_node_next_named(const pf_syntax *syntax, TSNode scope, pf_str name, uint32_t *from) {
    uint32_t end = ts_node_end_byte(scope);
    if (*from < ts_node_start_byte(scope)) *from = ts_node_start_byte(scope);
    while (name.len && *from < end) {
        const char *hit = pf_bytes_find(syntax->text + *from, end - *from, name.ptr, name.len);
        if (!hit) break;
        uint32_t start = (uint32_t)(hit - syntax->text);
        *from = start + 1;
        TSNode node = ts_node_descendant_for_byte_range(scope, start, start + (uint32_t)name.len);
        if (ts_node_start_byte(node) == start && ts_node_end_byte(node) == start + name.len) {
            *from = start + (uint32_t)name.len;
            return node;
        }
    }
    *from = end;
    return pf_node_null();
}

bool pf_node_mentions(const pf_syntax *syntax, TSNode node, pf_str name) {
    if (ts_node_is_null(node)) return false;
    uint32_t from = 0;
    for (TSNode use = pf_node_next_named(syntax, node, name, &from); !ts_node_is_null(use);
         use = pf_node_next_named(syntax, node, name, &from))
        if (pf_node_is(use, "identifier") || pf_node_is(use, "shorthand_property_identifier") ||
            pf_node_is(use, "shorthand_property_identifier_pattern"))
            return true;
    return false;
}

bool pf_node_has_effects(const pf_syntax *syntax, TSNode node, TSNode skip,
                         bool (*call_is_pure)(const pf_syntax *syntax, TSNode call)) {
    if (ts_node_is_null(node)) return false;
    bool effects = false, more = true;
    pf_walk walk;
    pf_walk_begin(&walk, node);
    while (!effects && more) {
        TSNode current = pf_walk_node(&walk);
        if (!ts_node_is_null(skip) && ts_node_eq(current, skip)) {
            more = pf_walk_next(&walk, false);
            continue;
        }
        effects = pf_node_is(current, "await_expression") || pf_node_is(current, "assignment_expression") ||
                  pf_node_is(current, "augmented_assignment_expression") ||
                  pf_node_is(current, "update_expression") || pf_node_is(current, "yield_expression") ||
                  pf_node_is_function(current) ||
                  ((pf_node_is(current, "new_expression") || pf_node_is(current, "call_expression")) &&
                   !call_is_pure(syntax, current));
        more = pf_walk_next(&walk, true);
    }
    pf_walk_end(&walk);
    return effects;
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
               pf_node_named_count(args) > 0;
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
    if (ts_node_is_null(node)) return false;
    bool awaits = false, more = true;
    pf_walk walk;
    pf_walk_begin(&walk, node);
    while (!awaits && more) {
        TSNode current = pf_walk_node(&walk);
        awaits = pf_node_is(current, "await_expression");
        more = pf_walk_next(&walk, !pf_node_is_function(current));
    }
    pf_walk_end(&walk);
    return awaits;
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

/* Whether `node` itself (not what is under it) writes the variable `name`. */
static bool writes_name_here(const pf_syntax *syntax, TSNode node, pf_str name) {
    TSNode target = pf_node_written(syntax, node);
    /* `a.b = ...` and `a.b.push(x)` change `a` too. */
    while (pf_node_is(target, "member_expression") || pf_node_is(target, "subscript_expression"))
        target = pf_node_unwrap(pf_node_field(target, "object"));
    if (pf_node_is(target, "identifier") && pf_str_eq(pf_node_str(syntax, target), name)) return true;
    return (pf_node_is(target, "array_pattern") || pf_node_is(target, "object_pattern")) &&
           pf_node_mentions(syntax, target, name);
}

bool pf_node_writes_name(const pf_syntax *syntax, TSNode node, pf_str name) {
    if (ts_node_is_null(node)) return false;
    bool writes = false;
    pf_walk walk;
    pf_walk_begin(&walk, node);
    do {
        TSNode current = pf_walk_node(&walk);
        writes = ts_node_is_named(current) && writes_name_here(syntax, current, name);
    } while (!writes && pf_walk_next(&walk, true));
    pf_walk_end(&walk);
    return writes;
}

void pf_node_append_tokens(const pf_syntax *syntax, TSNode node, pf_buf *out) {
    if (ts_node_is_null(node)) return;
    bool more = true;
    pf_walk walk;
    pf_walk_begin(&walk, node);
    while (more) {
        TSNode current = pf_walk_node(&walk);
        bool comment = pf_node_is(current, "comment");
        if (!comment && pf_node_child_count(current) == 0) {
            pf_str text = pf_node_str(syntax, current);
            pf_buf_append(out, text.ptr, text.len);
            pf_buf_putc(out, '\x1f');
        }
        more = pf_walk_next(&walk, !comment);
    }
    pf_walk_end(&walk);
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
        for (uint32_t i = 0; i < pf_node_named_count(decl); i++)
            declarators += pf_node_is(pf_node_named_child(decl, i), "variable_declarator");
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
