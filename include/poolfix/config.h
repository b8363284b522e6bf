/* poolfix.json: per-project settings (schema path, client names, limits per relation,
 * ignores, passes, severity thresholds). The command line overrides what it sets. */
#ifndef POOLFIX_CONFIG_H
#define POOLFIX_CONFIG_H

#include "poolfix/options.h"

#include <stdbool.h>

/* The poolfix.json for a run: in `start` (a folder) or the nearest parent, stopping at the
 * top of a git work tree. Returns a malloc'd path or NULL. */
char *pf_config_locate(const char *start);

/* Reads `path` into `options`. On failure returns false with a malloc'd one-line `*error`
 * naming the file (and line, for syntax errors) and the cause. */
bool pf_config_load(const char *path, pf_options *options, char **error);

#endif
