/* bound: runs the callbacks of a map fan-out at most --batch-size at a time, where one query
 * cannot replace them (rule map-fanout).
 *
 * `await Promise.all(xs.map(cb))` starts every callback at once: as many connections as xs
 * has elements. groupby replaces per-element reads it can aggregate; for the rest this pass
 * takes over groupby's declined finding and rewrites the call to
 * `mapInBatches(xs, N, cb)`, a helper added once at the end of the file that runs the
 * callbacks N at a time (N = batch size / the queries one callback runs at once) and
 * returns their results in the same order, with the same types. Like the original, every
 * element runs even when one fails (each batch is settled), and the first failure is thrown
 * after the last batch. `Promise.allSettled(xs.map(cb))` becomes `settleInBatches(xs, N, cb)`,
 * which returns how each callback settled, in order, and never throws.
 *
 * A callback that is not `async` runs synchronously inside `.map`: the original calls every
 * callback before any of their promises is awaited, so a callback that throws stops the
 * fan-out before any query has started (queries are lazy). Calling such callbacks a batch at
 * a time would run the earlier batches first. When each of them returns a Prisma query as
 * it is, the rewrite calls `allInBatches(xs, N, cb)`, which calls every callback first, as
 * `.map` did, and only awaits their queries in batches: queries start when awaited. Any other synchronous
 * callback is declined unless what it returns is a promise already running (a call of an
 * async function of this file), for which the batches change nothing but timing. */
#include "poolfix/analysis.h"
#include "poolfix/edits.h"
#include "poolfix/helpers.h"
#include "poolfix/pass.h"

#include <string.h>

/* Everything a rewrite of one fan-out needs. */
typedef struct plan {
    const pf_group *group;
    TSNode map_call;  /* `xs.map(cb)` or `Array.from(src, cb)` */
    TSNode source;    /* xs, or Array.from's src */
    TSNode callback;
    bool array_from;
    bool settle;      /* Promise.allSettled */
    bool values;      /* the callback is synchronous and returns queries: every callback is called first,
                         then their queries are awaited in batches */
    long size;        /* callbacks in flight at once */
} plan;

/* Whether every value `body` (a callback's body, or a returned expression) can give is a
 * Prisma query as written (lazy until awaited). */
static bool returns_queries(const pf_model *model, TSNode body) {
    body = pf_node_skip_parentheses(body);
    if (pf_node_is(body, "ternary_expression"))
        return returns_queries(model, pf_node_field(body, "consequence")) &&
               returns_queries(model, pf_node_field(body, "alternative"));
    if (!pf_node_is(body, "statement_block")) {
        const pf_query *q = pf_model_plain_query(model, body);
        return q && !pf_node_is(pf_node_skip_parentheses(body), "await_expression") && q->kind != PF_QUERY_TRANSACTION;
    }
    bool found = false;
    TSTreeCursor cursor = ts_tree_cursor_new(body);
    bool ok = true;
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(node, "return_statement")) continue;
        TSNode fn = ts_node_parent(node);
        while (!pf_node_is_function(fn)) fn = ts_node_parent(fn);
        if (!ts_node_eq(fn, ts_node_parent(body))) continue; /* a nested function's return */
        found = true;
        ok = returns_queries(model, pf_node_named_child(node, 0));
    } while (ok && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return ok && found;
}

/* Why a synchronous callback cannot be called a batch at a time, or NULL: what it returns
 * must be a promise already running, the call of an async function of this file. */
static const char *sync_callback_problem(const pf_model *model, TSNode callback, pf_arena *arena) {
    TSNode body = pf_node_skip_parentheses(pf_node_field(callback, "body"));
    TSNode call = pf_model_peel(model, body);
    if (pf_node_is(call, "call_expression")) {
        TSNode callee = pf_node_unwrap(pf_node_field(call, "function"));
        int fn = pf_node_is(callee, "identifier") ? pf_model_function_named(model, pf_node_str(model->syntax, callee)) : -1;
        if (fn >= 0 && model->functions.items[fn].is_async && ts_node_eq(call, body)) return NULL;
        return pf_arena_printf(arena,
                               "the callback is not async and returns what `%s` returns, which poolfix cannot see: if "
                               "that is a query, which starts only when awaited, calling the callbacks a batch at a "
                               "time would run earlier batches before a later callback throws (the original throws "
                               "before any query starts); make the callback async, or return the query itself",
                               pf_excerpt(arena, pf_node_str(model->syntax, callee)));
    }
    return "the callback is not async and does more than return a query or an async call: calling it a batch at a "
           "time could run earlier batches before a later callback throws (the original throws before any query "
           "starts); make the callback async";
}

/* Why the fan-out cannot be bounded, or NULL with the plan filled. */
static const char *plan_bound(const pf_model *model, const pf_options *options, const pf_group *g, long width, plan *p,
                              pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    p->settle = pf_str_eq_c(g->method, "allSettled");
    if (!p->settle && !pf_str_eq_c(g->method, "all"))
        return "Promise.race/any are not bounded: they settle with the first callback, which a batch would change";
    if (ts_node_is_null(g->callback)) return "the callback is not a function written in place";
    p->group = g;
    p->map_call = g->argument;
    p->callback = g->callback;
    p->source = g->mapped;
    p->array_from = pf_node_text_is(syntax, pf_node_field(g->argument, "function"), "Array.from");
    TSNode args = pf_node_field(g->argument, "arguments");
    if (pf_node_named_count(args) != (p->array_from ? 2u : 1u))
        return "`.map` has a second argument (`thisArg`) or comments among its arguments";
    TSNode params = pf_node_field(g->callback, "parameters");
    if (ts_node_is_null(pf_node_field(g->callback, "parameter")) && pf_node_named_count(params) > 2)
        return "the callback reads the whole array (a third parameter), which a batch does not pass";
    TSNode up = pf_node_parent_unparen(g->call);
    bool awaited = pf_node_is(up, "await_expression") || pf_node_is(up, "return_statement") ||
                   (pf_node_is(up, "arrow_function") && ts_node_eq(pf_node_field(up, "body"), pf_node_skip_parentheses(g->call)));
    if (!awaited)
        return "the Promise.all is not awaited or returned where it is built, so code after it would now run "
               "while later batches have not started";
    p->size = options->batch_size / (width > 0 ? width : 1);
    if (p->size < 1) p->size = 1;
    if (!pf_node_is(pf_node_child(g->callback, 0), "async")) {
        p->values = returns_queries(model, pf_node_field(g->callback, "body"));
        if (!p->values) return sync_callback_problem(model, g->callback, arena);
    }
    return NULL;
}

/* Asks for the edits that turn `Promise.all(xs.map(cb))` into `helper(xs, N, cb)`, and
 * `Promise.all(Array.from(src, cb))` into `helper(Array.from(src), N, cb)`: the receiver, the
 * callback and everything around the call stay as written, line breaks included. */
static void rewrite(pf_pass_context *ctx, const plan *p, const char *helper) {
    const char *text = ctx->model->syntax->text;
    TSNode function = pf_node_field(p->group->call, "function");
    pf_edits_replace(ctx->edits, ts_node_start_byte(function), ts_node_end_byte(function), helper, strlen(helper));
    /* What separates the array from the callback: `.map(` or Array.from's comma. */
    uint32_t from = ts_node_end_byte(p->source);
    uint32_t to = p->array_from ? from : ts_node_start_byte(pf_node_field(p->map_call, "arguments")) + 1;
    if (p->array_from)
        while (to < ts_node_start_byte(p->callback) && text[to] != ',') to++;
    if (p->array_from) to++;
    bool space_follows = text[to] == ' ' || text[to] == '\t' || text[to] == '\n' || text[to] == '\r';
    const char *between = pf_arena_printf(ctx->arena, "%s, %ld,%s", p->array_from ? ")" : "", p->size,
                                          space_follows ? "" : " ");
    pf_edits_replace(ctx->edits, from, to, between, strlen(between));
    /* The map's (or Array.from's) closing parenthesis, with a trailing comma before it. */
    pf_edits_replace(ctx->edits, ts_node_end_byte(p->callback), ts_node_end_byte(p->map_call), "", 0);
}

/* Reports (or takes over) one fan-out and, when asked and possible, bounds it. */
static void visit(pf_pass_context *ctx, const pf_group *g, pf_helpers *helpers, pf_name_list *taken) {
    const pf_model *model = ctx->model;
    pf_measure each = pf_measure_scope(model, g->callback);
    if (each.total == 0) return;
    long n = pf_model_array_length(model, g->mapped);
    if (n == 0) return;
    TSNode anchor = pf_statement_anchor(g->call);
    pf_finding *f = pf_pass_finding_at(ctx, PF_RULE_MAP_FANOUT, anchor);
    if (f && (f->fixable || (f->pass && strcmp(f->pass, "groupby") != 0))) return; /* groupby rewrites it */
    const char *groupby_why = f && f->decline ? f->decline : NULL;
    if (!f) {
        f = pf_pass_report(ctx, PF_RULE_MAP_FANOUT, anchor, anchor, "runs %ld quer%s per element at once",
                           (long)each.width, each.width == 1 ? "y" : "ies");
        f->unbounded = n < 0 || each.unbounded;
    }
    plan p;
    memset(&p, 0, sizeof(p));
    const char *why = plan_bound(model, ctx->options, g, each.width, &p, ctx->arena);
    if (!why && n > 0 && pf_count_mul(each.width, n) <= ctx->options->batch_size)
        why = pf_arena_printf(ctx->arena, "it runs %ld quer%s at once, within the batch size: nothing to bound",
                              pf_count_mul(each.width, n), pf_count_mul(each.width, n) == 1 ? "y" : "ies");
    if (why) {
        if (groupby_why) pf_finding_decline(ctx, f, "%s; not bounded either: %s", groupby_why, why);
        else pf_finding_decline(ctx, f, "not bounded: %s", why);
        return;
    }
    f->pass = "bound";
    f->fixable = true;
    pf_helper_kind kind = p.values ? (p.settle ? PF_HELPER_ALL_SETTLED_IN_BATCHES : PF_HELPER_ALL_IN_BATCHES)
                                   : (p.settle ? PF_HELPER_SETTLE_IN_BATCHES : PF_HELPER_MAP_IN_BATCHES);
    static const char *const shown[PF_HELPER_COUNT] = {"mapInBatches", "settleInBatches", "allInBatches",
                                                        "allSettledInBatches", "inChunks"};
    const char *reason = groupby_why && strncmp(groupby_why, "not rewritten: ", 15) == 0 ? groupby_why + 15 : groupby_why;
    f->message = pf_arena_printf(ctx->arena,
                                 "%s; %s%s%sthe rewrite runs at most %ld %s at a time (`%s`), with the "
                                 "same results in the same order",
                                 f->message, reason ? "one query cannot replace it (" : "", reason ? reason : "",
                                 reason ? "), so " : "", p.size,
                                 p.values ? (p.size == 1 ? "query" : "queries") : (p.size == 1 ? "callback" : "callbacks"),
                                 shown[kind]);
    f->decline = NULL;
    if (!pf_pass_may_rewrite(ctx, f, anchor)) return;
    rewrite(ctx, &p, pf_helper_use(model, ctx->arena, taken, helpers, kind));
}

/* Bounds every map fan-out over an array that groupby does not replace. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    /* Not selected (--pass without bound): groupby's declines stand as they are. */
    if (!pf_pass_selected(ctx->options, "bound")) return;
    pf_name_list taken = {0};
    pf_helpers helpers;
    memset(&helpers, 0, sizeof(helpers));
    for (size_t i = 0; i < model->groups.len; i++) {
        const pf_group *g = &model->groups.items[i];
        if (g->shape == PF_GROUP_MAP && !ts_node_is_null(g->callback)) visit(ctx, g, &helpers, &taken);
    }
    pf_helpers_add(ctx, &helpers);
}

#include "bound.md.h"

const pf_pass pf_pass_bound = {
    .name = "bound",
    .rule = PF_RULE_MAP_FANOUT,
    .default_on = true,
    .summary = "run the callbacks of a map fan-out that one query cannot replace --batch-size at a time",
    .doc = pf_doc_bound,
    .run = run,
};
