/* Memory for tree-sitter's parsers and trees, one file at a time.
 *
 * A parse allocates millions of small objects (civitai: 4.6 million for 20 MB of source),
 * and freeing a tree walks every node of it. Inside a tree memory, a thread's tree-sitter
 * allocations are carved from large blocks, nothing is freed on its own, and leaving the
 * memory drops everything at once: the parser, its trees, their cursors. Measured on
 * civitai with two threads: 6 % less CPU than malloc and free, the same output and peak
 * memory. Freed allocations are carved again for ones of their size: without that, the
 * peak grew by a third of the largest tree. Blocks are not kept from one file to the next:
 * that saved another 2-3 % of time, but raised dub's peak by 0.3 to 0.8 MB.
 *
 * tree-sitter is compiled to allocate through pf_tree_malloc and its siblings
 * (cmake/grammar.cmake); they take memory from the calling thread's current tree memory,
 * or, outside one, from malloc. tree-sitter's allocation hooks take no context, so the
 * current memory is the one piece of state per thread, set by pf_tree_memory_enter and
 * cleared by pf_tree_memory_leave around the analysis of one file: what a file's analysis
 * computes never depends on it.
 *
 * Ownership: a tree memory belongs to one worker thread and is entered by that thread only.
 * Nothing tree-sitter made inside it may be used, or freed, after pf_tree_memory_leave. */
#ifndef POOLFIX_TREE_MEMORY_H
#define POOLFIX_TREE_MEMORY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pf_tree_memory pf_tree_memory;

pf_tree_memory *pf_tree_memory_new(void);
/* Frees a tree memory the thread is not inside. */
void pf_tree_memory_free(pf_tree_memory *memory);
/* From now on, the calling thread's tree-sitter allocations come from `memory`. */
void pf_tree_memory_enter(pf_tree_memory *memory);
/* Ends pf_tree_memory_enter: everything allocated since is gone at once. */
void pf_tree_memory_leave(pf_tree_memory *memory);
/* Whether tree-sitter's object `p` lives in a tree memory: it is never freed on its own
 * (ts_tree_delete would walk the whole tree to free nothing). */
bool pf_tree_memory_holds(const void *p);

/* The allocator tree-sitter is compiled with (ts_malloc and its siblings). */
void *pf_tree_malloc(size_t size);
void *pf_tree_calloc(size_t count, size_t size);
void *pf_tree_realloc(void *p, size_t size);
void pf_tree_free(void *p);

#endif
