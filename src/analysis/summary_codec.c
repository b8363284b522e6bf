/* A file's summary as bytes and back (see pf_summary_encode in summary.h).
 *
 * The bytes are the summary's own arrays, one after another, each item as the struct lies in
 * memory, with every string replaced by its offset in a string table that follows them (one
 * copy of each distinct string). Reading them back is a copy into one block and a fix-up of
 * the strings, after checking everything a reader could trip on: sizes, string offsets, and
 * every index a summary holds (a function's parent, a binding's members, a cost tree's
 * children), so that a damaged or foreign cache entry is refused instead of followed. The
 * layout is this build's: the cache keys entries by the build, so bytes never travel between
 * builds. */
#include "poolfix/summary.h"

#include "poolfix/buf.h"
#include "poolfix/hook_sites.h"
#include "poolfix/map.h"

#include <stdlib.h>
#include <string.h>

#define SUMMARY_MAGIC 0x50465331u /* "PFS1" */

/* The arrays of a summary, in the order they are written. */
enum {
    ARRAY_IMPORTS,
    ARRAY_EXPORTS,
    ARRAY_BINDINGS,
    ARRAY_MEMBERS,
    ARRAY_REFS,
    ARRAY_ENTRIES,
    ARRAY_MOUNTS,
    ARRAY_RECEIVERS,
    ARRAY_FUNCTIONS,
    ARRAY_CALLS,
    ARRAY_QUERIES,
    ARRAY_COSTS,
    ARRAY_CLIENTS,
    ARRAY_HOOKS,
    ARRAY_COUNT
};

/* A string member of an item: where it is, and whether a summary may leave it NULL. */
typedef struct string_field {
    size_t offset;
    bool nullable;
} string_field;

/* What the codec needs to know about one array: its item size, its string members, and its
 * bool members (checked to be 0 or 1 before anything reads them as bools). */
typedef struct array_shape {
    size_t item_size;
    const string_field *strings;
    size_t string_count;
    const size_t *bools;
    size_t bool_count;
} array_shape;

#define FIELD(type, member, nullable) {offsetof(type, member), nullable}
static const string_field import_strings[] = {FIELD(pf_import, local, false), FIELD(pf_import, imported, false),
                                              FIELD(pf_import, from, false)};
static const string_field export_strings[] = {FIELD(pf_export, name, false), FIELD(pf_export, local, false),
                                              FIELD(pf_export, from, true)};
static const string_field binding_strings[] = {FIELD(pf_binding, name, false), FIELD(pf_binding, target, true)};
static const string_field member_strings[] = {FIELD(pf_member, name, false), FIELD(pf_member, target, true)};
static const string_field ref_strings[] = {FIELD(pf_ref, callee, true)};
static const string_field entry_strings[] = {FIELD(pf_entry, route, true), FIELD(pf_entry, method, true),
                                             FIELD(pf_entry, router, true)};
static const string_field mount_strings[] = {FIELD(pf_mount, router, false), FIELD(pf_mount, path, false),
                                             FIELD(pf_mount, child, false), FIELD(pf_mount, from, true)};
static const string_field receiver_strings[] = {{0, false}};
static const string_field function_strings[] = {FIELD(pf_summary_function, name, false)};
static const string_field call_strings[] = {FIELD(pf_summary_call, callee, false)};
static const string_field query_strings[] = {FIELD(pf_summary_query, operation, false)};
static const string_field client_strings[] = {{0, false}};
static const string_field hook_strings[] = {FIELD(pf_summary_hook, name, false), FIELD(pf_summary_hook, target, true),
                                            FIELD(pf_summary_hook, models, true)};
#undef FIELD

static const size_t ref_bools[] = {offsetof(pf_ref, inline_function), offsetof(pf_ref, exported)};
static const size_t function_bools[] = {offsetof(pf_summary_function, has_query)};
static const size_t call_bools[] = {offsetof(pf_summary_call, weighed)};
static const size_t cost_bools[] = {offsetof(pf_cost, known), offsetof(pf_cost, in_loop), offsetof(pf_cost, writes)};

#define COUNT(a) (sizeof(a) / sizeof(*(a)))
#define SHAPE(type, strings) {sizeof(type), strings, COUNT(strings), NULL, 0}
#define SHAPE_B(type, strings, bools) {sizeof(type), strings, COUNT(strings), bools, COUNT(bools)}
static const array_shape shapes[ARRAY_COUNT] = {
    SHAPE(pf_import, import_strings),
    SHAPE(pf_export, export_strings),
    SHAPE(pf_binding, binding_strings),
    SHAPE(pf_member, member_strings),
    SHAPE_B(pf_ref, ref_strings, ref_bools),
    SHAPE(pf_entry, entry_strings),
    SHAPE(pf_mount, mount_strings),
    SHAPE(const char *, receiver_strings),
    SHAPE_B(pf_summary_function, function_strings, function_bools),
    SHAPE_B(pf_summary_call, call_strings, call_bools),
    SHAPE(pf_summary_query, query_strings),
    {sizeof(pf_cost), NULL, 0, cost_bools, COUNT(cost_bools)},
    SHAPE(const char *, client_strings),
    SHAPE(pf_summary_hook, hook_strings),
};
#undef SHAPE_B
#undef SHAPE
#undef COUNT

/* The fixed part of the bytes. */
typedef struct header {
    uint32_t magic;
    uint32_t counts[ARRAY_COUNT];
    uint32_t top_level_cost;
    uint32_t use_server;
    uint32_t strings_len; /* the string table's size, its last byte a NUL */
} header;

/* The arrays of a summary, as (items, count) pairs in ARRAY_ order. */
static void arrays_of(const pf_summary *s, const void **items, size_t *counts) {
    const pf_module *m = &s->module;
    items[ARRAY_IMPORTS] = m->imports.items, counts[ARRAY_IMPORTS] = m->imports.len;
    items[ARRAY_EXPORTS] = m->exports.items, counts[ARRAY_EXPORTS] = m->exports.len;
    items[ARRAY_BINDINGS] = m->bindings.items, counts[ARRAY_BINDINGS] = m->bindings.len;
    items[ARRAY_MEMBERS] = m->members.items, counts[ARRAY_MEMBERS] = m->members.len;
    items[ARRAY_REFS] = m->refs.items, counts[ARRAY_REFS] = m->refs.len;
    items[ARRAY_ENTRIES] = m->entries.items, counts[ARRAY_ENTRIES] = m->entries.len;
    items[ARRAY_MOUNTS] = m->mounts.items, counts[ARRAY_MOUNTS] = m->mounts.len;
    items[ARRAY_RECEIVERS] = m->receivers.items, counts[ARRAY_RECEIVERS] = m->receivers.len;
    items[ARRAY_FUNCTIONS] = s->functions.items, counts[ARRAY_FUNCTIONS] = s->functions.len;
    items[ARRAY_CALLS] = s->calls.items, counts[ARRAY_CALLS] = s->calls.len;
    items[ARRAY_QUERIES] = s->queries.items, counts[ARRAY_QUERIES] = s->queries.len;
    items[ARRAY_CLIENTS] = s->clients.items, counts[ARRAY_CLIENTS] = s->clients.len;
    items[ARRAY_HOOKS] = s->hooks.items, counts[ARRAY_HOOKS] = s->hooks.len;
    items[ARRAY_COSTS] = s->costs.items, counts[ARRAY_COSTS] = s->costs.len;
}

/* The string table being written: each distinct string once. */
typedef struct string_table {
    pf_buf bytes;
    pf_map offsets; /* string → offset in `bytes` */
} string_table;

/* The offset of `s` in the table plus one (0 stands for NULL), adding it when new. */
static uintptr_t table_ref(string_table *table, const char *s) {
    if (!s) return 0;
    size_t len = strlen(s), offset;
    if (!pf_map_find(&table->offsets, s, len, &offset)) {
        offset = table->bytes.len;
        pf_buf_append(&table->bytes, s, len + 1);
        pf_map_set(&table->offsets, s, len, offset);
    }
    return (uintptr_t)offset + 1;
}

void pf_summary_encode(const pf_summary *summary, pf_buf *out) {
    const void *items[ARRAY_COUNT];
    size_t counts[ARRAY_COUNT];
    arrays_of(summary, items, counts);
    header h = {.magic = SUMMARY_MAGIC, .top_level_cost = summary->top_level_cost,
                .use_server = summary->module.use_server};
    for (int a = 0; a < ARRAY_COUNT; a++) h.counts[a] = (uint32_t)counts[a];
    size_t header_at = out->len;
    pf_buf_append(out, (const char *)&h, sizeof(h));
    string_table table = {PF_BUF_INIT, PF_MAP_INIT};
    for (int a = 0; a < ARRAY_COUNT; a++) {
        const array_shape *shape = &shapes[a];
        size_t at = out->len;
        if (counts[a]) pf_buf_append(out, items[a], counts[a] * shape->item_size);
        for (size_t i = 0; i < counts[a]; i++) {
            char *item = out->data + at + i * shape->item_size;
            for (size_t f = 0; f < shape->string_count; f++) {
                const char *s;
                memcpy(&s, item + shape->strings[f].offset, sizeof(s));
                uintptr_t ref = table_ref(&table, s);
                memcpy(item + shape->strings[f].offset, &ref, sizeof(ref));
            }
        }
    }
    pf_buf_putc(&table.bytes, '\0'); /* the table always ends with a NUL */
    h.strings_len = (uint32_t)table.bytes.len;
    memcpy(out->data + header_at, &h, sizeof(h));
    pf_buf_append(out, table.bytes.data, table.bytes.len);
    pf_buf_free(&table.bytes);
    pf_map_free(&table.offsets);
}

/* Whether `index` is PF_NONE or below `count`. */
static bool index_ok(uint32_t index, size_t count) {
    return index == PF_NONE || index < count;
}

/* Whether [first, first + count) lies within `len` items. */
static bool range_ok(uint32_t first, uint32_t count, size_t len) {
    return first <= len && count <= len - first;
}

/* Whether every cost tree of the summary is a tree: indices in range, each node reached
 * once from all the roots together (no cycle, no node shared), and a call node naming a call
 * of the summary. A valid set of trees pushes each node at most once, which bounds the walk. */
static bool costs_ok(const pf_summary *s) {
    size_t n = s->costs.len, pushed = 0;
    const pf_cost *costs = s->costs.items;
    bool *seen = pf_xcalloc(n + 1, 1);
    uint32_t *stack = pf_xmalloc((n + 1) * sizeof(uint32_t));
    bool ok = true;
    for (size_t r = 0; ok && r <= s->functions.len; r++) {
        uint32_t root = r < s->functions.len ? s->functions.items[r].cost : s->top_level_cost;
        if (root == PF_COST_NONE) continue;
        size_t depth = 0;
        stack[depth++] = root;
        ok = ++pushed <= n;
        while (ok && depth) {
            uint32_t node = stack[--depth];
            if (node >= n || seen[node]) {
                ok = false;
                break;
            }
            seen[node] = true;
            const pf_cost *c = &costs[node];
            ok = c->kind <= PF_COST_CALL && (c->kind != PF_COST_CALL || c->call < s->calls.len);
            for (uint32_t child = c->child; ok && child != PF_COST_NONE;) {
                ok = child < n && ++pushed <= n;
                if (!ok) break;
                stack[depth++] = child;
                child = costs[child].next;
            }
        }
    }
    free(seen);
    free(stack);
    return ok;
}

/* Whether the indices of a decoded summary all point where they may. */
static bool indices_ok(const pf_summary *s) {
    const pf_module *m = &s->module;
    size_t functions = s->functions.len;
    for (size_t i = 0; i < m->bindings.len; i++) {
        const pf_binding *b = &m->bindings.items[i];
        if (b->kind > PF_BINDING_EXTENSION || !index_ok(b->function, functions) ||
            !range_ok(b->first_ref, b->ref_count, m->refs.len) ||
            !range_ok(b->first_member, b->member_count, m->members.len))
            return false;
    }
    for (size_t i = 0; i < m->members.len; i++)
        if (!index_ok(m->members.items[i].function, functions)) return false;
    for (size_t i = 0; i < m->refs.len; i++) {
        const pf_ref *r = &m->refs.items[i];
        if (!index_ok(r->function, functions) || (r->inline_function && r->function == PF_NONE) ||
            (!r->inline_function && !r->callee))
            return false;
    }
    for (size_t i = 0; i < m->entries.len; i++) {
        const pf_entry *e = &m->entries.items[i];
        if (e->kind > PF_ENTRY_SERVER || !index_ok(e->function, functions) || !index_ok(e->handler, m->refs.len) ||
            !range_ok(e->first_ref, e->ref_count, m->refs.len))
            return false;
    }
    for (size_t i = 0; i < functions; i++) {
        const pf_summary_function *f = &s->functions.items[i];
        /* A function's parent comes before it (functions are in source order), so that
         * walking up always ends. */
        if ((f->parent != PF_NONE && f->parent >= i) || !index_ok(f->owner, m->bindings.len) ||
            !index_ok(f->cost, s->costs.len))
            return false;
    }
    for (size_t i = 0; i < s->calls.len; i++)
        if (!index_ok(s->calls.items[i].function, functions)) return false;
    for (size_t i = 0; i < s->queries.len; i++)
        if (!index_ok(s->queries.items[i].function, functions) || !index_ok(s->queries.items[i].owner, functions))
            return false;
    for (size_t i = 0; i < s->hooks.len; i++) {
        const pf_summary_hook *h = &s->hooks.items[i];
        if (h->kind > PF_HOOK_EXTENSION || (h->kind == PF_HOOK_CONTEXT && !h->target) ||
            ((h->kind == PF_HOOK_USE || h->kind == PF_HOOK_EXTENSION) && h->target))
            return false;
    }
    return index_ok(s->top_level_cost, s->costs.len) && costs_ok(s);
}

pf_summary *pf_summary_decode(const void *bytes, size_t len, pf_arena *arena) {
    header h;
    if (len < sizeof(h)) return NULL;
    memcpy(&h, bytes, sizeof(h));
    if (h.magic != SUMMARY_MAGIC || h.strings_len == 0) return NULL;
    /* Sizes first: the arrays and the table must fill the bytes exactly. */
    const size_t align = sizeof(max_align_t);
    size_t need = sizeof(h), block = (sizeof(pf_summary) + align - 1) / align * align;
    for (int a = 0; a < ARRAY_COUNT; a++) {
        size_t size = (size_t)h.counts[a] * shapes[a].item_size;
        if (h.counts[a] && size / h.counts[a] != shapes[a].item_size) return NULL;
        need += size;
        block += (size + align - 1) / align * align;
    }
    need += h.strings_len;
    block += h.strings_len;
    if (need != len) return NULL;
    const char *in = bytes;
    const char *table_in = in + len - h.strings_len;
    if (table_in[h.strings_len - 1] != '\0') return NULL;

    char *memory = pf_arena_alloc(arena, block);
    pf_summary *s = (pf_summary *)memory;
    char *at = memory + (sizeof(pf_summary) + align - 1) / align * align; /* the arrays, then the table */
    char *table = memory + block - h.strings_len;
    memcpy(table, table_in, h.strings_len);
    void *items[ARRAY_COUNT];
    in += sizeof(h);
    for (int a = 0; a < ARRAY_COUNT; a++) {
        const array_shape *shape = &shapes[a];
        size_t size = (size_t)h.counts[a] * shape->item_size;
        items[a] = at;
        if (size) memcpy(at, in, size);
        in += size;
        at += (size + align - 1) / align * align;
        for (size_t i = 0; i < h.counts[a]; i++) {
            char *item = (char *)items[a] + i * shape->item_size;
            for (size_t f = 0; f < shape->string_count; f++) {
                uintptr_t ref;
                memcpy(&ref, item + shape->strings[f].offset, sizeof(ref));
                if ((ref == 0 && !shape->strings[f].nullable) || ref > h.strings_len) return NULL;
                const char *value = ref ? table + ref - 1 : NULL;
                memcpy(item + shape->strings[f].offset, &value, sizeof(value));
            }
            for (size_t f = 0; f < shape->bool_count; f++) {
                unsigned char byte;
                memcpy(&byte, item + shape->bools[f], 1);
                if (byte > 1) return NULL;
            }
        }
    }
    pf_module *m = &s->module;
#define SET(vec, a) ((vec).items = items[a], (vec).len = (vec).cap = h.counts[a])
    SET(m->imports, ARRAY_IMPORTS);
    SET(m->exports, ARRAY_EXPORTS);
    SET(m->bindings, ARRAY_BINDINGS);
    SET(m->members, ARRAY_MEMBERS);
    SET(m->refs, ARRAY_REFS);
    SET(m->entries, ARRAY_ENTRIES);
    SET(m->mounts, ARRAY_MOUNTS);
    SET(m->receivers, ARRAY_RECEIVERS);
    SET(s->functions, ARRAY_FUNCTIONS);
    SET(s->calls, ARRAY_CALLS);
    SET(s->queries, ARRAY_QUERIES);
    SET(s->clients, ARRAY_CLIENTS);
    SET(s->hooks, ARRAY_HOOKS);
    SET(s->costs, ARRAY_COSTS);
#undef SET
    if (h.use_server > 1) return NULL;
    m->use_server = h.use_server != 0;
    s->top_level_cost = h.top_level_cost;
    return indices_ok(s) ? s : NULL;
}
