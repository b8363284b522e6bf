/* take: adds `take: N` to nested to-many relations read through `include`/`select`
 * (rule unbounded-include).
 *
 * `take` is valid only on a to-many (list) relation: on a to-one relation it is a type
 * error and a runtime PrismaClientValidationError, so this pass works only with the Prisma
 * schema, following the model from one level of nesting to the next. It changes results
 * on purpose (a relation with more than N rows comes back with N), and every finding says
 * so; without an orderBy, which N rows come back is not defined. */
#include "poolfix/objects.h"
#include "poolfix/pass.h"

#include <string.h>

/* What the walk through one query's arguments carries along. */
typedef struct walk {
    pf_pass_context *ctx;
    const pf_schema *schema;
    char quote; /* the file's string quote, read when first needed (0 until then) */
} walk;

/* Where a selection sits: whether its parent rows are bounded, and whether there can be
 * several of them (then Prisma's default load strategy applies a nested take in memory). */
typedef struct parents {
    bool bounded;
    bool several;
} parents;

static void visit_arguments(walk *w, TSNode object, const pf_schema_model *model, parents up);

/* `orderBy: { id: 'desc' }` (or a list for a compound id) for --order-by-id; NULL when the
 * model has no id to order by. */
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

/* Reports (and, when asked, bounds) one to-many relation read without `take`. */
static void visit_to_many(walk *w, TSNode pair, TSNode value, const pf_schema_model *model,
                          const pf_schema_field *field, parents up) {
    pf_pass_context *ctx = w->ctx;
    const pf_syntax *syntax = ctx->model->syntax;
    const pf_schema_model *related = pf_schema_related(w->schema, field);
    bool object = pf_node_is(value, "object"), literal = object || pf_node_is(value, "true");
    parents below = {true, true};
    if (object && !ts_node_is_null(pf_object_pair(syntax, value, "take"))) {
        visit_arguments(w, value, related, below);
        return;
    }
    bool ordered = object && !ts_node_is_null(pf_object_pair(syntax, value, "orderBy"));
    int take = limit_for(ctx->options, model, field);
    pf_finding *f = pf_pass_report(ctx, PF_RULE_UNBOUNDED_INCLUDE, pf_node_field(pair, "key"), pair,
                                   "`%s.%s` is a to-many relation read without `take`: every related row is "
                                   "loaded%s",
                                   model->name, field->name, up.bounded ? "" : ", for every parent row");
    f->relation = pf_arena_printf(ctx->arena, "%s.%s", model->name, field->name);
    f->changes_results = true;
    f->unbounded = !up.bounded;
    if (!literal) {
        pf_finding_decline(ctx, f,
                           "not rewritten: its value is not `true` or an object literal; add `take` where the "
                           "object is built");
    } else if (object && pf_object_has_spread(value)) {
        pf_finding_decline(ctx, f, "not rewritten: it spreads another object (`...x`), which may set `take` or "
                                   "`orderBy` already; add them where that object is built");
        visit_arguments(w, value, related, below);
    } else {
        const char *order_by = !ordered && ctx->options->order_by_id ? order_by_id(w, related) : NULL;
        if (!ordered && !order_by)
            f->message = pf_arena_printf(ctx->arena,
                                         "%s; it has no orderBy, so which %d rows `take` keeps is not defined "
                                         "(add one, or use --order-by-id)",
                                         f->message, take);
        if (up.several)
            f->message = pf_arena_printf(ctx->arena,
                                         "%s; with several parent rows and Prisma's default relation load strategy, "
                                         "`take` bounds what reaches the app, not what the database reads "
                                         "(relationLoadStrategy: \"join\" pushes it into SQL)",
                                         f->message);
        if (pf_pass_may_rewrite(ctx, f, value)) bound_relation(w, value, take, order_by);
        below.bounded = false;
        if (object) visit_arguments(w, value, related, below);
    }
}

/* Walks one `include`/`select` object of `model`. */
static void visit_selection(walk *w, TSNode key, TSNode selection, const pf_schema_model *model, parents up) {
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
    uint32_t n = ts_node_named_child_count(selection);
    for (uint32_t i = 0; i < n; i++) {
        TSNode pair = ts_node_named_child(selection, i);
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
        if (field->is_list) {
            visit_to_many(w, pair, value, model, field, up);
        } else if (pf_node_is(value, "object")) {
            visit_arguments(w, value, pf_schema_related(w->schema, field), up);
        }
    }
}

/* Walks the `include` and `select` of a query's (or a relation's) arguments. */
static void visit_arguments(walk *w, TSNode object, const pf_schema_model *model, parents up) {
    if (!model) return;
    const pf_syntax *syntax = w->ctx->model->syntax;
    static const char *const keys[] = {"include", "select"};
    for (size_t k = 0; k < 2; k++) {
        TSNode pair = pf_object_pair(syntax, object, keys[k]);
        if (ts_node_is_null(pair)) continue;
        /* A shorthand (`{ include }`) is its own key and value: a variable, reported as such. */
        TSNode key = pf_node_is(pair, "pair") ? pf_node_field(pair, "key") : pair;
        visit_selection(w, key, pf_object_value(syntax, object, keys[k]), model, up);
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
    walk w = {ctx, model->schema, 0};
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (ts_node_is_null(q->arg_object) || q->delegate.len == 0) continue;
        const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, q->delegate);
        visit_arguments(&w, q->arg_object, m, query_parents(model->syntax, q));
    }
}

#include "take.md.h"

const pf_pass pf_pass_take = {
    .name = "take",
    .rule = PF_RULE_UNBOUNDED_INCLUDE,
    .default_on = true,
    .summary = "add take: N to nested to-many relations in include/select (never to-one)",
    .doc = pf_doc_take,
    .run = run,
};
