/* The JSON report: the contract of DESIGN.md ("Findings and the JSON report"). Keys may be
 * added; none of the documented ones is renamed or removed.
 *
 * Paths are relative to `root`: the folder the files were found under (the PATH argument,
 * or the folder of a file argument); with several PATH arguments, the deepest folder
 * holding them all (see name_files() in report.c). `root` itself is as the PATH was
 * written, or relative to the current folder when it lies under it.
 *
 * Added to the contract: endpoints[] `end_line`, `round_trips`, `unbounded`, `calls`,
 * `findings`, `suppressed`; findings[] `suppressed`, `decline`, `changes_results`,
 * `pass_selected`, `relation`, `trips`, `unbounded`, `fix` (the sentence the text report
 * prints); `functions[]` (code outside routes: endpoint objects without route and method);
 * `schemas` (every schema used: files may use different ones; `schema` is the first);
 * `schemas_with_errors` (schemas found but not used because they have errors);
 * `summary` (the counts). Suppressed findings are listed, with `suppressed: true`. */
#include "report_internal.h"

#include <stdlib.h>

/* The figures and counts every block has, endpoint or not. */
static void add_figures(cJSON *object, const pf_report_entry *e) {
    const pf_handler_report *h = e->handler;
    pf_report_json_string(object, "function", e->function);
    pf_report_json_string(object, "file", e->file);
    cJSON_AddNumberToObject(object, "line", e->line);
    cJSON_AddNumberToObject(object, "end_line", h ? h->end_line : e->line);
    cJSON_AddNumberToObject(object, "max_parallel", h ? (double)h->figures.width : 0);
    cJSON_AddNumberToObject(object, "sequential", h ? (double)h->sequential : 0);
    cJSON_AddNumberToObject(object, "connections", h ? (double)h->figures.total : 0);
    cJSON_AddNumberToObject(object, "round_trips", h ? (double)h->figures.rounds : 0);
    cJSON_AddBoolToObject(object, "unbounded", h && h->figures.unbounded);
    cJSON_AddStringToObject(object, "severity", pf_severity_name(e->severity));
    pf_report_json_string(object, "calls", h ? h->calls : NULL);
    cJSON_AddNumberToObject(object, "findings", (double)e->finding_count);
    cJSON_AddNumberToObject(object, "suppressed", (double)e->suppressed);
}

/* endpoints[]: one object per route handler. */
static cJSON *endpoints_json(const pf_report_model *model) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < model->endpoint_count; i++) {
        const pf_report_entry *e = &model->endpoints[i];
        cJSON *object = cJSON_CreateObject();
        cJSON_AddStringToObject(object, "route", e->route);
        cJSON_AddStringToObject(object, "method", e->method);
        add_figures(object, e);
        cJSON_AddItemToArray(list, object);
    }
    return list;
}

/* functions[]: one object per function outside a route. */
static cJSON *functions_json(const pf_report_model *model) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < model->function_count; i++) {
        cJSON *object = cJSON_CreateObject();
        add_figures(object, &model->functions[i]);
        cJSON_AddItemToArray(list, object);
    }
    return list;
}

/* One finding. */
static cJSON *finding_json(const pf_report_model *model, const pf_report_item *item) {
    const pf_finding *f = item->finding;
    const pf_options *options = model->report->options;
    cJSON *object = cJSON_CreateObject();
    cJSON_AddStringToObject(object, "rule", pf_rule_id(f->rule));
    cJSON_AddStringToObject(object, "severity", pf_severity_name(f->severity));
    cJSON_AddStringToObject(object, "file", item->entry->file);
    cJSON_AddNumberToObject(object, "line", f->line);
    cJSON_AddNumberToObject(object, "end_line", f->end_line);
    pf_report_json_string(object, "endpoint", item->entry->route);
    pf_report_json_string(object, "method", item->entry->method);
    pf_report_json_string(object, "function", f->function);
    cJSON_AddNumberToObject(object, "queries", f->queries);
    cJSON_AddBoolToObject(object, "fixable", f->fixable);
    pf_report_json_string(object, "pass", f->pass);
    cJSON_AddStringToObject(object, "message", f->message);
    cJSON_AddBoolToObject(object, "suppressed", f->suppressed);
    pf_report_json_string(object, "decline", f->decline);
    cJSON_AddBoolToObject(object, "changes_results", f->changes_results);
    cJSON_AddBoolToObject(object, "pass_selected", f->pass && pf_pass_selected(options, f->pass));
    pf_report_json_string(object, "relation", f->relation);
    cJSON_AddItemToObject(object, "trips", f->trips >= 0 ? cJSON_CreateNumber((double)f->trips) : cJSON_CreateNull());
    cJSON_AddBoolToObject(object, "unbounded", f->unbounded);
    pf_buf fix = PF_BUF_INIT;
    pf_report_fix(&fix, options, f);
    cJSON_AddStringToObject(object, "fix", fix.data);
    pf_buf_free(&fix);
    return object;
}

/* An object of counts, one member per severity from critical to info. */
static cJSON *severity_counts(const size_t *counts) {
    cJSON *object = cJSON_CreateObject();
    for (int s = PF_SEVERITY_COUNT - 1; s >= 0; s--)
        cJSON_AddNumberToObject(object, pf_severity_name((pf_severity)s), (double)counts[s]);
    return object;
}

/* summary: the counts the text header prints. */
static cJSON *summary_json(const pf_report_model *model) {
    cJSON *summary = cJSON_CreateObject();
    cJSON_AddNumberToObject(summary, "endpoints", (double)model->endpoint_count);
    cJSON_AddNumberToObject(summary, "functions", (double)model->function_count);
    cJSON_AddNumberToObject(summary, "findings", (double)model->item_count);
    cJSON_AddNumberToObject(summary, "suppressed", (double)model->suppressed);
    cJSON_AddItemToObject(summary, "severity", severity_counts(model->by_severity));
    cJSON_AddItemToObject(summary, "endpoint_severity", severity_counts(model->endpoints_by_severity));
    cJSON_AddItemToObject(summary, "function_severity", severity_counts(model->functions_by_severity));
    cJSON *rules = cJSON_AddObjectToObject(summary, "rules");
    for (int r = 0; r < PF_RULE_COUNT; r++)
        cJSON_AddNumberToObject(rules, pf_rule_id((pf_rule)r), (double)model->by_rule[r]);
    return summary;
}

/* The whole JSON document, keys in a fixed order. */
void pf_report_write_json(const pf_report_model *model, FILE *out) {
    cJSON *root = cJSON_CreateObject();
    cJSON *tool = cJSON_AddObjectToObject(root, "tool");
    cJSON_AddStringToObject(tool, "name", "poolfix");
    cJSON_AddStringToObject(tool, "version", POOLFIX_VERSION);
    cJSON_AddStringToObject(root, "root", model->root);
    pf_report_json_string(root, "schema", model->schema_count ? model->schemas[0] : NULL);
    cJSON *schemas = cJSON_AddArrayToObject(root, "schemas");
    for (size_t i = 0; i < model->schema_count; i++)
        cJSON_AddItemToArray(schemas, cJSON_CreateString(model->schemas[i]));
    cJSON *unusable = cJSON_AddArrayToObject(root, "schemas_with_errors");
    for (size_t i = 0; i < model->unusable_schema_count; i++)
        cJSON_AddItemToArray(unusable, cJSON_CreateString(model->unusable_schemas[i]));
    cJSON_AddNumberToObject(root, "files_scanned", (double)model->files_scanned);
    cJSON_AddNumberToObject(root, "files_skipped", (double)model->files_skipped);
    cJSON_AddItemToObject(root, "summary", summary_json(model));
    cJSON_AddItemToObject(root, "endpoints", endpoints_json(model));
    cJSON_AddItemToObject(root, "functions", functions_json(model));
    cJSON *findings = cJSON_AddArrayToObject(root, "findings");
    for (size_t i = 0; i < model->item_count; i++)
        cJSON_AddItemToArray(findings, finding_json(model, &model->items[i]));
    pf_report_json_print(root, out);
}
