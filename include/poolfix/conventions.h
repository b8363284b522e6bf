/* The folder and file-name conventions of tests, end-to-end tests, seed data, one-off scripts
 * and migrations: code that runs against the database but is not the application, so poolfix
 * leaves it out of a run by default (see `poolfix explain paths`). Also the folders where a
 * Prisma schema is an example, not the application's (docs, examples, fixtures, tests). */
#ifndef POOLFIX_CONVENTIONS_H
#define POOLFIX_CONVENTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct pf_convention {
    const char *name;            /* "tests", "e2e", "seeds", "scripts", "migrations" */
    const char *const *folders;  /* folder names, NULL-terminated */
    const char *const *files;    /* file-name patterns (fnmatch(3)), NULL-terminated */
} pf_convention;

extern const pf_convention pf_conventions[];
extern const size_t pf_convention_count;

/* The convention a folder named `name` follows, or NULL. */
const pf_convention *pf_convention_of_folder(const char *name, size_t len);

/* The convention a file named `name` (no folder part) follows, or NULL. */
const pf_convention *pf_convention_of_file(const char *name);

/* Whether a folder of this name holds example or test schemas, never the application's:
 * a convention's folder, or docs, doc, examples, example. */
bool pf_is_example_folder(const char *name, size_t len);

/* Writes the conventions for `poolfix explain paths`. */
void pf_conventions_explain(FILE *out);

#endif
