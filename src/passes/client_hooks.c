/* Finds Prisma clients that hook their own operations (see client_hooks.h). */
#include "poolfix/client_hooks.h"

#include "poolfix/syntax.h"

/* The name a client is bound to: `prisma` for `prisma`, `db` for `ctx.db` or `this.db`. */
static pf_str bound_name(pf_str client) {
    size_t start = client.len;
    while (start > 0 && client.ptr[start - 1] != '.') start--;
    return pf_str_make(client.ptr + start, client.len - start);
}

const char *pf_client_hook_problem(const pf_model *model, pf_str client) {
    const pf_syntax *syntax = model->syntax;
    if (pf_bytes_contain(syntax->text, syntax->len, "$extends") || pf_bytes_contain(syntax->text, syntax->len, "$use")) {
        pf_arena scratch;
        pf_arena_init(&scratch);
        pf_hook_site_list sites = {0};
        pf_client_hook_sites(model, false, &scratch, &sites);
        const char *problem = NULL;
        for (size_t i = 0; i < sites.len && !problem; i++) {
            if (!pf_str_eq(bound_name(sites.items[i].name), bound_name(client))) continue;
            problem = sites.items[i].kind == PF_HOOK_USE
                          ? "the client is given `$use(...)` middleware, which runs around each operation: a rewrite "
                            "that changes the operation or reads with raw SQL would skip it"
                          : "the client is built with `$extends(...)`, whose query hooks run per operation: a rewrite "
                            "that changes the operation or reads with raw SQL would skip them";
        }
        pf_arena_free(&scratch);
        if (problem) return problem;
    }
    for (const pf_client_hook *hook = model->client_hooks; hook && hook->client; hook++)
        if (pf_str_eq_c(client, hook->client)) return hook->problem;
    return NULL;
}
