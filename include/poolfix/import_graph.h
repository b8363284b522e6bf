/* The import graph of a run: which files of the run each file imports, read from the import
 * scans (no parse) and resolved as the program resolves them. */
#ifndef POOLFIX_IMPORT_GRAPH_H
#define POOLFIX_IMPORT_GRAPH_H

#include "poolfix/imports.h"
#include "poolfix/resolve.h"

#include <stdbool.h>
#include <stdint.h>

/* Edges as compressed rows: file i's are to[first[i] .. first[i + 1]), in the order met (4
 * bytes an edge and 4 a file: civitai has tens of thousands of imports). */
typedef struct pf_import_graph {
    size_t count;
    uint32_t *first; /* count + 1 entries */
    uint32_t *to;
} pf_import_graph;

/* The files each of `count` files imports (`imports`, per file), those that resolve to a file
 * of the run. */
void pf_import_graph_build(pf_import_graph *graph, const pf_import_scan *imports, size_t count, pf_resolver *resolver);

/* The same graph made a file at a time, in any order: the main thread resolves each file's
 * imports as soon as the first look has read the file, while the workers read the others.
 * Each file's edges wait in an array of their own until pf_import_graph_from_rows lays them
 * out (and frees the rows). A file never resolved has no edges. */
typedef struct pf_import_rows {
    size_t count;
    uint32_t **to;   /* per file: malloc'd, or NULL */
    uint32_t *len;
} pf_import_rows;
void pf_import_rows_init(pf_import_rows *rows, size_t count);
void pf_import_rows_resolve(pf_import_rows *rows, size_t i, const pf_import_scan *scan, pf_resolver *resolver);
void pf_import_graph_from_rows(pf_import_graph *graph, pf_import_rows *rows);

/* The same edges the other way: per file, the files that import it. */
void pf_import_graph_reverse(const pf_import_graph *graph, pf_import_graph *reversed);

/* Writes to `order` the files `wanted` marks, each after every file it imports through any
 * chain of files (wanted or not), except where the chain comes back to it: the files of an
 * import cycle come together, ordered so that few of the imports between them point forward.
 * Returns how many. */
size_t pf_import_graph_callees_first(const pf_import_graph *graph, const bool *wanted, size_t *order);

void pf_import_graph_free(pf_import_graph *graph);

#endif
