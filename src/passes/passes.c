/* The registry of rewrite passes and the helpers they share (see pass.h). */
#include "poolfix/pass.h"

#include "poolfix/client_hooks.h"

#include <stdarg.h>
#include <string.h>

extern const pf_pass pf_pass_take, pf_pass_take_top, pf_pass_groupby, pf_pass_bound, pf_pass_loop, pf_pass_hoist,
    pf_pass_batch;

/* take runs before batch (it edits inside array elements, batch then moves whole elements);
 * groupby before bound (bound takes the fan-outs groupby cannot replace), loop before hoist
 * (hoist takes the loops that are not window loops), and all before batch (they remove
 * fan-outs, and batch then sees what is left). */
const pf_pass *const pf_passes[] = {&pf_pass_take, &pf_pass_take_top, &pf_pass_groupby, &pf_pass_bound,
                                    &pf_pass_loop, &pf_pass_hoist,    &pf_pass_batch};
const size_t pf_pass_count = sizeof(pf_passes) / sizeof(*pf_passes);

const pf_pass *pf_pass_named(const char *name, size_t len, size_t *index) {
    for (size_t i = 0; i < pf_pass_count; i++) {
        const char *alias = pf_passes[i]->alias;
        bool named = strlen(pf_passes[i]->name) == len && memcmp(pf_passes[i]->name, name, len) == 0;
        if (!named && !(alias && strlen(alias) == len && memcmp(alias, name, len) == 0)) continue;
        if (index) *index = i;
        return pf_passes[i];
    }
    return NULL;
}

bool pf_pass_selected(const pf_options *options, const char *name) {
    size_t index;
    return pf_pass_named(name, strlen(name), &index) && (options->passes & (1u << index));
}

const pf_pass *pf_pass_for_rule(pf_rule rule) {
    for (size_t i = 0; i < pf_pass_count; i++)
        if (pf_passes[i]->rule == rule) return pf_passes[i];
    return NULL;
}

pf_finding *pf_finding_add(pf_arena *arena, pf_finding_list *findings, const pf_suppressions *suppressions,
                           pf_rule rule, TSNode anchor, TSNode last) {
    pf_finding *f = PF_VEC_PUSH(arena, *findings);
    f->rule = rule;
    f->start = ts_node_start_byte(anchor);
    f->end = ts_node_end_byte(last);
    f->line = pf_node_line(anchor);
    f->end_line = pf_node_end_line(last);
    f->trips = -1;
    const pf_pass *pass = pf_pass_for_rule(rule);
    f->pass = pass ? pass->name : NULL;
    f->fixable = pass != NULL;
    f->suppressed = pf_is_suppressed(suppressions, rule, f->line);
    return f;
}

pf_finding *pf_pass_report(pf_pass_context *context, pf_rule rule, TSNode anchor, TSNode last, const char *fmt,
                           ...) {
    pf_finding *f = pf_finding_add(context->arena, context->findings, context->suppressions, rule, anchor, last);
    va_list ap;
    va_start(ap, fmt);
    f->message = pf_arena_vprintf(context->arena, fmt, ap);
    va_end(ap);
    return f;
}

void pf_finding_decline(pf_pass_context *context, pf_finding *finding, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    finding->decline = pf_arena_vprintf(context->arena, fmt, ap);
    va_end(ap);
    finding->fixable = false;
}

const char *pf_map_key_problem(const pf_schema *schema, const pf_schema_field *field) {
    static const char *const by_identity[] = {"DateTime", "Decimal", "Json", "Bytes"};
    if (field->is_list) return "the field is a list, whose values a lookup would compare by identity";
    for (size_t i = 0; i < sizeof(by_identity) / sizeof(*by_identity); i++)
        if (strcmp(field->type, by_identity[i]) == 0)
            return "the field is a DateTime/Decimal/Json/Bytes, whose values a lookup would compare by identity";
    if (strcmp(field->type, "BigInt") == 0)
        return "the field is a BigInt: groupBy returns its keys as bigint, which a lookup by a number never finds";
    if (strcmp(field->type, "String") != 0) return NULL;
    if (field->native_type && strcmp(field->native_type, "Text") != 0 && strcmp(field->native_type, "VarChar") != 0)
        return "the field's column type (@db.Char pads, @db.Citext ignores case, @db.Uuid normalises case) makes the "
               "database match and group values a lookup tells apart";
    static const char *const exact_strings[] = {"postgresql", "postgres", "cockroachdb", "sqlite", "mongodb"};
    for (size_t i = 0; schema->provider && i < sizeof(exact_strings) / sizeof(*exact_strings); i++)
        if (strcmp(schema->provider, exact_strings[i]) == 0) return NULL;
    return "the field is a String and the database (not PostgreSQL, CockroachDB, SQLite or MongoDB, or not named "
           "in the schema) may compare strings ignoring case or trailing spaces, grouping values a lookup tells apart";
}

TSNode pf_statement_anchor(TSNode node) {
    TSNode up[PF_ANCESTORS_MAX];
    size_t depth = pf_node_ancestors(node, up, PF_ANCESTORS_MAX);
    for (size_t i = depth; i-- > 0;) {
        if (pf_node_is(up[i], "statement_block") || pf_node_is(up[i], "program"))
            return i + 1 < depth ? up[i + 1] : node;
        if (pf_node_is_function(up[i])) break;
    }
    return node;
}

/* The one argument of a call `object.method(argument)`, with `*object` its receiver; a null
 * node when `call` is no such call. */
static TSNode lone_method_argument(const pf_syntax *syntax, TSNode call, const char *method, TSNode *object) {
    *object = pf_method_receiver(syntax, call, method);
    TSNode args = pf_node_field(call, "arguments");
    if (ts_node_is_null(*object) || pf_node_named_count(args) != 1) return pf_node_null();
    return pf_node_named_child(args, 0);
}

/* Whether `cond` is `!map.has(key)` for the key text `key`, or names it when `key` is empty. */
static bool is_not_has(const pf_syntax *syntax, TSNode cond, pf_str *key, pf_str *map) {
    cond = pf_node_unwrap(cond);
    if (!pf_node_is(cond, "unary_expression") || !pf_node_text_is(syntax, pf_node_field(cond, "operator"), "!"))
        return false;
    TSNode object;
    TSNode argument = lone_method_argument(syntax, pf_node_unwrap(pf_node_field(cond, "argument")), "has", &object);
    if (ts_node_is_null(argument)) return false;
    pf_str text = pf_node_str(syntax, argument);
    if (key->len && !pf_str_eq(text, *key)) return false;
    *key = text;
    *map = pf_node_str(syntax, object);
    return true;
}

/* Whether `cond` is `key == null`, and names the key. */
static bool is_null_test(const pf_syntax *syntax, TSNode cond, pf_str *key) {
    cond = pf_node_unwrap(cond);
    if (!pf_node_is(cond, "binary_expression") || !pf_node_text_is(syntax, pf_node_field(cond, "operator"), "==") ||
        !pf_node_text_is(syntax, pf_node_field(cond, "right"), "null"))
        return false;
    *key = pf_node_str(syntax, pf_node_field(cond, "left"));
    return true;
}

bool pf_is_null_key_fallback(const pf_syntax *syntax, TSNode call) {
    TSNode await = pf_node_parent_unparen(call);
    if (!pf_node_is(await, "await_expression")) return false;
    TSNode ternary = pf_node_parent_unparen(await);
    if (!pf_node_is(ternary, "ternary_expression") || !ts_node_eq(pf_node_field(ternary, "consequence"), await))
        return false;
    /* `key == null`, `!map.has(key)` (a row the lookup no longer holds), or both joined by `||` */
    TSNode cond = pf_node_unwrap(pf_node_field(ternary, "condition"));
    pf_str key = pf_str_make("", 0), map = pf_str_make("", 0);
    bool either = pf_node_is(cond, "binary_expression") && pf_node_text_is(syntax, pf_node_field(cond, "operator"), "||");
    if (either ? !(is_null_test(syntax, pf_node_field(cond, "left"), &key) &&
                   is_not_has(syntax, pf_node_field(cond, "right"), &key, &map))
               : !(is_null_test(syntax, cond, &key) || is_not_has(syntax, cond, &key, &map)))
        return false;
    /* the other branch: map.get(key) ?? d */
    TSNode other = pf_node_unwrap(pf_node_field(ternary, "alternative"));
    if (!pf_node_is(other, "binary_expression") || !pf_node_text_is(syntax, pf_node_field(other, "operator"), "??"))
        return false;
    TSNode object;
    TSNode argument = lone_method_argument(syntax, pf_node_unwrap(pf_node_field(other, "left")), "get", &object);
    if (ts_node_is_null(argument)) return false;
    if (map.len && !pf_str_eq(pf_node_str(syntax, object), map)) return false;
    return pf_str_eq(pf_node_str(syntax, argument), key);
}

bool pf_only_null_key_fallbacks(const pf_model *model, TSNode node) {
    bool any = false;
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (!pf_node_contains(node, q->call)) continue;
        if (!pf_is_null_key_fallback(model->syntax, q->call)) return false;
        any = true;
    }
    return any;
}

void pf_note_loop_in_transaction(pf_pass_context *context, pf_finding *finding, TSNode loop) {
    const pf_model *model = context->model;
    int transaction = pf_model_transaction_around(model, loop);
    if (transaction < 0 || finding->in_transaction) return;
    finding->in_transaction = true;
    /* A query on the client that started the transaction takes a connection of its own
     * (transaction-outer-client): "they run on its one connection" would be untrue of it. */
    bool outer = false;
    for (size_t i = 0; i < model->queries.len && !outer; i++)
        outer = pf_node_contains(loop, model->queries.items[i].call) &&
                pf_model_on_outer_client(model, &model->queries.items[i]);
    const char *held = outer ? ", which holds its one connection through every round trip, one after another, its "
                               "queries on the outer client each wait for a second connection "
                               "(transaction-outer-client); with connection_limit=1 every other request waits "
                               "meanwhile,"
                             : " they run on its one connection, held through every round trip, one after another "
                               "(with connection_limit=1 every other request waits meanwhile),";
    /* Prisma's defaults: `timeout` 5 s for the callback to finish, `maxWait` 2 s to start. */
    finding->message = pf_arena_printf(context->arena,
                                       "%s; inside an interactive $transaction (line %d)%s and the transaction is "
                                       "rolled back when the loop outlasts its timeout (5 s unless its `timeout` "
                                       "option says otherwise)",
                                       finding->message, pf_node_line(model->queries.items[transaction].call), held);
}

const char *pf_transaction_hook_problem(const pf_model *model, const pf_query *query, TSNode loop, pf_arena *arena) {
    if (!pf_model_in_transaction_around(model, query, loop)) return NULL;
    const pf_query *transaction = &model->queries.items[query->transaction];
    const char *problem = pf_client_hook_problem(model, transaction->client, query->delegate, arena);
    if (!problem) return NULL;
    return pf_arena_printf(arena, "runs on the transaction of `%.*s` (line %d), %s", (int)transaction->client.len,
                           transaction->client.ptr, pf_node_line(transaction->call), problem);
}

pf_finding *pf_pass_finding_at(pf_pass_context *context, pf_rule rule, TSNode anchor) {
    uint32_t start = ts_node_start_byte(anchor);
    for (size_t i = 0; i < context->findings->len; i++) {
        pf_finding *f = &context->findings->items[i];
        if (f->rule == rule && f->start == start) return f;
    }
    return NULL;
}

bool pf_in_scope(const pf_model *model, const pf_options *options, TSNode node) {
    if (options->endpoint_count == 0) return true;
    uint32_t at = ts_node_start_byte(node);
    size_t lo = 0, hi = model->selection_count;
    while (lo < hi) { /* the last span starting at or before `at` */
        size_t mid = (lo + hi) / 2;
        if (model->selection[mid].start <= at) lo = mid + 1;
        else hi = mid;
    }
    for (size_t i = lo; i-- > 0;)
        if (model->selection[i].end > at) return true;
    return false;
}

/* Whether the tree at and around `node` is free of syntax errors: the node itself, its
 * neighbours and its ancestors up to the enclosing statement list. Text next to an ERROR
 * node may not mean what it seems, so it is never rewritten. */
static bool clean_around(TSNode node) {
    if (ts_node_has_error(node)) return false;
    TSNode prev = ts_node_prev_sibling(node), next = ts_node_next_sibling(node);
    if (pf_node_is(prev, "ERROR") || pf_node_is(next, "ERROR")) return false;
    for (TSNode up = ts_node_parent(node); !ts_node_is_null(up); up = ts_node_parent(up))
        if (pf_node_is(up, "ERROR")) return false;
    return true;
}

bool pf_pass_may_rewrite(pf_pass_context *context, pf_finding *finding, TSNode node) {
    if (!clean_around(node)) {
        pf_finding_decline(context, finding, "not rewritten: the code around it has syntax errors; fix them first");
        return false;
    }
    bool may = context->edits && !finding->suppressed && pf_in_scope(context->model, context->options, node);
    context->rewrites += may;
    return may;
}
