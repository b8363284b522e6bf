/* Scan reports (see report.h): the dispatch on --format and what every writer shares
 * (report_internal.h): grouping findings into endpoints and functions outside routes,
 * ordering, counting, relative paths, and the wording of figures and fixes. */
#include "report_internal.h"

#include "poolfix/analysis.h"
#include "poolfix/map.h"
#include "poolfix/pass.h"
#include "poolfix/path.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Builds the shared model of the results once, then hands it to the writer of the format. */
bool pf_report_quotes_sources(const pf_options *options) {
    return options->format == PF_FORMAT_MARKDOWN || options->format == PF_FORMAT_SARIF;
}

pf_quoted_lines *pf_report_quote_findings(const pf_file_result *result) {
    size_t n = result->findings.len, count = 0;
    int *numbers = pf_xmalloc((n * PF_REPORT_EXCERPT_LINES + 1) * sizeof(int));
    uint32_t *ends = pf_xmalloc((2 * n + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        const pf_finding *f = &result->findings.items[i];
        for (int line = f->line; line <= f->end_line && line < f->line + PF_REPORT_EXCERPT_LINES; line++)
            numbers[count++] = line;
        ends[2 * i] = f->start;
        ends[2 * i + 1] = f->end;
    }
    pf_quoted_lines *quoted =
        pf_quoted_lines_new(result->source.text, result->source.text_len, numbers, count, ends, 2 * n);
    free(numbers);
    free(ends);
    return quoted;
}

bool pf_report_reruns_engine(const pf_options *options) {
    return options->format == PF_FORMAT_MARKDOWN;
}

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
        /* Files come in runs of one walk root: resolve each root once. */
        const char *root = report->files[i].root;
        bool same_root = i > 0 && strcmp(root, report->files[i - 1].root) == 0;
        roots[i] = same_root ? pf_xstrdup(roots[i - 1]) : absolute(root);
        if (!common) common = pf_xstrdup(roots[i]);
        else common[common_folder_length(common, roots[i])] = '\0';
    }
    if (!common) common = absolute(options->path_count ? options->paths[0] : ".");

    const char *shown = NULL;
    for (size_t i = 0; i < report->count && !shown; i++)
        if (strcmp(roots[i], common) == 0) shown = report->files[i].root;
    char *cwd = getcwd(NULL, 0);
    char *display = cwd && strcmp(cwd, common) == 0 ? pf_xstrdup(".") : pf_path_for_display(shown ? shown : common);
    model->root = pf_arena_strdup(&model->arena, display);
    free(display);
    free(cwd);

    model->files = pf_arena_alloc(&model->arena, (report->count + 1) * sizeof(char *));
    for (size_t i = 0; i < report->count; i++) {
        const char *folder = pf_path_below(roots[i], common);
        const pf_discovered *file = &report->files[i];
        /* Under the root itself, a file's name is its relpath, which the run keeps past the
         * report: no copy per file of the run. */
        model->files[i] = folder && *folder ? pf_arena_printf(&model->arena, "%s/%s", folder, file->relpath)
                                            : file->relpath;
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
        const pf_schema *schema = report->schemas[i];
        model->files_without_schema += !schema && !(report->results[i] && report->results[i]->skipped);
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

/* Adds a block for a file of the report; a method makes it an endpoint of `route`. The list
 * is malloc'd, and freed once partition() has copied it into the model: grown in an arena, it
 * left every outgrown copy behind until then. */
static pf_report_entry *add_entry(pf_report_model *model, entry_list *entries, size_t index, const char *function,
                                  const char *route, const char *method, int line) {
    const pf_file_result *result = model->report->results[index];
    entries->items = pf_xgrow(entries->items, entries->len, &entries->cap, sizeof(pf_report_entry));
    pf_report_entry *e = &entries->items[entries->len++];
    memset(e, 0, sizeof(*e));
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

/* The figures of a block; none for findings no block holds. */
static const pf_measure *figures_of(const pf_report_entry *e) {
    static const pf_measure none = {0, 0, 0, false};
    return e->block ? &e->block->figures : &none;
}

/* Severity (highest first), connections (most first; a count that grows with the data wins
 * a tie), endpoints before code outside routes, route, method, file, line. */
int pf_report_entry_compare(const pf_report_entry *a, const pf_report_entry *b) {
    if (a->severity != b->severity) return a->severity > b->severity ? -1 : 1;
    const pf_measure *x = figures_of(a), *y = figures_of(b);
    if (x->total != y->total) return x->total > y->total ? -1 : 1;
    if (x->unbounded != y->unbounded) return x->unbounded ? -1 : 1;
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
/* The index of the entry of each of the program's blocks among `entries`, SIZE_MAX for a block
 * none has (one entry per block at most), in `arena`: what reaches a block is a list of block
 * indices, and looking each up among thousands of entries was quadratic. */
static size_t *entries_by_block(const pf_report_model *model, const pf_report_entry *entries, size_t count,
                                pf_arena *arena) {
    size_t *index = pf_arena_alloc(arena, (model->block_count + 1) * sizeof(size_t));
    for (size_t b = 0; b < model->block_count; b++) index[b] = SIZE_MAX;
    for (size_t i = 0; i < count; i++) {
        const pf_block *block = entries[i].block;
        if (block && block >= model->blocks && block < model->blocks + model->block_count)
            index[block - model->blocks] = i;
    }
    return index;
}

static void fill_entries(pf_report_model *model, entry_list *entries, size_t **owners, pf_arena *scratch) {
    const pf_thresholds *thresholds = &model->report->options->thresholds;
    for (size_t i = 0; i < entries->len; i++) {
        pf_report_entry *e = &entries->items[i];
        e->findings = pf_arena_alloc(&model->arena, (e->finding_count + 1) * sizeof(pf_finding *));
        e->finding_count = 0;
        e->severity = e->block ? pf_figures_severity(thresholds, &e->block->figures) : PF_SEVERITY_INFO;
    }
    for (size_t r = 0; r < model->report->count; r++) {
        if (!model->report->results[r]) continue;
        const pf_finding_list *findings = &model->report->results[r]->findings;
        for (size_t k = 0; k < findings->len; k++) {
            const pf_finding *f = &findings->items[k];
            pf_report_entry *e = &entries->items[owners[r][k]];
            e->findings[e->finding_count++] = f;
            if (f->suppressed) {
                e->suppressed++;
                model->suppressed++;
                continue;
            }
            e->open++;
            e->sequential += f->rule == PF_RULE_SEQUENTIAL_QUERIES;
            model->by_severity[f->severity]++;
            model->by_rule[f->rule]++;
            if (f->severity > e->severity) e->severity = f->severity;
        }
    }
    size_t *entry_of_block = entries_by_block(model, entries->items, entries->len, scratch);
    for (size_t i = 0; i < entries->len; i++) {
        const pf_report_entry *e = &entries->items[i];
        for (size_t k = 0; e->block && !e->block->endpoint && k < e->block->reached_by_count; k++) {
            size_t j = entry_of_block[e->block->reached_by[k]];
            if (j != SIZE_MAX && entries->items[j].severity < e->severity) entries->items[j].severity = e->severity;
        }
    }
    for (size_t i = 0; i < entries->len; i++)
        qsort(entries->items[i].findings, entries->items[i].finding_count, sizeof(pf_finding *), compare_findings);
}

/* Whether an entry is listed as one of `endpoints` or of code outside routes. An endpoint
 * that runs no query and holds no finding is left out: it has nothing to report. */
static bool listed_as(const pf_report_entry *e, bool endpoints) {
    if ((e->route != NULL) != endpoints) return false;
    return !(endpoints && e->finding_count == 0 && e->block && e->block->figures.total == 0);
}

/* Copies the entries of one kind (endpoints, or code outside routes) into their own sorted
 * array, of their number, and counts them per severity. */
static pf_report_entry *partition(pf_report_model *model, const entry_list *entries, bool endpoints, size_t *count,
                                  size_t *by_severity) {
    *count = 0;
    for (size_t i = 0; i < entries->len; i++) *count += listed_as(&entries->items[i], endpoints);
    pf_report_entry *out = pf_arena_alloc(&model->arena, (*count + 1) * sizeof(pf_report_entry));
    size_t n = 0;
    for (size_t i = 0; i < entries->len; i++) {
        const pf_report_entry *e = &entries->items[i];
        if (!listed_as(e, endpoints)) continue;
        out[n++] = *e;
        by_severity[e->severity]++;
    }
    qsort(out, *count, sizeof(pf_report_entry), compare_entries);
    return out;
}

/* qsort() order of endpoints by route. */
static int by_route(const void *a, const void *b) {
    return strcmp((*(pf_report_entry *const *)a)->route, (*(pf_report_entry *const *)b)->route);
}

/* Marks endpoints whose route another endpoint also serves: sorted by route, they are the
 * runs of equal routes longer than one. */
static void mark_shared_routes(pf_report_model *model, pf_arena *scratch) {
    size_t n = model->endpoint_count;
    pf_report_entry **sorted = pf_arena_alloc(scratch, (n + 1) * sizeof(pf_report_entry *));
    for (size_t i = 0; i < n; i++) sorted[i] = &model->endpoints[i];
    qsort(sorted, n, sizeof(*sorted), by_route);
    for (size_t i = 0; i + 1 < n; i++)
        if (strcmp(sorted[i]->route, sorted[i + 1]->route) == 0)
            sorted[i]->shared_route = sorted[i + 1]->shared_route = true;
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

/* --- focus: what text and Markdown show --------------------------------------------------- */

/* A block with findings whose code an endpoint runs: the endpoint's index, and the block's
 * place in the order its callees list (functions first, then endpoints' handlers). */
typedef struct callee_pair {
    size_t endpoint;
    size_t order;
} callee_pair;

/* A handler with findings, in a chain of those that are the same function. */
typedef struct handler_link {
    size_t order; /* its place among an endpoint's callees */
    size_t next;  /* the link of the next handler of the function, or SIZE_MAX */
} handler_link;

static int by_endpoint_then_order(const void *a, const void *b) {
    const callee_pair *x = a, *y = b;
    if (x->endpoint != y->endpoint) return (x->endpoint > y->endpoint) - (x->endpoint < y->endpoint);
    return (x->order > y->order) - (x->order < y->order);
}

/* A function of the program as the key of a map: its file and index, as bytes. */
typedef struct function_key {
    char bytes[sizeof(size_t) + sizeof(uint32_t)];
} function_key;

static function_key key_of_function(size_t file, uint32_t function) {
    function_key key;
    memcpy(key.bytes, &file, sizeof(size_t));
    memcpy(key.bytes + sizeof(size_t), &function, sizeof(uint32_t));
    return key;
}

/* Gives every endpoint the blocks with findings whose code it runs: a function outside routes
 * that lists the endpoint among those reaching it, or the handler of another endpoint whose
 * function it reaches in another file; functions first, then other endpoints' handlers, each
 * in block order. Found from the blocks' own lists (reached_by, reached) through indices, not
 * by asking each endpoint about each block: civitai has thousands of each. */
static void link_callees(pf_report_model *model, pf_arena *scratch) {
    size_t *endpoint_of_block = entries_by_block(model, model->endpoints, model->endpoint_count, scratch);
    PF_VEC(callee_pair) pairs = {0};
    /* Handlers with findings, by the function they are: an endpoint reaching that function
     * runs them. */
    pf_map handlers = PF_MAP_INIT;    /* the function → the last of its links in `chain` */
    PF_VEC(handler_link) chain = {0};
    const pf_report_entry *lists[2] = {model->functions, model->endpoints};
    size_t counts[2] = {model->function_count, model->endpoint_count};
    for (size_t l = 0; l < 2; l++)
        for (size_t k = 0; k < counts[l]; k++) {
            const pf_report_entry *x = &lists[l][k];
            const pf_block *xb = x->block;
            if (!x->finding_count || !xb) continue;
            size_t order = l == 0 ? k : model->function_count + k;
            if (!xb->endpoint) {
                for (size_t r = 0; r < xb->reached_by_count; r++) {
                    size_t e = endpoint_of_block[xb->reached_by[r]];
                    if (e != SIZE_MAX && &model->endpoints[e] != x)
                        *PF_VEC_PUSH(scratch, pairs) = (callee_pair){e, order};
                }
            } else if (xb->function != PF_NONE) {
                function_key key = key_of_function(xb->file, xb->function);
                size_t last = SIZE_MAX;
                /* The map keeps the key of a function's first handler: only that one is copied. */
                const char *kept = pf_map_find(&handlers, key.bytes, sizeof(key.bytes), &last)
                                       ? key.bytes
                                       : pf_arena_strndup(scratch, key.bytes, sizeof(key.bytes));
                *PF_VEC_PUSH(scratch, chain) = (handler_link){order, last};
                pf_map_set(&handlers, kept, sizeof(key.bytes), chain.len - 1);
            }
        }
    for (size_t e = 0; e < model->endpoint_count && handlers.len; e++) {
        const pf_block *eb = model->endpoints[e].block;
        if (!eb || !eb->endpoint) continue;
        for (size_t r = 0; r < eb->reached_count; r++) {
            function_key key = key_of_function(eb->reached[r].file, eb->reached[r].function);
            size_t link;
            if (!pf_map_find(&handlers, key.bytes, sizeof(key.bytes), &link)) continue;
            for (; link != SIZE_MAX; link = chain.items[link].next)
                if (chain.items[link].order != model->function_count + e)
                    *PF_VEC_PUSH(scratch, pairs) = (callee_pair){e, chain.items[link].order};
        }
    }
    pf_map_free(&handlers);
    if (pairs.len) qsort(pairs.items, pairs.len, sizeof(callee_pair), by_endpoint_then_order); /* items NULL when empty */
    for (size_t i = 0; i < pairs.len;) {
        size_t end = i, distinct = 0;
        for (; end < pairs.len && pairs.items[end].endpoint == pairs.items[i].endpoint; end++)
            distinct += end == i || pairs.items[end].order != pairs.items[end - 1].order;
        pf_report_entry *e = &model->endpoints[pairs.items[i].endpoint];
        e->callees = pf_arena_alloc(&model->arena, distinct * sizeof(pf_report_entry *));
        for (size_t p = i; p < end; p++) {
            if (p > i && pairs.items[p].order == pairs.items[p - 1].order) continue;
            size_t order = pairs.items[p].order;
            e->callees[e->callee_count++] = order < model->function_count
                                                ? &model->functions[order]
                                                : &model->endpoints[order - model->function_count];
        }
        i = end;
    }
}

/* Whether a block, or the code it runs, holds an open finding other than sequential-queries;
 * `any` counts sequential-queries too. */
static bool holds_open(const pf_report_entry *e, bool any) {
    if (any ? e->open > 0 : e->open > e->sequential) return true;
    for (size_t k = 0; k < e->callee_count; k++)
        if (any ? e->callees[k]->open > 0 : e->callees[k]->open > e->callees[k]->sequential) return true;
    return false;
}

/* Whether a block's own figures make it medium or worse (a count that grows with the data,
 * many queries at once or in all) though no finding names it: recursion, say. */
static bool pressing_figures(const pf_report_model *model, const pf_report_entry *e) {
    return e->block &&
           pf_figures_severity(&model->report->options->thresholds, &e->block->figures) >= PF_SEVERITY_MEDIUM;
}

/* Marks the blocks text and Markdown show, and counts them. Without --verbose: a block with
 * an open finding, an endpoint whose code (its own or what it calls) holds one, and a block
 * whose figures alone are medium or worse; the rest runs queries but has nothing to fix.
 * Sequential round trips are real but rarely what exhausts a pool: a block with nothing else
 * is shown in one line (sequential_only). */
static void choose_shown(pf_report_model *model) {
    model->verbose = model->report->options->verbose;
    for (size_t i = 0; i < model->endpoint_count + model->function_count; i++) {
        bool endpoint = i < model->endpoint_count;
        pf_report_entry *e = endpoint ? &model->endpoints[i] : &model->functions[i - model->endpoint_count];
        bool any = endpoint ? holds_open(e, true) : e->open > 0;
        bool pressing = pressing_figures(model, e);
        e->shown = model->verbose || any || pressing;
        e->sequential_only = !model->verbose && any && !pressing &&
                             !(endpoint ? holds_open(e, false) : e->open > e->sequential);
        e->figures_only = !model->verbose && !any && pressing;
        model->figures_only += e->figures_only;
        if (!e->shown) continue;
        if (endpoint) {
            model->shown_endpoints++;
            model->sequential_endpoints += e->sequential_only;
        } else {
            model->shown_functions++;
            model->sequential_functions += e->sequential_only;
        }
    }
}

/* Whether `x` is in the list of blocks. */
static bool listed(const pf_report_entry *const *list, size_t count, const pf_report_entry *x) {
    for (size_t i = 0; i < count; i++)
        if (list[i] == x) return true;
    return false;
}

/* Picks the fix-first list in block order: endpoints, and functions no endpoint reaches
 * (a function an endpoint reaches is rewritten with that endpoint). A block whose findings
 * other than sequential-queries all sit in code an earlier pick runs adds nothing and is
 * skipped, so that one helper reached by twenty endpoints takes one place, not twenty. */
static void choose_top(pf_report_model *model) {
    PF_VEC(const pf_report_entry *) covered = {0};
    pf_report_entry *order[2] = {model->endpoints, model->functions};
    size_t counts[2] = {model->endpoint_count, model->function_count}, at[2] = {0, 0};
    while (model->top_count < PF_REPORT_TOP && (at[0] < counts[0] || at[1] < counts[1])) {
        /* The next block of the two sorted arrays taken together. */
        size_t l = at[0] < counts[0] &&
                           (at[1] >= counts[1] || pf_report_entry_compare(&order[0][at[0]], &order[1][at[1]]) <= 0)
                       ? 0
                       : 1;
        pf_report_entry *e = &order[l][at[l]++];
        if (!e->shown || e->sequential_only || !holds_open(e, false)) continue;
        if (!e->route && e->block && e->block->reached_by_count) continue;
        bool adds = e->open > e->sequential && !listed(covered.items, covered.len, e);
        for (size_t k = 0; k < e->callee_count && !adds; k++)
            adds = e->callees[k]->open > e->callees[k]->sequential &&
                   !listed(covered.items, covered.len, e->callees[k]);
        if (!adds) continue;
        model->top[model->top_count++] = e;
        *PF_VEC_PUSH(&model->arena, covered) = e;
        for (size_t k = 0; k < e->callee_count; k++) *PF_VEC_PUSH(&model->arena, covered) = e->callees[k];
    }
}

/* Numbers the shown blocks as Markdown lists them. With --verbose every block has a section,
 * in block order (endpoints, then functions). Without it the fix-first blocks have sections
 * 1..top_count, and the other shown blocks rows numbered on from there, in the same order. */
static void number_entries(pf_report_model *model) {
    size_t n = 0;
    if (!model->verbose)
        for (size_t i = 0; i < model->top_count; i++) model->top[i]->number = ++n;
    for (size_t i = 0; i < model->endpoint_count + model->function_count; i++) {
        pf_report_entry *e =
            i < model->endpoint_count ? &model->endpoints[i] : &model->functions[i - model->endpoint_count];
        if (e->shown && !e->number && !e->sequential_only) e->number = ++n;
    }
}

/* --- manual-fix reasons ------------------------------------------------------------------ */

/* Decline reasons name the code of their finding ("its rows are counted (`links.length`,
 * line 105)"): each `code` span and each number is a slot. Reasons that differ only in their
 * slots are one reason; the slots that differ between its findings are the details each
 * finding adds to it. */

/* A slot of a reason: a `code` span (backticks included) or a number. */
typedef struct reason_slot {
    size_t at, len;
} reason_slot;

/* Slots a reason may have; past them, the rest is compared as written. */
#define REASON_SLOTS 32

/* The slots of a reason, in order; returns how many. */
static size_t reason_slots(const char *text, reason_slot *slots) {
    size_t n = 0;
    for (size_t i = 0; text[i] && n < REASON_SLOTS;) {
        if (text[i] == '`') {
            const char *close = strchr(text + i + 1, '`');
            if (!close) break;
            size_t end = (size_t)(close - text) + 1;
            slots[n++] = (reason_slot){i, end - i};
            i = end;
        } else if (isdigit((unsigned char)text[i]) && (i == 0 || !isalnum((unsigned char)text[i - 1]))) {
            size_t end = i;
            while (isdigit((unsigned char)text[end])) end++;
            slots[n++] = (reason_slot){i, end - i};
            i = end;
        } else {
            i++;
        }
    }
    return n;
}

/* Writes a reason with the slots in `mask` replaced by "`…`" (code) or "…" (a number). */
static void put_reason_masked(pf_buf *out, const char *text, const reason_slot *slots, size_t count, uint32_t mask) {
    size_t from = 0;
    for (size_t k = 0; k < count; k++) {
        if (!(mask & (1u << k))) continue;
        pf_buf_append(out, text + from, slots[k].at - from);
        pf_buf_puts(out, text[slots[k].at] == '`' ? "`…`" : "…");
        from = slots[k].at + slots[k].len;
    }
    pf_buf_puts(out, text + from);
}

/* The grouping key of a reason: the reason with every slot replaced. */
static char *reason_key(const char *text) {
    reason_slot slots[REASON_SLOTS];
    size_t count = reason_slots(text, slots);
    pf_buf key = PF_BUF_INIT;
    put_reason_masked(&key, text, slots, count, count == REASON_SLOTS ? UINT32_MAX : (1u << count) - 1);
    return pf_buf_take(&key, NULL);
}

/* Orders reasons by how many findings give them (most first), then by text. */
static int compare_reasons(const void *a, const void *b) {
    const pf_report_reason *x = a, *y = b;
    if (x->findings != y->findings) return x->findings > y->findings ? -1 : 1;
    return strcmp(x->text, y->text);
}

/* Collects the distinct manual-fix reasons of the open findings, with their counts; a
 * reason's text keeps the slots all its findings share and shows the others as "…". */
static void group_reasons(pf_report_model *model) {
    model->reasons = pf_arena_alloc(&model->arena, (model->item_count + 1) * sizeof(pf_report_reason));
    for (size_t i = 0; i < model->item_count; i++) {
        const pf_finding *f = model->items[i].finding;
        const char *reason = pf_report_manual_reason(f);
        if (!reason) continue;
        char *key = reason_key(reason);
        size_t k = 0;
        while (k < model->reason_count && strcmp(model->reasons[k].key, key) != 0) k++;
        pf_report_reason *r = &model->reasons[k];
        if (k == model->reason_count) {
            *r = (pf_report_reason){reason, pf_arena_strdup(&model->arena, key), 0, 0, 0};
            model->reason_count++;
        }
        free(key);
        reason_slot first[REASON_SLOTS], these[REASON_SLOTS];
        size_t count = reason_slots(r->text, first);
        reason_slots(reason, these);
        for (size_t s = 0; s < count; s++)
            if (first[s].len != these[s].len || memcmp(r->text + first[s].at, reason + these[s].at, first[s].len))
                r->varies |= 1u << s;
        r->findings++;
        r->rules |= 1u << f->rule;
    }
    for (size_t k = 0; k < model->reason_count; k++) {
        pf_report_reason *r = &model->reasons[k];
        if (!r->varies) continue;
        reason_slot slots[REASON_SLOTS];
        size_t count = reason_slots(r->text, slots);
        pf_buf text = PF_BUF_INIT;
        put_reason_masked(&text, r->text, slots, count, r->varies);
        r->text = pf_arena_strdup(&model->arena, text.data);
        pf_buf_free(&text);
    }
    qsort(model->reasons, model->reason_count, sizeof(pf_report_reason), compare_reasons);
}

size_t pf_report_reason_number(const pf_report_model *model, const char *reason) {
    if (!reason) return 0;
    char *key = reason_key(reason);
    size_t number = 0;
    for (size_t k = 0; k < model->reason_count && !number; k++)
        if (strcmp(model->reasons[k].key, key) == 0) number = k + 1;
    free(key);
    return number;
}

void pf_report_reason_details(pf_buf *out, const pf_report_model *model, const char *reason) {
    size_t number = pf_report_reason_number(model, reason);
    if (!number) return;
    reason_slot slots[REASON_SLOTS];
    size_t count = reason_slots(reason, slots);
    const char *separator = "";
    for (size_t s = 0; s < count; s++) {
        if (!(model->reasons[number - 1].varies & (1u << s))) continue;
        size_t at = slots[s].at;
        if (reason[at] != '`') { /* a number, with the word before it: "line 44" */
            size_t word = at > 0 && reason[at - 1] == ' ' ? at - 1 : at;
            while (word > 0 && isalpha((unsigned char)reason[word - 1])) word--;
            if (word < at && reason[word] != ' ') at = word;
        }
        pf_buf_printf(out, "%s%.*s", separator, (int)(slots[s].at + slots[s].len - at), reason + at);
        separator = ", ";
    }
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

    /* What only building needs. */
    pf_arena scratch;
    pf_arena_init(&scratch);
    /* The blocks of each file, in the order the program lists them. */
    size_t *first_block = pf_arena_alloc(&scratch, (report->count + 2) * sizeof(size_t));
    for (size_t b = 0; b < model->block_count; b++) first_block[model->blocks[b].file + 1]++;
    for (size_t r = 0; r < report->count; r++) first_block[r + 1] += first_block[r];
    size_t *by_file = pf_arena_alloc(&scratch, (model->block_count + 1) * sizeof(size_t));
    size_t *fill = pf_arena_alloc(&scratch, (report->count + 1) * sizeof(size_t));
    for (size_t b = 0; b < model->block_count; b++) {
        size_t file = model->blocks[b].file;
        by_file[first_block[file] + fill[file]++] = b;
    }

    entry_list entries = {0};
    size_t **owners = pf_arena_alloc(&scratch, (report->count + 1) * sizeof(size_t *));
    for (size_t r = 0; r < report->count; r++) {
        const pf_file_result *result = report->results[r];
        model->files_scanned += !result || (result->skipped == NULL && result->generated == NULL);
        size_t first = entries.len;
        for (size_t k = first_block[r]; k < first_block[r + 1]; k++) {
            const pf_block *block = &model->blocks[by_file[k]];
            bool shown = block->endpoint ? pf_options_selects(report->options, block->route, block->method)
                                         : selected_function(model, block);
            if (!shown) continue;
            add_entry(model, &entries, r, block->name, block->endpoint ? block->route : NULL,
                      block->endpoint ? block->method : NULL, block->line)->block = block;
        }
        if (!result) continue;
        owners[r] = pf_arena_alloc(&scratch, (result->findings.len + 1) * sizeof(size_t));
        for (size_t k = 0; k < result->findings.len; k++) {
            owners[r][k] = owner_of(model, &entries, first, r, &result->findings.items[k]);
            entries.items[owners[r][k]].finding_count++;
        }
    }
    fill_entries(model, &entries, owners, &scratch);
    model->endpoints = partition(model, &entries, true, &model->endpoint_count, model->endpoints_by_severity);
    model->functions = partition(model, &entries, false, &model->function_count, model->functions_by_severity);
    free(entries.items);
    mark_shared_routes(model, &scratch);
    list_items(model);
    link_callees(model, &scratch);
    pf_arena_free(&scratch);
    choose_shown(model);
    choose_top(model);
    number_entries(model);
    group_reasons(model);
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
        const pf_summary *s = model->report->results[step->file]->summary;
        pf_buf_printf(out, "%s%s%s:%s%s", separator, quote, model->files[step->file],
                      s->functions.items[step->function].name, quote);
        separator = " → ";
    }
}

void pf_report_queries_of(const pf_report_model *model, size_t file, uint32_t function,
                          void (*each)(void *context, int line, const char *operation), void *context) {
    const pf_summary *s = model->report->results[file]->summary;
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
    pf_buf_printf(out, ", %ld round trip%s", (long)m->rounds, pf_report_plural((size_t)m->rounds));
    if (m->unbounded) pf_buf_puts(out, "; unbounded: a count grows with the data");
}

void pf_report_block_counts(pf_buf *out, size_t endpoints, size_t functions) {
    if (endpoints) pf_buf_printf(out, "%zu endpoint%s", endpoints, pf_report_plural(endpoints));
    if (endpoints && functions) pf_buf_puts(out, " and ");
    if (functions) pf_buf_printf(out, "%zu function%s outside routes", functions, pf_report_plural(functions));
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
    const char *reason = pf_report_manual_reason(finding);
    if (reason) {
        pf_buf_printf(out, "no rewrite: %s", reason);
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

const char *pf_report_manual_reason(const pf_finding *finding) {
    if (finding->suppressed || (finding->fixable && finding->pass)) return NULL;
    const char *reason = pf_report_decline_reason(finding);
    return reason ? reason : "poolfix has no rewrite for this pattern; fix it by hand";
}

bool pf_report_rewritten(const pf_options *options, const pf_finding *f) {
    return !f->suppressed && f->fixable && f->pass && pf_pass_selected(options, f->pass);
}

bool pf_report_opt_in(const pf_options *options, const pf_finding *f) {
    return !f->suppressed && f->fixable && f->pass && !pf_pass_selected(options, f->pass);
}

void pf_report_round_trips(pf_buf *out, const pf_report_entry *e) {
    const char *separator = "";
    for (size_t i = 0; i < e->finding_count; i++) {
        const pf_finding *f = e->findings[i];
        if (f->suppressed || f->rule != PF_RULE_SEQUENTIAL_QUERIES) continue;
        pf_buf_puts(out, separator);
        pf_report_lines(out, f->line, f->end_line);
        pf_buf_printf(out, *separator ? " (%d)" : " (%d round trips)", f->queries);
        separator = ", ";
    }
}

/* --- commands ------------------------------------------------------------------------- */

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

const char *pf_report_method_flag(const pf_report_entry *e) {
    static const char *const implied[] = {"ALL", "ACTION", "QUERY", "MUTATION", "SUBSCRIPTION"};
    for (size_t i = 0; i < sizeof(implied) / sizeof(*implied); i++)
        if (strcmp(e->method, implied[i]) == 0 && !e->shared_route) return NULL;
    return strcmp(e->method, "ALL") == 0 ? NULL : e->method;
}

void pf_report_command(pf_buf *out, const pf_report_model *model, const char *command, const pf_report_entry *e,
                       const char *extra_pass, bool branch) {
    const pf_options *options = model->report->options;
    pf_buf_printf(out, "poolfix %s", command);
    if (e->route) {
        pf_buf_puts(out, " --endpoint ");
        put_shell_word(out, e->route);
        if (pf_report_method_flag(e)) pf_buf_printf(out, " --method %s", pf_report_method_flag(e));
        if (branch) {
            pf_buf_puts(out, " --branch ");
            put_branch(out, e);
        }
    }
    put_rewrite_flags(out, options, extra_pass);
    bool only_here = options->path_count == 1 && strcmp(options->paths[0], ".") == 0;
    for (size_t i = 0; i < options->path_count && !only_here; i++) {
        pf_buf_putc(out, ' ');
        put_shell_word(out, options->paths[i]);
    }
}

void pf_report_how(pf_buf *out, const pf_report_model *model, const pf_report_entry *e, const char *quote) {
    const pf_options *options = model->report->options;
    bool rewrites = false;
    const char *opt_pass = NULL;
    unsigned manual_rules = 0;
    for (size_t k = 0; k <= e->callee_count; k++) {
        const pf_report_entry *x = k == 0 ? e : e->callees[k - 1];
        for (size_t i = 0; i < x->finding_count; i++) {
            const pf_finding *f = x->findings[i];
            rewrites |= pf_report_rewritten(options, f);
            if (!opt_pass && pf_report_opt_in(options, f)) opt_pass = f->pass;
            if (pf_report_manual_reason(f) && f->rule != PF_RULE_SEQUENTIAL_QUERIES) manual_rules |= 1u << f->rule;
        }
    }
    const char *separator = "";
    if (rewrites || opt_pass) {
        pf_buf_puts(out, quote);
        pf_report_command(out, model, "apply", e, rewrites ? NULL : opt_pass, false);
        pf_buf_puts(out, quote);
        if (!e->route) pf_buf_puts(out, " (a whole run: no --endpoint selects it)");
        else if (!rewrites) pf_buf_puts(out, " (opt-in)");
        separator = "; ";
    }
    if (!manual_rules) {
        if (!*separator) pf_buf_puts(out, "by hand");
        return;
    }
    pf_buf_printf(out, "%sby hand: ", separator);
    separator = "";
    for (int r = 0; r < PF_RULE_COUNT; r++) {
        if (!(manual_rules & (1u << r))) continue;
        pf_buf_printf(out, "%s%s%s%s", separator, quote, pf_rule_id((pf_rule)r), quote);
        separator = ", ";
    }
}

/* --- JSON ----------------------------------------------------------------------------- */

/* Adds `key`: the string, or null. */
void pf_report_json_string(cJSON *object, const char *key, const char *value) {
    cJSON_AddItemToObject(object, key, value ? cJSON_CreateString(value) : cJSON_CreateNull());
}

/* An integer, as cJSON would print it. cJSON 1.7.15 prints every number with "%1.15g" and
 * reads it back with sscanf to check it (a third of the JSON report's time on civitai); an
 * integer below 10^15 prints the same as "%lld", which goes in as raw text. */
cJSON *pf_report_json_number(long long value) {
    if (value <= -1000000000000000LL || value >= 1000000000000000LL) return cJSON_CreateNumber((double)value);
    char text[24];
    snprintf(text, sizeof(text), "%lld", value);
    return cJSON_CreateRaw(text);
}

/* Adds `key`: an integer (see pf_report_json_number). */
void pf_report_json_int(cJSON *object, const char *key, long long value) {
    cJSON_AddItemToObject(object, key, pf_report_json_number(value));
}

/* Writes a newline and `depth` tabs. */
static void new_line(FILE *out, int depth) {
    fputc('\n', out);
    for (int i = 0; i < depth; i++) fputc('\t', out);
}

/* Prints a value `depth` levels into the document (a member of the top object is 1 deep, an
 * element of its arrays 2): cJSON's layout, each line indented that much more. A value at a
 * time: a report of thousands of findings is megabytes. */
static void print_nested(cJSON *value, FILE *out, int depth) {
    char *text = cJSON_Print(value);
    pf_buf indented = PF_BUF_INIT;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        pf_buf_append(&indented, line, len);
        if (end) {
            pf_buf_putc(&indented, '\n');
            pf_buf_repeat(&indented, "\t", (size_t)depth);
        }
        line += end ? len + 1 : len;
    }
    fwrite(indented.data, 1, indented.len, out);
    pf_buf_free(&indented);
    cJSON_free(text);
    cJSON_Delete(value);
}

void pf_json_begin(pf_json_stream *json, FILE *out) {
    json->out = out;
    json->first_member = true;
    json->depth = 1;
    fputc('{', out);
}

/* Starts the next member: "\t"key":\t" after the one before, as deep as the object's members. */
static void member_key(pf_json_stream *json, const char *key) {
    if (!json->first_member) fputc(',', json->out);
    new_line(json->out, json->depth);
    fputc('"', json->out);
    fputs(key, json->out);
    fputs("\":\t", json->out);
    json->first_member = false;
}

void pf_json_member(pf_json_stream *json, const char *key, cJSON *value) {
    member_key(json, key);
    print_nested(value, json->out, json->depth);
}

void pf_json_object_list_begin(pf_json_stream *json, const char *key) {
    member_key(json, key);
    fputs("[{", json->out);
    json->depth += 2; /* cJSON indents an array's level and its object's */
    json->first_member = true;
}

void pf_json_object_list_end(pf_json_stream *json) {
    json->depth -= 2;
    new_line(json->out, json->depth + 1);
    fputs("}]", json->out);
    json->first_member = false;
}

void pf_json_array_begin(pf_json_stream *json, const char *key) {
    member_key(json, key);
    fputc('[', json->out);
    json->first_element = true;
}

void pf_json_element(pf_json_stream *json, cJSON *value) {
    if (!json->first_element) fputs(", ", json->out);
    json->first_element = false;
    print_nested(value, json->out, json->depth + 1);
}

void pf_json_array_end(pf_json_stream *json) {
    fputc(']', json->out);
}

void pf_json_end(pf_json_stream *json) {
    fputs(json->first_member ? "}\n" : "\n}\n", json->out);
}

/* Prints `document` formatted, with a final newline, and deletes it. */
void pf_report_json_print(cJSON *document, FILE *out) {
    char *text = cJSON_Print(document);
    fputs(text, out);
    fputc('\n', out);
    cJSON_free(text);
    cJSON_Delete(document);
}
