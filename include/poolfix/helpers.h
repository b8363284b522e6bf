/* The small functions rewrites call and poolfix adds to a file once, at its end, marked
 * "(added by poolfix)": a later run or pass finds them there and calls the same copy.
 *
 * - mapInBatches(items, size, each), settleInBatches(items, size, each): Promise.all and
 *   Promise.allSettled of `items.map(each)`, with at most `size` callbacks running at once;
 * - allInBatches(items, size, each), allSettledInBatches(items, size, each): the same for
 *   synchronous callbacks that return Prisma queries: every callback is called first, as
 *   `.map` does (the queries start only when awaited), then their values are awaited at most
 *   `size` at a time;
 * - inChunks(keys, size, read): `read` run on at most `size` keys at a time, one chunk after
 *   another, its rows joined (an `in` list longer than the database's parameter limit fails).
 *
 * Every helper keeps the results in order; the batch ones run every item even when one fails
 * and throw the first failure (by position) after the last batch, as Promise.all would have
 * thrown one of them. */
#ifndef POOLFIX_HELPERS_H
#define POOLFIX_HELPERS_H

#include "poolfix/pass.h"

typedef enum pf_helper_kind {
    PF_HELPER_MAP_IN_BATCHES,
    PF_HELPER_SETTLE_IN_BATCHES,
    PF_HELPER_ALL_IN_BATCHES,
    PF_HELPER_ALL_SETTLED_IN_BATCHES,
    PF_HELPER_IN_CHUNKS,
    PF_HELPER_COUNT
} pf_helper_kind;

/* The helpers one run of a pass uses in one file. Zero-initialise. */
typedef struct pf_helpers {
    const char *names[PF_HELPER_COUNT]; /* NULL until a rewrite uses the helper */
    bool exists[PF_HELPER_COUNT];       /* the file has it already */
} pf_helpers;

/* The name a rewrite calls the helper by: the file's own copy from an earlier run or pass, or
 * a fresh name (`inChunks`, or `inChunks_2` when the file uses that name otherwise), for
 * pf_helpers_add to define. */
const char *pf_helper_use(const pf_model *model, pf_arena *arena, pf_name_list *taken, pf_helpers *helpers,
                          pf_helper_kind kind);

/* Asks for the edit that appends, at the end of the file and in its style (types in
 * TypeScript, its quote, semicolons and indentation), the helpers used and not yet there. */
void pf_helpers_add(pf_pass_context *context, const pf_helpers *helpers);

/* The most keys one `in` list may hold on the schema's database, leaving room for the
 * query's other parameters: a query takes at most 32,766 on PostgreSQL and CockroachDB,
 * 65,535 on MySQL, 2,100 on SQL Server, 999 on older SQLite. */
long pf_in_list_limit(const pf_schema *schema);

#endif
