/* Analysis: what code costs in connections (how many queries are in flight at once, how many
 * run in other round trips), the sequential-queries finding, and the severity of every
 * finding and figure, from one set of rules (see `poolfix explain severity`). */
#ifndef POOLFIX_ANALYSIS_H
#define POOLFIX_ANALYSIS_H

#include "poolfix/arena.h"
#include "poolfix/cost.h"
#include "poolfix/findings.h"
#include "poolfix/options.h"
#include "poolfix/queries.h"
#include "poolfix/suppress.h"

/* Measures one expression that starts its queries at once (a Promise.all element, or the
 * whole Promise.all): a query (with .catch/.then/await around it) is 1, except inside an
 * interactive $transaction, whose queries share its connection; a findUnique of a shape
 * already started in the same array is 0 (Prisma batches those into one query); a ternary
 * counts its larger branch; arrays and nested Promise.all add up; a map counts its callback
 * once per element. */
pf_measure pf_measure_expr(const pf_model *model, TSNode expr);

/* Measures the code inside `scope` (a function, or a loop body): Promise.all groups and
 * map fan-outs are one round trip each, as wide as the queries they start; a
 * $transaction takes one connection; loops multiply what they hold by their trip count. */
pf_measure pf_measure_scope(const pf_model *model, TSNode scope);

/* Measures a loop as pf_measure_scope does, except inside the callback of an interactive
 * $transaction: there the transaction's queries (and the calls the loop makes) are the loop's
 * own round trips, each one on the transaction's one connection, where pf_measure_scope counts
 * nothing (the $transaction itself is the one unit its endpoint is charged with). */
pf_measure pf_measure_loop(const pf_model *model, TSNode loop);

/* Builds the cost tree of the code inside `scope` (see pf_measure_scope) into `costs`; its
 * calls name entries of model->calls. Returns its root, PF_COST_NONE when it costs nothing. */
uint32_t pf_cost_of_scope(const pf_model *model, TSNode scope, pf_arena *arena, pf_cost_list *costs);

/* The severity a function's or endpoint's figures give it (`poolfix explain severity`): the
 * queries in flight at once, the queries per request, whether a count grows with the data. */
pf_severity pf_figures_severity(const pf_thresholds *thresholds, const pf_measure *figures);

/* Adds the analysis-only findings (sequential-queries) for every function whose own code
 * costs something (a query, or a call that reaches one), names the function of every
 * finding, and sets every severity. Findings made by the passes must already be in
 * `findings`. Strings go to `arena`. */
void pf_analyze(const pf_model *model, const pf_options *options, const pf_suppressions *suppressions,
                pf_arena *arena, pf_finding_list *findings);

#endif
