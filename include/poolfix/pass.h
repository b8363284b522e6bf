/* The interface every rewrite pass in transforms/ implements, and the registry of passes.
 *
 * A pass reads the model of one file and reports findings for its rule; when asked to
 * rewrite, it also asks for edits for the findings it can fix. It never writes text
 * itself and never keeps state between calls: one call, one file. */
#ifndef POOLFIX_PASS_H
#define POOLFIX_PASS_H

#include "poolfix/arena.h"
#include "poolfix/edits.h"
#include "poolfix/findings.h"
#include "poolfix/options.h"
#include "poolfix/queries.h"
#include "poolfix/suppress.h"

typedef struct pf_pass_context {
    const pf_model *model;
    const pf_options *options;
    const pf_suppressions *suppressions;
    const char *newline;      /* the file's line ending, for new lines */
    pf_arena *arena;          /* lives as long as the findings */
    pf_finding_list *findings; /* where findings go */
    pf_edits *edits;          /* NULL: report only */
    size_t rewrites;          /* findings this run of the pass rewrites (pf_pass_may_rewrite counts them) */
} pf_pass_context;

typedef struct pf_pass {
    const char *name;       /* `batch`, as given to --pass */
    const char *alias;      /* another name --pass and explain accept (DESIGN.md's), or NULL */
    pf_rule rule;           /* the finding it reports and fixes */
    bool default_on;        /* runs unless --pass says otherwise */
    const char *summary;    /* one line for --help */
    const char *doc;        /* the text `poolfix explain` prints (transforms/<name>.md) */
    const char *result_change; /* NULL for a pass that keeps every result; else what its rewrites
                                  change, with %d for the limit ("responses keep at most %d items
                                  per relation"), printed after diff/apply */
    void (*run)(pf_pass_context *context);
} pf_pass;

/* In the order they run: each later pass sees the text the earlier ones produced. */
extern const pf_pass *const pf_passes[];
extern const size_t pf_pass_count;

/* Whether the pass named `name` runs in this run (its bit in options->passes). */
bool pf_pass_selected(const pf_options *options, const char *name);
/* The pass that rewrites findings of `rule`, or NULL when none does. */
const pf_pass *pf_pass_for_rule(pf_rule rule);
/* The pass with this name, or NULL; its index in pf_passes via `*index` when not NULL. */
const pf_pass *pf_pass_named(const char *name, size_t len, size_t *index);

/* Adds a finding of `rule` anchored at `anchor` (its line) spanning to `last` (its end line),
 * with the pass that rewrites `rule` (if any) and whether a poolfix-ignore comment covers it;
 * the caller writes the message. */
pf_finding *pf_finding_add(pf_arena *arena, pf_finding_list *findings, const pf_suppressions *suppressions,
                           pf_rule rule, TSNode anchor, TSNode last);
/* pf_finding_add in a pass, with the message formatted into the context's arena. */
pf_finding *pf_pass_report(pf_pass_context *context, pf_rule rule, TSNode anchor, TSNode last, const char *fmt,
                           ...) __attribute__((format(printf, 5, 6)));
/* Marks a finding as not rewritten, with the reason and the manual fix. */
void pf_finding_decline(pf_pass_context *context, pf_finding *finding, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Whether edits may be made at `node`: the code around it parses cleanly (otherwise the
 * finding is declined with that reason, in either mode), rewriting was asked for, the node
 * is inside a handler the --endpoint/--method filter selects (or no filter is set), and
 * no poolfix-ignore comment covers `finding`. Counts the rewrite in `context->rewrites`
 * when it says yes. */
bool pf_pass_may_rewrite(pf_pass_context *context, pf_finding *finding, TSNode node);

/* Why a JavaScript Map cannot stand for the database's grouping or matching of `field`'s
 * values (groupBy or `in` replaced by a lookup per key), or NULL when it can: the database
 * must compare the values exactly as a Map compares its keys (lists, DateTime, Decimal,
 * Json and Bytes are compared by identity; BigInt keys come back as bigint; some string
 * column types and databases ignore case or padding). */
const char *pf_map_key_problem(const pf_schema *schema, const pf_schema_field *field);

/* The statement a finding about `node` is anchored on: the statement directly in a block or
 * the program that holds it (not looking past the function around it), else `node`. */
TSNode pf_statement_anchor(TSNode node);

/* Whether a query call is the branch hoist writes beside a lookup, `key == null ? await q :
 * map.get(key) ?? d`, or `!map.has(key) ? ...` / `key == null || !map.has(key) ? ...` where the
 * loop writes the rows it looks up: it runs only for elements whose key is null, or whose row
 * the loop wrote since the read before it. */
bool pf_is_null_key_fallback(const pf_syntax *syntax, TSNode call);

/* Whether every query under `node` is such a null-key branch (and there is one). */
bool pf_only_null_key_fallbacks(const pf_model *model, TSNode node);

/* The finding of `rule` an earlier pass made at `anchor` in this run, or NULL. In a report
 * run every pass adds to one list, so a later pass can take over a finding an earlier one
 * declined (map fan-outs that one groupBy cannot replace are bounded instead); in a rewrite
 * run each pass has a list of its own and this finds nothing. */
pf_finding *pf_pass_finding_at(pf_pass_context *context, pf_rule rule, TSNode anchor);

/* For a loop-queries finding about `loop`: when the loop runs inside an interactive
 * $transaction, marks the finding and says why that matters (one connection, held for every
 * round trip of the loop, against the transaction's timeout). */
void pf_note_loop_in_transaction(pf_pass_context *context, pf_finding *finding, TSNode loop);

/* For a query of a loop that runs on the interactive $transaction around the loop: the hook
 * problem (see pf_client_hook_problem) of the client that started the transaction, whose query
 * hooks also run for the queries of its transaction client (`tx`), as a predicate (`runs on the
 * transaction of ...`), in `arena`. NULL when
 * the query is not on that transaction, or that client has no hook for its model. */
const char *pf_transaction_hook_problem(const pf_model *model, const pf_query *query, TSNode loop, pf_arena *arena);

/* Whether `node` is in the part of the file the --endpoint/--method filter selects: the code
 * the selected endpoints run (model->selection), or anywhere without --endpoint. */
bool pf_in_scope(const pf_model *model, const pf_options *options, TSNode node);

#endif
