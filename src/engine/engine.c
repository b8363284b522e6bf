/* The per-file pipeline (see engine.h). */
#include "poolfix/engine.h"

#include "poolfix/hook_sites.h"
#include "poolfix/crash_guard.h"
#include "poolfix/generated.h"
#include "poolfix/program.h"
#include "poolfix/suppress.h"
#include "poolfix/tree_memory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct pf_worker {
    pf_tree_memory *trees; /* the parser and trees of the file at hand */
    TSParser *parser;      /* made in `trees` by the file's first parse */
    pf_prefilter_scratch *scratch;
    pf_import_scratch *imports;
    pf_crash_guard *guard;
    bool costing;          /* inside a pf_cost_source: a crash there calls its `recover` */
};

pf_worker *pf_worker_new(const pf_engine *engine) {
    pf_worker *worker = pf_xcalloc(1, sizeof(*worker));
    worker->trees = pf_tree_memory_new();
    worker->scratch = pf_prefilter_scratch_new(engine->prefilter);
    worker->imports = pf_import_scratch_new(engine->imports);
    worker->guard = pf_crash_guard_new();
    return worker;
}

void pf_worker_free(pf_worker *worker) {
    if (!worker) return;
    pf_tree_memory_free(worker->trees);
    pf_prefilter_scratch_free(worker->scratch);
    pf_import_scratch_free(worker->imports);
    pf_crash_guard_free(worker->guard);
    free(worker);
}

/* One parsed version of the file's text, with everything built from it. */
typedef struct version {
    pf_buf text;           /* owned text, unless `borrowed` is set */
    const char *borrowed;  /* the original source text */
    pf_buf unified;        /* the text with lone CRs made LFs, when it has any: what the parser,
                              and so the passes, see (pf_text_unify_line_ends) */
    pf_syntax syntax;
    pf_model model;
    pf_suppressions suppressions;
    size_t errors;         /* ERROR/MISSING nodes */
} version;

/* The text a version was parsed from. */
static const char *version_text(const version *v) {
    return v->borrowed ? v->borrowed : v->text.data;
}

static bool beyond_limits(const pf_syntax *syntax, pf_file_result *result);

/* Builds a parsed version's model with `clients`. A schema with errors is reported, never
 * used: half a schema could call a to-one relation to-many. */
static void model_build(version *v, pf_arena *arena, const pf_file_result *result, const pf_client_names *clients) {
    const pf_schema *schema = result->schema && result->schema->error_count == 0 ? result->schema : NULL;
    pf_model_build(&v->model, arena, &v->syntax, result->file->project_relpath, clients, schema);
}

/* Parses a version's text and builds its model with `clients`. The original version (`from`
 * NULL) is checked against what poolfix analyses (`result->skipped` then says why); one made
 * by `edits` to the version `from` is parsed incrementally, reusing what the edits left
 * alone. False if the parser gave up or the file is beyond the limits; the syntax may then
 * need freeing. */
static bool version_build(version *v, size_t len, pf_worker *worker, pf_lang lang, const version *from,
                          const pf_edits *edits, const pf_client_names *clients, pf_file_result *result,
                          pf_arena *arena) {
    const char *seen = pf_text_unify_line_ends(version_text(v), len, &v->unified) ? v->unified.data : version_text(v);
    TSTree *old = from ? pf_edits_edited_tree(edits, from->syntax.tree, from->syntax.text, seen) : NULL;
    if (!worker->parser) worker->parser = ts_parser_new();
    bool parsed = pf_syntax_reparse(worker->parser, lang, old, seen, len, &v->syntax);
    pf_syntax_tree_delete(old);
    if (!parsed) return false;
    if (!from && beyond_limits(&v->syntax, result)) return false;
    v->errors = pf_syntax_error_count(v->syntax.root);
    model_build(v, arena, result, clients);
    pf_suppressions_read(&v->syntax, arena, &v->suppressions);
    return true;
}

/* The client names of a file: the run's, plus `imported`, the imported clients the program
 * found. NULL when there are none to add (the run's are used); free with
 * pf_client_names_free(). */
static pf_client_names *file_clients(const pf_engine *engine, const char *const *imported) {
    if (!imported || !imported[0]) return NULL;
    const pf_options *options = engine->options;
    size_t extra = 0;
    while (imported[extra]) extra++;
    size_t count = pf_default_client_name_count + options->client_name_count + extra;
    const char **names = pf_xcalloc(count, sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < pf_default_client_name_count; i++) names[n++] = pf_default_client_names[i];
    for (size_t i = 0; i < options->client_name_count; i++) names[n++] = options->client_names[i];
    for (size_t i = 0; i < extra; i++) names[n++] = imported[i];
    char *error = NULL;
    pf_client_names *clients = pf_client_names_new(names, n, options->client_pattern, &error);
    free(error); /* the run's pattern compiled once already: it cannot fail here */
    free(names);
    return clients;
}

/* The costs of a model's calls from those of the version before it (`before`): a call takes
 * the cost of the call with the same callee met as often before it, so edits that move code
 * keep the costs. */
static const pf_measure *carry_costs(const pf_model *model, const pf_model *before, pf_arena *arena) {
    pf_measure *costs = pf_arena_alloc(arena, (model->calls.len + 1) * sizeof(pf_measure));
    for (size_t i = 0; i < model->calls.len; i++) {
        pf_str name = model->calls.items[i].callee;
        size_t earlier = 0;
        for (size_t k = 0; k < i; k++) earlier += pf_str_eq(model->calls.items[k].callee, name);
        for (size_t k = 0; k < before->calls.len; k++) {
            if (!pf_str_eq(name, before->calls.items[k].callee)) continue;
            if (earlier-- == 0) {
                costs[i] = before->call_costs[k];
                break;
            }
        }
    }
    return costs;
}

/* Moves the --endpoint selection through a pass's edits: a position after an edit shifts by
 * what the edit added or removed; one inside an edit moves to its start or its new end. */
static const pf_span *shift_selection(const pf_span *spans, size_t count, const pf_edits *edits, pf_arena *arena) {
    pf_span *shifted = pf_arena_alloc(arena, (count + 1) * sizeof(pf_span));
    for (size_t i = 0; i < count; i++) {
        uint32_t ends[2] = {spans[i].start, spans[i].end};
        for (int k = 0; k < 2; k++) {
            long delta = 0;
            uint32_t at = ends[k];
            for (size_t e = 0; e < edits->items.len; e++) {
                const pf_edit *edit = &edits->items.items[e];
                if (edit->end <= at) delta += (long)edit->len - (long)(edit->end - edit->start);
                else if (edit->start < at) delta += k == 0 ? (long)edit->start - (long)at
                                                           : (long)edit->len - (long)(at - edit->start);
            }
            ends[k] = (uint32_t)((long)at + delta);
        }
        shifted[i] = (pf_span){ends[0], ends[1]};
    }
    return shifted;
}

/* Frees what a version owns (its arena allocations go with the arena). */
static void version_free(version *v) {
    pf_syntax_free(&v->syntax);
    pf_buf_free(&v->text);
    pf_buf_free(&v->unified);
}

/* Runs one pass over a version. With `edits` NULL it only reports. Returns how many
 * findings it rewrote. */
static size_t run_pass(const pf_pass *pass, const pf_engine *engine, const version *v, const char *newline,
                     pf_arena *arena, pf_finding_list *findings, pf_edits *edits) {
    pf_pass_context context = {
        .model = &v->model,
        .options = engine->options,
        .suppressions = &v->suppressions,
        .newline = newline,
        .arena = arena,
        .findings = findings,
        .edits = edits,
    };
    pass->run(&context);
    return context.rewrites;
}

/* Drops findings outside the --endpoint/--method selection. */
static void keep_in_scope(const pf_model *model, const pf_options *options, pf_finding_list *findings) {
    if (options->endpoint_count == 0) return;
    size_t kept = 0;
    for (size_t i = 0; i < findings->len; i++) {
        const pf_finding *f = &findings->items[i];
        TSNode node = ts_node_descendant_for_byte_range(model->syntax->root, f->start, f->start);
        if (pf_in_scope(model, options, node)) findings->items[kept++] = *f;
    }
    findings->len = kept;
}

/* Records a problem to print after the file's path, copied into the result's arena. */
static void add_problem(pf_file_result *result, const char *message) {
    *PF_VEC_PUSH(&result->arena, result->problems) = pf_arena_strdup(&result->arena, message);
}

/* In a file whose lines end with a lone CR, the passes saw LFs (see version.unified): the
 * code they copy or write gets the file's CRs back. The edits apply to the file's own bytes,
 * so what they do not replace keeps its line ends whatever they are. An LF is a CRLF's when
 * the edit's own text had a CR before it (read from the original: a blank line, LF LF,
 * must not become CR LF). */
static void keep_lone_crs(pf_edits *edits) {
    for (size_t i = 0; i < edits->items.len; i++) {
        pf_edit *edit = &edits->items.items[i];
        char *text = pf_arena_strndup(edits->arena, edit->text, edit->len);
        for (size_t k = 0; k < edit->len; k++)
            if (edit->text[k] == '\n' && (k == 0 || edit->text[k - 1] != '\r')) text[k] = '\r';
        edit->text = text;
    }
}

/* Runs every pass over the original version for its findings, and the selected ones one
 * after another, each on the text the previous one produced, for the rewrite: a pass runs
 * once on a version, finding and editing at once while the text is the original one. Each
 * new version is parsed incrementally from the one before. A pass whose output does not
 * parse as well as its input is dropped with a problem naming it; the file is never left
 * half-rewritten. Versions live at fixed addresses: a model points at its syntax. Each new
 * version keeps the costs of the calls and the --endpoint selection of the one before.
 * Without `rewrite_file` the passes only report. */
static void run_passes(const pf_engine *engine, pf_worker *worker, pf_lang lang, const pf_client_names *clients,
                       version *original, bool rewrite_file, pf_file_result *result) {
    pf_arena scratch;
    pf_arena_init(&scratch);
    version *current = original;
    for (size_t i = 0; i < pf_pass_count; i++) {
        bool selected = rewrite_file && (engine->options->passes & (1u << i));
        pf_edits edits;
        pf_edits_init(&edits, &scratch);
        size_t rewrites = 0;
        if (!selected || current != original)
            run_pass(pf_passes[i], engine, original, result->source.newline, &result->arena, &result->findings, NULL);
        if (selected && current == original) {
            rewrites = run_pass(pf_passes[i], engine, original, result->source.newline, &result->arena,
                                &result->findings, &edits);
        } else if (selected) {
            pf_finding_list ignored = {0};
            rewrites = run_pass(pf_passes[i], engine, current, result->source.newline, &scratch, &ignored, &edits);
        }
        if (edits.items.len == 0) continue;
        if (strcmp(result->source.newline, "\r") == 0) keep_lone_crs(&edits);
        version *next = pf_arena_alloc(&scratch, sizeof(version));
        size_t len = current == original ? result->source.text_len : current->text.len;
        if (!pf_edits_apply(&edits, version_text(current), len, &next->text)) {
            add_problem(result, pf_arena_printf(&scratch, "pass %s asked for overlapping edits (a poolfix bug); "
                                                          "its rewrite was dropped", pf_passes[i]->name));
            continue;
        }
        if (!version_build(next, next->text.len, worker, lang, current, &edits, clients, result, &scratch) ||
            next->errors > current->errors) {
            add_problem(result, pf_arena_printf(&scratch, "pass %s produced code that does not parse (a poolfix "
                                                          "bug); its rewrite was dropped", pf_passes[i]->name));
            version_free(next);
            continue;
        }
        if (current->model.call_costs)
            next->model.call_costs = carry_costs(&next->model, &current->model, &scratch);
        next->model.selection = shift_selection(current->model.selection, current->model.selection_count, &edits,
                                                &scratch);
        next->model.selection_count = current->model.selection_count;
        if (current != original) version_free(current);
        current = next;
        *PF_VEC_PUSH(&result->arena, result->passes_applied) = pf_passes[i]->name;
        if (!result->pass_rewrites) result->pass_rewrites = pf_arena_alloc(&result->arena, pf_pass_count * sizeof(size_t));
        result->pass_rewrites[i] += rewrites;
    }
    if (current != original) {
        size_t bom = result->source.bom_len;
        result->output_len = bom + current->text.len;
        result->output = pf_xmalloc(result->output_len + 1);
        memcpy(result->output, result->source.bytes, bom);
        memcpy(result->output + bom, current->text.data, current->text.len + 1);
        version_free(current);
    }
    pf_arena_free(&scratch);
}

/* Skips a file that is too large or too deeply nested to analyse in bounded time and stack.
 * Returns whether it was skipped (with the reason in `result`). */
static bool beyond_limits(const pf_syntax *syntax, pf_file_result *result) {
    static const pf_syntax_shape limits = {PF_MAX_NESTING, PF_MAX_ITEMS, PF_MAX_ELEMENTS};
    pf_syntax_shape shape = pf_syntax_measure(syntax->root, &limits);
    if (shape.depth > PF_MAX_NESTING)
        result->skipped = pf_arena_printf(&result->arena, "nested more than %d levels deep (syntax tree): deeper than "
                                                          "poolfix analyses; skipped", PF_MAX_NESTING);
    else if (shape.elements > PF_MAX_ELEMENTS)
        result->skipped = pf_arena_printf(&result->arena, "an array of %u elements: more than the %d poolfix "
                                                          "analyses; skipped", shape.elements, PF_MAX_ELEMENTS);
    else if (shape.children > PF_MAX_ITEMS)
        result->skipped = pf_arena_printf(&result->arena, "one list or block holds %u items: more than the %d poolfix "
                                                          "analyses; skipped", shape.children, PF_MAX_ITEMS);
    return result->skipped != NULL;
}

/* Whether two measures say the same of the code they measure. */
static bool same_measure(const pf_measure *a, const pf_measure *b) {
    return a->width == b->width && a->total == b->total && a->rounds == b->rounds && a->unbounded == b->unbounded &&
           a->writes == b->writes;
}

/* `costs`, one per call of a summary, kept in `arena`; NULL when every call costs nothing,
 * as most do (calls into other files, or of functions without queries): whoever reads the
 * costs takes NULL for that, and a result kept until the report need not hold a list of zeros
 * per call (civitai: a megabyte). */
static pf_measure *kept_costs(const pf_measure *costs, size_t n, pf_arena *arena) {
    const pf_measure none = {0, 0, 0, false, false};
    for (size_t i = 0; i < n; i++) {
        if (same_measure(&costs[i], &none)) continue;
        pf_measure *kept = pf_arena_alloc(arena, (n + 1) * sizeof(pf_measure));
        memcpy(kept, costs, n * sizeof(pf_measure));
        return kept;
    }
    return NULL;
}

/* What each call of a freshly summarised file costs in the first stage: from the context's
 * cost source (the files processed before it, which also tell `*imported`, its imported
 * clients: see pf_cost_source), or else from the file alone: its same-file calls, resolved
 * as the program stage resolves them. In `arena` (see kept_costs). */
static pf_measure *first_call_costs(const pf_engine *engine, pf_worker *worker, const pf_file_context *context,
                                    const pf_summary *summary, const char *path, pf_arena *arena,
                                    const char ***imported) {
    size_t n = summary->calls.len;
    pf_measure *costs = pf_xcalloc(n + 1, sizeof(pf_measure));
    bool known = false;
    *imported = NULL;
    if (context && context->costs_from) {
        worker->costing = true;
        known = context->costs_from->costs(context->costs_from->data, context->index, summary, costs, imported, arena);
        worker->costing = false;
    }
    if (!known) {
        pf_program *program = pf_program_new(1, NULL, engine->options->depth);
        pf_program_set(program, 0, summary, path);
        pf_program_link(program);
        pf_program_call_costs(program, 0, costs);
        pf_program_free(program);
    }
    pf_measure *kept = kept_costs(costs, n, arena);
    free(costs);
    return kept;
}

/* Everything after reading: parse, model, summary, findings, and the rewrite when asked for. */
static void analyse(const pf_engine *engine, pf_worker *worker, bool rewrite_file, const pf_file_context *context,
                    pf_file_result *out) {
    const pf_discovered *file = out->file;
    pf_router router;
    out->route = pf_route_for_path(&out->arena, file->project_relpath, &router);
    pf_lang lang;
    if (!pf_lang_for_path(file->path, &lang)) {
        out->skipped = "not a TypeScript or JavaScript file";
        return;
    }
    if (!engine->options->include_generated) {
        out->generated = pf_generated_reason(file->path, out->source.text, out->source.text_len);
        if (out->generated) return;
    }
    bool first_look = !context || context->read_only;
    if (first_look)
        pf_import_scan_text(engine->imports, worker->imports, out->source.text, out->source.text_len, &out->imports);
    if (first_look &&
        !pf_prefilter_may_match(engine->prefilter, worker->scratch, out->source.text, out->source.text_len))
        return;
    if (out->source.text_len > PF_MAX_ANALYSED_BYTES) {
        out->skipped = pf_arena_printf(&out->arena, "%.1f MiB: larger than the %zu MiB poolfix analyses; skipped",
                                       (double)out->source.text_len / (1 << 20), PF_MAX_ANALYSED_BYTES >> 20);
        return;
    }
    if (context && context->read_only) {
        out->deferred = true;
        return;
    }

    pf_arena scratch;
    pf_arena_init(&scratch);
    pf_client_names *clients = file_clients(engine, context ? context->clients : NULL);
    if (clients) out->clients = pf_arena_strdup_list(&out->arena, context->clients);
    version original;
    memset(&original, 0, sizeof(original));
    original.borrowed = out->source.text;
    if (!version_build(&original, out->source.text_len, worker, lang, NULL, NULL, clients ? clients : engine->clients, out,
                       &scratch)) {
        if (!out->skipped)
            out->skipped = "the parser gave up on this file (its syntax errors take too long to recover from)";
        version_free(&original);
        pf_client_names_free(clients);
        pf_arena_free(&scratch);
        return;
    }
    out->syntax_errors = original.errors > 0;
    pf_model *model = &original.model;
    if (!context || context->summarize || context->summary_only) {
        out->summary = pf_arena_alloc(&out->arena, sizeof(pf_summary));
        pf_summary_build(out->summary, &out->arena, model);
    }
    if (context && context->summary_only) {
        version_free(&original);
        pf_client_names_free(clients);
        pf_arena_free(&scratch);
        return;
    }
    if (context && context->call_costs) {
        pf_measure *costs = pf_arena_alloc(&scratch, (model->calls.len + 1) * sizeof(pf_measure));
        for (size_t k = 0; k < model->calls.len; k++) {
            uint32_t start = ts_node_start_byte(model->calls.items[k].call);
            size_t lo = 0, hi = context->call_count;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (context->call_starts[mid] < start) lo = mid + 1;
                else hi = mid;
            }
            if (lo < context->call_count && context->call_starts[lo] == start) costs[k] = context->call_costs[lo];
        }
        model->call_costs = costs;
    } else if (out->summary) {
        const char **imported;
        out->call_costs =
            first_call_costs(engine, worker, context, out->summary, file->project_relpath, &out->arena, &imported);
        if (imported) {
            /* Its clients imported from files parsed before it make more of its calls queries:
             * the model and summary are built again with them, from the same tree, as the
             * program stage would parse it with them. */
            clients = file_clients(engine, imported);
            out->clients = imported;
            model_build(&original, &scratch, out, clients);
            out->summary = pf_arena_alloc(&out->arena, sizeof(pf_summary));
            pf_summary_build(out->summary, &out->arena, model);
            out->call_costs =
                first_call_costs(engine, worker, context, out->summary, file->project_relpath, &out->arena, &imported);
        }
        model->call_costs = out->call_costs;
    }
    if (context) {
        model->selection = context->selection;
        model->selection_count = context->selection_count;
        model->client_hooks = context->hooks;
    }
    for (size_t i = 0; i < original.suppressions.problems.len; i++)
        add_problem(out, original.suppressions.problems.items[i]);
    run_passes(engine, worker, lang, clients ? clients : engine->clients, &original, rewrite_file, out);
    pf_analyze(model, engine->options, &original.suppressions, &out->arena, &out->findings);
    keep_in_scope(model, engine->options, &out->findings);
    version_free(&original);
    pf_client_names_free(clients);
    pf_arena_free(&scratch);
}

/* Appends a string with its NUL (NULL as a lone 0xff byte) to key material. */
static void key_string(pf_buf *key, const char *s) {
    if (s) pf_buf_append(key, s, strlen(s) + 1);
    else pf_buf_putc(key, '\xff');
}

/* Appends `len` raw bytes to key material, after their length. */
static void key_bytes(pf_buf *key, const void *bytes, size_t len) {
    pf_buf_append(key, (const char *)&len, sizeof(len));
    if (len) pf_buf_append(key, bytes, len);
}

pf_hash pf_cache_salt(const char *poolfix_version, const char *build, const pf_options *o) {
    pf_buf key = PF_BUF_INIT;
    key_string(&key, "poolfix cache 1");
    key_string(&key, poolfix_version);
    key_string(&key, build);
    int numbers[] = {(int)o->passes, o->batch_size, o->depth, o->take, o->take_from_cli, o->order_by_id,
                     (int)o->aggregate, o->include_generated, o->thresholds.parallel_critical,
                     o->thresholds.parallel_high, o->thresholds.parallel_low, o->thresholds.sequential_medium,
                     o->thresholds.connections_critical, (int)o->take_limit_count, (int)o->endpoint_count,
                     (int)o->client_name_count};
    key_bytes(&key, numbers, sizeof(numbers));
    for (size_t i = 0; i < o->take_limit_count; i++) {
        key_string(&key, o->take_limits[i].model);
        key_string(&key, o->take_limits[i].relation);
        key_bytes(&key, &o->take_limits[i].take, sizeof(int));
    }
    for (size_t i = 0; i < o->endpoint_count; i++) key_string(&key, o->endpoints[i]);
    key_string(&key, o->method);
    for (size_t i = 0; i < o->client_name_count; i++) key_string(&key, o->client_names[i]);
    key_string(&key, o->client_pattern);
    pf_hash salt = pf_hash_bytes(key.data, key.len);
    pf_buf_free(&key);
    return salt;
}

char *pf_build_identity(void) {
    struct stat st;
    if (stat("/proc/self/exe", &st) != 0) return pf_xstrdup("");
    char text[160];
    snprintf(text, sizeof(text), "%llu:%llu:%lld:%lld.%09ld", (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino, (long long)st.st_size, (long long)st.st_mtim.tv_sec,
             (long)st.st_mtim.tv_nsec);
    return pf_xstrdup(text);
}

/* The key of a file's result: the run's salt, the schema it is analysed with, its paths,
 * its bytes, whether it is rewritten, and what the program stage tells it. */
static pf_hash cache_key(const pf_engine *engine, const pf_discovered *file, const pf_schema *schema,
                         bool rewrite_file, const pf_file_context *context, const pf_source *source) {
    pf_buf key = PF_BUF_INIT;
    pf_hash content = pf_hash_bytes(source->bytes, source->len);
    pf_buf_append(&key, (const char *)&engine->cache_salt, sizeof(pf_hash));
    pf_buf_append(&key, (const char *)&content, sizeof(pf_hash));
    bool usable = schema && schema->error_count == 0;
    pf_hash schema_hash = schema ? schema->fingerprint : (pf_hash){0, 0};
    pf_buf_append(&key, (const char *)&schema_hash, sizeof(pf_hash));
    char flags[3] = {(char)(schema != NULL), (char)usable, (char)rewrite_file};
    pf_buf_append(&key, flags, sizeof(flags));
    key_string(&key, file->path);
    key_string(&key, file->project_relpath);
    if (context) {
        char context_flags[2] = {(char)context->summarize, (char)context->summary_only};
        pf_buf_append(&key, context_flags, sizeof(context_flags));
        for (size_t i = 0; context->clients && context->clients[i]; i++) key_string(&key, context->clients[i]);
        key_string(&key, NULL);
        key_bytes(&key, context->call_starts, context->call_costs ? context->call_count * sizeof(uint32_t) : 0);
        for (size_t i = 0; context->call_costs && i < context->call_count; i++) {
            const pf_measure *m = &context->call_costs[i];
            long numbers[5] = {m->width, m->total, m->rounds, m->unbounded, m->writes};
            pf_buf_append(&key, (const char *)numbers, sizeof(numbers));
        }
        key_bytes(&key, context->selection, context->selection_count * sizeof(pf_span));
        for (const pf_client_hook *hook = context->hooks; hook && hook->client; hook++) {
            key_string(&key, hook->client);
            key_string(&key, hook->problem);
            key_string(&key, hook->models);
        }
        key_string(&key, NULL);
    }
    pf_hash hash = pf_hash_bytes(key.data, key.len);
    pf_buf_free(&key);
    return hash;
}

/* One guarded call of analyse(). */
typedef struct analysis_job {
    const pf_engine *engine;
    pf_worker *worker;
    bool rewrite;
    const pf_file_context *context;
    pf_file_result *out;
} analysis_job;

static void run_job(void *arg) {
    analysis_job *job = arg;
    analyse(job->engine, job->worker, job->rewrite, job->context, job->out);
}

/* Analyses a read source; a crash on it (a poolfix bug) skips the file, named, and the run
 * goes on. What the crashed analysis held is left behind, half-built maybe, but for its
 * parser and trees, which go with the file's tree memory. Returns false after a crash. */
static bool analyse_guarded(const pf_engine *engine, pf_worker *worker, bool rewrite_file,
                            const pf_file_context *context, pf_file_result *out) {
    analysis_job job = {engine, worker, rewrite_file, context, out};
    pf_tree_memory_enter(worker->trees);
    int sig = pf_crash_guard_run(worker->guard, run_job, &job);
    pf_tree_memory_leave(worker->trees);
    worker->parser = NULL;
    if (!sig) return true;
    if (worker->costing) context->costs_from->recover(context->costs_from->data);
    worker->costing = false;
    pf_file_result crashed = *out;
    memset(out, 0, sizeof(*out));
    pf_arena_init(&out->arena);
    out->file = crashed.file;
    out->schema = crashed.schema;
    out->source = crashed.source;
    out->skipped = pf_arena_printf(&out->arena, "poolfix crashed on this file (%s, a bug: please report it with the "
                                                "file); skipped", pf_crash_signal_name(sig));
    worker->scratch = pf_prefilter_scratch_new(engine->prefilter);
    worker->imports = pf_import_scratch_new(engine->imports);
    return false;
}

/* Starts a result for `file`. */
static void result_init(pf_file_result *out, const pf_discovered *file, const pf_schema *schema) {
    memset(out, 0, sizeof(*out));
    pf_arena_init(&out->arena);
    out->file = file;
    out->schema = schema;
}

/* Replaces a result by its copy through `bytes`, its encoding (pf_result_encode): what the
 * analysis left in its arena besides the result (scratch of the passes and the analysis, the
 * slack of grown lists) goes, and a file kept until the report holds only what it reports. */
static void compact_result(pf_file_result *out, const pf_buf *bytes) {
    pf_file_result compact;
    result_init(&compact, out->file, out->schema);
    if (!pf_result_decode(bytes->data, bytes->len, &compact)) abort(); /* what this build encodes, it decodes */
    compact.source = out->source;
    memset(&out->source, 0, sizeof(out->source));
    pf_file_result_free(out);
    *out = compact;
}

/* Analyses a read source and compacts what a parsed file's result holds, leaving its bytes in
 * `bytes`. False after a crash (nothing in `bytes`). */
static bool analyse_compact(const pf_engine *engine, pf_worker *worker, bool rewrite_file,
                            const pf_file_context *context, pf_file_result *out, pf_buf *bytes) {
    if (!analyse_guarded(engine, worker, rewrite_file, context, out)) return false;
    pf_buf_clear(bytes);
    pf_result_encode(out, bytes);
    if (out->summary || out->findings.len) compact_result(out, bytes);
    return true;
}

void pf_engine_process(const pf_engine *engine, pf_worker *worker, const pf_discovered *file,
                       const pf_schema *schema, bool rewrite_file, const pf_file_context *context,
                       pf_file_result *out) {
    result_init(out, file, schema);
    char *cause = NULL;
    if (pf_source_read(file->path, &out->source, &cause) != PF_SOURCE_OK) {
        out->skipped = pf_arena_strdup(&out->arena, cause);
        free(cause);
        return;
    }
    pf_buf bytes = PF_BUF_INIT;
    if (!engine->cache) {
        analyse_compact(engine, worker, rewrite_file, context, out, &bytes);
        pf_buf_free(&bytes);
        return;
    }
    /* With a cache, an unchanged file costs its reading and hashing only. The first stage's
     * result is kept under the key of a file on its own, whichever costs it was given: a
     * result holds the costs it was analysed with, and the program stage processes it again
     * when those are not the program's. */
    bool first_stage = !context || context->read_only || context->costs_from;
    pf_hash key = cache_key(engine, file, schema, rewrite_file, first_stage ? NULL : context, &out->source);
    if (pf_cache_get(engine->cache, key, &bytes) && pf_result_decode(bytes.data, bytes.len, out)) {
        pf_buf_free(&bytes);
        return;
    }
    /* A crash is a bug, to meet again on the next run, never to be remembered. */
    if (analyse_compact(engine, worker, rewrite_file, context, out, &bytes) && !out->deferred)
        pf_cache_put(engine->cache, key, bytes.data, bytes.len);
    pf_buf_free(&bytes);
}

void pf_engine_process_source(const pf_engine *engine, pf_worker *worker, const pf_discovered *file,
                              const pf_schema *schema, bool rewrite_file, const pf_file_context *context,
                              pf_source *source, pf_file_result *out) {
    result_init(out, file, schema);
    out->source = *source;
    memset(source, 0, sizeof(*source));
    pf_buf bytes = PF_BUF_INIT;
    analyse_compact(engine, worker, rewrite_file, context, out, &bytes);
    pf_buf_free(&bytes);
}

void pf_file_context_from_program(pf_file_context *context, pf_program *program, size_t index,
                                  const pf_summary *summary, pf_arena *arena) {
    memset(context, 0, sizeof(*context));
    context->clients = pf_program_imported_clients(program, index);
    context->hooks = pf_program_client_hooks(program, index);
    pf_measure *costs = pf_arena_alloc(arena, (summary->calls.len + 1) * sizeof(pf_measure));
    context->call_costs = pf_program_call_costs(program, index, costs) ? costs : NULL;
    context->call_count = summary->calls.len;
    uint32_t *starts = pf_arena_alloc(arena, (summary->calls.len + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < summary->calls.len; i++) starts[i] = summary->calls.items[i].start;
    context->call_starts = starts;
}

/* Whether two NULL-terminated lists of client names (NULL: none) hold the same names. */
static bool same_clients(const char *const *a, const char *const *b) {
    size_t i = 0;
    for (; a && a[i] && b && b[i]; i++)
        if (strcmp(a[i], b[i]) != 0) return false;
    return !(a && a[i]) && !(b && b[i]);
}

bool pf_file_result_has_clients(const pf_file_result *result, const char *const *clients) {
    return same_clients(result->clients, clients);
}

/* Whether knowing that a client is hooked in another file can change a file's result: only
 * the rewrites of fan-outs and loops (groupby, loop, hoist) ask about hooks, so a file
 * without such a finding stands as it is (documenso: 379 files with a hooked client, a few
 * dozen with one). */
static bool hooks_can_change(const pf_file_result *result) {
    for (size_t i = 0; i < result->findings.len; i++) {
        pf_rule rule = result->findings.items[i].rule;
        if (rule == PF_RULE_MAP_FANOUT || rule == PF_RULE_LOOP_QUERIES) return true;
    }
    return false;
}

bool pf_file_context_changes(const pf_file_context *context, const pf_file_result *result,
                             const pf_options *options) {
    const pf_summary *s = result->summary;
    if (!s || result->skipped) return false;
    if (context->selection_count || !same_clients(context->clients, result->clients)) return true;
    if (context->hooks && context->hooks[0].client && hooks_can_change(result)) return true;
    if (!context->call_costs) return false;
    const pf_measure none = {0, 0, 0, false, false};
    for (size_t i = 0; i < context->call_count; i++) {
        const pf_measure *before = result->call_costs ? &result->call_costs[i] : &none;
        if (!same_measure(before, &context->call_costs[i]) && s->calls.items[i].weighed) return true;
    }
    int threshold = options->thresholds.sequential_medium;
    if (pf_cost_steps_differ(s->costs.items, s->top_level_cost, result->call_costs, context->call_costs, threshold))
        return true;
    for (size_t i = 0; i < s->functions.len; i++)
        if (pf_cost_steps_differ(s->costs.items, s->functions.items[i].cost, result->call_costs, context->call_costs,
                                 threshold))
            return true;
    return false;
}

void pf_file_result_replace(pf_file_result *result, pf_file_result *newer) {
    pf_source_free(&result->source);
    pf_quoted_lines_free(result->quoted);
    free(result->output);
    /* The older result's summary, in its own arena (see pf_result_decode), is kept; the rest
     * of it goes: its findings (the files processed again hold the most) and the call costs
     * it was analysed with, which only the decision to process it again compared. The newer
     * result has no summary: a context asks for none. */
    pf_arena_free(&result->arena);
    pf_arena_free(&newer->summary_arena);
    newer->summary_arena = result->summary_arena;
    newer->summary = result->summary;
    newer->call_costs = NULL;
    pf_import_scan_free(&result->imports);
    newer->targets = result->targets; /* they go with the summary */
    newer->names = result->names;
    *result = *newer;
    memset(newer, 0, sizeof(*newer));
}

bool pf_file_result_is_empty(const pf_file_result *r) {
    return !r->summary && r->findings.len == 0 && !r->skipped && !r->generated && !r->deferred && !r->syntax_errors &&
           !r->output && !r->route && r->problems.len == 0 && r->passes_applied.len == 0 && !r->pass_rewrites &&
           !r->clients && !r->call_costs && !r->source.bytes && !r->quoted;
}

void pf_file_result_free(pf_file_result *result) {
    pf_source_free(&result->source);
    pf_quoted_lines_free(result->quoted);
    free(result->output);
    free(result->targets);
    pf_module_names_free(result->names);
    pf_arena_free(&result->arena);
    pf_arena_free(&result->summary_arena);
    pf_import_scan_free(&result->imports);
    memset(result, 0, sizeof(*result));
}
