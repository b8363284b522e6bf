/* What program.c (linking, resolving, costs) and blocks.c (endpoints and functions for the
 * report, selection) share. Private to src/program/. */
#ifndef POOLFIX_PROGRAM_INTERNAL_H
#define POOLFIX_PROGRAM_INTERNAL_H

#include "poolfix/hook_sites.h"
#include "poolfix/map.h"
#include "poolfix/program.h"

typedef PF_VEC(size_t) id_list;

/* How far each list of the program reached: what undoes pf_program_try. */
typedef struct program_mark {
    size_t index;          /* the file added */
    size_t function_count, callee_count, component_count, client_miss_count;
} program_mark;

/* What one call of a file resolved to: 12 bytes, for the tens of thousands of calls of a
 * large program (indices of callees and files fit 32 bits: a run holds far fewer). */
typedef struct program_call {
    uint32_t first; /* its callees: callees[first .. first + count) */
    uint32_t count;
    int32_t miss;   /* a file of the run its resolution needed unparsed, or -1 */
} program_call;

/* The names of one module, indexed (see pf_program_keep_names). */
struct pf_module_names {
    pf_index_map bindings; /* the module's bindings by name */
    pf_index_map imports;  /* its imports by local name */
    pf_index_map exports;  /* its exports by exported name */
};

/* One file of the program. */
typedef struct program_file {
    const pf_summary *summary; /* NULL: not parsed */
    const char *name;
    size_t first_id;           /* its functions are ids first_id .. first_id + functions.len - 1 */
    pf_module_names *names;    /* set by linking: the caller's (kept_names), or the program's own */
    pf_module_names **kept_names; /* where the caller keeps them across links, or NULL (pf_program_keep_names) */
    int32_t *import_files;     /* per import: the file it names, or -1 */
    int32_t *export_files;     /* per export: the file a re-export names, or -1 */
    int32_t **kept_targets;    /* where the caller keeps both lists across links, or NULL (pf_program_keep_targets) */
    program_call *calls;    /* per call of its summary: what it resolved to */
    const char **clients;      /* imported receivers bound to Prisma clients, NULL-terminated */
    uint32_t *binding_hooks;   /* per binding: 1 + the index in hook_marks of the last hook on its client, or 0 */
    pf_client_hook *hooks;     /* its query clients hooked in other files, ended by a NULL client */
} program_file;

/* A hook written in a file: the summary hook `hook` of file `file`, and the models it runs
 * for once its extension is followed (see pf_hook_site; NULL for every model). */
typedef struct hook_ref {
    size_t file;
    uint32_t hook;
    const char *models;
    bool unfollowed; /* an `$extends` of an extension the program could not follow to its module */
} hook_ref;

/* One hook on one binding: the hooks of a binding are a list through `next`. */
typedef struct hook_mark {
    uint32_t ref;  /* the index in hook_refs */
    uint32_t next; /* 1 + the index in hook_marks of the binding's previous hook, or 0 */
} hook_mark;

typedef enum target_kind {
    TARGET_NONE,
    TARGET_FUNCTION, /* `index` is a function of `file` */
    TARGET_BINDING,  /* `index` is a binding of `file` */
    TARGET_MODULE    /* the module `file` as a whole (a namespace import) */
} target_kind;

/* A router mounted in a parent router: under a key (tRPC) or a URL prefix (Express, Hono). */
typedef struct mount_ref {
    size_t file;
    const pf_mount *mount;
} mount_ref;

/* What a name resolves to. */
typedef struct target {
    target_kind kind;
    size_t file;
    uint32_t index;
} target;

struct pf_program {
    pf_arena arena;
    size_t count;          /* files of the run */
    /* Only the files with a summary have a program_file (dub: 1,200 of 4,700 files): `slots`
     * says where each file's is, and one that has none reads as `unparsed` (all zero). */
    program_file *files;   /* malloc'd, in the order pf_program_set met them */
    size_t file_count, file_cap;
    uint32_t *slots;       /* per file of the run: 1 + its index in `files`, or 0 */
    program_file *unparsed;
    pf_resolver *resolver; /* borrowed; NULL: imports resolve to nothing */
    int depth;             /* calls followed, -1 for no limit */
    size_t function_count, function_cap; /* the per-function arrays below hold function_cap */
    uint32_t *id_file;     /* function id → file */
    bool *owns_queries;    /* function id → it runs queries of its own */
    id_list callees;       /* the functions each call runs (see program_file); malloc'd */
    size_t component_count;
    size_t components_through; /* the functions below this id have their components (found when
                                  costs are first asked for: linking alone does not need them) */
    program_mark added;    /* what the program was before the last file was added or tried */
    pf_arena tried_arena;  /* what linking a file tried (pf_program_try) allocated: freed when it
                              is taken out */
    bool trying;           /* in pf_program_try: a file's lists go to tried_arena */
    /* Evaluation: memoised costs, and what cuts recursion. Functions that call each other in
     * a cycle form one strongly connected component: within it a cost depends on where the
     * cycle was entered, so a member's cost is kept (and used) only when evaluated from
     * outside its component. */
    uint8_t *state;        /* 1 while being evaluated, 2 when memo holds its cost (no depth limit) */
    uint32_t *component;   /* function id → its component */
    bool *cyclic;          /* per component: it holds a cycle (several members, or a self-call) */
    uint32_t *inside;      /* per component: how many of its members are being evaluated */
    bool *cycle_queries;   /* per component: a member runs queries of its own */
    pf_measure *memo;      /* without a depth limit (else NULL) */
    pf_measure **level_memo; /* with a depth limit (else NULL): per function, per level (then done flags) */
    /* Blocks, built once. */
    pf_block *blocks;
    size_t block_count;
    id_list *block_roots;  /* per block: the functions it starts from */
    id_list *reachers;     /* per function id: the endpoint blocks whose code reaches it */
    PF_VEC(pf_block *) extra_blocks; /* made by pf_program_block_at */
    pf_map routers;        /* "file:binding" of a mounted router → its mount (index in mounts) */
    PF_VEC(mount_ref) mounts;
    bool mounts_found;
    uint32_t *seen;        /* per function id: the last walk that reached it (made by the first walk) */
    uint32_t walk;
    long miss;             /* the last file resolution needed but had no summary for, or -1 */
    id_list client_misses; /* files that resolving imported receivers needed but had no summary for */
    bool *client_missed;
    PF_VEC(hook_ref) hook_refs; /* the `$extends` and `$use` hooks of the program */
    PF_VEC(hook_mark) hook_marks; /* which bindings they hook (see program_file) */
    long bound_hook;            /* the first of them on a binding (not on a parameter), or -1 */
};

/* The program file of file `index` of the run (`unparsed` for a file without summary: only
 * the files with one are ever written through it). */
static inline program_file *program_file_of(const pf_program *p, size_t index) {
    return p->slots[index] ? &p->files[p->slots[index] - 1] : p->unparsed;
}

/* Notes `miss` (a file resolution needed unparsed) among the client misses. */
void program_note_client_miss(pf_program *p);
/* What the alias binding `t` (`export const db = prisma`) stands for; TARGET_NONE when `t`
 * is no alias. */
target program_alias_of(pf_program *p, target t);
/* Finds the hooked clients of every file (see pf_program_client_hooks); in hooks.c. */
void program_find_hooks(pf_program *p);

/* The function id of `function` in `file`. */
size_t program_function_id(const pf_program *p, size_t file, uint32_t function);
/* What the export `name` of `file` is, through re-exports. */
target program_resolve_export(pf_program *p, size_t file, const char *name, int depth);
/* What a dotted name written in `file` (inside function `context`, for `this`) is. */
target program_resolve_path(pf_program *p, size_t file, const char *path, uint32_t context, int depth);
/* Appends the functions a ref runs to `out`, which grows in `arena` (the caller's scratch
 * when the list is copied or dropped afterwards: its outgrown copies go with it). */
void program_expand_ref(pf_program *p, size_t file, const pf_ref *ref, id_list *out, pf_arena *arena, int depth);
/* The cost of running function `id`, following `levels` more calls (-1: no limit). */
pf_measure program_cost(pf_program *p, size_t id, int levels);
/* The cost of a file's top-level code. */
pf_measure program_top_level_cost(pf_program *p, size_t file, int levels);

#endif
