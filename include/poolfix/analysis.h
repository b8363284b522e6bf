/* Analysis: per function that runs queries (grouped by endpoint for route handlers), how many
 * queries are in flight at once, how many round trips run one after another, and the
 * severity of every finding, from one set of rules (see `poolfix explain severity`). */
#ifndef POOLFIX_ANALYSIS_H
#define POOLFIX_ANALYSIS_H

#include "poolfix/arena.h"
#include "poolfix/findings.h"
#include "poolfix/options.h"
#include "poolfix/queries.h"

typedef struct pf_handler_report {
    const char *function;  /* its name, or "(anonymous)" */
    const char *method;    /* "GET", ..., "ALL" (Pages Router) for route handlers, else NULL */
    int line, end_line;
    int max_parallel;      /* most queries in flight at once */
    bool parallel_unbounded; /* a fan-out over data makes it grow with the data */
    int sequential;        /* queries that run outside the widest parallel step */
    bool sequential_unbounded; /* a loop with an unknown trip count runs queries */
    int connections;       /* max_parallel + sequential: connections one request takes in turn */
    int round_trips;       /* awaited steps one after another (loops multiplied) */
    pf_severity severity;  /* the highest of its findings and its own figures */
} pf_handler_report;

typedef PF_VEC(pf_handler_report) pf_handler_report_list;

/* Adds the analysis-only findings (sequential-queries), sets the severity of every finding
 * of the file, and fills one report per function that runs queries. Findings made by the
 * passes must already be in `findings`. */
void pf_analyze(const pf_model *model, const pf_options *options, pf_arena *arena, pf_finding_list *findings,
                pf_handler_report_list *reports);

/* The severity for a number of queries in flight at once (below the low threshold: info). */
pf_severity pf_severity_for_parallel(const pf_thresholds *thresholds, int queries, bool unbounded);

#endif
