/* Content hashes for the cache: XXH64 (Yann Collet's xxHash, 64-bit variant, written from its
 * specification), and a 128-bit hash made of two XXH64 with different seeds, so that a
 * cache of hundreds of thousands of entries never mistakes one file for another by chance.
 * Not a cryptographic hash: entries are also checked when read (see cache.h). */
#ifndef POOLFIX_HASH_H
#define POOLFIX_HASH_H

#include <stddef.h>
#include <stdint.h>

/* XXH64 of `len` bytes with `seed`. */
uint64_t pf_xxh64(const void *bytes, size_t len, uint64_t seed);

typedef struct pf_hash {
    uint64_t lo, hi;
} pf_hash;

/* The 128-bit hash of `len` bytes. */
pf_hash pf_hash_bytes(const void *bytes, size_t len);

/* The hash as 32 lower-case hex digits and a NUL. */
void pf_hash_hex(pf_hash hash, char out[33]);

#endif
