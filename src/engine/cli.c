/* Command-line parsing: argv → pf_options, with poolfix.json underneath (see cli.h). */
#include "poolfix/cli.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"
#include "poolfix/config.h"
#include "poolfix/endpoint.h"
#include "poolfix/pass.h"
#include "poolfix/path.h"

#include <ctype.h>
#include <stdarg.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
    "usage: poolfix <command> [options] [PATH...]\n"
    "\n"
    "Finds Prisma queries that can exhaust a small connection pool (connection_limit=1 on\n"
    "serverless) in Next.js route handlers, and rewrites what can be fixed mechanically.\n"
    "\n"
    "commands:\n"
    "  scan     analyse and print the report (text, or --format markdown|json|sarif)\n"
    "  diff     print the unified diff of every rewrite; nothing is written\n"
    "  apply    write the rewrites in place (atomically; refuses a dirty git tree)\n"
    "  explain  explain a rule or pass: poolfix explain [RULE|PASS|severity|paths]\n"
    "\n"
    "PATH defaults to the current folder. Files: .ts .tsx .mts .cts .js .jsx .mjs .cjs;\n"
    "node_modules, build output and what .gitignore ignores are skipped; tests, seeds,\n"
    "scripts and migrations are left out (poolfix explain paths).\n"
    "\n"
    "options:\n"
    "  --endpoint ROUTE      only the endpoints serving ROUTE (repeatable) and what they run:\n"
    "                        /api/reports/dashboard, a tRPC path post.byId, a Server Action\n"
    "  --method METHOD       with --endpoint: only that method's handler\n"
    "  --pass LIST           only these rewrites, comma-separated (default: the safe ones)\n"
    "  --batch-size N        most queries in flight at once after a rewrite (default 4)\n"
    "  --depth N             follow calls at most N deep from each endpoint or function\n"
    "                        (default: no limit)\n"
    "  --take N              limit injected into nested to-many relations (default 10)\n"
    "  --order-by-id         with take: also add orderBy on the related model's @id\n"
    "  --aggregate MODE      loop rewrite: auto (default: sql for PostgreSQL count loops, else\n"
    "                        memory), memory (any database) or sql (PostgreSQL)\n"
    "  --schema PATH         the Prisma schema (file or prisma/schema folder)\n"
    "  --config PATH         poolfix.json to use (default: found from PATH upwards)\n"
    "  --include-tests       also scan tests, e2e tests, seeds, scripts and migrations\n"
    "  --format FORMAT       scan report: text (default), markdown, json, sarif\n"
    "  --fail-on SEVERITY    exit 1 when a finding at or above SEVERITY remains\n"
    "                        (info, low, medium, high, critical)\n"
    "  -j, --jobs N          worker threads (default: one per CPU)\n"
    "  --color WHEN          auto (default: on a terminal, unless NO_COLOR), always, never\n"
    "  -q, --quiet           no progress line and no summary on stderr\n"
    "  -v, --verbose         also say what is otherwise hidden: every schema error, each\n"
    "                        file left out, how each schema was found\n"
    "  --allow-dirty         apply: write even if the git work tree has uncommitted changes\n"
    "  --branch NAME         apply: create and switch to branch NAME before writing\n"
    "  -h, --help            this help\n"
    "  --version             the version\n"
    "\n"
    "exit codes: 0 success; 1 --fail-on matched; 2 bad usage or an input error that stopped\n"
    "the run; 3 the run finished but some files were skipped (each named on stderr).\n";

/* Options that take a value, and the commands they belong to (0 = every command). */
typedef struct option_spec {
    const char *name;
    char short_name;
    bool takes_value;
    unsigned commands; /* bit per pf_command; 0 means all */
} option_spec;

#define CMD_BIT(c) (1u << (c))
static const option_spec option_specs[] = {
    {"endpoint", 0, true, 0},
    {"method", 0, true, 0},
    {"pass", 0, true, 0},
    {"batch-size", 0, true, 0},
    {"depth", 0, true, 0},
    {"take", 0, true, 0},
    {"order-by-id", 0, false, 0},
    {"aggregate", 0, true, 0},
    {"schema", 0, true, 0},
    {"config", 0, true, 0},
    {"format", 0, true, CMD_BIT(PF_CMD_SCAN)},
    {"fail-on", 0, true, 0},
    {"jobs", 'j', true, 0},
    {"color", 0, true, 0},
    {"quiet", 'q', false, 0},
    {"verbose", 'v', false, 0},
    {"include-tests", 0, false, 0},
    {"allow-dirty", 0, false, CMD_BIT(PF_CMD_APPLY)},
    {"branch", 0, true, CMD_BIT(PF_CMD_APPLY)},
    {"help", 'h', false, 0},
    {"version", 0, false, 0},
};

/* One option as given, kept until poolfix.json has been read so it can override it. */
typedef struct given_option {
    const option_spec *spec;
    const char *value;
} given_option;

void pf_cli_print_usage(FILE *out) {
    fputs(usage_text, out);
}

/* Prints "poolfix: <message> (see poolfix --help)" and returns the usage-error result. */
static pf_cli_result usage_error(FILE *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static pf_cli_result usage_error(FILE *err, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("poolfix: ", err);
    vfprintf(err, fmt, ap);
    va_end(ap);
    fputs(" (see poolfix --help)\n", err);
    return PF_CLI_USAGE_ERROR;
}

/* The option spelled `--<name>` (name not NUL-terminated), or NULL. */
static const option_spec *find_long(const char *name, size_t len) {
    for (size_t i = 0; i < sizeof(option_specs) / sizeof(*option_specs); i++)
        if (pf_str_eq_c(pf_str_make(name, len), option_specs[i].name))
            return &option_specs[i];
    return NULL;
}

/* The option spelled `-<c>`, or NULL. */
static const option_spec *find_short(char c) {
    for (size_t i = 0; i < sizeof(option_specs) / sizeof(*option_specs); i++)
        if (option_specs[i].short_name && option_specs[i].short_name == c) return &option_specs[i];
    return NULL;
}

/* A whole-string positive integer up to `max`, or false. */
static bool parse_count(const char *text, int max, int *out) {
    if (!*text || !isdigit((unsigned char)*text)) return false;
    errno = 0;
    char *end;
    long value = strtol(text, &end, 10);
    if (errno || *end || value < 1 || value > max) return false;
    *out = (int)value;
    return true;
}

/* `--pass batch,take`: exactly these passes run. Repeating the option adds to the set. */
static bool parse_passes(const char *value, unsigned *passes, FILE *err) {
    const char *p = value;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        size_t index;
        if (!pf_pass_named(p, len, &index)) {
            pf_buf names = PF_BUF_INIT;
            for (size_t i = 0; i < pf_pass_count; i++) pf_buf_printf(&names, "%s%s", i ? ", " : "", pf_passes[i]->name);
            usage_error(err, "unknown pass '%.*s' in --pass (passes: %s)", (int)len, p, names.data);
            pf_buf_free(&names);
            return false;
        }
        *passes |= 1u << index;
        p += len + (comma ? 1 : 0);
    }
    return true;
}

/* Applies one command-line option over the config-file values. */
static pf_cli_result apply_option(const given_option *given, pf_options *options, unsigned *cli_passes, FILE *err) {
    const char *name = given->spec->name, *value = given->value;
    if (!strcmp(name, "endpoint")) {
        if (value[0] == '\0') return usage_error(err, "--endpoint needs a route such as /api/reports/dashboard");
        pf_strings_push(&options->endpoints, &options->endpoint_count, pf_endpoint_normalize(value));
    } else if (!strcmp(name, "method")) {
        char *upper = pf_xstrdup(value);
        for (char *c = upper; *c; c++) *c = (char)toupper((unsigned char)*c);
        bool known = pf_is_http_method(upper, strlen(upper)) || !strcmp(upper, "QUERY") || !strcmp(upper, "MUTATION") ||
                     !strcmp(upper, "SUBSCRIPTION") || !strcmp(upper, "ACTION");
        if (!known) {
            free(upper);
            return usage_error(err,
                               "--method must be GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (QUERY, MUTATION, "
                               "SUBSCRIPTION for tRPC, ACTION for Server Actions), not '%s'",
                               value);
        }
        free(options->method);
        options->method = upper;
    } else if (!strcmp(name, "pass")) {
        if (!parse_passes(value, cli_passes, err)) return PF_CLI_USAGE_ERROR;
    } else if (!strcmp(name, "depth")) {
        if (!parse_count(value, 1000, &options->depth))
            return usage_error(err, "--depth must be a whole number from 1 to 1000, not '%s'", value);
    } else if (!strcmp(name, "batch-size")) {
        if (!parse_count(value, 1000, &options->batch_size))
            return usage_error(err, "--batch-size must be a whole number from 1 to 1000, not '%s'", value);
    } else if (!strcmp(name, "take")) {
        if (!parse_count(value, PF_TAKE_MAX, &options->take))
            return usage_error(err, "--take must be a whole number from 1 to %d, not '%s'", PF_TAKE_MAX, value);
        options->take_from_cli = true;
    } else if (!strcmp(name, "order-by-id")) {
        options->order_by_id = true;
    } else if (!strcmp(name, "aggregate")) {
        if (!pf_aggregate_parse(value, &options->aggregate))
            return usage_error(err, "--aggregate must be auto, memory or sql, not '%s'", value);
    } else if (!strcmp(name, "schema")) {
        free(options->schema_path);
        options->schema_path = pf_xstrdup(value);
    } else if (!strcmp(name, "format")) {
        static const char *const formats[] = {"text", "markdown", "json", "sarif"};
        size_t i = 0;
        while (i < 4 && strcmp(formats[i], value)) i++;
        if (i == 4) return usage_error(err, "--format must be text, markdown, json or sarif, not '%s'", value);
        options->format = (pf_format)i;
    } else if (!strcmp(name, "fail-on")) {
        if (!pf_severity_parse(value, &options->fail_on))
            return usage_error(err, "--fail-on must be info, low, medium, high or critical, not '%s'", value);
        options->fail_on_set = true;
    } else if (!strcmp(name, "jobs")) {
        if (!parse_count(value, 256, &options->jobs))
            return usage_error(err, "--jobs must be a whole number from 1 to 256, not '%s'", value);
    } else if (!strcmp(name, "quiet")) {
        options->quiet = true;
    } else if (!strcmp(name, "verbose")) {
        options->verbose = true;
    } else if (!strcmp(name, "include-tests")) {
        options->include_tests = true;
    } else if (!strcmp(name, "allow-dirty")) {
        options->allow_dirty = true;
    } else if (!strcmp(name, "branch")) {
        if (value[0] == '\0' || value[0] == '-')
            return usage_error(err, "--branch needs a branch name, not '%s'", value);
        free(options->branch);
        options->branch = pf_xstrdup(value);
    }
    return PF_CLI_RUN;
}

/* Resolves --color against NO_COLOR and whether stdout is a terminal. */
static bool resolve_color(const char *mode, int fd) {
    if (mode && !strcmp(mode, "always")) return true;
    if (mode && !strcmp(mode, "never")) return false;
    const char *no_color = getenv("NO_COLOR");
    return !(no_color && *no_color) && isatty(fd);
}

/* The folder where poolfix.json is looked for: the first PATH (its folder if a file). */
static char *config_start(const pf_options *options) {
    const char *first = options->path_count ? options->paths[0] : ".";
    struct stat st;
    if (stat(first, &st) == 0 && !S_ISDIR(st.st_mode)) return pf_path_dirname(first);
    return pf_xstrdup(first);
}

pf_cli_result pf_cli_parse(int argc, char **argv, pf_options *options, FILE *out, FILE *err) {
    pf_options_init(options);
    given_option *given = pf_xcalloc((size_t)argc + 1, sizeof(given_option));
    size_t given_count = 0;
    const char *command = NULL, *color = NULL, *config = NULL;
    bool options_done = false, help = false, version = false;
    pf_cli_result result = PF_CLI_RUN;

    for (int i = 1; i < argc && result == PF_CLI_RUN; i++) {
        const char *arg = argv[i];
        if (options_done || arg[0] != '-' || arg[1] == '\0') {
            if (!command) command = arg;
            else pf_strings_push(&options->paths, &options->path_count, pf_xstrdup(arg));
            continue;
        }
        if (!strcmp(arg, "--")) {
            options_done = true;
            continue;
        }
        const option_spec *spec;
        const char *value = NULL;
        if (arg[1] == '-') {
            const char *eq = strchr(arg + 2, '=');
            spec = find_long(arg + 2, eq ? (size_t)(eq - arg - 2) : strlen(arg + 2));
            if (eq) value = eq + 1;
        } else {
            /* `-j4` as well as `-j 4`: a short option's value may follow it directly. */
            spec = find_short(arg[1]);
            if (spec && arg[2] != '\0') {
                if (spec->takes_value) value = arg + 2;
                else spec = NULL;
            }
        }
        if (!spec) {
            result = usage_error(err, "unknown option '%s'", arg);
            break;
        }
        if (spec->takes_value && !value) {
            if (i + 1 >= argc) {
                result = usage_error(err, "option '--%s' needs a value", spec->name);
                break;
            }
            value = argv[++i];
        } else if (!spec->takes_value && value) {
            result = usage_error(err, "option '--%s' takes no value", spec->name);
            break;
        }
        if (!strcmp(spec->name, "help")) help = true;
        else if (!strcmp(spec->name, "version")) version = true;
        else if (!strcmp(spec->name, "color")) color = value;
        else if (!strcmp(spec->name, "config")) config = value;
        else given[given_count++] = (given_option){spec, value};
    }
    if (result == PF_CLI_RUN && (help || version)) {
        if (help) pf_cli_print_usage(out);
        else fprintf(out, "poolfix %s\n", POOLFIX_VERSION);
        result = PF_CLI_EXIT_OK;
    }
    if (result == PF_CLI_RUN) {
        static const char *const commands[] = {"scan", "diff", "apply", "explain"};
        size_t c = 0;
        while (command && c < 4 && strcmp(commands[c], command)) c++;
        if (!command) result = usage_error(err, "missing command: scan, diff, apply or explain");
        else if (c == 4) result = usage_error(err, "unknown command '%s'", command);
        else options->command = (pf_command)c;
    }
    if (result == PF_CLI_RUN && color && strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never"))
        result = usage_error(err, "--color must be auto, always or never, not '%s'", color);
    for (size_t i = 0; result == PF_CLI_RUN && i < given_count; i++) {
        unsigned allowed = given[i].spec->commands;
        if (allowed && !(allowed & CMD_BIT(options->command)))
            result = usage_error(err, "option '--%s' does not apply to '%s'", given[i].spec->name, command);
    }
    if (result == PF_CLI_RUN && options->command == PF_CMD_EXPLAIN) {
        if (options->path_count > 1) result = usage_error(err, "explain takes one topic");
        else if (options->path_count == 1) options->explain_topic = pf_xstrdup(options->paths[0]);
    }
    /* poolfix.json first, then the command line over it. */
    if (result == PF_CLI_RUN && options->command != PF_CMD_EXPLAIN) {
        char *start = config_start(options);
        char *path = config ? pf_xstrdup(config) : pf_config_locate(start);
        free(start);
        char *error = NULL;
        if (path && !pf_config_load(path, options, &error)) {
            fprintf(err, "poolfix: %s\n", error);
            free(error);
            result = PF_CLI_USAGE_ERROR;
        }
        free(path);
    }
    /* A schema poolfix.json names must be the project's; --schema may name any. */
    bool schema_from_cli = false;
    for (size_t i = 0; i < given_count; i++) schema_from_cli |= !strcmp(given[i].spec->name, "schema");
    if (result == PF_CLI_RUN && !schema_from_cli && options->schema_path && options->config_path &&
        !pf_config_may_read(options->config_path, options->schema_path)) {
        fprintf(err, "poolfix: %s: `schema` points outside the project (%s); pass it with --schema to use it\n",
                options->config_path, options->schema_path);
        result = PF_CLI_USAGE_ERROR;
    }
    unsigned cli_passes = 0;
    for (size_t i = 0; result == PF_CLI_RUN && i < given_count; i++)
        result = apply_option(&given[i], options, &cli_passes, err);
    if (result == PF_CLI_RUN && cli_passes) options->passes = cli_passes;
    if (result == PF_CLI_RUN && options->method && options->endpoint_count == 0)
        result = usage_error(err, "--method needs --endpoint");
    if (result == PF_CLI_RUN) {
        options->color = resolve_color(color, STDOUT_FILENO);
        if (options->jobs == 0) {
            long cpus = sysconf(_SC_NPROCESSORS_ONLN);
            options->jobs = cpus < 1 ? 1 : cpus > 64 ? 64 : (int)cpus;
        }
        if (options->path_count == 0) pf_strings_push(&options->paths, &options->path_count, pf_xstrdup("."));
    }
    free(given);
    return result;
}
