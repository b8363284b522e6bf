/* Clients hooked in other files (see pf_program_client_hooks): each file's hook sites (its
 * summary's `hooks`) mark the bindings of the clients they hook, through imports and
 * aliases; then each client a file's queries use is resolved the same way and looked up. */
#include "program_internal.h"

#include "poolfix/buf.h"

#include <stdlib.h>
#include <string.h>

#define HOOK_TAIL ": a rewrite that changes the operation or reads with raw SQL would skip "

/* Marks hook `ref` on the binding `t` and on every binding it is an alias of: they are one
 * client. False when `t` is no binding (`$use` on a parameter). */
static bool mark(pf_program *p, target t, uint32_t ref) {
    bool marked = t.kind == TARGET_BINDING;
    for (int depth = 0; t.kind == TARGET_BINDING && depth < 16; depth++) {
        uint32_t *slot = &program_file_of(p, t.file)->binding_hooks[t.index];
        *PF_VEC_PUSH(&p->arena, p->hook_marks) = (hook_mark){ref, *slot};
        *slot = (uint32_t)p->hook_marks.len;
        t = program_alias_of(p, t);
    }
    return marked;
}

/* Orders hook refs. */
static int compare_refs(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Appends to `out` (growing in `arena`) the hooks on the client `t` (itself or what it is an
 * alias of), each once, in the order the program lists them. */
static void hooks_on(pf_program *p, target t, id_list *out, pf_arena *arena) {
    size_t from = out->len;
    for (int depth = 0; t.kind == TARGET_BINDING && depth < 16; depth++) {
        for (uint32_t m = program_file_of(p, t.file)->binding_hooks[t.index]; m; m = p->hook_marks.items[m - 1].next) {
            size_t ref = p->hook_marks.items[m - 1].ref, k = from;
            while (k < out->len && out->items[k] != ref) k++;
            if (k == out->len) *PF_VEC_PUSH(arena, *out) = ref;
        }
        t = program_alias_of(p, t);
    }
    if (out->len - from > 1) qsort(out->items + from, out->len - from, sizeof(size_t), compare_refs);
}

/* The client `path` written in file `file`, noting a file it needed unparsed. */
static target resolve_client(pf_program *p, size_t file, const char *path) {
    p->miss = -1;
    target t = program_resolve_path(p, file, path, PF_NONE, 0);
    program_note_client_miss(p);
    return t;
}

/* The models a hook runs for, for a reason: "every model", "`user`", "`user`, `post`". */
static const char *models_phrase(pf_program *p, const char *models) {
    if (!models) return "every model";
    pf_buf text = PF_BUF_INIT;
    pf_str model;
    for (const char *at = models; pf_hook_model_next(&at, &model);)
        pf_buf_printf(&text, "%s`%.*s`", text.len ? ", " : "", (int)model.len, model.ptr);
    const char *phrase = pf_arena_strndup(&p->arena, text.data ? text.data : "", text.len);
    pf_buf_free(&text);
    return phrase;
}

/* What a hook does to its client, the models it does it for, and where it is written. */
static const char *hook_phrase(pf_program *p, const hook_ref *ref) {
    const pf_summary_hook *h = &program_file_of(p, ref->file)->summary->hooks.items[ref->hook];
    if (h->kind == PF_HOOK_USE)
        return pf_arena_printf(&p->arena,
                               "given `$use(...)` middleware in %s (line %d), which runs around each operation of "
                               "every model",
                               program_file_of(p, ref->file)->name, h->line);
    if (ref->unfollowed)
        return pf_arena_printf(&p->arena,
                               "built in %s with `$extends(%s)` (line %d), an extension poolfix cannot follow to a "
                               "definition it can read, whose query hooks may run per operation of every model",
                               program_file_of(p, ref->file)->name, h->target, h->line);
    return pf_arena_printf(&p->arena, "built in %s with `$extends(...)` (line %d), whose query hooks run per operation of %s",
                           program_file_of(p, ref->file)->name, h->line, models_phrase(p, ref->models));
}

/* What a rewrite would skip, after HOOK_TAIL. */
static const char *skipped(pf_program *p, const hook_ref *ref) {
    return program_file_of(p, ref->file)->summary->hooks.items[ref->hook].kind == PF_HOOK_USE ? "it" : "them";
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
    const program_file *f = program_file_of(p, i);
    for (size_t k = 0; k < f->summary->module.imports.len; k++) {
        long from = f->import_files[k];
        if (from < 0 || program_file_of(p, from)->summary) continue;
        p->miss = from;
        program_note_client_miss(p);
    }
}

/* The hooked clients of a file being listed. */
typedef PF_VEC(pf_client_hook) hook_list;

/* Appends the hooks on the tRPC context client `client` (key `key`) of file `file` to `out`
 * (growing in `scratch`): a context creator holds a hooked client as `key`; when none holds a
 * client poolfix can follow there, any hook of the program (the first on a binding) is taken
 * to be it, and the modules the file imports are wanted, to look for the creator there. */
static void context_hooks(pf_program *p, size_t file, const char *client, const char *key, hook_list *out,
                          pf_arena *scratch) {
    bool named = false;
    id_list refs = {0};
    for (size_t i = 0; i < p->count; i++) {
        const pf_summary *s = program_file_of(p, i)->summary;
        for (size_t k = 0; s && k < s->hooks.len; k++) {
            const pf_summary_hook *h = &s->hooks.items[k];
            if (h->kind != PF_HOOK_CONTEXT || strcmp(h->name, key) != 0) continue;
            target t = resolve_client(p, i, h->target);
            named |= t.kind == TARGET_BINDING; /* a local of the creator is no client it tells */
            refs.len = 0;
            hooks_on(p, t, &refs, scratch);
            for (size_t r = 0; r < refs.len; r++) {
                const hook_ref *ref = &p->hook_refs.items[refs.items[r]];
                const char *problem = pf_arena_printf(
                    &p->arena, "the client `%s` is the `%s` of the tRPC context made in %s (line %d), a client %s" HOOK_TAIL "%s",
                    client, key, program_file_of(p, i)->name, h->line, hook_phrase(p, ref), skipped(p, ref));
                *PF_VEC_PUSH(scratch, *out) = (pf_client_hook){client, problem, ref->models};
            }
            if (refs.len) return;
        }
    }
    if (!named) want_imports(p, file);
    if (named || p->bound_hook < 0) return;
    const hook_ref *ref = &p->hook_refs.items[p->bound_hook];
    const char *problem = pf_arena_printf(&p->arena,
                                          "the client `%s` comes from a tRPC context that no context creator poolfix "
                                          "found fills with `%s`, and the program has a client %s; taken to be that "
                                          "client" HOOK_TAIL "%s",
                                          client, key, hook_phrase(p, ref), skipped(p, ref));
    *PF_VEC_PUSH(scratch, *out) = (pf_client_hook){client, problem, ref->models};
}

/* Lists the clients of file `i`'s queries that are hooked in other files, once per hook. */
static void file_hooks(pf_program *p, size_t i) {
    program_file *f = program_file_of(p, i);
    const pf_summary *s = f->summary;
    /* The lists grow in scratch, and the program keeps an exact copy of a file's hooks, if it
     * has any: grown in the program's arena, they left a block of eight behind for every file
     * (dub: a quarter of a megabyte in each link). */
    pf_arena scratch;
    pf_arena_init(&scratch);
    hook_list list = {0};
    id_list refs = {0};
    for (size_t c = 0; c < s->clients.len; c++) {
        const char *client = s->clients.items[c], *key = context_key(client);
        if (key) {
            context_hooks(p, i, client, key, &list, &scratch);
            continue;
        }
        refs.len = 0;
        hooks_on(p, resolve_client(p, i, client), &refs, &scratch);
        for (size_t r = 0; r < refs.len; r++) {
            const hook_ref *ref = &p->hook_refs.items[refs.items[r]];
            /* A hook of the file's own is the passes' to read, but for the extension it names:
             * only the program follows that one to the module that defines it. */
            if (ref->file == i && !program_file_of(p, i)->summary->hooks.items[ref->hook].target) continue;
            const char *problem = pf_arena_printf(&p->arena, "the client `%s` is %s" HOOK_TAIL "%s", client,
                                                  hook_phrase(p, ref), skipped(p, ref));
            *PF_VEC_PUSH(&scratch, list) = (pf_client_hook){client, problem, ref->models};
        }
    }
    if (list.len) {
        f->hooks = pf_arena_alloc(&p->arena, (list.len + 1) * sizeof(pf_client_hook));
        memcpy(f->hooks, list.items, list.len * sizeof(pf_client_hook)); /* then the NULL client that ends it */
    }
    pf_arena_free(&scratch);
}

/* The models the `$extends` hook `h` of file `file` runs for: those of the extensions it
 * writes out, and those of the extension it names, followed through imports to the file that
 * defines it (see PF_HOOK_EXTENSION); every model when that cannot be followed (then
 * `unfollowed`). "" for none. */
static const char *extends_models(pf_program *p, size_t file, const pf_summary_hook *h, bool *unfollowed) {
    *unfollowed = false;
    if (h->kind != PF_HOOK_EXTENDS || !h->target) return h->models;
    target t = resolve_client(p, file, h->target);
    for (int depth = 0; t.kind == TARGET_BINDING && depth < 16; depth++) {
        const pf_summary *s = program_file_of(p, t.file)->summary;
        const char *name = s->module.bindings.items[t.index].name;
        for (size_t k = 0; k < s->hooks.len; k++) {
            const pf_summary_hook *e = &s->hooks.items[k];
            if (e->kind != PF_HOOK_EXTENSION || strcmp(e->name, name) != 0) continue;
            return e->models ? pf_arena_printf(&p->arena, "%s%s", h->models, e->models) : NULL;
        }
        t = program_alias_of(p, t);
    }
    *unfollowed = true;
    return NULL;
}

void program_find_hooks(pf_program *p) {
    p->bound_hook = -1;
    for (size_t i = 0; i < p->count; i++) {
        const pf_summary *s = program_file_of(p, i)->summary;
        if (s) program_file_of(p, i)->binding_hooks = pf_arena_alloc(&p->arena, (s->module.bindings.len + 1) * sizeof(uint32_t));
    }
    for (size_t i = 0; i < p->count; i++) {
        const pf_summary *s = program_file_of(p, i)->summary;
        for (size_t k = 0; s && k < s->hooks.len; k++) {
            pf_hook_kind kind = s->hooks.items[k].kind;
            if (kind != PF_HOOK_EXTENDS && kind != PF_HOOK_USE) continue;
            bool unfollowed;
            const char *models = extends_models(p, i, &s->hooks.items[k], &unfollowed);
            if (models && !*models) continue; /* its extensions hook no operation */
            *PF_VEC_PUSH(&p->arena, p->hook_refs) = (hook_ref){i, (uint32_t)k, models, unfollowed};
            uint32_t ref = (uint32_t)p->hook_refs.len - 1;
            if (mark(p, resolve_client(p, i, s->hooks.items[k].name), ref) && p->bound_hook < 0) p->bound_hook = ref;
        }
    }
    for (size_t i = 0; i < p->count; i++)
        if (program_file_of(p, i)->summary) file_hooks(p, i);
}

const pf_client_hook *pf_program_client_hooks(pf_program *p, size_t index) {
    static const pf_client_hook none[] = {{NULL, NULL}};
    return program_file_of(p, index)->hooks ? program_file_of(p, index)->hooks : none;
}
