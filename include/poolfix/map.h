/* A hash map from byte-string keys to indices: the lookups of the program stage (a file by
 * its path, a name in a module) on tens of thousands of entries. Keys are borrowed: they must
 * outlive the map. The slots are malloc'd; pf_map_free() releases them. */
#ifndef POOLFIX_MAP_H
#define POOLFIX_MAP_H

#include <stdbool.h>
#include <stddef.h>

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

#endif
