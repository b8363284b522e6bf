/* The text report (the default format): a header with the counts, then one block per
 * endpoint and per function outside a route, grouped by severity, highest first. Colour
 * (options->color) marks severities and rule ids; the layout is the same without it. */
#include "report_internal.h"

#include "poolfix/path.h"

#include <stdlib.h>

/* ANSI attributes for each severity, from info to critical. */
static const char *const severity_colors[PF_SEVERITY_COUNT] = {"\033[2m", "\033[2m", "\033[33m", "\033[31m",
                                                               "\033[1;31m"};

/* Appends `text` wrapped in `attribute` when colour is on. */
static void paint(pf_buf *out, bool color, const char *attribute, const char *text) {
    if (color) pf_buf_printf(out, "%s%s\033[0m", attribute, text);
    else pf_buf_puts(out, text);
}

/* The first line: what was scanned and with which schema. */
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
}

/* One finding: its lines, severity, rule and message, then what poolfix does about it. */
static void write_finding(const pf_report_model *model, const pf_finding *f, pf_buf *out) {
    bool color = model->report->options->color;
    pf_buf_puts(out, "    ");
    pf_report_lines(out, f->line, f->end_line);
    pf_buf_putc(out, ' ');
    paint(out, color, severity_colors[f->severity], pf_severity_name(f->severity));
    pf_buf_putc(out, ' ');
    paint(out, color, "\033[1m", pf_rule_id(f->rule));
    pf_buf_printf(out, "%s: %s\n      ", f->suppressed ? " (suppressed)" : "", f->message);
    pf_report_fix(out, model->report->options, f);
    pf_buf_putc(out, '\n');
}

/* Appends one query of a reached function: "14 user.findUnique", comma-separated. */
static void put_query(void *context, int line, const char *operation) {
    pf_buf *out = context;
    if (out->data && out->data[out->len - 1] != ' ') pf_buf_puts(out, ", ");
    pf_buf_printf(out, "%d %s", line, operation);
}

/* What a block runs in other files: per function, the way there, then its queries. */
static void write_reached(const pf_report_model *model, const pf_report_entry *e, pf_buf *out) {
    const pf_block *b = e->block;
    for (size_t i = 0; b && i < b->reached_count; i++) {
        pf_buf_puts(out, "    via ");
        pf_report_path(model, b, &b->reached[i], "", out);
        pf_buf_puts(out, "\n      ");
        pf_report_queries_of(model, b->reached[i].file, b->reached[i].function, put_query, out);
        pf_buf_putc(out, '\n');
    }
    if (b && !b->endpoint && b->reached_by_count) {
        pf_buf_puts(out, "    reached from ");
        for (size_t i = 0; i < b->reached_by_count; i++) {
            if (i) pf_buf_puts(out, ", ");
            pf_report_endpoint_name(out, &model->blocks[b->reached_by[i]]);
        }
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
    for (size_t i = 0; i < e->finding_count; i++) write_finding(model, e->findings[i], out);
}

/* The blocks of one kind, each severity under a heading ("high: 4 endpoints"). */
static void write_section(const pf_report_model *model, const pf_report_entry *entries, size_t count,
                          const size_t *by_severity, const char *one, const char *many, pf_buf *out) {
    for (size_t i = 0; i < count; i++) {
        const pf_report_entry *e = &entries[i];
        if (i == 0 || entries[i - 1].severity != e->severity) {
            size_t n = by_severity[e->severity];
            pf_buf_putc(out, '\n');
            paint(out, model->report->options->color, severity_colors[e->severity], pf_severity_name(e->severity));
            pf_buf_printf(out, ": %zu %s\n", n, n == 1 ? one : many);
        }
        write_entry(model, e, out);
    }
}

/* The header, then the endpoints, then the functions outside routes. */
void pf_report_write_text(const pf_report_model *model, FILE *out) {
    pf_buf text = PF_BUF_INIT;
    write_header(model, &text);
    write_section(model, model->endpoints, model->endpoint_count, model->endpoints_by_severity, "endpoint", "endpoints",
                  &text);
    write_section(model, model->functions, model->function_count, model->functions_by_severity,
                  "function outside routes", "functions outside routes", &text);
    fwrite(text.data, 1, text.len, out);
    pf_buf_free(&text);
}
