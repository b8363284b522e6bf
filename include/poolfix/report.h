/* Scan reports: one writer per format, all from the same results. */
#ifndef POOLFIX_REPORT_H
#define POOLFIX_REPORT_H

#include "poolfix/engine.h"
#include "poolfix/options.h"

#include <stdio.h>

typedef struct pf_report {
    const pf_options *options;
    const pf_discovered *files;      /* the files of the run, in path order */
    pf_file_result *const *results;  /* per file: NULL for one that says nothing (pf_file_result_is_empty) */
    const pf_schema *const *schemas; /* per file: the schema it is analysed with, or NULL */
    size_t count;                    /* files */
    size_t skipped;          /* files (and PATHs) that could not be processed */
    /* For reports that show the rewrite of one endpoint (markdown): re-running the engine
     * on a file with the options narrowed to that endpoint. */
    const pf_engine *engine;
    struct pf_program *program; /* the program of the run: its blocks are the report's endpoints and functions */
} pf_report;

/* Whether the report in options->format quotes lines of files with findings (markdown
 * excerpts, SARIF columns and fingerprints); the other formats need no source text. */
bool pf_report_quotes_sources(const pf_options *options);

/* The most lines of one finding Markdown shows as code before the rest is elided. */
#define PF_REPORT_EXCERPT_LINES 12

/* The lines of a result's source that such a report quotes, from its findings: the first
 * PF_REPORT_EXCERPT_LINES of each, and the line of each end of it (malloc'd). Call while the
 * source is there: the report reads `quoted`, never the source. */
pf_quoted_lines *pf_report_quote_findings(const pf_file_result *result);

/* Whether the report in options->format runs the engine on files again (markdown shows the
 * rewrite of each endpoint): it needs their schemas whole, not their outlines. */
bool pf_report_reruns_engine(const pf_options *options);

/* Writes the report in options->format. */
void pf_report_write(const pf_report *report, FILE *out);

#endif
