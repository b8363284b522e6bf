/* The JSON report: the contract of DESIGN.md ("Findings and the JSON report"). Keys may be
 * added; none of the documented ones is renamed or removed.
 *
 * Paths are relative to `root`: the folder the files were found under (the PATH argument,
 * or the folder of a file argument); with several PATH arguments, the deepest folder
 * holding them all (see name_files() in report.c). `root` itself is as the PATH was
 * written, or relative to the current folder when it lies under it.
 *
 * Added to the contract: endpoints[] `end_line`, `round_trips`, `unbounded`, `calls`,
 * `findings`, `suppressed`, `kind` (app-router, pages-api, server-action, trpc, loader,
 * controller, server), `reached` (each function with queries the block reaches in another
 * file: `file`, `function`, `line`, `via` (the call path, "file:function" each) and its
 * `queries` with `line` and `operation`); functions[] `reached` and `reached_by` (the
 * endpoints that reach it, "METHOD route"); findings[] `suppressed`, `decline`, `changes_results`,
 * `pass_selected`, `relation`, `trips`, `unbounded`, `in_transaction` (a loop-queries
 * finding whose loop runs inside an interactive $transaction), `fix` (the sentence the text
 * report prints); `functions[]` (code outside routes: endpoint objects without route and method);
 * `schemas` (every schema used: files may use different ones; `schema` is the first);
 * `schemas_with_errors` (schemas found but not used because they have errors);
 * `summary` (the counts); `fix_first` (the blocks the text and Markdown reports open with,
 * in order: `endpoint` ("METHOD route", null outside routes), `function`, `file`, `line`);
 * `manual_reasons` (each distinct reason a finding is left to a manual fix, most given
 * first, as the reports number them: `reason`, `findings`, `rules`). Suppressed findings
 * are listed, with `suppressed: true`. Every block and finding is listed, whatever the
 * text and Markdown reports leave out. */
#include "report_internal.h"

#include <stdlib.h>

/* Adds one query of a reached function to a JSON array. */
static void add_query(void *context, int line, const char *operation) {
    cJSON *query = cJSON_CreateObject();
    pf_report_json_int(query, "line", line);
    cJSON_AddStringToObject(query, "operation", operation);
    cJSON_AddItemToArray(context, query);
}

/* reached[]: what a block runs in other files, with the way there. */
static cJSON *reached_json(const pf_report_model *model, const pf_block *block) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; block && i < block->reached_count; i++) {
        const pf_reach *reach = &block->reached[i];
        const pf_summary_function *fn = &model->report->results[reach->file]->summary->functions.items[reach->function];
        cJSON *object = cJSON_CreateObject();
        cJSON_AddStringToObject(object, "file", model->files[reach->file]);
        cJSON_AddStringToObject(object, "function", fn->name);
        pf_report_json_int(object, "line", fn->line);
        cJSON *via = cJSON_AddArrayToObject(object, "via");
        /* Written to a buffer of its own, not the model's arena: the JSON copies it, and
         * the report's arena would hold every step of every path until the end (1 MB on
         * civitai). */
        pf_buf text = PF_BUF_INIT;
        for (size_t k = 0; k < reach->path_len; k++) {
            const pf_step *step = &reach->path[k];
            if (step->file == block->file && step->function == block->function) continue;
            const char *name = model->report->results[step->file]->summary->functions.items[step->function].name;
            pf_buf_clear(&text);
            pf_buf_printf(&text, "%s:%s", model->files[step->file], name);
            cJSON_AddItemToArray(via, cJSON_CreateString(text.data));
        }
        pf_buf_free(&text);
        pf_report_queries_of(model, reach->file, reach->function, add_query,
                             cJSON_AddArrayToObject(object, "queries"));
        cJSON_AddItemToArray(list, object);
    }
    return list;
}

/* The figures and counts every block has, endpoint or not. */
static void add_figures(const pf_report_model *model, cJSON *object, const pf_report_entry *e) {
    const pf_block *b = e->block;
    pf_measure none = {0, 0, 0, false};
    const pf_measure *m = b ? &b->figures : &none;
    pf_report_json_string(object, "function", e->function);
    pf_report_json_string(object, "file", e->file);
    pf_report_json_int(object, "line", e->line);
    pf_report_json_int(object, "end_line", b ? b->end_line : e->line);
    pf_report_json_int(object, "max_parallel", m->width);
    pf_report_json_int(object, "sequential", m->total - m->width);
    pf_report_json_int(object, "connections", m->total);
    pf_report_json_int(object, "round_trips", m->rounds);
    cJSON_AddBoolToObject(object, "unbounded", m->unbounded);
    cJSON_AddStringToObject(object, "severity", pf_severity_name(e->severity));
    pf_report_json_string(object, "calls", b ? b->calls : NULL);
    pf_report_json_int(object, "findings", e->finding_count);
    pf_report_json_int(object, "suppressed", e->suppressed);
    cJSON_AddItemToObject(object, "reached", reached_json(model, b));
}

/* The name of an endpoint kind in the JSON report. */
static const char *kind_name(pf_entry_kind kind) {
    static const char *const names[] = {"app-router", "pages-api", "server-action", "trpc",
                                        "loader",     "controller", "server"};
    return names[kind];
}

/* One object of endpoints[]: a route handler. */
static cJSON *endpoint_json(const pf_report_model *model, const pf_report_entry *e) {
    cJSON *object = cJSON_CreateObject();
    cJSON_AddStringToObject(object, "route", e->route);
    cJSON_AddStringToObject(object, "method", e->method);
    add_figures(model, object, e);
    pf_report_json_string(object, "kind", e->block ? kind_name(e->block->kind) : NULL);
    return object;
}

/* One object of functions[]: a function outside a route. */
static cJSON *function_json(const pf_report_model *model, const pf_report_entry *e) {
    cJSON *object = cJSON_CreateObject();
    add_figures(model, object, e);
    cJSON *by = cJSON_AddArrayToObject(object, "reached_by");
    for (size_t k = 0; e->block && k < e->block->reached_by_count; k++) {
        pf_buf name = PF_BUF_INIT;
        pf_report_endpoint_name(&name, &model->blocks[e->block->reached_by[k]]);
        cJSON_AddItemToArray(by, cJSON_CreateString(name.data));
        pf_buf_free(&name);
    }
    return object;
}

/* One finding. */
static cJSON *finding_json(const pf_report_model *model, const pf_report_item *item) {
    const pf_finding *f = item->finding;
    const pf_options *options = model->report->options;
    cJSON *object = cJSON_CreateObject();
    cJSON_AddStringToObject(object, "rule", pf_rule_id(f->rule));
    cJSON_AddStringToObject(object, "severity", pf_severity_name(f->severity));
    cJSON_AddStringToObject(object, "file", item->entry->file);
    pf_report_json_int(object, "line", f->line);
    pf_report_json_int(object, "end_line", f->end_line);
    pf_report_json_string(object, "endpoint", item->entry->route);
    pf_report_json_string(object, "method", item->entry->method);
    pf_report_json_string(object, "function", f->function);
    pf_report_json_int(object, "queries", f->queries);
    cJSON_AddBoolToObject(object, "fixable", f->fixable);
    pf_report_json_string(object, "pass", f->pass);
    cJSON_AddStringToObject(object, "message", f->message);
    cJSON_AddBoolToObject(object, "suppressed", f->suppressed);
    pf_report_json_string(object, "decline", f->decline);
    cJSON_AddBoolToObject(object, "changes_results", f->changes_results);
    cJSON_AddBoolToObject(object, "pass_selected", f->pass && pf_pass_selected(options, f->pass));
    pf_report_json_string(object, "relation", f->relation);
    cJSON_AddItemToObject(object, "trips", f->trips >= 0 ? pf_report_json_number(f->trips) : cJSON_CreateNull());
    cJSON_AddBoolToObject(object, "unbounded", f->unbounded);
    cJSON_AddBoolToObject(object, "in_transaction", f->in_transaction);
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
        pf_report_json_int(object, pf_severity_name((pf_severity)s), counts[s]);
    return object;
}

/* summary: the counts the text header prints. */
static cJSON *summary_json(const pf_report_model *model) {
    cJSON *summary = cJSON_CreateObject();
    pf_report_json_int(summary, "endpoints", model->endpoint_count);
    pf_report_json_int(summary, "functions", model->function_count);
    pf_report_json_int(summary, "findings", model->item_count);
    pf_report_json_int(summary, "suppressed", model->suppressed);
    cJSON_AddItemToObject(summary, "severity", severity_counts(model->by_severity));
    cJSON_AddItemToObject(summary, "endpoint_severity", severity_counts(model->endpoints_by_severity));
    cJSON_AddItemToObject(summary, "function_severity", severity_counts(model->functions_by_severity));
    cJSON *rules = cJSON_AddObjectToObject(summary, "rules");
    for (int r = 0; r < PF_RULE_COUNT; r++)
        pf_report_json_int(rules, pf_rule_id((pf_rule)r), model->by_rule[r]);
    return summary;
}

/* fix_first[]: the blocks to fix first, as the text and Markdown reports list them. */
static cJSON *fix_first_json(const pf_report_model *model) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < model->top_count; i++) {
        const pf_report_entry *e = model->top[i];
        cJSON *object = cJSON_CreateObject();
        if (e->block && e->route) {
            pf_buf name = PF_BUF_INIT;
            pf_report_endpoint_name(&name, e->block);
            cJSON_AddStringToObject(object, "endpoint", name.data);
            pf_buf_free(&name);
        } else {
            cJSON_AddNullToObject(object, "endpoint");
        }
        cJSON_AddStringToObject(object, "function", e->function);
        cJSON_AddStringToObject(object, "file", e->file);
        pf_report_json_int(object, "line", e->line);
        cJSON_AddItemToArray(list, object);
    }
    return list;
}

/* manual_reasons[]: each reason for a manual fix once, with how many findings give it. */
static cJSON *manual_reasons_json(const pf_report_model *model) {
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < model->reason_count; i++) {
        const pf_report_reason *r = &model->reasons[i];
        cJSON *object = cJSON_CreateObject();
        cJSON_AddStringToObject(object, "reason", r->text);
        pf_report_json_int(object, "findings", r->findings);
        cJSON *rules = cJSON_AddArrayToObject(object, "rules");
        for (int rule = 0; rule < PF_RULE_COUNT; rule++)
            if (r->rules & (1u << rule)) cJSON_AddItemToArray(rules, cJSON_CreateString(pf_rule_id((pf_rule)rule)));
        cJSON_AddItemToArray(list, object);
    }
    return list;
}

/* The whole JSON document, keys in a fixed order, written as it is made: the lists of
 * endpoints, functions and findings are written one element at a time. */
void pf_report_write_json(const pf_report_model *model, FILE *out) {
    pf_json_stream json;
    pf_json_begin(&json, out);
    cJSON *tool = cJSON_CreateObject();
    cJSON_AddStringToObject(tool, "name", "poolfix");
    cJSON_AddStringToObject(tool, "version", POOLFIX_VERSION);
    pf_json_member(&json, "tool", tool);
    pf_json_member(&json, "root", cJSON_CreateString(model->root));
    pf_json_member(&json, "schema", model->schema_count ? cJSON_CreateString(model->schemas[0]) : cJSON_CreateNull());
    cJSON *schemas = cJSON_CreateArray();
    for (size_t i = 0; i < model->schema_count; i++)
        cJSON_AddItemToArray(schemas, cJSON_CreateString(model->schemas[i]));
    pf_json_member(&json, "schemas", schemas);
    cJSON *unusable = cJSON_CreateArray();
    for (size_t i = 0; i < model->unusable_schema_count; i++)
        cJSON_AddItemToArray(unusable, cJSON_CreateString(model->unusable_schemas[i]));
    pf_json_member(&json, "schemas_with_errors", unusable);
    pf_json_member(&json, "files_scanned", pf_report_json_number(model->files_scanned));
    pf_json_member(&json, "files_skipped", pf_report_json_number(model->files_skipped));
    pf_json_member(&json, "summary", summary_json(model));
    pf_json_array_begin(&json, "endpoints");
    for (size_t i = 0; i < model->endpoint_count; i++) pf_json_element(&json, endpoint_json(model, &model->endpoints[i]));
    pf_json_array_end(&json);
    pf_json_array_begin(&json, "functions");
    for (size_t i = 0; i < model->function_count; i++) pf_json_element(&json, function_json(model, &model->functions[i]));
    pf_json_array_end(&json);
    pf_json_array_begin(&json, "findings");
    for (size_t i = 0; i < model->item_count; i++) pf_json_element(&json, finding_json(model, &model->items[i]));
    pf_json_array_end(&json);
    pf_json_member(&json, "fix_first", fix_first_json(model));
    pf_json_member(&json, "manual_reasons", manual_reasons_json(model));
    pf_json_end(&json);
}
