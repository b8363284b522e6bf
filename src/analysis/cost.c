/* Cost trees and the arithmetic of connection counts (see cost.h). */
#include "poolfix/cost.h"

void pf_measure_charge(pf_measure *m, pf_measure c, long times, bool known) {
    if (c.width > m->width) m->width = c.width;
    m->total = pf_count_add(m->total, pf_count_mul(c.total, times));
    m->rounds = pf_count_add(m->rounds, pf_count_mul(c.rounds, times));
    m->unbounded |= c.unbounded || !known;
}

pf_measure pf_measure_larger(pf_measure a, pf_measure b) {
    pf_measure m = {a.width > b.width ? a.width : b.width, a.total > b.total ? a.total : b.total,
                    a.rounds > b.rounds ? a.rounds : b.rounds, a.unbounded || b.unbounded};
    return m;
}

pf_measure pf_measure_together(pf_measure a, pf_measure b) {
    pf_measure m = {pf_count_add(a.width, b.width), pf_count_add(a.total, b.total),
                    a.rounds > b.rounds ? a.rounds : b.rounds, a.unbounded || b.unbounded};
    return m;
}

pf_measure pf_measure_fan_out(pf_measure each, long elements) {
    long n = elements >= 0 ? elements : 1;
    pf_measure m = {pf_count_mul(each.width, n), pf_count_mul(each.total, n), each.rounds, each.unbounded};
    if (elements < 0 && each.total > 0) m.unbounded = true;
    return m;
}

uint32_t pf_cost_add(pf_arena *arena, pf_cost_list *costs, pf_cost_kind kind) {
    uint32_t index = (uint32_t)costs->len;
    pf_cost *node = PF_VEC_PUSH(arena, *costs);
    node->kind = kind;
    node->known = true;
    node->times = 1;
    node->elements = -1;
    node->call = PF_COST_NONE;
    node->child = node->last = node->next = PF_COST_NONE;
    return index;
}

void pf_cost_adopt(pf_cost_list *costs, uint32_t parent, uint32_t child) {
    pf_cost *p = &costs->items[parent];
    if (p->last == PF_COST_NONE) p->child = child;
    else costs->items[p->last].next = child;
    p->last = child;
}

pf_measure pf_cost_eval(const pf_cost *costs, uint32_t root, pf_call_cost call_cost, void *context) {
    pf_measure none = {0, 0, 0, false}, one = {1, 1, 1, false};
    if (root == PF_COST_NONE) return none;
    const pf_cost *node = &costs[root];
    pf_measure m = none;
    switch (node->kind) {
    case PF_COST_QUERY:
        return one;
    case PF_COST_CALL:
        return call_cost ? call_cost(context, node->call) : none;
    case PF_COST_FANOUT:
        return pf_measure_fan_out(pf_cost_eval(costs, node->child, call_cost, context), node->elements);
    case PF_COST_SEQUENCE:
        for (uint32_t c = node->child; c != PF_COST_NONE; c = costs[c].next) {
            pf_measure child = pf_cost_eval(costs, c, call_cost, context);
            /* Unbounded without a query of its own: a recursive call, cut where it came back. */
            if (child.total > 0 || child.unbounded) pf_measure_charge(&m, child, costs[c].times, costs[c].known);
        }
        return m;
    case PF_COST_PARALLEL:
        for (uint32_t c = node->child; c != PF_COST_NONE; c = costs[c].next)
            m = pf_measure_together(m, pf_cost_eval(costs, c, call_cost, context));
        return m;
    case PF_COST_EITHER:
        for (uint32_t c = node->child; c != PF_COST_NONE; c = costs[c].next)
            m = pf_measure_larger(m, pf_cost_eval(costs, c, call_cost, context));
        return m;
    }
    return none;
}

/* What evaluating a tree two ways keeps: the costs of the calls before and after. */
typedef struct two_ways {
    const pf_cost *costs;
    const pf_measure *before, *after; /* per call; NULL: every call costs nothing */
    int batch_size;
    int sequential_threshold;
    bool differ;
} two_ways;

static bool same_measure(pf_measure a, pf_measure b) {
    return a.width == b.width && a.total == b.total && a.rounds == b.rounds && a.unbounded == b.unbounded;
}

/* Evaluates node `n` both ways into `*b` and `*a`, noting in `w->differ` when a finding made
 * from the tree could differ (see pf_cost_findings_differ). */
static void eval_two_ways(two_ways *w, uint32_t n, pf_measure *b, pf_measure *a) {
    pf_measure none = {0, 0, 0, false}, one = {1, 1, 1, false};
    *b = *a = none;
    if (n == PF_COST_NONE || w->differ) return;
    const pf_cost *node = &w->costs[n];
    switch (node->kind) {
    case PF_COST_QUERY:
        *b = *a = one;
        return;
    case PF_COST_CALL:
        if (w->before) *b = w->before[node->call];
        if (w->after) *a = w->after[node->call];
        return;
    case PF_COST_FANOUT: {
        pf_measure cb, ca;
        eval_two_ways(w, node->child, &cb, &ca);
        *b = pf_measure_fan_out(cb, node->elements);
        *a = pf_measure_fan_out(ca, node->elements);
        if ((cb.total > 0 || ca.total > 0) && !same_measure(cb, ca)) w->differ = true;
        return;
    }
    case PF_COST_PARALLEL:
    case PF_COST_EITHER:
        for (uint32_t c = node->child; c != PF_COST_NONE; c = w->costs[c].next) {
            pf_measure cb, ca;
            eval_two_ways(w, c, &cb, &ca);
            *b = node->kind == PF_COST_PARALLEL ? pf_measure_together(*b, cb) : pf_measure_larger(*b, cb);
            *a = node->kind == PF_COST_PARALLEL ? pf_measure_together(*a, ca) : pf_measure_larger(*a, ca);
        }
        if (node->kind == PF_COST_PARALLEL && (b->width > w->batch_size || a->width > w->batch_size) &&
            !same_measure(*b, *a))
            w->differ = true;
        return;
    case PF_COST_SEQUENCE: {
        long nonzero_before = 0, nonzero_after = 0;
        bool same_units = true;
        for (uint32_t c = node->child; c != PF_COST_NONE; c = w->costs[c].next) {
            pf_measure cb, ca;
            eval_two_ways(w, c, &cb, &ca);
            const pf_cost *child = &w->costs[c];
            bool repeated = child->times != 1 || !child->known;
            if (repeated && (cb.total > 0 || ca.total > 0) && !same_measure(cb, ca)) w->differ = true;
            nonzero_before += cb.total > 0;
            nonzero_after += ca.total > 0;
            same_units &= (cb.total > 0) == (ca.total > 0);
            if (cb.total > 0) pf_measure_charge(b, cb, child->times, child->known);
            if (ca.total > 0) pf_measure_charge(a, ca, child->times, child->known);
        }
        long most = nonzero_before > nonzero_after ? nonzero_before : nonzero_after;
        if (!same_units && most >= w->sequential_threshold) w->differ = true;
        return;
    }
    }
}

bool pf_cost_findings_differ(const pf_cost *costs, uint32_t root, const pf_measure *before, const pf_measure *after,
                             int batch_size, int sequential_threshold) {
    two_ways w = {costs, before, after, batch_size, sequential_threshold, false};
    pf_measure b, a;
    eval_two_ways(&w, root, &b, &a);
    return w.differ;
}
