/* The functions rewrites add to a file (see helpers.h). */
#include "poolfix/helpers.h"

#include "poolfix/edits.h"

#include <string.h>

static const char *const bases[PF_HELPER_COUNT] = {"mapInBatches", "settleInBatches", "allInBatches",
                                                   "allSettledInBatches", "inChunks"};

const char *pf_helper_use(const pf_model *model, pf_arena *arena, pf_name_list *taken, pf_helpers *helpers,
                          pf_helper_kind kind) {
    if (helpers->names[kind]) return helpers->names[kind];
    const char *base = bases[kind];
    int fn = pf_model_function_named(model, pf_str_c(base));
    if (fn >= 0) {
        uint32_t start = ts_node_start_byte(model->functions.items[fn].node);
        uint32_t from = start > 600 ? start - 600 : 0;
        if (pf_bytes_contain(model->syntax->text + from, start - from, "(added by poolfix)")) {
            helpers->exists[kind] = true;
            return helpers->names[kind] = base;
        }
    }
    return helpers->names[kind] = pf_fresh_name(model->syntax, arena, taken, base);
}

long pf_in_list_limit(const pf_schema *schema) {
    const char *provider = schema ? schema->provider : NULL;
    if (provider && strcmp(provider, "sqlserver") == 0) return 2000;
    if (provider && strcmp(provider, "sqlite") == 0) return 900;
    return 30000;
}

/* The file's statement terminator: `;` or nothing, as its first Promise.all or query
 * statement is written. */
static const char *file_semicolon(const pf_model *model) {
    if (model->groups.len) return pf_semicolon_of(model->syntax->text, pf_statement_anchor(model->groups.items[0].call));
    if (model->queries.len) return pf_semicolon_of(model->syntax->text, pf_statement_anchor(model->queries.items[0].call));
    return ";";
}

/* How a helper is written in this file. */
typedef struct style {
    bool typed;
    const char *semi;
    char quote;
    int w;          /* one indentation unit */
    const char *in;
    const char *nl;
} style;

/* Appends `levels` indentation units. */
static void indent(pf_buf *out, const style *s, int levels) {
    for (int i = 0; i < levels; i++) pf_buf_printf(out, "%.*s", s->w, s->in);
}

/* Appends the loop that settles `settled` (one batch) into results and the first failure. */
static void append_collect(pf_buf *out, const style *s) {
    indent(out, s, 2);
    pf_buf_printf(out, "for (const outcome of settled) {%s", s->nl);
    indent(out, s, 3);
    pf_buf_printf(out, "if (outcome.status === %cfulfilled%c) results.push(outcome.value)%s%s", s->quote, s->quote, s->semi,
                  s->nl);
    indent(out, s, 3);
    pf_buf_printf(out, "else if (!failure) failure = { reason: outcome.reason }%s%s", s->semi, s->nl);
    indent(out, s, 2);
    pf_buf_printf(out, "}%s", s->nl);
}

/* Appends one helper's definition. */
static void append_helper(pf_buf *out, const style *s, pf_helper_kind kind, const char *name) {
    const char *nl = s->nl, *semi = s->semi;
    bool typed = s->typed, settle = kind == PF_HELPER_SETTLE_IN_BATCHES || kind == PF_HELPER_ALL_SETTLED_IN_BATCHES;
    bool of_values = kind == PF_HELPER_ALL_IN_BATCHES || kind == PF_HELPER_ALL_SETTLED_IN_BATCHES;
    if (kind == PF_HELPER_IN_CHUNKS) {
        pf_buf_printf(out, "%s/** Runs `read` on at most `size` keys at a time, one chunk after another, and returns all%s",
                      nl, nl);
        pf_buf_printf(out, " * the rows in order: one `in` list longer than the database's parameter limit would fail.%s",
                      nl);
        pf_buf_printf(out, " * (added by poolfix) */%s", nl);
        if (typed)
            pf_buf_printf(out,
                          "async function %s<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => "
                          "PromiseLike<R[]>): Promise<R[]> {%s",
                          name, nl);
        else
            pf_buf_printf(out, "async function %s(keys, size, read) {%s", name, nl);
        indent(out, s, 1);
        pf_buf_printf(out, "const rows%s = []%s%s", typed ? ": R[]" : "", semi, nl);
        indent(out, s, 1);
        pf_buf_printf(out, "for (let start = 0; start < keys.length; start += size) rows.push(...(await "
                           "read(keys.slice(start, start + size))))%s%s",
                      semi, nl);
        indent(out, s, 1);
        pf_buf_printf(out, "return rows%s%s}%s", semi, nl, nl);
        return;
    }
    if (of_values) {
        pf_buf_printf(out, "%s/** Calls `each` on every item first, as `.map` does, then awaits what it returned at most%s",
                      nl, nl);
        pf_buf_printf(out, " * `size` at a time (queries start when awaited) and returns %s%s",
                      settle ? "how each one settled, in order:" : "the results in order:", nl);
        if (settle)
            pf_buf_printf(out, " * Promise.allSettled with a bound. (added by poolfix) */%s", nl);
        else
            pf_buf_printf(out, " * Promise.all with a bound. Every one runs even when one fails; the first failure is%s"
                               " * thrown after the last batch. (added by poolfix) */%s",
                          nl, nl);
    } else {
        pf_buf_printf(out, "%s/** Runs `each` on every item, at most `size` at a time, and returns %s%s", nl,
                      settle ? "how each one settled, in" : "the results in order:", nl);
        if (settle)
            pf_buf_printf(out, " * order: Promise.allSettled with a bound. (added by poolfix) */%s", nl);
        else
            pf_buf_printf(out, " * Promise.all with a bound. Every item runs even when one fails; the first failure is%s"
                               " * thrown after the last batch. (added by poolfix) */%s",
                          nl, nl);
    }
    const char *result = settle ? "PromiseSettledResult<Awaited<R>>" : "Awaited<R>";
    if (typed)
        pf_buf_printf(out,
                      "async function %s<T, R>(items: readonly T[], size: number, each: (item: T, index: number) => R): "
                      "Promise<%s[]> {%s",
                      name, result, nl);
    else
        pf_buf_printf(out, "async function %s(items, size, each) {%s", name, nl);
    indent(out, s, 1);
    if (typed) pf_buf_printf(out, "const results: %s[] = []%s%s", result, semi, nl);
    else pf_buf_printf(out, "const results = []%s%s", semi, nl);
    if (!settle) {
        indent(out, s, 1);
        pf_buf_printf(out, "let failure%s%s%s", typed ? ": { reason: unknown } | undefined" : "", semi, nl);
    }
    if (of_values) {
        indent(out, s, 1);
        pf_buf_printf(out, "const values = items.map(each)%s%s", semi, nl);
    }
    indent(out, s, 1);
    pf_buf_printf(out, "for (let start = 0; start < items.length; start += size) {%s", nl);
    indent(out, s, 2);
    if (of_values) {
        pf_buf_printf(out, "const settled = await Promise.allSettled(values.slice(start, start + size))%s%s", semi, nl);
    } else {
        pf_buf_printf(out, "const settled = await Promise.allSettled(%s", nl);
        indent(out, s, 3);
        pf_buf_printf(out, "items.slice(start, start + size).map((item, offset) => each(item, start + offset)),%s", nl);
        indent(out, s, 2);
        pf_buf_printf(out, ")%s%s", semi, nl);
    }
    if (settle) {
        indent(out, s, 2);
        pf_buf_printf(out, "results.push(...settled)%s%s", semi, nl);
    } else {
        append_collect(out, s);
    }
    indent(out, s, 1);
    pf_buf_printf(out, "}%s", nl);
    if (!settle) {
        indent(out, s, 1);
        pf_buf_printf(out, "if (failure) throw failure.reason%s%s", semi, nl);
    }
    indent(out, s, 1);
    pf_buf_printf(out, "return results%s%s}%s", semi, nl, nl);
}

void pf_helpers_add(pf_pass_context *ctx, const pf_helpers *helpers) {
    if (!ctx->edits) return;
    const pf_model *model = ctx->model;
    pf_style file_style = pf_style_of(model->syntax);
    style s = {pf_path_has_types(model->path), file_semicolon(model), file_style.quote, (int)file_style.indent_unit.len,
               file_style.indent_unit.ptr, ctx->newline};
    const char *text = model->syntax->text;
    size_t len = model->syntax->len;
    pf_buf out = PF_BUF_INIT;
    for (int k = 0; k < PF_HELPER_COUNT; k++) {
        if (!helpers->names[k] || helpers->exists[k]) continue;
        if (out.len == 0 && len && text[len - 1] != '\n') pf_buf_puts(&out, ctx->newline);
        append_helper(&out, &s, (pf_helper_kind)k, helpers->names[k]);
    }
    if (out.len) pf_edits_replace_buf(ctx->edits, (uint32_t)len, (uint32_t)len, &out);
    pf_buf_free(&out);
}
