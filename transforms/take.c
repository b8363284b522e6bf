/* take: adds `take: N` to nested to-many relations read through `include`/`select`
 * (rule unbounded-include). Opt-in (--pass take): it changes results on purpose (a relation
 * with more than N rows comes back with N), so it never runs by default.
 *
 * `take` is valid only on a to-many (list) relation: on a to-one relation it is a type
 * error and a runtime PrismaClientValidationError, so this pass works only with the Prisma
 * schema, following the model from one level of nesting to the next. A limit is offered
 * only where it is harmless: the relation's own where does not pick specific rows, its
 * order does not keep the oldest rows, and nothing in the file counts, searches, iterates
 * or writes its rows (rows.h follows them); where it has no orderBy, the id order is added,
 * so the same N rows come back every time. */
#include "poolfix/objects.h"
#include "poolfix/pass.h"
#include "poolfix/rows.h"

#include <string.h>

/* What the walk through one query's arguments carries along. */
typedef struct walk {
    pf_pass_context *ctx;
    const pf_schema *schema;
    const pf_query *query;
    char quote; /* the file's string quote, read when first needed (0 until then) */
} walk;

/* Where a selection sits: whether its parent rows are bounded, and whether there can be
 * several of them (then Prisma's default load strategy applies a nested take in memory). */
typedef struct parents {
    bool bounded;
    bool several;
} parents;

static void visit_arguments(walk *w, TSNode object, const pf_schema_model *model, parents up, pf_rows_path path);

/* `orderBy: { id: 'desc' }` (or a list for a compound id) for a relation without an order;
 * NULL when the model has no id to order by. */
static const char *order_by_id(walk *w, const pf_schema_model *model) {
    if (model->id_field_count == 0) return NULL;
    pf_buf text = PF_BUF_INIT;
    if (!w->quote) w->quote = pf_style_of(w->ctx->model->syntax).quote;
    char q = w->quote;
    if (model->id_field_count == 1) {
        pf_buf_printf(&text, "orderBy: { %s: %cdesc%c }", model->id_fields[0], q, q);
    } else {
        pf_buf_puts(&text, "orderBy: [");
        for (size_t i = 0; i < model->id_field_count; i++)
            pf_buf_printf(&text, "%s{ %s: %cdesc%c }", i ? ", " : "", model->id_fields[i], q, q);
        pf_buf_putc(&text, ']');
    }
    const char *result = pf_arena_strdup(w->ctx->arena, text.data);
    pf_buf_free(&text);
    return result;
}

/* The limit for one relation: --take, else poolfix.json (per relation, then default), else 10. */
static int limit_for(const pf_options *options, const pf_schema_model *model, const pf_schema_field *field) {
    return pf_options_take_for(options, model->name, strlen(model->name), field->name, strlen(field->name));
}

/* Asks for the edit that bounds one relation: `rel: true` becomes `rel: { take: N }`, and an
 * object gets `take: N` (and an orderBy with --order-by-id) in its own style. */
static void bound_relation(walk *w, TSNode value, int take, const char *order_by) {
    pf_pass_context *ctx = w->ctx;
    const pf_syntax *syntax = ctx->model->syntax;
    const char *items[2] = {pf_arena_printf(ctx->arena, "take: %d", take), order_by};
    size_t count = order_by ? 2 : 1;
    if (pf_node_is(value, "true")) {
        pf_buf text = PF_BUF_INIT;
        pf_buf_puts(&text, "{ ");
        for (size_t i = 0; i < count; i++) pf_buf_printf(&text, "%s%s", i ? ", " : "", items[i]);
        pf_buf_puts(&text, " }");
        pf_edits_replace_buf(ctx->edits, ts_node_start_byte(value), ts_node_end_byte(value), &text);
        pf_buf_free(&text);
        return;
    }
    pf_list list;
    pf_list_read(syntax, value, ctx->arena, &list);
    pf_list_append(&list, syntax->text, items, count, ctx->newline, ctx->edits);
}

/* The key of a where entry as written (a shorthand `{ id }` is its own key). */
static pf_str entry_key(const pf_syntax *syntax, TSNode entry) {
    return pf_node_is(entry, "pair") ? pf_pair_key(syntax, entry) : pf_node_str(syntax, entry);
}

/* Why the relation's own `where` picks specific rows, which a limit would then drop: an
 * `in` list, or a unique field. NULL when it does not. */
static const char *picks_specific_rows(walk *w, TSNode value, const pf_schema_model *related) {
    const pf_syntax *syntax = w->ctx->model->syntax;
    TSNode where = pf_node_is(value, "object") ? pf_node_unwrap(pf_object_value(syntax, value, "where")) : pf_node_null();
    if (ts_node_is_null(where)) return NULL;
    if (!pf_node_is(where, "object"))
        return "its own `where` is not an object literal, so poolfix cannot tell which rows it picks";
    uint32_t n = pf_node_named_count(where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode entry = pf_node_named_child(where, i);
        if (!pf_node_is(entry, "pair") && !pf_node_is(entry, "shorthand_property_identifier")) continue;
        pf_str key = entry_key(syntax, entry);
        TSNode filter = pf_node_is(entry, "pair") ? pf_node_unwrap(pf_node_field(entry, "value")) : entry;
        if (pf_node_is(filter, "object") && !ts_node_is_null(pf_object_pair(syntax, filter, "in")))
            return pf_arena_printf(w->ctx->arena, "its own `where` picks specific rows (`%.*s: { in: ... }`): a limit "
                                   "would drop some of the rows asked for", (int)key.len, key.ptr);
        const pf_schema_field *field = related ? pf_schema_field_named(related, key) : NULL;
        bool equality = !pf_node_is(filter, "object") || !ts_node_is_null(pf_object_pair(syntax, filter, "equals"));
        if (field && (field->is_id || field->is_unique) && equality)
            return pf_arena_printf(w->ctx->arena, "its own `where` picks rows by a unique key (`%.*s`): it reads one "
                                   "row at most, and a limit changes nothing there", (int)key.len, key.ptr);
    }
    return NULL;
}

/* Why the relation's orderBy makes a limit keep the wrong rows: ascending by a date (or an
 * autoincrement-like id) keeps the oldest rows, where a feed shows the newest. NULL
 * otherwise, and when the order is not written as a literal. */
static const char *keeps_oldest(walk *w, TSNode order, const pf_schema_model *related) {
    const pf_syntax *syntax = w->ctx->model->syntax;
    order = pf_node_unwrap(order);
    if (pf_node_is(order, "array")) order = pf_node_unwrap(pf_node_named_child(order, 0));
    if (!pf_node_is(order, "object") || !related) return NULL;
    TSNode first = pf_node_child_of_type(order, "pair");
    if (ts_node_is_null(first)) return NULL;
    pf_str key = pf_pair_key(syntax, first);
    TSNode direction = pf_node_unwrap(pf_node_field(first, "value"));
    if (pf_node_is(direction, "object")) direction = pf_node_unwrap(pf_object_value(syntax, direction, "sort"));
    const pf_schema_field *field = pf_schema_field_named(related, key);
    if (!field || !pf_str_eq_c(pf_string_value(syntax, direction), "asc") || strcmp(field->type, "DateTime") != 0)
        return NULL;
    return pf_arena_printf(w->ctx->arena, "its orderBy (`%.*s` ascending) makes a limit keep the oldest rows, where a "
                           "feed or a history needs the newest; order it descending (and reverse in code) by hand",
                           (int)key.len, key.ptr);
}

/* Reports (and, when asked, bounds) one to-many relation read without `take`. */
static void visit_to_many(walk *w, TSNode pair, TSNode value, const pf_schema_model *model,
                          const pf_schema_field *field, parents up, pf_rows_path path) {
    pf_pass_context *ctx = w->ctx;
    const pf_syntax *syntax = ctx->model->syntax;
    const pf_schema_model *related = pf_schema_related(w->schema, field);
    bool object = pf_node_is(value, "object"), literal = object || pf_node_is(value, "true");
    parents below = {true, true};
    pf_step element = {PF_STEP_ELEMENT, {NULL, 0}, 0};
    pf_rows_path rows = path, inside = pf_rows_path_append(ctx->arena, path, element);
    if (object && !ts_node_is_null(pf_object_pair(syntax, value, "take"))) {
        visit_arguments(w, value, related, below, inside);
        return;
    }
    TSNode order = object ? pf_object_pair(syntax, value, "orderBy") : pf_node_null();
    int take = limit_for(ctx->options, model, field);
    pf_finding *f = pf_pass_report(ctx, PF_RULE_UNBOUNDED_INCLUDE, pf_node_field(pair, "key"), pair,
                                   "`%s.%s` is a to-many relation read without `take`: every related row is "
                                   "loaded%s",
                                   model->name, field->name, up.bounded ? "" : ", for every parent row");
    f->relation = pf_arena_printf(ctx->arena, "%s.%s", model->name, field->name);
    f->changes_results = true;
    f->unbounded = !up.bounded;
    const char *why = NULL;
    const char *order_by = NULL;
    if (!literal) {
        why = "its value is not `true` or an object literal; add `take` where the object is built";
    } else if (object && pf_object_has_spread(value)) {
        why = "it spreads another object (`...x`), which may set `take` or `orderBy` already; add them where that "
              "object is built";
    } else {
        why = picks_specific_rows(w, value, related);
        if (!why && !ts_node_is_null(order)) why = keeps_oldest(w, pf_object_value(syntax, value, "orderBy"), related);
        if (!why && ts_node_is_null(order)) {
            order_by = order_by_id(w, related);
            if (!order_by)
                why = "it has no orderBy and its model no @id to order by, so which rows a limit keeps would change from "
                      "one request to the next";
        }
        if (!why) {
            const char *use = pf_rows_follow(ctx->model, ctx->arena, w->query->call, rows).why;
            if (use) why = pf_arena_printf(ctx->arena, "%s; with `take` that code would see at most %d of them", use, take);
        }
    }
    if (why) {
        pf_finding_decline(ctx, f, "not rewritten: %s", why);
    } else {
        f->message = pf_arena_printf(ctx->arena, "%s; nothing in this file counts, searches or iterates its rows", f->message);
        if (order_by)
            f->message = pf_arena_printf(ctx->arena,
                                         "%s; it has no orderBy, so the rewrite adds `%s` to keep the same %d rows "
                                         "every time",
                                         f->message, order_by, take);
        if (up.several)
            f->message = pf_arena_printf(ctx->arena,
                                         "%s; with several parent rows and Prisma's default relation load strategy, "
                                         "`take` bounds what reaches the app, not what the database reads "
                                         "(relationLoadStrategy: \"join\" pushes it into SQL)",
                                         f->message);
        if (pf_pass_may_rewrite(ctx, f, value)) bound_relation(w, value, take, order_by);
    }
    below.bounded = false; /* as written, the relation's rows are not bounded */
    if (object) visit_arguments(w, value, related, below, inside);
}

/* Walks one `include`/`select` object of `model`, whose rows are at `path` in the query's
 * value. */
static void visit_selection(walk *w, TSNode key, TSNode selection, const pf_schema_model *model, parents up,
                            pf_rows_path path) {
    pf_pass_context *ctx = w->ctx;
    const pf_syntax *syntax = ctx->model->syntax;
    selection = pf_node_unwrap(selection);
    if (!pf_node_is(selection, "object")) {
        if (pf_node_is(selection, "true") || pf_node_is(selection, "false") || pf_node_is(selection, "undefined"))
            return;
        pf_finding *f = pf_pass_report(ctx, PF_RULE_UNBOUNDED_INCLUDE, key, selection,
                                       "`%.*s` of `%s` is not an object literal, so its relations cannot be checked",
                                       (int)ts_node_end_byte(key) - (int)ts_node_start_byte(key),
                                       syntax->text + ts_node_start_byte(key), model->name);
        f->relation = pf_arena_printf(ctx->arena, "%s.?", model->name);
        pf_finding_decline(ctx, f, "not rewritten: build the object inline, or add `take` to every to-many "
                                   "relation where it is built");
        return;
    }
    uint32_t n = pf_node_named_count(selection);
    for (uint32_t i = 0; i < n; i++) {
        TSNode pair = pf_node_named_child(selection, i);
        if (!pf_node_is(pair, "pair")) continue;
        pf_str name = pf_pair_key(syntax, pair);
        if (name.len == 0 || pf_str_eq_c(name, "_count")) continue;
        TSNode value = pf_node_unwrap(pf_node_field(pair, "value"));
        if (pf_node_is(value, "false")) continue;
        const pf_schema_field *field = pf_schema_field_named(model, name);
        if (!field) {
            pf_finding *f = pf_pass_report(ctx, PF_RULE_UNBOUNDED_INCLUDE, pf_node_field(pair, "key"), pair,
                                           "`%s.%.*s` is not in the Prisma schema, so poolfix cannot tell whether "
                                           "it is a to-many relation",
                                           model->name, (int)name.len, name.ptr);
            f->relation = pf_arena_printf(ctx->arena, "%s.%.*s", model->name, (int)name.len, name.ptr);
            pf_finding_decline(ctx, f, "not rewritten: check the name against the schema");
            continue;
        }
        if (field->kind != PF_FIELD_RELATION) continue;
        pf_step step = {PF_STEP_FIELD, pf_str_c(field->name), 0};
        pf_rows_path below = pf_rows_path_append(ctx->arena, path, step);
        if (field->is_list) {
            visit_to_many(w, pair, value, model, field, up, below);
        } else if (pf_node_is(value, "object")) {
            visit_arguments(w, value, pf_schema_related(w->schema, field), up, below);
        }
    }
}

/* Walks the `include` and `select` of a query's (or a relation's) arguments. */
static void visit_arguments(walk *w, TSNode object, const pf_schema_model *model, parents up, pf_rows_path path) {
    if (!model) return;
    const pf_syntax *syntax = w->ctx->model->syntax;
    static const char *const keys[] = {"include", "select"};
    for (size_t k = 0; k < 2; k++) {
        TSNode pair = pf_object_pair(syntax, object, keys[k]);
        if (ts_node_is_null(pair)) continue;
        /* A shorthand (`{ include }`) is its own key and value: a variable, reported as such. */
        TSNode key = pf_node_is(pair, "pair") ? pf_node_field(pair, "key") : pair;
        visit_selection(w, key, pf_object_value(syntax, object, keys[k]), model, up, path);
    }
}

/* The parent rows of a query: several for findMany and the *AndReturn writes (bounded only
 * with a take), one for the rest. */
static parents query_parents(const pf_syntax *syntax, const pf_query *q) {
    parents up = {true, false};
    if (pf_str_eq_c(q->op, "findMany") || pf_str_eq_c(q->op, "createManyAndReturn") ||
        pf_str_eq_c(q->op, "updateManyAndReturn")) {
        up.several = true;
        up.bounded = !ts_node_is_null(q->arg_object) && !ts_node_is_null(pf_object_pair(syntax, q->arg_object, "take"));
    }
    return up;
}

/* Follows the include/select of every query with object-literal arguments. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    if (!model->schema) return;
    walk w = {ctx, model->schema, NULL, 0};
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (ts_node_is_null(q->arg_object) || q->delegate.len == 0) continue;
        const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, q->delegate);
        parents up = query_parents(model->syntax, q);
        pf_step element = {PF_STEP_ELEMENT, {NULL, 0}, 0};
        pf_rows_path root = {NULL, 0, NULL};
        if (up.several) root = pf_rows_path_append(ctx->arena, root, element);
        w.query = q;
        visit_arguments(&w, q->arg_object, m, up, root);
    }
}

#include "take.md.h"

const pf_pass pf_pass_take = {
    .name = "take",
    .rule = PF_RULE_UNBOUNDED_INCLUDE,
    .default_on = false,
    .summary = "add take: N to nested to-many relations where the limit is harmless (opt-in: it changes results)",
    .doc = pf_doc_take,
    .result_change = "responses keep at most %d items per relation",
    .run = run,
};
