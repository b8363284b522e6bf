/* Finds Prisma clients that hook their own operations (see client_hooks.h). */
#include "poolfix/client_hooks.h"

#include "poolfix/syntax.h"

/* The name a client is bound to: `prisma` for `prisma`, `db` for `ctx.db` or `this.db`. */
static pf_str bound_name(pf_str client) {
    size_t start = client.len;
    while (start > 0 && client.ptr[start - 1] != '.') start--;
    return pf_str_make(client.ptr + start, client.len - start);
}

/* Why the file's own hook `site` on the query's client matters to operations of `delegate`,
 * or NULL when it runs for other models only. An extension the site names by an identifier
 * the file does not bind is the program's to follow; without a program, any model. */
static const char *site_problem(const pf_model *model, const pf_hook_site *site, pf_str delegate, pf_arena *arena) {
    if (site->kind == PF_HOOK_USE)
        return "the client is given `$use(...)` middleware, which runs around each operation of every model: a "
               "rewrite that changes the operation or reads with raw SQL would skip it";
    if (site->target.len && model->client_hooks) return NULL; /* the program followed it (client_hooks.h) */
    if (site->target.len)
        return pf_arena_printf(arena,
                               "the client is built with `$extends(%.*s)`, an extension poolfix cannot follow to "
                               "a definition it can read, whose query hooks may run per operation of every model: a "
                               "rewrite that changes the operation or reads with raw SQL would skip them",
                               (int)site->target.len, site->target.ptr);
    if (!pf_hook_models_include(site->models, delegate)) return NULL;
    if (!site->models)
        return "the client is built with `$extends(...)`, whose query hooks run per operation of every model: a "
               "rewrite that changes the operation or reads with raw SQL would skip them";
    return pf_arena_printf(arena,
                           "the client is built with `$extends(...)`, whose query hooks run per operation of `%.*s`: "
                           "a rewrite that changes the operation or reads with raw SQL would skip them",
                           (int)delegate.len, delegate.ptr);
}

const char *pf_client_hook_problem(const pf_model *model, pf_str client, pf_str delegate, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    if (pf_bytes_contain(syntax->text, syntax->len, "$extends") || pf_bytes_contain(syntax->text, syntax->len, "$use")) {
        pf_arena scratch;
        pf_arena_init(&scratch);
        pf_hook_site_list sites = {0};
        pf_client_hook_sites(model, false, &scratch, &sites);
        const char *problem = NULL;
        for (size_t i = 0; i < sites.len && !problem; i++) {
            const pf_hook_site *site = &sites.items[i];
            if ((site->kind == PF_HOOK_EXTENDS || site->kind == PF_HOOK_USE) &&
                pf_str_eq(bound_name(site->name), bound_name(client)))
                problem = site_problem(model, site, delegate, arena);
        }
        pf_arena_free(&scratch);
        if (problem) return problem;
    }
    for (const pf_client_hook *hook = model->client_hooks; hook && hook->client; hook++)
        if (pf_str_eq_c(client, hook->client) && pf_hook_models_include(hook->models, delegate)) return hook->problem;
    return NULL;
}
