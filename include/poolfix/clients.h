/* Which receivers are Prisma clients: `prisma.user.findMany()` is a query when `prisma`
 * is a client name. Names come from the defaults or poolfix.json (`clients`), plus an
 * optional PCRE2 pattern (`clientPattern`) for naming schemes such as `dbRead`/`dbWrite`.
 * Immutable once built, so it is shared by every worker thread. */
#ifndef POOLFIX_CLIENTS_H
#define POOLFIX_CLIENTS_H

#include "poolfix/str.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct pf_client_names pf_client_names;

/* The names poolfix knows without configuration. */
extern const char *const pf_default_client_names[];
extern const size_t pf_default_client_name_count;

/* Builds a matcher. Returns NULL with a malloc'd one-line `*error` when `pattern` does not
 * compile. `pattern` may be NULL. */
pf_client_names *pf_client_names_new(const char *const *names, size_t count, const char *pattern,
                                     char **error);
void pf_client_names_free(pf_client_names *clients);
/* Whether `receiver` is a default name that is not Prisma's own (`db`, `tx`, `ctx.db`): a
 * file using another database library (Drizzle, Kysely, knex) uses them for its objects. */
bool pf_client_name_is_generic(pf_str receiver);
/* True if the receiver text (e.g. `ctx.prisma`, ignoring whitespace around dots) is a client. */
bool pf_client_names_match(const pf_client_names *clients, pf_str receiver);

#endif
