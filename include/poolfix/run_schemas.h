/* The schemas of one run: which Prisma schema each discovered file is analysed with, each
 * loaded once before any worker starts, and what the user needs to know about them said
 * once on stderr. */
#ifndef POOLFIX_RUN_SCHEMAS_H
#define POOLFIX_RUN_SCHEMAS_H

#include "poolfix/discover.h"
#include "poolfix/options.h"
#include "poolfix/schema.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct pf_run_schemas {
    const pf_schema **for_file; /* one per discovered file; NULL when it has none */
    size_t unusable;            /* schemas found for files but not used: with errors, or unreadable */
    char **paths;               /* every schema path loaded, and its schema (NULL: unreadable) */
    pf_schema **schemas;
    size_t count;
} pf_run_schemas;

/* Finds the schema of every file: --schema or poolfix.json's when given, else the one
 * pf_schema_locate() finds above the file's folder, else, when the run found exactly one
 * schema, that one (a monorepo package whose client comes from a database package). Says
 * on `err`, once each: a configured schema that does not exist and what replaced it; a
 * schema with errors, in one line (every error with --verbose); a schema that defines no
 * model; with --verbose, the files that have no schema. False when the schema named by
 * --schema or poolfix.json cannot be read: the run cannot go on (exit 2). */
bool pf_run_schemas_resolve(pf_run_schemas *out, const pf_options *options, const pf_discovery *files, FILE *err);
void pf_run_schemas_free(pf_run_schemas *schemas);

/* Replaces each schema by its outline (pf_schema_outline), in `for_file` (`file_count` long)
 * too: once no file is analysed again, a report names the schemas but reads none of their
 * models. What else points at the schemas (each file's result) must be pointed at the outlines. */
void pf_run_schemas_outline(pf_run_schemas *schemas, size_t file_count);

#endif
