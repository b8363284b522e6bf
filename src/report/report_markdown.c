/* The Markdown report: a document in the shape of a hand-written pool-exhaustion analysis
 * (executive summary, one numbered section per endpoint by severity, summary statistics,
 * recommended actions), whose recommended fixes are the unified diffs `poolfix diff
 * --endpoint ROUTE --method METHOD` prints, and whose actions are the `poolfix apply`
 * commands of an incremental rollout. No timestamps: the same code gives the same bytes. */
#include "report_internal.h"

#include "poolfix/diff.h"
#include "poolfix/pass.h"
#include "poolfix/path.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Lines of a finding shown as code before the rest is elided. */
#define EXCERPT_LINES 12

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

/* A word for a shell command: as is when it is safe, else in single quotes (routes hold
 * `[id]`, which some shells expand). */
static void put_shell_word(pf_buf *out, const char *s) {
    if (s[0] && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._,:=@%+-") == strlen(s)) {
        pf_buf_puts(out, s);
        return;
    }
    pf_buf_putc(out, '\'');
    for (; *s; s++) {
        if (*s == '\'') pf_buf_puts(out, "'\\''");
        else pf_buf_putc(out, *s);
    }
    pf_buf_putc(out, '\'');
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

/* Whether a finding is rewritten by this run's passes (the ones the diff shows). */
static bool rewritten(const pf_options *options, const pf_finding *f) {
    return !f->suppressed && f->fixable && f->pass && pf_pass_selected(options, f->pass);
}

/* Whether a finding has a rewrite whose pass this run does not select: an opt-in pass such
 * as take-top, or one that --pass left out. */
static bool opt_in(const pf_options *options, const pf_finding *f) {
    return !f->suppressed && f->fixable && f->pass && !rewritten(options, f);
}

/* Counts the findings of a block that satisfy `test`. */
static size_t count_findings(const pf_report_entry *e, const pf_options *options,
                             bool (*test)(const pf_options *, const pf_finding *)) {
    size_t n = 0;
    for (size_t i = 0; i < e->finding_count; i++) n += test(options, e->findings[i]);
    return n;
}

/* Whether a finding is reported but left to the reader (declined, or no pass for it). */
static bool manual(const pf_options *options, const pf_finding *f) {
    (void)options;
    return !f->suppressed && !f->fixable;
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

/* Whether endpoint `e` runs the code of block `x`: a function outside routes it reaches, or
 * the handler of another endpoint in another file it calls into. */
static bool runs_code_of(const writer *w, const pf_report_entry *e, const pf_report_entry *x) {
    const pf_block *eb = e->block, *xb = x->block;
    if (x == e || !eb || !xb || !eb->endpoint) return false;
    if (!xb->endpoint) {
        for (size_t k = 0; k < xb->reached_by_count; k++)
            if (&w->model->blocks[xb->reached_by[k]] == eb) return true;
        return false;
    }
    for (size_t r = 0; xb->function != PF_NONE && r < eb->reached_count; r++)
        if (eb->reached[r].file == xb->file && eb->reached[r].function == xb->function) return true;
    return false;
}

/* The findings of the code an entry runs: its own, then, for an endpoint, those of the
 * blocks it runs the code of, which its rollout (`apply --endpoint`) rewrites too. */
static void findings_run(const writer *w, const pf_report_entry *e, pf_arena *arena, held_list *out) {
    for (size_t i = 0; i < e->finding_count; i++) *PF_VEC_PUSH(arena, *out) = (held){e->findings[i], e};
    const pf_report_entry *lists[2] = {w->model->functions, w->model->endpoints};
    size_t counts[2] = {w->model->function_count, w->model->endpoint_count};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++) {
            const pf_report_entry *x = &lists[l][i];
            if (!runs_code_of(w, e, x)) continue;
            for (size_t k = 0; k < x->finding_count; k++) *PF_VEC_PUSH(arena, *out) = (held){x->findings[k], x};
        }
}

/* Whether a finding is not suppressed. */
static bool open_finding(const pf_options *options, const pf_finding *f) {
    (void)options;
    return !f->suppressed;
}

/* Whether the code an endpoint runs holds an unsuppressed finding (its own, or in the code it
 * calls): then its rollout has something to do. */
static bool has_work(const writer *w, const pf_report_entry *e) {
    pf_arena arena;
    pf_arena_init(&arena);
    held_list runs = {0};
    findings_run(w, e, &arena, &runs);
    bool any = false;
    for (size_t i = 0; i < runs.len && !any; i++) any = open_finding(w->options, runs.items[i].finding);
    pf_arena_free(&arena);
    return any;
}

/* Counts the findings of a list that satisfy `test`. */
static size_t count_held(const held_list *list, const pf_options *options,
                         bool (*test)(const pf_options *, const pf_finding *)) {
    size_t n = 0;
    for (size_t i = 0; i < list->len; i++) n += test(options, list->items[i].finding);
    return n;
}

/* The --pass, --batch-size, ... flags that make `poolfix apply` rewrite what this report's
 * diffs show, plus `extra` (an opt-in pass) when not NULL. */
static void put_rewrite_flags(pf_buf *out, const pf_options *options, const char *extra) {
    pf_options defaults;
    pf_options_init(&defaults);
    unsigned passes = options->passes;
    size_t index;
    if (extra && pf_pass_named(extra, strlen(extra), &index)) passes |= 1u << index;
    if (passes != defaults.passes) {
        pf_buf_puts(out, " --pass ");
        const char *separator = "";
        for (size_t i = 0; i < pf_pass_count; i++) {
            if (!(passes & (1u << i))) continue;
            pf_buf_printf(out, "%s%s", separator, pf_passes[i]->name);
            separator = ",";
        }
    }
    if (options->batch_size != defaults.batch_size) pf_buf_printf(out, " --batch-size %d", options->batch_size);
    if (options->take_from_cli) pf_buf_printf(out, " --take %d", options->take);
    if (options->order_by_id) pf_buf_puts(out, " --order-by-id");
    if (options->aggregate == PF_AGGREGATE_SQL) pf_buf_puts(out, " --aggregate sql");
    pf_options_free(&defaults);
}

/* A git branch name for an endpoint: pool/ and its route without /api/, in lower-case
 * words joined by '-', plus the method when the route has several handlers. */
static void put_branch(pf_buf *out, const pf_report_entry *e) {
    const char *route = strncmp(e->route, "/api/", 5) == 0 ? e->route + 5 : e->route;
    pf_buf_puts(out, "pool/");
    size_t start = out->len;
    bool dash = false;
    for (const char *s = route; *s; s++) {
        if (isalnum((unsigned char)*s)) {
            if (dash && out->len > start) pf_buf_putc(out, '-');
            pf_buf_putc(out, (char)tolower((unsigned char)*s));
            dash = false;
        } else {
            dash = true;
        }
    }
    if (out->len == start) pf_buf_puts(out, "root");
    if (!e->shared_route) return;
    pf_buf_putc(out, '-');
    for (const char *s = e->method; *s; s++) pf_buf_putc(out, (char)tolower((unsigned char)*s));
}

/* The method flag the commands for an endpoint carry: none where the route names one handler
 * whatever the method (Pages Router, Server Actions, tRPC procedures). */
static const char *method_flag(const pf_report_entry *e) {
    static const char *const implied[] = {"ALL", "ACTION", "QUERY", "MUTATION", "SUBSCRIPTION"};
    for (size_t i = 0; i < sizeof(implied) / sizeof(*implied); i++)
        if (strcmp(e->method, implied[i]) == 0 && !e->shared_route) return NULL;
    return strcmp(e->method, "ALL") == 0 ? NULL : e->method;
}

/* `poolfix COMMAND --endpoint R --method M [flags] PATH...` for one endpoint. */
static void put_command(pf_buf *out, const writer *w, const char *command, const pf_report_entry *e,
                        const char *extra_pass, bool branch) {
    pf_buf_printf(out, "poolfix %s --endpoint ", command);
    put_shell_word(out, e->route);
    if (method_flag(e)) pf_buf_printf(out, " --method %s", method_flag(e));
    if (branch) {
        pf_buf_puts(out, " --branch ");
        put_branch(out, e);
    }
    put_rewrite_flags(out, w->options, extra_pass);
    bool only_here = w->options->path_count == 1 && strcmp(w->options->paths[0], ".") == 0;
    for (size_t i = 0; i < w->options->path_count && !only_here; i++) {
        pf_buf_putc(out, ' ');
        put_shell_word(out, w->options->paths[i]);
    }
}

/* --endpoint/--method as a selection test for the program. */
static bool selects(void *context, const char *route, const char *method) {
    return pf_options_selects(context, route, method);
}

/* The unified diff `poolfix diff --endpoint ROUTE --method METHOD` prints for an endpoint:
 * every file with code the endpoint runs, processed again with the options narrowed to it. */
static void endpoint_diff(const writer *w, const pf_report_entry *e, pf_buf *out) {
    const pf_report *report = w->model->report;
    pf_options narrowed = *w->options;
    char *route = pf_xstrdup(e->route);
    char *method = method_flag(e) ? pf_xstrdup(method_flag(e)) : NULL;
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
        const pf_file_result *r = &report->results[i];
        if (!counts[i] || !r->summary) continue;
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

/* Lines [first, last] of a text (1-based), without their common indentation; past
 * EXCERPT_LINES the rest is elided with a comment. */
static void put_excerpt(pf_buf *out, const pf_source *source, int first, int last) {
    const char *text = source->text, *end = text + source->text_len;
    const char *starts[EXCERPT_LINES + 1];
    int shown = last - first + 1 > EXCERPT_LINES ? EXCERPT_LINES - 1 : last - first + 1, line = 1, count = 0;
    for (const char *p = text; p < end && count < shown; line++) {
        if (line >= first) starts[count++] = p;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    size_t indent = SIZE_MAX;
    for (int i = 0; i < count; i++) {
        size_t n = strspn(starts[i], " \t");
        if (starts[i][n] != '\n' && starts[i][n] != '\r' && starts[i] + n < end && n < indent) indent = n;
    }
    for (int i = 0; i < count; i++) {
        const char *nl = memchr(starts[i], '\n', (size_t)(end - starts[i]));
        size_t len = (size_t)((nl ? nl : end) - starts[i]);
        if (len && starts[i][len - 1] == '\r') len--;
        size_t skip = indent < len ? indent : len;
        pf_buf_append(out, starts[i] + skip, len - skip);
        pf_buf_putc(out, '\n');
    }
    if (count < last - first + 1) pf_buf_printf(out, "// ... %d more lines\n", last - first + 1 - count);
}

/* The code of a block's unsuppressed findings, each range once, as in the seed analysis. */
static void put_code(const writer *w, const pf_report_entry *e) {
    pf_buf code = PF_BUF_INIT;
    int covered = 0;
    for (size_t i = 0; i < e->finding_count; i++) {
        const pf_finding *f = e->findings[i];
        if (f->suppressed || f->end_line <= covered) continue;
        pf_buf_puts(&code, code.len ? "\n// Lines " : "// Lines ");
        pf_report_lines(&code, f->line, f->end_line);
        pf_buf_printf(&code, ": %s\n", pf_rule_id(f->rule));
        put_excerpt(&code, &e->result->source, f->line, f->end_line);
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

/* A list of the findings of a block that satisfy `test`, each with what poolfix does about
 * it, under `heading` (when not NULL); nothing when none does. */
static void put_fix_list(const writer *w, const pf_report_entry *e, const char *heading,
                         bool (*test)(const pf_options *, const pf_finding *)) {
    if (!count_findings(e, w->options, test)) return;
    if (heading) pf_buf_printf(w->out, "%s\n\n", heading);
    for (size_t i = 0; i < e->finding_count; i++) {
        const pf_finding *f = e->findings[i];
        if (!test(w->options, f)) continue;
        pf_buf_puts(w->out, "- ");
        put_line_label(w->out, f);
        pf_buf_printf(w->out, " (`%s`): ", pf_rule_id(f->rule));
        pf_report_fix(w->out, w->options, f);
        pf_buf_putc(w->out, '\n');
    }
    pf_buf_putc(w->out, '\n');
}

/* A list of the held findings that satisfy `test`, each with its file and what poolfix does
 * about it, under `heading`; nothing when none does. */
static void put_held_list(const writer *w, const held_list *list, const char *heading,
                          bool (*test)(const pf_options *, const pf_finding *)) {
    if (!count_held(list, w->options, test)) return;
    pf_buf_printf(w->out, "%s\n\n", heading);
    for (size_t i = 0; i < list->len; i++) {
        const pf_finding *f = list->items[i].finding;
        if (!test(w->options, f)) continue;
        pf_buf_printf(w->out, "- `%s` ", list->items[i].entry->file);
        put_line_label(w->out, f);
        pf_buf_printf(w->out, " (`%s`): ", pf_rule_id(f->rule));
        pf_report_fix(w->out, w->options, f);
        pf_buf_putc(w->out, '\n');
    }
    pf_buf_putc(w->out, '\n');
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
        put_command(w->out, w, "apply", e, NULL, false);
        pf_buf_puts(w->out, "` writes:\n\n");
        put_fenced(w->out, "diff", diff);
        put_held_list(w, runs, "**What the rewrites change:**", bounded);
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
 * the calls that lead to it; and for a function, the endpoints that reach it. */
static void put_reached(const writer *w, const pf_report_entry *e) {
    const pf_block *b = e->block;
    if (!b) return;
    if (b->reached_count) pf_buf_puts(w->out, "**Queries in other files:**\n\n");
    for (size_t i = 0; i < b->reached_count; i++) {
        pf_buf_puts(w->out, "- via ");
        pf_report_path(w->model, b, &b->reached[i], "`", w->out);
        pf_buf_puts(w->out, ": ");
        pf_report_queries_of(w->model, b->reached[i].file, b->reached[i].function, put_query, w->out);
        pf_buf_putc(w->out, '\n');
    }
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

/* One numbered section: where, what, how bad, and the fix. */
static void put_section(const writer *w, const pf_report_entry *e, size_t number) {
    pf_buf *out = w->out;
    pf_buf_printf(out, "### %zu. ", number);
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
    findings_run(w, e, &arena, &runs);
    pf_buf diff = PF_BUF_INIT;
    if (e->route && count_held(&runs, w->options, rewritten)) endpoint_diff(w, e, &diff);
    if (e->finding_count == 0)
        pf_buf_puts(out, e->finding_count < runs.len ? "\n**Issue:** none in its own code\n\n" : "\n**Issue:** none\n\n");
    else pf_buf_puts(out, "\n**Issue:**\n");
    for (size_t i = 0; i < e->finding_count; i++) {
        pf_buf_puts(out, "- ");
        put_line_label(out, e->findings[i]);
        pf_buf_puts(out, ": ");
        put_issue(out, e->findings[i]);
        pf_buf_putc(out, '\n');
    }
    if (e->finding_count < runs.len) pf_buf_puts(out, e->finding_count ? "\n**In the code it calls:**\n"
                                                                    : "**In the code it calls:**\n");
    for (size_t i = 0; i < runs.len; i++) {
        if (!elsewhere(&runs, i, e)) continue;
        pf_buf_printf(out, "- `%s` ", runs.items[i].entry->file);
        put_line_label(out, runs.items[i].finding);
        pf_buf_puts(out, ": ");
        put_issue(out, runs.items[i].finding);
        pf_buf_putc(out, '\n');
    }
    if (e->finding_count < runs.len) pf_buf_putc(out, '\n');
    if (e->finding_count && e->finding_count == runs.len) pf_buf_putc(out, '\n');
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

/* The title block and the executive summary. */
static void put_summary(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    pf_buf_puts(out, "# Database Connection Pool Exhaustion Analysis\n\n");
    pf_buf_printf(out, "**Generated by:** poolfix %s (`poolfix scan --format markdown`)\n", POOLFIX_VERSION);
    pf_buf_printf(out, "**Scanned:** `%s`: %zu file%s (%zu skipped), %zu endpoint%s, %zu function%s outside routes\n",
                  m->root, m->files_scanned, pf_report_plural(m->files_scanned), m->files_skipped, m->endpoint_count,
                  pf_report_plural(m->endpoint_count), m->function_count, pf_report_plural(m->function_count));
    pf_buf_puts(out, "**Prisma:** ");
    pf_report_schema_line(m, "`", out);
    pf_buf_puts(out, "\n\n---\n\n## Executive Summary\n\n");

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
        pf_buf_printf(out, "; %zu need%s a manual fix, explained in %s section.\n", issues - fixed - opt,
                      issues - fixed - opt == 1 ? "s" : "", issues - fixed - opt == 1 ? "its" : "their");
    }
    pf_buf_puts(out, "\n---\n\n");
}

/* The sections of the endpoints whose severity lies in [low, high], under a heading. */
static void put_severity_sections(const writer *w, const char *heading, pf_severity low, pf_severity high) {
    bool any = false;
    for (size_t i = 0; i < w->model->endpoint_count; i++) {
        const pf_report_entry *e = &w->model->endpoints[i];
        if (e->severity < low || e->severity > high) continue;
        if (!any) pf_buf_printf(w->out, "## %s\n\n", heading);
        any = true;
        put_section(w, e, i + 1);
    }
}

/* The "Endpoints" cell of a summary row: every block of that severity with its connections. */
static void put_blocks_of(pf_buf *out, const pf_report_entry *entries, size_t count, pf_severity severity,
                          const char **separator) {
    for (size_t i = 0; i < count; i++) {
        const pf_report_entry *e = &entries[i];
        if (e->severity != severity) continue;
        pf_buf_puts(out, *separator);
        put_name(out, e);
        if (e->block)
            pf_buf_printf(out, " (%s%ld connection%s)", e->block->figures.unbounded ? "at least " : "",
                          e->block->figures.total, pf_report_plural((size_t)e->block->figures.total));
        *separator = ", ";
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
        put_blocks_of(out, m->endpoints, m->endpoint_count, (pf_severity)s, &separator);
        put_blocks_of(out, m->functions, m->function_count, (pf_severity)s, &separator);
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
    for (int r = 0; r < PF_RULE_COUNT; r++) {
        bool any = false;
        for (size_t i = 0; i < runs->len; i++)
            any |= runs->items[i].finding->rule == (pf_rule)r && manual(w->options, runs->items[i].finding);
        if (!any) continue;
        pf_buf_printf(w->out, "%sby hand: `%s`", separator, pf_rule_id((pf_rule)r));
        separator = "; ";
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
static void put_action(const writer *w, const pf_report_entry *e, size_t number, size_t section) {
    pf_buf *out = w->out;
    pf_arena arena;
    pf_arena_init(&arena);
    held_list runs = {0};
    findings_run(w, e, &arena, &runs);
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
    pf_buf_printf(out, " (section %zu)\n", section);
    if (fixes || opt) {
        pf_buf_puts(out, "   ```sh\n   ");
        put_command(out, w, "apply", e, opt ? opt->pass : NULL, true);
        pf_buf_puts(out, "\n   ```\n");
    }
    pf_arena_free(&arena);
}

/* Recommended actions: by priority, one item per endpoint with findings, and for low
 * severity one item naming the endpoints to monitor. */
static void put_actions(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    pf_buf_puts(out, "## 🛠️ Recommended Actions\n\n"
                     "Roll out one endpoint at a time: apply it on its own branch, review and test the diff, deploy, "
                     "watch the pool, then take the next (`poolfix apply` refuses a work tree with uncommitted "
                     "changes, so commit each branch first).\n\n");
    size_t n = 0;
    for (size_t p = 0; p < sizeof(priorities) / sizeof(*priorities); p++) {
        pf_severity severity = priorities[p].severity;
        size_t monitor = 0, start = n;
        for (size_t i = 0; i < m->endpoint_count; i++) {
            const pf_report_entry *e = &m->endpoints[i];
            if (e->severity != severity) continue;
            if (!has_work(w, e)) {
                monitor++;
                continue;
            }
            if (n == start) pf_buf_printf(out, "### %s\n", priorities[p].title);
            put_action(w, e, ++n, i + 1);
        }
        if (severity == PF_SEVERITY_LOW && monitor) {
            if (n == start) pf_buf_printf(out, "### %s\n", priorities[p].title);
            pf_buf_printf(out, "%zu. Monitor ", ++n);
            const char *separator = "";
            for (size_t i = 0; i < m->endpoint_count; i++) {
                const pf_report_entry *e = &m->endpoints[i];
                if (e->severity != severity || has_work(w, e)) continue;
                pf_buf_puts(out, separator);
                put_name(out, e);
                separator = ", ";
            }
            pf_buf_puts(out, " - a few queries at once, no finding\n");
        }
        if (n > start) pf_buf_putc(out, '\n');
    }
    if (n == 0) pf_buf_puts(out, "Nothing to do.\n\n");
    pf_buf_puts(out, "---\n\n");
}

/* What poolfix leaves to the reader: declined findings, opt-in rewrites, code outside
 * routes, suppressed findings. */
static void put_limits(const writer *w) {
    const pf_report_model *m = w->model;
    pf_buf *out = w->out;
    size_t manual_count = 0, opt = 0;
    size_t by_rule[PF_RULE_COUNT] = {0};
    for (size_t i = 0; i < m->item_count; i++) {
        const pf_finding *f = m->items[i].finding;
        if (manual(w->options, f)) manual_count++, by_rule[f->rule]++;
        opt += opt_in(w->options, f);
    }
    size_t unreached = 0; /* functions outside routes no endpoint reaches: --endpoint cannot select them */
    for (size_t i = 0; i < m->function_count; i++)
        unreached += !m->functions[i].block || !m->functions[i].block->reached_by_count;
    if (!manual_count && !opt && !unreached && !m->suppressed) return;
    pf_buf_puts(out, "## 🔧 What poolfix Does Not Fix\n\n");
    if (manual_count) {
        pf_buf_printf(out, "- **Manual fixes:** %zu finding%s poolfix reports but does not rewrite (", manual_count,
                      pf_report_plural(manual_count));
        const char *separator = "";
        for (int r = 0; r < PF_RULE_COUNT; r++) {
            if (!by_rule[r]) continue;
            pf_buf_printf(out, "%s`%s`: %zu", separator, pf_rule_id((pf_rule)r), by_rule[r]);
            separator = ", ";
        }
        pf_buf_puts(out, "); each section says why and what to do by hand.\n");
    }
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
                     "severity rules.\n\n---\n\n");
}

/* The whole document, in the order of the seed analysis; one worker serves every diff. */
void pf_report_write_markdown(const pf_report_model *model, FILE *out) {
    pf_buf text = PF_BUF_INIT;
    writer w = {model, model->report->options, pf_worker_new(model->report->engine), &text};
    put_summary(&w);
    put_severity_sections(&w, "🔴 CRITICAL AND HIGH SEVERITY ISSUES (Production Breaking)", PF_SEVERITY_HIGH,
                          PF_SEVERITY_CRITICAL);
    put_severity_sections(&w, "🟡 MEDIUM SEVERITY ISSUES", PF_SEVERITY_MEDIUM, PF_SEVERITY_MEDIUM);
    put_severity_sections(&w, "✅ LOW SEVERITY (Acceptable)", PF_SEVERITY_INFO, PF_SEVERITY_LOW);
    if (model->function_count) pf_buf_puts(&text, "## 📦 CODE OUTSIDE ROUTES\n\n");
    for (size_t i = 0; i < model->function_count; i++)
        put_section(&w, &model->functions[i], model->endpoint_count + i + 1);
    put_statistics(&w);
    put_actions(&w);
    put_limits(&w);
    if (model->endpoint_count && model->endpoints[0].severity > PF_SEVERITY_LOW) {
        pf_buf_puts(&text, "**Next Steps:** Start with ");
        put_name(&text, &model->endpoints[0]);
        pf_buf_puts(&text, " (highest severity) and deploy incrementally.\n");
    } else {
        pf_buf_puts(&text, "**Next Steps:** Nothing urgent; keep `poolfix scan --fail-on high` in CI.\n");
    }
    fwrite(text.data, 1, text.len, out);
    pf_buf_free(&text);
    pf_worker_free(w.worker);
}
