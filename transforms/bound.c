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
 * which returns how each callback settled, in order, and never throws. */
#include "poolfix/analysis.h"
#include "poolfix/edits.h"
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
    long size;        /* callbacks in flight at once */
} plan;

/* Why the fan-out cannot be bounded, or NULL with the plan filled. */
static const char *plan_bound(const pf_syntax *syntax, const pf_options *options, const pf_group *g, long width,
                              plan *p) {
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
    if (ts_node_named_child_count(args) != (p->array_from ? 2u : 1u))
        return "`.map` has a second argument (`thisArg`) or comments among its arguments";
    TSNode params = pf_node_field(g->callback, "parameters");
    if (ts_node_is_null(pf_node_field(g->callback, "parameter")) && ts_node_named_child_count(params) > 2)
        return "the callback reads the whole array (a third parameter), which a batch does not pass";
    TSNode up = pf_node_parent_unparen(g->call);
    bool awaited = pf_node_is(up, "await_expression") || pf_node_is(up, "return_statement") ||
                   (pf_node_is(up, "arrow_function") && ts_node_eq(pf_node_field(up, "body"), pf_node_skip_parentheses(g->call)));
    if (!awaited)
        return "the Promise.all is not awaited or returned where it is built, so code after it would now run "
               "while later batches have not started";
    p->size = options->batch_size / (width > 0 ? width : 1);
    if (p->size < 1) p->size = 1;
    return NULL;
}

/* One of the two helpers: its name once chosen, and whether the file has it already. */
typedef struct bound_helper {
    const char *base; /* "mapInBatches" or "settleInBatches" */
    const char *name;
    bool exists;
} bound_helper;

/* The helper's name: an earlier poolfix helper of the file, or a fresh name. */
static const char *helper_name(const pf_model *model, pf_arena *arena, pf_name_list *taken, bound_helper *h) {
    if (h->name) return h->name;
    int fn = pf_model_function_named(model, pf_str_c(h->base));
    if (fn >= 0) {
        uint32_t start = ts_node_start_byte(model->functions.items[fn].node);
        uint32_t from = start > 600 ? start - 600 : 0;
        if (pf_bytes_contain(model->syntax->text + from, start - from, "(added by poolfix)")) {
            h->exists = true;
            return h->name = h->base;
        }
    }
    h->exists = false;
    return h->name = pf_fresh_name(model->syntax, arena, taken, h->base);
}

/* The file's statement terminator: `;` or nothing, as its first fan-out is written. */
static const char *file_semicolon(const pf_model *model) {
    for (size_t i = 0; i < model->groups.len; i++)
        return pf_semicolon_of(model->syntax->text, pf_statement_anchor(model->groups.items[i].call));
    return ";";
}

/* Appends the allSettled helper, in the file's style. */
static void append_settle_helper(pf_buf *out, const pf_model *model, const char *name, const char *nl) {
    pf_style style = pf_style_of(model->syntax);
    bool typed = pf_path_has_types(model->path);
    const char *semi = file_semicolon(model);
    pf_str u = style.indent_unit;
    int w = (int)u.len;
    const char *in = u.ptr;
    pf_buf_printf(out, "%s/** Runs `each` on every item, at most `size` at a time, and returns how each one settled, in%s",
                  nl, nl);
    pf_buf_printf(out, " * order: Promise.allSettled with a bound. (added by poolfix) */%s", nl);
    if (typed)
        pf_buf_printf(out,
                      "async function %s<T, R>(items: readonly T[], size: number, each: (item: T, index: number) => R): "
                      "Promise<PromiseSettledResult<Awaited<R>>[]> {%s",
                      name, nl);
    else
        pf_buf_printf(out, "async function %s(items, size, each) {%s", name, nl);
    pf_buf_printf(out, "%.*sconst results%s = []%s%s", w, in, typed ? ": PromiseSettledResult<Awaited<R>>[]" : "", semi,
                  nl);
    pf_buf_printf(out, "%.*sfor (let start = 0; start < items.length; start += size) {%s", w, in, nl);
    pf_buf_printf(out, "%.*s%.*sconst settled = await Promise.allSettled(%s", w, in, w, in, nl);
    pf_buf_printf(out, "%.*s%.*s%.*sitems.slice(start, start + size).map((item, offset) => each(item, start + offset)),%s", w,
                  in, w, in, w, in, nl);
    pf_buf_printf(out, "%.*s%.*s)%s%s", w, in, w, in, semi, nl);
    pf_buf_printf(out, "%.*s%.*sresults.push(...settled)%s%s", w, in, w, in, semi, nl);
    pf_buf_printf(out, "%.*s}%s", w, in, nl);
    pf_buf_printf(out, "%.*sreturn results%s%s", w, in, semi, nl);
    pf_buf_printf(out, "}%s", nl);
}

/* Appends the helper, in the file's style (types in TypeScript, its quote, semicolons and
 * indentation). */
static void append_helper(pf_buf *out, const pf_model *model, const char *name, const char *nl) {
    const pf_syntax *syntax = model->syntax;
    pf_style style = pf_style_of(syntax);
    bool typed = pf_path_has_types(model->path);
    const char *semi = file_semicolon(model);
    char q = style.quote;
    pf_str u = style.indent_unit;
    int w = (int)u.len;
    const char *in = u.ptr;
    pf_buf_printf(out, "%s/** Runs `each` on every item, at most `size` at a time, and returns the results in order:%s",
                  nl, nl);
    pf_buf_printf(out, " * Promise.all with a bound. Every item runs even when one fails; the first failure is%s", nl);
    pf_buf_printf(out, " * thrown after the last batch. (added by poolfix) */%s", nl);
    if (typed)
        pf_buf_printf(out,
                      "async function %s<T, R>(items: readonly T[], size: number, each: (item: T, index: number) => R): "
                      "Promise<Awaited<R>[]> {%s",
                      name, nl);
    else
        pf_buf_printf(out, "async function %s(items, size, each) {%s", name, nl);
    pf_buf_printf(out, "%.*sconst results%s = []%s%s", w, in, typed ? ": Awaited<R>[]" : "", semi, nl);
    pf_buf_printf(out, "%.*slet failure%s%s%s", w, in, typed ? ": { reason: unknown } | undefined" : "", semi, nl);
    pf_buf_printf(out, "%.*sfor (let start = 0; start < items.length; start += size) {%s", w, in, nl);
    pf_buf_printf(out, "%.*s%.*sconst settled = await Promise.allSettled(%s", w, in, w, in, nl);
    pf_buf_printf(out, "%.*s%.*s%.*sitems.slice(start, start + size).map((item, offset) => each(item, start + offset)),%s", w,
                  in, w, in, w, in, nl);
    pf_buf_printf(out, "%.*s%.*s)%s%s", w, in, w, in, semi, nl);
    pf_buf_printf(out, "%.*s%.*sfor (const outcome of settled) {%s", w, in, w, in, nl);
    pf_buf_printf(out, "%.*s%.*s%.*sif (outcome.status === %cfulfilled%c) results.push(outcome.value)%s%s", w, in, w, in, w,
                  in, q, q, semi, nl);
    pf_buf_printf(out, "%.*s%.*s%.*selse if (!failure) failure = { reason: outcome.reason }%s%s", w, in, w, in, w, in, semi,
                  nl);
    pf_buf_printf(out, "%.*s%.*s}%s", w, in, w, in, nl);
    pf_buf_printf(out, "%.*s}%s", w, in, nl);
    pf_buf_printf(out, "%.*sif (failure) throw failure.reason%s%s", w, in, semi, nl);
    pf_buf_printf(out, "%.*sreturn results%s%s", w, in, semi, nl);
    pf_buf_printf(out, "}%s", nl);
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
static void visit(pf_pass_context *ctx, const pf_group *g, bound_helper *helpers, pf_name_list *taken) {
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
                           each.width, each.width == 1 ? "y" : "ies");
        f->unbounded = n < 0 || each.unbounded;
    }
    plan p;
    memset(&p, 0, sizeof(p));
    const char *why = plan_bound(model->syntax, ctx->options, g, each.width, &p);
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
    const char *reason = groupby_why && strncmp(groupby_why, "not rewritten: ", 15) == 0 ? groupby_why + 15 : groupby_why;
    f->message = pf_arena_printf(ctx->arena,
                                 "%s; %s%s%sthe rewrite runs at most %ld callback%s at a time (`%s`), with the "
                                 "same results in the same order",
                                 f->message, reason ? "one query cannot replace it (" : "", reason ? reason : "",
                                 reason ? "), so " : "", p.size, p.size == 1 ? "" : "s", helpers[p.settle].base);
    f->decline = NULL;
    if (!pf_pass_may_rewrite(ctx, f, anchor)) return;
    rewrite(ctx, &p, helper_name(model, ctx->arena, taken, &helpers[p.settle]));
}

/* Bounds every map fan-out over an array that groupby does not replace. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    /* Not selected (--pass without bound): groupby's declines stand as they are. */
    if (!pf_pass_selected(ctx->options, "bound")) return;
    pf_name_list taken = {0};
    bound_helper helpers[2] = {{"mapInBatches", NULL, false}, {"settleInBatches", NULL, false}};
    for (size_t i = 0; i < model->groups.len; i++) {
        const pf_group *g = &model->groups.items[i];
        if (g->shape == PF_GROUP_MAP && !ts_node_is_null(g->callback)) visit(ctx, g, helpers, &taken);
    }
    if (!ctx->edits) return;
    pf_buf out = PF_BUF_INIT;
    const char *text = model->syntax->text;
    size_t len = model->syntax->len;
    for (int k = 0; k < 2; k++) {
        if (!helpers[k].name || helpers[k].exists) continue;
        if (out.len == 0 && len && text[len - 1] != '\n') pf_buf_puts(&out, ctx->newline);
        if (k == 0) append_helper(&out, model, helpers[k].name, ctx->newline);
        else append_settle_helper(&out, model, helpers[k].name, ctx->newline);
    }
    if (out.len) pf_edits_replace_buf(ctx->edits, (uint32_t)len, (uint32_t)len, &out);
    pf_buf_free(&out);
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
