/* Next.js routing: which URL a file serves, and matching --endpoint/--method filters. */
#ifndef POOLFIX_ENDPOINT_H
#define POOLFIX_ENDPOINT_H

#include "poolfix/arena.h"

#include <stdbool.h>

typedef enum pf_router {
    PF_ROUTER_NONE,
    PF_ROUTER_APP,  /* app/.../route.{ts,js,...}: exported GET/POST/... functions */
    PF_ROUTER_PAGES /* pages/api/...: the default export serves every method */
} pf_router;

/* The URL path a file serves, from its path relative to the project root: App Router
 * `app/.../route.ext` (also under `src/`; route groups `(x)` and parallel-route slots
 * `@x` drop out; `[id]`, `[...slug]`, `[[...slug]]` stay as written) and Pages Router
 * `pages/api/...` (`index` names its folder). Returns the route in the arena, or NULL
 * when the file is not a route (then `*router` is PF_ROUTER_NONE). */
const char *pf_route_for_path(pf_arena *arena, const char *relpath, pf_router *router);

/* The HTTP methods an App Router file may export as handlers. */
bool pf_is_http_method(const char *name, size_t len);

/* Normalises a user-written --endpoint value for comparison: a leading `/` is added and a
 * trailing one removed. Returns a malloc'd string. */
char *pf_endpoint_normalize(const char *route);

#endif
