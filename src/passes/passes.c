/* The registry of rewrite passes and the helpers they share (see pass.h). */
#include "poolfix/pass.h"

#include <stdarg.h>
#include <string.h>

extern const pf_pass pf_pass_take, pf_pass_take_top, pf_pass_groupby, pf_pass_loop, pf_pass_batch;

/* take runs before batch (it edits inside array elements, batch then moves whole elements);
 * groupby before batch (it removes fan-outs, and batch then sees what is left). */
const pf_pass *const pf_passes[] = {&pf_pass_take, &pf_pass_take_top, &pf_pass_groupby, &pf_pass_loop, &pf_pass_batch};
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
    return context->edits && !finding->suppressed && pf_in_scope(context->model, context->options, node);
}
