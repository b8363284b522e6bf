/* A file's summary: everything the program stage needs from one file, as plain data.
 *
 * The per-file stage builds it from the model of one parse, on a worker thread; the
 * program stage links the summaries of a run (modules, calls, endpoints) on one thread and
 * never sees a syntax tree. Its indices are the model's: functions[i] is
 * model->functions[i], calls[i] is model->calls[i], so what the program learns about a call
 * goes back to the same call when the file is analysed again.
 *
 * Everything lives in one arena, and nothing points outside it: strings are copies, links
 * are indices. That is what lets a cache write a summary to disk and read it back, keyed by
 * the file's content hash (issue 12): each vector is written as its length and its items,
 * each string as its length and bytes (NULL as a distinct length), each index as is; no
 * pointer is ever written, and reading it back rebuilds the same arena layout. */
#ifndef POOLFIX_SUMMARY_H
#define POOLFIX_SUMMARY_H

#include "poolfix/cost.h"
#include "poolfix/module.h"

struct pf_buf;

/* A function of the file. */
typedef struct pf_summary_function {
    const char *name;   /* "GET", "getUser", "(anonymous)" */
    uint32_t parent;    /* the enclosing function, PF_NONE at top level */
    uint32_t owner;     /* the class or object binding it is a method of (`this` in it), else PF_NONE */
    int line, end_line;
    uint32_t start, end; /* byte range */
    /* Its cost tree: queries and calls inside it, nested functions included as they run
     * (fan-out callbacks once per element). PF_COST_NONE when it runs nothing. */
    uint32_t cost;
    bool has_query;     /* it runs a query of its own (not through a call) */
} pf_summary_function;

/* A call of a named function (see pf_call): resolved by the program. */
typedef struct pf_summary_call {
    const char *callee;
    uint32_t function;  /* the function it is written in, PF_NONE at top level */
    int line;
    uint32_t start;     /* byte offset of the call */
    bool weighed;       /* inside a Promise.all, a fan-out callback or a loop of its function: what
                           it costs weighs in the findings of the passes (batch, groupby, loop) */
} pf_summary_call;

/* A query, for listing what an endpoint reaches in other files. */
typedef struct pf_summary_query {
    const char *operation; /* `user.findMany`, `$queryRaw` */
    uint32_t function;     /* the innermost function around it, PF_NONE at top level */
    uint32_t owner;        /* the function a report lists it under (pf_model_owner_of), or PF_NONE */
    int line;
    uint32_t start;        /* byte offset of the call */
} pf_summary_query;

/* A place the file hooks a Prisma client, hands one to a tRPC context, or defines an
 * extension (pf_hook_site). */
typedef struct pf_summary_hook {
    const char *name;   /* the client as written (`prisma`); a context's key (`db`); an extension's binding */
    const char *target; /* a context's value as written (`prisma`); the extension an `$extends` names
                           when the file does not bind it (`softDeleteExtension`); else NULL */
    const char *models; /* `$extends` and extensions: the models hooked (`user,post,`, "" for none), NULL for every one */
    uint32_t kind;      /* a pf_hook_kind */
    int line;
} pf_summary_hook;

typedef struct pf_summary {
    pf_module module;
    PF_VEC(pf_summary_function) functions;
    PF_VEC(pf_summary_call) calls;
    PF_VEC(pf_summary_query) queries; /* in source order */
    PF_VEC(const char *) clients;     /* the receivers of its queries as written, each once: `prisma`, `ctx.db` */
    PF_VEC(pf_summary_hook) hooks;    /* in source order */
    pf_cost_list costs;
    uint32_t top_level_cost; /* code outside any function (runs once, at import) */
} pf_summary;

/* Builds the summary of a file from its model. Everything goes to `arena`. */
void pf_summary_build(pf_summary *summary, pf_arena *arena, const pf_model *model);

/* Appends the summary to `out` as bytes that hold no pointer (see summary_codec.c). */
void pf_summary_encode(const pf_summary *summary, struct pf_buf *out);
/* The summary `bytes` hold, in one block of `arena` (a summary built in a scratch arena and
 * read back this way takes no more memory than it needs), or NULL when they are not one
 * this build wrote: truncated or damaged bytes, or an index or string out of place. */
pf_summary *pf_summary_decode(const void *bytes, size_t len, pf_arena *arena);

#endif
