/* Folder listings read once by the discovery walk (see listings.h). */
#include "poolfix/listings.h"

#include "poolfix/arena.h"
#include "poolfix/map.h"

#include <stdlib.h>
#include <string.h>

const char *const pf_listed_names[PF_LISTED_NAME_COUNT + 1] = {"package.json",      "prisma.config.ts",  "prisma.config.mts",
                                       "prisma.config.mjs", "prisma.config.js",  "prisma.config.cts",
                                       "prisma.config.cjs", "prisma",            "schema.prisma",
                                       NULL};

/* Two bits per name: the nine names' pf_listed in one map value (32 bits). */
#define BITS_PER_NAME 2

struct pf_listings {
    pf_arena arena; /* the folder paths, which the map borrows */
    pf_map folders; /* canonical folder path → the kinds of its names, packed */
};

pf_listings *pf_listings_new(void) {
    pf_listings *listings = pf_xcalloc(1, sizeof(*listings));
    pf_arena_init(&listings->arena);
    return listings;
}

void pf_listings_free(pf_listings *listings) {
    if (!listings) return;
    pf_map_free(&listings->folders);
    pf_arena_free(&listings->arena);
    free(listings);
}

int pf_listed_name_index(const char *name) {
    for (int i = 0; pf_listed_names[i]; i++)
        if (strcmp(pf_listed_names[i], name) == 0) return i;
    return -1;
}

void pf_listings_add(pf_listings *listings, const char *real_folder, const pf_listed kinds[PF_LISTED_NAME_COUNT]) {
    size_t packed = 0;
    for (int i = 0; i < PF_LISTED_NAME_COUNT; i++) packed |= (size_t)kinds[i] << (i * BITS_PER_NAME);
    size_t len = strlen(real_folder);
    pf_map_set(&listings->folders, pf_arena_strndup(&listings->arena, real_folder, len), len, packed);
}

pf_listed pf_listings_find(const pf_listings *listings, const char *real_folder, const char *name) {
    int index = pf_listed_name_index(name);
    size_t packed;
    if (!listings || index < 0 || !pf_map_find(&listings->folders, real_folder, strlen(real_folder), &packed))
        return PF_LISTED_UNKNOWN;
    return (pf_listed)((packed >> (index * BITS_PER_NAME)) & ((1u << BITS_PER_NAME) - 1));
}
