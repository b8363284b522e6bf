/* Clients hooked in other files (see pf_program_client_hooks): each file's hook sites (its
 * summary's `hooks`) mark the bindings of the clients they hook, through imports and
 * aliases; then each client a file's queries use is resolved the same way and looked up. */
#include "program_internal.h"

#include <string.h>

#define HOOK_TAIL ": a rewrite that changes the operation or reads with raw SQL would skip "

/* Marks hook `ref` on the binding `t` and on every binding it is an alias of: they are one
 * client. False when `t` is no binding (`$use` on a parameter). */
static bool mark(pf_program *p, target t, uint32_t ref) {
    bool marked = t.kind == TARGET_BINDING;
    for (int depth = 0; t.kind == TARGET_BINDING && depth < 16; depth++) {
        uint32_t *slot = &p->files[t.file].binding_hooks[t.index];
        if (!*slot) *slot = ref + 1;
        t = program_alias_of(p, t);
    }
    return marked;
}

/* The hook on the client `t` is (itself or what it is an alias of), or NULL. */
static const hook_ref *hook_on(pf_program *p, target t) {
    for (int depth = 0; t.kind == TARGET_BINDING && depth < 16; depth++) {
        uint32_t slot = p->files[t.file].binding_hooks[t.index];
        if (slot) return &p->hook_refs.items[slot - 1];
        t = program_alias_of(p, t);
    }
    return NULL;
}

/* The client `path` written in file `file`, noting a file it needed unparsed. */
static target resolve_client(pf_program *p, size_t file, const char *path) {
    p->miss = -1;
    target t = program_resolve_path(p, file, path, PF_NONE, 0);
    program_note_client_miss(p);
    return t;
}

/* What a hook does to its client, and where it is written. */
static const char *hook_phrase(pf_program *p, const hook_ref *ref) {
    const pf_summary_hook *h = &p->files[ref->file].summary->hooks.items[ref->hook];
    if (h->kind == PF_HOOK_USE)
        return pf_arena_printf(&p->arena, "given `$use(...)` middleware in %s (line %d), which runs around each operation",
                               p->files[ref->file].name, h->line);
    return pf_arena_printf(&p->arena, "built in %s with `$extends(...)` (line %d), whose query hooks run per operation",
                           p->files[ref->file].name, h->line);
}

/* What a rewrite would skip, after HOOK_TAIL. */
static const char *skipped(pf_program *p, const hook_ref *ref) {
    return p->files[ref->file].summary->hooks.items[ref->hook].kind == PF_HOOK_USE ? "it" : "them";
}

/* The key of a tRPC context client (`db` of `ctx.db`, `opts.ctx.db`), or NULL for another. */
static const char *context_key(const char *client) {
    const char *last = strrchr(client, '.');
    if (!last) return NULL;
    size_t len = (size_t)(last - client);
    bool ctx = (len == 3 && memcmp(client, "ctx", 3) == 0) || (len > 3 && memcmp(last - 4, ".ctx", 4) == 0);
    return ctx ? last + 1 : NULL;
}

/* Notes the modules file `i` imports that have no summary among the client misses: a tRPC
 * context creator is most often written where tRPC is set up, which is where the file's
 * procedures come from. */
static void want_imports(pf_program *p, size_t i) {
    const program_file *f = &p->files[i];
    for (size_t k = 0; k < f->summary->module.imports.len; k++) {
        long from = f->import_files[k];
        if (from < 0 || p->files[from].summary) continue;
        p->miss = from;
        program_note_client_miss(p);
    }
}

/* Why the tRPC context client `client` (key `key`) of file `file` is hooked, or NULL: a
 * context creator holds a hooked client as `key`; when none holds a client poolfix can follow
 * there, any hook of the program (the first on a binding) is taken to be it, and the modules
 * the file imports are wanted, to look for the creator there. */
static const char *context_problem(pf_program *p, size_t file, const char *client, const char *key) {
    bool named = false;
    for (size_t i = 0; i < p->count; i++) {
        const pf_summary *s = p->files[i].summary;
        for (size_t k = 0; s && k < s->hooks.len; k++) {
            const pf_summary_hook *h = &s->hooks.items[k];
            if (h->kind != PF_HOOK_CONTEXT || strcmp(h->name, key) != 0) continue;
            target t = resolve_client(p, i, h->target);
            named |= t.kind == TARGET_BINDING; /* a local of the creator is no client it tells */
            const hook_ref *ref = hook_on(p, t);
            if (ref)
                return pf_arena_printf(&p->arena,
                                       "the client `%s` is the `%s` of the tRPC context made in %s (line %d), a client "
                                       "%s" HOOK_TAIL "%s",
                                       client, key, p->files[i].name, h->line, hook_phrase(p, ref), skipped(p, ref));
        }
    }
    if (!named) want_imports(p, file);
    if (named || !p->hook_refs.len) return NULL;
    const hook_ref *ref = &p->hook_refs.items[p->bound_hook >= 0 ? (size_t)p->bound_hook : 0];
    return pf_arena_printf(&p->arena,
                           "the client `%s` comes from a tRPC context that no context creator poolfix found "
                           "fills with `%s`, and the program has a client %s; taken to be that client" HOOK_TAIL "%s",
                           client, key, hook_phrase(p, ref), skipped(p, ref));
}

/* Lists the clients of file `i`'s queries that are hooked in other files. */
static void file_hooks(pf_program *p, size_t i) {
    program_file *f = &p->files[i];
    const pf_summary *s = f->summary;
    f->hooks = pf_arena_alloc(&p->arena, (s->clients.len + 1) * sizeof(pf_client_hook));
    size_t n = 0;
    for (size_t c = 0; c < s->clients.len; c++) {
        const char *client = s->clients.items[c], *key = context_key(client), *problem = NULL;
        if (key) {
            problem = context_problem(p, i, client, key);
        } else {
            const hook_ref *ref = hook_on(p, resolve_client(p, i, client));
            if (ref && ref->file != i) /* a hook of the file's own: the passes see it */
                problem = pf_arena_printf(&p->arena, "the client `%s` is %s" HOOK_TAIL "%s", client,
                                          hook_phrase(p, ref), skipped(p, ref));
        }
        if (problem) f->hooks[n++] = (pf_client_hook){client, problem};
    }
}

void program_find_hooks(pf_program *p) {
    p->bound_hook = -1;
    for (size_t i = 0; i < p->count; i++) {
        const pf_summary *s = p->files[i].summary;
        if (s) p->files[i].binding_hooks = pf_arena_alloc(&p->arena, (s->module.bindings.len + 1) * sizeof(uint32_t));
    }
    for (size_t i = 0; i < p->count; i++) {
        const pf_summary *s = p->files[i].summary;
        for (size_t k = 0; s && k < s->hooks.len; k++) {
            if (s->hooks.items[k].kind == PF_HOOK_CONTEXT) continue;
            *PF_VEC_PUSH(&p->arena, p->hook_refs) = (hook_ref){i, (uint32_t)k};
            uint32_t ref = (uint32_t)p->hook_refs.len - 1;
            if (mark(p, resolve_client(p, i, s->hooks.items[k].name), ref) && p->bound_hook < 0) p->bound_hook = ref;
        }
    }
    for (size_t i = 0; i < p->count; i++)
        if (p->files[i].summary) file_hooks(p, i);
}

const pf_client_hook *pf_program_client_hooks(pf_program *p, size_t index) {
    static const pf_client_hook none[] = {{NULL, NULL}};
    return p->files[index].hooks ? p->files[index].hooks : none;
}
