/* Finding the files to process: the PATH arguments (files or folders), walked in a stable
 * order, keeping the extensions poolfix reads and skipping dependency and build folders and
 * whatever .gitignore files (root and nested, with negations) or poolfix.json ignore. */
#ifndef POOLFIX_DISCOVER_H
#define POOLFIX_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

/* One rule set per .gitignore file, relative to its folder (gitignore(5) semantics: `#`
 * comments, `!` negation, trailing `/` for folders only, a `/` elsewhere anchors the
 * pattern, `*`, `?`, `[...]`, `**`; the last matching rule wins; a file inside an ignored
 * folder cannot be re-included). */
typedef struct pf_ignore pf_ignore;

/* Parses gitignore-format text whose patterns are relative to `base` (a folder path, ""
 * for the root). Never fails: lines that are not patterns are skipped. */
pf_ignore *pf_ignore_parse(const char *base, const char *text, size_t len);
void pf_ignore_free(pf_ignore *ignore);
/* The verdict of one rule set for `path` (relative to the same root as `base`):
 * 1 ignored, -1 re-included by a negation, 0 no rule matched. */
int pf_ignore_match(const pf_ignore *ignore, const char *path, bool is_dir);

typedef struct pf_discovered {
    char *path;    /* the path to open: the PATH argument joined with the file's relative path */
    char *relpath; /* the path relative to its walk root, for route mapping and reports */
    char *root;    /* the walk root it was found under (the PATH argument, or the folder of a file argument) */
    char *project_relpath; /* the path relative to its Next.js project (the nearest folder above with a
                              package.json or next.config.*), which decides the route it serves; the
                              relpath when there is no such folder */
    size_t size;   /* its size in bytes when found (0 if it could not be stat'ed): a hint for scheduling */
} pf_discovered;

/* A file found in a folder PATH but left out of the run because it follows a convention of
 * tests, seeds, scripts or migrations (see conventions.h). */
typedef struct pf_left_out {
    char *path;
    const char *convention; /* the convention's name: "tests", "seeds"... */
} pf_left_out;

typedef struct pf_discovery {
    pf_discovered *files; /* sorted by path, no duplicates */
    size_t count;
    pf_left_out *left_out; /* in walk order */
    size_t left_out_count;
    char **problems;      /* one line each: "<path>: <cause>" for missing or unreadable PATHs and folders */
    size_t problem_count;
    struct pf_listings *listings; /* what each folder walked holds of a few names (listings.h); the
                                     run may free it early with pf_listings_free() and NULL */
} pf_discovery;

typedef struct pf_discover_options {
    const char *const *ignore_patterns; /* extra gitignore-format patterns from poolfix.json, relative to each walk root */
    size_t ignore_pattern_count;
    bool include_tests; /* keep the files that follow a convention of tests, seeds, scripts or migrations */
} pf_discover_options;

/* Walks every PATH. A PATH that is a file is taken whatever .gitignore says (the user named
 * it) as long as its extension is one poolfix reads; otherwise it is a problem. A folder is
 * walked with the rules of every .gitignore from the enclosing git work tree's top (the
 * nearest ancestor with a `.git` entry, if any) down to it, plus .git/info/exclude, plus
 * the nested .gitignore files met on the way. Unless `include_tests`, what follows a
 * convention of tests, seeds, scripts or migrations below the PATH goes to `left_out`
 * instead (folders of a Next.js app/ or pages/ tree are URL segments, not conventions; a
 * negated poolfix.json pattern re-includes a folder or file). Always fills `out`; free
 * with pf_discovery_free(). */
void pf_discover(const char *const *paths, size_t count, const pf_discover_options *options,
                 pf_discovery *out);
void pf_discovery_free(pf_discovery *discovery);

/* Folders never walked, whatever .gitignore says: NULL-terminated, and a test. */
extern const char *const pf_skipped_folders[];
bool pf_is_skipped_folder(const char *name);

#endif
