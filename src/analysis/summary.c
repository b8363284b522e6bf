/* Building a file's summary (see summary.h). */
#include "poolfix/summary.h"

#include "poolfix/analysis.h"
#include "poolfix/hook_sites.h"

#include <string.h>

/* Marks the functions that are methods of a class or object binding with that binding. */
static void mark_owners(pf_summary *summary) {
    const pf_module *module = &summary->module;
    for (size_t b = 0; b < module->bindings.len; b++) {
        const pf_binding *binding = &module->bindings.items[b];
        if (binding->kind != PF_BINDING_CLASS && binding->kind != PF_BINDING_OBJECT) continue;
        for (uint32_t m = 0; m < binding->member_count; m++) {
            uint32_t fn = module->members.items[binding->first_member + m].function;
            if (fn != PF_NONE) summary->functions.items[fn].owner = (uint32_t)b;
        }
    }
}

/* Which functions get a cost tree of their own: those a call, an endpoint or a report can
 * start from (top-level functions, methods, handlers, wrappers and middleware written inline,
 * the functions a report lists queries under), and those the analysis measures on their own
 * (the owners of calls: a run of them may be a sequential-queries finding). The others run
 * inside one of those, whose tree counts them. */
static bool *costed_functions(const pf_model *model, const pf_module *module, pf_arena *arena) {
    bool *costed = pf_arena_alloc(arena, model->functions.len + 1);
    for (size_t i = 0; i < model->functions.len; i++) costed[i] = model->functions.items[i].parent < 0;
    for (size_t i = 0; i < module->entries.len; i++)
        if (module->entries.items[i].function != PF_NONE) costed[module->entries.items[i].function] = true;
    for (size_t i = 0; i < module->refs.len; i++)
        if (module->refs.items[i].inline_function) costed[module->refs.items[i].function] = true;
    for (size_t i = 0; i < module->members.len; i++)
        if (module->members.items[i].function != PF_NONE) costed[module->members.items[i].function] = true;
    for (size_t i = 0; i < module->bindings.len; i++)
        if (module->bindings.items[i].function != PF_NONE) costed[module->bindings.items[i].function] = true;
    for (size_t i = 0; i < model->queries.len; i++) {
        int owner = pf_model_owner_of(model, model->queries.items[i].call);
        if (owner >= 0) costed[owner] = true;
    }
    for (size_t i = 0; i < model->calls.len; i++) {
        int owner = pf_model_owner_of(model, model->calls.items[i].call);
        if (owner >= 0) costed[owner] = true;
    }
    return costed;
}

/* Whether a call sits where the passes weigh it: in a Promise.all argument, in a fan-out
 * callback, or in a loop, within the function it is written in or around it. */
static bool weighed(const pf_model *model, const pf_call *call) {
    for (int fn = call->function; fn >= 0; fn = model->functions.items[fn].parent)
        if (model->functions.items[fn].callback == PF_CALLBACK_FANOUT) return true;
    for (size_t i = 0; i < model->groups.len; i++) {
        if (ts_node_start_byte(model->groups.items[i].call) > ts_node_start_byte(call->call)) break;
        if (pf_node_contains(model->groups.items[i].argument, call->call)) return true;
    }
    for (size_t i = 0; i < model->loops.len; i++) {
        if (ts_node_start_byte(model->loops.items[i].node) > ts_node_start_byte(call->call)) break;
        if (pf_node_contains(model->loops.items[i].node, call->call)) return true;
    }
    return false;
}

/* The places the file hooks a client or hands one to a tRPC context. */
static void summarize_hooks(pf_summary *summary, pf_arena *arena, const pf_model *model) {
    pf_arena scratch;
    pf_arena_init(&scratch);
    pf_hook_site_list sites = {0};
    pf_client_hook_sites(model, true, &scratch, &sites);
    for (size_t i = 0; i < sites.len; i++) {
        const pf_hook_site *site = &sites.items[i];
        pf_summary_hook *hook = PF_VEC_PUSH(arena, summary->hooks);
        hook->name = pf_arena_strndup(arena, site->name.ptr, site->name.len);
        hook->target = site->target.len ? pf_arena_strndup(arena, site->target.ptr, site->target.len) : NULL;
        hook->models = site->models ? pf_arena_strdup(arena, site->models) : NULL;
        hook->kind = site->kind;
        hook->line = pf_node_line(site->node);
    }
    pf_arena_free(&scratch);
}

void pf_summary_build(pf_summary *summary, pf_arena *arena, const pf_model *model) {
    memset(summary, 0, sizeof(*summary));
    pf_module_build(&summary->module, arena, model);
    pf_arena scratch;
    pf_arena_init(&scratch);
    bool *costed = costed_functions(model, &summary->module, &scratch);
    for (size_t i = 0; i < model->functions.len; i++) {
        const pf_function *fn = &model->functions.items[i];
        pf_summary_function *s = PF_VEC_PUSH(arena, summary->functions);
        s->name = fn->name.len ? pf_arena_strndup(arena, fn->name.ptr, fn->name.len) : "(anonymous)";
        s->parent = fn->parent < 0 ? PF_NONE : (uint32_t)fn->parent;
        s->owner = PF_NONE;
        s->line = pf_node_line(fn->node);
        s->end_line = pf_node_end_line(fn->node);
        s->start = ts_node_start_byte(fn->node);
        s->end = ts_node_end_byte(fn->node);
        s->cost = costed[i] ? pf_cost_of_scope(model, fn->node, arena, &summary->costs) : PF_COST_NONE;
    }
    pf_arena_free(&scratch);
    mark_owners(summary);
    summary->top_level_cost = pf_cost_of_scope(model, model->syntax->root, arena, &summary->costs);
    for (size_t i = 0; i < model->calls.len; i++) {
        const pf_call *call = &model->calls.items[i];
        pf_summary_call *s = PF_VEC_PUSH(arena, summary->calls);
        s->callee = pf_arena_strndup(arena, call->callee.ptr, call->callee.len);
        s->function = call->function < 0 ? PF_NONE : (uint32_t)call->function;
        s->line = pf_node_line(call->call);
        s->start = ts_node_start_byte(call->call);
        s->weighed = weighed(model, call);
    }
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        pf_summary_query *s = PF_VEC_PUSH(arena, summary->queries);
        s->operation = q->delegate.len ? pf_arena_printf(arena, "%.*s.%.*s", (int)q->delegate.len, q->delegate.ptr,
                                                         (int)q->op.len, q->op.ptr)
                                       : pf_arena_strndup(arena, q->op.ptr, q->op.len);
        int fn = pf_model_function_of(model, q->call);
        s->function = fn < 0 ? PF_NONE : (uint32_t)fn;
        int owner = pf_model_owner_of(model, q->call);
        s->owner = owner < 0 ? PF_NONE : (uint32_t)owner;
        s->line = pf_node_line(q->call);
        s->start = ts_node_start_byte(q->call);
        for (; fn >= 0; fn = model->functions.items[fn].parent) summary->functions.items[fn].has_query = true;
        bool known = false;
        for (size_t k = 0; k < summary->clients.len && !known; k++) known = pf_str_eq_c(q->client, summary->clients.items[k]);
        if (!known) *PF_VEC_PUSH(arena, summary->clients) = pf_arena_strndup(arena, q->client.ptr, q->client.len);
    }
    summarize_hooks(summary, arena, model);
}
