/* Whether a Prisma client runs code of its own around its operations: a client built with
 * `$extends({ query: ... })` or given `$use(...)` middleware. A rewrite that swaps one
 * operation for another (a count for a groupBy, a findUnique for a findMany) or bypasses them
 * (`$queryRaw`) would skip that code, so the passes that do decline such clients.
 *
 * A file sees the hooks it writes itself. Hooks written in other files (the client built once
 * in `lib/prisma.ts` and imported, or handed to a tRPC context) are found by the program
 * stage from each file's hook sites (hook_sites.h, kept in the summary) and given to the
 * file's model as `client_hooks`. */
#ifndef POOLFIX_CLIENT_HOOKS_H
#define POOLFIX_CLIENT_HOOKS_H

#include "poolfix/hook_sites.h"

/* Why operations of the model `delegate` (as the query writes it, `planAssignment`) on
 * `client` (the receiver text, `prisma` or `ctx.db`) may run code of the client's own, or
 * NULL: this file builds a client of that name with an `$extends(...)` whose query hooks run
 * for that model, or calls `$use(...)` on it, or the program found it so hooked
 * (model->client_hooks). Only the query's own model counts: Prisma runs query hooks for the
 * operation a query makes, not for the relations it includes or selects, and a rewrite keeps
 * those as written. The reason names the hook and the model; it is allocated in `arena`. */
const char *pf_client_hook_problem(const pf_model *model, pf_str client, pf_str delegate, pf_arena *arena);

#endif
