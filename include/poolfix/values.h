/* What poolfix can tell about a value without a type checker, for the passes that compute
 * keys before a loop or a fan-out: whether what is iterated surely is an array (or surely
 * is a one-shot iterator), and whether a key can be `undefined`.
 *
 * The evidence is what the code says: array literals and array methods, Prisma queries (a
 * findMany's rows, a row's included relation, the fields a select keeps), TypeScript
 * annotations and casts (`ids: number[]`, `as { id: number }[]`, a same-file `type` or
 * `interface`), and `const` bindings to any of these. Types are taken at their word. */
#ifndef POOLFIX_VALUES_H
#define POOLFIX_VALUES_H

#include "poolfix/queries.h"

#include <stdbool.h>

typedef enum pf_iterable {
    PF_ITERABLE_UNKNOWN, /* anything iterable: an array, a Set or Map, an iterator */
    PF_ITERABLE_ARRAY,   /* surely an Array: `.map` and `.length` work, iterating twice is fine */
    PF_ITERABLE_COLLECTION, /* surely a Set or Map: iterating it runs no code of the app and does not use it up */
    PF_ITERABLE_ONCE     /* surely an iterator: a generator's result, `map.values()`; iterated once */
} pf_iterable;

/* What `expr` surely is, as something to iterate. */
pf_iterable pf_iterable_of(const pf_model *model, TSNode expr);

/* Whether `key` can never be `undefined`. `element` names what the loop or callback binds
 * to each element of `array` (an identifier or a destructuring pattern, or a parameter with
 * its type annotation); the key may read it (`line.productId`) or other values. */
bool pf_key_is_defined(const pf_model *model, TSNode key, TSNode element, TSNode array);

/* Whether no two elements of `array` give the same `key` (bound as for pf_key_is_defined): the
 * elements of a Set (`new Set(xs)`, `[...new Set(xs)]`) as keys, or a unique field (@id,
 * @unique) of the rows a findMany returned. */
bool pf_keys_are_unique(const pf_model *model, TSNode key, TSNode element, TSNode array);

/* The most elements `expr` can have, or -1 when nothing says: what pf_model_array_length
 * knows, or the `take` (a number literal) of the findMany whose rows it is (through `const`
 * names and `.map`/`.filter`/`.slice`). */
long pf_array_at_most(const pf_model *model, TSNode expr);

#endif
