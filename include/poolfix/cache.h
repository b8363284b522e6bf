/* The cache of a run's per-file results on disk: one entry per key, where a key names
 * everything a result depends on (the file's bytes and path, the schema, the options, the
 * program stage's context, the poolfix build; see engine.c). The default folder is
 * node_modules/.cache/poolfix of the nearest package.json above the scanned PATH
 * (--cache-dir names another, --no-cache turns it off).
 *
 * An entry is a header (magic, its key, the payload's length and XXH64) and the payload.
 * It is written to a temporary file beside it and renamed into place, so a reader sees a
 * whole entry or none; an entry that is short, damaged, or written for another key is
 * ignored and replaced, never trusted. Several runs may share a folder. */
#ifndef POOLFIX_CACHE_H
#define POOLFIX_CACHE_H

#include "poolfix/buf.h"
#include "poolfix/hash.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct pf_cache pf_cache;

/* The cache in folder `dir` for the poolfix build `build` (a folder name): its entries go to
 * dir/build, created (with a .gitignore in `dir` that keeps it all out of git) on the first
 * write, which also removes the entries of other builds. Never fails: a folder that cannot
 * be written makes every write a no-op. */
pf_cache *pf_cache_open(const char *dir, const char *build);
void pf_cache_close(pf_cache *cache);
const char *pf_cache_dir(const pf_cache *cache);
/* How many lookups found an entry; `*lookups` gets how many there were. */
size_t pf_cache_hits(const pf_cache *cache, size_t *lookups);

/* The payload stored under `key`, appended to `out`; false when there is no whole, intact
 * entry for that key. Safe to call from several threads. */
bool pf_cache_get(pf_cache *cache, pf_hash key, pf_buf *out);
/* Stores `payload` under `key`, atomically; errors are ignored (the entry is just missing
 * next time). Safe to call from several threads. */
void pf_cache_put(pf_cache *cache, pf_hash key, const void *payload, size_t len);

/* The default cache folder for a run over `path`: node_modules/.cache/poolfix in the nearest
 * folder at or above it holding a package.json, when that folder has a node_modules folder;
 * NULL otherwise (no cache: poolfix never creates node_modules). Malloc'd. */
char *pf_cache_default_dir(const char *path);

#endif
