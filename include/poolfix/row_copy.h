/* Fresh copies of Prisma rows. A rewrite that reads rows once and hands them to several
 * places (every window of a loop, every element with the same key) must give each place its
 * own objects, as each query did: code that changes a row of one must not change another's. */
#ifndef POOLFIX_ROW_COPY_H
#define POOLFIX_ROW_COPY_H

#include "poolfix/buf.h"
#include "poolfix/schema.h"
#include "poolfix/syntax.h"

/* Appends `({ ... })`, a fresh copy of the row `expr` of model `m` as a findMany returns it
 * with `select` or `include` (either may be a null node): every object in it new (its Dates,
 * scalar lists, related rows and lists of them, `_count` objects, Json values through
 * structuredClone), following the selection through the schema; Decimals never change and
 * are shared. `out` NULL only checks. False for rows holding values it cannot copy exactly
 * (Bytes, DateTime lists, composite types) or selections it does not follow; `depth` is 0. */
bool pf_append_row_copy(pf_buf *out, const pf_schema *schema, const pf_syntax *syntax, const pf_schema_model *m,
                        TSNode select, TSNode include, const char *expr, int depth);

#endif
