/* Small path helpers shared by the modules that print or open paths. */
#ifndef POOLFIX_PATH_H
#define POOLFIX_PATH_H

/* The folder part of `path`, malloc'd: "." for a bare name, "/" for a file at the root. */
char *pf_path_dirname(const char *path);

/* `path` as a user reads it and `git apply` expects it: relative to the current folder
 * when it lies under it, else as given. Malloc'd. */
char *pf_path_for_display(const char *path);

/* The part of the absolute, canonical `path` below the folder `folder` ("" for the folder
 * itself), or NULL when it lies outside. A pointer into `path`. */
const char *pf_path_below(const char *path, const char *folder);

/* The top of the git work tree holding `dir` (the nearest ancestor, or `dir` itself, with a
 * `.git` entry), as an absolute malloc'd path; NULL when there is none. A filesystem
 * check, not a git process: it runs once per folder of a large tree. */
char *pf_path_work_tree_top(const char *dir);

#endif
