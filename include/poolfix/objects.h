/* Reading object literals as Prisma arguments: `{ where: ..., include: { rel: true } }`.
 * Shared by the passes that look inside query arguments. */
#ifndef POOLFIX_OBJECTS_H
#define POOLFIX_OBJECTS_H

#include "poolfix/str.h"
#include "poolfix/syntax.h"

#include <stdbool.h>

/* The contents of a string literal without its quotes (`'asc'` → asc); empty for an empty
 * string or a node that is not a string literal. */
pf_str pf_string_value(const pf_syntax *syntax, TSNode node);

/* The key of a `pair` as written, without quotes (`'take'` → take); empty for a computed key. */
pf_str pf_pair_key(const pf_syntax *syntax, TSNode pair);

/* The entry of an object literal whose key is `key`: a `pair`, or a shorthand property
 * (`{ take }`, which is `take: take`). A null node when there is none, or when `object` is
 * null (a query called without arguments). */
TSNode pf_object_pair(const pf_syntax *syntax, TSNode object, const char *key);

/* The value for `key` in an object literal: a pair's value, or the identifier of a shorthand
 * property. A null node when absent. */
TSNode pf_object_value(const pf_syntax *syntax, TSNode object, const char *key);

/* Whether an object literal spreads another object (`{ ...base }`): keys may hide there. */
bool pf_object_has_spread(TSNode object);

#endif
