/* Module resolution as TypeScript does it, over the files of one run: which file an import
 * specifier names.
 *
 * - Relative specifiers (`./x`, `../x`): the file itself, with a source extension added
 *   (`.ts .tsx .js .jsx .mts .cts .mjs .cjs`), a `.js`-family extension mapped to its source
 *   (`./x.js` → `x.ts`, as `moduleResolution: bundler/node16` allow), or the folder's `index`.
 * - Bare specifiers: the `paths` of the nearest `tsconfig.json` or `jsconfig.json` (following
 *   `extends`, relative or through a workspace package; the longest matching prefix wins,
 *   targets tried in order), then its `baseUrl`, then workspace packages by their
 *   package.json `name`: `exports` (subpaths, `*` patterns, conditions), else
 *   `source`/`module`/`main`/`types`, with build output (`dist/`, `build/`, `lib/`) mapped
 *   back to `src/` when only the source is in the run.
 * - Workspace packages are those of npm/yarn `workspaces` and pnpm-workspace.yaml globs, and
 *   the nearest package.json of every file of the run.
 *
 * Only files of the run are answers: a package from node_modules, a Node builtin, a file
 * outside the scanned PATHs resolve to nothing. Config files are read once each. */
#ifndef POOLFIX_RESOLVE_H
#define POOLFIX_RESOLVE_H

#include <stddef.h>

typedef struct pf_resolver pf_resolver;

/* A resolver over the files of a run, named by the paths they are opened with (relative to
 * the current folder, or absolute). The paths are borrowed: they must outlive the resolver. */
pf_resolver *pf_resolver_new(const char *const *paths, size_t count);
void pf_resolver_free(pf_resolver *resolver);

/* The index of the file `specifier` names in an import written in file `from`, or -1. The
 * answer is not remembered (the configs and packages read on the way are): the program keeps
 * what a file's imports resolve to across its links (pf_program_keep_targets), and remembered
 * answers took most of a megabyte on dub through the program stage. */
long pf_resolve(pf_resolver *resolver, size_t from, const char *specifier);

#endif
