/* poolfix.json loading (see config.h). */
#include "poolfix/config.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"
#include "poolfix/pass.h"
#include "poolfix/path.h"
#include "poolfix/source.h"

#include <cJSON.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether anything exists at `path`. */
static bool exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

char *pf_config_locate(const char *start) {
    char *dir = realpath(start, NULL);
    if (!dir) return NULL;
    pf_buf probe = PF_BUF_INIT;
    char *found = NULL;
    for (;;) {
        pf_buf_clear(&probe);
        pf_buf_printf(&probe, "%s/poolfix.json", strcmp(dir, "/") ? dir : "");
        if (exists(probe.data)) {
            found = pf_buf_take(&probe, NULL);
            break;
        }
        pf_buf_clear(&probe);
        pf_buf_printf(&probe, "%s/.git", strcmp(dir, "/") ? dir : "");
        char *slash = strrchr(dir, '/');
        if (exists(probe.data) || !slash || slash == dir) break;
        *slash = '\0';
    }
    pf_buf_free(&probe);
    free(dir);
    return found;
}

/* Records a one-line error "<path>: <message>" and returns false, for `return fail(...)`. */
static bool fail(char **error, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(char **error, const char *path, const char *fmt, ...) {
    pf_buf msg = PF_BUF_INIT;
    pf_buf_printf(&msg, "%s: ", path);
    va_list ap;
    va_start(ap, fmt);
    pf_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    *error = pf_buf_take(&msg, NULL);
    return false;
}

/* The first key that `object` holds twice (JSON parsers keep one of the two values, each
 * its own: a silent surprise either way), or NULL. */
static const char *duplicate_key(const cJSON *object) {
    for (const cJSON *a = object->child; a; a = a->next)
        for (const cJSON *b = a->next; b; b = b->next)
            if (a->string && b->string && strcmp(a->string, b->string) == 0) return a->string;
    return NULL;
}

/* A whole number from 1 to PF_TAKE_MAX, or false. */
static bool positive_int(const cJSON *item, int *out) {
    if (!cJSON_IsNumber(item) || item->valuedouble < 1 || item->valuedouble > PF_TAKE_MAX ||
        item->valuedouble != (double)item->valueint)
        return false;
    *out = item->valueint;
    return true;
}

/* Copies an array of strings into a malloc'd array appended to `*list`. */
static bool append_strings(const cJSON *array, char ***list, size_t *count) {
    if (!cJSON_IsArray(array)) return false;
    const cJSON *item;
    cJSON_ArrayForEach(item, array) if (!cJSON_IsString(item)) return false;
    cJSON_ArrayForEach(item, array) {
        pf_strings_push(list, count, pf_xstrdup(item->valuestring));
    }
    return true;
}

/* `"take": 10` or `"take": { "default": 10, "Student.assessments": 5 }`. */
static bool load_take(const cJSON *take, pf_options *options, const char *path, char **error) {
    if (cJSON_IsNumber(take)) {
        if (!positive_int(take, &options->take))
            return fail(error, path, "`take` must be a whole number from 1 to 1000000");
        return true;
    }
    if (!cJSON_IsObject(take)) return fail(error, path, "`take` must be a number or an object");
    if (duplicate_key(take)) return fail(error, path, "`take.%s` is given twice", duplicate_key(take));
    const cJSON *item;
    cJSON_ArrayForEach(item, take) {
        int value;
        if (!positive_int(item, &value))
            return fail(error, path, "`take.%s` must be a whole number from 1 to 1000000", item->string);
        if (strcmp(item->string, "default") == 0) {
            options->take = value;
            continue;
        }
        const char *dot = strchr(item->string, '.');
        if (!dot || dot == item->string || !dot[1] || strchr(dot + 1, '.'))
            return fail(error, path, "`take` keys are `default` or `Model.relation`, not `%s`", item->string);
        options->take_limits = pf_xrealloc(options->take_limits, (options->take_limit_count + 1) * sizeof(pf_take_limit));
        pf_take_limit *limit = &options->take_limits[options->take_limit_count++];
        limit->model = pf_xstrndup(item->string, (size_t)(dot - item->string));
        limit->relation = pf_xstrdup(dot + 1);
        limit->take = value;
    }
    return true;
}

/* `"thresholds": { "parallelCritical": 10, ... }`. */
static bool load_thresholds(const cJSON *object, pf_thresholds *t, const char *path, char **error) {
    static const struct {
        const char *key;
        size_t offset;
    } keys[] = {{"parallelCritical", offsetof(pf_thresholds, parallel_critical)},
                {"parallelHigh", offsetof(pf_thresholds, parallel_high)},
                {"parallelLow", offsetof(pf_thresholds, parallel_low)},
                {"sequentialMedium", offsetof(pf_thresholds, sequential_medium)},
                {"connectionsCritical", offsetof(pf_thresholds, connections_critical)}};
    if (!cJSON_IsObject(object)) return fail(error, path, "`thresholds` must be an object");
    if (duplicate_key(object)) return fail(error, path, "`thresholds.%s` is given twice", duplicate_key(object));
    const cJSON *item;
    cJSON_ArrayForEach(item, object) {
        size_t k = 0;
        while (k < sizeof(keys) / sizeof(*keys) && strcmp(keys[k].key, item->string) != 0) k++;
        if (k == sizeof(keys) / sizeof(*keys))
            return fail(error, path, "unknown key `thresholds.%s`", item->string);
        if (!positive_int(item, (int *)((char *)t + keys[k].offset)))
            return fail(error, path, "`thresholds.%s` must be a whole number from 1 to 1000000", item->string);
    }
    return true;
}

/* `"passes": ["batch", "take"]`: exactly these passes run. */
static bool load_passes(const cJSON *array, pf_options *options, const char *path, char **error) {
    if (!cJSON_IsArray(array)) return fail(error, path, "`passes` must be an array of pass names");
    unsigned passes = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, array) {
        size_t index;
        if (!cJSON_IsString(item) || !pf_pass_named(item->valuestring, strlen(item->valuestring), &index))
            return fail(error, path, "unknown pass in `passes`: %s", cJSON_IsString(item) ? item->valuestring : "?");
        passes |= 1u << index;
    }
    options->passes = passes;
    return true;
}

/* Applies one top-level key. */
static bool load_key(const cJSON *item, pf_options *options, const char *path, char **error) {
    const char *key = item->string;
    if (strcmp(key, "schema") == 0) {
        if (!cJSON_IsString(item)) return fail(error, path, "`schema` must be a string");
        char *dir = pf_path_dirname(path);
        pf_buf resolved = PF_BUF_INIT;
        if (item->valuestring[0] == '/') pf_buf_puts(&resolved, item->valuestring);
        else pf_buf_printf(&resolved, "%s/%s", dir, item->valuestring);
        free(dir);
        free(options->schema_path);
        options->schema_path = pf_buf_take(&resolved, NULL);
    } else if (strcmp(key, "clients") == 0) {
        if (!append_strings(item, &options->client_names, &options->client_name_count))
            return fail(error, path, "`clients` must be an array of strings");
    } else if (strcmp(key, "clientPattern") == 0) {
        if (!cJSON_IsString(item)) return fail(error, path, "`clientPattern` must be a string");
        free(options->client_pattern);
        options->client_pattern = pf_xstrdup(item->valuestring);
    } else if (strcmp(key, "batchSize") == 0) {
        if (!positive_int(item, &options->batch_size))
            return fail(error, path, "`batchSize` must be a whole number from 1 to 1000000");
    } else if (strcmp(key, "take") == 0) {
        return load_take(item, options, path, error);
    } else if (strcmp(key, "ignore") == 0) {
        if (!append_strings(item, &options->ignore_patterns, &options->ignore_pattern_count))
            return fail(error, path, "`ignore` must be an array of strings");
    } else if (strcmp(key, "passes") == 0) {
        return load_passes(item, options, path, error);
    } else if (strcmp(key, "thresholds") == 0) {
        return load_thresholds(item, &options->thresholds, path, error);
    } else if (strcmp(key, "includeTests") == 0) {
        if (!cJSON_IsBool(item)) return fail(error, path, "`includeTests` must be true or false");
        options->include_tests = cJSON_IsTrue(item);
    } else if (strcmp(key, "orderById") == 0) {
        if (!cJSON_IsBool(item)) return fail(error, path, "`orderById` must be true or false");
        options->order_by_id = cJSON_IsTrue(item);
    } else if (strcmp(key, "aggregate") == 0) {
        if (!cJSON_IsString(item) || !pf_aggregate_parse(item->valuestring, &options->aggregate))
            return fail(error, path, "`aggregate` must be \"auto\", \"memory\" or \"sql\"");
    } else if (strcmp(key, "$schema") != 0) {
        return fail(error, path, "unknown key `%s`", key);
    }
    return true;
}

bool pf_config_may_read(const char *config_path, const char *target) {
    char *real = realpath(target, NULL);
    if (!real) return true; /* nothing there to read: opening it reports the missing file */
    char *dir = pf_path_dirname(config_path);
    char *project = pf_path_work_tree_top(dir);
    if (!project) project = realpath(dir, NULL);
    bool inside = project && pf_path_below(real, project);
    free(project);
    free(dir);
    free(real);
    return inside;
}

bool pf_config_load(const char *path, pf_options *options, char **error) {
    pf_source source;
    char *cause = NULL;
    if (pf_source_read(path, &source, &cause) != PF_SOURCE_OK) {
        fail(error, path, "%s", cause);
        free(cause);
        return false;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(source.text, source.text_len, &end, false);
    bool ok = true;
    if (!root) {
        int line = 1;
        for (const char *p = source.text; end && p < end; p++) line += *p == '\n';
        ok = fail(error, path, "line %d: not valid JSON", line);
    } else if (!cJSON_IsObject(root)) {
        ok = fail(error, path, "must hold a JSON object");
    } else if (duplicate_key(root)) {
        ok = fail(error, path, "`%s` is given twice", duplicate_key(root));
    } else {
        const cJSON *item;
        cJSON_ArrayForEach(item, root) if (ok) ok = load_key(item, options, path, error);
    }
    cJSON_Delete(root);
    pf_source_free(&source);
    if (ok) {
        free(options->config_path);
        options->config_path = pf_xstrdup(path);
    }
    return ok;
}
