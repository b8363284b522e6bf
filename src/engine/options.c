/* Run options: defaults and lookups (see options.h). */
#include "poolfix/options.h"

#include "poolfix/pass.h"

#include <stdlib.h>
#include <string.h>

void pf_options_init(pf_options *options) {
    memset(options, 0, sizeof(*options));
    options->command = PF_CMD_SCAN;
    options->batch_size = 4;
    options->take = 10;
    options->jobs = 0;
    options->format = PF_FORMAT_TEXT;
    for (size_t i = 0; i < pf_pass_count; i++)
        if (pf_passes[i]->default_on) options->passes |= 1u << i;
    options->thresholds.parallel_critical = 10;
    options->thresholds.parallel_high = 5;
    options->thresholds.parallel_low = 2;
    options->thresholds.sequential_medium = 3;
    options->thresholds.connections_critical = 20;
}

bool pf_options_selects(const pf_options *options, const char *route, const char *method) {
    if (options->endpoint_count == 0) return true;
    if (!route || !method) return false;
    bool route_selected = false;
    for (size_t i = 0; i < options->endpoint_count; i++) {
        const char *e = options->endpoints[i];
        /* --endpoint values get a leading `/` (see pf_endpoint_normalize); routes that are no
         * URL path (a tRPC procedure `post.byId`, a Server Action's name) match without it. */
        route_selected |= strcmp(e, route) == 0 || (e[0] == '/' && route[0] != '/' && strcmp(e + 1, route) == 0);
    }
    return route_selected &&
           (!options->method || strcmp(method, "ALL") == 0 || strcmp(method, options->method) == 0);
}

bool pf_aggregate_parse(const char *name, pf_aggregate *out) {
    if (strcmp(name, "memory") != 0 && strcmp(name, "sql") != 0) return false;
    *out = strcmp(name, "sql") == 0 ? PF_AGGREGATE_SQL : PF_AGGREGATE_MEMORY;
    return true;
}

void pf_options_free(pf_options *options) {
    pf_strings_free(options->paths, options->path_count);
    pf_strings_free(options->endpoints, options->endpoint_count);
    pf_strings_free(options->client_names, options->client_name_count);
    pf_strings_free(options->ignore_patterns, options->ignore_pattern_count);
    for (size_t i = 0; i < options->take_limit_count; i++) {
        free(options->take_limits[i].model);
        free(options->take_limits[i].relation);
    }
    free(options->take_limits);
    free(options->method);
    free(options->schema_path);
    free(options->config_path);
    free(options->branch);
    free(options->client_pattern);
    free(options->explain_topic);
    memset(options, 0, sizeof(*options));
}

int pf_options_take_for(const pf_options *options, const char *model, size_t model_len, const char *relation,
                        size_t relation_len) {
    if (options->take_from_cli) return options->take;
    for (size_t i = 0; i < options->take_limit_count; i++) {
        const pf_take_limit *limit = &options->take_limits[i];
        if (pf_str_eq_c(pf_str_make(model, model_len), limit->model) &&
            pf_str_eq_c(pf_str_make(relation, relation_len), limit->relation))
            return limit->take;
    }
    return options->take;
}
