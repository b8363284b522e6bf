/* Finds where a file hooks Prisma clients (see hook_sites.h). */
#include "poolfix/hook_sites.h"

#include "poolfix/buf.h"
#include "poolfix/objects.h"
#include "poolfix/syntax.h"

#include <ctype.h>
#include <string.h>

/* What the query hooks of a client's extensions run for, gathered over its `$extends` calls. */
typedef struct hook_scope {
    bool all;         /* every model */
    pf_buf models;    /* the delegates named, each followed by a comma */
    pf_str extension; /* one extension named by an identifier the file does not bind */
} hook_scope;

/* Adds the model a `query` key names (`user`, `'post'`) to the scope. */
static void scope_add(hook_scope *scope, pf_str name) {
    if (!name.len) {
        scope->all = true;
        return;
    }
    pf_buf_append(&scope->models, name.ptr, name.len);
    pf_buf_putc(&scope->models, ',');
}

/* The name of a property written in an object literal (`key: v`, `'key': v`, `key`,
 * `key() {}`), or empty for a computed key, a spread, or anything else. */
static pf_str property_name(const pf_syntax *syntax, TSNode property) {
    if (pf_node_is(property, "pair")) return pf_pair_key(syntax, property);
    if (pf_node_is(property, "shorthand_property_identifier")) return pf_node_str(syntax, property);
    if (pf_node_is(property, "method_definition")) {
        TSNode name = pf_node_field(property, "name");
        if (pf_node_is(name, "property_identifier")) return pf_node_str(syntax, name);
        if (pf_node_is(name, "string")) return pf_string_value(syntax, name);
    }
    return pf_str_make(syntax->text, 0);
}

/* Adds what an extension's `query` component hooks: the models it names; every model for
 * `$allModels`, `$allOperations`, a raw operation (`$queryRaw`), a computed or spread key, a
 * method, or a value that is not an object literal. */
static void read_query_component(const pf_syntax *syntax, TSNode query, hook_scope *scope) {
    query = pf_node_skip_parentheses(query);
    if (!pf_node_is(query, "object")) {
        scope->all = true;
        return;
    }
    for (uint32_t i = 0; i < pf_node_named_count(query) && !scope->all; i++) {
        TSNode property = pf_node_named_child(query, i);
        if (pf_node_is(property, "comment")) continue;
        pf_str name = property_name(syntax, property);
        if (pf_node_is(property, "method_definition") || pf_str_starts_with(name, "$")) scope->all = true;
        else scope_add(scope, name);
    }
}

/* Adds what an extension written as an object literal hooks: its `query` component, if any
 * (`name`, `result`, `model` and `client` components add fields and methods, no hooks). A
 * spread, a computed key or a `query` that is not a plain property may hide hooks: every model. */
static void read_extension_object(const pf_syntax *syntax, TSNode object, hook_scope *scope) {
    for (uint32_t i = 0; i < pf_node_named_count(object) && !scope->all; i++) {
        TSNode property = pf_node_named_child(object, i);
        if (pf_node_is(property, "comment")) continue;
        pf_str name = property_name(syntax, property);
        if (!name.len || (pf_str_eq_c(name, "query") && !pf_node_is(property, "pair"))) scope->all = true;
        else if (pf_str_eq_c(name, "query")) read_query_component(syntax, pf_node_field(property, "value"), scope);
    }
}

/* The object literal given to `client.$extends(...)` in the body of a function (`(client) =>
 * client.$extends({...})`, or a body that only returns that call), or a null node. */
static TSNode extends_in_function(const pf_syntax *syntax, TSNode function) {
    TSNode body = pf_node_field(function, "body");
    if (pf_node_is(body, "statement_block")) {
        TSNode only = pf_node_named_count(body) == 1 ? pf_node_named_child(body, 0) : pf_node_null();
        body = pf_node_is(only, "return_statement") ? pf_node_named_child(only, 0) : pf_node_null();
    }
    body = pf_node_skip_parentheses(body);
    if (ts_node_is_null(pf_method_receiver(syntax, body, "$extends"))) return pf_node_null();
    TSNode arg = pf_node_skip_parentheses(pf_node_named_child(pf_node_field(body, "arguments"), 0));
    return pf_node_is(arg, "object") ? arg : pf_node_null();
}

/* The object literal that defines the extension `value`: the value itself, or what
 * `Prisma.defineExtension(...)` is given, directly or as the `$extends` of its function. A
 * null node for any other value. */
static TSNode extension_object(const pf_syntax *syntax, TSNode value) {
    value = pf_node_skip_parentheses(value);
    if (pf_node_is(value, "object")) return value;
    if (ts_node_is_null(pf_method_receiver(syntax, value, "defineExtension"))) return pf_node_null();
    TSNode arg = pf_node_skip_parentheses(pf_node_named_child(pf_node_field(value, "arguments"), 0));
    return pf_node_is_function(arg) ? extends_in_function(syntax, arg) : pf_node_is(arg, "object") ? arg : pf_node_null();
}

/* Adds what the extension `value` (an `$extends(...)` argument, or a value it names) hooks.
 * An identifier is followed to the file's own top-level const; one the file does not bind is
 * kept as the scope's `extension` for the program to follow (a second one: every model). */
static void read_extension(const pf_syntax *syntax, TSNode value, hook_scope *scope, int depth) {
    value = pf_node_skip_parentheses(value);
    if (pf_node_is(value, "identifier") && depth < 4) {
        pf_str name = pf_node_str(syntax, value);
        TSNode declaration = pf_top_level_declaration(syntax, name);
        if (pf_node_is(declaration, "variable_declarator"))
            read_extension(syntax, pf_node_field(declaration, "value"), scope, depth + 1);
        else if (!ts_node_is_null(declaration) || scope->extension.len)
            scope->all = true;
        else
            scope->extension = name;
        return;
    }
    TSNode object = extension_object(syntax, value);
    if (ts_node_is_null(object)) scope->all = true;
    else read_extension_object(syntax, object, scope);
}

/* Whether the scope holds any model. */
static bool scope_hooks(const hook_scope *scope) {
    return scope->all || scope->models.len || scope->extension.len;
}

/* Gathers into `scope` what the `$extends(...)` calls that `node` makes hook, itself or in a
 * function of the file it calls (`globalThis.prisma ?? createClient()`), two calls deep;
 * returns the first of them that may hook operations, a null node when none does. */
static TSNode hooking_call(const pf_model *model, TSNode node, int depth, hook_scope *scope) {
    const pf_syntax *syntax = model->syntax;
    TSNode found = pf_node_null();
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(n, "call_expression")) continue;
        TSNode callee = pf_node_field(n, "function"), call = pf_node_null();
        if (!ts_node_is_null(pf_method_receiver(syntax, n, "$extends"))) {
            hook_scope own = {false, PF_BUF_INIT, pf_str_make(syntax->text, 0)};
            read_extension(syntax, pf_node_named_child(pf_node_field(n, "arguments"), 0), &own, 0);
            if (scope_hooks(&own)) call = n;
            scope->all |= own.all || (own.extension.len && scope->extension.len);
            if (own.extension.len) scope->extension = own.extension;
            pf_buf_append(&scope->models, own.models.data, own.models.len);
            pf_buf_free(&own.models);
        } else if (pf_node_is(callee, "identifier") && depth < 2) {
            int fn = pf_model_function_named(model, pf_node_str(syntax, callee));
            if (fn >= 0) call = hooking_call(model, model->functions.items[fn].node, depth + 1, scope);
        }
        if (ts_node_is_null(found)) found = call;
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

/* The models string of a scope (see pf_hook_site), in `arena`. */
static const char *scope_models(pf_arena *arena, const hook_scope *scope) {
    if (scope->all) return NULL;
    return pf_arena_strndup(arena, scope->models.len ? scope->models.data : "", scope->models.len);
}

bool pf_hook_model_next(const char **at, pf_str *model) {
    if (!**at) return false;
    const char *comma = strchr(*at, ',');
    size_t len = comma ? (size_t)(comma - *at) : strlen(*at);
    *model = pf_str_make(*at, len);
    *at += len + (comma != NULL);
    return true;
}

bool pf_hook_models_include(const char *models, pf_str delegate) {
    if (!models) return true;
    pf_str m;
    for (const char *at = models; pf_hook_model_next(&at, &m);)
        if (m.len == delegate.len && m.len && tolower((unsigned char)m.ptr[0]) == tolower((unsigned char)delegate.ptr[0]) &&
            memcmp(m.ptr + 1, delegate.ptr + 1, m.len - 1) == 0)
            return true;
    return false;
}

static void add_site(pf_arena *arena, pf_hook_site_list *out, pf_hook_kind kind, pf_str name, pf_str target,
                     const char *models, TSNode node) {
    pf_hook_site *site = PF_VEC_PUSH(arena, *out);
    site->kind = kind;
    site->name = name;
    site->target = target;
    site->models = models;
    site->node = node;
}

/* Whether the declarator `node` is written at the top level of the file (exported or not). */
static bool top_level(TSNode node) {
    TSNode statement = ts_node_parent(node);
    TSNode parent = ts_node_parent(statement);
    if (pf_node_is(parent, "export_statement")) parent = ts_node_parent(parent);
    return pf_node_is(parent, "program");
}

/* Whether `value` defines an extension other files may apply: `Prisma.defineExtension(...)`,
 * or an object literal with a `query` or `result` component. */
static bool defines_extension(const pf_syntax *syntax, TSNode value) {
    value = pf_node_skip_parentheses(value);
    if (pf_node_is(value, "object"))
        return !ts_node_is_null(pf_object_pair(syntax, value, "query")) ||
               !ts_node_is_null(pf_object_pair(syntax, value, "result"));
    return !ts_node_is_null(pf_method_receiver(syntax, value, "defineExtension"));
}


/* Adds the extension `value` bound to `name` at the top level, with the models it hooks. */
static void add_extension(const pf_syntax *syntax, pf_str name, TSNode value, TSNode node, pf_arena *arena,
                          pf_hook_site_list *out) {
    pf_str none = pf_str_make(syntax->text, 0);
    hook_scope scope = {false, PF_BUF_INIT, none};
    read_extension(syntax, value, &scope, 0);
    add_site(arena, out, PF_HOOK_EXTENSION, name, none, scope.extension.len ? NULL : scope_models(arena, &scope), node);
    pf_buf_free(&scope.models);
}

/* The extensions defined at the top level of a file (see defines_extension), and what each
 * hooks: other files may apply them by name. */
static void find_extensions(const pf_syntax *syntax, pf_arena *arena, pf_hook_site_list *out) {
    for (uint32_t i = 0; i < pf_node_named_count(syntax->root); i++) {
        TSNode statement = pf_node_named_child(syntax->root, i);
        if (pf_node_is(statement, "export_statement") && defines_extension(syntax, pf_node_field(statement, "value"))) {
            /* `export default Prisma.defineExtension(...)`: the module binds it as `default`. */
            add_extension(syntax, pf_str_make("default", 7), pf_node_field(statement, "value"), statement, arena, out);
            continue;
        }
        if (pf_node_is(statement, "export_statement")) statement = pf_node_field(statement, "declaration");
        if (!pf_node_is(statement, "lexical_declaration") && !pf_node_is(statement, "variable_declaration")) continue;
        for (uint32_t k = 0; k < pf_node_named_count(statement); k++) {
            TSNode declarator = pf_node_named_child(statement, k), name = pf_node_field(declarator, "name");
            TSNode value = pf_node_field(declarator, "value");
            if (pf_node_is(declarator, "variable_declarator") && pf_node_is(name, "identifier") &&
                defines_extension(syntax, value))
                add_extension(syntax, pf_node_str(syntax, name), value, declarator, arena, out);
        }
    }
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
            TSNode client = pf_method_receiver(syntax, n, "$use");
            if (!ts_node_is_null(client)) add_site(arena, out, PF_HOOK_USE, pf_node_str(syntax, client), none, NULL, n);
            continue;
        }
        if (!ts_node_is_null(target)) name = pf_node_str(syntax, target);
        if (!name.len || ts_node_is_null(value) || pf_node_is_function(value)) continue;
        /* An extension defined at the top level is no client (find_extensions reads it). */
        if ((pf_node_is(n, "export_statement") || (pf_node_is(n, "variable_declarator") && top_level(n))) &&
            defines_extension(syntax, value))
            continue;
        hook_scope scope = {false, PF_BUF_INIT, none};
        TSNode call = hooking_call(model, value, 0, &scope);
        if (!ts_node_is_null(call))
            add_site(arena, out, PF_HOOK_EXTENDS, name, scope.all ? none : scope.extension, scope_models(arena, &scope),
                     call);
        pf_buf_free(&scope.models);
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
            add_site(arena, out, PF_HOOK_CONTEXT, name, name, NULL, n);
        } else if (pf_node_is(n, "pair") && pf_node_is(ts_node_parent(n), "object")) {
            TSNode key = pf_node_field(n, "key"), value = pf_node_skip_parentheses(pf_node_field(n, "value"));
            if (pf_node_is(key, "property_identifier") &&
                (pf_node_is(value, "identifier") || pf_node_is(value, "member_expression")))
                add_site(arena, out, PF_HOOK_CONTEXT, pf_node_str(syntax, key), pf_node_str(syntax, value), NULL, n);
        }
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
}

void pf_client_hook_sites(const pf_model *model, bool contexts, pf_arena *arena, pf_hook_site_list *out) {
    const pf_syntax *syntax = model->syntax;
    if (pf_bytes_contain(syntax->text, syntax->len, "$extends") || pf_bytes_contain(syntax->text, syntax->len, "$use"))
        find_hooks(model, arena, out);
    if (pf_bytes_contain(syntax->text, syntax->len, "defineExtension") || pf_bytes_contain(syntax->text, syntax->len, "query"))
        find_extensions(syntax, arena, out);
    if (!contexts || !pf_bytes_contain(syntax->text, syntax->len, "Context")) return;
    for (size_t i = 0; i < model->functions.len; i++) {
        const pf_function *fn = &model->functions.items[i];
        if (fn->parent < 0 && creates_context(fn->name)) find_context_members(model, fn->node, arena, out);
    }
}

