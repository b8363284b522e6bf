/* Small path helpers shared by the modules that print or open paths. */
#ifndef POOLFIX_PATH_H
#define POOLFIX_PATH_H

/* The folder part of `path`, malloc'd: "." for a bare name, "/" for a file at the root. */
char *pf_path_dirname(const char *path);

/* `path` as a user reads it and `git apply` expects it: relative to the current folder
 * when it lies under it, else as given. Malloc'd. */
char *pf_path_for_display(const char *path);

#endif
