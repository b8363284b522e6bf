/* Borrowed string slices: a pointer into someone else's bytes plus a length.
 * A pf_str never owns memory; it is valid as long as the bytes it points into. */
#ifndef POOLFIX_STR_H
#define POOLFIX_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct pf_str {
    const char *ptr;
    size_t len;
} pf_str;

static inline pf_str pf_str_make(const char *ptr, size_t len) {
    pf_str s = {ptr, len};
    return s;
}

static inline pf_str pf_str_c(const char *cstr) {
    return pf_str_make(cstr, cstr ? strlen(cstr) : 0);
}

static inline bool pf_str_eq(pf_str a, pf_str b) {
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static inline bool pf_str_eq_c(pf_str a, const char *cstr) {
    return pf_str_eq(a, pf_str_c(cstr));
}

static inline bool pf_str_starts_with(pf_str s, const char *prefix) {
    size_t n = strlen(prefix);
    return s.len >= n && memcmp(s.ptr, prefix, n) == 0;
}

static inline bool pf_str_ends_with(pf_str s, const char *suffix) {
    size_t n = strlen(suffix);
    return s.len >= n && memcmp(s.ptr + s.len - n, suffix, n) == 0;
}

/* The first place the `n` bytes at `needle` occur in the `len` bytes at `text` (neither need
 * be NUL-terminated), or NULL. */
static inline const char *pf_bytes_find(const char *text, size_t len, const char *needle, size_t n) {
    if (n == 0) return text;
    for (const char *p = text; (size_t)(text + len - p) >= n; p++) {
        p = (const char *)memchr(p, needle[0], (size_t)(text + len - p) - n + 1);
        if (!p) return NULL;
        if (memcmp(p, needle, n) == 0) return p;
    }
    return NULL;
}

/* Whether `needle` occurs in the `len` bytes at `text` (which need not be NUL-terminated). */
static inline bool pf_bytes_contain(const char *text, size_t len, const char *needle) {
    return pf_bytes_find(text, len, needle, strlen(needle)) != NULL;
}

/* FNV-1a's 64-bit offset basis, the hash of no bytes. */
#define PF_FNV1A_BASIS 14695981039346656037u

/* Folds `len` bytes into a 64-bit FNV-1a hash: short keys, few collisions, no state. */
static inline uint64_t pf_fnv1a(uint64_t hash, const char *bytes, size_t len) {
    for (size_t i = 0; i < len; i++) hash = (hash ^ (unsigned char)bytes[i]) * 1099511628211u;
    return hash;
}

#endif
