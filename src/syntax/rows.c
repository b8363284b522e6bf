/* Following a query's rows through the code (see rows.h).
 *
 * A value is followed with the path from it to the list of rows: `[users]` for a findUnique
 * whose `users` relation is bounded, `[*, users]` for a findMany (every element has it),
 * `[]` once the list itself is reached. Each place the value is used either carries it on
 * (a variable, a property of an object literal, an awaited promise, a `.map` result), drops
 * it (another field is read, the value is discarded), ends in the response, or uses it in a
 * way a limit would change, which ends the search. Every path is followed within a budget:
 * past it, the rows count as used where poolfix cannot follow them. */
#include "poolfix/rows.h"

#include "poolfix/buf.h"
#include "poolfix/edits.h"
#include "poolfix/objects.h"

#include <stdarg.h>
#include <string.h>

/* Where the value a function returns goes, for the functions the search entered. */
typedef enum collect {
    COLLECT_VALUE,   /* the call's value is what the function returns (a helper, `.then`) */
    COLLECT_ELEMENT, /* each return value is an element of the call's value (`.map`) */
    COLLECT_FLAT     /* return values that are arrays are joined into the call's value (`.flatMap`) */
} collect;

typedef struct continuation {
    TSNode function;
    TSNode call;        /* the call its return value becomes, or null: `harmful` says why not */
    collect how;
    const char *harmful;
} continuation;

/* A declaration already followed with a path: followed again, it would find nothing new. */
typedef struct visit {
    uint32_t declaration;
    pf_rows_path path;
} visit;

typedef struct follower {
    const pf_model *model;
    const pf_syntax *syntax;
    pf_arena *arena;
    int budget;  /* values left to follow */
    int depth;   /* nesting of the search, bounded like the budget */
    PF_VEC(continuation) returns;
    PF_VEC(visit) visited;
    pf_rows_use use;
    bool changes; /* looking for what may change the rows (pf_rows_follow_changes), not for what counts them */
} follower;

enum { FOLLOW_BUDGET = 4000, FOLLOW_DEPTH = 200 };

static bool follow_value(follower *f, TSNode node, pf_rows_path path);
static bool bind_pattern(follower *f, TSNode pattern, pf_rows_path path);

pf_rows_path pf_rows_path_append(pf_arena *arena, pf_rows_path path, pf_step step) {
    pf_step *steps = pf_arena_alloc(arena, (path.len + 1) * sizeof(pf_step));
    if (path.len) memcpy(steps, path.steps, path.len * sizeof(pf_step));
    steps[path.len] = step;
    pf_rows_path longer = {steps, path.len + 1, NULL};
    return longer;
}

/* `path` with `step` in front: the value that holds the old value at `step`. */
static pf_rows_path prepend(follower *f, pf_step step, pf_rows_path path) {
    pf_step *steps = pf_arena_alloc(f->arena, (path.len + 1) * sizeof(pf_step));
    steps[0] = step;
    if (path.len) memcpy(steps + 1, path.steps, path.len * sizeof(pf_step));
    pf_rows_path longer = {steps, path.len + 1, path.model};
    return longer;
}

/* `path` without its first step. */
static pf_rows_path rest(pf_rows_path path) {
    pf_rows_path shorter = {path.steps + 1, path.len - 1, path.model};
    return shorter;
}

static bool is_field(pf_rows_path path) {
    return path.len && path.steps[0].kind == PF_STEP_FIELD;
}

static bool is_element(pf_rows_path path) {
    return path.len && path.steps[0].kind != PF_STEP_FIELD;
}

static pf_step field_step(pf_str name) {
    pf_step step = {PF_STEP_FIELD, name, 0};
    return step;
}

static pf_step element_step(void) {
    pf_step step = {PF_STEP_ELEMENT, {NULL, 0}, 0};
    return step;
}

/* Records the first harmful use: `what` the code does with the rows, then the code that does
 * it (`shown`, one short line, or NULL) and its line. Returns false, which ends the search. */
static bool harmful(follower *f, TSNode at, const char *shown, const char *what, ...)
    __attribute__((format(printf, 4, 5)));
static bool harmful(follower *f, TSNode at, const char *shown, const char *what, ...) {
    va_list ap;
    va_start(ap, what);
    const char *text = pf_arena_vprintf(f->arena, what, ap);
    va_end(ap);
    if (shown) f->use.why = pf_arena_printf(f->arena, "%s (`%s`, line %d)", text, shown, pf_node_line(at));
    else f->use.why = pf_arena_printf(f->arena, "%s (line %d)", text, pf_node_line(at));
    f->use.at = at;
    return false;
}

/* The code of `node` for a message: its first line, shortened. */
static const char *code(follower *f, TSNode node) {
    return pf_excerpt(f->arena, pf_node_str(f->syntax, node));
}

/* Appends a member chain with its calls' arguments left out: `students.map(...).reduce`. */
static void append_chain(follower *f, TSNode node, pf_buf *out) {
    node = pf_node_skip_parentheses(node);
    if (pf_node_is(node, "member_expression")) {
        append_chain(f, pf_node_field(node, "object"), out);
        bool optional = !ts_node_is_null(pf_node_child_of_type(node, "optional_chain"));
        pf_str property = pf_node_str(f->syntax, pf_node_field(node, "property"));
        pf_buf_printf(out, "%s%.*s", optional ? "?." : ".", (int)property.len, property.ptr);
    } else if (pf_node_is(node, "call_expression")) {
        append_chain(f, pf_node_field(node, "function"), out);
        pf_buf_puts(out, "(...)");
    } else if (pf_node_is(node, "non_null_expression")) {
        append_chain(f, pf_node_named_child(node, 0), out);
        pf_buf_putc(out, '!');
    } else {
        pf_buf_puts(out, code(f, node));
    }
}

/* A member chain for a message, arguments left out (see append_chain). */
static const char *chain_code(follower *f, TSNode node) {
    pf_buf out = PF_BUF_INIT;
    append_chain(f, node, &out);
    const char *text = pf_arena_strdup(f->arena, out.data ? out.data : "");
    pf_buf_free(&out);
    return text;
}

/* A method call on the rows for a message: `team.users.some(...)`. */
static const char *call_code(follower *f, TSNode member) {
    return pf_arena_printf(f->arena, "%s(...)", chain_code(f, member));
}

/* Whether the search may go on: within its budget. */
static bool spend(follower *f, TSNode at) {
    if (--f->budget > 0 && f->depth < FOLLOW_DEPTH) return true;
    return harmful(f, at, code(f, at), "its rows travel through more code than poolfix follows (recursion, or a long chain of helpers)");
}

static bool same_path(pf_rows_path a, pf_rows_path b) {
    if (a.len != b.len || a.model != b.model) return false;
    for (size_t i = 0; i < a.len; i++) {
        const pf_step *x = &a.steps[i], *y = &b.steps[i];
        if (x->kind != y->kind || x->index != y->index || !pf_str_eq(x->field, y->field)) return false;
    }
    return true;
}

/* Whether `declaration` was followed with `path` already; records it otherwise. */
static bool seen(follower *f, TSNode declaration, pf_rows_path path) {
    uint32_t at = ts_node_start_byte(declaration);
    for (size_t i = 0; i < f->visited.len; i++)
        if (f->visited.items[i].declaration == at && same_path(f->visited.items[i].path, path)) return true;
    visit *v = PF_VEC_PUSH(f->arena, f->visited);
    v->declaration = at;
    v->path = path;
    return false;
}

/* The named arguments of a call (comments left out): the `index`th, or a null node. */
static TSNode argument(TSNode args, uint32_t index) {
    uint32_t seen_args = 0;
    for (uint32_t i = 0; i < pf_node_named_count(args); i++) {
        TSNode arg = pf_node_named_child(args, i);
        if (pf_node_is(arg, "comment")) continue;
        if (seen_args++ == index) return arg;
    }
    return pf_node_null();
}

/* The position of `node` among the named children of `list`, comments left out. */
static uint32_t position_in(TSNode list, TSNode node) {
    uint32_t index = 0;
    for (uint32_t i = 0; i < pf_node_named_count(list); i++) {
        TSNode child = pf_node_named_child(list, i);
        if (ts_node_eq(child, node)) break;
        if (!pf_node_is(child, "comment")) index++;
    }
    return index;
}

/* The pattern a function's parameter `index` binds, or a null node. */
static TSNode parameter_pattern(TSNode fn, uint32_t index) {
    TSNode single = pf_node_field(fn, "parameter");
    if (!ts_node_is_null(single)) return index == 0 ? single : pf_node_null();
    TSNode param = argument(pf_node_field(fn, "parameters"), index);
    if (pf_node_is(param, "required_parameter") || pf_node_is(param, "optional_parameter"))
        return pf_node_field(param, "pattern");
    return param;
}

/* The innermost function around `node` (a null node at the top level). */
static TSNode function_around(TSNode node) {
    for (TSNode n = ts_node_parent(node); !ts_node_is_null(n); n = ts_node_parent(n))
        if (pf_node_is_function(n)) return n;
    return pf_node_null();
}

/* The root variable of a member chain, through calls: `res` for `res.status(200).json`. */
static TSNode chain_root(TSNode node) {
    for (;;) {
        node = pf_node_unwrap(node);
        if (pf_node_is(node, "call_expression")) node = pf_node_field(node, "function");
        else if (pf_node_is(node, "member_expression")) node = pf_node_field(node, "object");
        else return node;
    }
}

/* Whether a call writes its arguments into the HTTP response: `NextResponse.json(x)`,
 * `Response.json(x)`, `res.status(200).json(x)`, `res.send(x)`, `c.json(x)` (Hono),
 * `reply.send(x)`, `json(x)` (Remix). */
static bool writes_response(const pf_syntax *syntax, TSNode callee) {
    static const char *const writers[] = {"res", "response", "reply", "NextResponse", "Response", "c"};
    callee = pf_node_unwrap(callee);
    if (pf_node_is(callee, "identifier")) return pf_node_text_is(syntax, callee, "json");
    if (!pf_node_is(callee, "member_expression")) return false;
    TSNode property = pf_node_field(callee, "property");
    if (!pf_node_text_is(syntax, property, "json") && !pf_node_text_is(syntax, property, "send")) return false;
    TSNode root = chain_root(callee);
    for (size_t i = 0; i < sizeof(writers) / sizeof(*writers); i++)
        if (pf_node_text_is(syntax, root, writers[i])) return true;
    return false;
}

/* Whether the file starts with a "use server" directive: its exported functions are Server
 * Actions, whose return value goes to the client. */
static bool is_server_file(const pf_syntax *syntax) {
    TSNode first = pf_node_named_child(syntax->root, 0);
    if (pf_node_is(first, "comment")) first = ts_node_next_named_sibling(first);
    if (!pf_node_is(first, "expression_statement")) return false;
    pf_str text = pf_node_str(syntax, pf_node_named_child(first, 0));
    return pf_str_eq_c(text, "\"use server\"") || pf_str_eq_c(text, "'use server'");
}

/* The name a function is declared or assigned with, or a null node. */
static TSNode function_name_node(TSNode fn) {
    TSNode name = pf_node_field(fn, "name");
    if (!ts_node_is_null(name)) return name;
    TSNode up = pf_node_parent_unparen(fn);
    return pf_node_is(up, "variable_declarator") ? pf_node_field(up, "name") : pf_node_null();
}

/* Whether a named function is exported from the file (declared with `export`, or listed in
 * an `export { ... }` or `export default`). */
static bool is_exported(const pf_syntax *syntax, TSNode fn, TSNode name) {
    for (TSNode n = ts_node_parent(fn); !ts_node_is_null(n); n = ts_node_parent(n)) {
        if (pf_node_is(n, "export_statement")) return true;
        if (pf_node_is(n, "program") || pf_node_is(n, "statement_block")) break;
    }
    pf_str text = pf_node_str(syntax, name);
    uint32_t n = pf_node_named_count(syntax->root);
    for (uint32_t i = 0; i < n; i++) {
        TSNode stmt = pf_node_named_child(syntax->root, i);
        if (!pf_node_is(stmt, "export_statement") || !ts_node_is_null(pf_node_field(stmt, "declaration"))) continue;
        if (pf_node_mentions(syntax, stmt, text)) return true;
    }
    return false;
}

/* Whether what `fn` returns is the response: a route handler, a tRPC procedure's resolver
 * (`.query(...)`/`.mutation(...)` on a procedure), a Server Action, or a Remix
 * `loader`/`action`. */
static bool is_endpoint(const follower *f, TSNode fn) {
    const pf_syntax *syntax = f->syntax;
    for (size_t i = 0; i < f->model->functions.len; i++)
        if (ts_node_eq(f->model->functions.items[i].node, fn)) {
            if (f->model->functions.items[i].handler >= 0) return true;
            break;
        }
    TSNode args = pf_node_parent_unparen(fn);
    if (pf_node_is(args, "arguments")) {
        TSNode callee = pf_node_field(ts_node_parent(args), "function");
        if (!pf_node_is(callee, "member_expression")) return false;
        TSNode method = pf_node_field(callee, "property");
        pf_str object = pf_node_str(syntax, pf_node_field(callee, "object"));
        if ((pf_node_text_is(syntax, method, "query") || pf_node_text_is(syntax, method, "mutation")) &&
            pf_bytes_contain(object.ptr, object.len, "rocedure"))
            return true;
        if (pf_node_text_is(syntax, method, "action") && is_server_file(syntax)) return true;
        return false;
    }
    TSNode name = function_name_node(fn);
    if (ts_node_is_null(name) || !is_exported(syntax, fn, name)) return false;
    return is_server_file(syntax) || pf_node_text_is(syntax, name, "loader") || pf_node_text_is(syntax, name, "action");
}

/* Follows every reference to the variable `name` declares, within `scope`. */
static bool follow_references(follower *f, TSNode name, TSNode scope, pf_rows_path path) {
    if (seen(f, name, path)) return true;
    pf_str text = pf_node_str(f->syntax, name);
    bool go_on = true;
    uint32_t from = 0;
    for (TSNode node = pf_node_next_named(f->syntax, scope, text, &from); go_on && !ts_node_is_null(node);
         node = pf_node_next_named(f->syntax, scope, text, &from)) {
        bool reference = pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier");
        if (!reference || ts_node_eq(node, name)) continue;
        TSNode parent = ts_node_parent(node);
        /* Another declaration of the same name, or a type position, is not a read. */
        if ((pf_node_is(parent, "variable_declarator") && ts_node_eq(pf_node_field(parent, "name"), node)) ||
            pf_node_is(parent, "required_parameter") || pf_node_is(parent, "optional_parameter") ||
            pf_node_is(parent, "array_pattern") || pf_node_is(parent, "rest_pattern") ||
            pf_node_is(parent, "pair_pattern") || pf_node_is(parent, "assignment_pattern") ||
            pf_node_is(parent, "type_query") || pf_node_is(parent, "import_specifier") ||
            (pf_node_is_function(parent) && (ts_node_eq(pf_node_field(parent, "name"), node) ||
                                             ts_node_eq(pf_node_field(parent, "parameter"), node))) ||
            pf_node_is(parent, "import_clause") || pf_node_is(parent, "namespace_import") ||
            (pf_node_is(parent, "for_in_statement") && ts_node_eq(pf_node_field(parent, "left"), node)) ||
            (pf_node_is(parent, "assignment_expression") && ts_node_eq(pf_node_field(parent, "left"), node)))
            continue;
        go_on = follow_value(f, node, path);
    }
    return go_on;
}

/* The block a declaration's name is visible in: the statement list holding the declaration,
 * the loop of a loop variable, the function of a parameter. */
static TSNode scope_of(TSNode name) {
    for (TSNode n = ts_node_parent(name); !ts_node_is_null(n); n = ts_node_parent(n)) {
        if (pf_node_is(n, "for_in_statement") || pf_node_is(n, "for_statement") || pf_node_is_function(n) ||
            pf_node_is(n, "catch_clause"))
            return n;
        if (pf_node_is(n, "lexical_declaration") || pf_node_is(n, "variable_declaration")) {
            TSNode block = ts_node_parent(n);
            return pf_node_is(block, "export_statement") ? ts_node_parent(block) : block;
        }
    }
    return name;
}

/* A variable now holds the value: its reads are followed. */
static bool follow_name(follower *f, TSNode name, pf_rows_path path) {
    return follow_references(f, name, scope_of(name), path);
}

/* The name that declares the variable `use` reads (in a `const`/`let`/`var` of an enclosing
 * block, or a parameter of an enclosing function), or a null node. */
static TSNode declaration_of(follower *f, TSNode use) {
    if (!pf_node_is(use, "identifier")) return pf_node_null();
    pf_str text = pf_node_str(f->syntax, use);
    for (TSNode scope = ts_node_parent(use); !ts_node_is_null(scope); scope = ts_node_parent(scope)) {
        if (pf_node_is_function(scope)) {
            TSNode single = pf_node_field(scope, "parameter");
            if (pf_node_is(single, "identifier") && pf_str_eq(pf_node_str(f->syntax, single), text)) return single;
            TSNode params = pf_node_field(scope, "parameters");
            for (uint32_t i = 0; i < pf_node_named_count(params); i++) {
                TSNode pattern = pf_node_field(pf_node_named_child(params, i), "pattern");
                if (pf_node_is(pattern, "identifier") && pf_str_eq(pf_node_str(f->syntax, pattern), text)) return pattern;
            }
            continue;
        }
        if (!pf_node_is(scope, "statement_block") && !pf_node_is(scope, "program")) continue;
        for (uint32_t i = 0; i < pf_node_named_count(scope); i++) {
            TSNode stmt = pf_node_named_child(scope, i);
            if (pf_node_is(stmt, "export_statement")) stmt = pf_node_field(stmt, "declaration");
            if (!pf_node_is(stmt, "lexical_declaration") && !pf_node_is(stmt, "variable_declaration")) continue;
            for (uint32_t k = 0; k < pf_node_named_count(stmt); k++) {
                TSNode name = pf_node_field(pf_node_named_child(stmt, k), "name");
                if (pf_node_is(name, "identifier") && pf_str_eq(pf_node_str(f->syntax, name), text)) return name;
            }
        }
    }
    return pf_node_null();
}

static bool bind_pattern(follower *f, TSNode pattern, pf_rows_path path) {
    pattern = pf_node_unwrap(pattern);
    if (pf_node_is(pattern, "identifier")) return follow_name(f, pattern, path);
    if (pf_node_is(pattern, "assignment_pattern") || pf_node_is(pattern, "object_assignment_pattern"))
        return bind_pattern(f, pf_node_field(pattern, "left"), path);
    if ((pf_node_is(pattern, "object_pattern") || pf_node_is(pattern, "array_pattern")) && path.len == 0 && f->changes) {
        /* the names it binds hold parts of a row: each is followed as the row */
        TSTreeCursor cursor = ts_tree_cursor_new(pattern);
        bool go_on = true;
        do {
            TSNode n = ts_tree_cursor_current_node(&cursor);
            bool name = pf_node_is(n, "shorthand_property_identifier_pattern") ||
                        (pf_node_is(n, "identifier") && !pf_node_is(ts_node_parent(n), "pair_pattern"));
            if (pf_node_is(n, "identifier") && pf_node_is(ts_node_parent(n), "pair_pattern") &&
                ts_node_eq(pf_node_field(ts_node_parent(n), "value"), n))
                name = true;
            if (name) go_on = follow_name(f, n, path);
        } while (go_on && pf_cursor_next(&cursor));
        ts_tree_cursor_delete(&cursor);
        return go_on;
    }
    if (pf_node_is(pattern, "object_pattern")) {
        if (path.len == 0) return harmful(f, pattern, code(f, pattern), "its rows are destructured");
        uint32_t n = pf_node_named_count(pattern);
        for (uint32_t i = 0; i < n; i++) {
            TSNode item = pf_node_named_child(pattern, i);
            if (pf_node_is(item, "rest_pattern")) {
                if (!bind_pattern(f, pf_node_named_child(item, 0), path)) return false;
                continue;
            }
            if (!is_field(path)) continue; /* `{ length }` of an array of parents, and the like */
            TSNode key = item, value = item;
            if (pf_node_is(item, "pair_pattern")) {
                key = pf_node_field(item, "key");
                value = pf_node_field(item, "value");
            } else if (pf_node_is(item, "object_assignment_pattern")) {
                key = value = pf_node_field(item, "left");
            }
            pf_str name = pf_node_is(key, "string") ? pf_string_value(f->syntax, key) : pf_node_str(f->syntax, key);
            if (!pf_str_eq(name, path.steps[0].field)) continue;
            if (pf_node_is(value, "shorthand_property_identifier_pattern")) {
                if (!follow_name(f, value, rest(path))) return false;
            } else if (!bind_pattern(f, value, rest(path))) {
                return false;
            }
        }
        return true;
    }
    if (pf_node_is(pattern, "array_pattern")) {
        if (path.len == 0) return harmful(f, pattern, code(f, pattern), "a row is picked by position");
        if (!is_element(path)) return true;
        uint32_t n = pf_node_named_count(pattern), index = 0;
        for (uint32_t i = 0; i < n; i++) {
            TSNode item = pf_node_named_child(pattern, i);
            if (pf_node_is(item, "comment")) continue;
            uint32_t at = index++;
            if (pf_node_is(item, "rest_pattern")) {
                if (!bind_pattern(f, pf_node_named_child(item, 0), path)) return false;
                continue;
            }
            if (path.steps[0].kind == PF_STEP_INDEX && path.steps[0].index != at) continue;
            if (!bind_pattern(f, item, rest(path))) return false;
        }
        return true;
    }
    if (pf_node_is(pattern, "shorthand_property_identifier_pattern")) return follow_name(f, pattern, path);
    return harmful(f, pattern, code(f, pattern), "its rows are bound to a pattern poolfix cannot follow");
}

/* Enters the callback given to `call` as argument `index`: its parameter `param` holds
 * `path`, and what it returns goes where `cont` says. */
static bool enter_callback(follower *f, TSNode call, uint32_t param, pf_rows_path path, continuation cont) {
    TSNode fn = pf_node_unwrap(argument(pf_node_field(call, "arguments"), 0));
    if (!pf_node_is_function(fn))
        return harmful(f, call, code(f, call), "its rows are passed to a callback poolfix cannot see");
    TSNode pattern = parameter_pattern(fn, param);
    if (ts_node_is_null(pattern)) return true;
    cont.function = fn;
    *PF_VEC_PUSH(f->arena, f->returns) = cont;
    bool go_on = bind_pattern(f, pattern, path);
    f->returns.len--;
    return go_on;
}

/* A continuation: the callback's return values make the call's value, as `how` says. */
static continuation to_call(TSNode call, collect how) {
    continuation cont = {pf_node_null(), call, how, NULL};
    return cont;
}

/* A continuation for callbacks whose return value is used in a way poolfix does not follow
 * (`why`), or not used at all (NULL). */
static continuation refused(const char *why) {
    continuation cont = {pf_node_null(), pf_node_null(), COLLECT_VALUE, why};
    return cont;
}

/* The path in the call's value of what a callback returned at `path`. */
static pf_rows_path collected(follower *f, collect how, pf_rows_path path) {
    if (how == COLLECT_VALUE || (how == COLLECT_FLAT && (path.len == 0 || is_element(path)))) return path;
    return prepend(f, element_step(), path);
}

/* `.then/.catch/.finally` on a promise of the value. */
static bool follow_promise_method(follower *f, TSNode call, pf_str method, pf_rows_path path) {
    if (pf_str_eq_c(method, "then")) return enter_callback(f, call, 0, path, to_call(call, COLLECT_VALUE));
    return follow_value(f, call, path); /* catch, finally: the value passes through on success */
}

static bool is_one_of(pf_str name, const char *const *list, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (pf_str_eq_c(name, list[i])) return true;
    return false;
}

#define ONE_OF(name, ...) \
    is_one_of((name), (const char *const[]){__VA_ARGS__}, sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *))

/* A method called on an array whose elements hold the rows (the parents of a relation). */
static bool follow_parents_method(follower *f, TSNode call, pf_str method, pf_rows_path path) {
    pf_rows_path each = rest(path);
    if (f->changes) {
        /* changing the array that holds the rows does not change a row */
        if (ONE_OF(method, "push", "unshift", "fill", "copyWithin")) return true;
        if (ONE_OF(method, "pop", "shift")) return follow_value(f, call, each);
        if (ONE_OF(method, "splice")) return follow_value(f, call, path);
    }
    if (ONE_OF(method, "map", "flatMap"))
        return enter_callback(f, call, 0, each, to_call(call, pf_str_eq_c(method, "map") ? COLLECT_ELEMENT : COLLECT_FLAT));
    if (pf_str_eq_c(method, "flat")) return follow_value(f, call, collected(f, COLLECT_FLAT, each));
    if (ONE_OF(method, "filter", "sort", "toSorted", "slice", "reverse", "toReversed", "concat")) {
        if (!ONE_OF(method, "slice", "reverse", "toReversed", "concat")) {
            if (!enter_callback(f, call, 0, each, refused(NULL))) return false;
            if (pf_str_eq_c(method, "sort") || pf_str_eq_c(method, "toSorted"))
                if (!enter_callback(f, call, 1, each, refused(NULL))) return false;
        }
        return follow_value(f, call, path);
    }
    if (ONE_OF(method, "find", "findLast")) {
        if (!enter_callback(f, call, 0, each, refused(NULL))) return false;
        return follow_value(f, call, each);
    }
    if (pf_str_eq_c(method, "at")) return follow_value(f, call, each);
    if (ONE_OF(method, "some", "every", "findIndex", "findLastIndex", "forEach"))
        return enter_callback(f, call, 0, each, refused(NULL));
    if (ONE_OF(method, "includes", "indexOf", "lastIndexOf", "join", "keys")) return true;
    if (ONE_OF(method, "reduce", "reduceRight"))
        return enter_callback(f, call, 1, each, refused("its rows are collected by `.reduce`"));
    return harmful(f, call, call_code(f, pf_node_field(call, "function")),
                   "its rows pass through a method poolfix cannot follow");
}

/* Whether code under `node` runs a query, directly or through the same-file functions it
 * calls (`depth` calls deep). */
static bool runs_queries(const pf_model *model, TSNode node, int depth) {
    if (ts_node_is_null(node)) return false;
    for (size_t i = 0; i < model->queries.len; i++)
        if (pf_node_contains(node, model->queries.items[i].call)) return true;
    if (depth == 0) return false;
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    bool found = false;
    do {
        TSNode call = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(call, "call_expression")) continue;
        TSNode callee = pf_node_unwrap(pf_node_field(call, "function"));
        if (!pf_node_is(callee, "identifier")) continue;
        int fn = pf_model_function_named(model, pf_node_str(model->syntax, callee));
        found = fn >= 0 && runs_queries(model, model->functions.items[fn].node, depth - 1);
    } while (!found && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

/* A method called on the list of rows itself. */
static bool follow_rows_method(follower *f, TSNode call, TSNode member, pf_str method) {
    const pf_rows_path none = {NULL, 0, NULL};
    if (ONE_OF(method, "some", "find", "every", "includes", "filter", "indexOf", "findIndex", "findLast",
               "findLastIndex", "lastIndexOf"))
        return harmful(f, call, call_code(f, member), "its rows are searched");
    if (ONE_OF(method, "reduce", "reduceRight"))
        return harmful(f, call, call_code(f, member), "its rows are totalled");
    if (pf_str_eq_c(method, "forEach"))
        return harmful(f, call, call_code(f, member), "its rows are iterated for effects");
    if (pf_str_eq_c(method, "at")) return harmful(f, call, call_code(f, member), "a row is picked by position");
    if (ONE_OF(method, "push", "pop", "shift", "unshift", "splice", "fill", "copyWithin"))
        return harmful(f, call, call_code(f, member), "its rows are changed in place");
    if (ONE_OF(method, "map", "flatMap")) {
        TSNode fn = pf_node_unwrap(argument(pf_node_field(call, "arguments"), 0));
        if (pf_node_is(fn, "identifier")) {
            int named = pf_model_function_named(f->model, pf_node_str(f->syntax, fn));
            if (named < 0)
                return harmful(f, call, call_code(f, member),
                               "its rows are passed one by one to a function poolfix cannot see into");
            fn = f->model->functions.items[named].node;
        }
        if (!pf_node_is_function(fn))
            return harmful(f, call, call_code(f, member), "its rows are mapped by code poolfix cannot see into");
        if (runs_queries(f->model, fn, 3) || pf_node_awaits(pf_node_field(fn, "body")))
            return harmful(f, call, call_code(f, member), "a query or an await runs for each of its rows");
        return follow_value(f, call, none);
    }
    if (ONE_OF(method, "slice", "sort", "toSorted", "reverse", "toReversed", "concat", "flat", "join", "toString"))
        return follow_value(f, call, none);
    return harmful(f, call, call_code(f, member), "its rows pass through a method poolfix cannot follow");
}

/* Whether `node` (a member or subscript of a row) is what an assignment, ++/-- or `delete`
 * changes. */
static bool is_changed(const pf_syntax *syntax, TSNode node) {
    TSNode up = pf_node_parent_unparen(node);
    if (pf_node_is(up, "assignment_expression") || pf_node_is(up, "augmented_assignment_expression"))
        return ts_node_eq(pf_node_unwrap(pf_node_field(up, "left")), pf_node_unwrap(node));
    if (pf_node_is(up, "update_expression")) return true;
    return pf_node_is(up, "unary_expression") && pf_node_text_is(syntax, pf_node_field(up, "operator"), "delete");
}

/* Change mode: `row.part` or `row.method(...)` (`call` not null) on a row. A field written
 * or a method that changes its object in place changes the row; a read is followed, since
 * it may be a nested object of the row; a method that only reads gives a new value made of
 * the row's parts (`row.items.filter(...)`) or a plain value. */
static bool follow_row_part(follower *f, TSNode member, TSNode call, pf_str property, const pf_schema_model *model) {
    const pf_rows_path none = {NULL, 0, model};
    if (ts_node_is_null(call)) {
        if (is_changed(f->syntax, member)) return harmful(f, member, code(f, ts_node_parent(member)), "a row is changed");
        pf_rows_path part = {NULL, 0, NULL};
        const pf_schema_field *field = model ? pf_schema_field_named(model, property) : NULL;
        if (field && field->kind == PF_FIELD_RELATION) {
            part.model = pf_schema_related(f->model->schema, field);
        } else if (field && !field->is_list &&
                   (field->kind == PF_FIELD_ENUM ||
                    (field->kind == PF_FIELD_SCALAR &&
                     (strcmp(field->type, "String") == 0 || strcmp(field->type, "Int") == 0 ||
                      strcmp(field->type, "Float") == 0 || strcmp(field->type, "Boolean") == 0 ||
                      strcmp(field->type, "BigInt") == 0)))) {
            return true; /* a string, number or boolean: nothing to change */
        } else if (model && pf_str_eq_c(property, "_count")) {
            return true; /* relation counts: numbers */
        }
        return follow_value(f, member, part);
    }
    if (ONE_OF(property, "map", "flatMap", "filter", "find", "findLast", "some", "every", "forEach", "findIndex",
               "findLastIndex")) {
        if (!enter_callback(f, call, 0, none, refused(NULL))) return false;
        return ONE_OF(property, "some", "every", "forEach", "findIndex", "findLastIndex") || follow_value(f, call, none);
    }
    if (ONE_OF(property, "reduce", "reduceRight"))
        return enter_callback(f, call, 1, none, refused("a row's parts are collected by `.reduce`"));
    if (ONE_OF(property, "slice", "concat", "at", "flat", "toSorted", "toReversed", "values", "entries"))
        return follow_value(f, call, none);
    if (ONE_OF(property, "includes", "indexOf", "lastIndexOf", "join", "keys", "toString", "toISOString", "toJSON",
               "toFixed", "toLowerCase", "toUpperCase", "trim", "valueOf", "getTime", "toLocaleString",
               "toLocaleDateString", "toLocaleTimeString", "startsWith", "endsWith", "split", "replace", "padStart",
               "padEnd", "charAt", "localeCompare", "has", "get") ||
        (pf_str_starts_with(property, "get") && !pf_str_starts_with(property, "getOr")))
        return true;
    return harmful(f, call, call_code(f, member), "a row may be changed in place by `.%.*s(...)`", (int)property.len,
                   property.ptr);
}

/* `value.property`, or `value.method(...)`. */
static bool follow_member(follower *f, TSNode member, pf_rows_path path) {
    pf_str property = pf_node_str(f->syntax, pf_node_field(member, "property"));
    TSNode up = pf_node_parent_unparen(member);
    bool called = pf_node_is(up, "call_expression") && ts_node_eq(pf_node_unwrap(pf_node_field(up, "function")), member);
    if (called && ONE_OF(property, "then", "catch", "finally")) return follow_promise_method(f, up, property, path);
    if (f->changes && path.len == 0) return follow_row_part(f, member, called ? up : pf_node_null(), property, path.model);
    if (is_field(path)) return !pf_str_eq(property, path.steps[0].field) || follow_value(f, member, rest(path));
    if (is_element(path)) return called ? follow_parents_method(f, up, property, path) : true;
    if (called) return follow_rows_method(f, up, member, property);
    if (pf_str_eq_c(property, "length")) return harmful(f, member, chain_code(f, member), "its rows are counted");
    return harmful(f, member, code(f, member), "its rows are read in a way poolfix cannot follow");
}

/* `value[key]`. */
static bool follow_subscript(follower *f, TSNode subscript, pf_rows_path path) {
    if (f->changes && path.len == 0) {
        if (is_changed(f->syntax, subscript)) return harmful(f, subscript, code(f, ts_node_parent(subscript)), "a row is changed");
        return follow_value(f, subscript, path);
    }
    if (path.len == 0) return harmful(f, subscript, code(f, subscript), "a row is picked by position");
    if (is_element(path)) return follow_value(f, subscript, rest(path));
    TSNode index = pf_node_unwrap(pf_node_field(subscript, "index"));
    if (!pf_node_is(index, "string"))
        return harmful(f, subscript, code(f, subscript), "its rows are read with a computed key");
    pf_str key = pf_string_value(f->syntax, index);
    return !pf_str_eq(key, path.steps[0].field) || follow_value(f, subscript, rest(path));
}

/* The value is passed to a call (or `new`) as argument `arg`. */
static bool follow_argument(follower *f, TSNode call, TSNode arg, pf_rows_path path) {
    const pf_syntax *syntax = f->syntax;
    bool construct = pf_node_is(call, "new_expression");
    TSNode callee = pf_node_unwrap(pf_node_field(call, construct ? "constructor" : "function"));
    if (construct) {
        if (pf_node_text_is(syntax, callee, "Response") || pf_node_text_is(syntax, callee, "NextResponse")) return true;
        return harmful(f, call, NULL, "its rows are passed to `new %s`, which poolfix cannot see into", code(f, callee));
    }
    const pf_group *group = pf_model_group_at(f->model, call);
    if (group) {
        if (pf_str_eq_c(group->method, "all")) return follow_value(f, call, path);
        return harmful(f, call, NULL, "its rows go through `Promise.%.*s`, which poolfix does not follow",
                       (int)group->method.len, group->method.ptr);
    }
    const pf_query *query = pf_model_query_at(f->model, call);
    if (query && query->kind == PF_QUERY_TRANSACTION) return follow_value(f, call, path);
    if (query && f->changes) return true; /* Prisma reads its arguments */
    if (query)
        return harmful(f, call, call_code(f, pf_node_field(call, "function")),
                       "its rows are passed to a Prisma query, where a write, a filter or an `in:` list would see "
                       "only the rows kept");
    if (writes_response(syntax, callee)) return true;
    TSNode root = chain_root(callee);
    if (pf_node_text_is(syntax, root, "console")) return true;
    if (pf_node_text_is(syntax, callee, "JSON.stringify") || pf_node_text_is(syntax, callee, "superjson.serialize"))
        return f->changes || follow_value(f, call, path);
    if (f->changes) {
        /* Calls that only read what they are given; `out.push(row)`: `out` now holds it. */
        static const char *const readers[] = {"String", "Number", "Boolean", "Array.isArray", "Object.keys",
                                              "structuredClone", "Date", "Math.max", "Math.min", "encodeURIComponent"};
        for (size_t i = 0; i < sizeof(readers) / sizeof(*readers); i++)
            if (pf_node_text_is(syntax, callee, readers[i])) return true;
        if (pf_node_text_is(syntax, callee, "Object.values") || pf_node_text_is(syntax, callee, "Object.entries") ||
            pf_node_text_is(syntax, callee, "Array.from"))
            return follow_value(f, call, path);
        if (pf_node_is(callee, "member_expression") &&
            ONE_OF(pf_node_str(syntax, pf_node_field(callee, "property")), "push", "unshift")) {
            TSNode holder = declaration_of(f, pf_node_unwrap(pf_node_field(callee, "object")));
            if (!ts_node_is_null(holder)) return follow_name(f, holder, prepend(f, element_step(), path));
        }
    }
    if (pf_node_is(callee, "identifier")) {
        int fn = pf_model_function_named(f->model, pf_node_str(syntax, callee));
        if (fn >= 0) {
            TSNode node = f->model->functions.items[fn].node;
            for (size_t i = 0; i < f->returns.len; i++)
                if (ts_node_eq(f->returns.items[i].function, node)) return true; /* recursion: already inside */
            TSNode pattern = parameter_pattern(node, position_in(pf_node_field(call, "arguments"), arg));
            if (ts_node_is_null(pattern)) return true;
            continuation cont = to_call(call, COLLECT_VALUE);
            cont.function = node;
            *PF_VEC_PUSH(f->arena, f->returns) = cont;
            bool go_on = bind_pattern(f, pattern, path);
            f->returns.len--;
            return go_on;
        }
    }
    return harmful(f, call, NULL, "its rows are passed to `%s`, which poolfix cannot see into", code(f, callee));
}

/* The value is what `fn` returns. */
static bool follow_return(follower *f, TSNode fn, TSNode at, pf_rows_path path) {
    if (ts_node_is_null(fn)) return true; /* a top-level statement: nothing receives it */
    for (size_t i = f->returns.len; i-- > 0;) {
        const continuation *cont = &f->returns.items[i];
        if (!ts_node_eq(cont->function, fn)) continue;
        if (cont->harmful) return harmful(f, at, NULL, "%s", cont->harmful);
        if (ts_node_is_null(cont->call)) return true;
        return follow_value(f, cont->call, collected(f, cont->how, path));
    }
    TSNode args = pf_node_parent_unparen(fn);
    if (pf_node_is(args, "arguments")) {
        TSNode call = ts_node_parent(args);
        const pf_query *query = pf_model_query_at(f->model, call);
        if (query && query->kind == PF_QUERY_TRANSACTION) return follow_value(f, call, path);
        TSNode method = pf_node_field(pf_node_field(call, "function"), "property");
        if (pf_node_text_is(f->syntax, method, "map")) return follow_value(f, call, collected(f, COLLECT_ELEMENT, path));
        if (pf_node_text_is(f->syntax, method, "flatMap")) return follow_value(f, call, collected(f, COLLECT_FLAT, path));
        if (pf_node_text_is(f->syntax, method, "then")) return follow_value(f, call, path);
    }
    if (is_endpoint(f, fn)) return true;
    TSNode name = function_name_node(fn);
    if (ts_node_is_null(name))
        return harmful(f, at, code(f, fn), "its rows are returned from a function poolfix cannot follow");
    const char *shown = code(f, name);
    if (is_exported(f->syntax, fn, name))
        return harmful(f, at, NULL,
                       "its rows are returned from `%s`, which is not the endpoint: poolfix cannot see what its "
                       "callers do with them", shown);
    /* A helper of this file: its value goes wherever its calls go. */
    if (seen(f, fn, path)) return true;
    pf_str text = pf_node_str(f->syntax, name);
    bool called = false;
    TSTreeCursor cursor = ts_tree_cursor_new(f->syntax->root);
    bool go_on = true;
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(node, "call_expression")) continue;
        TSNode callee = pf_node_unwrap(pf_node_field(node, "function"));
        if (!pf_node_is(callee, "identifier") || !pf_str_eq(pf_node_str(f->syntax, callee), text)) continue;
        called = true;
        go_on = follow_value(f, node, path);
    } while (go_on && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    if (go_on && !called)
        return harmful(f, at, NULL,
                       "its rows are returned from `%s`, which is not the endpoint and is not called in this file",
                       shown);
    return go_on;
}

/* A condition reads the value: harmless unless it is the list of rows itself. */
static bool condition(follower *f, TSNode at, pf_rows_path path) {
    return path.len || f->changes ? true : harmful(f, at, code(f, at), "its rows decide a condition");
}

/* Follows the value of `node` from where it is used (see follow_value). */
static bool follow_use(follower *f, TSNode node, pf_rows_path path) {
    const pf_syntax *syntax = f->syntax;
    for (;;) {
        TSNode parent = ts_node_parent(node);
        if (ts_node_is_null(parent)) return true;
        if (pf_node_is(node, "shorthand_property_identifier")) {
            /* `{ rows }`: the object holds the value under its name. */
            return follow_value(f, parent, prepend(f, field_step(pf_node_str(syntax, node)), path));
        }
        const char *type = ts_node_type(parent);
        if (strcmp(type, "parenthesized_expression") == 0 || strcmp(type, "as_expression") == 0 ||
            strcmp(type, "satisfies_expression") == 0 || strcmp(type, "non_null_expression") == 0 ||
            strcmp(type, "await_expression") == 0 || strcmp(type, "type_assertion") == 0) {
            node = parent;
            continue;
        }
        if (strcmp(type, "member_expression") == 0) {
            if (ts_node_eq(pf_node_field(parent, "object"), node)) return follow_member(f, parent, path);
            return true;
        }
        if (strcmp(type, "subscript_expression") == 0) {
            if (ts_node_eq(pf_node_field(parent, "object"), node)) return follow_subscript(f, parent, path);
            return condition(f, parent, path); /* used as an index */
        }
        if (strcmp(type, "arguments") == 0) return follow_argument(f, ts_node_parent(parent), node, path);
        if (strcmp(type, "variable_declarator") == 0) {
            if (!ts_node_eq(pf_node_field(parent, "value"), node)) return true;
            return bind_pattern(f, pf_node_field(parent, "name"), path);
        }
        if (strcmp(type, "assignment_expression") == 0) {
            TSNode left = pf_node_unwrap(pf_node_field(parent, "left"));
            if (!ts_node_eq(pf_node_field(parent, "right"), node))
                return path.len || f->changes ? true : harmful(f, parent, code(f, parent), "its rows are overwritten");
            if (pf_node_is(left, "identifier")) {
                TSNode fn = function_around(parent);
                if (!follow_references(f, left, ts_node_is_null(fn) ? syntax->root : fn, path)) return false;
                node = parent; /* `a = b = rows`: the assignment's value is the value too */
                continue;
            }
            if (pf_node_is(left, "array_pattern") || pf_node_is(left, "object_pattern"))
                return bind_pattern(f, left, path);
            if (f->changes && pf_node_is(left, "member_expression")) {
                /* `result.user = row`: `result` now holds it under that name */
                TSNode holder = declaration_of(f, pf_node_unwrap(pf_node_field(left, "object")));
                pf_str name = pf_node_str(syntax, pf_node_field(left, "property"));
                if (!ts_node_is_null(holder)) return follow_name(f, holder, prepend(f, field_step(name), path));
            }
            return harmful(f, parent, NULL, "its rows are stored in `%s`, where poolfix cannot follow them", code(f, left));
        }
        if (strcmp(type, "pair") == 0) {
            if (!ts_node_eq(pf_node_field(parent, "value"), node)) return true;
            pf_str name = pf_pair_key(syntax, parent);
            if (name.len == 0)
                return harmful(f, parent, code(f, parent), "its rows are stored under a computed key");
            return follow_value(f, ts_node_parent(parent), prepend(f, field_step(name), path));
        }
        if (strcmp(type, "spread_element") == 0) {
            TSNode holder = ts_node_parent(parent);
            if (pf_node_is(holder, "arguments")) return follow_argument(f, ts_node_parent(holder), parent, path);
            return follow_value(f, holder, path); /* `{ ...value }`, `[...rows]`: the same rows */
        }
        if (strcmp(type, "array") == 0) {
            pf_step step = {PF_STEP_INDEX, {NULL, 0}, position_in(parent, node)};
            return follow_value(f, parent, prepend(f, step, path));
        }
        if (strcmp(type, "return_statement") == 0) return follow_return(f, function_around(parent), parent, path);
        if (strcmp(type, "arrow_function") == 0) {
            if (ts_node_eq(pf_node_field(parent, "body"), node)) return follow_return(f, parent, node, path);
            return true;
        }
        if (strcmp(type, "ternary_expression") == 0) {
            if (ts_node_eq(pf_node_field(parent, "condition"), node)) return condition(f, node, path);
            node = parent;
            continue;
        }
        if (strcmp(type, "binary_expression") == 0) {
            pf_str op = pf_node_str(syntax, pf_node_field(parent, "operator"));
            bool left = ts_node_eq(pf_node_field(parent, "left"), node);
            if (pf_str_eq_c(op, "??") || pf_str_eq_c(op, "||") || (pf_str_eq_c(op, "&&") && !left)) {
                node = parent;
                continue;
            }
            if (pf_str_eq_c(op, "&&")) return condition(f, node, path);
            return path.len || f->changes ? true
                                          : harmful(f, parent, code(f, parent), "its rows are compared or computed with");
        }
        if (strcmp(type, "unary_expression") == 0 || strcmp(type, "if_statement") == 0 ||
            strcmp(type, "while_statement") == 0 || strcmp(type, "do_statement") == 0 ||
            strcmp(type, "switch_statement") == 0 || strcmp(type, "for_statement") == 0)
            return condition(f, parent, path);
        if (strcmp(type, "for_in_statement") == 0) {
            if (!ts_node_eq(pf_node_field(parent, "right"), node)) return true;
            bool of = pf_node_text_is(syntax, pf_node_field(parent, "operator"), "of");
            if (path.len == 0 && f->changes) return !of || bind_pattern(f, pf_node_field(parent, "left"), path);
            if (path.len == 0)
                return harmful(f, parent, pf_arena_printf(f->arena, "for (... %s %s)", of ? "of" : "in", code(f, node)),
                               "its rows are iterated");
            if (!of || !is_element(path)) return true;
            return bind_pattern(f, pf_node_field(parent, "left"), rest(path));
        }
        if (strcmp(type, "sequence_expression") == 0) {
            if (!ts_node_eq(pf_node_named_child(parent, pf_node_named_count(parent) - 1), node)) return true;
            node = parent;
            continue;
        }
        if (strcmp(type, "expression_statement") == 0) return true;
        if (strcmp(type, "template_substitution") == 0)
            return path.len || f->changes ? true : harmful(f, parent, code(f, parent), "its rows are turned into text");
        if (strcmp(type, "jsx_expression") == 0) {
            TSNode holder = ts_node_parent(parent);
            if (pf_node_is(holder, "jsx_attribute"))
                return harmful(f, holder, code(f, holder), "its rows are passed to a component");
            return true; /* rendered into the page */
        }
        return harmful(f, parent, code(f, parent), "its rows are used where poolfix cannot follow them");
    }
}

/* Follows the value of `node`, which holds the rows at `path`, to every place it is used;
 * false once a harmful use is found (in f->use). Bounded in depth and in total work. */
static bool follow_value(follower *f, TSNode node, pf_rows_path path) {
    if (!spend(f, node)) return false;
    f->depth++;
    bool go_on = follow_use(f, node, path);
    f->depth--;
    return go_on;
}

/* Runs one search from `expr`. */
static pf_rows_use follow_from(const pf_model *model, pf_arena *arena, TSNode expr, pf_rows_path path, bool changes) {
    follower f;
    memset(&f, 0, sizeof(f));
    f.model = model;
    f.syntax = model->syntax;
    f.arena = arena;
    f.budget = FOLLOW_BUDGET;
    f.changes = changes;
    follow_value(&f, expr, path);
    return f.use;
}

pf_rows_use pf_rows_follow(const pf_model *model, pf_arena *arena, TSNode expr, pf_rows_path path) {
    return follow_from(model, arena, expr, path, false);
}

pf_rows_use pf_rows_follow_changes(const pf_model *model, pf_arena *arena, TSNode expr, pf_rows_path path) {
    return follow_from(model, arena, expr, path, true);
}
