/* What code does to the database (see effects.h). */
#include "poolfix/effects.h"

#include "poolfix/cost.h"
#include "poolfix/objects.h"

#include <string.h>

/* How far the write search follows same-file functions: enough for helpers of helpers. */
enum { FOLLOWED_FUNCTIONS = 64 };

static bool in_set(const pf_model_set *set, const pf_schema_model *m) {
    for (size_t i = 0; i < set->len; i++)
        if (set->items[i] == m) return true;
    return false;
}

static void add(pf_model_set *set, const pf_schema_model *m, pf_arena *arena) {
    if (m && !in_set(set, m)) *PF_VEC_PUSH(arena, *set) = m;
}

/* Adds `m` and every model its relations reach, however far. */
static void add_reachable(const pf_schema *schema, const pf_schema_model *m, pf_model_set *set, pf_arena *arena) {
    if (!m || in_set(set, m)) return;
    size_t from = set->len;
    add(set, m, arena);
    for (size_t k = from; k < set->len; k++) {
        const pf_schema_model *current = set->items[k];
        for (size_t f = 0; f < current->field_count; f++)
            if (current->fields[f].kind == PF_FIELD_RELATION) add(set, pf_schema_related(schema, &current->fields[f]), arena);
    }
}

static bool one_of(pf_str key, const char *const *keys) {
    for (; *keys; keys++)
        if (pf_str_eq_c(key, *keys)) return true;
    return false;
}

/* The keys of Prisma arguments that hold more arguments about the same model. */
static const char *const read_keys[] = {"where", "select", "include", "orderBy", "_count", "some", "every", "none",
                                        "is",    "isNot",  "AND",     "OR",      "NOT",    "cursor", "having", NULL};
static const char *const write_keys[] = {"data",    "create",     "update",     "upsert", "connectOrCreate",
                                         "createMany", "connect", "disconnect", "set",    "delete",
                                         "deleteMany", "updateMany", "where",   NULL};

/* Adds the models `value` (arguments about model `m`) reaches through relation fields; `keys`
 * are the argument keys that hold more arguments about `m`. What is not written out (a name,
 * a call, a spread) may reach any model reachable from there. */
static void reach(const pf_model *model, const pf_schema_model *m, TSNode value, const char *const *keys,
                  pf_model_set *out, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    value = pf_node_unwrap(value);
    if (!m || ts_node_is_null(value)) return;
    if (pf_node_is(value, "array")) {
        for (uint32_t i = 0; i < pf_node_named_count(value); i++)
            reach(model, m, pf_node_named_child(value, i), keys, out, arena);
        return;
    }
    if (pf_node_is(value, "true") || pf_node_is(value, "false") || pf_node_is(value, "null") ||
        pf_node_is(value, "undefined") || pf_node_is(value, "comment"))
        return;
    if (!pf_node_is(value, "object")) {
        add_reachable(model->schema, m, out, arena);
        return;
    }
    for (uint32_t i = 0; i < pf_node_named_count(value); i++) {
        TSNode item = pf_node_named_child(value, i);
        if (pf_node_is(item, "comment")) continue;
        if (!pf_node_is(item, "pair") && !pf_node_is(item, "shorthand_property_identifier")) {
            add_reachable(model->schema, m, out, arena); /* a spread, a method */
            continue;
        }
        pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_node_str(syntax, item);
        TSNode inner = pf_node_is(item, "pair") ? pf_node_field(item, "value") : item;
        const pf_schema_field *f = pf_schema_field_named(m, key);
        if (f && f->kind == PF_FIELD_RELATION) {
            const pf_schema_model *related = pf_schema_related(model->schema, f);
            add(out, related, arena);
            reach(model, related, inner, keys, out, arena);
        } else if (pf_str_eq_c(key, "_count") && pf_node_is(pf_node_unwrap(inner), "true")) {
            for (size_t k = 0; k < m->field_count; k++)
                if (m->fields[k].kind == PF_FIELD_RELATION) add(out, pf_schema_related(model->schema, &m->fields[k]), arena);
        } else if (!f && (one_of(key, keys) || key.len == 0)) {
            reach(model, m, inner, keys, out, arena);
        }
    }
}

void pf_models_read(const pf_model *model, const pf_query *q, pf_model_set *out, pf_arena *arena) {
    const pf_schema_model *m = model->schema ? pf_schema_model_by_delegate(model->schema, q->delegate) : NULL;
    add(out, m, arena);
    pf_models_read_related(model, q, out, arena);
}

void pf_models_read_related(const pf_model *model, const pf_query *q, pf_model_set *out, pf_arena *arena) {
    const pf_schema_model *m = model->schema ? pf_schema_model_by_delegate(model->schema, q->delegate) : NULL;
    if (!ts_node_is_null(q->arg_object)) reach(model, m, q->arg_object, read_keys, out, arena);
    else if (pf_node_named_count(q->args) > 0) add_reachable(model->schema, m, out, arena);
}

/* Adds the models a write query changes: its own, those its nested writes reach, and for a
 * delete every model it may cascade to. */
static void models_written(const pf_model *model, const pf_query *q, pf_model_set *out, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, q->delegate);
    add(out, m, arena);
    if (pf_str_starts_with(q->op, "delete")) {
        add_reachable(model->schema, m, out, arena);
        return;
    }
    if (ts_node_is_null(q->arg_object)) {
        if (pf_node_named_count(q->args) > 0) add_reachable(model->schema, m, out, arena);
        return;
    }
    static const char *const written[] = {"data", "create", "update"};
    for (size_t k = 0; k < sizeof(written) / sizeof(*written); k++) {
        TSNode entry = pf_object_pair(syntax, q->arg_object, written[k]);
        if (!ts_node_is_null(entry)) reach(model, m, pf_object_value(syntax, q->arg_object, written[k]), write_keys, out, arena);
    }
    if (pf_object_has_spread(q->arg_object)) add_reachable(model->schema, m, out, arena);
}

/* The same-file function a call runs, or -1: a top-level function named by the callee, or a
 * method of the class around the call called on `this`. */
static int same_file_callee(const pf_model *model, TSNode call) {
    const pf_syntax *syntax = model->syntax;
    TSNode callee = pf_node_unwrap(pf_node_field(call, "function"));
    if (pf_node_is(callee, "identifier")) return pf_model_function_named(model, pf_node_str(syntax, callee));
    if (!pf_node_is(callee, "member_expression") || !pf_node_is(pf_node_field(callee, "object"), "this")) return -1;
    pf_str name = pf_node_str(syntax, pf_node_field(callee, "property"));
    TSNode body = pf_node_null();
    for (TSNode n = ts_node_parent(call); !ts_node_is_null(n); n = ts_node_parent(n))
        if (pf_node_is(n, "class_body")) {
            body = n;
            break;
        }
    if (ts_node_is_null(body)) return -1;
    for (size_t i = 0; i < model->functions.len; i++) {
        TSNode fn = model->functions.items[i].node;
        if (pf_node_is(fn, "method_definition") && ts_node_eq(ts_node_parent(fn), body) &&
            pf_str_eq(pf_node_str(syntax, pf_node_field(fn, "name")), name))
            return (int)i;
    }
    return -1;
}

/* The first model of `written` that `seen` holds (any, with `seen` NULL), or NULL. */
static const pf_schema_model *overlap(const pf_model_set *written, const pf_model_set *seen) {
    for (size_t w = 0; w < written->len; w++)
        if (!seen || in_set(seen, written->items[w])) return written->items[w];
    return NULL;
}

/* Why one query under the searched code may change what the read sees, or NULL. `via` names
 * the same-file function it is in, or is NULL in the code itself. */
static const char *query_writes(const pf_model *model, const pf_query *q, const pf_model_set *seen, const char *via,
                                pf_arena *arena) {
    const char *through = via ? pf_arena_printf(arena, " through `%s`", via) : "";
    int line = pf_node_line(q->call);
    if (q->kind == PF_QUERY_TRANSACTION)
        return pf_arena_printf(arena, "runs a $transaction%s, which may write what the read sees (line %d)", through, line);
    if (q->kind == PF_QUERY_RAW_WRITE)
        return pf_arena_printf(arena, "runs raw SQL writes%s, which may write what the read sees (line %d)", through, line);
    if (q->kind != PF_QUERY_WRITE) return NULL;
    if (!model->schema || !pf_schema_model_by_delegate(model->schema, q->delegate))
        return pf_arena_printf(arena, "writes to `%.*s`%s, a model the Prisma schema does not have (line %d)",
                               (int)q->delegate.len, q->delegate.ptr, through, line);
    pf_model_set written = {0};
    models_written(model, q, &written, arena);
    const pf_schema_model *hit = overlap(&written, seen);
    if (!hit) return NULL;
    return pf_arena_printf(arena, "writes to `%s`%s%s (line %d)", hit->name, through, seen ? ", which the read sees" : "",
                           line);
}

/* Whether `call` is one of the `count` calls in `calls`. */
static bool listed(TSNode call, const TSNode *calls, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (ts_node_eq(calls[i], call)) return true;
    return false;
}

const char *pf_writes_seen(const pf_model *model, TSNode node, const pf_model_set *seen, pf_arena *arena) {
    return pf_writes_seen_except(model, node, seen, NULL, 0, arena);
}

const char *pf_writes_seen_except(const pf_model *model, TSNode node, const pf_model_set *seen, const TSNode *checked,
                                  size_t checked_count, pf_arena *arena) {
    PF_VEC(int) followed = {0};
    TSNode scope = node;
    const char *via = NULL;
    for (size_t next = 0;; next++) {
        for (size_t i = 0; i < model->queries.len; i++) {
            const pf_query *q = &model->queries.items[i];
            if (!pf_node_contains(scope, q->call) || listed(q->call, checked, checked_count)) continue;
            const char *why = query_writes(model, q, seen, via, arena);
            if (why) return why;
        }
        for (size_t i = 0; i < model->calls.len; i++) {
            TSNode call = model->calls.items[i].call;
            if (!pf_node_contains(scope, call)) continue;
            int fn = same_file_callee(model, call);
            if (fn >= 0) {
                bool known = false;
                for (size_t k = 0; k < followed.len && !known; k++) known = followed.items[k] == fn;
                if (known) continue;
                /* Beyond the functions followed, a write could hide anywhere: say so, never "none". */
                if (followed.len >= FOLLOWED_FUNCTIONS)
                    return pf_arena_printf(arena, "calls more functions of this file than poolfix follows (line %d)",
                                           pf_node_line(call));
                *PF_VEC_PUSH(arena, followed) = fn;
                continue;
            }
            if (model->call_costs && model->call_costs[i].writes) {
                pf_str callee = model->calls.items[i].callee;
                return pf_arena_printf(arena, "calls `%.*s`, which writes to the database in another file%s (line %d)",
                                       (int)callee.len, callee.ptr, seen ? " and may write what the read sees" : "",
                                       pf_node_line(call));
            }
        }
        if (next >= followed.len) return NULL;
        const pf_function *fn = &model->functions.items[followed.items[next]];
        scope = fn->node;
        via = fn->name.len ? pf_arena_strndup(arena, fn->name.ptr, fn->name.len) : "a function of this file";
    }
}
