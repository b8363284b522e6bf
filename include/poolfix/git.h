/* The git checks `apply` makes before writing: is the work tree dirty, and creating the
 * rollout branch. git is run as a child process (never through a shell). */
#ifndef POOLFIX_GIT_H
#define POOLFIX_GIT_H

#include <stdbool.h>
#include <stddef.h>

/* The top folder of the git work tree holding `dir`, malloc'd; NULL when `dir` is not in
 * a work tree (or git is not installed). */
char *pf_git_toplevel(const char *dir);

/* The tracked files with uncommitted changes (staged or not) under `top`, as malloc'd
 * paths relative to `top`. False with a malloc'd `*error` if git fails. */
bool pf_git_dirty_files(const char *top, char ***files, size_t *count, char **error);

/* `git switch -c name` in `top`. False with git's own one-line message in `*error`. */
bool pf_git_create_branch(const char *top, const char *name, char **error);

#endif
