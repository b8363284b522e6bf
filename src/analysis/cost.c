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
            if (child.total > 0) pf_measure_charge(&m, child, costs[c].times, costs[c].known);
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
