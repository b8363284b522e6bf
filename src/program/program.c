/* The program stage: linking, resolving callees, and evaluating costs (see program.h).
 * The blocks a report shows are built in blocks.c. */
#include "program_internal.h"

#include <stdlib.h>
#include <string.h>

/* --- setup --------------------------------------------------------------------------- */

pf_program *pf_program_new(size_t count, pf_resolver *resolver, int depth) {
    pf_program *p = pf_xcalloc(1, sizeof(*p));
    pf_arena_init(&p->arena);
    p->count = count;
    p->resolver = resolver;
    p->depth = depth > 0 ? depth : -1;
    p->slots = pf_arena_alloc(&p->arena, (count + 1) * sizeof(uint32_t));
    p->unparsed = pf_arena_alloc(&p->arena, sizeof(program_file));
    p->client_missed = pf_arena_alloc(&p->arena, count + 1);
    return p;
}

void pf_module_names_free(pf_module_names *names) {
    if (!names) return;
    pf_index_map_free(&names->bindings);
    pf_index_map_free(&names->imports);
    pf_index_map_free(&names->exports);
    free(names);
}

/* The names the maps of a module find its entries by (pf_name_of). */
static const char *binding_name(const void *module, uint32_t i) {
    return ((const pf_module *)module)->bindings.items[i].name;
}

static const char *import_name(const void *module, uint32_t i) {
    return ((const pf_module *)module)->imports.items[i].local;
}

/* `export * from` has no name of its own to be found by. */
static const char *export_name(const void *module, uint32_t i) {
    const char *name = ((const pf_module *)module)->exports.items[i].name;
    return strcmp(name, "*") != 0 ? name : NULL;
}

/* Frees the name maps of a program file, unless its caller keeps them. */
static void free_names(program_file *f) {
    if (!f->kept_names) pf_module_names_free(f->names);
    f->names = NULL;
}

void pf_program_free(pf_program *p) {
    if (!p) return;
    for (size_t i = 0; i < p->file_count; i++) free_names(&p->files[i]);
    pf_map_free(&p->routers);
    free(p->id_file);
    free(p->owns_queries);
    free(p->callees.items);
    free(p->memo);
    free(p->state);
    free(p->component);
    free(p->cyclic);
    free(p->inside);
    free(p->cycle_queries);
    free(p->level_memo);
    free(p->seen);
    free(p->blocks);
    free(p->block_roots);
    free(p->files);
    pf_arena_free(&p->tried_arena);
    pf_arena_free(&p->arena);
    free(p);
}

/* Where the lists of a file being linked go (see tried_arena). */
static pf_arena *file_arena(pf_program *p) {
    return p->trying ? &p->tried_arena : &p->arena;
}

void pf_program_set(pf_program *p, size_t index, const pf_summary *summary, const char *name) {
    if (!p->slots[index]) {
        p->files = pf_xgrow(p->files, p->file_count, &p->file_cap, sizeof(program_file));
        memset(&p->files[p->file_count], 0, sizeof(program_file));
        p->slots[index] = (uint32_t)++p->file_count;
    }
    program_file_of(p, index)->summary = summary;
    program_file_of(p, index)->name = name;
}

void pf_program_keep_targets(pf_program *p, size_t index, int32_t **targets) {
    program_file_of(p, index)->kept_targets = targets;
}

void pf_program_keep_names(pf_program *p, size_t index, pf_module_names **names) {
    program_file_of(p, index)->kept_names = names;
}

/* The file a specifier written in file `index` names, or -1. */
static int32_t target_file(pf_program *p, size_t index, const char *specifier) {
    return specifier && p->resolver ? (int32_t)pf_resolve(p->resolver, index, specifier) : -1;
}

/* Where a module's imports and re-exports lead: kept from an earlier link, or resolved. */
static void find_targets(pf_program *p, size_t index) {
    program_file *f = program_file_of(p, index);
    const pf_module *m = &f->summary->module;
    size_t imports = m->imports.len, count = imports + m->exports.len;
    int32_t *targets = f->kept_targets ? *f->kept_targets : NULL;
    if (!targets) {
        /* Kept only when a resolver answered: without one, every target reads as none. */
        bool keep = f->kept_targets && p->resolver;
        size_t bytes = (count + 1) * sizeof(int32_t);
        targets = keep ? pf_xmalloc(bytes) : pf_arena_alloc(file_arena(p), bytes);
        for (size_t i = 0; i < imports; i++) targets[i] = target_file(p, index, m->imports.items[i].from);
        for (size_t i = imports; i < count; i++) targets[i] = target_file(p, index, m->exports.items[i - imports].from);
        if (keep) *f->kept_targets = targets;
    }
    f->import_files = targets;
    f->export_files = targets + imports;
}

/* Indexes a module's names (the first of a name wins, as the first declaration does), or
 * reads them from where the caller kept them from an earlier link. */
static void index_names(pf_program *p, size_t index) {
    program_file *f = program_file_of(p, index);
    find_targets(p, index);
    if (f->kept_names && *f->kept_names) {
        f->names = *f->kept_names;
        return;
    }
    const pf_module *m = &f->summary->module;
    pf_module_names *names = pf_xcalloc(1, sizeof(*names));
    pf_index_map_build(&names->bindings, m, (uint32_t)m->bindings.len, binding_name);
    pf_index_map_build(&names->imports, m, (uint32_t)m->imports.len, import_name);
    pf_index_map_build(&names->exports, m, (uint32_t)m->exports.len, export_name);
    f->names = names;
    if (f->kept_names) *f->kept_names = names;
}

/* --- names --------------------------------------------------------------------------- */

static target none_target(void) {
    target t = {TARGET_NONE, 0, 0};
    return t;
}

static target make_target(target_kind kind, size_t file, uint32_t index) {
    target t = {kind, file, index};
    return t;
}

/* Whether file `index` has a summary to look into. A file of the run that has none is noted
 * as missed: the workspace parses the files resolution misses, when endpoints reach them. */
static bool parsed(pf_program *p, long index) {
    if (index < 0 || (size_t)index >= p->count) return false;
    if (!program_file_of(p, index)->summary) p->miss = index;
    return program_file_of(p, index)->summary != NULL;
}

target program_resolve_export(pf_program *p, size_t file, const char *name, int depth) {
    if (!parsed(p, (long)file) || depth > 24) return none_target();
    const program_file *f = program_file_of(p, file);
    const pf_module *m = &f->summary->module;
    uint32_t e;
    if (pf_index_map_find(&f->names->exports, m, export_name, name, strlen(name), &e)) {
        const pf_export *export = &m->exports.items[e];
        if (!export->from) return program_resolve_path(p, file, export->local, PF_NONE, depth + 1);
        long from = f->export_files[e];
        if (strcmp(export->local, "*") == 0)
            return parsed(p, from) ? make_target(TARGET_MODULE, (size_t)from, 0) : none_target();
        return from >= 0 ? program_resolve_export(p, (size_t)from, export->local, depth + 1) : none_target();
    }
    if (strcmp(name, "default") == 0) return none_target();
    for (size_t i = 0; i < m->exports.len; i++) {
        if (strcmp(m->exports.items[i].name, "*") != 0 || f->export_files[i] < 0) continue;
        target t = program_resolve_export(p, (size_t)f->export_files[i], name, depth + 1);
        if (t.kind != TARGET_NONE) return t;
    }
    return none_target();
}

/* What a name means at the top of a file, or `this` inside function `context`. */
static target resolve_name(pf_program *p, size_t file, const char *name, size_t len, uint32_t context,
                           int depth) {
    const program_file *f = program_file_of(p, file);
    const pf_summary *s = f->summary;
    if (len == 4 && memcmp(name, "this", 4) == 0) {
        for (uint32_t fn = context; fn != PF_NONE; fn = s->functions.items[fn].parent)
            if (s->functions.items[fn].owner != PF_NONE)
                return make_target(TARGET_BINDING, file, s->functions.items[fn].owner);
        return none_target();
    }
    uint32_t index;
    if (pf_index_map_find(&f->names->bindings, &s->module, binding_name, name, len, &index))
        return make_target(TARGET_BINDING, file, index);
    if (!pf_index_map_find(&f->names->imports, &s->module, import_name, name, len, &index)) return none_target();
    const pf_import *import = &s->module.imports.items[index];
    long from = f->import_files[index];
    if (!parsed(p, from)) return none_target();
    if (strcmp(import->imported, "*") == 0) return make_target(TARGET_MODULE, (size_t)from, 0);
    return program_resolve_export(p, (size_t)from, import->imported, depth + 1);
}

/* The member `name` of what `t` is: an export of a module, a property of an object, a method
 * or typed field of a class or instance. */
static target member_of(pf_program *p, target t, const char *name, size_t len, int depth) {
    if (depth > 24) return none_target();
    if (t.kind == TARGET_MODULE) {
        char *key = pf_xstrndup(name, len);
        target found = program_resolve_export(p, t.file, key, depth + 1);
        free(key);
        return found;
    }
    if (t.kind != TARGET_BINDING) return none_target();
    const pf_module *m = &program_file_of(p, t.file)->summary->module;
    const pf_binding *b = &m->bindings.items[t.index];
    if (b->kind == PF_BINDING_INSTANCE || (b->kind == PF_BINDING_FUNCTION && b->function == PF_NONE && b->target &&
                                           b->ref_count == 0))
        return member_of(p, program_resolve_path(p, t.file, b->target, PF_NONE, depth + 1), name, len, depth + 1);
    if (b->kind != PF_BINDING_OBJECT && b->kind != PF_BINDING_CLASS) return none_target();
    for (uint32_t i = 0; i < b->member_count; i++) {
        const pf_member *member = &m->members.items[b->first_member + i];
        if (strlen(member->name) != len || memcmp(member->name, name, len) != 0) continue;
        if (member->function != PF_NONE) return make_target(TARGET_FUNCTION, t.file, member->function);
        return member->target ? program_resolve_path(p, t.file, member->target, PF_NONE, depth + 1) : none_target();
    }
    return none_target();
}

target program_resolve_path(pf_program *p, size_t file, const char *path, uint32_t context, int depth) {
    if (!parsed(p, (long)file) || depth > 24) return none_target();
    const char *dot = strchr(path, '.');
    target t = resolve_name(p, file, path, dot ? (size_t)(dot - path) : strlen(path), context, depth);
    while (dot && t.kind != TARGET_NONE) {
        const char *name = dot + 1;
        dot = strchr(name, '.');
        t = member_of(p, t, name, dot ? (size_t)(dot - name) : strlen(name), depth + 1);
    }
    return t;
}

/* --- callees ------------------------------------------------------------------------- */

size_t program_function_id(const pf_program *p, size_t file, uint32_t function) {
    return program_file_of(p, file)->first_id + function;
}

static void expand(pf_program *p, target t, id_list *out, pf_arena *arena, int depth);

void program_expand_ref(pf_program *p, size_t file, const pf_ref *ref, id_list *out, pf_arena *arena, int depth) {
    if (ref->inline_function) {
        *PF_VEC_PUSH(arena, *out) = program_function_id(p, file, ref->function);
        return;
    }
    target t = ref->exported ? program_resolve_export(p, file, ref->callee, depth + 1)
                             : program_resolve_path(p, file, ref->callee, ref->function, depth + 1);
    expand(p, t, out, arena, depth + 1);
}

/* Appends the functions a call of `t` runs: the function, or for a wrapped function its
 * wrappers then the function, for a procedure builder the middleware of the builder it extends
 * then its own (the order they run in). */
static void expand(pf_program *p, target t, id_list *out, pf_arena *arena, int depth) {
    if (depth > 24) return;
    if (t.kind == TARGET_FUNCTION) {
        *PF_VEC_PUSH(arena, *out) = program_function_id(p, t.file, t.index);
        return;
    }
    if (t.kind != TARGET_BINDING) return;
    const pf_module *m = &program_file_of(p, t.file)->summary->module;
    const pf_binding *b = &m->bindings.items[t.index];
    if (b->kind != PF_BINDING_FUNCTION && b->kind != PF_BINDING_CHAIN) return;
    bool chain = b->kind == PF_BINDING_CHAIN;
    if (chain && b->target)
        expand(p, program_resolve_path(p, t.file, b->target, PF_NONE, depth + 1), out, arena, depth + 1);
    for (uint32_t i = 0; i < b->ref_count; i++)
        program_expand_ref(p, t.file, &m->refs.items[b->first_ref + i], out, arena, depth);
    if (b->function != PF_NONE) *PF_VEC_PUSH(arena, *out) = program_function_id(p, t.file, b->function);
    else if (b->target && !chain)
        expand(p, program_resolve_path(p, t.file, b->target, PF_NONE, depth + 1), out, arena, depth + 1);
}

/* Resolves call `c` of file `index` to the functions it runs, appended to `found` (growing in
 * `growing`); returns the file of the run the resolution needed unparsed, or -1. */
static int32_t resolve_call(pf_program *p, size_t index, size_t c, id_list *found, pf_arena *growing) {
    const pf_summary_call *call = &program_file_of(p, index)->summary->calls.items[c];
    p->miss = -1;
    expand(p, program_resolve_path(p, index, call->callee, call->function, 0), found, growing, 0);
    return (int32_t)p->miss;
}

/* Resolves each call of file `index` to the functions it runs: they go to `found` (growing
 * in `growing`), to be appended to the program's callees. */
static void resolve_file_calls(pf_program *p, size_t index, id_list *found, pf_arena *growing) {
    program_file *f = program_file_of(p, index);
    size_t n = f->summary->calls.len;
    f->calls = pf_arena_alloc(file_arena(p), (n + 1) * sizeof(program_call));
    for (size_t c = 0; c < n; c++) {
        size_t first = found->len;
        int32_t miss = resolve_call(p, index, c, found, growing);
        f->calls[c] = (program_call){(uint32_t)(p->callees.len + first), (uint32_t)(found->len - first), miss};
    }
}

/* Appends `found` to the program's callees, exactly (the one link of a whole program) or with
 * room to grow. */
static void append_callees(pf_program *p, const id_list *found, bool exact) {
    size_t total = p->callees.len + found->len;
    if (exact || total + 1 > p->callees.cap) {
        size_t cap = exact ? total + 1 : p->callees.cap ? p->callees.cap : 256;
        while (cap < total + 1) cap *= 2;
        p->callees.items = pf_xrealloc(p->callees.items, cap * sizeof(size_t));
        p->callees.cap = cap;
    }
    if (found->len) memcpy(p->callees.items + p->callees.len, found->items, found->len * sizeof(size_t));
    p->callees.len = total;
}

target program_alias_of(pf_program *p, target t) {
    if (t.kind != TARGET_BINDING) return make_target(TARGET_NONE, 0, 0);
    const pf_binding *b = &program_file_of(p, t.file)->summary->module.bindings.items[t.index];
    if (b->kind != PF_BINDING_FUNCTION || b->function != PF_NONE || !b->target || b->ref_count)
        return make_target(TARGET_NONE, 0, 0);
    return program_resolve_path(p, t.file, b->target, PF_NONE, 0);
}

/* What `t` is once aliases (`export const db = prisma`) are followed. */
static target follow_aliases(pf_program *p, target t) {
    for (int depth = 0; depth < 16; depth++) {
        target next = program_alias_of(p, t);
        if (next.kind == TARGET_NONE) break;
        t = next;
    }
    return t;
}

void program_note_client_miss(pf_program *p) {
    if (p->miss < 0 || p->client_missed[p->miss]) return;
    p->client_missed[p->miss] = true;
    *PF_VEC_PUSH(&p->arena, p->client_misses) = (size_t)p->miss;
}

/* Lists the imported receivers of file `index` that are Prisma clients where they are bound. */
static void find_clients(pf_program *p, size_t index) {
    program_file *f = program_file_of(p, index);
    const pf_module *m = &f->summary->module;
    f->clients = pf_arena_alloc(file_arena(p), (m->receivers.len + 1) * sizeof(char *));
    size_t n = 0;
    for (size_t r = 0; r < m->receivers.len; r++) {
        p->miss = -1;
        target t = follow_aliases(p, program_resolve_path(p, index, m->receivers.items[r], PF_NONE, 0));
        program_note_client_miss(p);
        if (t.kind == TARGET_BINDING &&
            program_file_of(p, t.file)->summary->module.bindings.items[t.index].kind == PF_BINDING_CLIENT)
            f->clients[n++] = m->receivers.items[r];
    }
}

/* The functions function `id` calls: the callees of the calls inside it (nested functions
 * included), as the iteration `*call`, `*callee` goes; false at the end. */
static bool next_callee(const pf_program *p, size_t id, size_t *call, size_t *callee, size_t *out) {
    const program_file *f = program_file_of(p, p->id_file[id]);
    const pf_summary_function *fn = &f->summary->functions.items[id - f->first_id];
    for (; *call < f->summary->calls.len && f->summary->calls.items[*call].start < fn->end; (*call)++, *callee = 0) {
        if (f->summary->calls.items[*call].start < fn->start) continue;
        if (*callee < f->calls[*call].count) {
            *out = p->callees.items[f->calls[*call].first + (*callee)++];
            return true;
        }
    }
    return false;
}

/* The strongly connected components of the call graph among the functions from id `first`
 * on (Tarjan's algorithm, without recursion: call chains can be long), and which of them hold
 * a cycle. The functions before `first` were linked earlier and cannot call these: their
 * components stand. */
static void find_components(pf_program *p, size_t first) {
    size_t n = p->function_count - first;
    size_t *index = pf_xcalloc(n + 1, sizeof(size_t)), *low = pf_xcalloc(n + 1, sizeof(size_t));
    bool *on_stack = pf_xcalloc(n + 1, sizeof(bool)), *calls_itself = pf_xcalloc(n + 1, sizeof(bool));
    size_t *stack = pf_xcalloc(n + 1, sizeof(size_t)), depth = 0;
    typedef struct frame {
        size_t id, call, callee;
    } frame;
    frame *frames = pf_xcalloc(n + 1, sizeof(frame));
    size_t next_index = 1, components = p->component_count;
    for (size_t root = 0; root < n; root++) {
        if (index[root]) continue;
        size_t top = 0;
        frames[top++] = (frame){root, 0, 0};
        index[root] = low[root] = next_index++;
        stack[depth++] = root;
        on_stack[root] = true;
        while (top) {
            frame *f = &frames[top - 1];
            size_t callee;
            if (next_callee(p, first + f->id, &f->call, &f->callee, &callee)) {
                if (callee < first) continue;
                size_t w = callee - first;
                if (w == f->id) calls_itself[w] = true;
                if (!index[w]) {
                    index[w] = low[w] = next_index++;
                    stack[depth++] = w;
                    on_stack[w] = true;
                    frames[top++] = (frame){w, 0, 0};
                } else if (on_stack[w] && index[w] < low[f->id]) {
                    low[f->id] = index[w];
                }
                continue;
            }
            size_t v = f->id;
            top--;
            if (top && low[v] < low[frames[top - 1].id]) low[frames[top - 1].id] = low[v];
            if (low[v] != index[v]) continue;
            size_t members = 0;
            bool self_call = false, queries = false;
            size_t w2;
            do {
                w2 = stack[--depth];
                on_stack[w2] = false;
                self_call |= calls_itself[w2];
                queries |= p->owns_queries[first + w2];
                p->component[first + w2] = (uint32_t)components;
                members++;
            } while (w2 != v);
            p->cycle_queries[components] = queries;
            p->inside[components] = 0;
            p->cyclic[components++] = members > 1 || self_call;
        }
    }
    p->component_count = components;
    p->components_through = p->function_count;
    free(index);
    free(low);
    free(on_stack);
    free(calls_itself);
    free(stack);
    free(frames);
}

/* Forgets what the functions from id `first` to `count` (included) were evaluated to cost, and
 * whether they are being evaluated. */
static void forget_costs(pf_program *p, size_t first, size_t count) {
    size_t n = count + 1 - first;
    memset(p->state + first, 0, n);
    if (p->level_memo) memset(p->level_memo + first, 0, n * sizeof(pf_measure *));
    if (p->memo) memset(p->memo + first, 0, n * sizeof(pf_measure));
}

/* Room in every per-function array for `count` functions: exactly, or with room to grow as
 * files are added one by one. The entries from `first` on start empty: they may be left from
 * a file taken out again. There are never more components than functions, so the
 * per-component arrays share the size. */
static void grow_functions(pf_program *p, size_t first, size_t count, bool exact) {
    size_t cap = p->function_cap;
    bool limited = p->depth >= 0;
    if (exact || count + 1 > cap) {
        if (exact) cap = count + 1;
        while (cap < count + 1) cap = cap ? 2 * cap : 64;
        p->id_file = pf_xrealloc(p->id_file, cap * sizeof(uint32_t));
        p->owns_queries = pf_xrealloc(p->owns_queries, cap * sizeof(bool));
        p->state = pf_xrealloc(p->state, cap);
        p->component = pf_xrealloc(p->component, cap * sizeof(uint32_t));
        p->cyclic = pf_xrealloc(p->cyclic, cap * sizeof(bool));
        p->inside = pf_xrealloc(p->inside, cap * sizeof(uint32_t));
        p->cycle_queries = pf_xrealloc(p->cycle_queries, cap * sizeof(bool));
        if (limited) p->level_memo = pf_xrealloc(p->level_memo, cap * sizeof(pf_measure *));
        else p->memo = pf_xrealloc(p->memo, cap * sizeof(pf_measure));
        p->function_cap = cap;
    }
    size_t n = count + 1 - first;
    memset(p->id_file + first, 0, n * sizeof(uint32_t));
    memset(p->owns_queries + first, 0, n * sizeof(bool));
    forget_costs(p, first, count);
}

/* Links the files `indices` lists (set, not linked yet): gives their functions ids and
 * resolves their calls; their imported clients are found by the caller (pf_program_extend
 * finds every file's again). The callees they add are kept exactly when `exact` (the one link
 * of a whole program), else with room to grow. */
static void link_files(pf_program *p, const size_t *indices, size_t n, bool exact) {
    size_t first = p->function_count;
    for (size_t k = 0; k < n; k++) {
        program_file *f = program_file_of(p, indices[k]);
        f->first_id = p->function_count;
        index_names(p, indices[k]);
        p->function_count += f->summary->functions.len;
    }
    grow_functions(p, first, p->function_count, exact);
    for (size_t k = 0; k < n; k++) {
        size_t i = indices[k];
        const pf_summary *s = program_file_of(p, i)->summary;
        for (size_t fn = 0; fn < s->functions.len; fn++) p->id_file[program_file_of(p, i)->first_id + fn] = (uint32_t)i;
        for (size_t q = 0; q < s->queries.len; q++)
            for (uint32_t fn = s->queries.items[q].function; fn != PF_NONE; fn = s->functions.items[fn].parent)
                p->owns_queries[program_function_id(p, i, fn)] = true;
    }
    /* The callees found grow in a scratch arena and are copied to the program's list
     * (growing in the program's arena, they left their outgrown copies there: as much again
     * as the list). */
    pf_arena growing;
    pf_arena_init(&growing);
    id_list found = {0};
    for (size_t k = 0; k < n; k++) resolve_file_calls(p, indices[k], &found, &growing);
    append_callees(p, &found, exact);
    pf_arena_free(&growing);
}

void pf_program_link(pf_program *p) {
    /* No file is added from here on: the room doubling left goes back. */
    p->files = pf_xrealloc(p->files, (p->file_count + 1) * sizeof(program_file));
    p->file_cap = p->file_count + 1;
    size_t *indices = pf_xcalloc(p->file_count + 1, sizeof(size_t)), n = 0;
    for (size_t i = 0; i < p->count; i++)
        if (program_file_of(p, i)->summary) indices[n++] = i;
    link_files(p, indices, n, true);
    for (size_t k = 0; k < n; k++) find_clients(p, indices[k]);
    free(indices);
    program_find_hooks(p);
}

/* Finds the components of the functions that have none yet. */
static void ensure_components(pf_program *p) {
    if (p->components_through < p->function_count) find_components(p, p->components_through);
}

/* Links file `index`, set since the program was linked, against the files linked before it;
 * a file tried keeps its lists apart, to be taken out again. */
static void add_file(pf_program *p, size_t index, bool trying) {
    ensure_components(p);
    p->added = (program_mark){index, p->function_count, p->callees.len, p->component_count, p->client_misses.len};
    p->trying = trying;
    link_files(p, &index, 1, false);
    find_clients(p, index);
    p->trying = false;
}

void pf_program_add(pf_program *p, size_t index) {
    add_file(p, index, false);
}

void pf_program_try(pf_program *p, size_t index) {
    add_file(p, index, true);
}

void pf_program_untry(pf_program *p) {
    const program_mark *m = &p->added;
    program_file *f = program_file_of(p, m->index);
    free_names(f);
    memset(f, 0, sizeof(*f));
    p->slots[m->index] = 0;
    p->file_count--;
    p->function_count = m->function_count;
    p->callees.len = m->callee_count;
    p->component_count = m->component_count;
    p->components_through = m->function_count;
    for (size_t k = m->client_miss_count; k < p->client_misses.len; k++)
        p->client_missed[p->client_misses.items[k]] = false;
    p->client_misses.len = m->client_miss_count;
    pf_arena_free(&p->tried_arena);
}

void pf_program_extend(pf_program *p, const size_t *indices, size_t n) {
    link_files(p, indices, n, false);
    /* The calls of the files linked before that needed one of these: resolved again, their
     * new callees appended (the old ones are left unread). */
    pf_arena growing;
    pf_arena_init(&growing);
    for (size_t i = 0; i < p->count; i++) {
        program_file *f = program_file_of(p, i);
        for (size_t c = 0; f->summary && c < f->summary->calls.len; c++) {
            int32_t miss = f->calls[c].miss;
            if (miss < 0 || !program_file_of(p, (size_t)miss)->summary) continue;
            id_list found = {0};
            miss = resolve_call(p, i, c, &found, &growing);
            f->calls[c] = (program_call){(uint32_t)p->callees.len, (uint32_t)found.len, miss};
            append_callees(p, &found, false);
        }
    }
    pf_arena_free(&growing);
    /* Whatever linking found over the whole program, found again over the larger one. */
    p->client_misses.len = 0;
    memset(p->client_missed, 0, p->count + 1);
    for (size_t i = 0; i < p->count; i++)
        if (program_file_of(p, i)->summary) find_clients(p, i);
    p->hook_refs.len = 0;
    p->hook_marks.len = 0;
    program_find_hooks(p);
    pf_map_free(&p->routers);
    p->mounts.len = 0;
    p->mounts_found = false;
    free(p->seen);
    p->seen = NULL;
    /* Costs are evaluated again: the calls of earlier functions may run more now. */
    p->component_count = 0;
    p->components_through = 0;
    forget_costs(p, 0, p->function_count);
}

size_t pf_program_client_misses(const pf_program *p, const size_t **files) {
    *files = p->client_misses.items;
    return p->client_misses.len;
}

const char *const *pf_program_imported_clients(pf_program *p, size_t index) {
    static const char *const none[] = {NULL};
    return program_file_of(p, index)->clients ? program_file_of(p, index)->clients : none;
}

/* --- costs --------------------------------------------------------------------------- */

/* What evaluating one function's tree needs to cost its calls. */
typedef struct eval_context {
    pf_program *program;
    size_t file;
    int levels; /* calls still followed from this function; -1 for no limit */
} eval_context;

/* The cost of one call: its callees one after another, each looking a level less deep. */
static pf_measure call_cost(void *context, uint32_t call) {
    eval_context *c = context;
    pf_measure m = {0, 0, 0, false};
    if (c->levels == 0) return m;
    const program_file *f = program_file_of(c->program, c->file);
    for (size_t i = 0; i < f->calls[call].count; i++) {
        size_t id = c->program->callees.items[f->calls[call].first + i];
        pf_measure_charge(&m, program_cost(c->program, id, c->levels < 0 ? -1 : c->levels - 1), 1, true);
    }
    return m;
}

/* The memo slot of a function at a depth limit (NULL when results at that limit are not kept). */
static pf_measure *memo_slot(pf_program *p, size_t id, int levels, bool *done) {
    if (levels < 0) {
        *done = p->state[id] == 2;
        return &p->memo[id];
    }
    if (!p->level_memo[id]) {
        /* One slot per limit, plus a flag each: [0..depth] measures, then as many done bytes. */
        size_t n = (size_t)p->depth + 1;
        p->level_memo[id] = pf_arena_alloc(&p->arena, n * sizeof(pf_measure) + n);
    }
    bool *flags = (bool *)(p->level_memo[id] + p->depth + 1);
    *done = flags[levels];
    return &p->level_memo[id][levels];
}

pf_measure program_cost(pf_program *p, size_t id, int levels) {
    pf_measure none = {0, 0, 0, false};
    ensure_components(p);
    size_t component = p->component[id];
    bool fresh = !p->cyclic[component] || p->inside[component] == 0; /* entered from outside its cycle */
    bool done;
    pf_measure *slot = memo_slot(p, id, levels, &done);
    if (done && fresh) return *slot;
    if (p->state[id] == 1) {
        /* Recursion: the cycle is cut here. How often it comes round depends on the data, so a
         * cycle that runs queries is unbounded. */
        none.unbounded = p->cycle_queries[component];
        return none;
    }
    size_t file = p->id_file[id];
    const pf_summary *s = program_file_of(p, file)->summary;
    uint32_t fn = (uint32_t)(id - program_file_of(p, file)->first_id);
    p->state[id] = 1;
    p->inside[component]++;
    eval_context context = {p, file, levels};
    pf_measure m = pf_cost_eval(s->costs.items, s->functions.items[fn].cost, call_cost, &context);
    p->inside[component]--;
    p->state[id] = 0;
    if (fresh) {
        *slot = m;
        if (levels < 0) p->state[id] = 2;
        else ((bool *)(p->level_memo[id] + p->depth + 1))[levels] = true;
    }
    return m;
}

pf_measure program_top_level_cost(pf_program *p, size_t file, int levels) {
    const pf_summary *s = program_file_of(p, file)->summary;
    eval_context context = {p, file, levels};
    return pf_cost_eval(s->costs.items, s->top_level_cost, call_cost, &context);
}

bool pf_program_call_costs(pf_program *p, size_t index, pf_measure *out) {
    const program_file *f = program_file_of(p, index);
    if (!f->summary) return false;
    eval_context context = {p, index, p->depth};
    for (size_t c = 0; c < f->summary->calls.len; c++) out[c] = call_cost(&context, (uint32_t)c);
    return true;
}
