/* What the report writers share (see report.h): the findings of a run grouped into
 * endpoints and functions outside routes, ordered and counted once, and the wording every
 * format uses for the connection figures and the fix of a finding. */
#ifndef POOLFIX_REPORT_INTERNAL_H
#define POOLFIX_REPORT_INTERNAL_H

#include "poolfix/buf.h"
#include "poolfix/program.h"
#include "poolfix/report.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One block of a report: an endpoint or a function outside routes (a block of the program),
 * with the findings inside it. */
typedef struct pf_report_entry {
    const pf_file_result *result;
    const pf_block *block;            /* its figures and what it reaches; NULL for findings no block holds */
    const char *route;                /* the endpoint's route; NULL outside a route */
    const char *method;               /* "GET", ..., "ALL", "QUERY", "ACTION"; NULL outside a route */
    const char *function;             /* "GET", "loadStats", "(top level)" */
    const char *file;                 /* relative to the report root */
    int line;                         /* where the function starts (its first finding without a block) */
    pf_severity severity;             /* the highest of its figures', its findings' and (endpoints) the
                                         findings' of the functions it reaches */
    const pf_finding **findings;      /* in line order, suppressed ones included */
    size_t finding_count;
    size_t suppressed;
    bool shared_route; /* another handler serves the same route: name the method */
} pf_report_entry;

/* One finding with the block it belongs to. */
typedef struct pf_report_item {
    const pf_finding *finding;
    const pf_report_entry *entry;
} pf_report_item;

typedef struct pf_report_model {
    const pf_report *report;
    pf_arena arena;             /* owns everything below */
    const char *root;           /* the report root as the user reads it (see report.c) */
    const char *srcroot_prefix; /* the root's path from the git work tree top: "" or "dir/" */
    const char **files;         /* per result: its path relative to the root */
    const pf_block *blocks;     /* the program's (endpoints index them in `reached_by`) */
    size_t block_count;
    pf_report_entry *endpoints; /* by severity (highest first), then route and method */
    size_t endpoint_count;
    pf_report_entry *functions; /* code outside a route: by severity, then file and line */
    size_t function_count;
    pf_report_item *items; /* every finding, by file and position */
    size_t item_count;
    const char **schemas; /* the distinct schemas used, relative to the root */
    size_t schema_count;
    const char **unusable_schemas; /* schemas found with errors, so not used */
    size_t unusable_schema_count;
    size_t files_without_schema;           /* processed with no schema: nested relations not checked */
    size_t files_scanned;                  /* files read and analysed (or found free of Prisma) */
    size_t files_skipped;                  /* the run's count of files and PATHs not processed */
    size_t suppressed;                     /* findings a poolfix-ignore comment covers */
    size_t by_severity[PF_SEVERITY_COUNT]; /* unsuppressed findings */
    size_t by_rule[PF_RULE_COUNT];         /* unsuppressed findings */
    size_t endpoints_by_severity[PF_SEVERITY_COUNT];
    size_t functions_by_severity[PF_SEVERITY_COUNT];
} pf_report_model;

/* Groups, orders and counts the results of `report`; free with pf_report_model_free(). */
void pf_report_model_build(pf_report_model *model, const pf_report *report);
void pf_report_model_free(pf_report_model *model);

/* The order of blocks in every format: higher severity first, then endpoints by route and
 * method, then code outside routes by file, line and function. */
int pf_report_entry_compare(const pf_report_entry *a, const pf_report_entry *b);

/* "9 parallel + 12 sequential = 21 connections" (also "11 parallel connections",
 * "3 sequential connections", "1 connection"), prefixed "at least " when a count grows with
 * the data. `emphasis` ("**" in Markdown, else "") wraps the total. */
void pf_report_connections(pf_buf *out, long width, long sequential, bool unbounded, const char *emphasis);
/* The connections wording of a block's figures, then its round trips, then
 * "; unbounded: a count grows with the data" when one does. */
void pf_report_figures(pf_buf *out, const pf_measure *figures, const char *emphasis);
/* "lib/auth.ts:getSession → lib/db/user.ts:findUser": the steps of a call path after the
 * block's own function, each as file:function (files relative to the root). */
void pf_report_path(const pf_report_model *model, const pf_block *block, const pf_reach *reach, const char *quote,
                    pf_buf *out);
/* The queries function `function` of file `file` runs itself: `each(line, operation)` in order. */
void pf_report_queries_of(const pf_report_model *model, size_t file, uint32_t function,
                          void (*each)(void *context, int line, const char *operation), void *context);
/* "GET /api/x" or "QUERY post.byId": how an endpoint is named in one line. */
void pf_report_endpoint_name(pf_buf *out, const pf_block *block);
/* "17" or "5-17". */
void pf_report_lines(pf_buf *out, int line, int end_line);
/* What happens to a finding: "rewrite: take (bounds what is returned: ...)", "no rewrite: why",
 * or that a poolfix-ignore comment keeps it as it is. */
void pf_report_fix(pf_buf *out, const pf_options *options, const pf_finding *finding);
/* A finding's decline without its leading "not rewritten: " / "no rewrite: "; NULL if none. */
const char *pf_report_decline_reason(const pf_finding *finding);
/* The `take` a rewrite of `finding` adds: the relation's limit from poolfix.json, or --take. */
int pf_report_take_limit(const pf_options *options, const pf_finding *finding);
/* What a rewrite that changes results does: "bounds what is returned: lists with more than N
 * items come back with N". */
void pf_report_bound_note(pf_buf *out, const pf_options *options, const pf_finding *finding);
/* The plural ending for a count: "" for 1, else "s". */
const char *pf_report_plural(size_t n);

/* JSON helpers for the json and sarif writers: a string member that is null for NULL, and
 * printing a document (formatted, with a final newline), which deletes it. */
void pf_report_json_string(cJSON *object, const char *key, const char *value);
void pf_report_json_print(cJSON *document, FILE *out);

void pf_report_write_text(const pf_report_model *model, FILE *out);
void pf_report_write_markdown(const pf_report_model *model, FILE *out);
void pf_report_write_json(const pf_report_model *model, FILE *out);
void pf_report_write_sarif(const pf_report_model *model, FILE *out);

/* The schema part of a report's header: the schemas used, those found with errors, or
 * that none was found; file names wrapped in `quote` ("" for text, "`" for Markdown). */
void pf_report_schema_line(const pf_report_model *model, const char *quote, pf_buf *out);

#endif
