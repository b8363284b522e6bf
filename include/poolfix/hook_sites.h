/* Where a file hooks a Prisma client (`$extends({ query: ... })`, `$use(...)`) or hands one
 * to a tRPC context: what the summary keeps so that the program stage can tell which clients
 * other files import hooked (see client_hooks.h for why hooks matter). */
#ifndef POOLFIX_HOOK_SITES_H
#define POOLFIX_HOOK_SITES_H

#include "poolfix/queries.h"

typedef enum pf_hook_kind {
    PF_HOOK_EXTENDS,  /* `name` is bound to a client built with an `$extends(...)` that may hook queries */
    PF_HOOK_USE,      /* `name.$use(...)` gives the client `name` middleware */
    PF_HOOK_CONTEXT,  /* a tRPC context creator puts `target` into the context as `name` (`{ db: prisma }`) */
    PF_HOOK_EXTENSION /* the top-level `name` is an extension (`Prisma.defineExtension({...})`) hooking `models` */
} pf_hook_kind;

/* One place a file hooks a client or hands one to a tRPC context. */
typedef struct pf_hook_site {
    pf_hook_kind kind;
    pf_str name;   /* as written: `prisma`, `this.db`; for PF_HOOK_CONTEXT the context key, `db` */
    pf_str target; /* PF_HOOK_CONTEXT: the value as written, `prisma`; PF_HOOK_EXTENDS: an extension
                      named by an identifier the file does not bind (imported), for the program
                      to follow; else empty */
    /* PF_HOOK_EXTENDS, PF_HOOK_EXTENSION: the models whose operations its query hooks run for,
     * as the delegates of queries write them, each followed by a comma (`user,post,`); "" for
     * none; NULL for every model (`$allModels`, a raw operation, `$use`, what poolfix cannot
     * read). PF_HOOK_EXTENDS counts `target` apart: with one, the client may hook any model. */
    const char *models;
    TSNode node;   /* the `$extends` or `$use` call, the context's property, or the extension */
} pf_hook_site;

typedef PF_VEC(pf_hook_site) pf_hook_site_list;

/* Appends the hook sites of a file to `out` (storage in `arena`): its `$extends` and `$use`
 * sites in source order, its top-level extensions, then, with `contexts`, the members of its tRPC contexts. The context
 * creators are the top-level functions named createTRPCContext, createContext,
 * createInnerTRPCContext and createContextInner: every `key: name` and shorthand `name`
 * property of the objects they build is a PF_HOOK_CONTEXT site. */
void pf_client_hook_sites(const pf_model *model, bool contexts, pf_arena *arena, pf_hook_site_list *out);

/* Reads the next model of a models string (see pf_hook_site) from `*at` into `*model` and
 * moves `*at` past it; false at the end. */
bool pf_hook_model_next(const char **at, pf_str *model);

/* Whether `models` (see pf_hook_site) holds the model of the delegate `delegate`: NULL holds
 * every model; names compare with their first letter in either case (`User` is `user`). */
bool pf_hook_models_include(const char *models, pf_str delegate);

/* A client of the file that the program found hooked elsewhere. Lists end with a NULL client;
 * a client may come several times, once per hook. */
typedef struct pf_client_hook {
    const char *client;  /* the receiver as the file's queries write it: `prisma`, `ctx.db` */
    const char *problem; /* why operations on it may run code of the client's own */
    const char *models;  /* the models the hook runs for (see pf_hook_site), NULL for every one */
} pf_client_hook;

#endif
