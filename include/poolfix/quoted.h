/* Some lines of a source, kept once the source is freed: those a report quotes. Markdown
 * shows the first lines of each finding, SARIF needs the line of each end of a finding (its
 * columns, its fingerprint). Kept whole, the sources of the files with findings were most of
 * what those reports added to a run (civitai: 352 files, 7.3 MB). Lines are counted and
 * found as the reports count them: each ends at a '\n' (a '\r' before it is part of it). */
#ifndef POOLFIX_QUOTED_H
#define POOLFIX_QUOTED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One kept line. */
typedef struct pf_quoted_line {
    int number;      /* 1-based */
    uint32_t start;  /* its first byte in the text */
    uint32_t len;    /* its bytes, without the '\n' */
    uint32_t at;     /* where they are in `bytes` */
} pf_quoted_line;

typedef struct pf_quoted_lines {
    pf_quoted_line *lines; /* by start, ascending; malloc'd */
    size_t count;
    char *bytes;           /* the lines' bytes, one after another; malloc'd */
    size_t text_len;       /* the length of the text they were taken from */
} pf_quoted_lines;

/* Keeps from `text` the lines numbered `numbers` (those past the last line are not there)
 * and the lines that hold the bytes at `offsets` (an offset past the end counts as the end),
 * each once, whatever the order and repeats of the lists. Malloc'd, with all it holds. */
pf_quoted_lines *pf_quoted_lines_new(const char *text, size_t len, const int *numbers, size_t number_count,
                                     const uint32_t *offsets, size_t offset_count);
/* Frees the lines and what holds them (NULL: nothing). */
void pf_quoted_lines_free(pf_quoted_lines *quoted);

/* Line `number`, or NULL when it was not kept (or `quoted` is NULL) or the text has no such
 * line. */
const pf_quoted_line *pf_quoted_line_numbered(const pf_quoted_lines *quoted, int number);
/* The line that holds byte `offset` (the end for an offset past it), or NULL when it was not
 * kept (or `quoted` is NULL). */
const pf_quoted_line *pf_quoted_line_at(const pf_quoted_lines *quoted, size_t offset);
/* The bytes of a kept line. */
static inline const char *pf_quoted_text(const pf_quoted_lines *quoted, const pf_quoted_line *line) {
    return quoted->bytes + line->at;
}

#endif
