/* poolfix.json: per-project settings (schema path, client names, limits per relation,
 * ignores, passes, severity thresholds). The command line overrides what it sets. */
#ifndef POOLFIX_CONFIG_H
#define POOLFIX_CONFIG_H

#include "poolfix/options.h"

#include <stdbool.h>

/* The poolfix.json for a run: in `start` (a folder) or the nearest parent, stopping at the
 * top of a git work tree. Returns a malloc'd path or NULL. */
char *pf_config_locate(const char *start);

/* Whether poolfix.json at `config_path` may name `target`: it must lie (symbolic links
 * resolved) in the project, the git work tree holding the config (or its folder outside
 * one). A repository's config must not make poolfix read, and quote in errors, files such as
 * /proc/self/environ; the command line may name any file. */
bool pf_config_may_read(const char *config_path, const char *target);

/* Reads `path` into `options`. On failure returns false with a malloc'd one-line `*error`
 * naming the file (and line, for syntax errors) and the cause. */
bool pf_config_load(const char *path, pf_options *options, char **error);

#endif
