/* libFuzzer target: one source file through the whole per-file pipeline, in memory, as
 * `poolfix diff` and `poolfix scan` run it: read checks (NUL bytes, UTF-8, BOM, line
 * endings), the limits, parse, model, summary, every pass in report mode and then in rewrite
 * mode (each rewrite re-parsed), the analysis, the program stage over the one file, the diff
 * printer (plain and coloured), and the reports in every format. A second run on the
 * rewritten text exercises the passes on their own output.
 *
 * Input: two option bytes, then the file's bytes (tests/fuzz/run.sh prefixes its seeds):
 *   byte 0, bits 0-1: where the file sits (an App Router route, a Pages API route, a library
 *           file, a server action); bits 2-3: its extension (.ts .tsx .js .mts); bit 4:
 *           --order-by-id; bit 5: --aggregate sql; bit 6: --take 3; bit 7: --batch-size 2;
 *   byte 1: the schema (0: none; k: the k-th of the schemas found at start-up, in path
 *           order, from golden/ and the example app). */
#include "poolfix/diff.h"
#include "poolfix/engine.h"
#include "poolfix/program.h"
#include "poolfix/report.h"

#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What every input shares: built once by LLVMFuzzerInitialize, never changed afterwards. */
static pf_schema **schemas;
static size_t schema_count;
static pf_client_names *clients;
static pf_prefilter *prefilter;
static pf_import_scanner *scanner;
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loads every schema matching `pattern` below the source tree, in path order. */
static void load_schemas(const char *pattern) {
    glob_t found;
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", POOLFIX_SOURCE_DIR, pattern);
    if (glob(path, 0, NULL, &found) != 0) return;
    for (size_t i = 0; i < found.gl_pathc; i++) {
        pf_schema *schema = pf_schema_load(found.gl_pathv[i], NULL);
        if (!schema) continue;
        schemas = pf_xrealloc(schemas, (schema_count + 1) * sizeof(*schemas));
        schemas[schema_count++] = schema;
    }
    globfree(&found);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    load_schemas("examples/next-prisma-app/prisma/schema.prisma");
    load_schemas("golden/*/*/schema.prisma");
    clients = pf_client_names_new(pf_default_client_names, pf_default_client_name_count, NULL, NULL);
    prefilter = pf_prefilter_new();
    scanner = pf_import_scanner_new();
    sink = fopen("/dev/null", "w");
    return 0;
}

/* Processes `bytes` as the file `file` and prints what a user would see; returns the
 * rewritten text (malloc'd, NULL when unchanged). */
static char *run_once(const pf_engine *engine, const pf_discovered *file, const pf_schema *schema, const char *bytes,
                      size_t len, size_t *out_len) {
    char *copy = pf_xmalloc(len + 1);
    memcpy(copy, bytes, len);
    copy[len] = '\0';
    pf_source source;
    char *error = NULL;
    if (pf_source_from_bytes(copy, len, &source, &error) != PF_SOURCE_OK) {
        free(error);
        return NULL;
    }
    pf_worker *worker = pf_worker_new(engine);
    pf_file_result result;
    pf_engine_process_source(engine, worker, file, schema, true, NULL, &source, &result);
    char *rewritten = NULL;
    if (result.output) {
        for (int color = 0; color < 2; color++) {
            pf_buf diff = PF_BUF_INIT;
            pf_diff_style style = {3, color};
            pf_diff_write(&diff, file->relpath, result.source.bytes, result.source.len, result.output,
                          result.output_len, &style);
            fwrite(diff.data, 1, diff.len, sink);
            pf_buf_free(&diff);
        }
        rewritten = pf_xmalloc(result.output_len + 1);
        memcpy(rewritten, result.output, result.output_len + 1);
        *out_len = result.output_len;
    }
    /* What a scan keeps for the reports that quote files (the run frees the source). */
    if (result.findings.len) result.quoted = pf_report_quote_findings(&result);
    pf_program *program = pf_program_new(1, NULL, engine->options->depth);
    if (result.summary) pf_program_set(program, 0, result.summary, file->project_relpath);
    pf_program_link(program);
    pf_options narrowed = *engine->options;
    pf_file_result *results[1] = {&result};
    const pf_schema *file_schemas[1] = {result.schema};
    for (int format = PF_FORMAT_TEXT; format <= PF_FORMAT_SARIF; format++) {
        narrowed.format = (pf_format)format;
        pf_engine report_engine = *engine;
        report_engine.options = &narrowed;
        pf_report report = {&narrowed, file, results, file_schemas, 1, result.skipped != NULL, &report_engine, program};
        pf_report_write(&report, sink);
    }
    pf_program_free(program);
    pf_file_result_free(&result);
    pf_worker_free(worker);
    return rewritten;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2) return 0;
    static const char *const places[] = {"app/api/fuzz/route", "pages/api/fuzz", "lib/fuzz", "app/fuzz/actions"};
    static const char *const extensions[] = {".ts", ".tsx", ".js", ".mts"};
    uint8_t flags = data[0], schema_choice = data[1];
    char relpath[64];
    snprintf(relpath, sizeof(relpath), "%s%s", places[flags & 3], extensions[(flags >> 2) & 3]);
    pf_discovered file = {relpath, relpath, ".", relpath};

    pf_options options;
    pf_options_init(&options);
    options.command = PF_CMD_DIFF;
    options.passes = (1u << pf_pass_count) - 1; /* every pass, the opt-in ones too */
    options.order_by_id = flags & 16;
    options.aggregate = flags & 32 ? PF_AGGREGATE_SQL : PF_AGGREGATE_MEMORY;
    if (flags & 64) options.take = 3, options.take_from_cli = true;
    if (flags & 128) options.batch_size = 2;
    const pf_schema *schema = schema_choice && schema_count ? schemas[(schema_choice - 1) % schema_count] : NULL;
    pf_engine engine = {&options, clients, prefilter, scanner};

    size_t len = 0;
    char *rewritten = run_once(&engine, &file, schema, (const char *)data + 2, size - 2, &len);
    if (rewritten) {
        size_t again_len = 0;
        free(run_once(&engine, &file, schema, rewritten, len, &again_len));
        free(rewritten);
    }
    pf_options_free(&options);
    return 0;
}
