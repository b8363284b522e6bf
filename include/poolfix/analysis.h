/* Analysis: per function that runs queries (grouped by endpoint for route handlers), how many
 * queries are in flight at once, how many run in other round trips, and the severity of every
 * finding, from one set of rules (see `poolfix explain severity`). */
#ifndef POOLFIX_ANALYSIS_H
#define POOLFIX_ANALYSIS_H

#include "poolfix/arena.h"
#include "poolfix/findings.h"
#include "poolfix/options.h"
#include "poolfix/queries.h"
#include "poolfix/suppress.h"

/* What running a piece of code costs in connections. */
typedef struct pf_measure {
    long width;     /* most queries in flight at once */
    long total;     /* queries in all (each takes a connection in turn) */
    long rounds;    /* round trips one after another */
    bool unbounded; /* a count grows with the data: a fan-out over rows, a loop of unknown length */
} pf_measure;

/* Measures the code inside `scope` (a function, or a loop body): Promise.all groups and
 * map fan-outs are one round trip each, as wide as the queries they start; a
 * $transaction takes one connection; loops multiply what they hold by their trip count. */
pf_measure pf_measure_scope(const pf_model *model, TSNode scope);

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
