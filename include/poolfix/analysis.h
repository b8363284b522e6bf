/* Analysis: per function that runs queries (grouped by endpoint for route handlers), how many
 * queries are in flight at once, how many run in other round trips, and the severity of every
 * finding, from one set of rules (see `poolfix explain severity`). */
#ifndef POOLFIX_ANALYSIS_H
#define POOLFIX_ANALYSIS_H

#include "poolfix/arena.h"
#include "poolfix/cost.h"
#include "poolfix/findings.h"
#include "poolfix/options.h"
#include "poolfix/queries.h"
#include "poolfix/suppress.h"

/* Measures one expression that starts its queries at once (a Promise.all element, or the
 * whole Promise.all): a query (with .catch/.then/await around it) is 1, except inside an
 * interactive $transaction, whose queries share its connection; a findUnique of a shape
 * already started in the same array is 0 (Prisma batches those into one query); a ternary
 * counts its larger branch; arrays and nested Promise.all add up; a map counts its callback
 * once per element. */
pf_measure pf_measure_expr(const pf_model *model, TSNode expr);

/* Measures the code inside `scope` (a function, or a loop body): Promise.all groups and
 * map fan-outs are one round trip each, as wide as the queries they start; a
 * $transaction takes one connection; loops multiply what they hold by their trip count. */
pf_measure pf_measure_scope(const pf_model *model, TSNode scope);

/* Builds the cost tree of the code inside `scope` (see pf_measure_scope) into `costs`; its
 * calls name entries of model->calls. Returns its root, PF_COST_NONE when it costs nothing. */
uint32_t pf_cost_of_scope(const pf_model *model, TSNode scope, pf_arena *arena, pf_cost_list *costs);

typedef struct pf_handler_report {
    const char *function;    /* its name, or "(anonymous)" */
    const char *method;      /* "GET", ..., "ALL" (Pages Router) for route handlers, else NULL */
    const char *calls;       /* same-file functions whose queries it includes ("a, b"), or NULL */
    int line, end_line;
    pf_measure figures;
    long sequential;         /* total - width: queries outside the widest round trip */
    pf_severity severity;    /* the highest of its unsuppressed findings and its own figures */
    size_t finding_count;    /* findings inside it, suppressed ones included */
} pf_handler_report;

typedef PF_VEC(pf_handler_report) pf_handler_report_list;

/* Adds the analysis-only findings (sequential-queries), names the function of every finding,
 * sets every severity, and fills one report per function that runs queries. Findings made
 * by the passes must already be in `findings`. Strings go to `arena`. */
void pf_analyze(const pf_model *model, const pf_options *options, const pf_suppressions *suppressions,
                pf_arena *arena, pf_finding_list *findings, pf_handler_report_list *reports);

#endif
