/* The model of one file's code that every analysis and pass reads: each Prisma call, the
 * functions (and route handlers) that own them, the Promise.all groups that run calls in
 * parallel, the loops that run them in sequence, and the calls of other functions.
 *
 * A pf_model borrows its pf_syntax (text and tree) and keeps everything else in the arena
 * it is given. It is built once per parse and never changed afterwards, except for the
 * costs of its calls (`call_costs`), which the engine sets once they are known. */
#ifndef POOLFIX_QUERIES_H
#define POOLFIX_QUERIES_H

#include "poolfix/arena.h"
#include "poolfix/clients.h"
#include "poolfix/endpoint.h"
#include "poolfix/schema.h"
#include "poolfix/str.h"
#include "poolfix/syntax.h"

#include <stdbool.h>

typedef enum pf_query_kind {
    PF_QUERY_READ,        /* findMany, count, aggregate, groupBy, ... */
    PF_QUERY_WRITE,       /* create, update, upsert, delete, ... */
    PF_QUERY_RAW_READ,    /* $queryRaw, $queryRawUnsafe, $runCommandRaw */
    PF_QUERY_RAW_WRITE,   /* $executeRaw, $executeRawUnsafe */
    PF_QUERY_TRANSACTION  /* $transaction, either form */
} pf_query_kind;

typedef struct pf_query {
    TSNode call;         /* the call_expression `client.delegate.op(args)` */
    TSNode outer;        /* the widest expression that still is this one query: the call with
                            any `.catch()/.then()/.finally()`, `await`, parentheses, `as`, `!` */
    pf_str client;       /* receiver text: `prisma`, `ctx.db`, `tx` */
    pf_str delegate;     /* `user`; empty for client methods ($queryRaw, ...) */
    pf_str op;           /* `findMany`, `$transaction`, ... */
    TSNode args;         /* the arguments node (or the template string of a tagged call) */
    TSNode arg_object;   /* the first argument when it is an object literal, else null */
    pf_query_kind kind;
    int transaction;     /* index of the enclosing $transaction query, or -1 */
    bool in_callback;    /* inside the callback of an interactive $transaction */
    int function;        /* innermost enclosing function, -1 at top level */
} pf_query;

/* Nested functions that do not simply run inline where they are written. */
typedef enum pf_callback_kind {
    PF_CALLBACK_NONE,
    PF_CALLBACK_FANOUT,     /* given to `.map`, `.forEach` or `.flatMap`: runs once per element */
    PF_CALLBACK_TRANSACTION /* given to `$transaction`: its queries share one connection */
} pf_callback_kind;

typedef struct pf_function {
    TSNode node;
    pf_str name;     /* declared or assigned name; empty for anonymous functions */
    int parent;      /* enclosing function, -1 at top level */
    int handler;     /* index in handlers when this function is a route handler, else -1 */
    bool is_async;
    pf_callback_kind callback; /* whether it runs inline where it is written, or as a callback */
    TSNode receiver; /* a fan-out callback: the array it runs over (`xs` of `xs.map(cb)`), else null */
} pf_function;

typedef struct pf_handler {
    int function;
    const char *method; /* "GET", ..., or "ALL" for a Pages Router default export */
} pf_handler;

typedef enum pf_group_shape {
    PF_GROUP_ARRAY, /* Promise.all([a, b, c]) */
    PF_GROUP_MAP,   /* Promise.all(xs.map(cb)) */
    PF_GROUP_OTHER  /* Promise.all(someVariable) and other arguments */
} pf_group_shape;

typedef struct pf_group {
    TSNode call;      /* the Promise.all(...) call */
    pf_str method;    /* "all", "allSettled", "race", "any" */
    pf_group_shape shape;
    TSNode argument;  /* the array literal, the `.map(...)` call, or the other argument */
    TSNode callback;  /* PF_GROUP_MAP: the function given to `.map` (null if not a literal function) */
    TSNode mapped;    /* PF_GROUP_MAP: the receiver of `.map` (the `xs`) */
    int parent_group; /* the group this one is an element of, or -1 */
    int function;     /* innermost enclosing function, -1 at top level */
} pf_group;

/* A call of a function named by an identifier or a member chain (`load()`, `svc.get()`,
 * `this.users.find()`): what it costs is known once its callee is resolved, in this file or
 * another one. Queries, Promise.all and calls on a computed callee are not in this list. */
typedef struct pf_call {
    TSNode call;      /* the call_expression */
    pf_str callee;    /* the callee as written, without spaces: `svc.get`, `this.load` */
    int function;     /* innermost enclosing function, -1 at top level */
    int transaction;  /* the $transaction whose arguments hold it (it shares that connection), or -1 */
} pf_call;

/* A statement that runs one of its arms: an `if` with an `else`, a `switch`. */
typedef struct pf_branch {
    TSNode node;
    int function; /* innermost enclosing function, -1 at top level */
} pf_branch;

/* A byte range of a file. */
typedef struct pf_span {
    uint32_t start, end;
} pf_span;

typedef struct pf_loop {
    TSNode node;      /* for/for-in/for-of/while/do statement */
    long trips;       /* static trip count when one can be read, else -1 */
    int function;     /* innermost enclosing function (index in functions), -1 at top level */
} pf_loop;

typedef struct pf_model {
    const pf_syntax *syntax;
    const char *path;       /* the file's path as the user sees it */
    const pf_schema *schema; /* may be NULL */
    pf_router router;
    const char *route;       /* URL path for route files, else NULL */
    PF_VEC(pf_query) queries;       /* in source order */
    PF_VEC(pf_function) functions;  /* in source order */
    PF_VEC(pf_handler) handlers;
    PF_VEC(pf_group) groups;        /* in source order */
    PF_VEC(pf_loop) loops;          /* in source order */
    PF_VEC(pf_call) calls;          /* in source order */
    PF_VEC(pf_branch) branches;     /* in source order */
    /* What each call costs (one per entry of `calls`), or NULL while no callee is resolved: then
     * every call costs nothing. Set by the engine before the passes run (see cost.h). */
    const struct pf_measure *call_costs;
    /* With --endpoint: the code the selected endpoints run in this file (sorted spans); the
     * passes rewrite nothing outside it. Set by the engine. */
    const pf_span *selection;
    size_t selection_count;
    /* Its clients that the program found hooked in other files (see client_hooks.h), ended by
     * a NULL client; NULL for none. Set by the engine. */
    const struct pf_client_hook *client_hooks;
} pf_model;

/* Builds the model of one parsed file. `path` is relative to the project root: it decides
 * the route (pf_route_for_path). `schema` may be NULL. */
void pf_model_build(pf_model *model, pf_arena *arena, const pf_syntax *syntax, const char *path,
                    const pf_client_names *clients, const pf_schema *schema);

/* The call whose call_expression is exactly `node`, or NULL. */
const pf_call *pf_model_call_at(const pf_model *model, TSNode node);
/* Appends the text of a callee made of identifiers, `this` and property names joined by dots
 * (`svc.get`, `this.users.find`, `a?.b` as `a.b`); false for anything else (a computed
 * member, a call). */
bool pf_model_append_callee(const pf_syntax *syntax, TSNode node, struct pf_buf *out);
/* The query whose call_expression is exactly `node`, or NULL. */
const pf_query *pf_model_query_at(const pf_model *model, TSNode node);
/* The group whose call is exactly `node`, or NULL. */
const pf_group *pf_model_group_at(const pf_model *model, TSNode node);

/* Looks through `await`, parentheses, `as`, `!` and `.catch/.then/.finally` to the
 * expression that produces the value: the query call itself for a wrapped query. */
TSNode pf_model_peel(const pf_model *model, TSNode expr);
/* The parameter (with its type and default) of the function around `use` that declares the
 * name `use` reads, or a null node (not a parameter of that function, or destructured). */
TSNode pf_model_parameter_named(const pf_model *model, TSNode use);
/* The query `expr` is, parentheses and one `await` aside; NULL when anything else wraps it
 * (`.then`/`.catch`, a cast, an operator): a rewrite replacing the query would lose that. */
const pf_query *pf_model_plain_query(const pf_model *model, TSNode expr);

/* The route handler whose function contains `node`, or -1. */
int pf_model_handler_of(const pf_model *model, TSNode node);
/* The function that owns `node` for reporting: its handler if any, else the outermost
 * named function around it, else -1 (top level). */
int pf_model_owner_of(const pf_model *model, TSNode node);
/* The innermost function containing `node`, or -1. */
int pf_model_function_of(const pf_model *model, TSNode node);

/* The array literal an expression is: itself, or the literal a `const` name in an enclosing
 * scope is bound to. A null node otherwise. */
TSNode pf_model_array_literal(const pf_model *model, TSNode expr);

/* The length of an array when it is statically known or bounded: an array literal (spreads
 * of bounded arrays included), `Array(k)`, `Array.from({ length: k })`, `xs.slice(i, i + k)`,
 * the variable of a for-of loop over `chunk(xs, k)` (at most k), `.map`/`.filter`/... of a
 * bounded array, or a `const` bound to any of these in an enclosing scope (counts may be
 * literals or consts). -1 when unknown. */
long pf_model_array_length(const pf_model *model, TSNode expr);

/* What kind of callback function `fn` is; for a fan-out, `*receiver` (if not NULL) gets the
 * array it runs over. */
pf_callback_kind pf_model_callback_kind(const pf_model *model, TSNode fn, TSNode *receiver);

/* The interactive $transaction (`client.$transaction(async (tx) => ...)`) whose callback holds
 * `node`, the innermost one: its index in `queries`, or -1. Code there runs its queries on the
 * transaction's one connection. */
int pf_model_transaction_around(const pf_model *model, TSNode node);
/* Whether query `q` runs on the interactive transaction around `node` (see
 * pf_model_transaction_around): a member of that transaction, not of another one. */
bool pf_model_in_transaction_around(const pf_model *model, const pf_query *q, TSNode node);

/* The callback of an interactive $transaction (`client.$transaction(async (tx) => ...)`), or a
 * null node (the array form, or anything else). */
TSNode pf_model_transaction_callback(const pf_query *transaction);
/* The name the callback of an interactive $transaction gives its transaction client (`tx`), or
 * an empty string when it declares none (`async () => ...`) or destructures it. */
pf_str pf_model_transaction_client_name(const pf_model *model, const pf_query *transaction);
/* Whether query `q`, inside the callback of the interactive $transaction that holds it, runs on
 * the client that started that transaction (`prisma.user.findMany()` inside
 * `prisma.$transaction(async (tx) => ...)`: the same receiver text) instead of on the
 * transaction's client: it needs a second connection from the pool while the transaction holds
 * one. False for a $transaction itself (a nested transaction), and when a function between the
 * query and the transaction's callback (the callback included) takes a parameter of the
 * client's name (`prisma.$transaction(async (prisma) => ...)`): that name is the transaction's. */
bool pf_model_on_outer_client(const pf_model *model, const pf_query *q);

/* Whether a query under `node` writes to the database (create, update, delete, upsert,
 * $executeRaw, $transaction). */
bool pf_model_writes_within(const pf_model *model, TSNode node);

/* The top-level function a name refers to in this file (a function declaration, or a
 * variable whose value is a function), or -1. */
int pf_model_function_named(const pf_model *model, pf_str name);

/* Whether `name` is a model method (`findMany`, ...) or a client method (`$queryRaw`, ...). */
bool pf_is_model_method(pf_str name);
bool pf_is_client_method(pf_str name);

#endif
