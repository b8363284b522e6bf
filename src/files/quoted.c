/* The lines of a source a report quotes (see quoted.h). */
#include "poolfix/quoted.h"

#include "poolfix/arena.h"
#include "poolfix/buf.h"

#include <stdlib.h>
#include <string.h>

/* Orders ints, for qsort. */
static int by_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Orders offsets, for qsort. */
static int by_offset(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

pf_quoted_lines *pf_quoted_lines_new(const char *text, size_t len, const int *numbers, size_t number_count,
                                     const uint32_t *offsets, size_t offset_count) {
    pf_quoted_lines *out = pf_xcalloc(1, sizeof(*out));
    out->text_len = len;
    int *wanted = pf_xmalloc((number_count + 1) * sizeof(int));
    uint32_t *at = pf_xmalloc((offset_count + 1) * sizeof(uint32_t));
    memcpy(wanted, numbers, number_count * sizeof(int));
    for (size_t i = 0; i < offset_count; i++) at[i] = offsets[i] < len ? offsets[i] : (uint32_t)len;
    qsort(wanted, number_count, sizeof(int), by_int);
    qsort(at, offset_count, sizeof(uint32_t), by_offset);
    size_t cap = 0, next_number = 0, next_offset = 0;
    pf_buf bytes = PF_BUF_INIT;
    /* Line by line up to the last one wanted. A line holds the offsets from its start to its
     * '\n' (or the end) included; the one after a final '\n' starts at the end and is found
     * by offset only, as the reports never number it. */
    size_t start = 0;
    for (int number = 1; next_number < number_count || next_offset < offset_count; number++) {
        const char *nl = start < len ? memchr(text + start, '\n', len - start) : NULL;
        size_t end = nl ? (size_t)(nl - text) : len;
        while (next_number < number_count && wanted[next_number] < number) next_number++;
        bool keep = next_number < number_count && wanted[next_number] == number && start < len;
        while (next_offset < offset_count && at[next_offset] <= end) keep = true, next_offset++;
        if (keep) {
            out->lines = pf_xgrow(out->lines, out->count, &cap, sizeof(pf_quoted_line));
            out->lines[out->count++] = (pf_quoted_line){number, (uint32_t)start, (uint32_t)(end - start),
                                                        (uint32_t)bytes.len};
            pf_buf_append(&bytes, text + start, end - start);
        }
        if (!nl) break;
        start = end + 1;
    }
    out->bytes = bytes.data ? bytes.data : pf_xstrdup("");
    free(wanted);
    free(at);
    return out;
}

void pf_quoted_lines_free(pf_quoted_lines *quoted) {
    if (!quoted) return;
    free(quoted->lines);
    free(quoted->bytes);
    free(quoted);
}

const pf_quoted_line *pf_quoted_line_numbered(const pf_quoted_lines *quoted, int number) {
    if (!quoted) return NULL;
    size_t lo = 0, hi = quoted->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (quoted->lines[mid].number < number) lo = mid + 1;
        else hi = mid;
    }
    if (lo == quoted->count || quoted->lines[lo].number != number) return NULL;
    return quoted->lines[lo].start < quoted->text_len ? &quoted->lines[lo] : NULL;
}

const pf_quoted_line *pf_quoted_line_at(const pf_quoted_lines *quoted, size_t offset) {
    if (!quoted) return NULL;
    if (offset > quoted->text_len) offset = quoted->text_len;
    /* The last kept line that starts at or before the offset, if the offset is on it. */
    size_t lo = 0, hi = quoted->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (quoted->lines[mid].start <= offset) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return NULL;
    const pf_quoted_line *line = &quoted->lines[lo - 1];
    return offset <= (size_t)line->start + line->len ? line : NULL;
}
