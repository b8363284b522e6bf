/* What one file offers to the rest of the program and takes from it, as plain data: its
 * imports and exports, the top-level names it binds (functions, objects and classes with
 * their members, wrapped functions, Prisma clients, tRPC procedure builders), the endpoints
 * it declares, and the tRPC routers it mounts.
 *
 * A pf_module is built from the model of one parse and holds no syntax nodes: strings are
 * copied into the arena it is given, functions are indices into model->functions, and
 * functions named but not called here (a wrapper, a handler passed by name) are `refs`. The
 * program stage links the modules of a run; nothing here looks at another file. */
#ifndef POOLFIX_MODULE_H
#define POOLFIX_MODULE_H

#include "poolfix/arena.h"
#include "poolfix/queries.h"

#include <stdbool.h>
#include <stdint.h>

#define PF_NONE UINT32_MAX

/* `import { a as b } from "./x"`: local `b`, imported `a`. A default import imports
 * "default"; `import * as ns` and `const ns = require(...)` import "*". */
typedef struct pf_import {
    const char *local;
    const char *imported;
    const char *from; /* the module specifier as written */
} pf_import;

/* `export { b as a }`: name `a`, local `b`. With `from`, a re-export: `local` is the name
 * exported there ("*" for the whole module, `export * as ns from`); `export * from` has the
 * name "*". `module.exports = x` exports "default"; `exports.f = ...` exports "f". */
typedef struct pf_export {
    const char *name;
    const char *local;
    const char *from; /* NULL, or the specifier of a re-export */
    int line;
} pf_export;

typedef enum pf_binding_kind {
    PF_BINDING_FUNCTION, /* runs `function` (or the thing `target` names), after its `refs`: a function,
                            `withAuth(fn)`, `cache(fn)`, `const f = other.fn` */
    PF_BINDING_OBJECT,   /* an object literal: members are its properties */
    PF_BINDING_CLASS,    /* a class: members are its methods and typed fields */
    PF_BINDING_INSTANCE, /* `new C(...)`: an instance of the class `target` */
    PF_BINDING_CLIENT,   /* a Prisma client: bound to `new PrismaClient(...)` or `x.$extends(...)` */
    PF_BINDING_CHAIN,    /* a tRPC procedure builder: `base.use(mw)...`; refs are its middleware,
                            `target` the builder it extends */
    PF_BINDING_ROUTER,   /* a tRPC router: `router({...})`; its procedures are entries, its
                            sub-routers mounts */
    PF_BINDING_EXTENSION /* a Prisma client extension: `Prisma.defineExtension(...)`, for `$extends` to name */
} pf_binding_kind;

/* A top-level name. Class declarations, function declarations, `const`/`let`/`var`, and the
 * anonymous values of `export default` (named "default"). */
typedef struct pf_binding {
    const char *name;
    pf_binding_kind kind;
    uint32_t function;           /* FUNCTION: the function it runs, PF_NONE when `target` names it */
    const char *target;          /* FUNCTION: a name or member chain it runs; INSTANCE: the class; CHAIN: the base */
    uint32_t first_ref, ref_count;       /* FUNCTION, CHAIN: what runs on every call besides it */
    uint32_t first_member, member_count; /* OBJECT, CLASS */
} pf_binding;

/* A property of an object binding or a member of a class binding. */
typedef struct pf_member {
    const char *name;
    uint32_t function;  /* a method, or a property whose value is a function; else PF_NONE */
    const char *target; /* a property naming something else (`{ get: getUser }`, `{ getUser }`), or a
                           field's class (`constructor(private users: UsersService)`, `x = new C()`) */
} pf_member;

/* Something that runs but is not called where it is written: a wrapper around a handler
 * (`withAuth(...)`), tRPC middleware (`.use(mw)`), a handler passed by name. Either an inline
 * function or a name resolved in this file; `exported` names an export of this file. */
typedef struct pf_ref {
    const char *callee;  /* `withAuth`, `handlers.get`; NULL for an inline function */
    uint32_t function;   /* the inline function, or the function the name is written in (for
                            `this`), PF_NONE at top level */
    bool inline_function;
    bool exported;
    int line;
} pf_ref;

typedef enum pf_entry_kind {
    PF_ENTRY_APP,        /* Next.js App Router: app/.../route.ts exports GET, POST, ... */
    PF_ENTRY_PAGES,      /* Next.js Pages Router: pages/api/... default export */
    PF_ENTRY_ACTION,     /* Next.js Server Action: exports of a 'use server' file, or a function that says it */
    PF_ENTRY_TRPC,       /* a tRPC procedure: `.query(fn)`, `.mutation(fn)` in a router */
    PF_ENTRY_LOADER,     /* Remix / React Router: `loader` and `action` of a route module */
    PF_ENTRY_CONTROLLER, /* NestJS: a method of a @Controller() class with @Get(), @Post(), ... */
    PF_ENTRY_SERVER      /* Express, Hono, Fastify: `app.get("/path", ...handlers)` */
} pf_entry_kind;

/* An endpoint as this file declares it. tRPC routes are completed by the program, which
 * knows where each router is mounted. */
typedef struct pf_entry {
    pf_entry_kind kind;
    const char *route;   /* URL path; tRPC: the key path inside `router`; a Server Action: its name */
    const char *method;  /* GET, POST, ... ; ALL; ACTION; QUERY, MUTATION, SUBSCRIPTION */
    const char *router;  /* tRPC: the binding of the router it is declared in ("default" for an export), or
                            for a procedure bound outside any router its own binding (then `route` is "");
                            Express, Hono: the top-level name its routes go to, or NULL */
    uint32_t function;   /* the handler written here, or PF_NONE when `handler` names it */
    uint32_t handler;    /* a ref naming the handler, or PF_NONE */
    uint32_t first_ref, ref_count; /* wrappers and middleware, charged before the handler */
    int line;
} pf_entry;

/* A router mounted in another router declared in this file: under a key (tRPC) or a URL
 * prefix (Express `app.use("/api", router)`, Hono `app.route("/api", router)`). */
typedef struct pf_mount {
    const char *router; /* the binding of the parent router */
    const char *path;   /* tRPC: the key path inside it, "post", "admin.post" ("" when merged);
                           Express, Hono: the URL prefix, starting with "/" */
    const char *child;  /* the child router as written here, or with `from` the name exported there */
    const char *from;   /* `lazy(() => import(S).then((m) => m.child))`: S; else NULL */
    uint32_t first_ref, ref_count; /* Express, Hono: middleware that runs before every route mounted */
} pf_mount;

typedef struct pf_module {
    PF_VEC(pf_import) imports;
    PF_VEC(pf_export) exports;
    PF_VEC(pf_binding) bindings;
    PF_VEC(pf_member) members;
    PF_VEC(pf_ref) refs;
    PF_VEC(pf_entry) entries;
    PF_VEC(pf_mount) mounts;
    /* Imported names that receive query-shaped calls (`dbRead.user.findMany(...)`) without
     * being known clients: the program tells whether they are bound to a Prisma client. */
    PF_VEC(const char *) receivers;
    bool use_server; /* the file starts with the 'use server' directive */
} pf_module;

/* Builds the module of a file from its model (the route of App Router and Pages Router files
 * comes from model->route). Everything goes to `arena`. */
void pf_module_build(pf_module *module, pf_arena *arena, const pf_model *model);

/* The binding named `name`, or NULL. */
const pf_binding *pf_module_binding(const pf_module *module, const char *name);

#endif
