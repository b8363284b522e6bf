/* Writing rewrites in place, safely: through a temporary file in the same folder and a
 * rename (so a reader sees the old or the new file, never half of one), keeping the mode
 * and owner, and refusing when the file changed since it was read. */
#ifndef POOLFIX_APPLY_H
#define POOLFIX_APPLY_H

#include "poolfix/source.h"

#include <stdbool.h>
#include <stddef.h>

/* Replaces the file at `path` (following symlinks to the real file) with `bytes`. False
 * with a malloc'd one-line cause in `*error` when the file changed since `original` was
 * read or any step fails; the file is then untouched. */
bool pf_apply_write(const char *path, const pf_source *original, const char *bytes, size_t len, char **error);

#endif
