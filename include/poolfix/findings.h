/* Findings: what the analysis and the passes report, with stable rule ids and severities. */
#ifndef POOLFIX_FINDINGS_H
#define POOLFIX_FINDINGS_H

#include "poolfix/arena.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum pf_severity {
    PF_SEVERITY_INFO,
    PF_SEVERITY_LOW,
    PF_SEVERITY_MEDIUM,
    PF_SEVERITY_HIGH,
    PF_SEVERITY_CRITICAL
} pf_severity;

#define PF_SEVERITY_COUNT 5

const char *pf_severity_name(pf_severity severity);
/* Parses a severity name; false for anything else. */
bool pf_severity_parse(const char *name, pf_severity *out);

typedef enum pf_rule {
    PF_RULE_PARALLEL_FANOUT,
    PF_RULE_MAP_FANOUT,
    PF_RULE_LOOP_QUERIES,
    PF_RULE_UNBOUNDED_INCLUDE,
    PF_RULE_UNBOUNDED_FINDMANY,
    PF_RULE_SEQUENTIAL_QUERIES,
    PF_RULE_TRANSACTION_OUTER_CLIENT,
    PF_RULE_COUNT
} pf_rule;

const char *pf_rule_id(pf_rule rule);
/* Parses a rule id; false for anything else. */
bool pf_rule_parse(const char *id, size_t len, pf_rule *out);

typedef struct pf_finding {
    pf_rule rule;
    pf_severity severity;
    uint32_t start, end;   /* byte range in the text the finding was made on; `start` anchors it */
    int line, end_line;    /* 1-based */
    int queries;           /* queries involved: in flight at once, or per iteration (0 if n/a) */
    long trips;            /* loops: static trip count, -1 unknown */
    bool unbounded;        /* the count grows with the data (a map over rows, an unknown loop) */
    bool fixable;          /* a rewrite exists and the shape allows it */
    bool changes_results;  /* the rewrite bounds what is returned (take) */
    bool suppressed;       /* a poolfix-ignore comment covers it */
    bool in_transaction;   /* loops: inside an interactive $transaction, on its one connection */
    const char *pass;      /* the pass that rewrites it, or NULL */
    const char *message;   /* one sentence: what was found */
    const char *decline;   /* when not fixable: why, and what to do by hand; else NULL */
    const char *relation;  /* unbounded-include: `Model.relation`; else NULL */
    const char *function;  /* the function it is in, for reports ("GET", "loadStats", "(top level)") */
    const char *method;    /* the HTTP method when that function is a route handler, else NULL */
} pf_finding;

typedef PF_VEC(pf_finding) pf_finding_list;

#endif
