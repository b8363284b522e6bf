/* One run of a command over the PATHs: discovery, schemas, the per-file stage on worker
 * threads, the program stage, and output in path order whatever the thread count. */
#ifndef POOLFIX_WORKSPACE_H
#define POOLFIX_WORKSPACE_H

#include "poolfix/discover.h"
#include "poolfix/engine.h"
#include "poolfix/options.h"
#include "poolfix/program.h"

typedef struct pf_run_state pf_run_state;

/* A run analysed and ready for its output. */
typedef struct pf_run {
    const pf_options *options;
    pf_discovery files;
    pf_file_result **results; /* per file, in path order: NULL for one that says nothing (see
                                 pf_file_result_is_empty), as most of a monorepo's do */
    const pf_schema *const *schemas; /* per file: the schema it is analysed with, or NULL */
    size_t skipped;          /* PATHs and files not processed, schemas not used */
    pf_engine engine;
    pf_program *program;     /* the whole program: its blocks are the report's */
    size_t *analysed_again;  /* the files the last stage processed again, in the program's context
                                (malloc'd, in path order), and how many */
    size_t analysed_again_count;
    pf_run_state *state;     /* what the run owns besides (clients, schemas, the resolver) */
} pf_run;

/* Discovers the files and analyses them: each on its own, then the program (module
 * resolution, call graph, endpoints), then again each file whose findings or rewrites the
 * program changes. `rewrite` makes each file's rewritten text too. Returns 0, or 2 after
 * printing why the run cannot go on (bad poolfix.json client pattern, unreadable --schema, an
 * --endpoint no endpoint serves). Free with pf_run_free() in either case. */
int pf_run_analyse(pf_run *run, const pf_options *options, bool rewrite);
void pf_run_free(pf_run *run);

/* Runs scan, diff or apply and returns the process exit code (see --help). */
int pf_workspace_run(const pf_options *options);

#endif
