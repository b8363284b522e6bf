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
} pf_pass_context;

typedef struct pf_pass {
    const char *name;       /* `batch`, as given to --pass */
    const char *alias;      /* another name --pass and explain accept (DESIGN.md's), or NULL */
    pf_rule rule;           /* the finding it reports and fixes */
    bool default_on;        /* runs unless --pass says otherwise */
    const char *summary;    /* one line for --help */
    const char *doc;        /* the text `poolfix explain` prints (transforms/<name>.md) */
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
 * no poolfix-ignore comment covers `finding`. */
bool pf_pass_may_rewrite(pf_pass_context *context, pf_finding *finding, TSNode node);

/* Whether `node` is in the part of the file the --endpoint/--method filter selects: the code
 * the selected endpoints run (model->selection), or anywhere without --endpoint. */
bool pf_in_scope(const pf_model *model, const pf_options *options, TSNode node);

#endif
