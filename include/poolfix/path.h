/* Small path helpers shared by the modules that print or open paths. */
#ifndef POOLFIX_PATH_H
#define POOLFIX_PATH_H

#include <stdbool.h>

/* The folder part of `path`, malloc'd: "." for a bare name, "/" for a file at the root. */
char *pf_path_dirname(const char *path);

/* `path` as a user reads it and `git apply` expects it: relative to the current folder
 * when it lies under it, else as given. Malloc'd. */
char *pf_path_for_display(const char *path);

/* The part of the absolute, canonical `path` below the folder `folder` ("" for the folder
 * itself), or NULL when it lies outside. A pointer into `path`. */
const char *pf_path_below(const char *path, const char *folder);

/* A URL path from a route prefix and a route, each with or without slashes: "/a/b" from
 * "a/" and "/b"; "" when both are empty. Copied into `arena`. */
struct pf_arena;
const char *pf_url_join(struct pf_arena *arena, const char *prefix, const char *path);

/* The top of the git work tree holding `dir` (the nearest ancestor, or `dir` itself, with a
 * `.git` entry), as an absolute malloc'd path; NULL when there is none. A filesystem
 * check, not a git process: it runs once per folder of a large tree. */
char *pf_path_work_tree_top(const char *dir);

struct pf_buf;

/* Appends `prefix` and `path` as git names files in diff headers: verbatim when every byte is
 * printable ASCII (spaces too), else as a C string in double quotes around both, with \a \b
 * \t \n \v \f \r \" \\ and three-digit octal escapes for the other bytes quoted. Control
 * characters, `"`, `\` and DEL are quoted, and so is every byte of a non-ASCII character when
 * `quote_non_ascii` (git's default core.quotePath). `git apply` and GNU patch read these back. */
void pf_path_append_quoted(struct pf_buf *out, const char *prefix, const char *path, bool quote_non_ascii);

/* `path` for one line of a message or a report: quoted as above, UTF-8 kept, when it holds a
 * control character (a newline would split the line), `"` or `\`. Malloc'd. */
char *pf_path_printable(const char *path);

#endif
