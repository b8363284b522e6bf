/* What code does to the database, for the passes that move a read away from the code around
 * it (hoist reads once before a loop what each iteration read; loop reads every window at
 * once): which models a read sees, which a write changes, and whether the code under a node
 * writes what a read sees, directly, through the same-file functions it calls, or through
 * functions in other files (what the program stage knows of them, model->call_costs). */
#ifndef POOLFIX_EFFECTS_H
#define POOLFIX_EFFECTS_H

#include "poolfix/arena.h"
#include "poolfix/queries.h"

/* A set of schema models (a few, so a list). */
typedef PF_VEC(const pf_schema_model *) pf_model_set;

/* Adds the models a read query sees: its own, and every model its where, select, include,
 * `_count` and orderBy reach through relations. Where its arguments are not written out
 * (`include: withPosts`, a spread), every model reachable from there counts. */
void pf_models_read(const pf_model *model, const pf_query *q, pf_model_set *out, pf_arena *arena);
/* The models of pf_models_read that the read reaches through relations (its own model only
 * when a relation leads back to it, or its arguments are not written out). */
void pf_models_read_related(const pf_model *model, const pf_query *q, pf_model_set *out, pf_arena *arena);

/* Why the code under `node` may change what a read seeing `seen` returns, or NULL when it
 * cannot: a write query to one of those models (nested writes in `data`, and what a delete may
 * cascade to, included), raw SQL writes, a $transaction, a same-file function it calls that
 * does one of these, or a call into another file that reaches a write. `seen` NULL: any write
 * counts. The reason reads after "the loop ": "writes to `Setting` through `bump`, which the
 * read sees (line 4)". */
const char *pf_writes_seen(const pf_model *model, TSNode node, const pf_model_set *seen, pf_arena *arena);
/* pf_writes_seen, leaving out the write queries whose calls `checked` lists: writes the caller
 * has checked itself (hoist's writes to the rows it looks up, which it reads again after). */
const char *pf_writes_seen_except(const pf_model *model, TSNode node, const pf_model_set *seen, const TSNode *checked,
                                  size_t checked_count, pf_arena *arena);

#endif
