/* Scan reports: one writer per format, all from the same results. */
#ifndef POOLFIX_REPORT_H
#define POOLFIX_REPORT_H

#include "poolfix/engine.h"
#include "poolfix/options.h"

#include <stdio.h>

typedef struct pf_report {
    const pf_options *options;
    pf_file_result *results; /* one per discovered file, in path order */
    size_t count;
    size_t skipped;          /* files (and PATHs) that could not be processed */
    /* For reports that show the rewrite of one endpoint (markdown): re-running the engine
     * on a file with the options narrowed to that endpoint. */
    const pf_engine *engine;
    struct pf_program *program; /* the program of the run: its blocks are the report's endpoints and functions */
} pf_report;

/* Writes the report in options->format. */
void pf_report_write(const pf_report *report, FILE *out);

#endif
