/* The text report (the default format): a header with the counts and what is left out, the
 * blocks to fix first with the command that fixes each, then one block per endpoint and per
 * function outside a route, grouped by severity, highest first; then the blocks whose only
 * findings are sequential round trips, one line each, and the manual-fix reasons several
 * findings share. --verbose shows every block and every detail in place. Colour
 * (options->color) marks severities and rule ids; the layout is the same without it. */
#include "report_internal.h"

#include "poolfix/path.h"

#include <stdlib.h>

/* ANSI attributes for each severity, from info to critical. */
static const char *const severity_colors[PF_SEVERITY_COUNT] = {"\033[2m", "\033[2m", "\033[33m", "\033[31m",
                                                               "\033[1;31m"};

/* How many endpoints a function's "reached from" line names before "and N more". */
#define REACHED_FROM_NAMED 3

/* How many functions with findings an endpoint's block names (the worst first: callees are
 * in block order) before "and N more". */
#define CALLEES_NAMED 5

/* Appends `text` wrapped in `attribute` when colour is on. */
static void paint(pf_buf *out, bool color, const char *attribute, const char *text) {
    if (color) pf_buf_printf(out, "%s%s\033[0m", attribute, text);
    else pf_buf_puts(out, text);
}

/* Appends a severity name in its colour. */
static void put_severity(const pf_report_model *model, pf_buf *out, pf_severity severity) {
    paint(out, model->report->options->color, severity_colors[severity], pf_severity_name(severity));
}

/* Whether a reason is given by several findings, so listed once at the end and referred to
 * by its number (never with --verbose, which says everything in place). */
static bool grouped_reason(const pf_report_model *model, const char *reason) {
    size_t number = pf_report_reason_number(model, reason);
    return !model->verbose && number && model->reasons[number - 1].findings > 1;
}

/* The first lines: what was scanned and with which schema, the counts, and what the blocks
 * below leave out. */
static void write_header(const pf_report_model *model, pf_buf *out) {
    pf_buf_printf(out,
                  "poolfix %s: %s: %zu endpoint%s, %zu function%s outside routes; %zu file%s scanned, %zu skipped; ",
                  POOLFIX_VERSION, model->root, model->endpoint_count, pf_report_plural(model->endpoint_count),
                  model->function_count, pf_report_plural(model->function_count), model->files_scanned,
                  pf_report_plural(model->files_scanned), model->files_skipped);
    pf_report_schema_line(model, "", out);
    pf_buf_puts(out, "\nfindings: ");
    for (int s = PF_SEVERITY_COUNT - 1; s >= 0; s--)
        pf_buf_printf(out, "%zu %s%s", model->by_severity[s], pf_severity_name((pf_severity)s), s ? ", " : "");
    pf_buf_printf(out, "; %zu suppressed\n", model->suppressed);
    size_t hidden_endpoints = model->endpoint_count - model->shown_endpoints;
    size_t hidden_functions = model->function_count - model->shown_functions;
    size_t sequential = model->sequential_endpoints + model->sequential_functions;
    if (model->verbose || (!hidden_endpoints && !hidden_functions && !sequential)) return;
    pf_buf_puts(out, "left out:");
    const char *separator = " ";
    if (hidden_endpoints || hidden_functions) {
        pf_buf_putc(out, ' ');
        pf_report_block_counts(out, hidden_endpoints, hidden_functions);
        pf_buf_puts(out, " with no finding");
        separator = "; ";
    }
    if (sequential)
        pf_buf_printf(out, "%sthe details of %zu block%s with only sequential round trips (one line each at the end)",
                      separator, sequential, pf_report_plural(sequential));
    pf_buf_puts(out, "; --verbose shows everything\n");
}

/* "GET /api/x" for an endpoint, "loadStats  lib/stats.ts:3" for a function. */
static void put_block_name(pf_buf *out, const pf_report_entry *e) {
    if (e->route) pf_buf_printf(out, "%s %s", e->method, e->route);
    else pf_buf_printf(out, "%s  %s:%d", e->function, e->file, e->line);
}

/* The fix-first list: each block with its severity and connections, then how to fix it. */
static void write_top(const pf_report_model *model, pf_buf *out) {
    if (!model->top_count) return;
    pf_buf_puts(out, "\nfix first:\n");
    for (size_t i = 0; i < model->top_count; i++) {
        const pf_report_entry *e = model->top[i];
        pf_buf_printf(out, "  %2zu. ", i + 1);
        put_severity(model, out, e->severity);
        pf_buf_puts(out, "  ");
        put_block_name(out, e);
        if (e->block) {
            const pf_measure *m = &e->block->figures;
            pf_buf_puts(out, "  ");
            pf_report_connections(out, m->width, m->total - m->width, m->unbounded, "");
        }
        pf_buf_puts(out, "\n      ");
        pf_report_how(out, model, e, "");
        pf_buf_putc(out, '\n');
    }
}

/* What poolfix does about a finding; a reason several findings give is referred to by number,
 * with what this finding's own reason adds ("reason 3 below (`links.length`, line 105)"). */
static void write_fix(const pf_report_model *model, const pf_finding *f, pf_buf *out) {
    const char *reason = pf_report_manual_reason(f);
    if (!grouped_reason(model, reason)) {
        pf_report_fix(out, model->report->options, f);
        return;
    }
    pf_buf_printf(out, "no rewrite: reason %zu below", pf_report_reason_number(model, reason));
    size_t before = out->len;
    pf_buf_puts(out, " (");
    pf_report_reason_details(out, model, reason);
    if (out->len == before + 2) out->len = before; /* no details: no parentheses */
    else pf_buf_putc(out, ')');
}

/* One finding: its lines, severity, rule and message, then what poolfix does about it. */
static void write_finding(const pf_report_model *model, const pf_finding *f, pf_buf *out) {
    bool color = model->report->options->color;
    pf_buf_puts(out, "    ");
    pf_report_lines(out, f->line, f->end_line);
    pf_buf_putc(out, ' ');
    put_severity(model, out, f->severity);
    pf_buf_putc(out, ' ');
    paint(out, color, "\033[1m", pf_rule_id(f->rule));
    pf_buf_printf(out, "%s: %s\n      ", f->suppressed ? " (suppressed)" : "", f->message);
    write_fix(model, f, out);
    pf_buf_putc(out, '\n');
}

/* Whether a finding is folded into the one line of a block's sequential round trips. */
static bool folded(const pf_report_model *model, const pf_finding *f) {
    return !model->verbose && !f->suppressed && f->rule == PF_RULE_SEQUENTIAL_QUERIES;
}

/* A block's sequential round trips in one line, with what poolfix does about them. */
static void write_round_trips(const pf_report_model *model, const pf_report_entry *e, pf_buf *out) {
    const pf_finding *first = NULL;
    for (size_t i = 0; i < e->finding_count && !first; i++)
        if (folded(model, e->findings[i])) first = e->findings[i];
    if (!first) return;
    pf_buf_puts(out, "    ");
    put_severity(model, out, first->severity);
    pf_buf_putc(out, ' ');
    paint(out, model->report->options->color, "\033[1m", pf_rule_id(first->rule));
    pf_buf_puts(out, ": ");
    pf_report_round_trips(out, e);
    pf_buf_puts(out, " one after another; ");
    write_fix(model, first, out);
    pf_buf_putc(out, '\n');
}

/* Appends one query of a reached function: "14 user.findUnique", comma-separated. */
static void put_query(void *context, int line, const char *operation) {
    pf_buf *out = context;
    if (out->data && out->data[out->len - 1] != ' ') pf_buf_puts(out, ", ");
    pf_buf_printf(out, "%d %s", line, operation);
}

/* The path by which block `b` reaches callee `x` ("lib/a.ts:f → lib/b.ts:g"), or the
 * callee's own file:function when the program records no path to it (same file). */
static void put_callee_path(const pf_report_model *model, const pf_block *b, const pf_report_entry *x, pf_buf *out) {
    for (size_t i = 0; x->block && i < b->reached_count; i++)
        if (b->reached[i].file == x->block->file && b->reached[i].function == x->block->function) {
            pf_report_path(model, b, &b->reached[i], "", out);
            return;
        }
    pf_buf_printf(out, "%s:%s", x->file, x->function);
}

/* The open findings of a callee in short: "critical loop-queries, medium unbounded-findmany",
 * each rule once with its highest severity. */
static void put_callee_findings(const pf_report_model *model, const pf_report_entry *x, pf_buf *out) {
    int worst[PF_RULE_COUNT];
    for (int r = 0; r < PF_RULE_COUNT; r++) worst[r] = -1;
    for (size_t i = 0; i < x->finding_count; i++) {
        const pf_finding *f = x->findings[i];
        if (!f->suppressed && (int)f->severity > worst[f->rule]) worst[f->rule] = (int)f->severity;
    }
    const char *separator = "";
    for (int s = PF_SEVERITY_COUNT - 1; s >= 0; s--)
        for (int r = 0; r < PF_RULE_COUNT; r++) {
            if (worst[r] != s) continue;
            pf_buf_puts(out, separator);
            put_severity(model, out, (pf_severity)s);
            pf_buf_printf(out, " %s", pf_rule_id((pf_rule)r));
            separator = ", ";
        }
}

/* What a block runs in other files. With --verbose, or for a block shown for its figures
 * alone: per function, the way there, then its queries. Otherwise: the code it runs that
 * holds findings other than sequential round trips, each with the way there and its
 * findings in short (its own block gives them in full). Then, for a function, the
 * endpoints that reach it. */
static void write_reached(const pf_report_model *model, const pf_report_entry *e, pf_buf *out) {
    const pf_block *b = e->block;
    bool all = model->verbose || e->figures_only; /* no finding to show: the calls explain the figures */
    for (size_t i = 0; all && b && i < b->reached_count; i++) {
        pf_buf_puts(out, "    via ");
        pf_report_path(model, b, &b->reached[i], "", out);
        pf_buf_puts(out, "\n      ");
        pf_report_queries_of(model, b->reached[i].file, b->reached[i].function, put_query, out);
        pf_buf_putc(out, '\n');
    }
    size_t callees = 0, more = 0;
    for (size_t i = 0; !all && i < e->callee_count; i++) {
        const pf_report_entry *x = e->callees[i];
        if (x->open == x->sequential) continue; /* nothing but round trips: listed at the end */
        if (callees == CALLEES_NAMED) {
            more++;
            continue;
        }
        pf_buf_puts(out, "    via ");
        put_callee_path(model, b, x, out);
        pf_buf_puts(out, ": ");
        put_callee_findings(model, x, out);
        pf_buf_putc(out, '\n');
        callees++;
    }
    if (more) pf_buf_printf(out, "    and %zu more with findings (--verbose lists them)\n", more);
    if (b && !b->endpoint && b->reached_by_count) {
        pf_buf_puts(out, "    reached from ");
        size_t named = model->verbose ? b->reached_by_count : REACHED_FROM_NAMED;
        for (size_t i = 0; i < b->reached_by_count && i < named; i++) {
            if (i) pf_buf_puts(out, ", ");
            pf_report_endpoint_name(out, &model->blocks[b->reached_by[i]]);
        }
        if (b->reached_by_count > named) pf_buf_printf(out, " and %zu more", b->reached_by_count - named);
        pf_buf_putc(out, '\n');
    }
}

/* One block: the endpoint or function with its place, its figures, what it reaches in other
 * files, and its findings. */
static void write_entry(const pf_report_model *model, const pf_report_entry *e, pf_buf *out) {
    char *file = pf_path_printable(e->file);
    if (e->route) pf_buf_printf(out, "\n  %s %s  %s:%d\n", e->method, e->route, file, e->line);
    else pf_buf_printf(out, "\n  %s  %s:%d\n", e->function, file, e->line);
    free(file);
    if (e->block) {
        pf_buf_puts(out, "    ");
        pf_report_figures(out, &e->block->figures, "");
        if (e->block->calls) pf_buf_printf(out, " (with the queries of %s)", e->block->calls);
        pf_buf_putc(out, '\n');
    }
    write_reached(model, e, out);
    for (size_t i = 0; i < e->finding_count; i++)
        if (!folded(model, e->findings[i])) write_finding(model, e->findings[i], out);
    write_round_trips(model, e, out);
}

/* The shown blocks of one kind, except those with only sequential round trips, each
 * severity under a heading ("high: 4 endpoints"). */
static void write_section(const pf_report_model *model, const pf_report_entry *entries, size_t count,
                          const char *one, const char *many, pf_buf *out) {
    for (size_t i = 0; i < count;) {
        pf_severity severity = entries[i].severity;
        size_t end = i, n = 0;
        for (; end < count && entries[end].severity == severity; end++)
            n += entries[end].shown && !entries[end].sequential_only;
        if (n) {
            pf_buf_putc(out, '\n');
            put_severity(model, out, severity);
            pf_buf_printf(out, ": %zu %s\n", n, n == 1 ? one : many);
        }
        for (; i < end; i++)
            if (entries[i].shown && !entries[i].sequential_only) write_entry(model, &entries[i], out);
    }
}

/* One line for a block with only sequential round trips: where, and the runs in it and in
 * the code it calls. */
static void write_sequential_line(const pf_report_model *model, const pf_report_entry *e, pf_buf *out) {
    pf_buf_puts(out, "  ");
    if (e->route) pf_buf_printf(out, "%s %s  %s:%d", e->method, e->route, e->file, e->line);
    else put_block_name(out, e);
    const char *separator = ": ";
    if (e->open) {
        pf_buf_puts(out, separator);
        pf_report_round_trips(out, e);
        separator = "; ";
    }
    for (size_t i = 0; i < e->callee_count; i++) {
        if (!e->callees[i]->open) continue;
        pf_buf_puts(out, separator);
        pf_buf_puts(out, "via ");
        put_callee_path(model, e->block, e->callees[i], out);
        pf_buf_putc(out, ' ');
        pf_report_round_trips(out, e->callees[i]);
        separator = "; ";
    }
    pf_buf_putc(out, '\n');
}

/* The blocks whose only findings are sequential round trips, one line each. */
static void write_sequential(const pf_report_model *model, pf_buf *out) {
    size_t n = model->sequential_endpoints + model->sequential_functions;
    if (!n) return;
    pf_buf_printf(out,
                  "\nsequential round trips only: %zu block%s (combine the independent queries by hand; poolfix "
                  "explain sequential-queries)\n",
                  n, pf_report_plural(n));
    for (size_t i = 0; i < model->endpoint_count; i++)
        if (model->endpoints[i].sequential_only) write_sequential_line(model, &model->endpoints[i], out);
    for (size_t i = 0; i < model->function_count; i++)
        if (model->functions[i].sequential_only) write_sequential_line(model, &model->functions[i], out);
}

/* The manual-fix reasons several findings give, numbered as the blocks refer to them. */
static void write_reasons(const pf_report_model *model, pf_buf *out) {
    size_t shared = 0;
    while (shared < model->reason_count && model->reasons[shared].findings > 1) shared++;
    if (model->verbose || !shared) return;
    pf_buf_puts(out, "\nno rewrite, by reason (fix these by hand):\n");
    for (size_t i = 0; i < shared; i++) {
        const pf_report_reason *r = &model->reasons[i];
        pf_buf_printf(out, "  %2zu. %zu findings (", i + 1, r->findings);
        const char *separator = "";
        for (int rule = 0; rule < PF_RULE_COUNT; rule++) {
            if (!(r->rules & (1u << rule))) continue;
            pf_buf_printf(out, "%s%s", separator, pf_rule_id((pf_rule)rule));
            separator = ", ";
        }
        pf_buf_printf(out, "): %s\n", r->text);
    }
}

/* The header, what to fix first, the endpoints, the functions outside routes, then the
 * one-line blocks and the shared reasons. */
void pf_report_write_text(const pf_report_model *model, FILE *out) {
    pf_buf text = PF_BUF_INIT;
    write_header(model, &text);
    write_top(model, &text);
    write_section(model, model->endpoints, model->endpoint_count, "endpoint", "endpoints", &text);
    write_section(model, model->functions, model->function_count, "function outside routes",
                  "functions outside routes", &text);
    write_sequential(model, &text);
    write_reasons(model, &text);
    fwrite(text.data, 1, text.len, out);
    pf_buf_free(&text);
}
