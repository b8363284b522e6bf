/* Finds where a file hooks Prisma clients (see hook_sites.h). */
#include "poolfix/hook_sites.h"

#include "poolfix/objects.h"
#include "poolfix/syntax.h"

/* Whether an `$extends(...)` argument may hook operations: anything but an object literal
 * without a `query` component (`result`, `model` and `client` components add fields and
 * methods; an extension built by a call, `withSomething()`, is not seen). */
static bool extension_hooks(const pf_syntax *syntax, TSNode call) {
    TSNode arg = pf_node_skip_parentheses(pf_node_named_child(pf_node_field(call, "arguments"), 0));
    return !pf_node_is(arg, "object") || !ts_node_is_null(pf_object_pair(syntax, arg, "query"));
}

/* The `$extends(...)` call with an extension that may hook operations that `node` makes,
 * itself or in a function of the file it calls (`globalThis.prisma ?? createClient()`), two
 * calls deep; a null node when it makes none. */
static TSNode hooking_call(const pf_model *model, TSNode node, int depth) {
    const pf_syntax *syntax = model->syntax;
    TSNode found = pf_node_null();
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(n, "call_expression")) continue;
        TSNode callee = pf_node_field(n, "function");
        if (pf_node_is(callee, "member_expression")) {
            if (pf_node_text_is(syntax, pf_node_field(callee, "property"), "$extends") && extension_hooks(syntax, n))
                found = n;
        } else if (pf_node_is(callee, "identifier") && depth < 2) {
            int fn = pf_model_function_named(model, pf_node_str(syntax, callee));
            if (fn >= 0) found = hooking_call(model, model->functions.items[fn].node, depth + 1);
        }
    } while (ts_node_is_null(found) && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

static void add_site(pf_arena *arena, pf_hook_site_list *out, pf_hook_kind kind, pf_str name, pf_str target,
                     TSNode node) {
    pf_hook_site *site = PF_VEC_PUSH(arena, *out);
    site->kind = kind;
    site->name = name;
    site->target = target;
    site->node = node;
}


/* The `$extends` and `$use` sites of a file. */
static void find_hooks(const pf_model *model, pf_arena *arena, pf_hook_site_list *out) {
    const pf_syntax *syntax = model->syntax;
    pf_str none = pf_str_make(syntax->text, 0);
    TSTreeCursor cursor = ts_tree_cursor_new(syntax->root);
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        TSNode target = pf_node_null(), value = pf_node_null();
        pf_str name = none;
        if (pf_node_is(n, "export_statement")) {
            /* `export default new PrismaClient().$extends(...)`: the module binds it as `default`. */
            value = pf_node_field(n, "value");
            name = pf_str_make("default", 7);
        } else if (pf_node_is(n, "variable_declarator")) {
            target = pf_node_field(n, "name");
            value = pf_node_field(n, "value");
        } else if (pf_node_is(n, "assignment_expression") || pf_node_is(n, "public_field_definition")) {
            target = pf_node_is(n, "assignment_expression") ? pf_node_field(n, "left") : pf_node_field(n, "name");
            value = pf_node_field(n, "value");
            if (ts_node_is_null(value)) value = pf_node_field(n, "right");
        } else if (pf_node_is(n, "call_expression")) {
            TSNode callee = pf_node_field(n, "function");
            if (pf_node_is(callee, "member_expression") &&
                pf_node_text_is(syntax, pf_node_field(callee, "property"), "$use"))
                add_site(arena, out, PF_HOOK_USE, pf_node_str(syntax, pf_node_field(callee, "object")), none, n);
            continue;
        }
        if (!ts_node_is_null(target)) name = pf_node_str(syntax, target);
        if (!name.len || ts_node_is_null(value) || pf_node_is_function(value)) continue;
        TSNode call = hooking_call(model, value, 0);
        if (!ts_node_is_null(call)) add_site(arena, out, PF_HOOK_EXTENDS, name, none, call);
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
}

/* Whether a function's name is that of a tRPC context creator. */
static bool creates_context(pf_str name) {
    static const char *const names[] = {"createTRPCContext", "createContext", "createInnerTRPCContext",
                                        "createContextInner"};
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        if (pf_str_eq_c(name, names[i])) return true;
    return false;
}

/* The properties of the objects a tRPC context creator builds that name a value. */
static void find_context_members(const pf_model *model, TSNode function, pf_arena *arena, pf_hook_site_list *out) {
    const pf_syntax *syntax = model->syntax;
    TSTreeCursor cursor = ts_tree_cursor_new(function);
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (pf_node_is(n, "shorthand_property_identifier")) {
            pf_str name = pf_node_str(syntax, n);
            add_site(arena, out, PF_HOOK_CONTEXT, name, name, n);
        } else if (pf_node_is(n, "pair") && pf_node_is(ts_node_parent(n), "object")) {
            TSNode key = pf_node_field(n, "key"), value = pf_node_skip_parentheses(pf_node_field(n, "value"));
            if (pf_node_is(key, "property_identifier") &&
                (pf_node_is(value, "identifier") || pf_node_is(value, "member_expression")))
                add_site(arena, out, PF_HOOK_CONTEXT, pf_node_str(syntax, key), pf_node_str(syntax, value), n);
        }
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
}

void pf_client_hook_sites(const pf_model *model, bool contexts, pf_arena *arena, pf_hook_site_list *out) {
    const pf_syntax *syntax = model->syntax;
    if (pf_bytes_contain(syntax->text, syntax->len, "$extends") || pf_bytes_contain(syntax->text, syntax->len, "$use"))
        find_hooks(model, arena, out);
    if (!contexts || !pf_bytes_contain(syntax->text, syntax->len, "Context")) return;
    for (size_t i = 0; i < model->functions.len; i++) {
        const pf_function *fn = &model->functions.items[i];
        if (fn->parent < 0 && creates_context(fn->name)) find_context_members(model, fn->node, arena, out);
    }
}

