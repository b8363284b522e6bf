/* The per-file pipeline: source → prefilter → syntax → model → findings → passes → edits →
 * re-parse. A file's result is a pure function of (bytes, schema, options), so files are
 * processed on worker threads with no shared mutable state. */
#ifndef POOLFIX_ENGINE_H
#define POOLFIX_ENGINE_H

#include "poolfix/analysis.h"
#include "poolfix/clients.h"
#include "poolfix/discover.h"
#include "poolfix/options.h"
#include "poolfix/pass.h"
#include "poolfix/prefilter.h"
#include "poolfix/schema.h"
#include "poolfix/source.h"

/* What poolfix analyses, so that every file takes bounded time and stack: a file beyond a
 * limit is skipped with the reason (exit 3). Hand-written sources with queries in the large
 * apps poolfix is tried on are at most 0.6 MB, 85 levels deep, with 1,079 statements in one
 * block and 399 elements in one array; minified bundles and generated files go past these. */
#define PF_MAX_ANALYSED_BYTES ((size_t)1 << 20) /* bytes of one source file */
#define PF_MAX_NESTING 256                      /* levels of its syntax tree */
#define PF_MAX_ITEMS 2000                       /* named children of one node: statements, arguments */
#define PF_MAX_ELEMENTS 1000                    /* elements of one array (batching compares them pairwise) */
#define PF_MAX_LOOP_NESTING 32                  /* loops inside loops (the analysis multiplies them) */

/* The stack of a worker thread (pf_engine_process runs on one). */
#define PF_WORKER_STACK_BYTES ((size_t)16 << 20)

/* What every file of a run shares, read-only. */
typedef struct pf_engine {
    const pf_options *options;
    const pf_client_names *clients;
    const pf_prefilter *prefilter;
} pf_engine;

/* What one thread owns: a parser and regex match state. */
typedef struct pf_worker pf_worker;
pf_worker *pf_worker_new(const pf_engine *engine);
void pf_worker_free(pf_worker *worker);

typedef struct pf_file_result {
    pf_arena arena;            /* owns findings, messages and reports */
    const pf_discovered *file;
    const pf_schema *schema;   /* the schema found for the file, or NULL; one with errors is not used */
    pf_source source;          /* the bytes as read (kept for apply's change check) */
    const char *skipped;       /* why the file was not processed, or NULL */
    bool syntax_errors;        /* the file has parse errors: analysed where it parses */
    char *output;              /* the rewritten bytes (malloc'd), NULL when unchanged */
    size_t output_len;
    const char *route;         /* the URL path the file serves, or NULL */
    pf_finding_list findings;  /* in the original text's positions */
    pf_handler_report_list reports; /* per function that runs queries (see analysis.h) */
    PF_VEC(const char *) problems; /* to print on stderr after the path */
    PF_VEC(const char *) passes_applied; /* names of the passes that changed the file */
} pf_file_result;

/* Processes one file. `rewrite` runs the selected passes and fills `output`; otherwise only
 * findings are made. Always fills `out`; free it with pf_file_result_free(). */
void pf_engine_process(const pf_engine *engine, pf_worker *worker, const pf_discovered *file,
                       const pf_schema *schema, bool rewrite, pf_file_result *out);
/* pf_engine_process for bytes already read (the fuzz targets): takes over `source`. */
void pf_engine_process_source(const pf_engine *engine, pf_worker *worker, const pf_discovered *file,
                              const pf_schema *schema, bool rewrite, pf_source *source, pf_file_result *out);
void pf_file_result_free(pf_file_result *result);

#endif
