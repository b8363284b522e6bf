/* Writing rewrites in place, safely: through a temporary file in the same folder and a
 * rename (so a reader sees the old or the new file, never half of one), keeping the mode
 * and owner, and refusing when the file changed since it was read. */
#ifndef POOLFIX_APPLY_H
#define POOLFIX_APPLY_H

#include "poolfix/source.h"

#include <stdbool.h>
#include <stddef.h>

/* Replaces the file at `path` (following symlinks to the real file) with `bytes`. Refuses,
 * leaving the file untouched: a real file outside `root` (the walk root it was found under)
 * and outside the git work tree around `root`; a file nobody may write (no write bit) or
 * the user may not; one whose owner or group the user cannot keep; one that changed since
 * `original` was read. False with a malloc'd one-line cause in `*error`, and errno set to
 * the cause of a failed system call (ENOSPC for a full disk) or 0 for a refusal. */
bool pf_apply_write(const char *path, const char *root, const pf_source *original, const char *bytes, size_t len,
                    char **error);

/* The temporary files pf_apply_write() creates are named `.<name>.poolfix-<pid>-XXXXXX`
 * beside the file. A run killed mid-write (kill -9, a crash, a power cut) leaves one behind:
 * this removes those in `dir` whose process is gone, that belong to a source file name and
 * to this user, and nothing else. Returns how many it removed. */
size_t pf_apply_remove_stale(const char *dir);

#endif
