/* Cost trees and the arithmetic of connection counts (see cost.h). */
#include "poolfix/cost.h"

void pf_measure_charge(pf_measure *m, pf_measure c, long times, bool known) {
    if (c.width > m->width) m->width = c.width;
    m->total = pf_count_add(m->total, pf_count_mul(c.total, times));
    m->rounds = pf_count_add(m->rounds, pf_count_mul(c.rounds, times));
    m->unbounded |= c.unbounded || !known;
    m->writes |= c.writes && times > 0;
}

pf_measure pf_measure_larger(pf_measure a, pf_measure b) {
    pf_measure m = {a.width > b.width ? a.width : b.width, a.total > b.total ? a.total : b.total,
                    a.rounds > b.rounds ? a.rounds : b.rounds, a.unbounded || b.unbounded, a.writes || b.writes};
    return m;
}

pf_measure pf_measure_together(pf_measure a, pf_measure b) {
    pf_measure m = {pf_count_add(a.width, b.width), pf_count_add(a.total, b.total),
                    a.rounds > b.rounds ? a.rounds : b.rounds, a.unbounded || b.unbounded, a.writes || b.writes};
    return m;
}

pf_measure pf_measure_fan_out(pf_measure each, long elements) {
    long n = elements >= 0 ? elements : 1;
    pf_measure m = {pf_count_mul(each.width, n), pf_count_mul(each.total, n), each.rounds, each.unbounded,
                    each.writes && n > 0};
    if (elements < 0 && each.total > 0) m.unbounded = true;
    return m;
}

uint32_t pf_cost_add(pf_arena *arena, pf_cost_list *costs, pf_cost_kind kind) {
    uint32_t index = (uint32_t)costs->len;
    pf_cost *node = PF_VEC_PUSH(arena, *costs);
    node->kind = kind;
    node->known = true;
    node->times = 1;
    if (kind == PF_COST_CALL) node->call = PF_COST_NONE;
    else node->elements = -1;
    node->child = node->next = PF_COST_NONE;
    return index;
}

void pf_cost_append(pf_cost_list *costs, uint32_t parent, uint32_t *last, uint32_t child) {
    if (*last == PF_COST_NONE) costs->items[parent].child = child;
    else costs->items[*last].next = child;
    *last = child;
}

pf_measure pf_cost_eval(const pf_cost *costs, uint32_t root, pf_call_cost call_cost, void *context) {
    pf_measure none = {0, 0, 0, false}, one = {1, 1, 1, false};
    if (root == PF_COST_NONE) return none;
    const pf_cost *node = &costs[root];
    pf_measure m = none;
    switch (node->kind) {
    case PF_COST_QUERY:
        one.writes = node->writes;
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

long pf_cost_steps(const pf_cost *costs, uint32_t root, pf_call_cost call_cost, void *context) {
    if (root == PF_COST_NONE) return 0;
    const pf_cost *node = &costs[root];
    long steps = 0;
    switch (node->kind) {
    case PF_COST_SEQUENCE:
        for (uint32_t c = node->child; c != PF_COST_NONE; c = costs[c].next)
            if (!costs[c].in_loop) steps += pf_cost_steps(costs, c, call_cost, context);
        return steps;
    case PF_COST_EITHER:
        for (uint32_t c = node->child; c != PF_COST_NONE; c = costs[c].next) {
            long arm = pf_cost_steps(costs, c, call_cost, context);
            if (arm > steps) steps = arm;
        }
        return steps;
    default:
        return pf_cost_eval(costs, root, call_cost, context).total > 0;
    }
}

/* Walks the units a sequence runs one after another (through sequences and the arms of
 * alternatives, not into loops), noting whether any of them goes from costing nothing to costing
 * something, or back, between the two ways its calls are costed. */
static bool steps_change(const pf_cost *costs, uint32_t n, pf_call_cost before, pf_call_cost after, void *context) {
    if (n == PF_COST_NONE) return false;
    const pf_cost *node = &costs[n];
    if (node->kind == PF_COST_SEQUENCE || node->kind == PF_COST_EITHER) {
        for (uint32_t c = node->child; c != PF_COST_NONE; c = costs[c].next)
            if (!costs[c].in_loop && steps_change(costs, c, before, after, context)) return true;
        return false;
    }
    return (pf_cost_eval(costs, n, before, context).total > 0) != (pf_cost_eval(costs, n, after, context).total > 0);
}

/* The costs of calls two ways, for pf_cost_findings_differ. */
typedef struct two_ways {
    const pf_measure *before, *after; /* per call; NULL: every call costs nothing */
} two_ways;

static pf_measure before_cost(void *context, uint32_t call) {
    const two_ways *w = context;
    pf_measure none = {0, 0, 0, false};
    return w->before ? w->before[call] : none;
}

static pf_measure after_cost(void *context, uint32_t call) {
    const two_ways *w = context;
    pf_measure none = {0, 0, 0, false};
    return w->after ? w->after[call] : none;
}

bool pf_cost_steps_differ(const pf_cost *costs, uint32_t root, const pf_measure *before, const pf_measure *after,
                          int threshold) {
    two_ways w = {before, after};
    long b = pf_cost_steps(costs, root, before_cost, &w), a = pf_cost_steps(costs, root, after_cost, &w);
    if ((b > a ? b : a) < threshold) return false;
    return b != a || steps_change(costs, root, before_cost, after_cost, &w);
}
