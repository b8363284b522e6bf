/* What the discovery walk read off the listing of each folder it walked, for the few names
 * the later stages look for in folder after folder (package.json, prisma.config.*,
 * prisma/, schema.prisma). Such a question about a folder the walk listed is answered
 * without a probe: on civitai, the schema search made 8,700 failed openat() and stat()
 * calls, nine per folder, that the listings answer (issue 12: one filesystem pass).
 *
 * Folders are keyed by their canonical path (symbolic links resolved), the spelling every
 * asker can produce whatever path it was given. A folder the walk did not list (above the
 * walk root, ignored, skipped) and a name not in the list are unknown: the asker probes. */
#ifndef POOLFIX_LISTINGS_H
#define POOLFIX_LISTINGS_H

#include <stdint.h>

/* What an entry of a listed folder is, following symbolic links as stat() does. */
typedef enum pf_listed {
    PF_LISTED_UNKNOWN, /* not a folder or a name the listings know */
    PF_LISTED_MISSING, /* no such entry, a dangling link, or neither a file nor a folder */
    PF_LISTED_FILE,
    PF_LISTED_FOLDER
} pf_listed;

/* The names a listing answers for, NULL-terminated after the first PF_LISTED_NAME_COUNT. */
#define PF_LISTED_NAME_COUNT 9
extern const char *const pf_listed_names[PF_LISTED_NAME_COUNT + 1];

typedef struct pf_listings pf_listings;

pf_listings *pf_listings_new(void);
void pf_listings_free(pf_listings *listings);

/* The index of `name` in pf_listed_names, or -1. */
int pf_listed_name_index(const char *name);

/* Records the folder at `real_folder` (canonical): `kinds[i]` is what its entry
 * pf_listed_names[i] is (anything but PF_LISTED_UNKNOWN). */
void pf_listings_add(pf_listings *listings, const char *real_folder, const pf_listed kinds[PF_LISTED_NAME_COUNT]);

/* What the entry `name` of the folder at `real_folder` (canonical) is, as the walk saw it. */
pf_listed pf_listings_find(const pf_listings *listings, const char *real_folder, const char *name);

#endif
