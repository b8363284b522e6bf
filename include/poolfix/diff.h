/* Unified diffs of a rewritten file, as `git apply` and `patch -p1` accept them. */
#ifndef POOLFIX_DIFF_H
#define POOLFIX_DIFF_H

#include "poolfix/buf.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct pf_diff_style {
    int context;  /* lines of context around each change (3) */
    bool color;   /* ANSI colours: bold headers, cyan hunk headers, red removals, green additions */
} pf_diff_style;

/* Appends the unified diff turning `old` into `new` to `out`, with `--- a/<path>` and
 * `+++ b/<path>` headers (preceded by a `diff --git a/<path> b/<path>` line). Lines are
 * compared as bytes (a CRLF line keeps its CR); a missing final newline is marked with
 * `\ No newline at end of file`. Appends nothing when the texts are equal. Returns the
 * number of hunks written. */
size_t pf_diff_write(pf_buf *out, const char *path, const char *old, size_t old_len, const char *new_text,
                     size_t new_len, const pf_diff_style *style);

#endif
