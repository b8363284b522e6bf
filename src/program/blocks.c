/* The blocks a report shows (endpoints, and functions outside routes that run queries),
 * what each reaches and by which calls, and the selection an --endpoint rollout makes
 * (see program.h). */
#include "program_internal.h"

#include "poolfix/buf.h"
#include "poolfix/path.h"

#include <stdlib.h>
#include <string.h>

/* What building the blocks keeps on the side: each block's first functions. */
typedef struct builder {
    pf_program *p;
    PF_VEC(pf_block) blocks;   /* malloc'd, grown with realloc and kept at their size by the
                                  program: grown in an arena, then copied, they left their
                                  outgrown copies and the copy at the report's peak (dub: 0.35
                                  MB) */
    PF_VEC(id_list) roots;     /* per block, as `blocks` */
    pf_arena scratch;          /* what building needs only, and the reachers while they grow:
                                  the program keeps exact copies */
} builder;

/* --- router paths (tRPC, Express, Hono) -------------------------------------------- */

/* The key of a router binding in p->routers. */
static const char *router_key(pf_arena *arena, size_t file, const char *binding) {
    return pf_arena_printf(arena, "%zu:%s", file, binding);
}

/* Whether the binding `name` of a module can be mounted: a router, a procedure bound outside
 * any router (an entry whose router is that binding and whose path is empty), or a name that
 * Express / Hono routes or mounts go to. */
static bool mountable(const pf_module *m, const pf_binding *binding) {
    if (binding->kind == PF_BINDING_ROUTER) return true;
    for (size_t e = 0; e < m->entries.len; e++) {
        const pf_entry *entry = &m->entries.items[e];
        if (entry->router && strcmp(entry->router, binding->name) == 0 &&
            (entry->kind == PF_ENTRY_SERVER || !*entry->route))
            return true;
    }
    for (size_t k = 0; k < m->mounts.len; k++)
        if (m->mounts.items[k].path[0] == '/' && strcmp(m->mounts.items[k].router, binding->name) == 0) return true;
    return false;
}

/* Records where every mounted router (or standalone procedure) is mounted (the first mount wins). */
static void find_mounts(pf_program *p) {
    if (p->mounts_found) return;
    p->mounts_found = true;
    for (size_t i = 0; i < p->count; i++) {
        const pf_summary *s = program_file_of(p, i)->summary;
        for (size_t k = 0; s && k < s->module.mounts.len; k++) {
            const pf_mount *m = &s->module.mounts.items[k];
            target t;
            if (m->from) {
                long from = p->resolver ? pf_resolve(p->resolver, i, m->from) : -1;
                t = from >= 0 ? program_resolve_export(p, (size_t)from, m->child, 0) : (target){TARGET_NONE, 0, 0};
            } else {
                t = program_resolve_path(p, i, m->child, PF_NONE, 0);
            }
            if (t.kind != TARGET_BINDING) continue;
            const pf_binding *router = &program_file_of(p, t.file)->summary->module.bindings.items[t.index];
            if (!mountable(&program_file_of(p, t.file)->summary->module, router)) continue;
            const char *key = router_key(&p->arena, t.file, router->name);
            if (pf_map_find(&p->routers, key, strlen(key), NULL)) continue;
            pf_map_set(&p->routers, key, strlen(key), p->mounts.len);
            *PF_VEC_PUSH(&p->arena, p->mounts) = (mount_ref){i, m};
        }
    }
}

/* The path a router is mounted at, from the root router down ("" for a root): a tRPC path
 * (`admin.post`) or a URL prefix (`/api/users`). */
static const char *router_prefix(pf_program *p, size_t file, const char *router, int depth) {
    size_t index;
    const char *key = router_key(&p->arena, file, router);
    if (depth > 16 || !pf_map_find(&p->routers, key, strlen(key), &index)) return "";
    const mount_ref *m = &p->mounts.items[index];
    const char *parent = router_prefix(p, m->file, m->mount->router, depth + 1);
    if (m->mount->path[0] == '/') return pf_url_join(&p->arena, parent, m->mount->path); /* Express, Hono */
    if (!*m->mount->path) return parent; /* merged: the router's procedures keep their paths */
    return *parent ? pf_arena_printf(&p->arena, "%s.%s", parent, m->mount->path) : m->mount->path;
}

/* --- walking the call graph ------------------------------------------------------------ */

/* One function met by a walk: how it was reached. */
typedef struct visit {
    size_t id;
    size_t from;   /* index of the visit it was called from, SIZE_MAX for a first function */
    int call_line; /* the line of that call */
    int level;     /* calls from the first functions */
} visit;

typedef PF_VEC(visit) visit_list;

/* The first call of a file at or after byte `start` (calls are in source order). */
static size_t first_call_at(const pf_summary *s, uint32_t start) {
    size_t lo = 0, hi = s->calls.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->calls.items[mid].start < start) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Visits, breadth first, the functions `roots` run and those they call, each once, as deep
 * as the program's depth limit. Nearest first: the path to each is a shortest one. */
static void walk(pf_program *p, const id_list *roots, pf_arena *arena, visit_list *out) {
    if (!p->seen) p->seen = pf_xcalloc(p->function_count + 1, sizeof(uint32_t));
    uint32_t stamp = ++p->walk;
    for (size_t i = 0; i < roots->len; i++) {
        if (p->seen[roots->items[i]] == stamp) continue;
        p->seen[roots->items[i]] = stamp;
        *PF_VEC_PUSH(arena, *out) = (visit){roots->items[i], SIZE_MAX, 0, 0};
    }
    for (size_t v = 0; v < out->len; v++) {
        visit here = out->items[v];
        if (p->depth >= 0 && here.level >= p->depth) continue;
        size_t file = p->id_file[here.id];
        const program_file *f = program_file_of(p, file);
        const pf_summary_function *fn = &f->summary->functions.items[here.id - f->first_id];
        for (size_t c = first_call_at(f->summary, fn->start); c < f->summary->calls.len; c++) {
            const pf_summary_call *call = &f->summary->calls.items[c];
            if (call->start >= fn->end) break;
            for (size_t k = 0; k < f->calls[c].count; k++) {
                size_t callee = p->callees.items[f->calls[c].first + k];
                if (p->seen[callee] == stamp) continue;
                p->seen[callee] = stamp;
                *PF_VEC_PUSH(arena, *out) = (visit){callee, v, call->line, here.level + 1};
            }
        }
    }
}

/* A copy of a list's `len` items of `size` bytes in `arena`, no larger than they are; NULL
 * for none. */
static void *exact_copy(pf_arena *arena, const void *items, size_t len, size_t size) {
    if (len == 0) return NULL;
    void *copy = pf_arena_alloc(arena, len * size);
    memcpy(copy, items, len * size);
    return copy;
}

/* The name of function `id` as "file:name". */
static const pf_summary_function *function_of(const pf_program *p, size_t id) {
    const program_file *f = program_file_of(p, p->id_file[id]);
    return &f->summary->functions.items[id - f->first_id];
}

/* Fills a block's `calls` (same-file functions with queries) and `reached` (functions with
 * queries in other files, with their call paths) from the functions it starts from; for the
 * endpoint block `index`, notes it as a reacher of every function it reaches. */
static void fill_reach(pf_program *p, pf_block *block, const id_list *roots, size_t index, pf_arena *growth) {
    visit_list visits = {0};
    pf_arena scratch;
    pf_arena_init(&scratch);
    walk(p, roots, &scratch, &visits);
    pf_buf calls = PF_BUF_INIT;
    PF_VEC(pf_reach) reached = {0};
    size_t own = block->function == PF_NONE ? SIZE_MAX : program_function_id(p, block->file, block->function);
    for (size_t v = 0; v < visits.len; v++) {
        size_t id = visits.items[v].id, file = p->id_file[id];
        if (block->endpoint) *PF_VEC_PUSH(growth, p->reachers[id]) = index;
        if (!p->owns_queries[id] || id == own) continue;
        if (file == block->file) {
            pf_buf_printf(&calls, "%s%s", calls.len ? ", " : "", function_of(p, id)->name);
            continue;
        }
        size_t length = 0;
        for (size_t at = v; at != SIZE_MAX; at = visits.items[at].from) length++;
        pf_step *path = pf_arena_alloc(&p->arena, length * sizeof(pf_step));
        size_t k = length;
        int line = 0;
        for (size_t at = v; at != SIZE_MAX; at = visits.items[at].from) {
            size_t step = visits.items[at].id;
            path[--k] = (pf_step){p->id_file[step], (uint32_t)(step - program_file_of(p, p->id_file[step])->first_id), line};
            line = visits.items[at].call_line;
        }
        *PF_VEC_PUSH(&scratch, reached) = (pf_reach){file, path[length - 1].function, path, length};
    }
    block->calls = calls.len ? pf_arena_strdup(&p->arena, calls.data) : NULL;
    block->reached = exact_copy(&p->arena, reached.items, reached.len, sizeof(pf_reach));
    block->reached_count = reached.len;
    pf_buf_free(&calls);
    pf_arena_free(&scratch);
}

/* The endpoints that reach a function block: those whose walks met its function. */
static void set_reached_by(const pf_program *p, pf_block *block) {
    if (block->endpoint || block->function == PF_NONE) return;
    const id_list *reachers = &p->reachers[program_function_id(p, block->file, block->function)];
    block->reached_by = reachers->items;
    block->reached_by_count = reachers->len;
}

/* --- blocks -------------------------------------------------------------------------- */

/* Adds a block with its first functions; returns its index. */
static size_t add_block(builder *b, const pf_block *block, const id_list *roots) {
    b->blocks.items = pf_xgrow(b->blocks.items, b->blocks.len, &b->blocks.cap, sizeof(pf_block));
    b->blocks.items[b->blocks.len++] = *block;
    b->roots.items = pf_xgrow(b->roots.items, b->roots.len, &b->roots.cap, sizeof(id_list));
    b->roots.items[b->roots.len++] = *roots;
    return b->blocks.len - 1;
}

/* Fills a block's place in its file from function `fn`. */
static void place(pf_block *block, const pf_summary *s, uint32_t fn) {
    const pf_summary_function *f = &s->functions.items[fn];
    block->function = fn;
    block->name = f->name;
    block->line = f->line;
    block->end_line = f->end_line;
    block->start = f->start;
    block->end = f->end;
}

/* The function a query is listed under: the endpoint handler around it, else its owner, else
 * the outermost function around it (an anonymous callback at top level, such as middleware
 * passed to `app.use(...)`); PF_NONE for top-level code. */
static uint32_t query_owner(const pf_summary *s, const bool *entry_function, const pf_summary_query *q) {
    uint32_t outermost = PF_NONE;
    for (uint32_t fn = q->function; fn != PF_NONE; fn = s->functions.items[fn].parent) {
        if (entry_function[fn]) return fn;
        outermost = fn;
    }
    return q->owner != PF_NONE ? q->owner : outermost;
}

/* The functions outside routes of one file: the owners of its queries that are no handler. */
static void add_function_blocks(builder *b, size_t file, const bool *entry_function) {
    pf_program *p = b->p;
    const pf_summary *s = program_file_of(p, file)->summary;
    bool *done = pf_arena_alloc(&b->scratch, s->functions.len + 2);
    for (size_t q = 0; q < s->queries.len; q++) {
        uint32_t owner = query_owner(s, entry_function, &s->queries.items[q]);
        size_t slot = owner == PF_NONE ? s->functions.len : owner;
        if (done[slot] || (owner != PF_NONE && entry_function[owner])) continue;
        done[slot] = true;
        pf_block block = {0};
        block.file = file;
        id_list roots = {0};
        if (owner == PF_NONE) {
            block.function = PF_NONE;
            block.name = "(top level)";
            block.line = 1;
            block.end_line = s->queries.items[q].line;
            block.end = UINT32_MAX;
            block.figures = program_top_level_cost(p, file, p->depth);
        } else {
            place(&block, s, owner);
            size_t id = program_function_id(p, file, owner);
            *PF_VEC_PUSH(&p->arena, roots) = id;
            block.figures = program_cost(p, id, p->depth);
        }
        add_block(b, &block, &roots);
    }
}

/* Appends the middleware that runs before the routes of `router` (of `file`) where it is
 * mounted, outermost mount first (Express `app.use("/api", auth, router)`). */
static void mount_roots(pf_program *p, size_t file, const char *router, id_list *out, pf_arena *arena, int depth) {
    size_t index;
    const char *key = router_key(arena, file, router);
    if (depth > 16 || !pf_map_find(&p->routers, key, strlen(key), &index)) return;
    const mount_ref *m = &p->mounts.items[index];
    mount_roots(p, m->file, m->mount->router, out, arena, depth + 1);
    const pf_module *module = &program_file_of(p, m->file)->summary->module;
    for (uint32_t r = 0; r < m->mount->ref_count; r++)
        program_expand_ref(p, m->file, &module->refs.items[m->mount->first_ref + r], out, arena, 0);
}

/* The functions an endpoint runs on each request: the middleware of the routers it is mounted
 * in, its wrappers and middleware, then its handler. `out` grows in `arena`, with what finding
 * them needs. */
static void entry_roots(pf_program *p, size_t file, const pf_entry *entry, id_list *out, pf_arena *arena) {
    const pf_module *m = &program_file_of(p, file)->summary->module;
    if (entry->kind == PF_ENTRY_SERVER && entry->router) {
        find_mounts(p);
        mount_roots(p, file, entry->router, out, arena, 0);
    }
    for (uint32_t r = 0; r < entry->ref_count; r++)
        program_expand_ref(p, file, &m->refs.items[entry->first_ref + r], out, arena, 0);
    if (entry->function != PF_NONE) *PF_VEC_PUSH(arena, *out) = program_function_id(p, file, entry->function);
    else if (entry->handler != PF_NONE) program_expand_ref(p, file, &m->refs.items[entry->handler], out, arena, 0);
}

/* The endpoint blocks of one file, one per entry. */
static void add_endpoint_blocks(builder *b, size_t file) {
    pf_program *p = b->p;
    const pf_summary *s = program_file_of(p, file)->summary;
    const pf_module *m = &s->module;
    for (size_t e = 0; e < m->entries.len; e++) {
        const pf_entry *entry = &m->entries.items[e];
        pf_block block = {0};
        block.endpoint = true;
        block.kind = entry->kind;
        block.method = entry->method;
        block.file = file;
        block.route = entry->route;
        if (entry->kind == PF_ENTRY_TRPC) {
            const char *prefix = router_prefix(p, file, entry->router, 0);
            if (!*entry->route) block.route = *prefix ? prefix : entry->router; /* a standalone procedure */
            else if (*prefix) block.route = pf_arena_printf(&p->arena, "%s.%s", prefix, entry->route);
        } else if (entry->kind == PF_ENTRY_SERVER && entry->router) {
            const char *route = pf_url_join(&p->arena, router_prefix(p, file, entry->router, 0), entry->route);
            block.route = *route ? route : "/";
        }
        id_list roots = {0};
        entry_roots(p, file, entry, &roots, &b->scratch);
        roots.items = exact_copy(&p->arena, roots.items, roots.len, sizeof(*roots.items));
        roots.cap = roots.len;
        if (entry->function != PF_NONE) {
            place(&block, s, entry->function);
        } else {
            block.function = PF_NONE;
            /* A handler that is neither a function nor a name (broken code) has no name. */
            block.name = entry->handler != PF_NONE ? m->refs.items[entry->handler].callee : "(anonymous)";
            block.line = block.end_line = entry->line;
        }
        for (size_t r = 0; r < roots.len; r++) {
            pf_measure_charge(&block.figures, program_cost(p, roots.items[r], p->depth), 1, true);
        }
        add_block(b, &block, &roots);
    }
}

const pf_block *pf_program_blocks(pf_program *p, size_t *count) {
    if (!p->blocks) {
        builder b = {0};
        b.p = p;
        find_mounts(p);
        for (size_t i = 0; i < p->count; i++) {
            const pf_summary *s = program_file_of(p, i)->summary;
            if (!s) continue;
            bool *entry_function = pf_arena_alloc(&b.scratch, s->functions.len + 1);
            for (size_t e = 0; e < s->module.entries.len; e++)
                if (s->module.entries.items[e].function != PF_NONE) entry_function[s->module.entries.items[e].function] = true;
            add_function_blocks(&b, i, entry_function);
        }
        for (size_t i = 0; i < p->count; i++)
            if (program_file_of(p, i)->summary) add_endpoint_blocks(&b, i);
        pf_block *blocks = pf_xrealloc(b.blocks.items, (b.blocks.len + 1) * sizeof(pf_block));
        id_list *roots = pf_xrealloc(b.roots.items, (b.roots.len + 1) * sizeof(id_list));
        p->reachers = pf_arena_alloc(&p->arena, (p->function_count + 1) * sizeof(id_list));
        for (size_t i = 0; i < b.blocks.len; i++) fill_reach(p, &blocks[i], &roots[i], i, &b.scratch);
        for (size_t id = 0; id < p->function_count; id++) {
            id_list *reachers = &p->reachers[id];
            reachers->items = exact_copy(&p->arena, reachers->items, reachers->len, sizeof(*reachers->items));
            reachers->cap = reachers->len;
        }
        for (size_t i = 0; i < b.blocks.len; i++) set_reached_by(p, &blocks[i]);
        p->blocks = blocks;
        p->block_count = b.blocks.len;
        p->block_roots = roots;
        pf_arena_free(&b.scratch);
    }
    *count = p->block_count;
    return p->blocks;
}

/* --- a block for any function ----------------------------------------------------------- */

void pf_program_drop_resolver(pf_program *p) {
    find_mounts(p);
    p->resolver = NULL;
}

const pf_block *pf_program_block_at(pf_program *p, size_t file, uint32_t byte) {
    size_t count;
    pf_program_blocks(p, &count);
    const pf_summary *s = file < p->count ? program_file_of(p, file)->summary : NULL;
    if (!s) return NULL;
    /* The function a report lists code at `byte` under: the outermost named function around
     * it (an anonymous callback belongs to the function it is written in). */
    uint32_t owner = PF_NONE, inner = PF_NONE;
    for (uint32_t fn = 0; fn < s->functions.len; fn++)
        if (s->functions.items[fn].start <= byte && byte < s->functions.items[fn].end) inner = fn;
    for (uint32_t fn = inner; fn != PF_NONE; fn = s->functions.items[fn].parent)
        if (strcmp(s->functions.items[fn].name, "(anonymous)") != 0) owner = fn;
    if (owner == PF_NONE || s->functions.items[owner].cost == PF_COST_NONE) return NULL;
    for (size_t i = 0; i < p->extra_blocks.len; i++)
        if (p->extra_blocks.items[i]->file == file && p->extra_blocks.items[i]->function == owner)
            return p->extra_blocks.items[i];
    pf_block *block = pf_arena_alloc(&p->arena, sizeof(pf_block));
    block->file = file;
    place(block, s, owner);
    id_list roots = {0};
    size_t id = program_function_id(p, file, owner);
    *PF_VEC_PUSH(&p->arena, roots) = id;
    block->figures = program_cost(p, id, p->depth);
    fill_reach(p, block, &roots, SIZE_MAX, &p->arena); /* no endpoint: no reacher to note */
    set_reached_by(p, block);
    *PF_VEC_PUSH(&p->arena, p->extra_blocks) = block;
    return block;
}

/* --- what to parse next ---------------------------------------------------------------- */

/* Notes a missed file as wanted, once, when it may lead to a query. */
static void want(long file, const bool *may_query, bool *wanted, id_list *out, pf_arena *arena) {
    if (file < 0 || wanted[file] || !may_query[file]) return;
    wanted[file] = true;
    *PF_VEC_PUSH(arena, *out) = (size_t)file;
}

size_t pf_program_wanted(pf_program *p, const bool *may_query, size_t **files) {
    pf_arena scratch;
    pf_arena_init(&scratch);
    bool *wanted = pf_xcalloc(p->count + 1, 1);
    id_list out = {0};
    id_list roots = {0};
    for (size_t i = 0; i < p->count; i++) {
        const pf_summary *s = program_file_of(p, i)->summary;
        for (size_t e = 0; s && e < s->module.entries.len; e++) {
            p->miss = -1;
            entry_roots(p, i, &s->module.entries.items[e], &roots, &scratch);
            want(p->miss, may_query, wanted, &out, &scratch);
        }
    }
    visit_list visits = {0};
    walk(p, &roots, &scratch, &visits);
    for (size_t v = 0; v < visits.len; v++) {
        size_t id = visits.items[v].id, file = p->id_file[id];
        const program_file *f = program_file_of(p, file);
        const pf_summary_function *fn = &f->summary->functions.items[id - f->first_id];
        for (size_t c = first_call_at(f->summary, fn->start); c < f->summary->calls.len; c++) {
            if (f->summary->calls.items[c].start >= fn->end) break;
            want(f->calls[c].miss, may_query, wanted, &out, &scratch);
        }
    }
    *files = pf_xcalloc(out.len + 1, sizeof(size_t));
    if (out.len) memcpy(*files, out.items, out.len * sizeof(size_t));
    size_t count = out.len;
    free(wanted);
    pf_arena_free(&scratch);
    return count;
}

/* --- selection ------------------------------------------------------------------------- */

/* Orders spans by start. */
static int by_start(const void *a, const void *b) {
    uint32_t x = ((const pf_span *)a)->start, y = ((const pf_span *)b)->start;
    return (x > y) - (x < y);
}

const pf_span *const *pf_program_select(pf_program *p, bool (*selected)(void *context, const char *route,
                                                                       const char *method),
                                        void *context, const size_t **counts) {
    size_t block_count;
    const pf_block *blocks = pf_program_blocks(p, &block_count);
    PF_VEC(pf_span) *spans = pf_arena_alloc(&p->arena, (p->count + 1) * sizeof(*spans));
    for (size_t i = 0; i < block_count; i++) {
        const pf_block *block = &blocks[i];
        if (!block->endpoint || !selected(context, block->route, block->method)) continue;
        visit_list visits = {0};
        pf_arena scratch;
        pf_arena_init(&scratch);
        walk(p, &p->block_roots[i], &scratch, &visits);
        for (size_t v = 0; v < visits.len; v++) {
            const pf_summary_function *fn = function_of(p, visits.items[v].id);
            *PF_VEC_PUSH(&p->arena, spans[p->id_file[visits.items[v].id]]) = (pf_span){fn->start, fn->end};
        }
        pf_arena_free(&scratch);
    }
    const pf_span **files = pf_arena_alloc(&p->arena, (p->count + 1) * sizeof(pf_span *));
    size_t *sizes = pf_arena_alloc(&p->arena, (p->count + 1) * sizeof(size_t));
    for (size_t i = 0; i < p->count; i++) {
        if (spans[i].len) qsort(spans[i].items, spans[i].len, sizeof(pf_span), by_start);
        files[i] = spans[i].items;
        sizes[i] = spans[i].len;
    }
    *counts = sizes;
    return files;
}
