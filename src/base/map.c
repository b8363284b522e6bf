/* Open-addressing hash map with linear probing (see map.h). */
#include "poolfix/map.h"

#include "poolfix/arena.h"
#include "poolfix/hash.h"
#include "poolfix/str.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 16 bytes: the program stage keeps three maps per file with a summary, and the resolver one
 * slot and more per file of the run. A slot keeps no hash: a probe compares lengths first, and
 * growing hashes the keys again. Keys and values past 32 bits are not supported (a key is a
 * name or a path, a value an index). */
struct pf_map_slot {
    const char *key; /* NULL: empty */
    uint32_t len;
    uint32_t value;
};

/* A key's hash: xxHash, which reads 8 bytes a step where FNV-1a reads one; keys are paths
 * of 60 bytes and more. */
static uint32_t key_hash(const char *key, size_t len) {
    return (uint32_t)pf_xxh64(key, len, 0);
}

/* The slot that holds `key`, or the empty slot where it would go. */
static pf_map_slot *probe(const pf_map *map, const char *key, size_t len, uint32_t hash) {
    size_t mask = map->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        pf_map_slot *slot = &map->slots[i];
        if (!slot->key) return slot;
        if (slot->len == len && memcmp(slot->key, key, len) == 0) return slot;
    }
}

bool pf_map_find(const pf_map *map, const char *key, size_t len, size_t *value) {
    if (map->cap == 0) return false;
    pf_map_slot *slot = probe(map, key, len, key_hash(key, len));
    if (!slot->key) return false;
    if (value) *value = slot->value;
    return true;
}

/* Moves the keys into a table of `cap` slots. */
static void resize(pf_map *map, size_t cap) {
    pf_map old = *map;
    map->cap = cap;
    map->slots = pf_xcalloc(map->cap, sizeof(pf_map_slot));
    for (size_t i = 0; i < old.cap; i++)
        if (old.slots[i].key)
            *probe(map, old.slots[i].key, old.slots[i].len, key_hash(old.slots[i].key, old.slots[i].len)) = old.slots[i];
    free(old.slots);
}

/* The smallest table that holds `count` keys at most three quarters full (4 slots at least:
 * most maps are small, the names of one file). */
static size_t cap_for(size_t count) {
    size_t cap = 4;
    while (count * 4 > cap * 3) cap *= 2;
    return cap;
}

void pf_map_reserve(pf_map *map, size_t count) {
    if (count == 0) return;
    size_t cap = cap_for(count);
    if (cap > map->cap) resize(map, cap);
}

void pf_map_set(pf_map *map, const char *key, size_t len, size_t value) {
    if (value > UINT32_MAX || len > UINT32_MAX) {
        fprintf(stderr, "poolfix: internal error: a map key or value past 32 bits\n");
        abort();
    }
    if ((map->len + 1) * 4 > map->cap * 3) resize(map, map->cap ? map->cap * 2 : 4);
    pf_map_slot *slot = probe(map, key, len, key_hash(key, len));
    if (!slot->key) {
        *slot = (pf_map_slot){key, (uint32_t)len, (uint32_t)value};
        map->len++;
    }
    slot->value = (uint32_t)value;
}

void pf_map_free(pf_map *map) {
    free(map->slots);
    memset(map, 0, sizeof(*map));
}

/* Whether entry `index` of `array` is named `key` (`len` bytes). */
static bool named(const void *array, pf_name_of name_of, uint32_t index, const char *key, size_t len) {
    const char *name = name_of(array, index);
    return name && strncmp(name, key, len) == 0 && name[len] == '\0';
}

/* The slot of the entry named `key`, or the empty slot where it would go. */
static uint32_t *index_probe(const pf_index_map *map, const void *array, pf_name_of name_of, const char *key,
                             size_t len) {
    uint32_t mask = map->cap - 1;
    for (uint32_t i = key_hash(key, len) & mask;; i = (i + 1) & mask) {
        uint32_t *slot = &map->slots[i];
        if (!*slot || named(array, name_of, *slot - 1, key, len)) return slot;
    }
}

void pf_index_map_build(pf_index_map *map, const void *array, uint32_t count, pf_name_of name_of) {
    memset(map, 0, sizeof(*map));
    if (count == 0) return;
    map->cap = (uint32_t)cap_for(count);
    map->slots = pf_xcalloc(map->cap, sizeof(uint32_t));
    for (uint32_t i = 0; i < count; i++) {
        const char *name = name_of(array, i);
        if (!name) continue;
        uint32_t *slot = index_probe(map, array, name_of, name, strlen(name));
        if (!*slot) *slot = i + 1;
    }
}

bool pf_index_map_find(const pf_index_map *map, const void *array, pf_name_of name_of, const char *key, size_t len,
                       uint32_t *index) {
    if (map->cap == 0) return false;
    uint32_t slot = *index_probe(map, array, name_of, key, len);
    if (!slot) return false;
    *index = slot - 1;
    return true;
}

void pf_index_map_free(pf_index_map *map) {
    free(map->slots);
    memset(map, 0, sizeof(*map));
}
