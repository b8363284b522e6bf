/* The resolved settings of one run: command line over poolfix.json over defaults.
 * Built once before any file is processed and read-only afterwards (shared by threads). */
#ifndef POOLFIX_OPTIONS_H
#define POOLFIX_OPTIONS_H

#include "poolfix/findings.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum pf_command { PF_CMD_SCAN, PF_CMD_DIFF, PF_CMD_APPLY, PF_CMD_EXPLAIN } pf_command;
typedef enum pf_format { PF_FORMAT_TEXT, PF_FORMAT_MARKDOWN, PF_FORMAT_JSON, PF_FORMAT_SARIF } pf_format;
typedef enum pf_color_mode { PF_COLOR_AUTO, PF_COLOR_ALWAYS, PF_COLOR_NEVER } pf_color_mode;
/* How the loop pass counts windows: auto (SQL where the provider and the loop allow it, else
 * memory), memory (one findMany, counted in memory), sql (one $queryRaw). */
typedef enum pf_aggregate { PF_AGGREGATE_AUTO, PF_AGGREGATE_MEMORY, PF_AGGREGATE_SQL } pf_aggregate;

/* The order the first stage parses files in: callees first by the import graph (the
 * default, and the only one the command line uses), or, for tests that prove the output does
 * not depend on it, path order or callers first. */
typedef enum pf_first_stage_order {
    PF_FIRST_STAGE_CALLEES_FIRST,
    PF_FIRST_STAGE_PATH_ORDER,
    PF_FIRST_STAGE_CALLERS_FIRST
} pf_first_stage_order;

/* A `take` limit for one relation, from poolfix.json: "Student.assessments": 5. */
typedef struct pf_take_limit {
    char *model;
    char *relation;
    int take;
} pf_take_limit;

/* The numbers the severity rules compare against (see analysis.c, and `explain severity`). */
typedef struct pf_thresholds {
    int parallel_critical;    /* queries in flight at once: critical at or above (10) */
    int parallel_high;        /* high at or above (5) */
    int parallel_low;         /* low at or above (2); below this, nothing is reported */
    int sequential_medium;    /* round trips one after another: medium at or above (3) */
    int connections_critical; /* a handler's total queries per request: critical at or above (20) */
} pf_thresholds;

typedef struct pf_options {
    pf_command command;
    char **paths;
    size_t path_count;
    char **endpoints; /* normalised routes (--endpoint), empty = every file and function */
    size_t endpoint_count;
    char *method;     /* --method, upper case, or NULL */
    unsigned passes;  /* bit i set: pf_passes[i] runs */
    int batch_size;
    int depth;        /* --depth: calls followed from an endpoint or function; 0 for no limit */
    int take;         /* default limit for nested relations */
    bool take_from_cli; /* --take was given: it wins over poolfix.json's per-relation limits */
    pf_take_limit *take_limits;
    size_t take_limit_count;
    bool order_by_id;
    pf_aggregate aggregate;
    char *schema_path; /* --schema or poolfix.json `schema`, else NULL (discovered per file) */
    char *config_path; /* the poolfix.json in use, or NULL */
    pf_format format;
    bool fail_on_set;
    pf_severity fail_on;
    int jobs;
    bool color;       /* resolved from --color, NO_COLOR and whether stdout is a terminal */
    bool quiet;
    bool verbose;       /* say what is otherwise hidden: every schema error, the files left out */
    bool include_tests; /* scan tests, seeds, scripts and migrations too (see conventions.h) */
    bool include_generated; /* scan minified and generated files too (see generated.h) */
    char *cache_dir;        /* --cache-dir, or NULL for the default (see cache.h) */
    bool no_cache;          /* --no-cache */
    bool allow_dirty;
    char *branch;
    char **client_names;
    size_t client_name_count;
    char *client_pattern;
    char **ignore_patterns;
    size_t ignore_pattern_count;
    pf_thresholds thresholds;
    char *explain_topic;
    pf_first_stage_order first_stage_order; /* not a flag: see pf_first_stage_order */
} pf_options;

/* The largest `take` and the largest count poolfix.json accepts: a limit meant to bound a
 * relation, well within the int Prisma takes. */
#define PF_TAKE_MAX 1000000

/* Fills the defaults (batch size 4, take 10, the default passes, default thresholds). */
void pf_options_init(pf_options *options);
void pf_options_free(pf_options *options);
/* Whether --endpoint/--method select the endpoint `method` ("ALL" for a Pages Router default
 * export) serving `route` (a URL path, a tRPC procedure path, a Server Action's name);
 * everything is selected without --endpoint, nothing outside an endpoint (NULL route or
 * method) with it. */
bool pf_options_selects(const pf_options *options, const char *route, const char *method);
/* Parses an --aggregate mode ("auto", "memory" or "sql"); false for anything else. */
bool pf_aggregate_parse(const char *name, pf_aggregate *out);

/* The `take` limit for `Model.relation`: --take when given, else a per-relation limit, else
 * the default. */
int pf_options_take_for(const pf_options *options, const char *model, size_t model_len, const char *relation,
                        size_t relation_len);

#endif
