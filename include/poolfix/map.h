/* A hash map from byte-string keys to indices: the lookups of the program stage (a file by
 * its path, a name in a module) on tens of thousands of entries. Keys are borrowed: they must
 * outlive the map. The slots are malloc'd; pf_map_free() releases them. */
#ifndef POOLFIX_MAP_H
#define POOLFIX_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pf_map_slot pf_map_slot;

typedef struct pf_map {
    pf_map_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t len;
} pf_map;

#define PF_MAP_INIT {NULL, 0, 0}

/* Whether `key` is in the map; its value goes to `*value` when it is not NULL. */
bool pf_map_find(const pf_map *map, const char *key, size_t len, size_t *value);
/* Sets the value of `key`, adding it when it is new. Keys up to 4 GB and values up to
 * UINT32_MAX: a value past it is a bug, and stops the run. */
void pf_map_set(pf_map *map, const char *key, size_t len, size_t value);
/* Makes room for `count` keys in all, so that adding them does not grow the table again and
 * again (each growth hashes every key once more). */
void pf_map_reserve(pf_map *map, size_t count);
void pf_map_free(pf_map *map);

/* A set of the entries of an array, found by their names: a slot holds only an index into the
 * array (4 bytes, where a pf_map slot takes 16: the names of every module of a run are kept
 * until its report, 0.5 MB of pf_map slots on dub). The names are read through `name_of`
 * (NULL: the entry has none to find), so the array must outlive the map. */
typedef const char *(*pf_name_of)(const void *array, uint32_t index);

typedef struct pf_index_map {
    uint32_t *slots; /* 1 + the index of an entry, or 0 for an empty slot */
    uint32_t cap;    /* a power of two, or 0 */
} pf_index_map;

/* Indexes entries 0 .. count - 1 of `array`; of entries with the same name, the first is
 * found. */
void pf_index_map_build(pf_index_map *map, const void *array, uint32_t count, pf_name_of name_of);
/* Whether an entry is named `key` (`len` bytes); its index goes to `*index`. */
bool pf_index_map_find(const pf_index_map *map, const void *array, pf_name_of name_of, const char *key, size_t len,
                       uint32_t *index);
void pf_index_map_free(pf_index_map *map);

#endif
