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
#include <stdint.h>
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
    size_t open;       /* findings not suppressed */
    size_t sequential; /* of those, sequential-queries */
    bool shared_route; /* another handler serves the same route: name the method */
    /* An endpoint: the other blocks whose code it runs (functions it reaches, handlers of
     * endpoints it calls into) that hold findings; its rollout rewrites them too. */
    const struct pf_report_entry **callees;
    size_t callee_count;
    /* Text and Markdown show it (see pf_report_model_build): it holds a finding, or, for an
     * endpoint, the code it runs does; every block with --verbose. */
    bool shown;
    bool sequential_only; /* shown, but all it and its callees hold is sequential-queries */
    bool figures_only;    /* shown for its figures alone (medium or worse), with no open finding */
    size_t number;        /* its section or row number in Markdown, 1-based; 0 when not shown */
} pf_report_entry;

/* One finding with the block it belongs to. */
typedef struct pf_report_item {
    const pf_finding *finding;
    const pf_report_entry *entry;
} pf_report_item;

/* How many blocks the fix-first list names at most. */
#define PF_REPORT_TOP 10

/* A reason poolfix gives for leaving findings to a manual fix, with how many give it.
 * Reasons that differ only in the code they name (`code` spans, numbers such as line
 * numbers) are one: its text shows those that differ as "…" (see report.c). */
typedef struct pf_report_reason {
    const char *text;
    const char *key; /* the text with every `code` span and number replaced: what groups */
    size_t findings;
    unsigned rules;  /* bit 1 << rule for each rule among them */
    uint32_t varies; /* the slots (`code` spans, numbers) that differ between its findings */
} pf_report_reason;

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
    bool verbose;                       /* text and Markdown show every block, every detail */
    size_t shown_endpoints, shown_functions; /* blocks text and Markdown show (sequential_only included) */
    size_t sequential_endpoints, sequential_functions; /* of those, sequential_only */
    size_t figures_only;                               /* of those, figures_only */
    /* What to fix first: endpoints, and functions no endpoint reaches, by the block order,
     * skipping sequential_only blocks and those whose findings an earlier one's rollout
     * already rewrites or reports. */
    pf_report_entry *top[PF_REPORT_TOP];
    size_t top_count;
    pf_report_reason *reasons; /* the distinct manual-fix reasons, most given first */
    size_t reason_count;
} pf_report_model;

/* Groups, orders and counts the results of `report`; free with pf_report_model_free(). */
void pf_report_model_build(pf_report_model *model, const pf_report *report);
void pf_report_model_free(pf_report_model *model);

/* The order of blocks in every format: higher severity first (a count that grows with the
 * data makes a block critical), then more connections (the known part of a count that grows;
 * on a tie, the one that grows first), then endpoints by route and method before code
 * outside routes by file, line and function. */
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
/* "3 endpoints and 1 function outside routes", leaving out a kind there are none of
 * (nothing at all when both are 0). */
void pf_report_block_counts(pf_buf *out, size_t endpoints, size_t functions);
/* "17" or "5-17". */
void pf_report_lines(pf_buf *out, int line, int end_line);
/* What happens to a finding: "rewrite: take (bounds what is returned: ...)", "no rewrite: why",
 * or that a poolfix-ignore comment keeps it as it is. */
void pf_report_fix(pf_buf *out, const pf_options *options, const pf_finding *finding);
/* A finding's decline without its leading "not rewritten: " / "no rewrite: "; NULL if none. */
const char *pf_report_decline_reason(const pf_finding *finding);
/* Why a finding is left to a manual fix (its decline, or that no pass rewrites its pattern);
 * NULL when it is rewritten, has an opt-in rewrite, or is suppressed. */
const char *pf_report_manual_reason(const pf_finding *finding);
/* The 1-based number of the group of a manual-fix reason in model->reasons; 0 for NULL. */
size_t pf_report_reason_number(const pf_report_model *model, const char *reason);
/* What a finding's reason says that its group's text shows as "…": "`links.length`,
 * line 105"; nothing when it says nothing more. */
void pf_report_reason_details(pf_buf *out, const pf_report_model *model, const char *reason);
/* Whether this run's passes rewrite a finding (what `poolfix diff` shows). */
bool pf_report_rewritten(const pf_options *options, const pf_finding *finding);
/* Whether a finding has a rewrite this run's passes leave out (opt-in, or not in --pass). */
bool pf_report_opt_in(const pf_options *options, const pf_finding *finding);
/* `poolfix COMMAND --endpoint R [--method M] [--branch B] [flags] [PATH...]` for an endpoint
 * (or, for code outside routes, the command without --endpoint); `extra_pass` adds an
 * opt-in pass when not NULL. */
void pf_report_command(pf_buf *out, const pf_report_model *model, const char *command, const pf_report_entry *e,
                       const char *extra_pass, bool branch);
/* The method flag commands for an endpoint carry; NULL where the route names one handler
 * whatever the method (Pages Router, Server Actions, tRPC procedures). */
const char *pf_report_method_flag(const pf_report_entry *e);
/* What fixes a shown block, for the fix-first list: the `poolfix apply` command when its
 * rollout rewrites something (with the opt-in pass when only that would), then "by hand:"
 * and the rules left to a manual fix (sequential round trips aside: they rarely exhaust a
 * pool, and the block's findings name them). Commands are wrapped in `quote`. */
void pf_report_how(pf_buf *out, const pf_report_model *model, const pf_report_entry *e, const char *quote);
/* "16-71 (3 round trips), 80-95 (4)": the sequential-queries findings a block holds. */
void pf_report_round_trips(pf_buf *out, const pf_report_entry *e);

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
/* An integer as cJSON prints it, without cJSON's slow path for numbers; and added as `key`. */
cJSON *pf_report_json_number(long long value);
void pf_report_json_int(cJSON *object, const char *key, long long value);
void pf_report_json_print(cJSON *document, FILE *out);

/* A JSON object written member by member, each array element as soon as it is made, in
 * exactly the layout pf_report_json_print gives the whole document: a large report is never
 * held as one tree and one string. Every cJSON value passed in is printed and deleted. */
typedef struct pf_json_stream {
    FILE *out;
    bool first_member;
    bool first_element;
    int depth; /* of the members of the object being written (1: the document's) */
} pf_json_stream;
void pf_json_begin(pf_json_stream *json, FILE *out);
void pf_json_member(pf_json_stream *json, const char *key, cJSON *value);
/* A member that is a list of one object (`"runs": [{ ... }]`): the members written until
 * pf_json_object_list_end are that object's. */
void pf_json_object_list_begin(pf_json_stream *json, const char *key);
void pf_json_object_list_end(pf_json_stream *json);
void pf_json_array_begin(pf_json_stream *json, const char *key);
void pf_json_element(pf_json_stream *json, cJSON *value);
void pf_json_array_end(pf_json_stream *json);
void pf_json_end(pf_json_stream *json);

void pf_report_write_text(const pf_report_model *model, FILE *out);
void pf_report_write_markdown(const pf_report_model *model, FILE *out);
void pf_report_write_json(const pf_report_model *model, FILE *out);
void pf_report_write_sarif(const pf_report_model *model, FILE *out);

/* The schema part of a report's header: the schemas used, those found with errors, or
 * that none was found; file names wrapped in `quote` ("" for text, "`" for Markdown). */
void pf_report_schema_line(const pf_report_model *model, const char *quote, pf_buf *out);

#endif
