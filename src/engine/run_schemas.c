/* The schemas of a run (see run_schemas.h). */
#include "poolfix/run_schemas.h"

#include "poolfix/arena.h"
#include "poolfix/map.h"
#include "poolfix/path.h"

#include <stdlib.h>
#include <string.h>

/* What a run learns while it resolves: folder → schema path, and the notes already shown. */
typedef struct resolver {
    pf_run_schemas *out;
    const pf_options *options;
    FILE *err;
    char **keys;       /* "<folder>\n<walk root>" */
    char **located;    /* the schema path for keys[i], or NULL */
    size_t key_count;
    pf_map key_index;  /* keys[i] → i */
    pf_schema_locator *locator;
    char **notes;      /* shown once each */
    size_t note_count;
    const char *top_root; /* the walk root whose work tree top `top` is (roots come in runs) */
    char *top;            /* NULL outside a work tree */
} resolver;

/* The work tree top above a walk root, computed once per root rather than per folder. */
static const char *cached_top(resolver *r, const char *root) {
    if (!r->top_root || strcmp(r->top_root, root) != 0) {
        free(r->top);
        r->top = pf_path_work_tree_top(root);
        r->top_root = root;
    }
    return r->top;
}

/* Shows `note` on stderr unless it was shown already. */
static void note_once(resolver *r, const char *note) {
    for (size_t i = 0; i < r->note_count; i++)
        if (strcmp(r->notes[i], note) == 0) return;
    pf_strings_push(&r->notes, &r->note_count, pf_xstrdup(note));
    fprintf(r->err, "poolfix: %s\n", note);
}

/* qsort() order of schema errors: by file, then line, as a reader goes through them. */
static int by_place(const void *a, const void *b) {
    const pf_schema_error *x = a, *y = b;
    int cmp = strcmp(x->file, y->file);
    return cmp ? cmp : (x->line > y->line) - (x->line < y->line);
}

/* Says what is wrong with a schema that has errors: one line with the count and the first
 * error, after every error (in file and line order) with --verbose. */
static void report_errors(resolver *r, const pf_schema *schema) {
    pf_schema_error *errors = pf_xmalloc(schema->error_count * sizeof(*errors));
    memcpy(errors, schema->errors, schema->error_count * sizeof(*errors));
    qsort(errors, schema->error_count, sizeof(*errors), by_place);
    for (size_t i = 0; r->options->verbose && i < schema->error_count; i++) {
        char *file = pf_path_for_display(errors[i].file);
        fprintf(r->err, "poolfix: %s:%d: %s\n", file, errors[i].line, errors[i].message);
        free(file);
    }
    char *shown = pf_path_for_display(schema->path), *first = pf_path_for_display(errors[0].file);
    fprintf(r->err, "poolfix: schema %s has %zu error%s (the first: %s:%d: %s); not used, so nested relations and "
                    "aggregation rewrites are not checked%s\n",
            shown, schema->error_count, schema->error_count == 1 ? "" : "s", first, errors[0].line, errors[0].message,
            r->options->verbose || schema->error_count == 1 ? "" : " (--verbose lists all)");
    free(first);
    free(shown);
    free(errors);
}

/* The schema at `path`, loaded and judged on first use. NULL, with `*fatal` set when the
 * path was named explicitly, when it cannot be read. */
static const pf_schema *load(resolver *r, const char *path, bool explicit, bool *fatal) {
    pf_run_schemas *out = r->out;
    for (size_t i = 0; i < out->count; i++)
        if (strcmp(out->paths[i], path) == 0) return out->schemas[i];
    char *error = NULL;
    pf_schema *schema = pf_schema_load(path, &error);
    if (!schema) {
        fprintf(r->err, "poolfix: %s\n", error);
        free(error);
        if (explicit) *fatal = true;
        else out->unusable++;
    } else if (schema->error_count) {
        report_errors(r, schema);
        out->unusable++;
    } else if (schema->model_count == 0) {
        char *shown = pf_path_for_display(path);
        fprintf(r->err, "poolfix: schema %s defines no model: nested relations and aggregation rewrites are not "
                        "checked (if the models are in other files, name their folder with --schema)\n",
                shown);
        free(shown);
    }
    out->paths = pf_xrealloc(out->paths, (out->count + 1) * sizeof(char *));
    out->schemas = pf_xrealloc(out->schemas, (out->count + 1) * sizeof(pf_schema *));
    out->paths[out->count] = pf_xstrdup(path);
    out->schemas[out->count++] = schema;
    return schema; /* with errors, it is kept for the reports but not used (see engine.c) */
}

/* The schema path located for the folder of `file`, memoised per folder and walk root. */
static const char *locate(resolver *r, const pf_discovered *file) {
    char *dir = pf_path_dirname(file->path);
    size_t len = strlen(dir) + strlen(file->root) + 2;
    char *key = pf_xmalloc(len);
    snprintf(key, len, "%s\n%s", dir, file->root);
    size_t known;
    if (pf_map_find(&r->key_index, key, strlen(key), &known)) {
        free(key);
        free(dir);
        return r->located[known];
    }
    /* Look up to the work tree's top, so `poolfix scan app/api` still finds the schema at
     * the project root; outside a work tree, no higher than the PATH itself. */
    const char *top = cached_top(r, file->root);
    pf_schema_location location;
    pf_schema_locator_find(r->locator, dir, top ? top : file->root, file->root, &location);
    if (location.note) note_once(r, location.note);
    free(location.note);
    free(dir);
    r->keys = pf_xrealloc(r->keys, (r->key_count + 1) * sizeof(char *));
    r->located = pf_xrealloc(r->located, (r->key_count + 1) * sizeof(char *));
    r->keys[r->key_count] = key;
    r->located[r->key_count] = location.path;
    pf_map_set(&r->key_index, key, strlen(key), r->key_count);
    return r->located[r->key_count++];
}

/* Files without a schema of their own get the run's only schema, when there is exactly one:
 * in a monorepo the queries run in apps whose client is built from a database package's
 * schema. With several, which one a file uses cannot be told, and it keeps none. */
static void share_only_schema(resolver *r, const pf_discovery *files) {
    pf_run_schemas *out = r->out;
    const pf_schema *only = NULL;
    size_t distinct = 0, without = 0;
    for (size_t i = 0; i < out->count; i++)
        if (out->schemas[i]) only = out->schemas[i], distinct++;
    for (size_t i = 0; i < files->count; i++) without += out->for_file[i] == NULL;
    if (without == 0) return;
    if (distinct == 1) {
        for (size_t i = 0; i < files->count; i++)
            if (!out->for_file[i]) out->for_file[i] = only;
        if (r->options->verbose) {
            char *shown = pf_path_for_display(only->path);
            fprintf(r->err, "poolfix: %zu file%s with no schema above %s use %s, the only schema of the run\n", without,
                    without == 1 ? "" : "s", without == 1 ? "it" : "them", shown);
            free(shown);
        }
        return;
    }
    /* With no schema at all, the report's header says so once: naming every file adds nothing. */
    if (distinct == 0) return;
    for (size_t i = 0; r->options->verbose && i < files->count; i++)
        if (!out->for_file[i]) fprintf(r->err, "poolfix: %s: no Prisma schema found for it\n", files->files[i].path);
}

bool pf_run_schemas_resolve(pf_run_schemas *out, const pf_options *options, const pf_discovery *files, FILE *err) {
    memset(out, 0, sizeof(*out));
    out->for_file = pf_xcalloc(files->count + 1, sizeof(pf_schema *));
    resolver r = {.out = out, .options = options, .err = err, .locator = pf_schema_locator_new(files->listings)};
    bool fatal = false;
    for (size_t i = 0; i < files->count && !fatal; i++) {
        const char *path = options->schema_path ? options->schema_path : locate(&r, &files->files[i]);
        out->for_file[i] = path ? load(&r, path, options->schema_path != NULL, &fatal) : NULL;
    }
    if (!fatal && !options->schema_path) share_only_schema(&r, files);
    for (size_t i = 0; i < r.key_count; i++) free(r.keys[i]), free(r.located[i]);
    free(r.keys);
    free(r.located);
    pf_map_free(&r.key_index);
    pf_schema_locator_free(r.locator);
    pf_strings_free(r.notes, r.note_count);
    free(r.top);
    return !fatal;
}

void pf_run_schemas_outline(pf_run_schemas *schemas, size_t file_count) {
    for (size_t k = 0; k < schemas->count; k++) {
        pf_schema *schema = schemas->schemas[k];
        if (!schema) continue;
        pf_schema *outline = pf_schema_outline(schema);
        for (size_t i = 0; i < file_count; i++)
            if (schemas->for_file[i] == schema) schemas->for_file[i] = outline;
        pf_schema_free(schema);
        schemas->schemas[k] = outline;
    }
}

void pf_run_schemas_free(pf_run_schemas *schemas) {
    for (size_t i = 0; i < schemas->count; i++) free(schemas->paths[i]), pf_schema_free(schemas->schemas[i]);
    free(schemas->paths);
    free(schemas->schemas);
    free(schemas->for_file);
    memset(schemas, 0, sizeof(*schemas));
}
