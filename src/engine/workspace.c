/* A whole run: discover files, resolve their schemas, process them on worker threads, and
 * hand the results, in path order, to the command's output (see workspace.h). */
#include "poolfix/workspace.h"

#include "poolfix/apply.h"
#include "poolfix/diff.h"
#include "poolfix/engine.h"
#include "poolfix/git.h"
#include "poolfix/path.h"
#include "poolfix/report.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The schemas of a run: loaded once each, before any worker starts. */
typedef struct schema_cache {
    char **dirs;           /* folder → schema path memo */
    char **dir_schema;
    size_t dir_count;
    char **paths;          /* schema path → loaded schema */
    pf_schema **schemas;
    size_t count;
    size_t unusable;       /* schemas with errors: the run goes on without them (exit 3) */
    const char *top_root;  /* the walk root whose work tree top `top` is (roots come in runs) */
    char *top;             /* NULL outside a work tree */
} schema_cache;

/* The work tree top above a walk root, computed once per root rather than per folder. */
static const char *cached_top(schema_cache *cache, const char *root) {
    if (!cache->top_root || strcmp(cache->top_root, root) != 0) {
        free(cache->top);
        cache->top = pf_path_work_tree_top(root);
        cache->top_root = root;
    }
    return cache->top;
}

/* `path` as messages show it: relative to the current folder when under it, and quoted
 * when a character in it would break the line (pf_path_printable). Malloc'd. */
static char *shown_path(const char *path) {
    char *display = pf_path_for_display(path);
    char *printable = pf_path_printable(display);
    free(display);
    return printable;
}

/* The most errors of one schema printed: a file that is not a schema at all has hundreds. */
#define SCHEMA_ERRORS_SHOWN 10

/* Prints a schema's errors (the first few; with -q only the first, on the line that says the
 * schema is not used). */
static void print_schema_errors(const pf_schema *schema, const char *path, bool quiet) {
    char *shown = shown_path(path);
    size_t listed = quiet ? 0 : schema->error_count < SCHEMA_ERRORS_SHOWN ? schema->error_count : SCHEMA_ERRORS_SHOWN;
    for (size_t i = 0; i < listed; i++) {
        char *file = shown_path(schema->errors[i].file);
        fprintf(stderr, "poolfix: %s:%d: %s\n", file, schema->errors[i].line, schema->errors[i].message);
        free(file);
    }
    if (schema->error_count > listed && !quiet)
        fprintf(stderr, "poolfix: %s: %zu more errors not shown\n", shown, schema->error_count - listed);
    if (quiet) {
        char *file = shown_path(schema->errors[0].file);
        fprintf(stderr, "poolfix: %s has %zu error%s (the first: %s:%d: %s): continuing without schema knowledge\n",
                shown, schema->error_count, schema->error_count == 1 ? "" : "s", file, schema->errors[0].line,
                schema->errors[0].message);
        free(file);
    } else {
        fprintf(stderr, "poolfix: %s has errors: continuing without schema knowledge (nested relations and "
                        "aggregation rewrites need it)\n", shown);
    }
    free(shown);
}

/* Loads (once) the schema at `path`; prints its problems once. NULL if unreadable. */
static const pf_schema *cache_load(schema_cache *cache, const char *path, bool quiet, bool *fatal) {
    for (size_t i = 0; i < cache->count; i++)
        if (strcmp(cache->paths[i], path) == 0) return cache->schemas[i];
    char *error = NULL;
    pf_schema *schema = pf_schema_load(path, &error);
    if (!schema) {
        fprintf(stderr, "poolfix: %s\n", error);
        free(error);
        *fatal = true;
    } else if (schema->error_count) {
        print_schema_errors(schema, path, quiet);
        cache->unusable++;
    }
    cache->paths = pf_xrealloc(cache->paths, (cache->count + 1) * sizeof(char *));
    cache->schemas = pf_xrealloc(cache->schemas, (cache->count + 1) * sizeof(pf_schema *));
    cache->paths[cache->count] = pf_xstrdup(path);
    cache->schemas[cache->count++] = schema;
    return schema; /* with errors, it is kept for the reports but not used (see engine.c) */
}

/* The schema for a file: --schema/poolfix.json, else the nearest one above its folder. */
static const pf_schema *schema_for(schema_cache *cache, const pf_options *options, const pf_discovered *file,
                                   bool *fatal) {
    if (options->schema_path) return cache_load(cache, options->schema_path, options->quiet, fatal);
    char *dir = pf_path_dirname(file->path);
    const char *located = NULL;
    bool memoised = false;
    for (size_t i = 0; i < cache->dir_count && !memoised; i++)
        if (strcmp(cache->dirs[i], dir) == 0) located = cache->dir_schema[i], memoised = true;
    if (!memoised) {
        /* Look up to the work tree's top, so `poolfix scan app/api` still finds the schema
         * at the project root; outside a work tree, no higher than the PATH itself. */
        const char *top = cached_top(cache, file->root);
        char *path = pf_schema_locate(dir, top ? top : file->root);
        cache->dirs = pf_xrealloc(cache->dirs, (cache->dir_count + 1) * sizeof(char *));
        cache->dir_schema = pf_xrealloc(cache->dir_schema, (cache->dir_count + 1) * sizeof(char *));
        cache->dirs[cache->dir_count] = dir;
        cache->dir_schema[cache->dir_count++] = path;
        located = path;
        dir = NULL;
    }
    free(dir);
    return located ? cache_load(cache, located, options->quiet, fatal) : NULL;
}

/* Frees the memo and every schema loaded. */
static void cache_free(schema_cache *cache) {
    for (size_t i = 0; i < cache->dir_count; i++) free(cache->dirs[i]), free(cache->dir_schema[i]);
    for (size_t i = 0; i < cache->count; i++) free(cache->paths[i]), pf_schema_free(cache->schemas[i]);
    free(cache->dirs);
    free(cache->dir_schema);
    free(cache->paths);
    free(cache->schemas);
    free(cache->top);
}

/* The work queue shared by the worker threads: the next file index, and which are done. */
typedef struct pool {
    const pf_engine *engine;
    const pf_discovery *files;
    const pf_schema *const *schemas;
    bool rewrite;
    pf_file_result *results;
    bool *done;
    size_t next;
    pthread_mutex_t lock;
    pthread_cond_t finished;
} pool;

/* One worker thread: takes files off the queue until none are left. */
static void *worker_main(void *arg) {
    pool *p = arg;
    pf_worker *worker = pf_worker_new(p->engine);
    for (;;) {
        pthread_mutex_lock(&p->lock);
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->files->count) break;
        pf_engine_process(p->engine, worker, &p->files->files[i], p->schemas[i], p->rewrite, &p->results[i]);
        pthread_mutex_lock(&p->lock);
        p->done[i] = true;
        pthread_cond_broadcast(&p->finished);
        pthread_mutex_unlock(&p->lock);
    }
    pf_worker_free(worker);
    return NULL;
}

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

/* Redraws the line when it is due: `done` of `total` files. */
static void progress_tick(progress *bar, size_t done, size_t total) {
    if (!bar->enabled) return;
    double now = seconds_since(&bar->start);
    if (now < 1.0 || (bar->drawn && now - bar->last_draw < 0.1)) return;
    fprintf(stderr, "\rpoolfix: %zu/%zu files\033[K", done, total);
    bar->drawn = true;
    bar->last_draw = now;
}

/* Takes the line off the terminal, before other output or at the end. */
static void progress_clear(progress *bar) {
    if (!bar->drawn) return;
    fputs("\r\033[K", stderr);
    bar->drawn = false;
}

/* Waits until file `i` is done, keeping the progress line up to date meanwhile. */
static void wait_for(pool *p, size_t i, progress *bar) {
    pthread_mutex_lock(&p->lock);
    while (!p->done[i]) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&p->finished, &p->lock, &until);
        progress_tick(bar, i, p->files->count);
    }
    pthread_mutex_unlock(&p->lock);
}

/* Prints the problems of one result on stderr; returns whether the file counts as skipped. */
static bool print_problems(const pf_file_result *result) {
    char *path = pf_path_printable(result->file->path);
    for (size_t i = 0; i < result->problems.len; i++) fprintf(stderr, "poolfix: %s: %s\n", path, result->problems.items[i]);
    if (result->skipped) fprintf(stderr, "poolfix: %s: %s\n", path, result->skipped);
    free(path);
    return result->skipped || result->problems.len;
}

/* The path a diff names: a symbolic link's target, which is the file apply writes and the
 * one `git apply` can patch (git keeps a link as a link). */
static char *diff_label(const char *path) {
    struct stat st;
    char *real = lstat(path, &st) == 0 && S_ISLNK(st.st_mode) ? realpath(path, NULL) : NULL;
    char *label = pf_path_for_display(real ? real : path);
    free(real);
    return label;
}

/* Whether a failed write means the others will fail too, which stops apply. */
static bool stops_the_run(int err) {
    return err == ENOSPC || err == EDQUOT || err == EROFS || err == EIO;
}

/* Removes the temporary files an interrupted apply left beside the files of this run (see
 * pf_apply_remove_stale), once per folder, and says so. */
static void remove_stale_temporaries(const pf_options *options, const pf_file_result *results, size_t count) {
    size_t removed = 0;
    char **seen = NULL;
    size_t seen_count = 0;
    for (size_t i = 0; i < count; i++) {
        char *dir = pf_path_dirname(results[i].file->path);
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
static int apply_results(const pf_options *options, pf_file_result *results, size_t count, size_t *skipped) {
    remove_stale_temporaries(options, results, count);
    size_t changed = 0;
    for (size_t i = 0; i < count; i++) changed += results[i].output != NULL;
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
        if (!results[i].output) continue;
        char *dir = pf_path_dirname(results[i].file->path);
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
        pf_file_result *r = &results[i];
        if (!r->output) continue;
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

int pf_workspace_run(const pf_options *options) {
    /* apply finishes writing when the reader of its output goes away (`| head -1`), and says so. */
    if (options->command == PF_CMD_APPLY) signal(SIGPIPE, SIG_IGN);
    size_t name_count = pf_default_client_name_count + options->client_name_count;
    const char **names = pf_xcalloc(name_count, sizeof(char *));
    for (size_t i = 0; i < pf_default_client_name_count; i++) names[i] = pf_default_client_names[i];
    for (size_t i = 0; i < options->client_name_count; i++)
        names[pf_default_client_name_count + i] = options->client_names[i];
    char *error = NULL;
    pf_client_names *clients = pf_client_names_new(names, name_count, options->client_pattern, &error);
    free(names);
    if (!clients) {
        fprintf(stderr, "poolfix: %s: %s\n", options->config_path ? options->config_path : "poolfix.json", error);
        free(error);
        return 2;
    }

    pf_discover_options discover_options = {(const char *const *)options->ignore_patterns,
                                            options->ignore_pattern_count};
    pf_discovery files;
    pf_discover((const char *const *)options->paths, options->path_count, &discover_options, &files);
    size_t skipped = files.problem_count;
    for (size_t i = 0; i < files.problem_count; i++) fprintf(stderr, "poolfix: %s\n", files.problems[i]);

    schema_cache cache = {0};
    bool fatal = false;
    const pf_schema **schemas = pf_xcalloc(files.count + 1, sizeof(pf_schema *));
    for (size_t i = 0; i < files.count && !fatal; i++) schemas[i] = schema_for(&cache, options, &files.files[i], &fatal);
    int code = fatal ? 2 : 0;
    skipped += cache.unusable;

    pf_prefilter *prefilter = pf_prefilter_new();
    pf_engine engine = {options, clients, prefilter};
    pool p = {.engine = &engine, .files = &files, .schemas = schemas,
              .rewrite = options->command != PF_CMD_SCAN};
    p.results = pf_xcalloc(files.count + 1, sizeof(pf_file_result));
    p.done = pf_xcalloc(files.count + 1, sizeof(bool));
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.finished, NULL);
    size_t thread_count = fatal ? 0 : (size_t)options->jobs;
    if (thread_count > files.count) thread_count = files.count;
    pthread_t *threads = pf_xcalloc(thread_count + 1, sizeof(pthread_t));
    /* A stack of a known size, whatever `ulimit -s` says: the walks that recurse go at most
     * PF_MAX_NESTING levels deep, a fraction of it. */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, PF_WORKER_STACK_BYTES);
    for (size_t t = 0; t < thread_count; t++) pthread_create(&threads[t], &attr, worker_main, &p);
    pthread_attr_destroy(&attr);

    progress bar = {.enabled = !options->quiet && isatty(STDERR_FILENO)};
    clock_gettime(CLOCK_MONOTONIC, &bar.start);
    bool failed = false;
    bool *endpoint_seen = pf_xcalloc(options->endpoint_count + 1, sizeof(bool));
    pf_diff_style style = {3, options->color};
    for (size_t i = 0; i < files.count && !fatal; i++) {
        wait_for(&p, i, &bar);
        progress_tick(&bar, i + 1, files.count);
        pf_file_result *r = &p.results[i];
        for (size_t e = 0; r->route && e < options->endpoint_count; e++)
            endpoint_seen[e] |= strcmp(r->route, options->endpoints[e]) == 0;
        if (r->skipped || r->problems.len || (options->command == PF_CMD_DIFF && r->output)) progress_clear(&bar);
        skipped += print_problems(r);
        failed |= fails(options, r);
        /* Reports quote the source of files with findings only: the rest need not stay in
         * memory while thousands of files are scanned. */
        if (options->command == PF_CMD_SCAN && r->findings.len == 0) pf_source_free(&r->source);
        if (options->command == PF_CMD_DIFF) {
            if (r->output) {
                pf_buf out = PF_BUF_INIT;
                char *label = diff_label(r->file->path);
                pf_diff_write(&out, label, r->source.bytes, r->source.len, r->output, r->output_len, &style);
                fwrite(out.data, 1, out.len, stdout);
                pf_buf_free(&out);
                free(label);
            }
            pf_file_result_free(r);
        }
    }
    for (size_t t = 0; t < thread_count; t++) pthread_join(threads[t], NULL);
    progress_clear(&bar);
    fflush(stdout);
    /* A mistyped --endpoint would otherwise look like "nothing to fix". */
    for (size_t e = 0; !fatal && e < options->endpoint_count; e++) {
        if (endpoint_seen[e]) continue;
        fprintf(stderr, "poolfix: --endpoint %s: no route handler in the scanned files serves it\n",
                options->endpoints[e]);
        fatal = true;
        code = 2;
    }

    if (!fatal && options->command == PF_CMD_SCAN) {
        pf_report report = {options, p.results, files.count, skipped, &engine};
        pf_report_write(&report, stdout);
    } else if (!fatal && options->command == PF_CMD_APPLY) {
        code = apply_results(options, p.results, files.count, &skipped);
    }
    if (code == 0 && failed) code = 1;
    if (code == 0 && skipped) code = 3;

    for (size_t i = 0; i < files.count; i++)
        if (p.done[i]) pf_file_result_free(&p.results[i]);
    free(p.results);
    free(p.done);
    free(endpoint_seen);
    free(threads);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.finished);
    pf_prefilter_free(prefilter);
    free(schemas);
    cache_free(&cache);
    pf_discovery_free(&files);
    pf_client_names_free(clients);
    return code;
}
