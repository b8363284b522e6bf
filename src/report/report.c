/* Scan reports (see report.h): the dispatch on --format and what every writer shares
 * (report_internal.h): grouping findings into endpoints and functions outside routes,
 * ordering, counting, relative paths, and the wording of figures and fixes. */
#include "report_internal.h"

#include "poolfix/analysis.h"
#include "poolfix/pass.h"
#include "poolfix/path.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Builds the shared model of the results once, then hands it to the writer of the format. */
void pf_report_write(const pf_report *report, FILE *out) {
    pf_report_model model;
    pf_report_model_build(&model, report);
    switch (report->options->format) {
    case PF_FORMAT_TEXT:
        pf_report_write_text(&model, out);
        break;
    case PF_FORMAT_MARKDOWN:
        pf_report_write_markdown(&model, out);
        break;
    case PF_FORMAT_JSON:
        pf_report_write_json(&model, out);
        break;
    case PF_FORMAT_SARIF:
        pf_report_write_sarif(&model, out);
        break;
    }
    pf_report_model_free(&model);
}

/* --- paths ---------------------------------------------------------------------------- */

/* `path` as an absolute path without symbolic links, malloc'd; as given if it cannot be resolved. */
static char *absolute(const char *path) {
    char *abs = realpath(path, NULL);
    return abs ? abs : pf_xstrdup(path);
}

/* The length of the longest folder both absolute paths lie in (1 for "/"). */
static size_t common_folder_length(const char *a, const char *b) {
    size_t i = 0, last = 0;
    for (; a[i] && a[i] == b[i]; i++)
        if (a[i] == '/') last = i;
    if ((a[i] == '\0' || a[i] == '/') && (b[i] == '\0' || b[i] == '/')) return i;
    return last ? last : 1;
}

/* `path` relative to the report root when it lies under it, else as the user reads it. */
static const char *relative_to_root(pf_report_model *model, const char *abs_root, const char *path) {
    char *abs = absolute(path);
    const char *rest = pf_path_below(abs, abs_root);
    char *display = rest ? NULL : pf_path_for_display(path);
    const char *name = pf_arena_strdup(&model->arena, rest ? (*rest ? rest : ".") : display);
    free(abs);
    free(display);
    return name;
}

/* Names the report root and every file relative to it.
 *
 * The root is the folder the files were found under: the PATH argument, or the folder of a
 * file argument. With several PATH arguments it is the deepest folder holding all of them,
 * so that every file keeps a unique name. It is shown as the PATH was written, or else
 * relative to the current folder when it lies under it ("." for the current folder itself).
 * Returns the root as an absolute path (malloc'd), for naming schemas and for SARIF, which
 * names files from the top of the git work tree because GitHub resolves them against the
 * repository. */
static char *name_files(pf_report_model *model) {
    const pf_report *report = model->report;
    const pf_options *options = report->options;
    char **roots = pf_xcalloc(report->count + 1, sizeof(char *));
    char *common = NULL;
    for (size_t i = 0; i < report->count; i++) {
        roots[i] = absolute(report->results[i].file->root);
        if (!common) common = pf_xstrdup(roots[i]);
        else common[common_folder_length(common, roots[i])] = '\0';
    }
    if (!common) common = absolute(options->path_count ? options->paths[0] : ".");

    const char *shown = NULL;
    for (size_t i = 0; i < report->count && !shown; i++)
        if (strcmp(roots[i], common) == 0) shown = report->results[i].file->root;
    char *cwd = getcwd(NULL, 0);
    char *display = cwd && strcmp(cwd, common) == 0 ? pf_xstrdup(".") : pf_path_for_display(shown ? shown : common);
    model->root = pf_arena_strdup(&model->arena, display);
    free(display);
    free(cwd);

    model->files = pf_arena_alloc(&model->arena, (report->count + 1) * sizeof(char *));
    for (size_t i = 0; i < report->count; i++) {
        const char *folder = pf_path_below(roots[i], common);
        const pf_discovered *file = report->results[i].file;
        model->files[i] = folder && *folder ? pf_arena_printf(&model->arena, "%s/%s", folder, file->relpath)
                                            : pf_arena_strdup(&model->arena, file->relpath);
        free(roots[i]);
    }
    free(roots);

    char *top = pf_path_work_tree_top(common);
    const char *from_top = top ? pf_path_below(common, top) : NULL;
    model->srcroot_prefix = from_top && *from_top ? pf_arena_printf(&model->arena, "%s/", from_top) : "";
    free(top);
    return common;
}

/* Lists the distinct schemas the files were analysed with, and those found with errors (and
 * so not used), relative to the root. */
static void name_schemas(pf_report_model *model, const char *abs_root) {
    const pf_report *report = model->report;
    const pf_schema **seen = pf_arena_alloc(&model->arena, (report->count + 1) * sizeof(pf_schema *));
    size_t seen_count = 0;
    model->schemas = pf_arena_alloc(&model->arena, (report->count + 1) * sizeof(char *));
    model->unusable_schemas = pf_arena_alloc(&model->arena, (report->count + 1) * sizeof(char *));
    for (size_t i = 0; i < report->count; i++) {
        const pf_schema *schema = report->results[i].schema;
        model->files_without_schema += !schema && !report->results[i].skipped;
        bool known = !schema;
        for (size_t k = 0; k < seen_count && !known; k++) known = seen[k] == schema;
        if (known) continue;
        seen[seen_count++] = schema;
        const char *name = relative_to_root(model, abs_root, schema->path);
        if (schema->error_count) model->unusable_schemas[model->unusable_schema_count++] = name;
        else model->schemas[model->schema_count++] = name;
    }
}

void pf_report_schema_line(const pf_report_model *model, const char *quote, pf_buf *out) {
    if (model->schema_count == 0 && model->unusable_schema_count == 0)
        pf_buf_puts(out, "no Prisma schema found: nested relations not checked");
    for (size_t i = 0; i < model->schema_count; i++)
        pf_buf_printf(out, "%s%s%s%s", i ? ", " : model->schema_count > 1 ? "schemas " : "schema ", quote,
                      model->schemas[i], quote);
    for (size_t i = 0; i < model->unusable_schema_count; i++)
        pf_buf_printf(out, "%sschema %s%s%s has errors: not used, nested relations not checked",
                      i || model->schema_count ? "; " : "", quote, model->unusable_schemas[i], quote);
    if (model->files_without_schema && (model->schema_count || model->unusable_schema_count))
        pf_buf_printf(out, "; %zu file%s without a schema", model->files_without_schema,
                      pf_report_plural(model->files_without_schema));
}

/* --- grouping ------------------------------------------------------------------------- */

typedef PF_VEC(pf_report_entry) entry_list;

/* Whether two optional strings (methods) are equal. */
static bool same(const char *a, const char *b) {
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Adds a block for a file of the report; a method makes it an endpoint of `route`. */
static pf_report_entry *add_entry(pf_report_model *model, entry_list *entries, size_t index, const char *function,
                                  const char *route, const char *method, int line) {
    const pf_file_result *result = &model->report->results[index];
    pf_report_entry *e = PF_VEC_PUSH(&model->arena, *entries);
    e->result = result;
    e->route = method ? route : NULL;
    e->method = e->route ? method : NULL;
    e->function = function;
    e->file = model->files[index];
    e->line = line;
    return e;
}

/* The entry of `entries[first..]` (one file's) that holds `f`: the one of the innermost
 * block whose code holds it, else one for the findings no block holds, by function name
 * (made on first use). Returns its index. */
static size_t owner_of(pf_report_model *model, entry_list *entries, size_t first, size_t index, const pf_finding *f) {
    size_t best = SIZE_MAX;
    for (size_t i = first; i < entries->len; i++) {
        const pf_block *b = entries->items[i].block;
        if (!b || f->start < b->start || f->start >= b->end) continue;
        const pf_block *held = best == SIZE_MAX ? NULL : entries->items[best].block;
        if (!held || b->end - b->start < held->end - held->start) best = i;
    }
    if (best != SIZE_MAX) return best;
    /* A function that runs no query of its own holds it (through its calls): its own block. */
    const pf_block *block = model->report->program ? pf_program_block_at(model->report->program, index, f->start) : NULL;
    for (size_t i = first; i < entries->len && best == SIZE_MAX; i++) {
        const pf_report_entry *e = &entries->items[i];
        if (block ? e->block == block : !e->block && strcmp(e->function, f->function) == 0 && same(e->method, f->method))
            best = i;
    }
    if (best != SIZE_MAX) return best;
    if (block) add_entry(model, entries, index, block->name, NULL, NULL, block->line)->block = block;
    else add_entry(model, entries, index, f->function, NULL, NULL, f->line);
    return entries->len - 1;
}

/* Orders findings by position, then rule. */
static int compare_findings(const void *a, const void *b) {
    const pf_finding *x = *(const pf_finding *const *)a, *y = *(const pf_finding *const *)b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
    return (x->end_line > y->end_line) - (x->end_line < y->end_line);
}

/* Severity (highest first), endpoints before code outside routes, route, method, file, line. */
int pf_report_entry_compare(const pf_report_entry *a, const pf_report_entry *b) {
    if (a->severity != b->severity) return a->severity > b->severity ? -1 : 1;
    if (!a->route != !b->route) return a->route ? -1 : 1;
    int c = a->route ? strcmp(a->route, b->route) : 0;
    if (c == 0 && a->method && b->method) c = strcmp(a->method, b->method);
    if (c == 0) c = strcmp(a->file, b->file);
    if (c == 0 && a->line != b->line) c = a->line < b->line ? -1 : 1;
    return c ? c : strcmp(a->function, b->function);
}

/* qsort adapter for pf_report_entry_compare. */
static int compare_entries(const void *a, const void *b) {
    return pf_report_entry_compare(a, b);
}

/* Orders the flat list of findings by file, then position. */
static int compare_items(const void *a, const void *b) {
    const pf_report_item *x = a, *y = b;
    int c = strcmp(x->entry->file, y->entry->file);
    return c ? c : compare_findings(&x->finding, &y->finding);
}

/* Gives each entry its findings (in order) and its severity, and counts them. An endpoint
 * takes the severity of the functions it reaches too: their queries run on its requests. */
static void fill_entries(pf_report_model *model, entry_list *entries, size_t **owners) {
    const pf_thresholds *thresholds = &model->report->options->thresholds;
    for (size_t i = 0; i < entries->len; i++) {
        pf_report_entry *e = &entries->items[i];
        e->findings = pf_arena_alloc(&model->arena, (e->finding_count + 1) * sizeof(pf_finding *));
        e->finding_count = 0;
        e->severity = e->block ? pf_figures_severity(thresholds, &e->block->figures) : PF_SEVERITY_INFO;
    }
    for (size_t r = 0; r < model->report->count; r++) {
        const pf_finding_list *findings = &model->report->results[r].findings;
        for (size_t k = 0; k < findings->len; k++) {
            const pf_finding *f = &findings->items[k];
            pf_report_entry *e = &entries->items[owners[r][k]];
            e->findings[e->finding_count++] = f;
            if (f->suppressed) {
                e->suppressed++;
                model->suppressed++;
                continue;
            }
            model->by_severity[f->severity]++;
            model->by_rule[f->rule]++;
            if (f->severity > e->severity) e->severity = f->severity;
        }
    }
    for (size_t i = 0; i < entries->len; i++) {
        const pf_report_entry *e = &entries->items[i];
        for (size_t k = 0; e->block && !e->block->endpoint && k < e->block->reached_by_count; k++) {
            const pf_block *endpoint = &model->blocks[e->block->reached_by[k]];
            for (size_t j = 0; j < entries->len; j++)
                if (entries->items[j].block == endpoint && entries->items[j].severity < e->severity)
                    entries->items[j].severity = e->severity;
        }
    }
    for (size_t i = 0; i < entries->len; i++)
        qsort(entries->items[i].findings, entries->items[i].finding_count, sizeof(pf_finding *), compare_findings);
}

/* Copies the entries of one kind (endpoints, or code outside routes) into their own sorted
 * array and counts them per severity. An endpoint that runs no query and holds no finding
 * is left out: it has nothing to report. */
static pf_report_entry *partition(pf_report_model *model, const entry_list *entries, bool endpoints, size_t *count,
                                  size_t *by_severity) {
    pf_report_entry *out = pf_arena_alloc(&model->arena, (entries->len + 1) * sizeof(pf_report_entry));
    *count = 0;
    for (size_t i = 0; i < entries->len; i++) {
        const pf_report_entry *e = &entries->items[i];
        if ((e->route != NULL) != endpoints) continue;
        if (endpoints && e->finding_count == 0 && e->block && e->block->figures.total == 0) continue;
        out[(*count)++] = *e;
        by_severity[e->severity]++;
    }
    qsort(out, *count, sizeof(pf_report_entry), compare_entries);
    return out;
}

/* Marks endpoints whose route another endpoint also serves. */
static void mark_shared_routes(pf_report_model *model) {
    for (size_t i = 0; i < model->endpoint_count; i++)
        for (size_t k = 0; k < model->endpoint_count; k++)
            if (k != i && strcmp(model->endpoints[i].route, model->endpoints[k].route) == 0)
                model->endpoints[i].shared_route = true;
}

/* Lists every finding with its entry, by file and position. */
static void list_items(pf_report_model *model) {
    size_t total = 0;
    for (size_t i = 0; i < model->endpoint_count; i++) total += model->endpoints[i].finding_count;
    for (size_t i = 0; i < model->function_count; i++) total += model->functions[i].finding_count;
    model->items = pf_arena_alloc(&model->arena, (total + 1) * sizeof(pf_report_item));
    const pf_report_entry *lists[2] = {model->endpoints, model->functions};
    size_t counts[2] = {model->endpoint_count, model->function_count};
    for (size_t l = 0; l < 2; l++)
        for (size_t i = 0; i < counts[l]; i++)
            for (size_t k = 0; k < lists[l][i].finding_count; k++)
                model->items[model->item_count++] = (pf_report_item){lists[l][i].findings[k], &lists[l][i]};
    qsort(model->items, model->item_count, sizeof(pf_report_item), compare_items);
}

/* Whether a function block is reached by an endpoint --endpoint selects (or none is given). */
static bool selected_function(const pf_report_model *model, const pf_block *block) {
    const pf_options *options = model->report->options;
    if (options->endpoint_count == 0) return true;
    for (size_t k = 0; k < block->reached_by_count; k++) {
        const pf_block *endpoint = &model->blocks[block->reached_by[k]];
        if (pf_options_selects(options, endpoint->route, endpoint->method)) return true;
    }
    return false;
}

/* Names the files, gives every selected block an entry and every finding its entry, then
 * orders and counts them. */
void pf_report_model_build(pf_report_model *model, const pf_report *report) {
    memset(model, 0, sizeof(*model));
    model->report = report;
    pf_arena_init(&model->arena);
    char *abs_root = name_files(model);
    name_schemas(model, abs_root);
    free(abs_root);
    model->files_skipped = report->skipped;
    model->blocks = report->program ? pf_program_blocks(report->program, &model->block_count) : NULL;

    /* The blocks of each file, in the order the program lists them. */
    size_t *first_block = pf_arena_alloc(&model->arena, (report->count + 2) * sizeof(size_t));
    for (size_t b = 0; b < model->block_count; b++) first_block[model->blocks[b].file + 1]++;
    for (size_t r = 0; r < report->count; r++) first_block[r + 1] += first_block[r];
    size_t *by_file = pf_arena_alloc(&model->arena, (model->block_count + 1) * sizeof(size_t));
    size_t *fill = pf_arena_alloc(&model->arena, (report->count + 1) * sizeof(size_t));
    for (size_t b = 0; b < model->block_count; b++) {
        size_t file = model->blocks[b].file;
        by_file[first_block[file] + fill[file]++] = b;
    }

    entry_list entries = {0};
    size_t **owners = pf_arena_alloc(&model->arena, (report->count + 1) * sizeof(size_t *));
    for (size_t r = 0; r < report->count; r++) {
        const pf_file_result *result = &report->results[r];
        model->files_scanned += result->skipped == NULL;
        size_t first = entries.len;
        for (size_t k = first_block[r]; k < first_block[r + 1]; k++) {
            const pf_block *block = &model->blocks[by_file[k]];
            bool shown = block->endpoint ? pf_options_selects(report->options, block->route, block->method)
                                         : selected_function(model, block);
            if (!shown) continue;
            add_entry(model, &entries, r, block->name, block->endpoint ? block->route : NULL,
                      block->endpoint ? block->method : NULL, block->line)->block = block;
        }
        owners[r] = pf_arena_alloc(&model->arena, (result->findings.len + 1) * sizeof(size_t));
        for (size_t k = 0; k < result->findings.len; k++) {
            owners[r][k] = owner_of(model, &entries, first, r, &result->findings.items[k]);
            entries.items[owners[r][k]].finding_count++;
        }
    }
    fill_entries(model, &entries, owners);
    model->endpoints = partition(model, &entries, true, &model->endpoint_count, model->endpoints_by_severity);
    model->functions = partition(model, &entries, false, &model->function_count, model->functions_by_severity);
    mark_shared_routes(model);
    list_items(model);
}

/* Everything the model holds lives in its arena. */
void pf_report_model_free(pf_report_model *model) {
    pf_arena_free(&model->arena);
    memset(model, 0, sizeof(*model));
}

/* --- call paths --------------------------------------------------------------------------- */

void pf_report_path(const pf_report_model *model, const pf_block *block, const pf_reach *reach, const char *quote,
                    pf_buf *out) {
    const char *separator = "";
    for (size_t i = 0; i < reach->path_len; i++) {
        const pf_step *step = &reach->path[i];
        if (step->file == block->file && step->function == block->function) continue;
        const pf_summary *s = model->report->results[step->file].summary;
        pf_buf_printf(out, "%s%s%s:%s%s", separator, quote, model->files[step->file],
                      s->functions.items[step->function].name, quote);
        separator = " → ";
    }
}

void pf_report_queries_of(const pf_report_model *model, size_t file, uint32_t function,
                          void (*each)(void *context, int line, const char *operation), void *context) {
    const pf_summary *s = model->report->results[file].summary;
    const pf_summary_function *fn = &s->functions.items[function];
    for (size_t q = 0; q < s->queries.len; q++) {
        const pf_summary_query *query = &s->queries.items[q];
        if (query->start >= fn->start && query->start < fn->end) each(context, query->line, query->operation);
    }
}

void pf_report_endpoint_name(pf_buf *out, const pf_block *block) {
    pf_buf_printf(out, "%s %s", block->method, block->route);
}

/* --- wording -------------------------------------------------------------------------- */

/* "" for one, "s" otherwise. */
const char *pf_report_plural(size_t n) {
    return n == 1 ? "" : "s";
}

/* The seed analysis's wording, shortened when one of the two counts is missing. */
void pf_report_connections(pf_buf *out, long width, long sequential, bool unbounded, const char *emphasis) {
    long total = width + sequential;
    const char *prefix = unbounded ? "at least " : "";
    if (width > 1 && sequential > 0)
        pf_buf_printf(out, "%s%ld parallel + %ld sequential = %s%ld connections%s", prefix, width, sequential, emphasis,
                      total, emphasis);
    else if (width > 1) pf_buf_printf(out, "%s%s%ld parallel connections%s", prefix, emphasis, width, emphasis);
    else if (sequential > 0) pf_buf_printf(out, "%s%s%ld sequential connections%s", prefix, emphasis, total, emphasis);
    else
        pf_buf_printf(out, "%s%s%ld connection%s%s", prefix, emphasis, total, pf_report_plural((size_t)total),
                      emphasis);
}

/* Connections, round trips, and whether a count grows with the data. */
void pf_report_figures(pf_buf *out, const pf_measure *m, const char *emphasis) {
    pf_report_connections(out, m->width, m->total - m->width, m->unbounded, emphasis);
    pf_buf_printf(out, ", %ld round trip%s", m->rounds, pf_report_plural((size_t)m->rounds));
    if (m->unbounded) pf_buf_puts(out, "; unbounded: a count grows with the data");
}

/* A line range, or one line. */
void pf_report_lines(pf_buf *out, int line, int end_line) {
    if (end_line > line) pf_buf_printf(out, "%d-%d", line, end_line);
    else pf_buf_printf(out, "%d", line);
}

/* The reason of a decline, without the prefix the writers add themselves. */
const char *pf_report_decline_reason(const pf_finding *finding) {
    static const char *const prefixes[] = {"not rewritten: ", "no rewrite: "};
    if (!finding->decline) return NULL;
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(finding->decline, prefixes[i], n) == 0) return finding->decline + n;
    }
    return finding->decline;
}

/* The same choice as the take pass: --take, else the relation's limit, else the default. */
int pf_report_take_limit(const pf_options *options, const pf_finding *finding) {
    const char *dot = finding->relation ? strchr(finding->relation, '.') : NULL;
    if (!dot) return options->take;
    return pf_options_take_for(options, finding->relation, (size_t)(dot - finding->relation), dot + 1, strlen(dot + 1));
}

/* The sentence every format uses where a `take` rewrite is offered. */
void pf_report_bound_note(pf_buf *out, const pf_options *options, const pf_finding *finding) {
    int take = pf_report_take_limit(options, finding);
    pf_buf_printf(out, "bounds what is returned: lists with more than %d items come back with %d", take, take);
}

/* One phrase for every format: suppressed, no rewrite (and why), or the rewrite with what
 * the reader must know (opt-in, not selected, bounds the results). */
void pf_report_fix(pf_buf *out, const pf_options *options, const pf_finding *finding) {
    if (finding->suppressed) {
        pf_buf_puts(out, "suppressed by a poolfix-ignore comment: not rewritten");
        return;
    }
    if (!finding->fixable || !finding->pass) {
        const char *reason = pf_report_decline_reason(finding);
        pf_buf_printf(out, "no rewrite: %s",
                      reason ? reason : "poolfix has no rewrite for this pattern; fix it by hand");
        return;
    }
    pf_buf_printf(out, "rewrite: %s", finding->pass);
    const char *separator = " (";
    const pf_pass *pass = pf_pass_named(finding->pass, strlen(finding->pass), NULL);
    if (pass && !pf_pass_selected(options, pass->name)) {
        if (pass->default_on) pf_buf_printf(out, "%snot selected by --pass", separator);
        else pf_buf_printf(out, "%sopt-in: --pass %s", separator, pass->name);
        separator = "; ";
    }
    if (finding->changes_results) {
        pf_buf_puts(out, separator);
        pf_report_bound_note(out, options, finding);
        separator = "; ";
    }
    if (separator[0] == ';') pf_buf_putc(out, ')');
}

/* --- JSON ----------------------------------------------------------------------------- */

/* Adds `key`: the string, or null. */
void pf_report_json_string(cJSON *object, const char *key, const char *value) {
    cJSON_AddItemToObject(object, key, value ? cJSON_CreateString(value) : cJSON_CreateNull());
}

/* Prints `document` formatted, with a final newline, and deletes it. */
void pf_report_json_print(cJSON *document, FILE *out) {
    char *text = cJSON_Print(document);
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
    cJSON_Delete(document);
}
