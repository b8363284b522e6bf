/* The per-file pipeline: source → import scan and prefilter → syntax → model → summary →
 * findings → passes → edits → re-parse. A file's result is a pure function of (bytes,
 * schema, options, and what the program stage knows about the file), so files are processed
 * on worker threads with no shared mutable state. */
#ifndef POOLFIX_ENGINE_H
#define POOLFIX_ENGINE_H

#include "poolfix/analysis.h"
#include "poolfix/cache.h"
#include "poolfix/clients.h"
#include "poolfix/discover.h"
#include "poolfix/imports.h"
#include "poolfix/options.h"
#include "poolfix/pass.h"
#include "poolfix/prefilter.h"
#include "poolfix/schema.h"
#include "poolfix/quoted.h"
#include "poolfix/source.h"
#include "poolfix/summary.h"

/* What poolfix analyses, so that every file takes bounded time and stack: a file beyond a
 * limit is skipped with the reason (exit 3). Hand-written sources with queries in the large
 * apps poolfix is tried on are at most 0.6 MB, 85 levels deep, with 1,079 statements in one
 * block and 399 elements in one array; minified bundles and generated files go past these. */
#define PF_MAX_ANALYSED_BYTES ((size_t)1 << 20) /* bytes of one source file */
#define PF_MAX_NESTING 256                      /* levels of its syntax tree */
#define PF_MAX_ITEMS 2000                       /* named children of one node: statements, arguments */
#define PF_MAX_ELEMENTS 1000                    /* elements of one array (batching compares them pairwise) */

/* The stack of a worker thread (pf_engine_process runs on one). */
#define PF_WORKER_STACK_BYTES ((size_t)16 << 20)

/* What every file of a run shares, read-only (the cache is safe to share between threads). */
typedef struct pf_engine {
    const pf_options *options;
    const pf_client_names *clients;
    const pf_prefilter *prefilter;
    const pf_import_scanner *imports;
    pf_cache *cache;        /* NULL: --no-cache, or no folder for it */
    pf_hash cache_salt;     /* what every key of the run holds: see pf_cache_salt */
} pf_engine;

/* What every cache key of a run holds besides the file's own inputs: the poolfix version,
 * the build (`build`: the executable's identity, so a rebuilt poolfix never reads what
 * another build wrote), and every option that changes a file's result. */
pf_hash pf_cache_salt(const char *version, const char *build, const pf_options *options);
/* The identity of the running executable (device, inode, size, modification time) as text,
 * for pf_cache_salt; "" when it cannot be told. Malloc'd. */
char *pf_build_identity(void);

/* Where the first stage takes the costs of a file's calls when it parses files callees first:
 * `costs` fills `out`, one measure per call of `summary` (file `index` of the run), from the
 * files processed before it, and sets `*clients` to the names the file imports from them that
 * are Prisma clients (NULL-terminated, in `arena`), or NULL for none; false when it cannot
 * tell (the file is then costed on its own). A crash inside `costs` (a poolfix bug) calls
 * `recover` on the same thread. */
typedef struct pf_cost_source {
    bool (*costs)(void *data, size_t index, const pf_summary *summary, pf_measure *out, const char ***clients,
                  pf_arena *arena);
    void (*recover)(void *data);
    void *data;
} pf_cost_source;

/* What the program stage knows about a file, for processing it again; NULL the first time,
 * when only the file itself is known. The first stage may also give one of two contexts of
 * its own, which do not change the file's cache key: `read_only`, or `costs_from`. */
typedef struct pf_file_context {
    const char *const *clients;  /* imported names bound to Prisma clients (NULL-terminated), or NULL */
    const pf_measure *call_costs; /* per call of the file's summary: what its callees cost program-wide */
    const uint32_t *call_starts;  /* where each of those calls starts */
    size_t call_count;
    const struct pf_client_hook *hooks; /* its clients hooked in other files (client_hooks.h), or NULL */
    const pf_span *selection;     /* with --endpoint: the code the selected endpoints run, sorted */
    size_t selection_count;
    bool summarize;               /* build the file's summary (again: with `clients`) */
    bool summary_only;            /* parse and summarise the file, no findings: it was not parsed for
                                     queries, only because it is on a path from an endpoint to one */
    bool read_only;               /* read, scan its imports and prefilter it, and mark a file to parse
                                     `deferred` rather than parse it (unless the cache holds its result) */
    const pf_cost_source *costs_from; /* a deferred file: summarise it and cost its calls from this */
    size_t index;                 /* with `costs_from`: the file's index in the run */
} pf_file_context;

struct pf_program;
/* The context of file `index` from the program: its imported clients, its clients hooked
 * elsewhere and the costs of its calls (its summary's, in `summary` order); no selection.
 * Arrays go to `arena`. */
void pf_file_context_from_program(pf_file_context *context, struct pf_program *program, size_t index,
                                  const pf_summary *summary, pf_arena *arena);

/* What one thread owns: a parser and regex match state. */
typedef struct pf_worker pf_worker;
pf_worker *pf_worker_new(const pf_engine *engine);
void pf_worker_free(pf_worker *worker);

typedef struct pf_file_result {
    pf_arena arena;            /* owns findings, messages and reports */
    const pf_discovered *file;
    const pf_schema *schema;   /* the schema found for the file, or NULL; one with errors is not used */
    pf_source source;          /* the bytes as read (kept for apply's change check) */
    pf_quoted_lines *quoted;   /* scan: the lines its report quotes, kept for a format that quotes
                                  sources (pf_report_quote_findings; malloc'd) once the source is
                                  freed, or NULL */
    const char *skipped;       /* why the file was not processed, or NULL */
    const char *generated;     /* why it was left out as minified or generated (no problem), or NULL */
    bool deferred;             /* read with a `read_only` context, and to be parsed */
    bool syntax_errors;        /* the file has parse errors: analysed where it parses */
    char *output;              /* the rewritten bytes (malloc'd), NULL when unchanged */
    size_t output_len;
    const char *route;         /* the URL path the file serves, or NULL */
    pf_finding_list findings;  /* in the original text's positions */
    pf_import_scan imports;    /* the specifiers it imports (without a context only; freed once used) */
    pf_summary *summary;       /* NULL when the file was not parsed; in `summary_arena` (a result
                                  with a summary is always compacted: pf_result_decode puts it
                                  there), which outlives the rest of the result when the file is
                                  processed again (pf_file_result_replace): the program links
                                  summaries, and its blocks point into them */
    pf_measure *call_costs;    /* what each call of the summary was counted as in the first stage
                                  (from the file alone, or from a pf_cost_source), or NULL (and
                                  once it is processed again) */
    const char **clients;      /* the imported clients it was processed with (NULL-terminated), or NULL */
    int32_t *targets;          /* where its summary's imports and re-exports lead, once the program
                                  has linked it (pf_program_keep_targets; malloc'd), or NULL */
    struct pf_module_names *names; /* its summary's names as the program indexed them
                                  (pf_program_keep_names), or NULL */
    pf_arena summary_arena;    /* the summary and its call costs */
    PF_VEC(const char *) problems; /* to print on stderr after the path */
    PF_VEC(const char *) passes_applied; /* names of the passes that changed the file */
    size_t *pass_rewrites;     /* per pass (index in pf_passes): findings rewritten; NULL if none */
} pf_file_result;

/* Processes one file. `rewrite` runs the selected passes and fills `output`; otherwise only
 * findings are made. Without a context, calls of functions in other files cost nothing and
 * the file is parsed only when the prefilter says it may hold a query. Always fills `out`;
 * free it with pf_file_result_free(). */
void pf_engine_process(const pf_engine *engine, pf_worker *worker, const pf_discovered *file,
                       const pf_schema *schema, bool rewrite, const pf_file_context *context, pf_file_result *out);
/* pf_engine_process for bytes already read (the fuzz targets): takes over `source`. */
void pf_engine_process_source(const pf_engine *engine, pf_worker *worker, const pf_discovered *file,
                              const pf_schema *schema, bool rewrite, const pf_file_context *context,
                              pf_source *source, pf_file_result *out);
/* Whether processing a file again with `context` could change its findings or rewrites: the
 * program costs differently a call the passes weigh (in a Promise.all, a fan-out, a loop), or
 * a run of round trips long enough for sequential-queries (see pf_cost_steps_differ), or an
 * --endpoint selection applies, or imported clients other than those it was processed with,
 * or some of its clients are hooked in other files.
 * Its figures are the program's either way. */
bool pf_file_context_changes(const pf_file_context *context, const pf_file_result *result,
                             const pf_options *options);
/* Whether `result` was processed with the imported clients `clients` (NULL-terminated). */
bool pf_file_result_has_clients(const pf_file_result *result, const char *const *clients);
/* Replaces a result by a newer one of the same file, keeping the older one's summary and
 * the targets of its imports (the program points into them; see pf_program_keep_targets).
 * `newer` is consumed. */
void pf_file_result_replace(pf_file_result *result, pf_file_result *newer);
void pf_file_result_free(pf_file_result *result);
/* Whether a result says nothing a run reads past its import scan: no summary, finding,
 * rewrite, route, problem, or reason it was left out, and no source bytes kept. Most files
 * of a monorepo get one; a run need not hold them. */
bool pf_file_result_is_empty(const pf_file_result *result);

/* What a result holds, as bytes for the cache (everything but the source, the file and the
 * schema, which the reader has). */
void pf_result_encode(const pf_file_result *result, pf_buf *out);
/* Fills `out` (read and empty but for its source, file and schema) from such bytes; false,
 * leaving it as it was, when they are not a whole, intact result. */
bool pf_result_decode(const char *bytes, size_t len, pf_file_result *out);

#endif
