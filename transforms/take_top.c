/* take-top: adds `take: N` to top-level `findMany` calls that have none (rule
 * unbounded-findmany). Opt-in (--pass take-top): it changes what an endpoint returns, so it
 * never runs by default, and it declines where truncating is surely wrong: `distinct`
 * queries, code that looks like an export or download, which must return every row, and
 * rows the code counts, searches or iterates (rows.h follows them). */
#include "poolfix/edits.h"
#include "poolfix/objects.h"
#include "poolfix/pass.h"
#include "poolfix/rows.h"

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

/* Reports (and, when asked, bounds) each findMany without `take`. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    const pf_syntax *syntax = model->syntax;
    const pf_rows_path every_row = {NULL, 0, NULL};
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        const char *use;
        if (!pf_str_eq_c(q->op, "findMany")) continue;
        TSNode args = q->args;
        uint32_t argc = 0;
        for (uint32_t k = 0; pf_node_is(args, "arguments") && k < pf_node_named_count(args); k++)
            argc += !pf_node_is(pf_node_named_child(args, k), "comment");
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
        } else if ((use = pf_rows_follow(model, ctx->arena, q->call, every_row).why)) {
            pf_finding_decline(ctx, f, "not rewritten: %s; with `take` that code would see at most %d of them; count "
                                       "or search in the database instead (count, groupBy, aggregate, where)",
                               use, ctx->options->take);
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
    .result_change = "findMany calls return at most %d rows",
    .run = run,
};
