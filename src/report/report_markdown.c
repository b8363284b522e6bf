/* The Markdown report: a document in the shape of a hand-written pool-exhaustion analysis
 * (executive summary, numbered sections by severity, summary statistics, recommended
 * actions), whose recommended fixes are the unified diffs `poolfix diff --endpoint ROUTE
 * --method METHOD` prints, and whose actions are the `poolfix apply` commands of an
 * incremental rollout.
 *
 * It opens with what to fix first. Those blocks get full sections; every other endpoint and
 * function with findings gets one table row, those with only sequential round trips one row
 * in a table of their own, and the reasons poolfix gives for leaving findings to a manual
 * fix are listed once, numbered, at the end. Blocks with no finding and light figures are
 * left out. With --verbose every block gets a full section. No timestamps: the same code
 * gives the same bytes. */
#include "report_internal.h"

#include "poolfix/diff.h"
#include "poolfix/path.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Functions in other files a section names with their queries before "and N more" (all
 * with --verbose). */
#define REACHED_NAMED 5

/* Blocks the summary table names per severity before "and N more" (all with --verbose). */
#define NAMED_PER_SEVERITY 5

/* The issue families of the executive summary, in the order a reader meets them. */
static const struct {
    pf_rule rule;
    const char *title;
    const char *what;
} families[] = {
    {PF_RULE_PARALLEL_FANOUT, "Parallel Query Overload",
     "`Promise.all` arrays running more queries at once than the batch size"},
    {PF_RULE_UNBOUNDED_INCLUDE, "Unbounded Nested Relations", "to-many relations included without a `take` limit"},
    {PF_RULE_UNBOUNDED_FINDMANY, "Missing Pagination", "`findMany` calls with no `take`, returning every matching row"},
    {PF_RULE_LOOP_QUERIES, "Loop Queries", "loops awaiting queries on every iteration"},
    {PF_RULE_MAP_FANOUT, "Per-Value Query Maps",
     "`Promise.all(xs.map(...))` fan-outs running queries once per element"},
    {PF_RULE_SEQUENTIAL_QUERIES, "Sequential Round Trips", "functions awaiting several queries one after another"},
    {PF_RULE_TRANSACTION_OUTER_CLIENT, "Second Connection in Transactions",
     "queries inside an interactive `$transaction` on the outer client instead of the transaction's"},
};

/* The number a rewrite action names. */
typedef enum action_number { NUMBER_NONE, NUMBER_BATCH_SIZE, NUMBER_TAKE } action_number;

/* What a rewrite does, for the recommended actions, by rule: text, a number, more text. */
static const struct {
    const char *before;
    action_number number;
    const char *after;
} rewrite_actions[PF_RULE_COUNT] = {
    [PF_RULE_PARALLEL_FANOUT] = {"split `Promise.all` into batches of ", NUMBER_BATCH_SIZE, ""},
    [PF_RULE_MAP_FANOUT] = {"replace the per-value query map with one grouped query", NUMBER_NONE, ""},
    [PF_RULE_LOOP_QUERIES] = {"replace the loop queries with one query", NUMBER_NONE, ""},
    [PF_RULE_UNBOUNDED_INCLUDE] = {"add `take: ", NUMBER_TAKE, "` to nested relations"},
    [PF_RULE_UNBOUNDED_FINDMANY] = {"add `take: ", NUMBER_TAKE, "` to `findMany`"},
    [PF_RULE_SEQUENTIAL_QUERIES] = {"combine the independent queries", NUMBER_NONE, ""},
};

/* The recommended-actions groups, by the severity they hold. */
static const struct {
    pf_severity severity;
    const char *title;
} priorities[] = {
    {PF_SEVERITY_CRITICAL, "Immediate (Deploy Today)"},
    {PF_SEVERITY_HIGH, "High Priority (This Week)"},
    {PF_SEVERITY_MEDIUM, "Medium Priority (Next Week)"},
    {PF_SEVERITY_LOW, "Low Priority (Monitoring)"},
};

/* What the writer carries from section to section. */
typedef struct writer {
    const pf_report_model *model;
    const pf_options *options;
    pf_worker *worker; /* for re-running the engine on one endpoint */
    pf_buf *out;
} writer;

/* A severity name in capitals. */
static void put_upper(pf_buf *out, const char *s) {
    for (; *s; s++) pf_buf_putc(out, (char)toupper((unsigned char)*s));
}

/* "Line 42" or "Lines 5-17". */
static void put_line_label(pf_buf *out, const pf_finding *f) {
    pf_buf_puts(out, f->end_line > f->line ? "Lines " : "Line ");
    pf_report_lines(out, f->line, f->end_line);
}

/* How an endpoint is named in titles: `/api/x`, with the method when the route has several. */
static void put_name(pf_buf *out, const pf_report_entry *e) {
    if (!e->route) {
        char *file = pf_path_printable(e->file);
        pf_buf_printf(out, "`%s` in `%s`", e->function, file);
        free(file);
        return;
    }
    pf_buf_printf(out, "`%s`", e->route);
    if (e->shared_route) pf_buf_printf(out, " %s", e->method);
}

/* Whether this run rewrites a finding: what the diffs show. */
static bool rewritten(const pf_options *options, const pf_finding *f) {
    return pf_report_rewritten(options, f);
}

/* Whether a finding has a rewrite whose pass this run does not select. */
static bool opt_in(const pf_options *options, const pf_finding *f) {
    return pf_report_opt_in(options, f);
}

/* Whether a finding is reported but left to the reader (declined, or no pass for it). */
static bool manual(const pf_options *options, const pf_finding *f) {
    (void)options;
    return pf_report_manual_reason(f) != NULL;
}

/* Whether the sections fold a finding into one line for the block's sequential round trips
 * (every finding stands on its own with --verbose). */
static bool folded(const writer *w, const pf_finding *f) {
    return !w->model->verbose && !f->suppressed && f->rule == PF_RULE_SEQUENTIAL_QUERIES;
}

/* Whether a finding is rewritten by this run and its rewrite bounds what is returned. */
static bool bounded(const pf_options *options, const pf_finding *f) {
    return rewritten(options, f) && f->changes_results;
}

/* A finding with the block it is reported in. */
typedef struct held {
    const pf_finding *finding;
    const pf_report_entry *entry;
} held;

typedef PF_VEC(held) held_list;

/* The findings of the code an entry runs: its own, then, for an endpoint, those of the
 * blocks it runs the code of, which its rollout (`apply --endpoint`) rewrites too. */
static void findings_run(const pf_report_entry *e, pf_arena *arena, held_list *out) {
    for (size_t i = 0; i < e->finding_count; i++) *PF_VEC_PUSH(arena, *out) = (held){e->findings[i], e};
    for (size_t k = 0; k < e->callee_count; k++)
        for (size_t i = 0; i < e->callees[k]->finding_count; i++)
            *PF_VEC_PUSH(arena, *out) = (held){e->callees[k]->findings[i], e->callees[k]};
}

/* Whether the code an endpoint runs holds an unsuppressed finding (its own, or in the code it
 * calls): then its rollout has something to do. */
static bool has_work(const pf_report_entry *e) {
    if (e->open) return true;
    for (size_t k = 0; k < e->callee_count; k++)
        if (e->callees[k]->open) return true;
    return false;
}

/* Counts the findings of a list that satisfy `test`. */
static size_t count_held(const held_list *list, const pf_options *options,
                         bool (*test)(const pf_options *, const pf_finding *)) {
    size_t n = 0;
    for (size_t i = 0; i < list->len; i++) n += test(options, list->items[i].finding);
    return n;
}

/* --endpoint/--method as a selection test for the program. */
static bool selects(void *context, const char *route, const char *method) {
    return pf_options_selects(context, route, method);
}

/* Whether the scan found, inside the spans an endpoint selects in a file, a finding that diff
 * rewrites: a file without one has nothing the endpoint's diff could change. */
static bool rewrites_in(const pf_options *options, const pf_file_result *result, const pf_span *spans,
                        size_t count) {
    for (size_t k = 0; k < result->findings.len; k++) {
        const pf_finding *f = &result->findings.items[k];
        if (!pf_report_rewritten(options, f)) continue;
        for (size_t s = 0; s < count; s++)
            if (spans[s].start <= f->start && f->start < spans[s].end) return true;
    }
    return false;
}

/* The unified diff `poolfix diff --endpoint ROUTE --method METHOD` prints for an endpoint:
 * every file with code the endpoint runs, processed again with the options narrowed to it.
 * Only the files where the scan found a rewrite in that code are processed again (civitai:
 * the services an endpoint reaches, most of them hundreds of KB with nothing to rewrite
 * there, were parsed once per endpoint shown). */
static void endpoint_diff(const writer *w, const pf_report_entry *e, pf_buf *out) {
    const pf_report *report = w->model->report;
    pf_options narrowed = *w->options;
    char *route = pf_xstrdup(e->route);
    char *method = pf_report_method_flag(e) ? pf_xstrdup(pf_report_method_flag(e)) : NULL;
    narrowed.endpoints = &route;
    narrowed.endpoint_count = 1;
    narrowed.method = method;
    pf_engine engine = *report->engine;
    engine.options = &narrowed;
    const size_t *counts;
    const pf_span *const *spans = pf_program_select(report->program, selects, &narrowed, &counts);
    pf_arena arena;
    pf_arena_init(&arena);
    for (size_t i = 0; i < report->count; i++) {
        const pf_file_result *r = report->results[i];
        if (!counts[i] || !r || !r->summary || !rewrites_in(w->options, r, spans[i], counts[i])) continue;
        pf_file_context context;
        pf_file_context_from_program(&context, report->program, i, r->summary, &arena);
        context.selection = spans[i];
        context.selection_count = counts[i];
        pf_file_result result;
        pf_engine_process(&engine, w->worker, r->file, r->schema, true, &context, &result);
        if (result.output) {
            char *label = pf_path_for_display(r->file->path);
            pf_diff_style style = {3, false};
            pf_diff_write(out, label, result.source.bytes, result.source.len, result.output, result.output_len, &style);
            free(label);
        }
        pf_file_result_free(&result);
    }
    pf_arena_free(&arena);
    free(route);
    free(method);
}

/* The fence language of a file: typescript for .ts .tsx .mts .cts (the extensions with a
 * 't'), else javascript. */
static const char *language_of(const char *file) {
    const char *dot = strrchr(file, '.');
    return dot && strchr(dot, 't') ? "typescript" : "javascript";
}

/* A fenced code block holding `code`, with a fence longer than any run of backticks in it
 * (a template literal may hold ```), then a blank line. */
static void put_fenced(pf_buf *out, const char *language, const pf_buf *code) {
    size_t fence = 3, run = 0;
    for (size_t i = 0; i < code->len; i++) {
        run = code->data[i] == '`' ? run + 1 : 0;
        if (run >= fence) fence = run + 1;
    }
    pf_buf_repeat(out, "`", fence);
    pf_buf_printf(out, "%s\n", language);
    pf_buf_append(out, code->data, code->len);
    pf_buf_repeat(out, "`", fence);
    pf_buf_puts(out, "\n\n");
}

/* Lines [first, last] of a file (1-based), without their common indentation; past
 * PF_REPORT_EXCERPT_LINES the rest is elided with a comment. */
static void put_excerpt(pf_buf *out, const pf_quoted_lines *quoted, int first, int last) {
    const char *text[PF_REPORT_EXCERPT_LINES + 1];
    size_t lens[PF_REPORT_EXCERPT_LINES + 1];
    int shown = last - first + 1 > PF_REPORT_EXCERPT_LINES ? PF_REPORT_EXCERPT_LINES - 1 : last - first + 1;
    int count = 0;
    for (const pf_quoted_line *line; count < shown && (line = pf_quoted_line_numbered(quoted, first + count));) {
        text[count] = pf_quoted_text(quoted, line);
        lens[count++] = line->len;
    }
    /* Blank lines (spaces and tabs only, before a '\r' or the end) do not count. */
    size_t indent = SIZE_MAX;
    for (int i = 0; i < count; i++) {
        size_t n = 0;
        while (n < lens[i] && (text[i][n] == ' ' || text[i][n] == '\t')) n++;
        if (n < lens[i] && text[i][n] != '\r' && n < indent) indent = n;
    }
    for (int i = 0; i < count; i++) {
        size_t len = lens[i];
        if (len && text[i][len - 1] == '\r') len--;
        size_t skip = indent < len ? indent : len;
        pf_buf_append(out, text[i] + skip, len - skip);
        pf_buf_putc(out, '\n');
    }
    if (count < last - first + 1) pf_buf_printf(out, "// ... %d more lines\n", last - first + 1 - count);
}

/* The code of a block's unsuppressed findings, each range once, as in the seed analysis
 * (sequential round trips, folded into one line, show none). */
static void put_code(const writer *w, const pf_report_entry *e) {
    pf_buf code = PF_BUF_INIT;
    int covered = 0;
    for (size_t i = 0; i < e->finding_count; i++) {
        const pf_finding *f = e->findings[i];
        if (f->suppressed || folded(w, f) || f->end_line <= covered) continue;
        pf_buf_puts(&code, code.len ? "\n// " : "// ");
        put_line_label(&code, f);
        pf_buf_printf(&code, ": %s\n", pf_rule_id(f->rule));
        put_excerpt(&code, e->result->quoted, f->line, f->end_line);
        covered = f->end_line;
    }
    if (code.len) put_fenced(w->out, language_of(e->file), &code);
    pf_buf_free(&code);
}

/* **Lines:** the line ranges of a block's findings, overlapping ones merged (or the
 * function's lines when it has none). */
static void put_lines(pf_buf *out, const pf_report_entry *e) {
    pf_buf_puts(out, "**Lines:** ");
    if (e->finding_count == 0) {
        pf_report_lines(out, e->line, e->block ? e->block->end_line : e->line);
        pf_buf_puts(out, " (no findings)\n");
        return;
    }
    int first = e->findings[0]->line, last = e->findings[0]->end_line;
    for (size_t i = 1; i <= e->finding_count; i++) {
        const pf_finding *f = i < e->finding_count ? e->findings[i] : NULL;
        if (f && f->line <= last) {
            if (f->end_line > last) last = f->end_line;
            continue;
        }
        pf_report_lines(out, first, last);
        if (!f) break;
        pf_buf_puts(out, ", ");
        first = f->line;
        last = f->end_line;
    }
    pf_buf_putc(out, '\n');
}

/* One finding of the **Issue:** list. */
static void put_issue(pf_buf *out, const pf_finding *f) {
    pf_buf_printf(out, "%s (`%s`, %s%s)", f->message, pf_rule_id(f->rule), pf_severity_name(f->severity),
                  f->suppressed ? "; suppressed by a poolfix-ignore comment" : "");
}

/* The one **Issue:** line for a block's folded sequential round trips. */
static void put_round_trips_issue(const writer *w, const pf_report_entry *e, const char *prefix) {
    const pf_finding *first = NULL;
    for (size_t i = 0; i < e->finding_count && !first; i++)
        if (folded(w, e->findings[i])) first = e->findings[i];
    if (!first) return;
    pf_buf_printf(w->out, "%sSequential round trips: lines ", prefix);
    pf_report_round_trips(w->out, e);
    pf_buf_printf(w->out, " one after another (`%s`, %s)\n", pf_rule_id(first->rule),
                  pf_severity_name(first->severity));
}

/* **Impact:** what the figures mean with connection_limit=1 (docs/rules/severity.md). */
static void put_impact(const writer *w, const pf_report_entry *e) {
    const pf_thresholds *t = &w->options->thresholds;
    const pf_block *h = e->block;
    if (!h) return;
    long count = h->figures.width;
    const char *impact = NULL;
    if (h->figures.unbounded) {
        count = 0;
        impact = "A count grows with the data: one request can take any number of connections.";
    } else if (h->figures.total >= t->connections_critical) {
        count = h->figures.total;
        impact = "pool acquisitions per request: at the default pool timeout a handful of concurrent requests "
                 "starve each other.";
    } else if (count >= t->parallel_critical) {
        impact = "queries at once: with `connection_limit=1`, a near-certain pool timeout under any concurrency.";
    } else if (count >= t->parallel_high) {
        impact = "queries at once: a pool timeout as soon as two requests overlap.";
    } else if (count >= t->parallel_low) {
        impact = "queries at once: slow, but survives light traffic when the queries are paginated.";
    } else if (h->figures.rounds >= t->sequential_medium) {
        count = h->figures.rounds;
        impact = "round trips one after another: each waits for the pool in turn, and the response time adds up.";
    }
    if (!impact) return;
    pf_buf_puts(w->out, "**Impact:** ");
    if (count) pf_buf_printf(w->out, "%ld ", count);
    pf_buf_printf(w->out, "%s\n\n", impact);
}

/* For each of `count` keys, the index of the first equal key (SIZE_MAX for a NULL key):
 * findings that share a key are written as one line, where the first of them is. malloc'd. */
static size_t *group_keys(const char *const *keys, size_t count) {
    size_t *leader = pf_xcalloc(count + 1, sizeof(size_t));
    for (size_t i = 0; i < count; i++) {
        leader[i] = SIZE_MAX;
        if (!keys[i]) continue;
        for (size_t k = 0; k < i && leader[i] == SIZE_MAX; k++)
            if (leader[k] == k && strcmp(keys[k], keys[i]) == 0) leader[i] = k;
        if (leader[i] == SIZE_MAX) leader[i] = i;
    }
    return leader;
}

/* A list of the held findings that satisfy `test`, under `heading`; nothing when none does.
 * Findings of one file with the same fix share a line ("- Lines 5-9, 30 (`rule`): fix"), so
 * that a reason is written once per file; `with_file` names the file first. */
static void put_held_list(const writer *w, const held_list *list, const char *heading, bool with_file,
                          bool (*test)(const pf_options *, const pf_finding *)) {
    if (!count_held(list, w->options, test)) return;
    pf_buf_printf(w->out, "%s\n\n", heading);
    pf_arena arena;
    pf_arena_init(&arena);
    const char **fixes = pf_arena_alloc(&arena, (list->len + 1) * sizeof(char *));
    const char **keys = pf_arena_alloc(&arena, (list->len + 1) * sizeof(char *));
    for (size_t i = 0; i < list->len; i++) {
        if (!test(w->options, list->items[i].finding)) continue;
        pf_buf fix = PF_BUF_INIT;
        pf_report_fix(&fix, w->options, list->items[i].finding);
        fixes[i] = pf_arena_strdup(&arena, fix.data);
        keys[i] = pf_arena_printf(&arena, "%s\n%s", list->items[i].entry->file, fixes[i]);
        pf_buf_free(&fix);
    }
    size_t *leader = group_keys(keys, list->len);
    for (size_t i = 0; i < list->len; i++) {
        if (leader[i] != i) continue;
        const pf_finding *f = list->items[i].finding;
        size_t members = 0;
        unsigned rules = 0;
        for (size_t k = i; k < list->len; k++)
            if (leader[k] == i) members++, rules |= 1u << list->items[k].finding->rule;
        pf_buf_puts(w->out, "- ");
        if (with_file) pf_buf_printf(w->out, "`%s` ", list->items[i].entry->file);
        pf_buf_puts(w->out, members > 1 || f->end_line > f->line ? "Lines " : "Line ");
        for (size_t k = i, n = 0; k < list->len; k++) {
            if (leader[k] != i) continue;
            if (n++) pf_buf_puts(w->out, ", ");
            pf_report_lines(w->out, list->items[k].finding->line, list->items[k].finding->end_line);
        }
        pf_buf_puts(w->out, " (");
        for (int r = 0, n = 0; r < PF_RULE_COUNT; r++)
            if (rules & (1u << r)) pf_buf_printf(w->out, "%s`%s`", n++ ? ", " : "", pf_rule_id((pf_rule)r));
        pf_buf_printf(w->out, "): %s\n", fixes[i]);
    }
    pf_buf_putc(w->out, '\n');
    free(leader);
    pf_arena_free(&arena);
}

/* put_held_list() over a block's own findings. */
static void put_fix_list(const writer *w, const pf_report_entry *e, const char *heading,
                         bool (*test)(const pf_options *, const pf_finding *)) {
    pf_arena arena;
    pf_arena_init(&arena);
    held_list own = {0};
    for (size_t i = 0; i < e->finding_count; i++) *PF_VEC_PUSH(&arena, own) = (held){e->findings[i], e};
    put_held_list(w, &own, heading, false, test);
    pf_arena_free(&arena);
}

/* Whether a finding is held in another block than `e`'s own. */
static bool elsewhere(const held_list *list, size_t i, const pf_report_entry *e) {
    return list->items[i].entry != e;
}

/* **Recommended Fix:** the diff of the endpoint's rewrites (in its own file and in the code it
 * calls) and what they change in results, then the opt-in rewrites left out, then what
 * poolfix leaves to a manual fix. A function outside routes is rewritten with the endpoints
 * that reach it. */
static void put_fix(const writer *w, const pf_report_entry *e, const pf_buf *diff, const held_list *runs) {
    if (diff->len) {
        pf_buf_puts(w->out, "**Recommended Fix:** `");
        pf_report_command(w->out, w->model, "apply", e, NULL, false);
        pf_buf_puts(w->out, "` writes:\n\n");
        put_fenced(w->out, "diff", diff);
        put_held_list(w, runs, "**What the rewrites change:**", true, bounded);
    } else if (!e->route && e->block && e->block->reached_by_count) {
        pf_buf_puts(w->out, "**Recommended Fix:** rewritten with the rollout of the endpoint");
        pf_buf_puts(w->out, e->block->reached_by_count == 1 ? " that reaches it: " : "s that reach it: ");
        for (size_t i = 0; i < e->block->reached_by_count; i++) {
            pf_buf_puts(w->out, i ? ", `" : "`");
            pf_report_endpoint_name(w->out, &w->model->blocks[e->block->reached_by[i]]);
            pf_buf_putc(w->out, '`');
        }
        pf_buf_puts(w->out, " (its section shows the diff)\n\n");
    } else if (!e->route) {
        put_fix_list(w, e,
                     "**Recommended Fix:** code no endpoint reaches is rewritten only by a run without `--endpoint` "
                     "(`poolfix diff` shows it with every other rewrite):",
                     rewritten);
    }
    put_fix_list(w, e, "**Opt-in fix:**", opt_in);
    put_fix_list(w, e, "**Manual fix:**", manual);
}

/* Appends one query of a reached function: "line 14 `user.findUnique`", comma-separated. */
static void put_query(void *context, int line, const char *operation) {
    pf_buf *out = context;
    if (out->data && out->data[out->len - 1] == '`') pf_buf_puts(out, ", ");
    pf_buf_printf(out, "line %d `%s`", line, operation);
}

/* **Queries in other files:** what an endpoint or function runs elsewhere, each function with
 * the calls that lead to it (the first REACHED_NAMED without --verbose); and for a function,
 * the endpoints that reach it. */
static void put_reached(const writer *w, const pf_report_entry *e) {
    const pf_block *b = e->block;
    if (!b) return;
    size_t named = w->model->verbose || b->reached_count <= REACHED_NAMED + 1 ? b->reached_count : REACHED_NAMED;
    if (b->reached_count) pf_buf_puts(w->out, "**Queries in other files:**\n\n");
    for (size_t i = 0; i < named; i++) {
        pf_buf_puts(w->out, "- via ");
        pf_report_path(w->model, b, &b->reached[i], "`", w->out);
        pf_buf_puts(w->out, ": ");
        pf_report_queries_of(w->model, b->reached[i].file, b->reached[i].function, put_query, w->out);
        pf_buf_putc(w->out, '\n');
    }
    if (named < b->reached_count)
        pf_buf_printf(w->out, "- and %zu more functions (`--verbose` lists them)\n", b->reached_count - named);
    if (b->reached_count) pf_buf_putc(w->out, '\n');
    if (b->endpoint || !b->reached_by_count) return;
    pf_buf_puts(w->out, "**Reached from:** ");
    for (size_t i = 0; i < b->reached_by_count; i++) {
        pf_buf_puts(w->out, i ? ", `" : "`");
        pf_report_endpoint_name(w->out, &w->model->blocks[b->reached_by[i]]);
        pf_buf_putc(w->out, '`');
    }
    pf_buf_puts(w->out, "\n\n");
}

/* What a table row says poolfix does about a finding. */
static const char *row_status(const writer *w, const pf_finding *f, pf_arena *arena) {
    if (f->suppressed) return "suppressed";
    if (rewritten(w->options, f)) return "rewrite";
    if (opt_in(w->options, f)) return pf_arena_printf(arena, "opt-in `--pass %s`", f->pass);
    return pf_arena_printf(arena, "by hand (reason %zu)",
                           pf_report_reason_number(w->model, pf_report_manual_reason(f)));
}

/* A block's own findings in short, by rule (in rule order) and what poolfix does about them:
 * "`loop-queries` 30-40, 52: by hand (reason 2); `unbounded-include` 12: rewrite". */
static void put_finding_groups(const writer *w, const pf_report_entry *e, const char **separator) {
    pf_buf *out = w->out;
    pf_arena arena;
    pf_arena_init(&arena);
    const char **status = pf_arena_alloc(&arena, (e->finding_count + 1) * sizeof(char *));
    const char **keys = pf_arena_alloc(&arena, (e->finding_count + 1) * sizeof(char *));
    for (size_t i = 0; i < e->finding_count; i++) {
        status[i] = row_status(w, e->findings[i], &arena);
        keys[i] = pf_arena_printf(&arena, "%s %s", pf_rule_id(e->findings[i]->rule), status[i]);
    }
    size_t *leader = group_keys(keys, e->finding_count);
    for (int r = 0; r < PF_RULE_COUNT; r++)
        for (size_t i = 0; i < e->finding_count; i++) {
            if (leader[i] != i || e->findings[i]->rule != (pf_rule)r) continue;
            pf_buf_printf(out, "%s`%s` ", *separator, pf_rule_id((pf_rule)r));
            for (size_t k = i, n = 0; k < e->finding_count; k++) {
                if (leader[k] != i) continue;
                if (n++) pf_buf_puts(out, ", ");
                pf_report_lines(out, e->findings[k]->line, e->findings[k]->end_line);
            }
            pf_buf_printf(out, ": %s", status[i]);
            *separator = "; ";
        }
    free(leader);
    pf_arena_free(&arena);
}

/* Whether a callee holds an open finding other than sequential round trips (those have a
 * table of their own). */
static bool callee_matters(const pf_report_entry *x) {
    return x->open > x->sequential;
}

/* "`load` (#14)": a block by name, with its row or section number. */
static void put_reference(pf_buf *out, const pf_report_entry *x) {
    pf_buf_printf(out, "`%s`", x->route ? x->route : x->function);
    if (x->number) pf_buf_printf(out, " (#%zu)", x->number);
}

/* The Findings cell of a table row: a block's own findings in short, then the code it calls
 * that holds findings ("in `load` (#14)"). */
static void put_findings_cell(const writer *w, const pf_report_entry *e) {
    const char *separator = "";
    put_finding_groups(w, e, &separator);
    for (size_t k = 0; k < e->callee_count; k++) {
        if (!callee_matters(e->callees[k])) continue;
        pf_buf_printf(w->out, "%sin ", separator);
        put_reference(w->out, e->callees[k]);
        separator = "; ";
    }
    if (e->figures_only) pf_buf_puts(w->out, "none: its figures alone (`--verbose` shows the calls behind them)");
}

/* The entry of the endpoint block `b`, or NULL when the report does not list it. */
static const pf_report_entry *entry_of(const pf_report_model *m, const pf_block *b) {
    for (size_t i = 0; i < m->endpoint_count; i++)
        if (m->endpoints[i].block == b) return &m->endpoints[i];
    return NULL;
}

/* **Issue:** a block's own findings, sequential round trips folded into one line, then
 * those of the code it calls: with --verbose each finding, else each function in one line
 * (its own row gives the details; those with only sequential round trips are left to the
 * sequential table). */
static void put_issues(const writer *w, const pf_report_entry *e, const held_list *runs) {
    pf_buf *out = w->out;
    size_t own = 0, called = 0;
    for (size_t i = 0; i < runs->len; i++) {
        if (!elsewhere(runs, i, e)) own++;
        else if (w->model->verbose || callee_matters(runs->items[i].entry)) called++;
    }
    if (own == 0)
        pf_buf_puts(out, called ? "\n**Issue:** none in its own code\n\n" : "\n**Issue:** none\n\n");
    else pf_buf_puts(out, "\n**Issue:**\n");
    for (size_t i = 0; i < e->finding_count; i++) {
        if (folded(w, e->findings[i])) continue;
        pf_buf_puts(out, "- ");
        put_line_label(out, e->findings[i]);
        pf_buf_puts(out, ": ");
        put_issue(out, e->findings[i]);
        pf_buf_putc(out, '\n');
    }
    put_round_trips_issue(w, e, "- ");
    if (called) pf_buf_puts(out, own ? "\n**In the code it calls:**\n" : "**In the code it calls:**\n");
    for (size_t k = 0; !w->model->verbose && k < e->callee_count; k++) {
        const pf_report_entry *x = e->callees[k];
        if (!callee_matters(x)) continue;
        pf_buf_puts(out, "- ");
        put_reference(out, x);
        pf_buf_printf(out, " in `%s`: ", x->file);
        const char *separator = "";
        put_finding_groups(w, x, &separator);
        pf_buf_putc(out, '\n');
    }
    for (size_t i = 0; w->model->verbose && i < runs->len; i++) {
        if (!elsewhere(runs, i, e)) continue;
        pf_buf_printf(out, "- `%s` ", runs->items[i].entry->file);
        put_line_label(out, runs->items[i].finding);
        pf_buf_puts(out, ": ");
        put_issue(out, runs->items[i].finding);
        pf_buf_putc(out, '\n');
    }
    if (own || called) pf_buf_putc(out, '\n');
}

/* One numbered section: where, what, how bad, and the fix. */
static void put_section(const writer *w, const pf_report_entry *e) {
    pf_buf *out = w->out;
    pf_buf_printf(out, "### %zu. ", e->number);
    put_name(out, e);
    pf_buf_puts(out, " - ");
    if (e->severity == PF_SEVERITY_CRITICAL) pf_buf_puts(out, "**CRITICAL**");
    else put_upper(out, pf_severity_name(e->severity));
    char *file = pf_path_printable(e->file);
    pf_buf_printf(out, "\n**File:** `%s`\n", file);
    free(file);
    put_lines(out, e);

    pf_arena arena;
    pf_arena_init(&arena);
    held_list runs = {0};
    findings_run(e, &arena, &runs);
    pf_buf diff = PF_BUF_INIT;
    if (e->route && count_held(&runs, w->options, rewritten)) endpoint_diff(w, e, &diff);
    put_issues(w, e, &runs);
    if (diff.len == 0) put_code(w, e);

    pf_buf_puts(out, "**Severity:** ");
    put_upper(out, pf_severity_name(e->severity));
    if (e->block) {
        pf_buf_puts(out, "\n**Connection Usage:** ");
        pf_report_figures(out, &e->block->figures, "**");
        if (e->block->calls) pf_buf_printf(out, " (with the queries of `%s`)", e->block->calls);
    }
    pf_buf_puts(out, "\n\n");
    put_reached(w, e);
    if (e->severity >= PF_SEVERITY_MEDIUM) put_impact(w, e);
    put_fix(w, e, &diff, &runs);
    pf_buf_free(&diff);
    pf_arena_free(&arena);
    if (e->severity <= PF_SEVERITY_LOW)
        pf_buf_puts(out, e->severity == PF_SEVERITY_LOW ? "**Status:** ✅ Acceptable for now, but monitor\n\n"
                                                        : "**Status:** ✅ Acceptable\n\n");
    pf_buf_puts(out, "---\n\n");
}

/* Counts and joins "**1 CRITICAL**, **4 HIGH** and **9 MEDIUM**" for the severities present. */
static void put_severity_counts(pf_buf *out, const size_t *counts) {
    size_t present = 0, written = 0;
    for (int s = 0; s < PF_SEVERITY_COUNT; s++) present += counts[s] > 0;
    for (int s = PF_SEVERITY_COUNT - 1; s >= 0; s--) {
        if (!counts[s]) continue;
        written++;
        pf_buf_printf(out, "%s**%zu ", written == 1 ? "" : written == present ? " and " : ", ", counts[s]);
        put_upper(out, pf_severity_name((pf_severity)s));
        pf_buf_puts(out, "**");
    }
}

/* **Shown:** what the document details, what it lists in one row, and what it leaves out. */
static void put_shown(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    if (m->verbose) {
        pf_buf_puts(out, "**Shown:** every endpoint and function outside routes in full (`--verbose`)\n");
        return;
    }
    size_t sequential = m->sequential_endpoints + m->sequential_functions;
    size_t rows = m->shown_endpoints + m->shown_functions - sequential - m->top_count;
    size_t hidden_endpoints = m->endpoint_count - m->shown_endpoints;
    size_t hidden_functions = m->function_count - m->shown_functions;
    pf_buf_puts(out, "**Shown:** ");
    if (m->shown_endpoints || m->shown_functions) {
        pf_report_block_counts(out, m->shown_endpoints, m->shown_functions);
        pf_buf_puts(out, " with findings");
        if (m->figures_only) pf_buf_printf(out, " (%zu for their figures alone)", m->figures_only);
        const char *separator = ": ";
        if (m->top_count) {
            pf_buf_printf(out, "%sthe %zu to fix first in full", separator, m->top_count);
            separator = ", ";
        }
        if (rows) {
            pf_buf_printf(out, "%s%zu %sin one row each", separator, rows, m->top_count ? "more " : "");
            separator = ", ";
        }
        if (sequential)
            pf_buf_printf(out, "%s%zu with only sequential round trips in a table of their own", separator,
                          sequential);
    } else {
        pf_buf_puts(out, "nothing with findings");
    }
    if (hidden_endpoints || hidden_functions) {
        pf_buf_puts(out, "; left out: ");
        pf_report_block_counts(out, hidden_endpoints, hidden_functions);
        pf_buf_puts(out, " with no finding");
    }
    pf_buf_puts(out, ". `--verbose` gives every one a full section; JSON and SARIF list everything.\n");
}

/* The title block and the executive summary. */
static void put_summary(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    pf_buf_puts(out, "# Database Connection Pool Exhaustion Analysis\n\n");
    pf_buf_printf(out, "**Generated by:** poolfix %s (`poolfix scan --format markdown%s`)\n", POOLFIX_VERSION,
                  m->verbose ? " --verbose" : "");
    pf_buf_printf(out, "**Scanned:** `%s`: %zu file%s (%zu skipped), %zu endpoint%s, %zu function%s outside routes\n",
                  m->root, m->files_scanned, pf_report_plural(m->files_scanned), m->files_skipped, m->endpoint_count,
                  pf_report_plural(m->endpoint_count), m->function_count, pf_report_plural(m->function_count));
    pf_buf_puts(out, "**Prisma:** ");
    pf_report_schema_line(m, "`", out);
    pf_buf_putc(out, '\n');
    put_shown(w);
    pf_buf_puts(out, "\n---\n\n## Executive Summary\n\n");

    size_t issues = m->item_count - m->suppressed;
    if (issues == 0) {
        pf_buf_printf(out, "This analysis found no connection pool exhaustion issues across %zu endpoint%s",
                      m->endpoint_count, pf_report_plural(m->endpoint_count));
    } else {
        pf_buf_puts(out, "This analysis identified ");
        put_severity_counts(out, m->by_severity);
        pf_buf_printf(out, " severity connection pool exhaustion issue%s across %zu endpoint%s",
                      pf_report_plural(issues), m->endpoint_count, pf_report_plural(m->endpoint_count));
    }
    if (m->function_count)
        pf_buf_printf(out, " and %zu function%s outside routes", m->function_count,
                      pf_report_plural(m->function_count));
    if (m->suppressed)
        pf_buf_printf(out, "; %zu more %s suppressed by poolfix-ignore comments", m->suppressed,
                      m->suppressed == 1 ? "is" : "are");
    pf_buf_puts(out, issues ? ". The primary issues are:\n\n" : ".\n\n");
    size_t n = 0;
    for (size_t i = 0; i < sizeof(families) / sizeof(*families); i++) {
        size_t count = m->by_rule[families[i].rule];
        if (count) pf_buf_printf(out, "%zu. **%s** - %s: %zu\n", ++n, families[i].title, families[i].what, count);
    }
    if (issues) {
        size_t fixed = 0, opt = 0;
        for (size_t i = 0; i < m->item_count; i++) {
            fixed += rewritten(w->options, m->items[i].finding);
            opt += opt_in(w->options, m->items[i].finding);
        }
        pf_buf_printf(out, "\npoolfix rewrites %zu of the %zu issue%s mechanically", fixed, issues,
                      pf_report_plural(issues));
        if (opt) pf_buf_printf(out, "; %zu more %s an opt-in rewrite", opt, opt == 1 ? "has" : "have");
        pf_buf_printf(out, "; %zu need%s a manual fix, for the reasons listed at the end.\n", issues - fixed - opt,
                      issues - fixed - opt == 1 ? "s" : "");
    }
    if (m->figures_only)
        pf_buf_printf(out,
                      "%s%zu endpoint%s and function%s %s medium severity or worse by %s figures alone, with no "
                      "finding: a count that grows with the data (recursion, say) or many queries through calls. "
                      "Their rows say so.\n",
                      issues ? "\n" : "", m->figures_only, pf_report_plural(m->figures_only),
                      pf_report_plural(m->figures_only),
                      m->figures_only == 1 ? "is" : "are", m->figures_only == 1 ? "its" : "their");
    if (m->by_rule[PF_RULE_SEQUENTIAL_QUERIES] && !m->verbose)
        pf_buf_puts(out, "\nSequential round trips hold one connection at a time: they add latency more than they "
                         "exhaust the pool, so this document gives them one line per block.\n");
    pf_buf_puts(out, "\n---\n\n");
}

/* "21 connections", "at least 5 connections": a block's total, for the tables. */
static void put_total(pf_buf *out, const pf_report_entry *e) {
    if (!e->block) {
        pf_buf_puts(out, "-");
        return;
    }
    const pf_measure *m = &e->block->figures;
    pf_buf_printf(out, "%s%ld", m->unbounded ? "at least " : "", (long)m->total);
}

/* The fix-first table: the blocks to fix first, their section, and the command or manual
 * work that fixes each. */
static void put_top(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    if (!m->top_count) return;
    pf_buf_puts(out, "## 🎯 Fix First\n\n"
                     "By severity, then connections per request; an endpoint whose findings all sit in code an "
                     "earlier one's rollout rewrites is not repeated. Run poolfix again after each rollout: the "
                     "list moves up.\n\n"
                     "| # | Endpoint or function | Severity | Connections | Fix |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < m->top_count; i++) {
        const pf_report_entry *e = m->top[i];
        pf_buf_printf(out, "| %zu | ", e->number);
        put_name(out, e);
        pf_buf_puts(out, " | ");
        put_upper(out, pf_severity_name(e->severity));
        pf_buf_puts(out, " | ");
        if (e->block) {
            const pf_measure *f = &e->block->figures;
            pf_report_connections(out, f->width, f->total - f->width, f->unbounded, "");
        }
        pf_buf_puts(out, " | ");
        pf_report_how(out, m, e, "`");
        pf_buf_puts(out, " |\n");
    }
    pf_buf_puts(out, "\n---\n\n");
}

/* The sections of `entries` (in order, severity never rising), each severity group under its
 * heading; code outside routes under its own heading when `functions`. */
static void put_sections(const writer *w, pf_report_entry *const *entries, size_t count, bool functions) {
    static const struct {
        pf_severity low;
        const char *heading;
    } groups[] = {
        {PF_SEVERITY_HIGH, "🔴 CRITICAL AND HIGH SEVERITY ISSUES (Production Breaking)"},
        {PF_SEVERITY_MEDIUM, "🟡 MEDIUM SEVERITY ISSUES"},
        {PF_SEVERITY_INFO, "✅ LOW SEVERITY (Acceptable)"},
    };
    size_t group = SIZE_MAX;
    for (size_t i = 0; i < count; i++) {
        size_t g = 0;
        while (entries[i]->severity < groups[g].low) g++;
        if (functions && i == 0) pf_buf_puts(w->out, "## 📦 CODE OUTSIDE ROUTES\n\n");
        if (!functions && g != group) pf_buf_printf(w->out, "## %s\n\n", groups[g].heading);
        group = g;
        put_section(w, entries[i]);
    }
}

/* The shown blocks of an array, for the sections of --verbose (which shows them all). */
static size_t shown_of(pf_report_entry *entries, size_t count, pf_arena *arena, pf_report_entry ***out) {
    *out = pf_arena_alloc(arena, (count + 1) * sizeof(pf_report_entry *));
    size_t n = 0;
    for (size_t i = 0; i < count; i++)
        if (entries[i].shown) (*out)[n++] = &entries[i];
    return n;
}

/* The tables of the shown blocks without a section: endpoints, then code outside routes.
 * Each row: where, how bad, its findings, and the command or rollout that fixes it. */
static void put_rows(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    for (int functions = 0; functions < 2 && !m->verbose; functions++) {
        const pf_report_entry *entries = functions ? m->functions : m->endpoints;
        size_t count = functions ? m->function_count : m->endpoint_count, rows = 0;
        for (size_t i = 0; i < count; i++) {
            const pf_report_entry *e = &entries[i];
            if (!e->shown || e->sequential_only) continue;
            bool top = false;
            for (size_t k = 0; k < m->top_count; k++) top |= m->top[k] == e;
            if (top) continue;
            if (rows++ == 0) {
                pf_buf_puts(out, functions ? "## 📦 Code Outside Routes With Findings\n\n"
                                             "A function an endpoint reaches is rewritten with that endpoint's "
                                             "rollout; one no endpoint reaches, only by a run without `--endpoint`. "
                                             "Reasons are listed at the end.\n\n"
                                           : m->top_count ? "## 📋 Other Endpoints With Findings\n\n"
                                                          : "## 📋 Endpoints With Findings\n\n");
                if (!functions)
                    pf_buf_puts(out, "By severity, then connections per request. `poolfix diff` with a row's "
                                     "`--endpoint` shows its rewrite; reasons are listed at the end.\n\n");
                pf_buf_puts(out, "| # | ");
                pf_buf_puts(out, functions ? "Function" : "Endpoint");
                pf_buf_puts(out, " | File | Severity | Connections | Findings | Fix |\n"
                                 "|---|---|---|---|---|---|---|\n");
            }
            pf_buf_printf(out, "| %zu | ", e->number);
            if (functions) pf_buf_printf(out, "`%s`", e->function);
            else put_name(out, e);
            pf_buf_printf(out, " | `%s:%d` | ", e->file, e->line);
            put_upper(out, pf_severity_name(e->severity));
            pf_buf_puts(out, " | ");
            put_total(out, e);
            pf_buf_puts(out, " | ");
            put_findings_cell(w, e);
            pf_buf_puts(out, " | ");
            if (functions && e->block && e->block->reached_by_count) {
                const pf_block *first = &m->blocks[e->block->reached_by[0]];
                const pf_report_entry *endpoint = entry_of(m, first);
                pf_buf_puts(out, "with `");
                pf_report_endpoint_name(out, first);
                pf_buf_putc(out, '`');
                if (endpoint && endpoint->number) pf_buf_printf(out, " (#%zu)", endpoint->number);
                if (e->block->reached_by_count > 1)
                    pf_buf_printf(out, " or %zu more endpoint%s", e->block->reached_by_count - 1,
                                  pf_report_plural(e->block->reached_by_count - 1));
            } else {
                pf_report_how(out, m, e, "`");
            }
            pf_buf_puts(out, " |\n");
        }
        if (rows) pf_buf_puts(out, "\n---\n\n");
    }
}

/* The table of blocks whose only findings are sequential round trips, one row each. */
static void put_sequential(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    size_t n = m->sequential_endpoints + m->sequential_functions;
    if (!n) return;
    pf_buf_printf(out,
                  "## 🐢 Sequential Round Trips\n\n"
                  "%zu endpoint%s and %zu function%s outside routes hold nothing but queries awaited one after "
                  "another: each waits for the pool in turn, so they add latency rather than exhaust it. Combine "
                  "the independent ones by hand (`poolfix explain sequential-queries`).\n\n"
                  "| Endpoint or function | File | Round trips (lines) |\n|---|---|---|\n",
                  m->sequential_endpoints, pf_report_plural(m->sequential_endpoints), m->sequential_functions,
                  pf_report_plural(m->sequential_functions));
    for (int functions = 0; functions < 2; functions++) {
        const pf_report_entry *entries = functions ? m->functions : m->endpoints;
        size_t count = functions ? m->function_count : m->endpoint_count;
        for (size_t i = 0; i < count; i++) {
            const pf_report_entry *e = &entries[i];
            if (!e->sequential_only) continue;
            pf_buf_puts(out, "| ");
            if (functions) pf_buf_printf(out, "`%s`", e->function);
            else put_name(out, e);
            pf_buf_printf(out, " | `%s:%d` | ", e->file, e->line);
            const char *separator = "";
            if (e->open) {
                pf_report_round_trips(out, e);
                separator = "; ";
            }
            for (size_t k = 0; k < e->callee_count; k++) {
                if (!e->callees[k]->open) continue;
                pf_buf_printf(out, "%sin `%s`: ", separator, e->callees[k]->file);
                pf_report_round_trips(out, e->callees[k]);
                separator = "; ";
            }
            pf_buf_puts(out, " |\n");
        }
    }
    pf_buf_puts(out, "\n---\n\n");
}

/* The "Endpoints" cell of a summary row: the blocks of that severity with their connections,
 * the first NAMED_PER_SEVERITY of them without --verbose; `*named` counts across calls. */
static void put_blocks_of(const writer *w, const pf_report_entry *entries, size_t count, pf_severity severity,
                          const char **separator, size_t *named) {
    pf_buf *out = w->out;
    for (size_t i = 0; i < count; i++) {
        const pf_report_entry *e = &entries[i];
        if (e->severity != severity) continue;
        if (!w->model->verbose && *named >= NAMED_PER_SEVERITY) {
            (*named)++;
            continue;
        }
        pf_buf_puts(out, *separator);
        put_name(out, e);
        if (e->block)
            pf_buf_printf(out, " (%s%ld connection%s)", e->block->figures.unbounded ? "at least " : "",
                          (long)e->block->figures.total, pf_report_plural((size_t)e->block->figures.total));
        *separator = ", ";
        (*named)++;
    }
}

/* The table of counts per severity, and the totals. */
static void put_statistics(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    pf_buf_puts(out, "## 📊 Summary Statistics\n\n"
                     "| Severity | Count | Endpoints |\n|----------|-------|-----------|\n");
    for (int s = PF_SEVERITY_COUNT - 1; s >= 0; s--) {
        pf_buf_puts(out, "| **");
        put_upper(out, pf_severity_name((pf_severity)s));
        pf_buf_printf(out, "** | %zu | ", m->endpoints_by_severity[s] + m->functions_by_severity[s]);
        const char *separator = "";
        size_t named = 0;
        put_blocks_of(w, m->endpoints, m->endpoint_count, (pf_severity)s, &separator, &named);
        put_blocks_of(w, m->functions, m->function_count, (pf_severity)s, &separator, &named);
        if (named > NAMED_PER_SEVERITY && !m->verbose) pf_buf_printf(out, " and %zu more", named - NAMED_PER_SEVERITY);
        pf_buf_puts(out, *separator ? " |\n" : "- |\n");
    }
    size_t breaking = m->endpoints_by_severity[PF_SEVERITY_CRITICAL] + m->endpoints_by_severity[PF_SEVERITY_HIGH];
    pf_buf_printf(
        out, "\n**Total Issues:** %zu finding%s in %zu endpoint%s and %zu function%s outside routes (%zu suppressed)\n",
        m->item_count - m->suppressed, pf_report_plural(m->item_count - m->suppressed), m->endpoint_count,
        pf_report_plural(m->endpoint_count), m->function_count, pf_report_plural(m->function_count), m->suppressed);
    pf_buf_printf(out, "**Production Breaking:** %zu endpoint%s (critical or high)\n\n---\n\n", breaking,
                  pf_report_plural(breaking));
}

/* What one action does: the rewrites of the code a block runs, by rule, then what is left to
 * do by hand. */
static void put_action_summary(const writer *w, const held_list *runs) {
    const char *separator = "";
    for (int r = 0; r < PF_RULE_COUNT; r++) {
        const pf_finding *sample = NULL;
        for (size_t i = 0; i < runs->len && !sample; i++)
            if (runs->items[i].finding->rule == (pf_rule)r && rewritten(w->options, runs->items[i].finding))
                sample = runs->items[i].finding;
        if (!sample) continue;
        pf_buf_printf(w->out, "%s%s", separator, rewrite_actions[r].before);
        if (rewrite_actions[r].number == NUMBER_BATCH_SIZE) pf_buf_printf(w->out, "%d", w->options->batch_size);
        if (rewrite_actions[r].number == NUMBER_TAKE)
            pf_buf_printf(w->out, "%d", pf_report_take_limit(w->options, sample));
        pf_buf_puts(w->out, rewrite_actions[r].after);
        if (sample->changes_results) {
            pf_buf_puts(w->out, " (it ");
            pf_report_bound_note(w->out, w->options, sample);
            pf_buf_putc(w->out, ')');
        }
        separator = "; ";
    }
    bool by_hand = false;
    for (int r = 0; r < PF_RULE_COUNT; r++) {
        bool any = false;
        for (size_t i = 0; i < runs->len; i++)
            any |= runs->items[i].finding->rule == (pf_rule)r && manual(w->options, runs->items[i].finding);
        if (!any || (r == PF_RULE_SEQUENTIAL_QUERIES && !w->model->verbose)) continue;
        pf_buf_printf(w->out, "%s%s`%s`", by_hand ? ", " : separator, by_hand ? "" : "by hand: ",
                      pf_rule_id((pf_rule)r));
        by_hand = true;
    }
}

/* The first finding of a list with an opt-in rewrite, or NULL. */
static const pf_finding *first_opt_in(const writer *w, const held_list *runs) {
    for (size_t i = 0; i < runs->len; i++)
        if (opt_in(w->options, runs->items[i].finding)) return runs->items[i].finding;
    return NULL;
}

/* One recommended action: what to do about a block, and the command that rewrites it on a
 * branch of its own. */
static void put_action(const writer *w, const pf_report_entry *e, size_t number) {
    pf_buf *out = w->out;
    pf_arena arena;
    pf_arena_init(&arena);
    held_list runs = {0};
    findings_run(e, &arena, &runs);
    bool fixes = count_held(&runs, w->options, rewritten) > 0;
    const pf_finding *opt = fixes ? NULL : first_opt_in(w, &runs);
    pf_buf_printf(out, "%zu. %s ", number, fixes ? "Fix" : opt ? "Consider" : "Review");
    put_name(out, e);
    pf_buf_puts(out, " - ");
    if (opt) {
        pf_buf_printf(out, "the opt-in `%s` rewrite", opt->pass);
        if (opt->changes_results) {
            pf_buf_putc(out, ' ');
            pf_report_bound_note(out, w->options, opt);
        }
    } else {
        put_action_summary(w, &runs);
    }
    pf_buf_printf(out, " (section %zu)\n", e->number);
    if (fixes || opt) {
        pf_buf_puts(out, "   ```sh\n   ");
        pf_report_command(out, w->model, "apply", e, opt ? opt->pass : NULL, e->route != NULL);
        pf_buf_puts(out, "\n   ```\n");
    }
    pf_arena_free(&arena);
}

/* The blocks the recommended actions name, in order: with --verbose every endpoint whose code
 * holds an open finding, else the fix-first blocks. */
static size_t acted_on(const writer *w, pf_arena *arena, const pf_report_entry ***out) {
    const pf_report_model *m = w->model;
    *out = pf_arena_alloc(arena, (m->endpoint_count + PF_REPORT_TOP + 1) * sizeof(pf_report_entry *));
    size_t n = 0;
    if (!m->verbose)
        for (size_t i = 0; i < m->top_count; i++) (*out)[n++] = m->top[i];
    for (size_t i = 0; m->verbose && i < m->endpoint_count; i++)
        if (has_work(&m->endpoints[i])) (*out)[n++] = &m->endpoints[i];
    return n;
}

/* Recommended actions: by priority, one item per block acted on, and with --verbose, for low
 * severity, one item naming the endpoints to monitor. */
static void put_actions(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    pf_buf_puts(out, "## 🛠️ Recommended Actions\n\n"
                     "Roll out one endpoint at a time: apply it on its own branch, review and test the diff, deploy, "
                     "watch the pool, then take the next (`poolfix apply` refuses a work tree with uncommitted "
                     "changes, so commit each branch first).\n\n");
    pf_arena arena;
    pf_arena_init(&arena);
    const pf_report_entry **acted;
    size_t acted_count = acted_on(w, &arena, &acted), n = 0;
    for (size_t p = 0; p < sizeof(priorities) / sizeof(*priorities); p++) {
        pf_severity severity = priorities[p].severity;
        size_t start = n;
        for (size_t i = 0; i < acted_count; i++) {
            if (acted[i]->severity != severity) continue;
            if (n == start) pf_buf_printf(out, "### %s\n", priorities[p].title);
            put_action(w, acted[i], ++n);
        }
        size_t monitor = 0;
        for (size_t i = 0; m->verbose && severity == PF_SEVERITY_LOW && i < m->endpoint_count; i++)
            monitor += m->endpoints[i].severity == severity && !has_work(&m->endpoints[i]);
        if (monitor) {
            if (n == start) pf_buf_printf(out, "### %s\n", priorities[p].title);
            pf_buf_printf(out, "%zu. Monitor ", ++n);
            const char *separator = "";
            for (size_t i = 0; i < m->endpoint_count; i++) {
                const pf_report_entry *e = &m->endpoints[i];
                if (e->severity != severity || has_work(e)) continue;
                pf_buf_puts(out, separator);
                put_name(out, e);
                separator = ", ";
            }
            pf_buf_puts(out, " - a few queries at once, no finding\n");
        }
        if (n > start) pf_buf_putc(out, '\n');
    }
    pf_arena_free(&arena);
    size_t rows = m->shown_endpoints + m->shown_functions - m->sequential_endpoints - m->sequential_functions -
                  m->top_count;
    if (!m->verbose && rows)
        pf_buf_printf(out, "Then the %zu row%s of the tables above, in order; run `poolfix scan` again after each "
                           "rollout, and what is fixed drops out.\n\n",
                      rows, pf_report_plural(rows));
    else if (n == 0) pf_buf_puts(out, "Nothing to do.\n\n");
    pf_buf_puts(out, "---\n\n");
}

/* The rule ids a reason is given for: "`unbounded-findmany`, `loop-queries`". */
static void put_reason_rules(pf_buf *out, const pf_report_reason *r) {
    const char *separator = "";
    for (int rule = 0; rule < PF_RULE_COUNT; rule++) {
        if (!(r->rules & (1u << rule))) continue;
        pf_buf_printf(out, "%s`%s`", separator, pf_rule_id((pf_rule)rule));
        separator = ", ";
    }
}

/* What poolfix leaves to the reader: declined findings by reason (each reason once), opt-in
 * rewrites, code outside routes, suppressed findings. */
static void put_limits(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    size_t manual_count = 0, opt = 0;
    for (size_t i = 0; i < m->item_count; i++) {
        const pf_finding *f = m->items[i].finding;
        manual_count += manual(w->options, f);
        opt += opt_in(w->options, f);
    }
    size_t unreached = 0; /* functions outside routes no endpoint reaches: --endpoint cannot select them */
    for (size_t i = 0; i < m->function_count; i++)
        unreached += m->functions[i].shown && (!m->functions[i].block || !m->functions[i].block->reached_by_count);
    if (!manual_count && !opt && !unreached && !m->suppressed) return;
    pf_buf_puts(out, "## 🔧 What poolfix Does Not Fix\n\n");
    if (manual_count)
        pf_buf_printf(out,
                      "- **Manual fixes:** %zu finding%s poolfix reports but does not rewrite, for the %zu reason%s "
                      "below.\n",
                      manual_count, pf_report_plural(manual_count), m->reason_count, pf_report_plural(m->reason_count));
    if (opt)
        pf_buf_printf(out,
                      "- **Opt-in rewrites:** %zu finding%s %s a rewrite whose pass this run does not select; "
                      "each names the `--pass` that adds it. A rewrite that bounds what is returned changes the "
                      "response: check that clients do not need every row first.\n",
                      opt, pf_report_plural(opt), opt == 1 ? "has" : "have");
    if (unreached)
        pf_buf_printf(out,
                      "- **Code no endpoint reaches:** %zu function%s outside routes cannot be selected with "
                      "`--endpoint`; only a run without it (`poolfix diff`, `poolfix apply`) rewrites what it can "
                      "there, together with everything else.\n",
                      unreached, pf_report_plural(unreached));
    if (m->suppressed)
        pf_buf_printf(out, "- **Suppressed:** %zu finding%s under poolfix-ignore comments: counted, never rewritten.\n",
                      m->suppressed, pf_report_plural(m->suppressed));
    pf_buf_puts(out, "- `poolfix explain RULE` documents each rule and its rewrite; `poolfix explain severity` the "
                     "severity rules.\n\n");
    if (m->reason_count) {
        pf_buf_puts(out, "### Manual Fixes, by Reason\n\n");
        for (size_t i = 0; i < m->reason_count; i++) {
            const pf_report_reason *r = &m->reasons[i];
            pf_buf_printf(out, "%zu. **%zu finding%s** (", i + 1, r->findings, pf_report_plural(r->findings));
            put_reason_rules(out, r);
            pf_buf_printf(out, "): %s\n", r->text);
        }
        pf_buf_putc(out, '\n');
    }
    pf_buf_puts(out, "---\n\n");
}

/* The whole document, in the order of the seed analysis; one worker serves every diff. */
void pf_report_write_markdown(const pf_report_model *model, FILE *out) {
    pf_buf text = PF_BUF_INIT;
    writer w = {model, model->report->options, pf_worker_new(model->report->engine), &text};
    pf_arena arena;
    pf_arena_init(&arena);
    put_summary(&w);
    put_top(&w);
    pf_report_entry **list;
    if (model->verbose) {
        size_t count = shown_of(model->endpoints, model->endpoint_count, &arena, &list);
        put_sections(&w, list, count, false);
        count = shown_of(model->functions, model->function_count, &arena, &list);
        put_sections(&w, list, count, true);
    } else {
        put_sections(&w, model->top, model->top_count, false);
    }
    put_rows(&w);
    put_sequential(&w);
    put_statistics(&w);
    put_actions(&w);
    put_limits(&w);
    if (model->top_count && model->top[0]->severity > PF_SEVERITY_LOW) {
        pf_buf_puts(&text, "**Next Steps:** Start with ");
        put_name(&text, model->top[0]);
        pf_buf_puts(&text, " (highest severity) and deploy incrementally.\n");
    } else {
        pf_buf_puts(&text, "**Next Steps:** Nothing urgent; keep `poolfix scan --fail-on high` in CI.\n");
    }
    fwrite(text.data, 1, text.len, out);
    pf_buf_free(&text);
    pf_arena_free(&arena);
    pf_worker_free(w.worker);
}
