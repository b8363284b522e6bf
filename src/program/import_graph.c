/* The import graph of a run (see import_graph.h). */
#include "poolfix/import_graph.h"

#include "poolfix/arena.h"

#include <stdlib.h>
#include <string.h>

void pf_import_graph_build(pf_import_graph *graph, const pf_import_scan *imports, size_t count, pf_resolver *resolver) {
    graph->count = count;
    graph->first = pf_xcalloc(count + 1, sizeof(uint32_t));
    size_t len = 0, cap = 0;
    graph->to = NULL;
    for (size_t i = 0; i < count; i++) {
        graph->first[i] = (uint32_t)len;
        for (size_t k = 0; k < imports[i].count; k++) {
            long j = pf_resolve(resolver, i, imports[i].specifiers[k]);
            if (j < 0) continue;
            graph->to = pf_xgrow(graph->to, len, &cap, sizeof(uint32_t));
            graph->to[len++] = (uint32_t)j;
        }
    }
    graph->first[count] = (uint32_t)len;
    graph->to = pf_xrealloc(graph->to, (len + 1) * sizeof(uint32_t));
}

void pf_import_graph_reverse(const pf_import_graph *graph, pf_import_graph *reversed) {
    size_t n = graph->count, edges = graph->first[n];
    reversed->count = n;
    /* Counted into first[j + 2], summed into first[j + 1], then filled moving it to first[j]. */
    uint32_t *first = pf_xcalloc(n + 2, sizeof(uint32_t));
    for (size_t e = 0; e < edges; e++) first[graph->to[e] + 2]++;
    for (size_t j = 0; j < n; j++) first[j + 2] += first[j + 1];
    reversed->to = pf_xcalloc(edges + 1, sizeof(uint32_t));
    for (size_t i = 0; i < n; i++)
        for (uint32_t e = graph->first[i]; e < graph->first[i + 1]; e++)
            reversed->to[first[graph->to[e] + 1]++] = (uint32_t)i;
    reversed->first = pf_xrealloc(first, (n + 1) * sizeof(uint32_t));
}

/* Files in the order a depth-first walk along imports finishes them (without recursion:
 * chains of imports can be long): a file finishes after every file it reaches, except one
 * that leads back to it. The walk starts from the files nothing imports (endpoints, scripts),
 * so that a cycle is entered where the code that runs it is. */
size_t pf_import_graph_callees_first(const pf_import_graph *graph, const bool *wanted, size_t *order) {
    size_t n = graph->count, written = 0;
    bool *imported = pf_xcalloc(n + 1, sizeof(bool)), *seen = pf_xcalloc(n + 1, sizeof(bool));
    for (size_t e = 0; e < graph->first[n]; e++) imported[graph->to[e]] = true;
    typedef struct frame {
        size_t file;
        uint32_t edge;
    } frame;
    frame *frames = pf_xcalloc(n + 1, sizeof(frame));
    for (int pass = 0; pass < 2; pass++)
        for (size_t root = 0; root < n; root++) {
            if (seen[root] || (pass == 0 && imported[root])) continue;
            size_t top = 0;
            frames[top++] = (frame){root, graph->first[root]};
            seen[root] = true;
            while (top) {
                frame *f = &frames[top - 1];
                if (f->edge < graph->first[f->file + 1]) {
                    size_t w = graph->to[f->edge++];
                    if (!seen[w]) seen[w] = true, frames[top++] = (frame){w, graph->first[w]};
                    continue;
                }
                if (wanted[f->file]) order[written++] = f->file;
                top--;
            }
        }
    free(imported);
    free(seen);
    free(frames);
    return written;
}

void pf_import_graph_free(pf_import_graph *graph) {
    free(graph->first);
    free(graph->to);
    memset(graph, 0, sizeof(*graph));
}
