/* What code costs in connections, as a small tree of plain data.
 *
 * The per-file analysis turns a function (or a loop body, or a Promise.all) into a cost
 * tree: queries, the Promise.all groups that run them at once, the loops and fan-outs that
 * repeat them, and the calls whose cost is not known inside the file. The tree holds no
 * syntax nodes, so the per-file summary keeps it after the parse is gone, a cache can write
 * it to disk, and the program stage evaluates it once the calls are resolved. Both stages
 * evaluate it with the same function, so a figure never depends on which stage made it. */
#ifndef POOLFIX_COST_H
#define POOLFIX_COST_H

#include "poolfix/arena.h"

#include <stdbool.h>
#include <stdint.h>

/* Query counts saturate at PF_COUNT_MAX: a loop bound such as 10^12 must not overflow the
 * products that estimate them (or the int a finding holds), and nothing reports more. */
#define PF_COUNT_MAX 1000000000L

/* a * b for counts (both >= 0), saturating at PF_COUNT_MAX. */
static inline long pf_count_mul(long a, long b) {
    if (a <= 0 || b <= 0) return 0;
    return a > PF_COUNT_MAX / b ? PF_COUNT_MAX : (a * b > PF_COUNT_MAX ? PF_COUNT_MAX : a * b);
}

/* a + b for counts (both in [0, PF_COUNT_MAX]), saturating at PF_COUNT_MAX. */
static inline long pf_count_add(long a, long b) {
    return a + b > PF_COUNT_MAX ? PF_COUNT_MAX : a + b;
}

/* What running a piece of code costs in connections. */
/* 16 bytes: a program keeps one per function, and the last stage one per call of each file it
 * processes again. The counts are in [0, PF_COUNT_MAX], which 32 bits hold. */
typedef struct pf_measure {
    int32_t width;  /* most queries in flight at once */
    int32_t total;  /* queries in all (each takes a connection in turn) */
    int32_t rounds; /* round trips one after another */
    bool unbounded; /* a count grows with the data: a fan-out over rows, a loop of unknown length */
    bool writes;    /* a query it runs may write (a write, a raw write, a $transaction) */
} pf_measure;

/* Adds to `m` the cost `c` of code that runs `times` times, one run after another (`known`
 * false: a loop around it has no static count, so the count grows with the data). */
void pf_measure_charge(pf_measure *m, pf_measure c, long times, bool known);
/* The larger of two costs, for alternatives (`a ? b : c`). */
pf_measure pf_measure_larger(pf_measure a, pf_measure b);
/* Two costs started at once: widths and totals add up, the longer chain of round trips wins. */
pf_measure pf_measure_together(pf_measure a, pf_measure b);
/* A cost run once per element of an array of `elements` (-1: unknown, so unbounded). */
pf_measure pf_measure_fan_out(pf_measure each, long elements);

#define PF_COST_NONE UINT32_MAX

typedef enum pf_cost_kind {
    PF_COST_SEQUENCE, /* children run one after another, each `times` times */
    PF_COST_PARALLEL, /* children start at once: a Promise.all array */
    PF_COST_EITHER,   /* one child runs: the branches of a ternary, the arms of an if/else or a switch */
    PF_COST_FANOUT,   /* its child runs once per element: `elements` of them, -1 unknown */
    PF_COST_QUERY,    /* one query: one connection, one round trip */
    PF_COST_CALL      /* a call: what its callee costs, known only to whoever resolves `call` */
} pf_cost_kind;

/* A count as a cost node holds it, in 32 bits: saturated at PF_COUNT_MAX (what the products
 * that use it saturate at anyway), -1 (not known) kept. */
static inline int32_t pf_count_narrow(long n) {
    return n < 0 ? -1 : n > PF_COUNT_MAX ? (int32_t)PF_COUNT_MAX : (int32_t)n;
}

/* 20 bytes: summaries hold one per query, call, loop and group of every function, and the
 * program keeps every summary (civitai: 1.5 MB of them at 28 bytes). */
typedef struct pf_cost {
    uint8_t kind;     /* a pf_cost_kind */
    bool known;       /* `times` is exact; false when a loop of unknown length repeats it */
    bool in_loop;     /* a loop runs it, even a loop of one trip: it is no step of a sequence */
    bool writes;      /* QUERY: the query may write */
    int32_t times;    /* runs per run of the parent sequence: the product of the loops around it
                         (pf_count_narrow) */
    union {
        int32_t elements; /* FANOUT: the array's length (pf_count_narrow), -1 when not known */
        uint32_t call;    /* CALL: the call site, an index the resolver understands */
    };
    uint32_t child;   /* first child, or PF_COST_NONE */
    uint32_t next;    /* next sibling, or PF_COST_NONE */
} pf_cost;

typedef PF_VEC(pf_cost) pf_cost_list;

/* Appends a node (run once, no children) and returns its index. */
uint32_t pf_cost_add(pf_arena *arena, pf_cost_list *costs, pf_cost_kind kind);
/* Makes `child` the last child of `parent`, whose last child so far is `*last` (PF_COST_NONE
 * for none), and sets `*last` to it. The builder keeps the last child, not the node: 4 bytes
 * a node in every summary. */
void pf_cost_append(pf_cost_list *costs, uint32_t parent, uint32_t *last, uint32_t child);

/* The cost of one call site, from whoever resolved its callee; zero when it is unknown. */
typedef pf_measure (*pf_call_cost)(void *context, uint32_t call);

/* Evaluates the tree at `root` (PF_COST_NONE costs nothing). In a sequence a child that
 * costs nothing is skipped, whatever repeats it: a loop without queries is no finding. */
pf_measure pf_cost_eval(const pf_cost *costs, uint32_t root, pf_call_cost call_cost, void *context);

/* The most units a run of the tree at `root` goes through one after another outside loops, each
 * costing something (a query, a Promise.all, a fan-out, a call that queries): the length of the
 * longest sequence of round trips, taking the longer arm of each alternative. */
long pf_cost_steps(const pf_cost *costs, uint32_t root, pf_call_cost call_cost, void *context);

/* Whether the sequential-queries finding made from the tree at `root` could differ when its
 * calls cost `after` instead of `before` (per call; NULL: nothing): the longest run of round
 * trips, or which units it goes through, changes, and reaches `threshold` either way. */
bool pf_cost_steps_differ(const pf_cost *costs, uint32_t root, const pf_measure *before, const pf_measure *after,
                          int threshold);

#endif
