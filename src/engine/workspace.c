/* A whole run: discover files, resolve their schemas, process them on worker threads, and
 * hand the results, in path order, to the command's output (see workspace.h). */
#include "poolfix/workspace.h"

#include "poolfix/apply.h"
#include "poolfix/diff.h"
#include "poolfix/engine.h"
#include "poolfix/git.h"
#include "poolfix/import_graph.h"
#include "poolfix/jobs.h"
#include "poolfix/listings.h"
#include "poolfix/path.h"
#include "poolfix/program.h"
#include "poolfix/report.h"
#include "poolfix/run_schemas.h"

#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Seconds elapsed since `start` (monotonic clock). */
static double seconds_since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* The progress line: drawn on a terminal once a run has taken a second, at most ten times a
 * second, and cleared before anything else is printed. */
typedef struct progress {
    bool enabled;
    bool drawn;
    struct timespec start;
    double last_draw;
} progress;

/* Redraws the line when it is due: `done` of `total` files in `stage`. */
static void progress_tick(progress *bar, const char *stage, size_t done, size_t total) {
    if (!bar->enabled) return;
    double now = seconds_since(&bar->start);
    if (now < 1.0 || (bar->drawn && now - bar->last_draw < 0.1)) return;
    fprintf(stderr, "\rpoolfix: %s %zu/%zu files\033[K", stage, done, total);
    bar->drawn = true;
    bar->last_draw = now;
}

/* Takes the line off the terminal, before other output or at the end. */
static void progress_clear(progress *bar) {
    if (!bar->drawn) return;
    fputs("\r\033[K", stderr);
    bar->drawn = false;
}

/* One stage of per-file work: the files `jobs` lists, each processed with its context (NULL
 * for none) into `results` on the worker threads. */
typedef struct stage {
    const pf_engine *engine;
    const pf_discovery *files;
    const pf_schema *const *schemas;
    bool rewrite;
    const size_t *jobs;
    size_t job_count;
    const pf_file_context *contexts; /* per job, or NULL */
    bool read_only;                  /* without contexts: each file is read only (pf_file_context) */
    bool in_order;                   /* the jobs are taken in their order (pf_jobs_new) */
    struct growing_program *growing; /* takes each summary made, or NULL */
    pf_file_result *results;         /* per job, or NULL when the results go to `kept` */
    pf_file_result **kept;           /* per file of the run: a result that is not empty, in memory of its own */
    pf_import_scan *imports;         /* per file of the run, with `kept`: what each file imports */
    pf_jobs *queue;                  /* which worker takes which job (jobs.h) */
    /* What the main thread does with each job once it is finished, while the workers go on
     * (in job order), or NULL: it waits. */
    void (*meanwhile)(void *data, size_t job);
    void *meanwhile_data;
    atomic_uchar *finished_jobs;     /* per job, with `meanwhile`: set once its results are in place */
    atomic_size_t done;              /* jobs finished: no lock per job */
    pthread_mutex_t lock;            /* with `finished`: wakes the main thread when the last job is done */
    pthread_cond_t finished;
} stage;

/* Sets the summary of `result`, file `i`'s, in `program`, its targets and names kept by the
 * result. False when it has none. */
static bool set_summary(pf_program *program, const pf_discovery *files, size_t i, pf_file_result *result) {
    if (!result || !result->summary) return false;
    pf_program_set(program, i, result->summary, files->files[i].relpath);
    pf_program_keep_targets(program, i, &result->targets);
    pf_program_keep_names(program, i, &result->names);
    return true;
}

/* The program the first stage builds as it parses files callees first (see
 * scan_callees_first): one thread at a time adds to it or reads it. */
typedef struct growing_program {
    pthread_mutex_t lock;
    pf_program *program;
    const pf_discovery *files;
    bool broken; /* a crash left it half-changed: files are costed on their own from then on */
} growing_program;

/* A pf_cost_source: the costs of a freshly summarised file's calls, and its imported
 * clients, from the files added so far. The file is tried only for the question, then taken
 * out: the summary it is asked with is about to be compacted (freed), or built again with its
 * clients, and growing_add adds the one the result keeps. */
static bool growing_costs(void *data, size_t index, const pf_summary *summary, pf_measure *out, const char ***clients,
                          pf_arena *arena) {
    growing_program *g = data;
    pthread_mutex_lock(&g->lock);
    bool known = !g->broken;
    if (known) {
        pf_program_set(g->program, index, summary, g->files->files[index].relpath);
        pf_program_try(g->program, index);
        pf_program_call_costs(g->program, index, out);
        const char *const *imported = pf_program_imported_clients(g->program, index);
        if (imported[0]) *clients = pf_arena_strdup_list(arena, imported);
        pf_program_untry(g->program);
    }
    pthread_mutex_unlock(&g->lock);
    return known;
}

/* After a crash inside growing_costs, on the thread that held the lock: the program may be
 * half-changed, so it is not asked again. */
static void growing_recover(void *data) {
    growing_program *g = data;
    g->broken = true;
    pthread_mutex_unlock(&g->lock);
}

/* Adds the summary a result keeps to the growing program. The names and targets linking
 * makes for it are the result's to keep: every later link of the run reads them. */
static void growing_add(growing_program *g, size_t index, pf_file_result *result) {
    pthread_mutex_lock(&g->lock);
    if (!g->broken && set_summary(g->program, g->files, index, result)) pf_program_add(g->program, index);
    pthread_mutex_unlock(&g->lock);
}

/* The worker threads of a run, kept from stage to stage. Each allocates from a malloc arena
 * of its own for the whole run, so that worker 0, which takes the large files (jobs.h), is
 * the only one whose arena grows to hold a large file's tree: threads made again for each
 * stage take the arenas of the last stage's threads in no fixed order. */
typedef struct pool {
    size_t threads;
    pthread_t *ids;
    struct pool_thread *members;
    pthread_mutex_t lock;
    pthread_cond_t wake;   /* a stage to work on, or closing */
    pthread_cond_t idle;   /* a thread is done with the current stage */
    stage *current;
    size_t generation;     /* stages started */
    size_t done_with;      /* threads done with the current stage */
    bool closing;
} pool;

/* One thread of a pool, and its number (large files are thread 0's). */
typedef struct pool_thread {
    pool *pool;
    size_t index;
} pool_thread;

/* Whether a result's source bytes are needed after its file is processed: by diff and apply
 * for a file they rewrite (to print or check it). Kept for every file, they were the whole
 * tree's bytes: 323 MB for a diff of 50,000 files (bench/run.sh). A report that quotes the
 * files with findings keeps the lines it quotes (pf_report_quote_findings). */
static bool keeps_source(const pf_options *options, const pf_file_result *result) {
    return options->command != PF_CMD_SCAN && result->output != NULL;
}

/* Keeps, for a report that quotes files with findings, the lines of `result` it quotes, and
 * lets go of its source unless diff or apply needs it. */
static void let_go_of_source(const pf_options *options, pf_file_result *result) {
    if (options->command == PF_CMD_SCAN && result->findings.len && pf_report_quotes_sources(options) &&
        result->source.bytes)
        result->quoted = pf_report_quote_findings(result);
    if (!keeps_source(options, result)) pf_source_free(&result->source);
}

/* What the run holds of a result it takes over: NULL for an empty one (freed), else a
 * malloc'd copy. */
static pf_file_result *held(pf_file_result *result) {
    if (pf_file_result_is_empty(result)) {
        pf_file_result_free(result);
        return NULL;
    }
    pf_file_result *copy = pf_xmalloc(sizeof(*copy));
    *copy = *result;
    return copy;
}

/* Puts the result of file `i` where a stage that keeps them wants it: its import scan in
 * `imports`, the rest in `kept` (each file's slots are written by the one thread that
 * processed it). */
static void keep_result(stage *s, size_t i, pf_file_result *result) {
    s->imports[i] = result->imports;
    memset(&result->imports, 0, sizeof(result->imports));
    s->kept[i] = held(result);
}

/* Works on one stage: takes jobs until none are left for this thread. Its worker state is
 * made for its first job. */
static void work_on(stage *s, pf_worker **worker, size_t index) {
    size_t j;
    const pf_file_context read_only = {.read_only = true};
    while (pf_jobs_take(s->queue, index, &j)) {
        if (!*worker) *worker = pf_worker_new(s->engine);
        size_t i = s->jobs[j];
        pf_file_result local, *out = s->results ? &s->results[j] : &local;
        pf_engine_process(s->engine, *worker, &s->files->files[i], s->schemas[i], s->rewrite,
                          s->contexts ? &s->contexts[j] : s->read_only ? &read_only : NULL, out);
        if (s->growing && out->summary) growing_add(s->growing, i, out);
        /* A scan of thousands of files need not hold their bytes (a file processed again is
         * read again). */
        let_go_of_source(s->engine->options, out);
        if (!s->results) keep_result(s, i, &local);
        if (s->finished_jobs) atomic_store_explicit(&s->finished_jobs[j], 1, memory_order_release);
        if (atomic_fetch_add(&s->done, 1) + 1 == s->job_count) {
            pthread_mutex_lock(&s->lock);
            pthread_cond_broadcast(&s->finished);
            pthread_mutex_unlock(&s->lock);
        }
    }
}

/* One thread of a pool: works on each stage it is given until the pool closes. */
static void *pool_main(void *arg) {
    pool_thread *self = arg;
    pool *p = self->pool;
    pf_worker *worker = NULL;
    size_t seen = 0;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (p->generation == seen && !p->closing) pthread_cond_wait(&p->wake, &p->lock);
        if (p->generation == seen) {
            pthread_mutex_unlock(&p->lock);
            break;
        }
        seen = p->generation;
        stage *s = p->current;
        pthread_mutex_unlock(&p->lock);
        work_on(s, &worker, self->index);
        pthread_mutex_lock(&p->lock);
        p->done_with++;
        pthread_cond_signal(&p->idle);
        pthread_mutex_unlock(&p->lock);
    }
    pf_worker_free(worker);
    return NULL;
}

/* Starts `threads` threads (at least one). */
static pool *pool_open(size_t threads) {
    pool *p = pf_xcalloc(1, sizeof(*p));
    p->threads = threads ? threads : 1;
    p->ids = pf_xcalloc(p->threads, sizeof(pthread_t));
    p->members = pf_xcalloc(p->threads, sizeof(pool_thread));
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->idle, NULL);
    /* A stack of a known size, whatever `ulimit -s` says: the walks that recurse go at most
     * PF_MAX_NESTING levels deep, a fraction of it. */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, PF_WORKER_STACK_BYTES);
    for (size_t t = 0; t < p->threads; t++) {
        p->members[t] = (pool_thread){p, t};
        pthread_create(&p->ids[t], &attr, pool_main, &p->members[t]);
    }
    pthread_attr_destroy(&attr);
    return p;
}

/* Ends the threads of a pool and frees it. */
static void pool_close(pool *p) {
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->closing = true;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (size_t t = 0; t < p->threads; t++) pthread_join(p->ids[t], NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->wake);
    pthread_cond_destroy(&p->idle);
    free(p->ids);
    free(p->members);
    free(p);
}

/* Hands `meanwhile` the jobs finished from job `*next` on, in order, up to the first one
 * still running. */
static void take_finished(stage *s, size_t *next) {
    while (*next < s->job_count && atomic_load_explicit(&s->finished_jobs[*next], memory_order_acquire))
        s->meanwhile(s->meanwhile_data, (*next)++);
}

/* Runs a stage on the pool's threads and waits for it, keeping the progress line up to date
 * and, with `meanwhile`, working on the jobs finished as they come (every millisecond or so:
 * the workers do not stop to tell). */
static void run_stage(stage *s, pool *p, progress *bar, const char *name) {
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->finished, NULL);
    size_t *sizes = pf_xcalloc(s->job_count + 1, sizeof(size_t));
    for (size_t j = 0; j < s->job_count; j++) sizes[j] = s->files->files[s->jobs[j]].size;
    s->queue = pf_jobs_new(sizes, s->job_count, PF_LARGE_JOB_BYTES, p->threads, s->in_order);
    pthread_mutex_lock(&p->lock);
    p->current = s;
    p->done_with = 0;
    p->generation++;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    size_t next = 0;
    pthread_mutex_lock(&s->lock);
    while (atomic_load(&s->done) < s->job_count) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += (s->meanwhile ? 1 : 100) * 1000 * 1000;
        if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&s->finished, &s->lock, &until);
        progress_tick(bar, name, atomic_load(&s->done), s->job_count);
        if (s->meanwhile) {
            pthread_mutex_unlock(&s->lock);
            take_finished(s, &next);
            pthread_mutex_lock(&s->lock);
        }
    }
    pthread_mutex_unlock(&s->lock);
    if (s->meanwhile) take_finished(s, &next);
    /* Every thread is out of the stage before it goes. */
    pthread_mutex_lock(&p->lock);
    while (p->done_with < p->threads) pthread_cond_wait(&p->idle, &p->lock);
    pthread_mutex_unlock(&p->lock);
    pf_jobs_free(s->queue);
    free(sizes);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->finished);
}

/* What the main thread does during the first look: resolves the imports of each file read
 * into the rows of the import graph (the workers read on; civitai: 21 ms no longer spent
 * after the stage). */
typedef struct resolving {
    pf_import_rows rows;
    const pf_import_scan *imports;
    pf_resolver *resolver;
    const size_t *jobs;
} resolving;

static void resolve_imports(void *data, size_t job) {
    resolving *r = data;
    size_t i = r->jobs[job];
    pf_import_rows_resolve(&r->rows, i, &r->imports[i], r->resolver);
}

/* Takes a first look at every file of the run (a read_only context: read, imports scanned,
 * prefiltered; a file to parse is deferred, unless the cache has its result): each result
 * that is not empty goes to `results` (per file), each import scan to `imports` (per file),
 * and the files each imports, resolved, to `graph`. */
static void read_every_file(pool *workers, const pf_engine *engine, const pf_discovery *files,
                            const pf_schema *const *schemas, bool rewrite, const size_t *jobs,
                            pf_file_result **results, pf_import_scan *imports, pf_resolver *resolver,
                            pf_import_graph *graph, progress *bar) {
    resolving resolve = {.imports = imports, .resolver = resolver, .jobs = jobs};
    pf_import_rows_init(&resolve.rows, files->count);
    atomic_uchar *finished = pf_xcalloc(files->count + 1, sizeof(atomic_uchar));
    stage s = {.engine = engine, .files = files, .schemas = schemas, .rewrite = rewrite, .jobs = jobs,
               .job_count = files->count, .kept = results, .imports = imports, .read_only = true,
               .meanwhile = resolve_imports, .meanwhile_data = &resolve, .finished_jobs = finished};
    run_stage(&s, workers, bar, "reading");
    free(finished);
    pf_import_graph_from_rows(graph, &resolve.rows);
}

/* Runs stage `s` and puts each result in place of the one before (`results` is per file):
 * whole when `fresh`, otherwise keeping the summary of the one before (the new one has none:
 * a context asks for none). */
static void process_stage(pool *workers, stage *s, bool fresh, pf_file_result **results, progress *bar,
                          const char *name) {
    s->results = pf_xcalloc(s->job_count + 1, sizeof(pf_file_result));
    /* The trees of the stage before are gone, but their pages stay with the workers' malloc
     * arenas; handed back, a stage that parses other files does not add its trees on top of
     * them (civitai's peak: -1.4 MB, no measurable time). */
    malloc_trim(0);
    run_stage(s, workers, bar, name);
    for (size_t j = 0; j < s->job_count; j++) {
        pf_file_result **old = &results[s->jobs[j]];
        if (!fresh && *old) { /* the last stage processes files with a summary, so a result, only */
            pf_file_result_replace(*old, &s->results[j]);
            continue;
        }
        if (*old) pf_file_result_free(*old);
        free(*old);
        *old = held(&s->results[j]);
    }
    free(s->results);
}

/* Processes the files `jobs` lists (with `contexts`, per job, or none): see process_stage. */
static void process(pool *workers, const pf_engine *engine, const pf_discovery *files,
                    const pf_schema *const *schemas, bool rewrite, const size_t *jobs, size_t job_count,
                    const pf_file_context *contexts, bool fresh, pf_file_result **results, progress *bar,
                    const char *name) {
    stage s = {.engine = engine, .files = files, .schemas = schemas, .rewrite = rewrite, .jobs = jobs,
               .job_count = job_count, .contexts = contexts};
    process_stage(workers, &s, fresh, results, bar, name);
}

/* Orders by ascending index (path order). */
static int by_index(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Puts the first stage's jobs, callees first, in the order `order` asks for. */
static void order_first_stage(pf_first_stage_order order, size_t *jobs, size_t count) {
    if (order == PF_FIRST_STAGE_PATH_ORDER) {
        qsort(jobs, count, sizeof(size_t), by_index);
    } else if (order == PF_FIRST_STAGE_CALLERS_FIRST) {
        for (size_t k = 0; k < count / 2; k++) {
            size_t job = jobs[k];
            jobs[k] = jobs[count - 1 - k];
            jobs[count - 1 - k] = job;
        }
    }
}

/* Parses the files the first look deferred, callees first by the import graph, each with the
 * costs the files parsed before it give its calls (growing_costs). Where that is the
 * program's final word (on civitai, most files whose calls reach queries in other files),
 * the last stage need not parse the file again; where it is not (a cycle of imports, a callee
 * still being parsed on the other thread), the last stage does, as it does for a file
 * analysed on its own. */
static void scan_callees_first(pool *workers, const pf_engine *engine, const pf_discovery *files,
                               const pf_schema *const *schemas, bool rewrite, const pf_import_graph *graph,
                               pf_resolver *resolver, pf_file_result **results, progress *bar) {
    size_t n = files->count;
    bool *deferred = pf_xcalloc(n + 1, sizeof(bool));
    for (size_t i = 0; i < n; i++) deferred[i] = results[i] && results[i]->deferred;
    size_t *jobs = pf_xcalloc(n + 1, sizeof(size_t));
    size_t count = pf_import_graph_callees_first(graph, deferred, jobs);
    free(deferred);
    order_first_stage(engine->options->first_stage_order, jobs, count);
    growing_program growing = {.program = pf_program_new(n, resolver, engine->options->depth), .files = files};
    pthread_mutex_init(&growing.lock, NULL);
    pf_cost_source source = {growing_costs, growing_recover, &growing};
    pf_file_context *contexts = pf_xcalloc(count + 1, sizeof(pf_file_context));
    for (size_t j = 0; j < count; j++)
        contexts[j] = (pf_file_context){.summarize = true, .costs_from = &source, .index = jobs[j]};
    stage s = {.engine = engine, .files = files, .schemas = schemas, .rewrite = rewrite, .jobs = jobs,
               .job_count = count, .contexts = contexts, .in_order = true, .growing = &growing};
    process_stage(workers, &s, true, results, bar, "scanning");
    pthread_mutex_destroy(&growing.lock);
    pf_program_free(growing.program);
    free(contexts);
    free(jobs);
}

/* Marks the files that may lead to a query: those with queries and those importing, through
 * any chain, one of them (`importers`: the import graph reversed, read without parsing).
 * Returns the files not parsed yet that may declare an endpoint and may lead to a query: the
 * first ones the program stage parses. */
static size_t *entry_candidates(const pf_discovery *files, pf_file_result *const *results,
                                const pf_import_scan *imports, const pf_import_graph *importers, bool *may_query,
                                size_t *count) {
    size_t n = files->count;
    size_t *queue = pf_xcalloc(n + 1, sizeof(size_t)), tail = 0;
    for (size_t i = 0; i < n; i++) {
        const pf_summary *s = results[i] ? results[i]->summary : NULL;
        if (s && s->queries.len) may_query[i] = true, queue[tail++] = i;
    }
    for (size_t head = 0; head < tail; head++)
        for (uint32_t k = importers->first[queue[head]]; k < importers->first[queue[head] + 1]; k++) {
            size_t j = importers->to[k];
            if (!may_query[j]) may_query[j] = true, queue[tail++] = j;
        }
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        const pf_file_result *r = results[i];
        bool unparsed = !r || (!r->summary && !r->skipped);
        if (unparsed && may_query[i] && ((r && r->route) || imports[i].may_declare_endpoint)) queue[(*count)++] = i;
    }
    return queue;
}

/* --endpoint/--method as a selection test for the program. */
static bool selects(void *context, const char *route, const char *method) {
    return pf_options_selects(context, route, method);
}

/* Prints the problems of one result on stderr; returns whether the file counts as skipped. */
static bool print_problems(const pf_file_result *result) {
    char *path = pf_path_printable(result->file->path);
    for (size_t i = 0; i < result->problems.len; i++)
        fprintf(stderr, "poolfix: %s: %s\n", path, result->problems.items[i]);
    if (result->skipped) fprintf(stderr, "poolfix: %s: %s\n", path, result->skipped);
    free(path);
    return result->skipped || result->problems.len;
}

/* Whether a failed write means the others will fail too, which stops apply. */
static bool stops_the_run(int err) {
    return err == ENOSPC || err == EDQUOT || err == EROFS || err == EIO;
}

/* Removes the temporary files an interrupted apply left beside the files of this run (see
 * pf_apply_remove_stale), once per folder, and says so. */
static void remove_stale_temporaries(const pf_options *options, const pf_discovery *files) {
    size_t removed = 0;
    char **seen = NULL;
    size_t seen_count = 0;
    for (size_t i = 0; i < files->count; i++) {
        char *dir = pf_path_dirname(files->files[i].path);
        bool known = false;
        for (size_t k = 0; k < seen_count && !known; k++) known = strcmp(seen[k], dir) == 0;
        if (known) {
            free(dir);
            continue;
        }
        removed += pf_apply_remove_stale(dir);
        pf_strings_push(&seen, &seen_count, dir);
    }
    pf_strings_free(seen, seen_count);
    if (removed && !options->quiet)
        fprintf(stderr, "poolfix: removed %zu temporary file%s left by an interrupted apply\n", removed,
                removed == 1 ? "" : "s");
}

/* Checks git and writes every rewritten file. Returns an exit code. */
static int apply_results(const pf_options *options, const pf_discovery *files, pf_file_result *const *results,
                         size_t *skipped) {
    remove_stale_temporaries(options, files);
    size_t count = files->count, changed = 0;
    for (size_t i = 0; i < count; i++) changed += results[i] && results[i]->output;
    if (changed == 0) {
        if (!options->quiet) fprintf(stderr, "poolfix: nothing to rewrite\n");
        return 0;
    }
    /* Every work tree that holds a file to write must be clean (or --allow-dirty). */
    char **tops = NULL;
    size_t top_count = 0;
    int code = 0;
    char *prev_dir = NULL; /* files come sorted by path: a folder's files are next to each other */
    for (size_t i = 0; i < count && code == 0; i++) {
        if (!results[i] || !results[i]->output) continue;
        char *dir = pf_path_dirname(results[i]->file->path);
        bool same_folder = prev_dir && strcmp(prev_dir, dir) == 0;
        free(prev_dir);
        prev_dir = dir;
        if (same_folder) continue; /* its work tree was checked with the file before */
        char *top = pf_git_toplevel(dir);
        bool seen = !top;
        for (size_t t = 0; top && t < top_count && !seen; t++) seen = strcmp(tops[t], top) == 0;
        if (seen) {
            free(top);
            continue;
        }
        pf_strings_push(&tops, &top_count, top);
        char **dirty = NULL, *error = NULL;
        size_t dirty_count = 0;
        if (!pf_git_dirty_files(top, &dirty, &dirty_count, &error)) {
            fprintf(stderr, "poolfix: %s: %s\n", top, error);
            free(error);
            code = 2;
        } else if (dirty_count && !options->allow_dirty) {
            fprintf(stderr,
                    "poolfix: %s has uncommitted changes (%zu file%s, e.g. %s): commit or stash them, or pass "
                    "--allow-dirty\n",
                    top, dirty_count, dirty_count == 1 ? "" : "s", dirty[0]);
            code = 2;
        }
        pf_strings_free(dirty, dirty_count);
    }
    free(prev_dir);
    if (code == 0 && options->branch) {
        if (top_count != 1) {
            fprintf(stderr, "poolfix: --branch needs the files to be in one git work tree (found %zu)\n", top_count);
            code = 2;
        } else {
            char *error = NULL;
            if (!pf_git_create_branch(tops[0], options->branch, &error)) {
                fprintf(stderr, "poolfix: --branch %s: %s\n", options->branch, error);
                free(error);
                code = 2;
            }
        }
    }
    pf_strings_free(tops, top_count);
    if (code) return code;
    /* A write is whole or not started: a termination signal waits for the file in hand. */
    sigset_t terminate, previous;
    sigemptyset(&terminate);
    sigaddset(&terminate, SIGINT);
    sigaddset(&terminate, SIGTERM);
    sigaddset(&terminate, SIGHUP);
    size_t written = 0, pending = changed;
    for (size_t i = 0; i < count && code == 0; i++) {
        pf_file_result *r = results[i];
        if (!r || !r->output) continue;
        char *error = NULL;
        pthread_sigmask(SIG_BLOCK, &terminate, &previous);
        bool ok = pf_apply_write(r->file->path, r->file->root, &r->source, r->output, r->output_len, &error);
        int err = errno;
        pthread_sigmask(SIG_SETMASK, &previous, NULL);
        pending--;
        char *path = pf_path_printable(r->file->path);
        if (!ok && stops_the_run(err)) {
            /* A full disk or a read-only file system fails every write after this one too. */
            fprintf(stderr, "poolfix: %s: %s; stopped: %zu file%s rewritten, %zu left as they were\n",
                    path, error, written, written == 1 ? "" : "s", pending + 1);
            free(error);
            free(path);
            code = 2;
            break;
        }
        if (!ok) {
            fprintf(stderr, "poolfix: %s: %s\n", path, error);
            free(error);
            free(path);
            (*skipped)++;
            continue;
        }
        written++;
        printf("rewrote %s (", path);
        for (size_t k = 0; k < r->passes_applied.len; k++) printf("%s%s", k ? ", " : "", r->passes_applied.items[k]);
        printf(")\n");
        free(path);
    }
    /* stdout may be a pipe closed early (`| head -1`): the files are written all the same. */
    if (fflush(stdout) != 0 || ferror(stdout))
        fprintf(stderr, "poolfix: could not print the list of rewritten files (%s); the rewrites were written\n",
                strerror(errno ? errno : EPIPE));
    if (code == 0 && !options->quiet)
        fprintf(stderr, "poolfix: rewrote %zu file%s\n", written, written == 1 ? "" : "s");
    return code;
}

/* Whether a finding at or above --fail-on remains: in scan, any unsuppressed finding; in diff
 * and apply, one the run does not rewrite. */
static bool fails(const pf_options *options, const pf_file_result *result) {
    if (!options->fail_on_set) return false;
    bool rewritten_file = options->command != PF_CMD_SCAN && result->problems.len == 0;
    for (size_t i = 0; i < result->findings.len; i++) {
        const pf_finding *f = &result->findings.items[i];
        if (f->suppressed || f->severity < options->fail_on) continue;
        if (rewritten_file && f->fixable && f->pass && pf_pass_selected(options, f->pass)) continue;
        return true;
    }
    return false;
}

/* The path a diff names a file by: as the user reads it when it lies under the current
 * folder; otherwise relative to the top of its git work tree (where `git apply` runs), or
 * else to the PATH it was found under, never `a//tmp/...` or `a/../x`. A symbolic link is
 * named by its target: the file apply writes, and the one `git apply` can patch (git keeps a
 * link as a link). Malloc'd. */
static char *diff_label(const pf_discovered *file) {
    struct stat st;
    char *real = lstat(file->path, &st) == 0 && S_ISLNK(st.st_mode) ? realpath(file->path, NULL) : NULL;
    const char *path = real ? real : file->path;
    char *shown = pf_path_for_display(path);
    if (shown[0] != '/' && strncmp(shown, "../", 3) != 0) {
        free(real);
        return shown;
    }
    free(shown);
    char *dir = pf_path_dirname(path);
    char *top = pf_path_work_tree_top(dir);
    char *real_dir = realpath(dir, NULL);
    char *label = NULL;
    const char *below = top && real_dir ? pf_path_below(real_dir, top) : NULL;
    if (below) {
        const char *name = strrchr(path, '/');
        name = name ? name + 1 : path;
        label = pf_xmalloc(strlen(below) + strlen(name) + 2);
        sprintf(label, "%s%s%s", below, *below ? "/" : "", name);
    } else {
        label = pf_xstrdup(file->relpath);
    }
    free(dir);
    free(top);
    free(real_dir);
    free(real);
    return label;
}

/* Adds a file's rewrites per pass to the run's totals. */
static void count_rewrites(const pf_file_result *result, size_t *totals) {
    for (size_t i = 0; result->pass_rewrites && i < pf_pass_count; i++) totals[i] += result->pass_rewrites[i];
}

/* The last lines of diff and apply, on stderr: the rewrites per pass, then one line per pass
 * whose rewrites change results, saying what changes (`take 3: responses keep at most 10
 * items per relation`), so that no result-changing edit goes by unnoticed. */
static void print_rewrites(const pf_options *options, const size_t *totals) {
    pf_buf line = PF_BUF_INIT;
    for (size_t i = 0; i < pf_pass_count; i++)
        if (totals[i]) pf_buf_printf(&line, "%s%s %zu", line.len ? ", " : "", pf_passes[i]->name, totals[i]);
    if (line.len) fprintf(stderr, "poolfix: rewrites per pass: %s\n", line.data);
    pf_buf_free(&line);
    for (size_t i = 0; i < pf_pass_count; i++) {
        if (!totals[i] || !pf_passes[i]->result_change) continue;
        fprintf(stderr, "poolfix: %s %zu: ", pf_passes[i]->name, totals[i]);
        fprintf(stderr, pf_passes[i]->result_change, options->take);
        bool per_relation = options->take_limit_count && !options->take_from_cli && pf_passes[i]->rule == PF_RULE_UNBOUNDED_INCLUDE;
        fprintf(stderr, "%s (these rewrites change results)\n", per_relation ? ", or the poolfix.json limit of the relation" : "");
    }
}

/* Says what discovery left out by convention (tests, seeds, scripts, migrations): one line,
 * or with --verbose one per file; nothing with --quiet. */
static void report_left_out(const pf_options *options, const pf_discovery *files) {
    if (files->left_out_count == 0) return;
    if (options->verbose) {
        for (size_t i = 0; i < files->left_out_count; i++)
            fprintf(stderr, "poolfix: left out (%s): %s\n", files->left_out[i].convention, files->left_out[i].path);
    }
    if (options->quiet) return;
    fprintf(stderr, "poolfix: left out %zu file%s of tests, seeds, scripts and migrations (poolfix explain paths; "
                    "--include-tests scans them%s)\n",
            files->left_out_count, files->left_out_count == 1 ? "" : "s", options->verbose ? "" : ", --verbose lists them");
}

/* Says what the run left out as minified or generated: one line, or with --verbose one per
 * file; nothing with --quiet. */
static void report_generated(const pf_options *options, const pf_discovery *files, pf_file_result *const *results) {
    size_t count = 0;
    for (size_t i = 0; i < files->count; i++) {
        if (!results[i] || !results[i]->generated) continue;
        count++;
        if (options->verbose)
            fprintf(stderr, "poolfix: left out (%s): %s\n", results[i]->generated, files->files[i].path);
    }
    if (count == 0 || options->quiet) return;
    fprintf(stderr, "poolfix: left out %zu minified or generated file%s (--include-generated scans them%s)\n", count,
            count == 1 ? "" : "s", options->verbose ? "" : ", --verbose lists them");
}

/* Whether some endpoint of the program serves `route` (whatever its method). */
static bool route_served(const pf_block *blocks, size_t count, const char *route) {
    for (size_t i = 0; i < count; i++) {
        if (!blocks[i].endpoint) continue;
        pf_options one = {0};
        char *endpoints[1] = {(char *)route};
        one.endpoints = endpoints;
        one.endpoint_count = 1;
        if (pf_options_selects(&one, blocks[i].route, blocks[i].method)) return true;
    }
    return false;
}

struct pf_run_state {
    pf_cache *cache;
    pf_client_names *clients;
    pf_prefilter *prefilter;
    pf_import_scanner *scanner;
    pf_run_schemas schemas;
    pf_resolver *resolver;
    pool *workers;         /* during the stages */
    bool extended;         /* the program has files pf_program_extend added: link it whole again */
    pf_arena arena;
    progress bar;
};

/* Opens the run's cache (see cache.h) unless --no-cache or there is no folder for it, and
 * gives the engine the salt of its keys. */
static void open_cache(pf_run *run) {
    const pf_options *options = run->options;
    if (options->no_cache) return;
    char *dir = options->cache_dir ? pf_xstrdup(options->cache_dir)
                                   : pf_cache_default_dir(options->path_count ? options->paths[0] : ".");
    if (!dir) return;
    char *build = pf_build_identity();
    pf_hash identity = pf_hash_bytes(build, strlen(build));
    char folder[33];
    pf_hash_hex(identity, folder);
    run->state->cache = pf_cache_open(dir, folder);
    run->engine.cache = run->state->cache;
    run->engine.cache_salt = pf_cache_salt(POOLFIX_VERSION, build, options);
    free(build);
    free(dir);
}

/* With --verbose, says how many results came from the cache. */
static void report_cache(const pf_run *run) {
    if (!run->state || !run->state->cache || !run->options->verbose) return;
    size_t lookups, hits = pf_cache_hits(run->state->cache, &lookups);
    fprintf(stderr, "poolfix: cache: %zu of %zu file results unchanged, read from %s\n", hits, lookups,
            pf_cache_dir(run->state->cache));
}

/* `count` contexts, one per job, that each ask for a file's summary only: the files the
 * program stage parses to link them. Malloc'd. */
static pf_file_context *summary_only_contexts(size_t count) {
    pf_file_context *contexts = pf_xcalloc(count + 1, sizeof(pf_file_context));
    for (size_t j = 0; j < count; j++) contexts[j].summary_only = true;
    return contexts;
}

/* Links the run's program whole (again), over the summaries its results hold now. */
static void link_whole(pf_run *run) {
    pf_program_free(run->program);
    run->program = pf_program_new(run->files.count, run->state->resolver, run->options->depth);
    for (size_t i = 0; i < run->files.count; i++) set_summary(run->program, &run->files, i, run->results[i]);
    pf_program_link(run->program);
    run->state->extended = false;
}

/* Adds the files `jobs` lists, just parsed for the first time, to the run's program
 * (pf_program_extend): a round of the program stage links only its own files, where it
 * linked the whole program again (civitai: six links of 4-7 ms on the main thread). */
static void extend_program(pf_run *run, const size_t *jobs, size_t count) {
    size_t *added = pf_xcalloc(count + 1, sizeof(size_t)), n = 0;
    for (size_t j = 0; j < count; j++)
        if (set_summary(run->program, &run->files, jobs[j], run->results[jobs[j]])) added[n++] = jobs[j];
    pf_program_extend(run->program, added, n);
    free(added);
    run->state->extended = true;
}

/* Parses the modules the program needs to tell what imported receivers are (clients, hooked
 * clients), and links again, until it needs none. A file is parsed for this once (`asked`):
 * one that yields no summary (left out as minified, beyond the limits, unreadable) stays a
 * miss, and must not be asked for again. */
static void parse_client_modules(pf_run *run, bool *asked) {
    pf_run_state *st = run->state;
    size_t count = run->files.count;
    size_t *to_parse = pf_xcalloc(count + 1, sizeof(size_t));
    for (;;) {
        const size_t *missed;
        size_t missed_count = pf_program_client_misses(run->program, &missed), fresh = 0;
        for (size_t m = 0; m < missed_count; m++)
            if (!asked[missed[m]]) asked[missed[m]] = true, to_parse[fresh++] = missed[m];
        if (fresh == 0) break;
        pf_file_context *contexts = summary_only_contexts(fresh);
        process(st->workers, &run->engine, &run->files, st->schemas.for_file, false, to_parse, fresh, contexts, true,
                run->results, &st->bar, "linking");
        free(contexts);
        extend_program(run, to_parse, fresh);
    }
    free(to_parse);
}

/* Copies the arrays of a context built in a trial arena into `arena`. */
static void keep_context(pf_file_context *context, pf_arena *arena) {
    size_t n = context->call_count;
    if (context->call_costs) {
        pf_measure *costs = pf_arena_alloc(arena, (n + 1) * sizeof(pf_measure));
        memcpy(costs, context->call_costs, n * sizeof(pf_measure));
        context->call_costs = costs;
    }
    uint32_t *starts = pf_arena_alloc(arena, (n + 1) * sizeof(uint32_t));
    memcpy(starts, context->call_starts, n * sizeof(uint32_t));
    context->call_starts = starts;
}

/* The three stages of a run (see pf_run_analyse). */
static int analyse(pf_run *run, bool rewrite) {
    const pf_options *options = run->options;
    pf_run_state *st = run->state;
    const pf_discovery *files = &run->files;
    const pf_schema *const *schemas = st->schemas.for_file;
    /* What the stages need and the report does not: freed before it. */
    pf_arena stage_arena;
    pf_arena_init(&stage_arena);
    size_t *jobs = pf_arena_alloc(&stage_arena, (files->count + 1) * sizeof(size_t));
    for (size_t i = 0; i < files->count; i++) jobs[i] = i;
    /* 1. Every file on its own: findings, rewrites, and the summary of each parsed file.
     *    First every file is read, its imports scanned, and prefiltered; then the files to
     *    parse are parsed, callees first by the import graph. */
    pf_import_scan *imports = pf_xcalloc(files->count + 1, sizeof(pf_import_scan));
    const char **paths = pf_arena_alloc(&st->arena, (files->count + 1) * sizeof(char *));
    for (size_t i = 0; i < files->count; i++) paths[i] = files->files[i].path;
    st->resolver = pf_resolver_new(paths, files->count);
    pf_import_graph graph;
    read_every_file(st->workers, &run->engine, files, schemas, rewrite, jobs, run->results, imports, st->resolver,
                    &graph, &st->bar);
    scan_callees_first(st->workers, &run->engine, files, schemas, rewrite, &graph, st->resolver, run->results,
                       &st->bar);

    progress_clear(&st->bar);
    report_generated(options, files, run->results);

    /* 2. The program: parse what linking needs and link, in rounds (each round parses on the
     *    worker threads, then links on this one). */
    /* 2a. Imported clients: parse the modules the names that receive query-shaped calls come
     *     from, through re-exports, until each is known to be a client or not; a file that
     *     imports one has more queries than it seemed, so it is summarised again with them. */
    link_whole(run);
    bool *asked = pf_arena_alloc(&stage_arena, files->count + 1);
    memset(asked, 0, files->count + 1);
    parse_client_modules(run, asked);
    size_t with_clients = 0;
    for (size_t i = 0; i < files->count; i++) {
        const char *const *clients = pf_program_imported_clients(run->program, i);
        const pf_file_result *r = run->results[i];
        if (r && r->summary && clients[0] && !pf_file_result_has_clients(r, clients)) jobs[with_clients++] = i;
    }
    pf_file_context *client_contexts = pf_arena_alloc(&stage_arena, (with_clients + 1) * sizeof(pf_file_context));
    for (size_t j = 0; j < with_clients; j++) {
        client_contexts[j].clients = pf_program_imported_clients(run->program, jobs[j]);
        client_contexts[j].summarize = true;
    }
    /* Processed in full (rewritten too, for diff and apply): when the program later costs its
     * calls as this did, the result stands and the file is not processed again. */
    if (with_clients)
        process(st->workers, &run->engine, files, schemas, rewrite, jobs, with_clients, client_contexts, true,
                run->results, &st->bar, "linking");
    /* 2b. The endpoints, then, round after round, the files their code calls into, among those
     *     that may lead to a query (by the import graph, read without parsing). */
    bool *may_query = pf_arena_alloc(&stage_arena, files->count + 1);
    size_t wanted_count;
    pf_import_graph importers;
    pf_import_graph_reverse(&graph, &importers);
    pf_import_graph_free(&graph);
    size_t *wanted = entry_candidates(files, run->results, imports, &importers, may_query, &wanted_count);
    pf_import_graph_free(&importers);
    for (size_t i = 0; i < files->count; i++) pf_import_scan_free(&imports[i]);
    free(imports);
    for (int round = 0;; round++) {
        if (round > 0 || wanted_count || with_clients) {
            pf_file_context *contexts = summary_only_contexts(wanted_count);
            process(st->workers, &run->engine, files, schemas, false, wanted, wanted_count, contexts, true,
                    run->results, &st->bar, "linking");
            free(contexts);
            /* After summaries were replaced, the program points into the old ones. */
            if (round == 0 && with_clients) link_whole(run);
            else extend_program(run, wanted, wanted_count);
        }
        free(wanted);
        wanted_count = pf_program_wanted(run->program, may_query, &wanted);
        if (wanted_count == 0) break;
    }
    free(wanted);
    /* 2c. The modules of clients met since (hooked clients: a tRPC context's, one imported by a
     *     file the endpoints reach). */
    parse_client_modules(run, asked);
    /* Extended round by round, the program numbers its functions in the order their files came:
     * linked whole again, it is what a single link of these files gives, as the report's
     * blocks expect. */
    if (st->extended) link_whole(run);
    /* 3. Every file whose findings or rewrites the program changes, again: a call costs what
     *    its callees cost in other files, imported clients count, --endpoint selects what the
     *    selected endpoints run wherever it is. */
    /* The blocks (megabytes on civitai) are built here only to check --endpoint: otherwise
     * the report builds them once the files processed again are gone. */
    size_t block_count = 0;
    const pf_block *blocks = options->endpoint_count ? pf_program_blocks(run->program, &block_count) : NULL;
    int code = 0;
    for (size_t e = 0; e < options->endpoint_count; e++) {
        if (route_served(blocks, block_count, options->endpoints[e])) continue;
        progress_clear(&st->bar);
        fprintf(stderr, "poolfix: --endpoint %s: no endpoint in the scanned files serves it\n", options->endpoints[e]);
        code = 2;
    }
    if (code) {
        pf_arena_free(&stage_arena);
        return code;
    }
    const size_t *span_counts = NULL;
    const pf_span *const *spans =
        options->endpoint_count ? pf_program_select(run->program, selects, (void *)options, &span_counts) : NULL;
    size_t changed = 0, summarised = 0;
    for (size_t i = 0; i < files->count; i++) summarised += run->results[i] && run->results[i]->summary;
    pf_file_context *contexts = pf_arena_alloc(&stage_arena, (summarised + 1) * sizeof(pf_file_context));
    for (size_t i = 0; i < files->count; i++) {
        if (!run->results[i] || !run->results[i]->summary) continue;
        /* Built in a trial arena, and kept only for the few files it changes. */
        pf_arena trial;
        pf_arena_init(&trial);
        pf_file_context *context = &contexts[changed];
        pf_file_context_from_program(context, run->program, i, run->results[i]->summary, &trial);
        if (spans) {
            context->selection = spans[i];
            context->selection_count = span_counts[i];
        }
        if (pf_file_context_changes(context, run->results[i], options)) {
            keep_context(context, &stage_arena);
            jobs[changed++] = i;
        } else {
            memset(context, 0, sizeof(*context));
        }
        pf_arena_free(&trial);
    }
    /* Linking is done: of what the resolver knows (paths, configs, memo: most of a megabyte on
     * civitai, whose peak is this stage), the report needs only where routers are mounted. */
    pf_program_drop_resolver(run->program);
    pf_resolver_free(st->resolver);
    st->resolver = NULL;
    process(st->workers, &run->engine, files, schemas, rewrite, jobs, changed, contexts, false, run->results,
            &st->bar, "analysing");
    run->analysed_again = pf_xcalloc(changed + 1, sizeof(size_t));
    memcpy(run->analysed_again, jobs, changed * sizeof(size_t));
    run->analysed_again_count = changed;
    pf_arena_free(&stage_arena);
    return 0;
}

int pf_run_analyse(pf_run *run, const pf_options *options, bool rewrite) {
    memset(run, 0, sizeof(*run));
    run->options = options;
    run->state = pf_xcalloc(1, sizeof(pf_run_state));
    pf_run_state *st = run->state;
    pf_arena_init(&st->arena);
    st->bar.enabled = !options->quiet && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &st->bar.start);

    size_t name_count = pf_default_client_name_count + options->client_name_count;
    const char **names = pf_xcalloc(name_count, sizeof(char *));
    for (size_t i = 0; i < pf_default_client_name_count; i++) names[i] = pf_default_client_names[i];
    for (size_t i = 0; i < options->client_name_count; i++)
        names[pf_default_client_name_count + i] = options->client_names[i];
    char *error = NULL;
    st->clients = pf_client_names_new(names, name_count, options->client_pattern, &error);
    free(names);
    if (!st->clients) {
        fprintf(stderr, "poolfix: %s: %s\n", options->config_path ? options->config_path : "poolfix.json", error);
        free(error);
        return 2;
    }

    pf_discover_options discover_options = {(const char *const *)options->ignore_patterns,
                                            options->ignore_pattern_count, options->include_tests};
    pf_discover((const char *const *)options->paths, options->path_count, &discover_options, &run->files);
    run->skipped = run->files.problem_count;
    for (size_t i = 0; i < run->files.problem_count; i++) fprintf(stderr, "poolfix: %s\n", run->files.problems[i]);
    report_left_out(options, &run->files);

    bool fatal = !pf_run_schemas_resolve(&st->schemas, options, &run->files, stderr);
    /* Only the schema search asks the listings. */
    pf_listings_free(run->files.listings);
    run->files.listings = NULL;
    run->skipped += st->schemas.unusable;
    run->results = pf_xcalloc(run->files.count + 1, sizeof(pf_file_result *));
    run->schemas = st->schemas.for_file;
    if (fatal) return 2;

    st->prefilter = pf_prefilter_new();
    st->scanner = pf_import_scanner_new();
    run->engine = (pf_engine){options, st->clients, st->prefilter, st->scanner, NULL, {0, 0}};
    open_cache(run);
    /* No more threads than files: a run of one file needs one. */
    size_t threads = (size_t)options->jobs < run->files.count ? (size_t)options->jobs : run->files.count;
    st->workers = pool_open(threads);
    int code = analyse(run, rewrite);
    pool_close(st->workers);
    st->workers = NULL;
    /* The workers' freed trees first go back, or the blocks would be built on top of them. */
    malloc_trim(0);
    progress_clear(&st->bar);
    report_cache(run);
    return code;
}

void pf_run_free(pf_run *run) {
    pf_run_state *st = run->state;
    pf_program_free(run->program);
    for (size_t i = 0; run->results && i < run->files.count; i++) {
        if (run->results[i]) pf_file_result_free(run->results[i]);
        free(run->results[i]);
    }
    free(run->results);
    free(run->analysed_again);
    if (st) {
        pf_resolver_free(st->resolver);
        pf_prefilter_free(st->prefilter);
        pf_import_scanner_free(st->scanner);
        pf_run_schemas_free(&st->schemas);
        pf_client_names_free(st->clients);
        pf_cache_close(st->cache);
        pf_arena_free(&st->arena);
        free(st);
    }
    /* Last: the resolver borrows the paths. */
    pf_discovery_free(&run->files);
    memset(run, 0, sizeof(*run));
}

int pf_workspace_run(const pf_options *options) {
    /* apply finishes writing when the reader of its output goes away (`| head -1`), and says so. */
    if (options->command == PF_CMD_APPLY) signal(SIGPIPE, SIG_IGN);
    pf_run run;
    int code = pf_run_analyse(&run, options, options->command != PF_CMD_SCAN);
    size_t skipped = run.skipped;
    bool failed = false;
    pf_diff_style style = {3, options->color};
    size_t *rewrites = pf_xcalloc(pf_pass_count, sizeof(size_t));
    for (size_t i = 0; i < run.files.count && code == 0; i++) {
        pf_file_result *r = run.results[i];
        if (!r) continue;
        skipped += print_problems(r);
        failed |= fails(options, r);
        count_rewrites(r, rewrites);
        if (options->command == PF_CMD_DIFF && r->output) {
            pf_buf out = PF_BUF_INIT;
            char *label = diff_label(r->file);
            pf_diff_write(&out, label, r->source.bytes, r->source.len, r->output, r->output_len, &style);
            fwrite(out.data, 1, out.len, stdout);
            pf_buf_free(&out);
            free(label);
        }
    }
    fflush(stdout);
    if (code == 0 && options->command == PF_CMD_SCAN) {
        /* Most reports name the schemas and read none of their models (dub: 0.5 MB). */
        if (!pf_report_reruns_engine(options)) {
            pf_run_schemas_outline(&run.state->schemas, run.files.count);
            for (size_t i = 0; i < run.files.count; i++)
                if (run.results[i]) run.results[i]->schema = run.schemas[i];
        }
        pf_report report = {options, run.files.files, run.results, run.schemas, run.files.count, skipped, &run.engine,
                            run.program};
        pf_report_write(&report, stdout);
    } else if (code == 0 && options->command == PF_CMD_APPLY) {
        code = apply_results(options, &run.files, run.results, &skipped);
    }
    if (code == 0 && options->command != PF_CMD_SCAN && !options->quiet) print_rewrites(options, rewrites);
    free(rewrites);
    if (code == 0 && failed) code = 1;
    if (code == 0 && skipped) code = 3;
    pf_run_free(&run);
    return code;
}
