/* The SARIF 2.1.0 report, in the subset GitHub code scanning reads ("SARIF support for code
 * scanning"): every rule in tool.driver.rules with its descriptions and help, one result
 * per finding with a level, a message, one location (lines and UTF-16 columns) and a
 * partialFingerprints.primaryLocationLineHash; suppressed findings carry an inSource
 * suppression.
 *
 * GitHub resolves relative URIs against the repository root, so files are named from the
 * top of the git work tree (uriBaseId %SRCROOT%), or from the report root outside git.
 * originalUriBaseIds describes %SRCROOT% without its absolute URI, which would differ from
 * one checkout to another: the output depends only on the files scanned. */
#include "report_internal.h"

#include "poolfix/explain.h"
#include "poolfix/pass.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What SARIF shows of each rule, in pf_rule order (ruleIndex is the rule's value). */
static const struct {
    const char *name;
    const char *summary;
    pf_severity highest; /* the most severe a finding of the rule can be (docs/rules/severity.md) */
} rule_info[PF_RULE_COUNT] = {
    [PF_RULE_PARALLEL_FANOUT] = {"ParallelFanout", "A Promise.all array runs more queries at once than the batch size",
                                 PF_SEVERITY_CRITICAL},
    [PF_RULE_MAP_FANOUT] = {"MapFanout",
                            "Promise.all(xs.map(cb)) runs the callback's queries once per element, all at once",
                            PF_SEVERITY_CRITICAL},
    [PF_RULE_LOOP_QUERIES] = {"LoopQueries", "A loop awaits queries on each iteration", PF_SEVERITY_CRITICAL},
    [PF_RULE_UNBOUNDED_INCLUDE] = {"UnboundedInclude", "A to-many relation under include/select is read without take",
                                   PF_SEVERITY_HIGH},
    [PF_RULE_UNBOUNDED_FINDMANY] = {"UnboundedFindMany", "A top-level findMany has no take", PF_SEVERITY_MEDIUM},
    [PF_RULE_SEQUENTIAL_QUERIES] = {"SequentialQueries", "Several awaited queries run one after another",
                                    PF_SEVERITY_MEDIUM},
    [PF_RULE_TRANSACTION_OUTER_CLIENT] = {"TransactionOuterClient",
                                          "A query inside an interactive $transaction runs on the client that "
                                          "started it, not on the transaction's client",
                                          PF_SEVERITY_CRITICAL},
};

/* The SARIF level of a severity: critical and high are errors, medium a warning, the rest notes. */
static const char *level_of(pf_severity severity) {
    if (severity >= PF_SEVERITY_HIGH) return "error";
    return severity == PF_SEVERITY_MEDIUM ? "warning" : "note";
}

/* A {"text": ...} message object. */
static cJSON *message(const char *text) {
    cJSON *object = cJSON_CreateObject();
    cJSON_AddStringToObject(object, "text", text);
    return object;
}

/* tool.driver.rules[i] for rule `rule`: its descriptions, and its documentation as help. */
static cJSON *rule_json(pf_rule rule) {
    const pf_pass *pass = pf_pass_for_rule(rule);
    pf_buf full = PF_BUF_INIT;
    pf_buf_printf(&full, "%s. ", rule_info[rule].summary);
    if (pass) pf_buf_printf(&full, "Rewrite: the %s pass: %s.", pass->name, pass->summary);
    else pf_buf_puts(&full, "No rewrite: poolfix reports it and explains the manual fix.");
    const char *doc = pf_explain_doc(pf_rule_id(rule));

    cJSON *object = cJSON_CreateObject();
    cJSON_AddStringToObject(object, "id", pf_rule_id(rule));
    cJSON_AddStringToObject(object, "name", rule_info[rule].name);
    cJSON_AddItemToObject(object, "shortDescription", message(rule_info[rule].summary));
    cJSON_AddItemToObject(object, "fullDescription", message(full.data));
    cJSON *help = cJSON_AddObjectToObject(object, "help");
    cJSON_AddStringToObject(help, "text", doc ? doc : full.data);
    cJSON_AddStringToObject(help, "markdown", doc ? doc : full.data);
    const char *level = level_of(rule_info[rule].highest);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(object, "defaultConfiguration"), "level", level);
    cJSON *properties = cJSON_AddObjectToObject(object, "properties");
    cJSON *tags = cJSON_AddArrayToObject(properties, "tags");
    cJSON_AddItemToArray(tags, cJSON_CreateString("performance"));
    cJSON_AddItemToArray(tags, cJSON_CreateString("prisma"));
    cJSON_AddStringToObject(properties, "problem.severity", strcmp(level, "note") == 0 ? "recommendation" : level);
    pf_buf_free(&full);
    return object;
}

/* The 1-based column of byte `offset` in UTF-16 code units (SARIF's default columnKind). */
static int utf16_column(const pf_quoted_lines *quoted, size_t offset) {
    const pf_quoted_line *line = pf_quoted_line_at(quoted, offset);
    if (!line) return 1; /* every end of every finding is kept (pf_report_quote_findings) */
    const char *text = pf_quoted_text(quoted, line);
    int column = 1;
    for (size_t i = 0; i < offset - line->start; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c & 0xC0) != 0x80) column += c >= 0xF0 ? 2 : 1; /* 4-byte sequences are surrogate pairs */
    }
    return column;
}

/* Folds a line's bytes into the hash without its spaces, tabs and carriage returns. */
static uint64_t hash_without_blanks(uint64_t hash, const char *bytes, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') hash = pf_fnv1a(hash, bytes + i, 1);
    return hash;
}

/* A hash of what identifies a finding across runs without its line number: the rule, the
 * file, and the text of its first line without whitespace (FNV-1a, 64 bits). */
static uint64_t line_hash(const pf_finding *f, const char *uri, const pf_quoted_lines *quoted) {
    const char *rule = pf_rule_id(f->rule);
    /* The seed is not FNV's basis (a digit short); it stays, so fingerprints stay stable. */
    uint64_t hash = pf_fnv1a(1469598103934665603ull, rule, strlen(rule) + 1);
    hash = pf_fnv1a(hash, uri, strlen(uri) + 1);
    const pf_quoted_line *line = pf_quoted_line_at(quoted, f->start);
    return line ? hash_without_blanks(hash, pf_quoted_text(quoted, line), line->len) : hash;
}

/* A threadFlow location: a line of a file, with what happens there. */
static cJSON *flow_location(const pf_report_model *model, size_t file, int line, const char *text) {
    cJSON *location = cJSON_CreateObject();
    cJSON *inner = cJSON_AddObjectToObject(location, "location");
    cJSON *physical = cJSON_AddObjectToObject(inner, "physicalLocation");
    cJSON *artifact = cJSON_AddObjectToObject(physical, "artifactLocation");
    pf_buf uri = PF_BUF_INIT;
    pf_buf_printf(&uri, "%s%s", model->srcroot_prefix, model->files[file]);
    cJSON_AddStringToObject(artifact, "uri", uri.data);
    pf_buf_free(&uri);
    cJSON_AddStringToObject(artifact, "uriBaseId", "%SRCROOT%");
    pf_report_json_int(cJSON_AddObjectToObject(physical, "region"), "startLine", line);
    cJSON_AddItemToObject(inner, "message", message(text));
    return location;
}

/* codeFlows: for a finding in a function that endpoints reach, the calls from each endpoint to
 * it (the first ten endpoints), as GitHub code scanning shows a path. */
static void add_code_flows(const pf_report_model *model, const pf_report_item *item, cJSON *object) {
    const pf_block *block = item->entry->block;
    if (!block || block->endpoint || !block->reached_by_count) return;
    cJSON *flows = cJSON_AddArrayToObject(object, "codeFlows");
    for (size_t k = 0; k < block->reached_by_count && k < 10; k++) {
        const pf_block *endpoint = &model->blocks[block->reached_by[k]];
        const pf_reach *reach = NULL;
        for (size_t r = 0; r < endpoint->reached_count && !reach; r++)
            if (endpoint->reached[r].file == block->file && endpoint->reached[r].function == block->function)
                reach = &endpoint->reached[r];
        if (!reach) continue;
        cJSON *flow = cJSON_CreateObject();
        pf_buf text = PF_BUF_INIT;
        pf_report_endpoint_name(&text, endpoint);
        cJSON_AddItemToObject(flow, "message", message(text.data));
        cJSON *locations = cJSON_CreateArray();
        cJSON *thread = cJSON_CreateObject();
        cJSON_AddItemToObject(thread, "locations", locations);
        cJSON_AddItemToArray(cJSON_AddArrayToObject(flow, "threadFlows"), thread);
        for (size_t i = 0; i < reach->path_len; i++) {
            const pf_step *step = &reach->path[i];
            const pf_summary *s = model->report->results[step->file]->summary;
            const char *name = s->functions.items[step->function].name;
            pf_buf_clear(&text);
            if (i + 1 < reach->path_len) {
                const pf_step *next = &reach->path[i + 1];
                pf_buf_printf(&text, "%s calls %s", name,
                              model->report->results[next->file]->summary->functions.items[next->function].name);
                cJSON_AddItemToArray(locations, flow_location(model, step->file, step->call_line, text.data));
            } else {
                pf_buf_printf(&text, "%s: %s", name, pf_rule_id(item->finding->rule));
                cJSON_AddItemToArray(locations, flow_location(model, step->file, item->finding->line, text.data));
            }
        }
        pf_buf_free(&text);
        cJSON_AddItemToArray(flows, flow);
    }
}

/* results[i]: one finding with its location, fingerprint and (if any) suppression. */
static cJSON *result_json(const pf_report_model *model, const pf_report_item *item, const char *uri,
                          const char *fingerprint) {
    const pf_finding *f = item->finding;
    const pf_quoted_lines *quoted = item->entry->result->quoted;
    size_t text_len = quoted ? quoted->text_len : 0;
    cJSON *object = cJSON_CreateObject();
    cJSON_AddStringToObject(object, "ruleId", pf_rule_id(f->rule));
    pf_report_json_int(object, "ruleIndex", f->rule);
    cJSON_AddStringToObject(object, "level", level_of(f->severity));
    pf_buf text = PF_BUF_INIT;
    pf_buf_printf(&text, "%s.\n", f->message);
    pf_report_fix(&text, model->report->options, f);
    cJSON_AddItemToObject(object, "message", message(text.data));
    pf_buf_free(&text);

    cJSON *location = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(object, "locations"), location);
    cJSON *physical = cJSON_AddObjectToObject(location, "physicalLocation");
    cJSON *artifact = cJSON_AddObjectToObject(physical, "artifactLocation");
    cJSON_AddStringToObject(artifact, "uri", uri);
    cJSON_AddStringToObject(artifact, "uriBaseId", "%SRCROOT%");
    cJSON *region = cJSON_AddObjectToObject(physical, "region");
    size_t start = f->start < text_len ? f->start : text_len;
    size_t end = f->end < text_len ? f->end : text_len;
    pf_report_json_int(region, "startLine", f->line);
    pf_report_json_int(region, "startColumn", utf16_column(quoted, start));
    pf_report_json_int(region, "endLine", f->end_line);
    pf_report_json_int(region, "endColumn", utf16_column(quoted, end));

    cJSON_AddStringToObject(cJSON_AddObjectToObject(object, "partialFingerprints"), "primaryLocationLineHash",
                            fingerprint);
    if (f->suppressed) {
        cJSON *suppression = cJSON_CreateObject();
        cJSON_AddStringToObject(suppression, "kind", "inSource");
        cJSON_AddItemToArray(cJSON_AddArrayToObject(object, "suppressions"), suppression);
    }
    cJSON *properties = cJSON_AddObjectToObject(object, "properties");
    cJSON_AddStringToObject(properties, "severity", pf_severity_name(f->severity));
    pf_report_json_string(properties, "endpoint", item->entry->route);
    pf_report_json_string(properties, "method", item->entry->method);
    pf_report_json_string(properties, "function", f->function);
    add_code_flows(model, item, object);
    return object;
}

/* Appends `path` as the path of a relative URI reference (RFC 3986): unreserved characters,
 * `/`, and the sub-delimiters and `@` stay; every other byte, of UTF-8 too, is %XX. A `:` is
 * encoded everywhere, which keeps a first segment such as `c:` from reading as a scheme. */
static void append_uri_path(pf_buf *out, const char *path) {
    static const char kept[] = "-._~/!$&'()*+,;=@";
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        bool alnum = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9');
        if (alnum || strchr(kept, *c)) pf_buf_putc(out, (char)*c);
        else pf_buf_printf(out, "%%%02X", *c);
    }
}

/* results[]: every finding, with "hash:occurrence" fingerprints (the occurrence tells apart
 * findings whose hashes are equal, in file order), each written as soon as it is made. */
static void write_results(const pf_report_model *model, pf_json_stream *json) {
    pf_json_array_begin(json, "results");
    uint64_t *hashes = pf_xcalloc(model->item_count + 1, sizeof(uint64_t));
    for (size_t i = 0; i < model->item_count; i++) {
        const pf_report_item *item = &model->items[i];
        pf_buf path = PF_BUF_INIT, uri = PF_BUF_INIT;
        pf_buf_printf(&path, "%s%s", model->srcroot_prefix, item->entry->file);
        append_uri_path(&uri, path.data);
        /* Hashed as a path, not as its URI, so fingerprints stay what they were. */
        hashes[i] = line_hash(item->finding, path.data, item->entry->result->quoted);
        size_t occurrence = 1;
        for (size_t k = 0; k < i; k++) occurrence += hashes[k] == hashes[i];
        char fingerprint[40];
        snprintf(fingerprint, sizeof(fingerprint), "%016llx:%zu", (unsigned long long)hashes[i], occurrence);
        pf_json_element(json, result_json(model, item, uri.data, fingerprint));
        pf_buf_free(&path);
        pf_buf_free(&uri);
    }
    free(hashes);
    pf_json_array_end(json);
}

/* The SARIF log: one run, every rule, every finding, written as it is made (see
 * pf_json_stream): as one tree and one string, a log of a few thousand findings took twice
 * the memory of the run that found them (dub: 29 MB, 15 for the JSON report). */
void pf_report_write_sarif(const pf_report_model *model, FILE *out) {
    pf_json_stream json;
    pf_json_begin(&json, out);
    pf_json_member(&json, "$schema", cJSON_CreateString("https://json.schemastore.org/sarif-2.1.0.json"));
    pf_json_member(&json, "version", cJSON_CreateString("2.1.0"));
    pf_json_object_list_begin(&json, "runs");
    cJSON *tool = cJSON_CreateObject();
    cJSON *driver = cJSON_AddObjectToObject(tool, "driver");
    cJSON_AddStringToObject(driver, "name", "poolfix");
    cJSON_AddStringToObject(driver, "version", POOLFIX_VERSION);
    cJSON_AddStringToObject(driver, "semanticVersion", POOLFIX_VERSION);
    cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
    for (int r = 0; r < PF_RULE_COUNT; r++) cJSON_AddItemToArray(rules, rule_json((pf_rule)r));
    pf_json_member(&json, "tool", tool);
    cJSON *bases = cJSON_CreateObject();
    cJSON *base = cJSON_AddObjectToObject(bases, "%SRCROOT%");
    cJSON_AddItemToObject(base, "description",
                          message("The top of the git work tree that was scanned (the scanned folder outside git)"));
    pf_json_member(&json, "originalUriBaseIds", bases);
    pf_json_member(&json, "columnKind", cJSON_CreateString("utf16CodeUnits"));
    write_results(model, &json);
    pf_json_object_list_end(&json);
    pf_json_end(&json);
}
