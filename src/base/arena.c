/* Arena and checked-allocation helpers (see arena.h). */
#include "poolfix/arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks start small, so that the many arenas that hold little (one per file without a query,
 * scratch arenas) stay small, and double up to a cap, so that a big file's arena needs few
 * mallocs. */
enum { ARENA_FIRST_BLOCK = 256, ARENA_LARGEST_BLOCK = 256 * 1024 };

struct pf_arena_block {
    pf_arena_block *next;
    size_t used;
    size_t cap;
    max_align_t data[];
};

/* Reports memory exhaustion and stops: see the header for why this is not recoverable. */
static void out_of_memory(size_t size) {
    fprintf(stderr, "poolfix: out of memory (allocating %zu bytes)\n", size);
    abort();
}

void *pf_xmalloc(size_t size) {
    void *p = malloc(size ? size : 1);
    if (!p) out_of_memory(size);
    return p;
}

void *pf_xcalloc(size_t count, size_t size) {
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) out_of_memory(count * size);
    return p;
}

void *pf_xrealloc(void *ptr, size_t size) {
    void *p = realloc(ptr, size ? size : 1);
    if (!p) out_of_memory(size);
    return p;
}

void *pf_xgrow(void *items, size_t len, size_t *cap, size_t elem_size) {
    if (len < *cap) return items;
    *cap = *cap ? *cap * 2 : 16;
    return pf_xrealloc(items, *cap * elem_size);
}

void pf_strings_push(char ***list, size_t *count, char *value) {
    *list = pf_xrealloc(*list, (*count + 1) * sizeof(char *));
    (*list)[(*count)++] = value;
}

void pf_strings_free(char **list, size_t count) {
    for (size_t i = 0; i < count; i++) free(list[i]);
    free(list);
}

char *pf_xstrndup(const char *s, size_t n) {
    char *p = pf_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pf_xstrdup(const char *s) {
    return pf_xstrndup(s, strlen(s));
}

void pf_arena_init(pf_arena *arena) {
    arena->head = NULL;
}

void pf_arena_free(pf_arena *arena) {
    pf_arena_block *block = arena->head;
    while (block) {
        pf_arena_block *next = block->next;
        free(block);
        block = next;
    }
    arena->head = NULL;
}

void *pf_arena_alloc(pf_arena *arena, size_t size) {
    const size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0) size = align;
    pf_arena_block *block = arena->head;
    if (!block || block->cap - block->used < size) {
        size_t step = !block ? ARENA_FIRST_BLOCK
                      : block->cap >= ARENA_LARGEST_BLOCK / 2 ? ARENA_LARGEST_BLOCK
                                                              : block->cap * 2;
        /* A request of a quarter of the next block or more gets a block of its own size, behind
         * the head: a summary or a list copied in whole would otherwise leave most of a block
         * empty. */
        bool own = block && (size > step || size >= step / 4);
        size_t cap = own || size > step ? size : step;
        if (cap > SIZE_MAX - sizeof(pf_arena_block)) out_of_memory(size);
        pf_arena_block *fresh = pf_xmalloc(sizeof(pf_arena_block) + cap);
        fresh->used = 0;
        fresh->cap = cap;
        /* A block made for one large request goes behind the head so the head's free
         * space stays available to the small allocations that follow. */
        if (own) {
            fresh->next = block->next;
            block->next = fresh;
        } else {
            fresh->next = block;
            arena->head = fresh;
        }
        block = fresh;
    }
    void *p = (char *)block->data + block->used;
    block->used += size;
    memset(p, 0, size);
    return p;
}

char *pf_arena_strndup(pf_arena *arena, const char *s, size_t n) {
    char *p = pf_arena_alloc(arena, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pf_arena_strdup(pf_arena *arena, const char *s) {
    return pf_arena_strndup(arena, s, strlen(s));
}

const char **pf_arena_strdup_list(pf_arena *arena, const char *const *list) {
    size_t n = 0;
    while (list[n]) n++;
    const char **copy = pf_arena_alloc(arena, (n + 1) * sizeof(char *));
    for (size_t i = 0; i < n; i++) copy[i] = pf_arena_strdup(arena, list[i]);
    return copy;
}

char *pf_arena_vprintf(pf_arena *arena, const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) n = 0;
    char *p = pf_arena_alloc(arena, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *pf_arena_printf(pf_arena *arena, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *p = pf_arena_vprintf(arena, fmt, ap);
    va_end(ap);
    return p;
}

void *pf_vec_grow(pf_arena *arena, void *items, size_t *cap, size_t len, size_t elem_size) {
    size_t new_cap = *cap ? *cap * 2 : 8;
    void *grown = pf_arena_alloc(arena, new_cap * elem_size);
    if (len) memcpy(grown, items, len * elem_size);
    *cap = new_cap;
    return grown;
}
