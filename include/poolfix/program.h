/* The program stage: the summaries of a run linked into one program.
 *
 * - Names are resolved as the code reads them: a call's callee (`getUser`, `svc.get`,
 *   `ns.fn`, `this.load`, `this.users.find`) through the file's bindings and imports,
 *   exports and re-exports (`export *`, `export { a as b } from`), object and class
 *   members, and the class of an injected field (`constructor(private users: UsersService)`).
 * - A call costs what its callee costs, and a wrapped function (`withAuth(fn)`) what its
 *   wrappers cost before it. Each function's cost tree is evaluated with those costs, so a
 *   call inside Promise.all adds its queries in parallel, one after another in sequence, in
 *   a loop times the loop. Recursion is cut where it comes back, and then counts as
 *   unbounded when the cycle queries. `depth` caps how many calls deep a figure looks.
 * - Endpoints are the files' entries, tRPC procedures named by their full router path,
 *   each charged with its wrappers and middleware and what its handler reaches.
 *
 * Single-threaded: built after the per-file stage, read by the report. A program over one
 * file and no resolver is what the per-file stage uses for same-file calls, so the two
 * stages count a call the same way. */
#ifndef POOLFIX_PROGRAM_H
#define POOLFIX_PROGRAM_H

#include "poolfix/resolve.h"
#include "poolfix/summary.h"

typedef struct pf_program pf_program;

/* A program over `count` files. `resolver` (borrowed, may be NULL) resolves their imports;
 * `depth` is how many calls deep figures look, 0 for no limit. */
pf_program *pf_program_new(size_t count, pf_resolver *resolver, int depth);
void pf_program_free(pf_program *program);

/* Gives file `index` its summary (borrowed; leave unset for a file that was not parsed) and
 * the name reports show for it. */
void pf_program_set(pf_program *program, size_t index, const pf_summary *summary, const char *name);

/* Keeps where file `index`'s imports and re-exports lead in `*targets` across the links of a
 * run, while its summary stays the same: when `*targets` is NULL, linking resolves them into a
 * malloc'd array the caller then owns (the files the imports name, then those the re-exports
 * name, -1 for none), and reads them from it otherwise. Without it, each link resolves them
 * again. Call after pf_program_set. */
void pf_program_keep_targets(pf_program *program, size_t index, int32_t **targets);

/* Resolves every import and call of the program. Call once, after every pf_program_set. */
void pf_program_link(pf_program *program);

/* The names of a module as linking indexes them (its bindings, imports and exports). */
typedef struct pf_module_names pf_module_names;

/* Keeps file `index`'s indexed names in `*names` across the links of a run, while its summary
 * stays the same (the names borrow its strings), as pf_program_keep_targets keeps its
 * targets: when `*names` is NULL, linking indexes them into a new one the caller then owns,
 * and reads them from it otherwise. Without it, each link indexes them again. Call after
 * pf_program_set. */
void pf_program_keep_names(pf_program *program, size_t index, pf_module_names **names);
void pf_module_names_free(pf_module_names *names);

/* Links file `index`, set (and its targets and names kept) since, into a program that grows
 * a file at a time: its imports and calls are resolved against the files already in it,
 * which stay as they were linked (a file added later is not seen by their calls). Files
 * added callees first get exactly the costs a whole link would give them, where no cycle
 * runs through files not added yet. No blocks, hooks or selection: only costs and imported
 * clients. */
void pf_program_add(pf_program *program, size_t index);

/* Links the `n` files `indices` lists, set (and their targets and names kept) since the
 * program was linked, into it as they come, and resolves again whatever of the files linked
 * before needed one of them: calls, imported clients, hooks, mounted routers. The program
 * then answers as a whole link of all its files would (pf_program_wanted, client misses,
 * imported clients, costs), but its functions are numbered in the order their files came:
 * link again for the blocks of a report. No blocks may have been built. */
void pf_program_extend(pf_program *program, const size_t *indices, size_t n);

/* Links file `index` as pf_program_add does, to ask about it and then take it out again with
 * pf_program_untry, as if it had never been set. */
void pf_program_try(pf_program *program, size_t index);
void pf_program_untry(pf_program *program);

/* Finds what the blocks still ask the resolver (where routers are mounted) and stops using
 * it, so that its owner may free it once linking is done; an import asked about later
 * resolves to nothing. */
void pf_program_drop_resolver(pf_program *program);

/* The files of the run the program did not have a summary for but needs: those the code the
 * endpoints run calls into (directly, or through re-exports), among the ones `may_query`
 * marks. Their indices go to a malloc'd `*files`; returns how many. The workspace parses them
 * and links again, until none are left. */
size_t pf_program_wanted(pf_program *program, const bool *may_query, size_t **files);

/* The files of the run the program had no summary for but needs to tell whether imported
 * receivers are Prisma clients (the modules they are imported from, and those they re-export
 * from); owned by the program. */
size_t pf_program_client_misses(const pf_program *program, const size_t **files);

/* The names file `index` imports that are Prisma clients where they come from (through
 * re-exports), among its summary's receivers; a NULL-terminated list owned by the program. */
const char *const *pf_program_imported_clients(pf_program *program, size_t index);

/* The clients of file `index`'s queries that are hooked in other files: imported clients
 * built with a hooking `$extends(...)` or given `$use(...)` middleware where they come from
 * (through re-exports and aliases), and tRPC context clients (`ctx.db`) that the context
 * creator fills with such a client, or, when no context creator names them, any client of
 * the program is hooked. A list ended by a NULL client, owned by the program; its problems
 * name the file the hook is written in. */
const struct pf_client_hook *pf_program_client_hooks(pf_program *program, size_t index);

/* What each call of file `index` costs (one per summary call, in its order, written to `out`):
 * its callees' costs, looking `depth - 1` calls further. False (nothing written) for an unset
 * file. The caller owns the memory: stage 3 keeps the costs of the few files they change only
 * (memoised in the program, they were a megabyte on civitai). */
bool pf_program_call_costs(pf_program *program, size_t index, pf_measure *out);

/* One step of a call path: a function, and the line of the call that leads to the next step
 * (0 for the last). */
typedef struct pf_step {
    size_t file;
    uint32_t function;
    int call_line;
} pf_step;

/* A function with queries of its own that a block reaches, and how. */
typedef struct pf_reach {
    size_t file;
    uint32_t function;
    const pf_step *path; /* from the block's first function to this one, both included */
    size_t path_len;
} pf_reach;

/* An endpoint, or a function outside routes that runs queries of its own: what a report
 * shows as one block. */
typedef struct pf_block {
    bool endpoint;
    pf_entry_kind kind;       /* endpoints */
    const char *route;        /* endpoints: URL path, tRPC path, action name */
    const char *method;       /* endpoints: GET, ..., ALL, ACTION, QUERY, MUTATION */
    size_t file;
    uint32_t function;        /* the function whose code it is; PF_NONE: the top level, or a handler
                                 defined in another file */
    const char *name;         /* the function's name, or the handler's as written */
    int line, end_line;
    uint32_t start, end;      /* the byte range whose findings it holds (empty for none) */
    pf_measure figures;
    const char *calls;        /* same-file functions with queries it reaches: "a, b"; NULL if none */
    const pf_reach *reached;  /* functions with queries it reaches in other files, in the order met */
    size_t reached_count;
    const size_t *reached_by; /* functions: the endpoint blocks that reach it (indices in blocks) */
    size_t reached_by_count;
} pf_block;

/* The blocks of the program: endpoints (every entry of every file) and functions outside
 * routes, in file order. Evaluated on the first call; owned by the program. */
const pf_block *pf_program_blocks(pf_program *program, size_t *count);

/* The block of the function a report lists the code at `byte` of `file` under (the outermost
 * named function around it): one of pf_program_blocks(), or one made for it (a function that
 * runs no query of its own but holds a finding, through its calls). NULL at top level. Owned
 * by the program. */
const pf_block *pf_program_block_at(pf_program *program, size_t file, uint32_t byte);

/* Selects blocks for an incremental rollout: the endpoints `selected(route, method)` accepts,
 * and everything they run (their handler, wrappers and middleware, and the functions these
 * reach). Returns, per file, the spans selected (`*counts` per file, sorted); files and
 * spans owned by the program. */
const pf_span *const *pf_program_select(pf_program *program, bool (*selected)(void *context, const char *route,
                                                                            const char *method),
                                        void *context, const size_t **counts);

#endif
