/* The import scan: PCRE2 (JIT) passes over a file's raw bytes, without parsing it, that
 * lists the module specifiers it imports (`from "x"`, `import "x"`, `import("x")`,
 * `require("x")`) and tells whether it may declare an endpoint (a 'use server' directive, a
 * tRPC router or procedure, a NestJS controller, an Express-style registration, a Remix
 * loader or action, an exported HTTP method handler).
 *
 * It decides which files the program stage parses besides those with queries: the ones on
 * an import path from a possible endpoint to a file with queries. Like the prefilter it may
 * say yes wrongly (a specifier in a comment is one more edge), which costs a parse, not a
 * result. */
#ifndef POOLFIX_IMPORTS_H
#define POOLFIX_IMPORTS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pf_import_scanner pf_import_scanner;
typedef struct pf_import_scratch pf_import_scratch;

/* Compiled once per run and shared read-only by all threads. */
pf_import_scanner *pf_import_scanner_new(void);
void pf_import_scanner_free(pf_import_scanner *scanner);

/* Per-thread match state. */
pf_import_scratch *pf_import_scratch_new(const pf_import_scanner *scanner);
void pf_import_scratch_free(pf_import_scratch *scratch);

typedef struct pf_import_scan {
    char **specifiers; /* in the order met, duplicates left out; malloc'd, like each string */
    size_t count;
    bool may_declare_endpoint;
} pf_import_scan;

/* Scans `text`. The scan is malloc'd (a file's scan outlives its parse, and most files of a
 * large tree have a few short specifiers): free it with pf_import_scan_free(). */
void pf_import_scan_text(const pf_import_scanner *scanner, pf_import_scratch *scratch, const char *text, size_t len,
                         pf_import_scan *out);
void pf_import_scan_free(pf_import_scan *scan);

#endif
