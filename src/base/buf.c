/* Growable byte buffer (see buf.h). */
#include "poolfix/buf.h"

#include "poolfix/arena.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for `extra` more bytes plus the terminating NUL. */
static void reserve(pf_buf *buf, size_t extra) {
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap) return;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need) cap *= 2;
    buf->data = pf_xrealloc(buf->data, cap);
    buf->cap = cap;
}

void pf_buf_append(pf_buf *buf, const char *data, size_t len) {
    reserve(buf, len);
    if (len) memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void pf_buf_puts(pf_buf *buf, const char *s) {
    pf_buf_append(buf, s, strlen(s));
}

void pf_buf_putc(pf_buf *buf, char c) {
    pf_buf_append(buf, &c, 1);
}

void pf_buf_vprintf(pf_buf *buf, const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n <= 0) return;
    reserve(buf, (size_t)n);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    buf->len += (size_t)n;
}

void pf_buf_printf(pf_buf *buf, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    pf_buf_vprintf(buf, fmt, ap);
    va_end(ap);
}

void pf_buf_repeat(pf_buf *buf, const char *s, size_t count) {
    size_t n = strlen(s);
    for (size_t i = 0; i < count; i++) pf_buf_append(buf, s, n);
}

void pf_buf_clear(pf_buf *buf) {
    buf->len = 0;
    if (buf->data) buf->data[0] = '\0';
}

char *pf_buf_take(pf_buf *buf, size_t *len) {
    if (!buf->data) pf_buf_append(buf, "", 0);
    char *data = buf->data;
    if (len) *len = buf->len;
    buf->data = NULL;
    buf->len = buf->cap = 0;
    return data;
}

void pf_buf_free(pf_buf *buf) {
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
