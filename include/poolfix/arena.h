/* Arena allocation: every per-file structure lives in one arena that is freed at once.
 *
 * An arena hands out zeroed memory from large blocks; nothing is freed individually. The
 * owner of an arena is whoever called pf_arena_init(); pf_arena_free() releases it all.
 * Allocation failure aborts the process (there is no sensible recovery for a CLI tool
 * that ran out of memory mid-file), so callers never check for NULL. */
#ifndef POOLFIX_ARENA_H
#define POOLFIX_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct pf_arena_block pf_arena_block;

typedef struct pf_arena {
    pf_arena_block *head;
} pf_arena;

void pf_arena_init(pf_arena *arena);
void pf_arena_free(pf_arena *arena);
void *pf_arena_alloc(pf_arena *arena, size_t size);
char *pf_arena_strndup(pf_arena *arena, const char *s, size_t n);
char *pf_arena_strdup(pf_arena *arena, const char *s);
/* A copy, strings included, of a NULL-terminated list of strings. */
const char **pf_arena_strdup_list(pf_arena *arena, const char *const *list);
char *pf_arena_printf(pf_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *pf_arena_vprintf(pf_arena *arena, const char *fmt, va_list ap);

/* Growable arrays whose storage lives in an arena. Declare with PF_VEC(type) and append
 * with PF_VEC_PUSH(arena, vec), which returns a pointer to the new zeroed slot. Growing
 * copies into a fresh arena block; the old block is reclaimed with the arena. */
#define PF_VEC(type) struct { type *items; size_t len, cap; }
#define PF_VEC_PUSH(arena, vec)                                                              \
    ((vec).len == (vec).cap                                                                  \
         ? (void)((vec).items = pf_vec_grow((arena), (vec).items, &(vec).cap, (vec).len,      \
                                            sizeof(*(vec).items)))                            \
         : (void)0,                                                                           \
     &(vec).items[(vec).len++])

void *pf_vec_grow(pf_arena *arena, void *items, size_t *cap, size_t len, size_t elem_size);

/* malloc/realloc/strdup that abort on failure, for memory not owned by an arena. */
void *pf_xmalloc(size_t size);
void *pf_xcalloc(size_t count, size_t size);
void *pf_xrealloc(void *ptr, size_t size);
/* Makes room for one more element in a malloc'd array holding `len` of `*cap` elements of
 * `elem_size` bytes (doubling it when full); returns the array. */
void *pf_xgrow(void *items, size_t len, size_t *cap, size_t elem_size);
char *pf_xstrdup(const char *s);
/* Appends `value` (the list takes it over) to a malloc'd array of malloc'd strings. */
void pf_strings_push(char ***list, size_t *count, char *value);
/* Frees a malloc'd array of malloc'd strings. */
void pf_strings_free(char **list, size_t count);
char *pf_xstrndup(const char *s, size_t n);

#endif
