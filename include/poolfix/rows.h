/* Where a query's rows go. The passes that bound what a query returns (`take`, `take-top`)
 * may do so only where nothing in the code depends on how many rows there are: this follows
 * the value of a Prisma call through the file (variables, destructuring and renames,
 * property chains, `.map` results, Promise.all and $transaction results, same-file
 * functions it is passed to or returned from) down to a list of rows, and reports the first
 * place where that list is counted, searched, iterated for effects, written, passed to a
 * query or to a function poolfix cannot see into, decides a condition, or leaves the file
 * through a function that is not the endpoint. Rows that go into the response, or nowhere,
 * are harmless. */
#ifndef POOLFIX_ROWS_H
#define POOLFIX_ROWS_H

#include "poolfix/arena.h"
#include "poolfix/queries.h"

#include <stdbool.h>
#include <stdint.h>

/* One step from a value to the list of rows inside it. */
typedef enum pf_step_kind {
    PF_STEP_FIELD,   /* a property: `team.users` */
    PF_STEP_ELEMENT, /* any element of an array: the rows of a findMany */
    PF_STEP_INDEX    /* one element of an array literal or tuple: `[a, b]` */
} pf_step_kind;

typedef struct pf_step {
    pf_step_kind kind;
    pf_str field;   /* PF_STEP_FIELD */
    uint32_t index; /* PF_STEP_INDEX */
} pf_step;

typedef struct pf_rows_path {
    const pf_step *steps;
    size_t len;
    const pf_schema_model *model; /* the model of the rows it leads to, when known (NULL otherwise): what
                                     pf_rows_follow_changes knows of their fields */
} pf_rows_path;

/* The first use of the rows a limit would change: `why` is one line ("its rows are counted
 * (`team.users.length`, line 42)"), NULL when every use is harmless. */
typedef struct pf_rows_use {
    const char *why;
    TSNode at;
} pf_rows_use;

/* Follows the list at `path` inside the value of `expr` (a query call: its value is what the
 * query resolves to) and returns its first harmful use. Strings go to `arena`. */
pf_rows_use pf_rows_follow(const pf_model *model, pf_arena *arena, TSNode expr, pf_rows_path path);

/* The same search for another question: the first place that may change a row at `path`
 * inside the value of `expr` (`path` empty: the value is a row), for rewrites that hand the
 * same row objects to code that had objects of its own (a lookup shared by equal keys,
 * windows that overlap). A field written or deleted, a method that changes an object or array
 * in place, the row handed to a function poolfix cannot see into or returned to callers it
 * cannot see; counting, searching, reading fields and conditions are harmless here. */
pf_rows_use pf_rows_follow_changes(const pf_model *model, pf_arena *arena, TSNode expr, pf_rows_path path);

/* `path` with `step` added at its end, in `arena`. */
pf_rows_path pf_rows_path_append(pf_arena *arena, pf_rows_path path, pf_step step);

#endif
