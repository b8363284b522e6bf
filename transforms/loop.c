/* loop: replaces a loop that queries one time window per iteration (the month-by-month
 * report) with one query over all the windows (rule loop-queries).
 *
 * Shape: `for (let i = A; i OP B; i±±)` with a static trip count, whose body first computes
 * the window (`const start = new Date(...)`, `const end = new Date(...)`) and then awaits
 * `count`/`findMany` calls filtering `dateField: { gte: start, lt: end }` next to filters that
 * do not change between iterations.
 *
 * Default rewrite, exact for any database: the window code moves into a small local function;
 * every window is computed first; ONE findMany reads the union of the windows (selecting only
 * what the loop uses); and each iteration takes its window's rows from that result in memory
 * (`.length` for a count). `--aggregate sql` (PostgreSQL, count-only loops) instead counts
 * every window in one `$queryRaw`, with the windows passed as bound parameters. Any other
 * shape is reported with the reason it is not rewritten. */
#include "poolfix/analysis.h"
#include "poolfix/objects.h"
#include "poolfix/pass.h"

#include <string.h>

/* One awaited count/findMany over the iteration's window. */
typedef struct window_query {
    const pf_query *query;
    TSNode replace;      /* the `await ...` the in-memory (or SQL) value replaces */
    TSNode where;
    TSNode window_item;  /* `dateField: { gte: start, lt: end }` */
    const char *lower_op, *upper_op; /* JavaScript comparison operators */
    pf_str lower, upper; /* the bound names */
    bool is_count;
} window_query;

typedef struct plan {
    TSNode loop;
    TSNode body;
    pf_str var;                /* the loop variable */
    TSNode first_window, last_window; /* the window statements at the top of the body */
    PF_VEC(pf_str) window_names;
    bool window_let;           /* a window variable is declared with let */
    PF_VEC(window_query) queries;
    const pf_schema_model *model;
    const pf_schema_field *date_field;
    TSNode find_args;          /* the findMany's arguments (select/include/orderBy), or null */
    const char *fn_name, *windows_name, *rows_name, *row_name, *slot_name, *cursor_name;
} plan;

/* The declarator of a window variable, or a null node. */
static TSNode window_declarator(const pf_syntax *syntax, const plan *p, pf_str name) {
    for (TSNode stmt = p->first_window; !ts_node_is_null(stmt); stmt = ts_node_next_named_sibling(stmt)) {
        uint32_t n = ts_node_named_child_count(stmt);
        for (uint32_t i = 0; i < n; i++) {
            TSNode decl = ts_node_named_child(stmt, i);
            if (pf_node_is(decl, "variable_declarator") && pf_str_eq(pf_node_str(syntax, pf_node_field(decl, "name")), name))
                return decl;
        }
        if (ts_node_eq(stmt, p->last_window)) break;
    }
    return pf_node_null();
}

/* Reads `{ gte: start, lt: end }` into the query's bounds; false for any other object. */
static bool read_bounds(const pf_syntax *syntax, TSNode object, window_query *q) {
    uint32_t n = ts_node_named_child_count(object);
    int lower = 0, upper = 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode pair = ts_node_named_child(object, i);
        if (pf_node_is(pair, "comment")) continue;
        if (!pf_node_is(pair, "pair")) return false;
        pf_str key = pf_pair_key(syntax, pair);
        TSNode value = pf_node_unwrap(pf_node_field(pair, "value"));
        if (!pf_node_is(value, "identifier")) return false;
        if (pf_str_eq_c(key, "gte") || pf_str_eq_c(key, "gt")) {
            q->lower_op = pf_str_eq_c(key, "gte") ? ">=" : ">";
            q->lower = pf_node_str(syntax, value);
            lower++;
        } else if (pf_str_eq_c(key, "lt") || pf_str_eq_c(key, "lte")) {
            q->upper_op = pf_str_eq_c(key, "lt") ? "<" : "<=";
            q->upper = pf_node_str(syntax, value);
            upper++;
        } else {
            return false;
        }
    }
    return lower == 1 && upper == 1;
}

/* Whether a name is one of the window variables. */
static bool is_window_name(const plan *p, pf_str name) {
    for (size_t i = 0; i < p->window_names.len; i++)
        if (pf_str_eq(p->window_names.items[i], name)) return true;
    return false;
}

/* Whether `expr` reads a variable that the loop body changes (`cursor += week`,
 * `starts.shift()`): computed once before the loop, it would see only its first value. */
static bool reads_changed_variable(const pf_syntax *syntax, TSNode expr, TSNode body) {
    if (pf_node_is(expr, "identifier") || pf_node_is(expr, "shorthand_property_identifier"))
        return pf_node_writes_name(syntax, body, pf_node_str(syntax, expr));
    uint32_t n = ts_node_named_child_count(expr);
    for (uint32_t i = 0; i < n; i++)
        if (reads_changed_variable(syntax, ts_node_named_child(expr, i), body)) return true;
    return false;
}

/* Checks one awaited query of the loop and fills its window; returns why not. */
static const char *check_query(const pf_model *model, plan *p, window_query *q) {
    const pf_syntax *syntax = model->syntax;
    const pf_query *query = q->query;
    q->is_count = pf_str_eq_c(query->op, "count");
    if (!q->is_count && !pf_str_eq_c(query->op, "findMany"))
        return "a query in the loop is not a count or findMany (writes and other reads are not moved)";
    if (ts_node_is_null(query->arg_object)) return "a query's arguments are not an object literal";
    uint32_t n = ts_node_named_child_count(query->arg_object);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = ts_node_named_child(query->arg_object, i);
        if (pf_node_is(item, "comment")) continue;
        pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_str_make("", 0);
        bool allowed = pf_str_eq_c(key, "where") ||
                       (!q->is_count && (pf_str_eq_c(key, "select") || pf_str_eq_c(key, "include") ||
                                         pf_str_eq_c(key, "orderBy")));
        if (!allowed) return "a query has arguments other than where/select/include/orderBy (take, distinct, ...)";
    }
    q->where = pf_node_unwrap(pf_object_value(syntax, query->arg_object, "where"));
    if (!pf_node_is(q->where, "object")) return "a query's where is not an object literal";
    n = ts_node_named_child_count(q->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = ts_node_named_child(q->where, i);
        if (pf_node_is(item, "comment")) continue;
        TSNode value = pf_node_is(item, "pair") ? pf_node_unwrap(pf_node_field(item, "value")) : item;
        bool window = pf_node_is(item, "pair") && pf_node_is(value, "object") && read_bounds(syntax, value, q) &&
                      is_window_name(p, q->lower) && is_window_name(p, q->upper);
        if (window) {
            if (!ts_node_is_null(q->window_item)) return "a query filters by two time windows";
            q->window_item = item;
            continue;
        }
        if (pf_node_mentions(syntax, item, p->var)) return "a filter other than the window uses the loop variable";
        for (size_t k = 0; k < p->window_names.len; k++)
            if (pf_node_mentions(syntax, item, p->window_names.items[k]))
                return "a filter other than the window uses a value computed in the loop";
    }
    if (ts_node_is_null(q->window_item))
        return "a query in the loop does not filter `field: { gte: start, lt: end }` by the iteration's window";
    return NULL;
}

/* The tokens of a query's filters besides its window, to compare two queries' filters. */
static void other_filters(const pf_syntax *syntax, const window_query *q, pf_buf *out) {
    uint32_t n = ts_node_named_child_count(q->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = ts_node_named_child(q->where, i);
        if (!pf_node_is(item, "comment") && !ts_node_eq(item, q->window_item)) pf_node_append_tokens(syntax, item, out);
    }
}

/* Whether two window queries read the same model through the same window and the same other
 * filters (token for token: the union query applies them once for both). */
static bool same_reading(const pf_syntax *syntax, const window_query *a, const window_query *b) {
    if (!pf_str_eq(a->query->delegate, b->query->delegate) || !pf_str_eq(a->query->client, b->query->client) ||
        !pf_str_eq(pf_pair_key(syntax, a->window_item), pf_pair_key(syntax, b->window_item)) ||
        !pf_str_eq(a->lower, b->lower) || !pf_str_eq(a->upper, b->upper) || strcmp(a->lower_op, b->lower_op) != 0 ||
        strcmp(a->upper_op, b->upper_op) != 0)
        return false;
    pf_buf x = PF_BUF_INIT, y = PF_BUF_INIT;
    other_filters(syntax, a, &x);
    other_filters(syntax, b, &y);
    bool same = x.len == y.len && (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
    pf_buf_free(&x);
    pf_buf_free(&y);
    return same;
}

/* Checks that every window query reads the same way, through a DateTime field whose bounds
 * are Dates, with at most one findMany. Returns why not. */
static const char *check_consistency(const pf_model *model, plan *p) {
    const pf_syntax *syntax = model->syntax;
    const window_query *first = &p->queries.items[0];
    p->model = pf_schema_model_by_delegate(model->schema, first->query->delegate);
    p->date_field = p->model ? pf_schema_field_named(p->model, pf_pair_key(syntax, first->window_item)) : NULL;
    if (!p->date_field) return "the window field is not in the Prisma schema";
    if (strcmp(p->date_field->type, "DateTime") != 0) return "the window field is not a DateTime";
    pf_str bounds[2] = {first->lower, first->upper};
    for (int b = 0; b < 2; b++) {
        TSNode value = pf_node_unwrap(pf_node_field(window_declarator(syntax, p, bounds[b]), "value"));
        if (!pf_node_is(value, "new_expression") ||
            !pf_node_text_is(syntax, pf_node_field(value, "constructor"), "Date"))
            return "the window bounds are not `new Date(...)` values, which an in-memory filter could compare";
    }
    for (size_t i = 0; i < p->queries.len; i++) {
        const window_query *q = &p->queries.items[i];
        if (!same_reading(syntax, first, q)) return "the queries in the loop filter differently besides the window";
        if (q->is_count) continue;
        if (!ts_node_is_null(p->find_args))
            return "the loop runs more than one findMany; only one can be read from the union query";
        p->find_args = q->query->arg_object;
    }
    return NULL;
}

/* Reads the loop body into window statements and window queries; returns why not. */
static const char *read_body(const pf_model *model, plan *p, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    uint32_t n = ts_node_named_child_count(p->body);
    bool window_done = false;
    for (uint32_t i = 0; i < n; i++) {
        TSNode stmt = ts_node_named_child(p->body, i);
        if (pf_node_is(stmt, "comment")) continue;
        if (pf_model_writes_within(model, stmt)) return "the loop writes to the database; writes are never moved";
        bool has_query = false;
        for (size_t k = 0; k < model->queries.len && !has_query; k++)
            has_query = pf_node_contains(stmt, model->queries.items[k].call);
        if (!has_query) {
            /* Window code runs twice per iteration after the rewrite (to list the windows, then
             * in the loop), so it may only compute values, the same both times. */
            bool window_code = !pf_node_has_effects(syntax, stmt, pf_node_null(), pf_call_computes_value);
            if (!window_done && pf_node_is(stmt, "lexical_declaration") && window_code) {
                if (ts_node_is_null(p->first_window)) p->first_window = stmt;
                p->last_window = stmt;
                p->window_let |= pf_node_text_is(syntax, pf_node_field(stmt, "kind"), "let");
                for (uint32_t k = 0; k < ts_node_named_child_count(stmt); k++) {
                    TSNode name = pf_node_field(ts_node_named_child(stmt, k), "name");
                    if (!pf_node_is(name, "identifier")) return "the window code destructures";
                    *PF_VEC_PUSH(arena, p->window_names) = pf_node_str(syntax, name);
                }
                continue;
            }
            window_done = true;
            if (pf_node_awaits(stmt)) return "the loop awaits something other than its window queries";
            continue;
        }
        window_done = true;
        static const char *const not_own_variable =
            "a query in the loop is not awaited into a variable of its own (`const x = await ...`)";
        if (!pf_node_is(stmt, "lexical_declaration") || ts_node_named_child_count(stmt) != 1) return not_own_variable;
        TSNode value = pf_node_unwrap(pf_node_field(pf_node_child_of_type(stmt, "variable_declarator"), "value"));
        const pf_query *q = pf_node_is(value, "await_expression") ? pf_model_plain_query(model, value) : NULL;
        if (!q && pf_node_is(value, "await_expression") && pf_model_query_at(model, pf_model_peel(model, value)))
            return "a query in the loop has `.then`/`.catch` around it, which the rewrite would drop";
        if (!q) return not_own_variable;
        window_query *w = PF_VEC_PUSH(arena, p->queries);
        w->query = q;
        w->replace = value;
        const char *why = check_query(model, p, w);
        if (why) return why;
    }
    if (ts_node_is_null(p->first_window)) return "the loop does not compute a window before its queries";
    for (size_t i = 0; i < p->window_names.len; i++)
        if (pf_node_writes_name(syntax, p->body, p->window_names.items[i]))
            return "the loop changes a window variable after computing it";
    if (pf_node_writes_name(syntax, p->body, p->var)) return "the loop body changes the loop variable";
    return NULL;
}

/* The findMany's select, or a null node. */
static TSNode find_select(const pf_syntax *syntax, const plan *p) {
    return ts_node_is_null(p->find_args) ? pf_node_null()
                                         : pf_node_unwrap(pf_object_value(syntax, p->find_args, "select"));
}

/* What the union query copies from the loop: the filters besides the window, and the
 * findMany's select, include and orderBy. Null nodes where absent. */
static void copied_parts(const pf_syntax *syntax, const plan *p, TSNode parts[4]) {
    parts[0] = p->queries.items[0].where;
    static const char *const keys[] = {"select", "include", "orderBy"};
    for (int k = 0; k < 3; k++)
        parts[k + 1] = ts_node_is_null(p->find_args) ? pf_node_null() : pf_object_value(syntax, p->find_args, keys[k]);
}

/* Whether the union query could not compute what the loop computed: a copied part (or the
 * window code) names a variable declared in the loop body, which is not in scope before the
 * loop, or reads one the body changes, which before the loop has only its first value. */
static const char *check_moved_code(const pf_model *model, const plan *p) {
    const pf_syntax *syntax = model->syntax;
    TSNode parts[4];
    copied_parts(syntax, p, parts);
    const window_query *first = &p->queries.items[0];
    for (int c = 0; c < 4; c++) {
        if (ts_node_is_null(parts[c])) continue;
        uint32_t items = c == 0 ? ts_node_named_child_count(parts[c]) : 1;
        for (uint32_t j = 0; j < items; j++) {
            TSNode item = c == 0 ? ts_node_named_child(parts[c], j) : parts[c];
            if (c == 0 && ts_node_eq(item, first->window_item)) continue; /* rebuilt from the windows */
            if (pf_node_uses_block_names(syntax, item, p->body))
                return "a filter or the selection uses a variable declared inside the loop, which the query before the "
                       "loop cannot see";
            if (reads_changed_variable(syntax, item, p->body))
                return "a filter or the selection reads a variable the loop changes";
        }
    }
    for (TSNode stmt = p->first_window;; stmt = ts_node_next_named_sibling(stmt)) {
        if (reads_changed_variable(syntax, stmt, p->body))
            return "the window code reads a variable the loop changes, so the windows cannot be listed before it";
        if (ts_node_eq(stmt, p->last_window)) break;
    }
    return NULL;
}

/* Whether every entry of the findMany's select is `key: true` or `key: { ... }`, which the
 * projection back to the select can name (a `false` entry, or a variable, cannot). */
static bool select_is_projectable(const pf_syntax *syntax, const plan *p) {
    TSNode select = find_select(syntax, p);
    if (ts_node_is_null(select)) return true;
    if (!pf_node_is(select, "object")) return false;
    uint32_t n = ts_node_named_child_count(select);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = ts_node_named_child(select, i);
        if (pf_node_is(item, "comment")) continue;
        if (!pf_node_is(item, "pair") || pf_pair_key(syntax, item).len == 0) return false;
        TSNode value = pf_node_unwrap(pf_node_field(item, "value"));
        if (!pf_node_is(value, "true") && !pf_node_is(value, "object")) return false;
    }
    return true;
}

/* The value a const declared around `use` is bound to, or a null node. */
static TSNode const_binding(const pf_syntax *syntax, TSNode use) {
    pf_str name = pf_node_str(syntax, use);
    for (TSNode scope = ts_node_parent(use); !ts_node_is_null(scope); scope = ts_node_parent(scope)) {
        if (!pf_node_is(scope, "statement_block") && !pf_node_is(scope, "program")) continue;
        for (uint32_t i = 0; i < ts_node_named_child_count(scope); i++) {
            TSNode stmt = ts_node_named_child(scope, i);
            if (!pf_node_is(stmt, "lexical_declaration") || !pf_node_text_is(syntax, pf_node_field(stmt, "kind"), "const"))
                continue;
            for (uint32_t k = 0; k < ts_node_named_child_count(stmt); k++) {
                TSNode decl = ts_node_named_child(stmt, k);
                if (pf_str_eq(pf_node_str(syntax, pf_node_field(decl, "name")), name))
                    return pf_node_unwrap(pf_node_field(decl, "value"));
            }
        }
    }
    return pf_node_null();
}

/* Whether a filter value is surely a plain string, number or boolean (never undefined, null
 * or a filter object), so that `= ${v}` in SQL means what `field: v` means to Prisma: a
 * literal; a const bound to one, to a template string, or to `x || 'literal'` /
 * `x ?? 'literal'`; or a required parameter typed string, number, boolean or a schema enum. */
static bool surely_scalar(const pf_model *model, TSNode value) {
    const pf_syntax *syntax = model->syntax;
    if (pf_node_is(value, "string") || pf_node_is(value, "number") || pf_node_is(value, "true") ||
        pf_node_is(value, "false") || pf_node_is(value, "template_string"))
        return true;
    if (!pf_node_is(value, "identifier") && !pf_node_is(value, "shorthand_property_identifier")) return false;
    TSNode bound = const_binding(syntax, value);
    if (pf_node_is(bound, "binary_expression")) {
        pf_str op = pf_node_str(syntax, pf_node_field(bound, "operator"));
        TSNode fallback = pf_node_field(bound, "right");
        return (pf_str_eq_c(op, "||") || pf_str_eq_c(op, "??")) &&
               (pf_node_is(fallback, "string") || pf_node_is(fallback, "number"));
    }
    if (!ts_node_is_null(bound)) return surely_scalar(model, bound);
    TSNode param = pf_model_parameter_named(model, value);
    if (!pf_node_is(param, "required_parameter")) return false;
    TSNode type = ts_node_named_child(pf_node_field(param, "type"), 0);
    bool scalar_type = pf_node_is(type, "predefined_type") &&
                       (pf_node_text_is(syntax, type, "string") || pf_node_text_is(syntax, type, "number") ||
                        pf_node_text_is(syntax, type, "boolean"));
    bool enum_type = pf_node_is(type, "type_identifier") &&
                     pf_schema_enum_named(model->schema, pf_node_str(syntax, type)) != NULL;
    return ts_node_is_null(pf_node_field(param, "value")) && (scalar_type || enum_type);
}

/* One where entry as a SQL condition on the joined table `t`, with every value bound through
 * ${}; false when it has no exact translation. */
static bool append_sql_condition(pf_buf *out, const pf_model *model, const plan *p, TSNode item) {
    const pf_syntax *syntax = model->syntax;
    pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_node_str(syntax, item);
    const pf_schema_field *f = pf_schema_field_named(p->model, key);
    if (!f || (f->kind != PF_FIELD_SCALAR && f->kind != PF_FIELD_ENUM) || f->is_list) return false;
    TSNode value = pf_node_is(item, "pair") ? pf_node_field(item, "value") : item;
    /* Enums compare as text: a bound parameter is text. */
    const char *cast = f->kind == PF_FIELD_ENUM ? "::text" : "";
    pf_str v = pf_node_str(syntax, value);
    if (pf_node_is(value, "null")) {
        pf_buf_printf(out, " AND t.\"%s\" IS NULL", f->db_name);
        return true;
    }
    if (!surely_scalar(model, value)) return false;
    pf_buf_printf(out, " AND t.\"%s\"%s = ${%.*s}", f->db_name, cast, (int)v.len, v.ptr);
    return true;
}

/* Works out the rewrite of one loop, or why it cannot be made. */
static const char *plan_rewrite(const pf_model *model, const pf_options *options, plan *p, pf_arena *arena,
                                long trips) {
    const pf_syntax *syntax = model->syntax;
    if (!pf_node_is(p->loop, "for_statement")) return "only `for (let i = ...; ...; ...)` loops are rewritten";
    if (trips < 0) return "the trip count is not a constant poolfix can read";
    if (trips == 0) return "the loop never runs";
    if (!pf_node_is(ts_node_parent(p->loop), "statement_block") && !pf_node_is(ts_node_parent(p->loop), "program"))
        return "the loop is not inside a block";
    p->body = pf_node_field(p->loop, "body");
    if (!pf_node_is(p->body, "statement_block")) return "the loop body is not a block";
    TSNode init = pf_node_field(p->loop, "initializer");
    TSNode var = pf_node_field(pf_node_child_of_type(init, "variable_declarator"), "name");
    if (!pf_node_is(var, "identifier")) return "the loop variable is not declared in the loop";
    p->var = pf_node_str(syntax, var);
    const char *why = read_body(model, p, arena);
    if (!why && p->queries.len == 0) why = "the loop's queries are not at the top level of its body";
    /* Only a loop of the right shape needs the schema: a decline names the first check that fails. */
    if (!why && !model->schema) why = "needs the Prisma schema, to know the window field's type";
    if (!why) why = check_consistency(model, p);
    if (!why) why = check_moved_code(model, p);
    if (!why && !select_is_projectable(syntax, p))
        why = "the findMany's select is not a plain object of `true` and nested selections";
    if (!why && options->aggregate == PF_AGGREGATE_SQL) {
        if (!model->schema->provider || strcmp(model->schema->provider, "postgresql") != 0)
            return "--aggregate sql needs a PostgreSQL datasource";
        for (size_t i = 0; i < p->queries.len; i++)
            if (!p->queries.items[i].is_count) return "--aggregate sql rewrites count-only loops; this one runs findMany";
        const window_query *first = &p->queries.items[0];
        uint32_t n = ts_node_named_child_count(first->where);
        pf_buf probe = PF_BUF_INIT;
        for (uint32_t i = 0; !why && i < n; i++) {
            TSNode item = ts_node_named_child(first->where, i);
            if (pf_node_is(item, "comment") || ts_node_eq(item, first->window_item)) continue;
            if (!append_sql_condition(&probe, model, p, item))
                why = "a filter besides the window has no exact SQL translation: only literals and values that are "
                      "surely a string, number or boolean are (a variable could be undefined, which Prisma reads as no "
                      "filter, or a filter object); use the default --aggregate memory";
        }
        pf_buf_free(&probe);
    }
    return why;
}

/* Appends the prelude shared by both modes: the window function and the list of windows. */
static void append_windows(pf_buf *out, const pf_model *model, const plan *p, pf_str indent, const char *semi,
                           const char *nl) {
    const pf_syntax *syntax = model->syntax;
    const char *text = syntax->text;
    bool typed = pf_path_has_types(model->path);
    pf_str body_indent = pf_line_indent(text, ts_node_start_byte(p->first_window));
    pf_buf_printf(out, "const %s = (%.*s%s) => {%s", p->fn_name, (int)p->var.len, p->var.ptr, typed ? ": number" : "",
                  nl);
    pf_buf_append(out, body_indent.ptr, body_indent.len);
    pf_buf_append(out, text + ts_node_start_byte(p->first_window),
                  ts_node_end_byte(p->last_window) - ts_node_start_byte(p->first_window));
    pf_buf_printf(out, "%s%.*sreturn { ", nl, (int)body_indent.len, body_indent.ptr);
    for (size_t i = 0; i < p->window_names.len; i++)
        pf_buf_printf(out, "%s%.*s", i ? ", " : "", (int)p->window_names.items[i].len, p->window_names.items[i].ptr);
    pf_buf_printf(out, " }%s%s%.*s}%s%s%.*s", semi, nl, (int)indent.len, indent.ptr, semi, nl, (int)indent.len,
                  indent.ptr);
    if (typed)
        pf_buf_printf(out, "const %s: ReturnType<typeof %s>[] = []%s%s%.*s", p->windows_name, p->fn_name, semi, nl,
                      (int)indent.len, indent.ptr);
    else
        pf_buf_printf(out, "const %s = []%s%s%.*s", p->windows_name, semi, nl, (int)indent.len, indent.ptr);
    pf_buf_append(out, text + ts_node_start_byte(p->loop), ts_node_start_byte(p->body) - ts_node_start_byte(p->loop));
    pf_buf_printf(out, "%s.push(%s(%.*s))%s%s%.*s", p->windows_name, p->fn_name, (int)p->var.len, p->var.ptr, semi, nl,
                  (int)indent.len, indent.ptr);
}

/* Appends a node's text exactly as written (strings, comments and spacing included). */
static void append_node(pf_buf *out, const pf_syntax *syntax, TSNode node) {
    pf_str text = pf_node_str(syntax, node);
    pf_buf_append(out, text.ptr, text.len);
}

/* Appends the union query of the memory mode: one findMany over all the windows. */
static void append_union_query(pf_buf *out, const pf_model *model, const plan *p, pf_str indent, pf_str unit,
                               const char *semi, const pf_style *style, const char *nl) {
    const pf_syntax *syntax = model->syntax;
    const window_query *first = &p->queries.items[0];
    const char *field = p->date_field->name;
    const char *comma = style->trailing_comma ? "," : "";
    pf_buf_printf(out, "const %s = await %.*s.%.*s.findMany({%s%.*s%.*swhere: {%s", p->rows_name,
                  (int)first->query->client.len, first->query->client.ptr, (int)first->query->delegate.len,
                  first->query->delegate.ptr, nl, (int)indent.len, indent.ptr, (int)unit.len, unit.ptr, nl);
    /* One entry per line: the union bounds are long. */
    uint32_t n = ts_node_named_child_count(first->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = ts_node_named_child(first->where, i);
        if (pf_node_is(item, "comment")) continue;
        pf_buf_printf(out, "%.*s%.*s%.*s", (int)indent.len, indent.ptr, (int)unit.len, unit.ptr, (int)unit.len, unit.ptr);
        if (ts_node_eq(item, first->window_item)) {
            pf_buf_printf(out, "%s: {%s", field, nl);
            static const char *const ends[2][2] = {{"gte", "min"}, {"lte", "max"}};
            pf_str bounds[2] = {first->lower, first->upper};
            for (int b = 0; b < 2; b++)
                pf_buf_printf(out, "%.*s%.*s%.*s%.*s%s: new Date(Math.%s(...%s.map((bounds) => bounds.%.*s.getTime()))),%s",
                              (int)indent.len, indent.ptr, (int)unit.len, unit.ptr, (int)unit.len, unit.ptr,
                              (int)unit.len, unit.ptr, ends[b][0], ends[b][1], p->windows_name, (int)bounds[b].len,
                              bounds[b].ptr, nl);
            pf_buf_printf(out, "%.*s%.*s%.*s},%s", (int)indent.len, indent.ptr, (int)unit.len, unit.ptr, (int)unit.len,
                          unit.ptr, nl);
        } else {
            append_node(out, syntax, item);
            pf_buf_printf(out, ",%s", nl);
        }
    }
    pf_buf_printf(out, "%.*s%.*s},", (int)indent.len, indent.ptr, (int)unit.len, unit.ptr);
    /* Only what the loop uses: the findMany's own selection plus the window field, or the
     * window field alone for counts. */
    TSNode select = find_select(syntax, p);
    TSNode include = ts_node_is_null(p->find_args) ? p->find_args : pf_object_pair(syntax, p->find_args, "include");
    TSNode order = ts_node_is_null(p->find_args) ? p->find_args : pf_object_pair(syntax, p->find_args, "orderBy");
    if (pf_node_is(select, "object")) {
        pf_buf_printf(out, "%s%.*s%.*sselect: { ", nl, (int)indent.len, indent.ptr, (int)unit.len, unit.ptr);
        uint32_t n_select = ts_node_named_child_count(select);
        bool first_key = true;
        for (uint32_t i = 0; i < n_select; i++) {
            TSNode item = ts_node_named_child(select, i);
            if (pf_node_is(item, "comment")) continue;
            pf_buf_puts(out, first_key ? "" : ", ");
            append_node(out, syntax, item);
            first_key = false;
        }
        if (ts_node_is_null(pf_object_pair(syntax, select, field))) pf_buf_printf(out, ", %s: true", field);
        pf_buf_puts(out, " },");
    } else if (ts_node_is_null(p->find_args)) {
        pf_buf_printf(out, "%s%.*s%.*sselect: { %s: true },", nl, (int)indent.len, indent.ptr, (int)unit.len, unit.ptr,
                      field);
    }
    if (!ts_node_is_null(include)) {
        pf_buf_printf(out, "%s%.*s%.*s", nl, (int)indent.len, indent.ptr, (int)unit.len, unit.ptr);
        append_node(out, syntax, include);
        pf_buf_putc(out, ',');
    }
    if (!ts_node_is_null(order)) {
        pf_buf_printf(out, "%s%.*s%.*s", nl, (int)indent.len, indent.ptr, (int)unit.len, unit.ptr);
        append_node(out, syntax, order);
        pf_buf_putc(out, ',');
    }
    if (!*comma) out->data[--out->len] = '\0';
    pf_buf_printf(out, "%s%.*s})%s%s%.*s", nl, (int)indent.len, indent.ptr, semi, nl, (int)indent.len, indent.ptr);
}

/* The in-memory value that replaces one window query: the window's rows of the union query
 * (projected back to the findMany's own select), or their number. */
static void append_window_rows(pf_buf *out, const pf_model *model, const plan *p, const window_query *q) {
    const pf_syntax *syntax = model->syntax;
    const char *field = p->date_field->name, *row = p->row_name;
    pf_buf_printf(out, "%s.filter((%s) => %s.%s %s %.*s && %s.%s %s %.*s)", p->rows_name, row, row, field, q->lower_op,
                  (int)q->lower.len, q->lower.ptr, row, field, q->upper_op, (int)q->upper.len, q->upper.ptr);
    if (q->is_count) {
        pf_buf_puts(out, ".length");
        return;
    }
    TSNode select = find_select(syntax, p);
    if (!pf_node_is(select, "object") || !ts_node_is_null(pf_object_pair(syntax, select, field))) return;
    /* The union selected the window field too: give back exactly the fields asked for. */
    pf_buf_printf(out, ".map((%s) => ({ ", row);
    uint32_t n = ts_node_named_child_count(select);
    bool first = true;
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = ts_node_named_child(select, i);
        if (!pf_node_is(item, "pair")) continue;
        pf_str key = pf_pair_key(syntax, item);
        pf_buf_printf(out, "%s%.*s: %s.%.*s", first ? "" : ", ", (int)key.len, key.ptr, row, (int)key.len, key.ptr);
        first = false;
    }
    pf_buf_puts(out, " }))");
}

/* Appends the SQL mode's query: one $queryRaw counting every window, in window order, 0 for
 * windows without rows (the filters were checked to translate when the rewrite was planned). */
static void append_sql_query(pf_buf *out, const pf_model *model, const plan *p, pf_str indent, pf_str unit,
                             const char *semi, const char *nl) {
    const window_query *first = &p->queries.items[0];
    const char *column = p->date_field->db_name;
    bool tz = p->date_field->native_type && strcmp(p->date_field->native_type, "Timestamptz") == 0;
    const char *type = tz ? "timestamptz" : "timestamp";
    pf_buf join = PF_BUF_INIT;
    uint32_t n = ts_node_named_child_count(first->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = ts_node_named_child(first->where, i);
        if (pf_node_is(item, "comment") || ts_node_eq(item, first->window_item)) continue;
        append_sql_condition(&join, model, p, item);
    }
    /* A cast rather than `$queryRaw<T>`...``: type arguments on a tagged template are valid
     * TypeScript, but tree-sitter's grammar cannot parse them, and poolfix never writes code
     * it cannot read back. */
    bool typed = pf_path_has_types(model->path);
    pf_buf_printf(out, "const %s = %sawait %.*s.$queryRaw`%s", p->rows_name, typed ? "(" : "",
                  (int)first->query->client.len, first->query->client.ptr, nl);
    pf_str in = unit;
    pf_buf_printf(out, "%.*s%.*sSELECT COUNT(t.\"%s\")::int AS count%s", (int)indent.len, indent.ptr, (int)in.len, in.ptr,
                  column, nl);
    pf_buf_printf(out,
                  "%.*s%.*sFROM unnest(${%s.map((bounds) => bounds.%.*s.toISOString())}::%s[], "
                  "${%s.map((bounds) => bounds.%.*s.toISOString())}::%s[]) WITH ORDINALITY AS w(lo, hi, idx)%s",
                  (int)indent.len, indent.ptr, (int)in.len, in.ptr, p->windows_name, (int)first->lower.len,
                  first->lower.ptr, type, p->windows_name, (int)first->upper.len, first->upper.ptr, type, nl);
    pf_buf_printf(out, "%.*s%.*sLEFT JOIN \"%s\" t ON t.\"%s\" %s w.lo AND t.\"%s\" %s w.hi%s%s", (int)indent.len,
                  indent.ptr, (int)in.len, in.ptr, p->model->db_name, column, first->lower_op, column, first->upper_op,
                  join.data ? join.data : "", nl);
    pf_buf_printf(out, "%.*s%.*sGROUP BY w.idx ORDER BY w.idx`%s%s%s%.*s", (int)indent.len, indent.ptr, (int)in.len,
                  in.ptr, typed ? ") as { count: number }[]" : "", semi, nl, (int)indent.len, indent.ptr);
    pf_buf_printf(out, "let %s = 0%s%s%.*s", p->cursor_name, semi, nl, (int)indent.len, indent.ptr);
    pf_buf_free(&join);
}

/* Picks the names the rewrite introduces. */
static void name_things(const pf_model *model, plan *p, pf_arena *arena, pf_name_list *taken) {
    const pf_syntax *syntax = model->syntax;
    pf_str delegate = p->queries.items[0].query->delegate;
    const char *suffixes[] = {"Window", "Windows", "Rows", "WindowIndex", "NextWindow"};
    const char **names[] = {&p->fn_name, &p->windows_name, &p->rows_name, &p->slot_name, &p->cursor_name};
    for (size_t i = 0; i < 5; i++)
        *names[i] = pf_fresh_name(syntax, arena, taken,
                                  pf_arena_printf(arena, "%.*s%s", (int)delegate.len, delegate.ptr, suffixes[i]));
    p->row_name = pf_fresh_name(syntax, arena, taken, "row");
}

/* Asks for the edits of one planned rewrite. */
static void rewrite(pf_pass_context *ctx, plan *p, pf_name_list *taken) {
    const pf_model *model = ctx->model;
    const char *text = model->syntax->text;
    pf_style style = pf_style_of(model->syntax);
    bool sql = ctx->options->aggregate == PF_AGGREGATE_SQL;
    name_things(model, p, ctx->arena, taken);
    pf_str indent = pf_line_indent(text, ts_node_start_byte(p->loop));
    const char *semi = pf_semicolon_of(text, p->last_window);
    pf_buf prelude = PF_BUF_INIT;
    append_windows(&prelude, model, p, indent, semi, ctx->newline);
    if (sql) {
        append_sql_query(&prelude, model, p, indent, style.indent_unit, semi, ctx->newline);
    } else {
        append_union_query(&prelude, model, p, indent, style.indent_unit, semi, &style, ctx->newline);
    }
    uint32_t at = ts_node_start_byte(p->loop);
    pf_edits_replace_buf(ctx->edits, at, at, &prelude);
    pf_buf_free(&prelude);

    /* The window code at the top of the body becomes a call of the window function. */
    pf_buf head = PF_BUF_INIT;
    pf_buf_printf(&head, "%s { ", p->window_let ? "let" : "const");
    for (size_t i = 0; i < p->window_names.len; i++)
        pf_buf_printf(&head, "%s%.*s", i ? ", " : "", (int)p->window_names.items[i].len, p->window_names.items[i].ptr);
    pf_buf_printf(&head, " } = %s(%.*s)%s", p->fn_name, (int)p->var.len, p->var.ptr, semi);
    if (sql) {
        pf_str body_indent = pf_line_indent(text, ts_node_start_byte(p->first_window));
        pf_buf_printf(&head, "%s%.*sconst %s = %s++%s", ctx->newline, (int)body_indent.len, body_indent.ptr,
                      p->slot_name, p->cursor_name, semi);
    }
    pf_edits_replace_buf(ctx->edits, ts_node_start_byte(p->first_window), ts_node_end_byte(p->last_window), &head);
    pf_buf_free(&head);

    for (size_t i = 0; i < p->queries.len; i++) {
        const window_query *q = &p->queries.items[i];
        pf_buf value = PF_BUF_INIT;
        if (sql) pf_buf_printf(&value, "%s[%s].count", p->rows_name, p->slot_name);
        else append_window_rows(&value, model, p, q);
        pf_edits_replace_buf(ctx->edits, ts_node_start_byte(q->replace), ts_node_end_byte(q->replace), &value);
        pf_buf_free(&value);
    }
}

/* Whether loop `index` sits inside another loop of the same function that also queries (then
 * the outer loop is the one reported). Loops are in source order, so outer loops come first
 * and their query counts `totals` are already known. */
static bool inside_querying_loop(const pf_model *model, size_t index, const long *totals) {
    const pf_loop *loop = &model->loops.items[index];
    for (size_t i = 0; i < index; i++) {
        const pf_loop *outer = &model->loops.items[i];
        if (totals[i] > 0 && outer->function == loop->function && pf_node_contains(outer->node, loop->node))
            return true;
    }
    return false;
}

/* Reports each outermost loop that queries and, when the shape allows, rewrites it. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    pf_name_list taken = {0};
    long *totals = pf_arena_alloc(ctx->arena, (model->loops.len + 1) * sizeof(long));
    for (size_t i = 0; i < model->loops.len; i++) {
        const pf_loop *loop = &model->loops.items[i];
        pf_measure each = pf_measure_scope(model, loop->node);
        totals[i] = each.total;
        /* A loop that never runs (`for (const x of [])`, `i < 0` from 0) is no finding. */
        if (each.total == 0 || loop->trips == 0 || inside_querying_loop(model, i, totals)) continue;
        pf_finding *f;
        if (loop->trips >= 0)
            f = pf_pass_report(ctx, PF_RULE_LOOP_QUERIES, loop->node, loop->node,
                               "the loop runs %ld quer%s per iteration, %ld times: %ld round trips one after another",
                               each.total, each.total == 1 ? "y" : "ies", loop->trips,
                               pf_count_mul(each.rounds, loop->trips));
        else
            f = pf_pass_report(ctx, PF_RULE_LOOP_QUERIES, loop->node, loop->node,
                               "the loop runs %ld quer%s per iteration, as many times as the data has elements: the "
                               "count grows with the data",
                               each.total, each.total == 1 ? "y" : "ies");
        f->queries = (int)each.total;
        f->trips = loop->trips;
        f->unbounded = loop->trips < 0 || each.unbounded;
        plan p;
        memset(&p, 0, sizeof(p));
        p.loop = loop->node;
        const char *why = plan_rewrite(model, ctx->options, &p, ctx->arena, loop->trips);
        if (why) {
            pf_finding_decline(ctx, f, "not rewritten: %s", why);
            continue;
        }
        if (pf_pass_may_rewrite(ctx, f, p.loop)) rewrite(ctx, &p, &taken);
    }
}

#include "loop.md.h"

const pf_pass pf_pass_loop = {
    .name = "loop",
    .alias = "monthly",
    .rule = PF_RULE_LOOP_QUERIES,
    .default_on = true,
    .summary = "replace month-by-month query loops with one query over all the windows",
    .doc = pf_doc_loop,
    .run = run,
};
