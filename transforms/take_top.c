/* take-top: adds `take: N` to top-level `findMany` calls that have none (rule
 * unbounded-findmany). Opt-in (--pass take-top): it changes what an endpoint returns, so it
 * never runs by default, and it declines where truncating is surely wrong: `distinct`
 * queries, and code that looks like an export or download, which must return every row. */
#include "poolfix/edits.h"
#include "poolfix/objects.h"
#include "poolfix/pass.h"

#include <ctype.h>
#include <string.h>

/* Case-insensitive search for `needle` in `s`. */
static bool contains_word(pf_str s, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= s.len; i++) {
        size_t k = 0;
        while (k < n && tolower((unsigned char)s.ptr[i + k]) == needle[k]) k++;
        if (k == n) return true;
    }
    return false;
}

/* Whether the function or route around a query looks like an export or download, whose
 * point is to return every row. */
static bool looks_like_export(const pf_model *model, const pf_query *q) {
    static const char *const words[] = {"export", "download", "csv", "xlsx", "backup", "dump"};
    pf_str names[2] = {pf_str_c(model->route), pf_str_make("", 0)};
    int owner = pf_model_owner_of(model, q->call);
    if (owner >= 0) names[1] = model->functions.items[owner].name;
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < sizeof(words) / sizeof(*words); k++)
            if (contains_word(names[i], words[k])) return true;
    return false;
}

/* The variable a query's rows land in: `const rows = await q`, `rows = await q`, or the
 * name at the query's place in `const [a, rows] = await Promise.all([p, q])`. A null node
 * otherwise. */
static TSNode rows_variable(const pf_model *model, pf_arena *arena, const pf_query *q) {
    TSNode up = pf_node_parent_unparen(q->outer);
    if (pf_node_is(up, "variable_declarator")) return pf_node_field(up, "name");
    if (pf_node_is(up, "assignment_expression")) return pf_node_field(up, "left");
    const pf_group *group = pf_model_group_at(model, pf_node_parent(pf_node_parent(up)));
    pf_slot slot;
    if (!pf_node_is(up, "array") || !group || !ts_node_eq(group->argument, up) ||
        !pf_node_is(pf_node_parent_unparen(group->call), "await_expression") ||
        pf_statement_slot(pf_node_parent_unparen(group->call), &slot) || !pf_node_is(slot.target, "array_pattern"))
        return pf_node_null();
    pf_list array, pattern;
    pf_list_read(model->syntax, up, arena, &array);
    pf_list_read(model->syntax, slot.target, arena, &pattern);
    for (size_t i = 0; i < array.count && i < pattern.count; i++)
        if (!ts_node_is_null(array.items[i].node) && ts_node_eq(array.items[i].node, q->outer))
            return pattern.items[i].node;
    return pf_node_null();
}

/* The variable at the root of a chain of member accesses and calls: `rows` for
 * `rows.map(f).filter(g)`. A null node when the chain starts elsewhere. */
static TSNode chain_root(TSNode node) {
    for (;;) {
        node = pf_node_unwrap(node);
        if (pf_node_is(node, "call_expression")) node = pf_node_field(node, "function");
        else if (pf_node_is(node, "member_expression") || pf_node_is(node, "subscript_expression"))
            node = pf_node_field(node, "object");
        else return pf_node_is(node, "identifier") ? node : pf_node_null();
    }
}

/* Whether code counts or searches the rows of a findMany: `rows.length`, `.filter`,
 * `.reduce`, `.find`, ..., or a for-of over them, directly or through a chain of array
 * methods (`rows.map(f).reduce(g)`), in the block that holds `rows`. A limit would change
 * those numbers without anything saying so, unlike a list that is returned. */
static bool rows_aggregated(const pf_model *model, pf_arena *arena, const pf_query *q) {
    static const char *const aggregating[] = {"length", "filter", "reduce", "reduceRight", "find", "findIndex",
                                              "findLast", "some", "every", "includes", "indexOf", "forEach"};
    const pf_syntax *syntax = model->syntax;
    TSNode name = rows_variable(model, arena, q);
    if (!pf_node_is(name, "identifier")) return false;
    pf_str rows = pf_node_str(syntax, name);
    TSNode scope = name;
    while (!ts_node_is_null(scope) && !pf_node_is(scope, "statement_block") && !pf_node_is(scope, "program"))
        scope = ts_node_parent(scope);
    if (ts_node_is_null(scope)) return false;
    TSTreeCursor cursor = ts_tree_cursor_new(scope);
    bool found = false;
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        TSNode subject = pf_node_null();
        if (pf_node_is(node, "member_expression")) {
            pf_str property = pf_node_str(syntax, pf_node_field(node, "property"));
            for (size_t i = 0; i < sizeof(aggregating) / sizeof(*aggregating) && ts_node_is_null(subject); i++)
                if (pf_str_eq_c(property, aggregating[i])) subject = pf_node_field(node, "object");
        } else if (pf_node_is(node, "for_in_statement")) {
            subject = pf_node_field(node, "right");
        }
        subject = chain_root(subject);
        found = !ts_node_is_null(subject) && pf_str_eq(pf_node_str(syntax, subject), rows);
    } while (!found && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

/* Reports (and, when asked, bounds) each findMany without `take`. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    const pf_syntax *syntax = model->syntax;
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (!pf_str_eq_c(q->op, "findMany")) continue;
        TSNode args = q->args;
        uint32_t argc = 0;
        for (uint32_t k = 0; pf_node_is(args, "arguments") && k < ts_node_named_child_count(args); k++)
            argc += !pf_node_is(ts_node_named_child(args, k), "comment");
        bool literal = !ts_node_is_null(q->arg_object);
        if (literal && !ts_node_is_null(pf_object_pair(syntax, q->arg_object, "take"))) continue;
        pf_finding *f = pf_pass_report(ctx, PF_RULE_UNBOUNDED_FINDMANY, q->call, q->call,
                                       "`%.*s.findMany` has no `take`: it returns every matching row",
                                       (int)q->delegate.len, q->delegate.ptr);
        f->changes_results = true;
        if (argc > 0 && !literal) {
            pf_finding_decline(ctx, f, "not rewritten: its arguments are not an object literal");
        } else if (literal && pf_object_has_spread(q->arg_object)) {
            pf_finding_decline(ctx, f, "not rewritten: its arguments spread another object (`...x`), which may "
                                       "set `take` already; add it where that object is built");
        } else if (literal && !ts_node_is_null(pf_object_pair(syntax, q->arg_object, "distinct"))) {
            pf_finding_decline(ctx, f, "not rewritten: it uses `distinct`, whose result a limit would cut short");
        } else if (looks_like_export(model, q)) {
            pf_finding_decline(ctx, f, "not rewritten: it looks like an export or download, which must return "
                                       "every row; paginate it with a cursor instead");
        } else if (rows_aggregated(model, ctx->arena, q)) {
            pf_finding_decline(ctx, f, "not rewritten: its rows are counted or searched in code (`.length`, "
                                       "`.filter`, `.reduce`, a for-of loop), whose results a limit would change "
                                       "silently; count in the database instead (count, groupBy, aggregate)");
        } else if (pf_pass_may_rewrite(ctx, f, q->call)) {
            const char *item = pf_arena_printf(ctx->arena, "take: %d", ctx->options->take);
            /* An object literal gets `take` as its last key; `findMany()` (perhaps with only a
             * comment inside) gets an object holding it. */
            const char *added = literal ? item : pf_arena_printf(ctx->arena, "{ %s }", item);
            pf_list list;
            pf_list_read(syntax, literal ? q->arg_object : args, ctx->arena, &list);
            pf_list_append(&list, syntax->text, &added, 1, ctx->newline, ctx->edits);
        }
    }
}

#include "take-top.md.h"

const pf_pass pf_pass_take_top = {
    .name = "take-top",
    .rule = PF_RULE_UNBOUNDED_FINDMANY,
    .default_on = false,
    .summary = "add take: N to top-level findMany calls (opt-in: it changes results)",
    .doc = pf_doc_take_top,
    .run = run,
};
