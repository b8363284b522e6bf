/* A growable byte buffer owned by whoever declared it; pf_buf_free() releases it.
 * Used to build output text (rewritten files, diffs, reports) without length guessing. */
#ifndef POOLFIX_BUF_H
#define POOLFIX_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct pf_buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
} pf_buf;

#define PF_BUF_INIT {NULL, 0, 0}

void pf_buf_append(pf_buf *buf, const char *data, size_t len);
void pf_buf_puts(pf_buf *buf, const char *s);
void pf_buf_putc(pf_buf *buf, char c);
void pf_buf_printf(pf_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pf_buf_vprintf(pf_buf *buf, const char *fmt, va_list ap);
/* Appends `s` repeated `count` times (indentation, rules of dashes). */
void pf_buf_repeat(pf_buf *buf, const char *s, size_t count);
void pf_buf_clear(pf_buf *buf);
/* Hands the bytes to the caller (who must free() them) and resets the buffer. */
char *pf_buf_take(pf_buf *buf, size_t *len);
void pf_buf_free(pf_buf *buf);

#endif
