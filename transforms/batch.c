/* batch: splits `await Promise.all([...])` arrays that run more than N queries at once into
 * consecutive batches of at most N, in the original order (rule parallel-fanout).
 *
 * Prisma queries are lazy (they start when awaited), so moving a query into a later batch
 * only delays its start: values, order and types stay as they were. What does change is
 * what happens after a failure: later batches never start. For reads that is harmless;
 * for writes it changes the database, so arrays holding writes are declined. */
#include "poolfix/analysis.h"
#include "poolfix/map.h"
#include "poolfix/pass.h"

#include <string.h>

/* Where the Promise.all sits, which decides the statements a rewrite produces. */
typedef enum position {
    POS_DECLARE_PATTERN, /* const [a, b] = await Promise.all([...]); */
    POS_DECLARE_NAME,    /* const results = await Promise.all([...]); */
    POS_ASSIGN_PATTERN,  /* [a, b] = await Promise.all([...]); */
    POS_ASSIGN_NAME,     /* results = await Promise.all([...]); */
    POS_EXPRESSION,      /* await Promise.all([...]); */
    POS_RETURN           /* return [await] Promise.all([...]); */
} position;

/* Everything a rewrite of one group needs, read from the tree once. */
typedef struct plan {
    const pf_group *group;
    position pos;
    TSNode statement;   /* the statement holding the group */
    TSNode await;       /* the await expression, or null for `return Promise.all(...)` */
    TSNode target;      /* the pattern or name the result goes to, or null */
    TSNode tuple;       /* the tuple type annotating a pattern, or null */
    TSNode annotation;  /* the type annotation of a declared name (or of a `var` pattern), or null */
    bool assign_once;   /* existing variables (an assignment, or a `var` pattern, which the function sees
                           after a failure too) are assigned once, after the last batch */
    pf_list array;
    pf_list pattern;    /* count 0 when there is no pattern */
    pf_list tuple_list; /* count 0 when there is no tuple type */
    long *weights;      /* queries per array item */
    size_t *batch_end;  /* last item index of each batch */
    size_t batches;
    long total;
} plan;

/* Works out the position of the group and fills the plan's nodes, or returns why not. */
static const char *locate(const pf_model *model, plan *p) {
    TSNode call = p->group->call;
    TSNode up = pf_node_parent_unparen(call);
    if (pf_node_is(up, "await_expression")) p->await = up;
    else if (!pf_node_is(up, "return_statement"))
        return "the promise is not awaited where it is created; assign `await Promise.all([...])` to a variable first";
    pf_slot slot;
    const char *why = pf_statement_slot(ts_node_is_null(p->await) ? call : p->await, &slot);
    if (why) return why;
    p->statement = slot.statement;
    p->target = slot.target;
    switch (slot.kind) {
    case PF_SLOT_RETURN: {
        p->pos = POS_RETURN;
        int fn = pf_model_function_of(model, slot.statement);
        if (fn < 0 || !model->functions.items[fn].is_async)
            return "it is returned from a function that is not async, so it cannot await batches; make the function "
                   "async or split the array by hand";
        if (ts_node_is_null(p->await)) {
            for (TSNode a = ts_node_parent(up); !ts_node_is_null(a) && !pf_node_is_function(a); a = ts_node_parent(a))
                if (pf_node_is(a, "try_statement"))
                    return "it is returned without await inside a try block: awaiting batches there would let the "
                           "catch clause see errors it never saw before";
        }
        return NULL;
    }
    case PF_SLOT_DECLARE: {
        TSNode type = pf_node_field(slot.declarator, "type");
        if (pf_node_is(p->target, "array_pattern")) {
            p->pos = POS_DECLARE_PATTERN;
            p->assign_once = pf_node_is(p->statement, "variable_declaration");
            p->annotation = type;
            if (!ts_node_is_null(type)) {
                TSNode tuple = pf_node_named_child(type, 0);
                if (!pf_node_is(tuple, "tuple_type"))
                    return "its type annotation is not a tuple type, so it cannot be split per batch";
                p->tuple = tuple;
            }
            return NULL;
        }
        if (pf_node_is(p->target, "identifier")) {
            p->pos = POS_DECLARE_NAME;
            p->annotation = type;
            return NULL;
        }
        return "the result is destructured as an object; use an array pattern";
    }
    case PF_SLOT_ASSIGN:
        if (pf_node_is(p->target, "array_pattern")) p->pos = POS_ASSIGN_PATTERN, p->assign_once = true;
        else if (pf_node_is(p->target, "identifier")) p->pos = POS_ASSIGN_NAME;
        else return "the result is assigned to a property or object pattern; assign it to a variable first";
        return NULL;
    case PF_SLOT_EXPRESSION:
        p->pos = POS_EXPRESSION;
        return NULL;
    }
    return NULL;
}

/* Checks the array and the pattern/tuple against it; returns why not, or NULL. */
static const char *check_lists(const pf_model *model, pf_arena *arena, plan *p) {
    const pf_syntax *syntax = model->syntax;
    if (!ts_node_is_null(pf_node_field(p->group->call, "type_arguments")))
        return "Promise.all has explicit type arguments, which describe the whole array";
    pf_list_read(syntax, p->group->argument, arena, &p->array);
    for (size_t i = 0; i < p->array.count; i++) {
        TSNode node = p->array.items[i].node;
        if (ts_node_is_null(node)) return "the array has holes";
        if (pf_node_is(node, "spread_element"))
            return "the array spreads another array, so how many queries it runs is not known";
    }
    if (pf_node_is(p->target, "array_pattern")) {
        pf_list_read(syntax, p->target, arena, &p->pattern);
        if (p->pattern.count > p->array.count) return "the pattern has more names than the array has elements";
    }
    if (!ts_node_is_null(p->tuple)) {
        pf_list_read(syntax, p->tuple, arena, &p->tuple_list);
        if (p->tuple_list.count != p->array.count)
            return "the tuple type does not have one entry per array element";
        for (size_t i = 0; i < p->tuple_list.count; i++) {
            TSNode t = p->tuple_list.items[i].node;
            if (pf_node_is(t, "rest_type") || pf_node_is(t, "optional_type") ||
                pf_node_is(t, "optional_tuple_parameter") || pf_node_is(t, "rest_pattern"))
                return "the tuple type has optional or rest entries";
        }
    }
    return NULL;
}

/* How many queries batch `index` of `batches` should hold to spread `total` evenly: the
 * first `total % batches` batches take one more. */
static long even_share(long total, long batches, long index) {
    return total / batches + (index < total % batches ? 1 : 0);
}

/* Splits the items into batches of at most `size` queries each, as even as possible:
 * 9 queries at 4 make 3+3+3, not 4+4+1. Items that run no query stay with the batch
 * before them; an item that alone runs more than `size` gets a batch of its own. */
static void partition(plan *p, int size, pf_arena *arena) {
    long batches = (p->total + size - 1) / size;
    if (batches < 1) batches = 1;
    p->batch_end = pf_arena_alloc(arena, (p->array.count + 1) * sizeof(size_t));
    p->batches = 0;
    long quota_index = 0, filled = 0;
    long quota = even_share(p->total, batches, quota_index);
    for (size_t i = 0; i < p->array.count; i++) {
        long w = p->weights[i];
        if (w > 0 && filled > 0 && filled + w > quota) {
            p->batch_end[p->batches++] = i - 1;
            quota_index++;
            quota = quota_index < batches ? even_share(p->total, batches, quota_index) : size;
            filled = 0;
        }
        filled += w;
    }
    p->batch_end[p->batches++] = p->array.count - 1;
}

/* Whether `node` is a name a pattern binds or an expression reads: an identifier or a
 * shorthand property (`{ a }`), in an object or a pattern when `in_pattern`. */
static bool is_name(TSNode node, bool in_pattern) {
    return pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier") ||
           (in_pattern && pf_node_is(node, "shorthand_property_identifier_pattern"));
}

/* Maps every name the pattern mentions to the first pattern item that does: one pass over
 * the pattern, instead of one per element and batch (an 8,000-element Promise.all took 20 s). */
static void index_pattern_names(const pf_syntax *syntax, const pf_list *pattern, pf_map *first_item) {
    for (size_t i = pattern->count; i-- > 0;) { /* backwards: the first item mentioning a name wins */
        if (ts_node_is_null(pattern->items[i].node)) continue;
        TSTreeCursor cursor = ts_tree_cursor_new(pattern->items[i].node);
        do {
            TSNode node = ts_tree_cursor_current_node(&cursor);
            if (!is_name(node, true)) continue;
            pf_str name = pf_node_str(syntax, node);
            pf_map_set(first_item, name.ptr, name.len, i);
        } while (pf_cursor_next(&cursor));
        ts_tree_cursor_delete(&cursor);
    }
}

/* Whether `node` reads a name that a pattern item of a batch before `batch` binds. */
static bool reads_earlier_binding(const pf_syntax *syntax, TSNode node, const pf_map *first_item,
                                  const size_t *batch_of, size_t batch) {
    bool found = false;
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    do {
        TSNode here = ts_tree_cursor_current_node(&cursor);
        if (!is_name(here, false)) continue;
        pf_str name = pf_node_str(syntax, here);
        size_t item;
        found = pf_map_find(first_item, name.ptr, name.len, &item) && batch_of[item] < batch;
    } while (!found && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

/* Whether a value is a literal: a string, number, boolean, null, undefined, a template
 * without substitutions, or an array or object literal of literals (`[]`, `{ rows: [] }`). */
static bool is_literal(const pf_syntax *syntax, TSNode node) {
    static const char *const types[] = {"string", "number", "true", "false", "null", "undefined", "comment"};
    node = pf_node_unwrap(node);
    for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
        if (pf_node_is(node, types[i])) return true;
    if (pf_node_is(node, "identifier")) return pf_node_text_is(syntax, node, "undefined");
    if (pf_node_is(node, "template_string"))
        return ts_node_is_null(pf_node_child_of_type(node, "template_substitution"));
    if (pf_node_is(node, "pair")) {
        TSNode key = pf_node_field(node, "key");
        return !pf_node_is(key, "computed_property_name") && is_literal(syntax, pf_node_field(node, "value"));
    }
    if (!pf_node_is(node, "array") && !pf_node_is(node, "object")) return false;
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (!is_literal(syntax, pf_node_named_child(node, i))) return false;
    return true;
}

static const char *const not_a_query = "is not a query, a literal or Promise.resolve(literal)";

/* Why an array element may not be evaluated after the earlier batches instead of at once, or
 * NULL when it may: evaluating it must start nothing but its own queries (which are lazy).
 * That holds for literals, `Promise.resolve(literal)`, a query whose receiver and arguments
 * only compute values (with .then/.catch handlers that are functions or references), a
 * nested Promise.all of such elements, and a ternary between such elements. Not for a
 * variable, which may hold a promise already running (rejecting before its batch, nothing
 * would handle it and Node stops the process), nor for other calls, whose code would run
 * later than before. */
static const char *why_not_lazy(const pf_model *model, TSNode node) {
    const pf_syntax *syntax = model->syntax;
    node = pf_node_unwrap(node);
    if (is_literal(syntax, node)) return NULL;
    if (pf_node_is(node, "ternary_expression")) {
        if (pf_node_has_effects(syntax, pf_node_field(node, "condition"), pf_node_null(), pf_call_computes_value))
            return "chooses its query with a condition that calls something";
        const char *why = why_not_lazy(model, pf_node_field(node, "consequence"));
        return why ? why : why_not_lazy(model, pf_node_field(node, "alternative"));
    }
    if (!pf_node_is(node, "call_expression")) return not_a_query;
    TSNode args = pf_node_field(node, "arguments");
    if (pf_node_text_is(syntax, pf_node_field(node, "function"), "Promise.resolve")) {
        uint32_t n = pf_node_named_count(args);
        return n == 0 || (n == 1 && is_literal(syntax, pf_node_named_child(args, 0))) ? NULL : not_a_query;
    }
    const pf_group *group = pf_model_group_at(model, node);
    if (group) {
        if (group->shape != PF_GROUP_ARRAY) return "is a Promise.all over something other than an array literal";
        uint32_t n = pf_node_named_count(group->argument);
        for (uint32_t i = 0; i < n; i++) {
            TSNode item = pf_node_named_child(group->argument, i);
            const char *why = pf_node_is(item, "comment") ? NULL : why_not_lazy(model, item);
            if (why) return why;
        }
        return NULL;
    }
    const pf_query *q = pf_model_query_at(model, pf_model_peel(model, node));
    if (!q || q->kind == PF_QUERY_TRANSACTION) return not_a_query;
    if (pf_node_has_effects(syntax, q->args, pf_node_null(), pf_call_computes_value_or_now) ||
        pf_node_has_effects(syntax, pf_node_field(q->call, "function"), pf_node_null(), pf_call_computes_value))
        return "calls something to build its arguments or its client (compute those values before the "
               "Promise.all)";
    /* The .then/.catch/.finally calls around the query: their arguments must be handlers. */
    for (TSNode call = node; !ts_node_eq(call, q->call);
         call = pf_node_unwrap(pf_node_field(pf_node_field(call, "function"), "object"))) {
        if (!pf_node_is(call, "call_expression")) return not_a_query;
        TSNode handlers = pf_node_field(call, "arguments");
        for (uint32_t i = 0; i < pf_node_named_count(handlers); i++) {
            TSNode handler = pf_node_named_child(handlers, i);
            if (!pf_node_is_function(handler) &&
                pf_node_has_effects(syntax, handler, pf_node_null(), pf_call_computes_value))
                return "builds its .then/.catch handler with a call";
        }
    }
    return NULL;
}

/* A plain function call in a handler of `element` (`.then((rows) => record(rows))`) that may
 * change anything, or a null node: console output and calls that compute values aside. */
static TSNode handler_call(const pf_syntax *syntax, TSNode element) {
    TSNode found = pf_node_null();
    bool more = true, inside = false;
    TSNode fn = pf_node_null();
    pf_walk walk;
    pf_walk_begin(&walk, element);
    while (more && ts_node_is_null(found)) {
        TSNode current = pf_walk_node(&walk);
        if (pf_node_is_function(current) && !inside) {
            inside = true;
            fn = current;
        } else if (inside && !pf_node_contains(fn, current)) {
            inside = false;
        }
        if (inside && pf_node_is(current, "call_expression") &&
            pf_node_is(pf_node_unwrap(pf_node_field(current, "function")), "identifier") &&
            !pf_call_computes_value(syntax, current))
            found = current;
        more = pf_walk_next(&walk, true);
    }
    pf_walk_end(&walk);
    return found;
}

/* Whether `name` is the client a query starts with (`prisma` in `prisma.user.count()`). */
static bool is_client_root(const pf_model *model, TSNode name) {
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (ts_node_start_byte(q->call) == ts_node_start_byte(name) && pf_node_contains(q->call, name)) return true;
    }
    return false;
}

/* Whether a function inside `element` (a .then/.catch handler) writes the variable `name`. */
static bool handlers_write(const pf_syntax *syntax, TSNode element, pf_str name) {
    bool writes = false, more = true;
    pf_walk walk;
    pf_walk_begin(&walk, element);
    while (more && !writes) {
        TSNode current = pf_walk_node(&walk);
        bool function = pf_node_is_function(current);
        if (function) writes = pf_node_writes_name(syntax, pf_node_field(current, "body"), name);
        more = pf_walk_next(&walk, !function);
    }
    pf_walk_end(&walk);
    return writes;
}

/* Whether the variable `reference` reads holds a value no call can change: a parameter or
 * variable of the function around it typed `number`, `string`, `boolean` or `bigint`, or a
 * `const` holding a literal or a conversion (`Number(x)`). */
static bool holds_primitive(const pf_syntax *syntax, TSNode reference) {
    static const char *const types[] = {"number", "string", "boolean", "bigint"};
    static const char *const conversions[] = {"Number", "String", "Boolean", "parseInt", "parseFloat"};
    pf_str name = pf_node_str(syntax, reference);
    TSNode declared = pf_node_null(), type = pf_node_null(), value = pf_node_null();
    bool constant = false;
    for (TSNode scope = ts_node_parent(reference); !ts_node_is_null(scope) && ts_node_is_null(declared);
         scope = ts_node_parent(scope)) {
        if (pf_node_is_function(scope)) {
            TSNode params = pf_node_field(scope, "parameters");
            uint32_t count = ts_node_is_null(params) ? 0 : pf_node_named_count(params);
            for (uint32_t i = 0; i < count && ts_node_is_null(declared); i++) {
                TSNode param = pf_node_named_child(params, i);
                if (pf_node_is(pf_node_field(param, "pattern"), "identifier") &&
                    pf_str_eq(pf_node_str(syntax, pf_node_field(param, "pattern")), name))
                    declared = param, type = pf_node_field(param, "type");
            }
            if (ts_node_is_null(declared)) return false; /* from outside the function: anyone may change it */
            break;
        }
        for (uint32_t i = 0; i < pf_node_named_count(scope) && ts_node_is_null(declared); i++) {
            TSNode stmt = pf_node_named_child(scope, i);
            if (!pf_node_is(stmt, "lexical_declaration") && !pf_node_is(stmt, "variable_declaration")) continue;
            for (uint32_t k = 0; k < pf_node_named_count(stmt); k++) {
                TSNode d = pf_node_named_child(stmt, k);
                if (!pf_node_is(pf_node_field(d, "name"), "identifier") ||
                    !pf_str_eq(pf_node_str(syntax, pf_node_field(d, "name")), name))
                    continue;
                declared = d, type = pf_node_field(d, "type"), value = pf_node_unwrap(pf_node_field(d, "value"));
                constant = pf_node_text_is(syntax, pf_node_field(stmt, "kind"), "const");
            }
        }
    }
    if (ts_node_is_null(declared)) return false;
    TSNode annotated = ts_node_is_null(type) ? pf_node_null() : pf_node_named_child(type, 0);
    for (size_t i = 0; !ts_node_is_null(annotated) && i < sizeof(types) / sizeof(*types); i++)
        if (pf_node_text_is(syntax, annotated, types[i])) return true;
    if (!constant || ts_node_is_null(value)) return false;
    if (pf_node_is(value, "number") || pf_node_is(value, "string") || pf_node_is(value, "true") ||
        pf_node_is(value, "false"))
        return true;
    if (!pf_node_is(value, "call_expression")) return false;
    TSNode callee = pf_node_field(value, "function");
    for (size_t i = 0; i < sizeof(conversions) / sizeof(*conversions); i++)
        if (pf_node_text_is(syntax, callee, conversions[i])) return true;
    return false;
}

/* Whether `property` is then, catch or finally. */
static bool is_promise_method(const pf_syntax *syntax, TSNode property) {
    return pf_node_text_is(syntax, property, "then") || pf_node_text_is(syntax, property, "catch") ||
           pf_node_text_is(syntax, property, "finally");
}

/* Whether every argument of `args` that mentions `name` is `name` itself, given to a
 * parameter of function `fn` of this file typed `number`, `string`, `boolean` or `bigint`,
 * which the call cannot change. */
static bool primitive_parameters_only(const pf_model *model, int fn, TSNode args, pf_str name) {
    static const char *const types[] = {"number", "string", "boolean", "bigint"};
    const pf_syntax *syntax = model->syntax;
    if (fn < 0) return false;
    TSNode params = pf_node_field(model->functions.items[fn].node, "parameters");
    uint32_t count = ts_node_is_null(params) ? 0 : pf_node_named_count(params);
    for (uint32_t i = 0; i < pf_node_named_count(args); i++) {
        TSNode arg = pf_node_unwrap(pf_node_named_child(args, i));
        if (!pf_node_mentions(syntax, arg, name)) continue;
        if (!pf_node_is(arg, "identifier") || i >= count) return false;
        TSNode type = pf_node_field(pf_node_named_child(params, i), "type");
        TSNode annotated = ts_node_is_null(type) ? pf_node_null() : pf_node_named_child(type, 0);
        bool primitive = false;
        for (size_t k = 0; !ts_node_is_null(annotated) && k < sizeof(types) / sizeof(*types); k++)
            primitive |= pf_node_text_is(syntax, annotated, types[k]);
        if (!primitive) return false;
    }
    return true;
}

/* A call in `element`, outside its Prisma queries, that may change the variable `name`: one
 * that is handed `name` (`markSeen(seen)`), or a function of this file that writes it. A
 * null node when there is none. */
static TSNode call_changing(const pf_model *model, TSNode element, pf_str name) {
    const pf_syntax *syntax = model->syntax;
    TSNode found = pf_node_null();
    pf_walk walk;
    pf_walk_begin(&walk, element);
    bool more = true;
    while (more && ts_node_is_null(found)) {
        TSNode current = pf_walk_node(&walk);
        if (pf_node_is(current, "call_expression") && !pf_model_query_at(model, current) &&
            !pf_call_computes_value(syntax, current)) {
            TSNode callee = pf_node_unwrap(pf_node_field(current, "function"));
            TSNode args = pf_node_field(current, "arguments");
            int fn = pf_node_is(callee, "identifier") ? pf_model_function_named(model, pf_node_str(syntax, callee)) : -1;
            bool handed = pf_node_mentions(syntax, args, name) && !primitive_parameters_only(model, fn, args, name);
            bool writes = fn >= 0 && pf_node_writes_name(syntax, model->functions.items[fn].node, name);
            /* a handler's own argument (`.then((rows) => ...)`) is not handed anything */
            if (pf_node_is(callee, "member_expression") &&
                is_promise_method(syntax, pf_node_field(callee, "property")))
                handed = false;
            if (handed || writes) found = current;
        }
        more = pf_walk_next(&walk, true);
    }
    pf_walk_end(&walk);
    return found;
}

/* Why element `later`, in a later batch, could build different arguments than it did: it
 * reads a variable that an earlier element (`earlier`) may change while the earlier batches
 * run: a handler of it writes the variable (`.then((rows) => { seen.push(...) })`), or, unless
 * the variable holds a value no call can change, such a handler makes a plain call poolfix
 * does not look into, the element hands the variable to a call (`markSeen(seen)`), or calls
 * a function of this file that writes it. In the original every argument was built before
 * any query ran; in its batch it is built after the earlier batches and their handlers. NULL
 * when nothing says so. */
static const char *earlier_element_changes(const pf_model *model, TSNode earlier, TSNode later, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    TSNode handler = handler_call(syntax, earlier);
    const char *why = NULL;
    pf_walk walk;
    pf_walk_begin(&walk, later);
    bool more = true;
    while (more && !why) {
        TSNode current = pf_walk_node(&walk);
        bool name = pf_node_is(current, "identifier") || pf_node_is(current, "shorthand_property_identifier");
        if (name && !pf_node_text_is(syntax, current, "undefined") && !is_client_root(model, current)) {
            pf_str text = pf_node_str(syntax, current);
            bool fixed = holds_primitive(syntax, current);
            TSNode call = fixed ? pf_node_null() : call_changing(model, earlier, text);
            if (handlers_write(syntax, earlier, text))
                why = pf_arena_printf(arena, "reads `%.*s`, which a handler in an earlier batch changes (`%s`)",
                                      (int)text.len, text.ptr, pf_excerpt(arena, pf_node_str(syntax, earlier)));
            else if (!fixed && !ts_node_is_null(handler))
                why = pf_arena_printf(arena, "reads `%.*s`, which a handler in an earlier batch may change through `%s`",
                                      (int)text.len, text.ptr, pf_excerpt(arena, pf_node_str(syntax, handler)));
            else if (!ts_node_is_null(call))
                why = pf_arena_printf(arena, "reads `%.*s`, which an earlier batch may change through `%s`",
                                      (int)text.len, text.ptr, pf_excerpt(arena, pf_node_str(syntax, call)));
        }
        more = pf_walk_next(&walk, !pf_node_is_function(current));
    }
    pf_walk_end(&walk);
    return why;
}

/* Checks the batches: no batch may still run more than `size` queries (an element that runs
 * that many by itself), every element after the first batch must evaluate lazily, a rest
 * element must fall in the last batch, and no element may read a name an earlier batch binds
 * (with `var` or a plain assignment it would now see the new value). Returns why not, or NULL. */
static const char *check_batches(const pf_model *model, const plan *p, int size, pf_arena *arena) {
    for (size_t i = 0; i < p->array.count; i++)
        if (p->weights[i] > size)
            return pf_arena_printf(arena,
                                   "element %zu (`%s`) runs %ld queries at once by itself, more than the batch size "
                                   "%d, so a batch would still run %ld queries at once; bound that element first",
                                   i + 1, pf_excerpt(arena, pf_node_str(model->syntax, p->array.items[i].node)),
                                   p->weights[i], size, p->weights[i]);
    size_t first = 0;
    for (size_t b = 0; b < p->batches; b++) {
        long weight = 0;
        for (size_t i = first; i <= p->batch_end[b]; i++) {
            weight = pf_count_add(weight, p->weights[i]);
            const char *why = b > 0 ? why_not_lazy(model, p->array.items[i].node) : NULL;
            if (why)
                return pf_arena_printf(arena,
                                       "element %zu (`%s`) %s: a later batch evaluates it only after the earlier "
                                       "ones (a call runs later; a variable may hold a promise already running, "
                                       "whose rejection nothing handles until then); move it out of the "
                                       "Promise.all or split by hand",
                                       i + 1, pf_excerpt(arena, pf_node_str(model->syntax, p->array.items[i].node)), why);
        }
        if (weight > size)
            return pf_arena_printf(arena, "a batch would still run %ld queries at once, more than the batch size %d",
                                   weight, size);
        for (size_t i = first; b > 0 && i <= p->batch_end[b]; i++)
            for (size_t j = 0; j < p->batch_end[b - 1] + 1; j++) {
                const char *why = earlier_element_changes(model, p->array.items[j].node, p->array.items[i].node, arena);
                if (why)
                    return pf_arena_printf(arena,
                                           "element %zu (`%s`) %s: its arguments are now built after the earlier "
                                           "batches, where they were built before any query ran",
                                           i + 1, pf_excerpt(arena, pf_node_str(model->syntax, p->array.items[i].node)), why);
            }
        first = p->batch_end[b] + 1;
    }
    size_t last_first = p->batches > 1 ? p->batch_end[p->batches - 2] + 1 : 0;
    for (size_t i = 0; i < p->pattern.count; i++)
        if (pf_node_is(p->pattern.items[i].node, "rest_pattern") && i < last_first)
            return "a rest element would collect values from several batches";
    if (p->pattern.count == 0 || p->batches < 2) return NULL;
    size_t *batch_of = pf_arena_alloc(arena, (p->array.count + 1) * sizeof(size_t));
    for (size_t i = 0, b = 0; i < p->array.count; i++) {
        if (i > p->batch_end[b]) b++;
        batch_of[i] = b;
    }
    pf_map first_item = PF_MAP_INIT;
    index_pattern_names(model->syntax, &p->pattern, &first_item);
    const char *why = NULL;
    for (size_t i = p->batch_end[0] + 1; i < p->array.count && !why; i++)
        if (reads_earlier_binding(model->syntax, p->array.items[i].node, &first_item, batch_of, batch_of[i]))
            why = "a later element reads a variable that an earlier batch assigns";
    pf_map_free(&first_item);
    return why;
}

/* Appends text[from, to). */
static void copy(pf_buf *out, const char *text, uint32_t from, uint32_t to) {
    pf_buf_append(out, text + from, to - from);
}

/* Starts the statement of batch `b` on a line of its own: a new line and the indentation,
 * after an empty line when the array had one before the batch's first element (the author's
 * grouping survives as a gap between the statements). */
static void start_batch(pf_buf *out, const plan *p, const char *text, size_t b, pf_str indent, const char *nl) {
    size_t first = p->batch_end[b - 1] + 1;
    uint32_t from = p->array.items[first - 1].trail, to = p->array.items[first].lead;
    size_t newlines = 0;
    for (uint32_t i = from; i < to; i++) newlines += text[i] == '\n';
    pf_buf_printf(out, "%s%s%.*s", newlines >= 2 ? nl : "", nl, (int)indent.len, indent.ptr);
}

/* Appends the statement for batch `b` of a declared pattern: the declaration with its share
 * of the pattern, tuple type and array, or a bare await when the batch binds nothing. */
static void render_pattern_batch(const pf_model *model, const plan *p, size_t first, size_t last,
                                 const char *nl, pf_buf *out) {
    const char *text = model->syntax->text;
    uint32_t stmt_start = ts_node_start_byte(p->statement), stmt_end = ts_node_end_byte(p->statement);
    /* The pattern share, without trailing holes. */
    size_t pat_last = last < p->pattern.count ? last : p->pattern.count - 1;
    bool binds = false;
    if (first < p->pattern.count) {
        while (pat_last > first && ts_node_is_null(p->pattern.items[pat_last].node)) pat_last--;
        binds = !ts_node_is_null(p->pattern.items[pat_last].node);
    }
    if (!binds) {
        copy(out, text, ts_node_start_byte(p->await), p->array.open);
        pf_list_render(&p->array, text, first, last, nl, out);
        copy(out, text, p->array.close + 1, ts_node_end_byte(p->await));
        pf_buf_puts(out, pf_semicolon_of(text, p->statement));
        return;
    }
    uint32_t target_start = ts_node_start_byte(p->target), target_end = ts_node_end_byte(p->target);
    copy(out, text, stmt_start, target_start);
    pf_list_render(&p->pattern, text, first, pat_last, nl, out);
    if (p->tuple_list.count) {
        copy(out, text, target_end, p->tuple_list.open);
        pf_list_render(&p->tuple_list, text, first, last, nl, out);
        copy(out, text, p->tuple_list.close + 1, p->array.open);
    } else {
        copy(out, text, target_end, p->array.open);
    }
    pf_list_render(&p->array, text, first, last, nl, out);
    copy(out, text, p->array.close + 1, stmt_end);
}

/* Appends the statements of a name form: each batch awaited into a fresh name, then the
 * original name (or the return) built from them with the same tuple type. An assignment to
 * existing variables (`[a, b] = await Promise.all(...)`, or a `var` pattern, whose names the
 * whole function sees) takes this form too: the original assigns none of them when a query
 * fails, and a catch clause or the code after it may read them, so they are assigned once,
 * after the last batch. */
static void render_name_form(const pf_model *model, pf_arena *arena, const plan *p, bool typed, pf_str indent,
                             const char *nl, pf_buf *out) {
    const char *text = model->syntax->text;
    uint32_t stmt_start = ts_node_start_byte(p->statement);
    const char *semi = pf_semicolon_of(text, p->statement);
    pf_str base = p->pos == POS_RETURN || p->assign_once ? pf_str_c("results") : pf_node_str(model->syntax, p->target);
    const char **names = pf_arena_alloc(arena, p->batches * sizeof(char *));
    pf_name_list taken = {0};
    uint32_t call_start = ts_node_start_byte(p->group->call);
    size_t first = 0;
    for (size_t b = 0; b < p->batches; b++) {
        names[b] = pf_fresh_name(model->syntax, arena, &taken,
                                 pf_arena_printf(arena, "%.*sBatch%zu", (int)base.len, base.ptr, b + 1));
        if (b > 0) start_batch(out, p, text, b, indent, nl);
        pf_buf_printf(out, "const %s = await ", names[b]);
        copy(out, text, call_start, p->array.open);
        pf_list_render(&p->array, text, first, p->batch_end[b], nl, out);
        copy(out, text, p->array.close + 1, ts_node_end_byte(p->group->call));
        pf_buf_puts(out, semi);
        first = p->batch_end[b] + 1;
    }
    pf_buf_printf(out, "%s%.*s", nl, (int)indent.len, indent.ptr);
    const char *result = p->pos == POS_RETURN ? pf_fresh_name(model->syntax, arena, &taken, "results") : NULL;
    if (p->pos == POS_DECLARE_NAME || p->pos == POS_RETURN) {
        if (p->pos == POS_DECLARE_NAME) {
            copy(out, text, stmt_start, ts_node_end_byte(p->target));
        } else {
            pf_buf_printf(out, "const %s", result);
        }
        if (!ts_node_is_null(p->annotation)) {
            copy(out, text, ts_node_start_byte(p->annotation), ts_node_end_byte(p->annotation));
        } else if (typed) {
            pf_buf_puts(out, ": [");
            for (size_t b = 0; b < p->batches; b++) pf_buf_printf(out, "%s...typeof %s", b ? ", " : "", names[b]);
            pf_buf_putc(out, ']');
        }
        pf_buf_puts(out, " = [");
    } else {
        pf_guard_asi(out, text, p->statement);
        TSNode last = p->assign_once && !ts_node_is_null(p->annotation) ? p->annotation : p->target;
        copy(out, text, stmt_start, ts_node_end_byte(last));
        pf_buf_puts(out, " = [");
    }
    for (size_t b = 0; b < p->batches; b++) pf_buf_printf(out, "%s...%s", b ? ", " : "", names[b]);
    pf_buf_printf(out, "]%s", semi);
    if (p->pos == POS_RETURN) pf_buf_printf(out, "%s%.*sreturn %s%s", nl, (int)indent.len, indent.ptr, result, semi);
}

/* Asks for the edit that replaces the statement with its batches. */
static void rewrite(pf_pass_context *ctx, const plan *p) {
    const pf_model *model = ctx->model;
    const char *text = model->syntax->text;
    pf_str indent = pf_line_indent(text, ts_node_start_byte(p->statement));
    pf_buf out = PF_BUF_INIT;
    uint32_t start = ts_node_start_byte(p->statement);
    if (p->pos == POS_DECLARE_NAME || p->pos == POS_ASSIGN_NAME || p->assign_once || p->pos == POS_RETURN) {
        render_name_form(model, ctx->arena, p, pf_path_has_types(model->path), indent, ctx->newline, &out);
        /* `;[a, b] = ...` in a file without semicolons: the `;` guarded the `[`; the first
         * batch now starts with `const`, and the assignment gets its own guard. */
        uint32_t guard = start;
        while (guard > 0 && (text[guard - 1] == ' ' || text[guard - 1] == '\t')) guard--;
        if (p->pos == POS_ASSIGN_PATTERN && guard > 0 && text[guard - 1] == ';' && pf_is_first_on_line(text, guard - 1))
            start = guard - 1;
    } else {
        size_t first = 0;
        for (size_t b = 0; b < p->batches; b++) {
            if (b > 0) start_batch(&out, p, text, b, indent, ctx->newline);
            if (p->pos == POS_EXPRESSION) {
                if (b > 0) pf_guard_asi(&out, text, p->statement);
                copy(&out, text, ts_node_start_byte(p->statement), p->array.open);
                pf_list_render(&p->array, text, first, p->batch_end[b], ctx->newline, &out);
                copy(&out, text, p->array.close + 1, ts_node_end_byte(p->statement));
            } else {
                render_pattern_batch(model, p, first, p->batch_end[b], ctx->newline, &out);
            }
            first = p->batch_end[b] + 1;
        }
    }
    pf_edits_replace_buf(ctx->edits, start, ts_node_end_byte(p->statement), &out);
    pf_buf_free(&out);
}

/* The queries an array element runs at once: its own (a query, a nested Promise.all, a
 * map), or, for a call of a function of this file (`loadTotals()`), the most that function
 * runs at once. */
static long element_weight(const pf_model *model, TSNode element) {
    long own = pf_measure_expr(model, element).width;
    if (own > 0) return own;
    TSNode call = pf_model_peel(model, element);
    TSNode callee = pf_node_unwrap(pf_node_field(call, "function"));
    if (!pf_node_is(call, "call_expression") || !pf_node_is(callee, "identifier")) return 0;
    int fn = pf_model_function_named(model, pf_node_str(model->syntax, callee));
    return fn < 0 ? 0 : pf_measure_scope(model, model->functions.items[fn].node).width;
}

/* The queries a whole Promise.all array runs at once, its elements weighed as above. */
static long array_weight(const pf_model *model, TSNode array) {
    long total = 0;
    uint32_t n = pf_node_named_count(array);
    for (uint32_t i = 0; i < n; i++) {
        TSNode element = pf_node_named_child(array, i);
        if (!pf_node_is(element, "comment")) total = pf_count_add(total, element_weight(model, element));
    }
    return total;
}

/* Reports one Promise.all over an array and, when asked and possible, rewrites it. */
static void visit_group(pf_pass_context *ctx, const pf_group *group) {
    const pf_model *model = ctx->model;
    int size = ctx->options->batch_size;
    plan p;
    memset(&p, 0, sizeof(p));
    p.group = group;
    TSNode array = group->argument;
    long total = array_weight(model, array);
    if (total <= size) return;
    p.total = total;

    const char *why = locate(model, &p);
    TSNode anchor = why ? group->call : p.statement;
    pf_finding *f = pf_pass_report(ctx, PF_RULE_PARALLEL_FANOUT, anchor, anchor,
                                   "Promise.%.*s runs %ld queries at once; the batch size is %d",
                                   (int)group->method.len, group->method.ptr, total, size);
    f->queries = (int)total;
    if (!why && !pf_str_eq_c(group->method, "all") && !pf_str_eq_c(group->method, "allSettled"))
        why = "Promise.race/any settle on the first query; splitting would change which one that is";
    if (!why) why = check_lists(model, ctx->arena, &p);
    if (!why && pf_str_eq_c(group->method, "all") && pf_model_writes_within(model, array))
        why = "the array writes to the database: after a failure, later batches would not run, so fewer writes "
              "would happen than before; use prisma.$transaction([...]) (one connection) or split by hand";
    if (!why) {
        p.weights = pf_arena_alloc(ctx->arena, (p.array.count + 1) * sizeof(long));
        /* Each element on its own: findUniques that Prisma would batch across the whole array
         * may land in different batches, so they are not merged here. */
        p.total = 0;
        for (size_t i = 0; i < p.array.count; i++) {
            p.weights[i] = element_weight(model, p.array.items[i].node);
            p.total = pf_count_add(p.total, p.weights[i]);
        }
        partition(&p, size, ctx->arena);
        why = check_batches(model, &p, size, ctx->arena);
    }
    if (why) {
        pf_finding_decline(ctx, f, "not rewritten: %s", why);
        return;
    }
    if (pf_pass_may_rewrite(ctx, f, p.statement)) rewrite(ctx, &p);
}

/* Visits every outermost Promise.all over an array literal. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    for (size_t i = 0; i < model->groups.len; i++) {
        const pf_group *group = &model->groups.items[i];
        if (group->shape == PF_GROUP_ARRAY && group->parent_group < 0) visit_group(ctx, group);
    }
}

#include "batch.md.h"

const pf_pass pf_pass_batch = {
    .name = "batch",
    .rule = PF_RULE_PARALLEL_FANOUT,
    .default_on = true,
    .summary = "split Promise.all arrays of more than --batch-size queries into sequential batches",
    .doc = pf_doc_batch,
    .run = run,
};
