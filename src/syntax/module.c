/* Building a file's module (see module.h): its imports, exports and top-level bindings.
 * The endpoints it declares are read by entries.c. */
#include "module_build.h"

#include "poolfix/buf.h"

#include <string.h>

const char *mb_copy(module_builder *b, TSNode node) {
    pf_str text = pf_node_str(b->syntax, node);
    return pf_arena_strndup(b->arena, text.ptr, text.len);
}

const char *mb_name(module_builder *b, TSNode node) {
    pf_buf text = PF_BUF_INIT;
    const char *name = pf_model_append_callee(b->syntax, pf_node_unwrap(node), &text)
                           ? pf_arena_strndup(b->arena, text.data, text.len)
                           : NULL;
    pf_buf_free(&text);
    return name;
}

const char *mb_string(module_builder *b, TSNode node) {
    node = pf_node_unwrap(node);
    bool template = pf_node_is(node, "template_string");
    if (!pf_node_is(node, "string") && !template) return NULL;
    if (template && !ts_node_is_null(pf_node_child_of_type(node, "template_substitution"))) return NULL;
    pf_str text = pf_node_str(b->syntax, node);
    if (text.len < 2) return NULL;
    return pf_arena_strndup(b->arena, text.ptr + 1, text.len - 2);
}

uint32_t mb_enclosing_function(module_builder *b, TSNode node) {
    int fn = pf_model_function_of(b->model, node);
    return fn < 0 ? PF_NONE : (uint32_t)fn;
}

uint32_t mb_function(module_builder *b, TSNode node) {
    uint32_t fn = mb_enclosing_function(b, node);
    return fn != PF_NONE && ts_node_eq(b->model->functions.items[fn].node, node) ? fn : PF_NONE;
}

uint32_t mb_ref(module_builder *b, TSNode value) {
    value = pf_node_unwrap(value);
    uint32_t function = pf_node_is_function(value) ? mb_function(b, value) : PF_NONE;
    const char *callee = NULL;
    if (function == PF_NONE) {
        callee = mb_name(b, pf_node_is(value, "call_expression") ? pf_node_field(value, "function") : value);
        if (!callee) return PF_NONE;
    }
    uint32_t index = (uint32_t)b->module->refs.len;
    pf_ref *ref = PF_VEC_PUSH(b->arena, b->module->refs);
    ref->callee = callee;
    ref->inline_function = function != PF_NONE;
    ref->function = ref->inline_function ? function : mb_enclosing_function(b, value);
    ref->line = pf_node_line(value);
    return index;
}

uint32_t mb_export_ref(module_builder *b, const char *name, int line) {
    uint32_t index = (uint32_t)b->module->refs.len;
    pf_ref *ref = PF_VEC_PUSH(b->arena, b->module->refs);
    ref->callee = name;
    ref->function = PF_NONE;
    ref->exported = true;
    ref->line = line;
    return index;
}

bool mb_has_directive(module_builder *b, TSNode block, const char *text) {
    uint32_t n = pf_node_named_count(block);
    for (uint32_t i = 0; i < n; i++) {
        TSNode stmt = pf_node_named_child(block, i);
        if (pf_node_is(stmt, "comment")) continue;
        if (!pf_node_is(stmt, "expression_statement")) return false;
        TSNode value = pf_node_named_child(stmt, 0);
        if (!pf_node_is(value, "string")) return false;
        pf_str s = pf_node_str(b->syntax, value);
        if (s.len == strlen(text) + 2 && memcmp(s.ptr + 1, text, s.len - 2) == 0) return true;
    }
    return false;
}

/* --- imports ------------------------------------------------------------------------ */

static void add_import(module_builder *b, const char *local, const char *imported, const char *from) {
    pf_import *import = PF_VEC_PUSH(b->arena, b->module->imports);
    import->local = local;
    import->imported = imported;
    import->from = from;
}

/* Whether a node has the anonymous token `keyword` among its children. */
static bool has_keyword(TSNode node, const char *keyword) {
    uint32_t n = pf_node_child_count(node);
    for (uint32_t i = 0; i < n; i++) {
        TSNode child = pf_node_child(node, i);
        if (!ts_node_is_named(child) && strcmp(ts_node_type(child), keyword) == 0) return true;
    }
    return false;
}

/* `import type`, `import { type T }`, `export type { T }`: no runtime value. */
static bool type_only(TSNode node) {
    return has_keyword(node, "type");
}

/* `import d, { a as b }, * as ns from "x"`. */
static void read_import(module_builder *b, TSNode stmt) {
    const char *from = mb_string(b, pf_node_field(stmt, "source"));
    TSNode clause = pf_node_child_of_type(stmt, "import_clause");
    if (!from || ts_node_is_null(clause) || type_only(stmt)) return;
    for (uint32_t i = 0; i < pf_node_named_count(clause); i++) {
        TSNode part = pf_node_named_child(clause, i);
        if (pf_node_is(part, "identifier")) {
            add_import(b, mb_copy(b, part), "default", from);
        } else if (pf_node_is(part, "namespace_import")) {
            add_import(b, mb_copy(b, pf_node_named_child(part, 0)), "*", from);
        } else if (pf_node_is(part, "named_imports")) {
            for (uint32_t k = 0; k < pf_node_named_count(part); k++) {
                TSNode spec = pf_node_named_child(part, k);
                if (!pf_node_is(spec, "import_specifier") || type_only(spec)) continue;
                TSNode name = pf_node_field(spec, "name"), alias = pf_node_field(spec, "alias");
                const char *imported = mb_string(b, name);
                add_import(b, mb_copy(b, ts_node_is_null(alias) ? name : alias), imported ? imported : mb_copy(b, name),
                           from);
            }
        }
    }
}

/* The specifier of `require("x")`, or NULL. */
static const char *required(module_builder *b, TSNode value) {
    value = pf_node_unwrap(value);
    if (!pf_node_is(value, "call_expression") || !pf_node_text_is(b->syntax, pf_node_field(value, "function"), "require"))
        return NULL;
    TSNode args = pf_node_field(value, "arguments");
    return pf_node_named_count(args) == 1 ? mb_string(b, pf_node_named_child(args, 0)) : NULL;
}

/* Imports from `from` what a declaration's name takes: `x` the whole module, `{ a, b: c }` its
 * exports a and b (as c). */
static void import_names(module_builder *b, TSNode name, const char *from) {
    if (pf_node_is(name, "identifier")) add_import(b, mb_copy(b, name), "*", from);
    for (uint32_t i = 0; pf_node_is(name, "object_pattern") && i < pf_node_named_count(name); i++) {
        TSNode part = pf_node_named_child(name, i);
        if (pf_node_is(part, "shorthand_property_identifier_pattern")) {
            const char *n = mb_copy(b, part);
            add_import(b, n, n, from);
        } else if (pf_node_is(part, "pair_pattern") && pf_node_is(pf_node_field(part, "value"), "identifier")) {
            add_import(b, mb_copy(b, pf_node_field(part, "value")), mb_copy(b, pf_node_field(part, "key")), from);
        }
    }
}

/* `const x = require("m")` (the whole module) and `const { a, b: c } = require("m")`. */
static bool read_require(module_builder *b, TSNode declarator) {
    const char *from = required(b, pf_node_field(declarator, "value"));
    if (!from) return false;
    import_names(b, pf_node_field(declarator, "name"), from);
    return true;
}

/* `const { a, b: c } = await import("m")` and `const m = await import("m")`, in any function
 * (a lazy import of what a handler calls): imports as their static forms would be. Function
 * scopes are not told apart: the first import of a name wins, as for static imports. */
static void read_dynamic_imports(module_builder *b) {
    const pf_syntax *syntax = b->syntax;
    if (!pf_bytes_contain(syntax->text, syntax->len, "import(")) return;
    TSTreeCursor cursor = ts_tree_cursor_new(syntax->root);
    do {
        TSNode d = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(d, "variable_declarator")) continue;
        TSNode value = pf_node_unwrap(pf_node_field(d, "value"));
        if (pf_node_is(value, "await_expression")) value = pf_node_unwrap(pf_node_named_child(value, 0));
        TSNode args = pf_node_field(value, "arguments");
        if (!pf_node_is(value, "call_expression") || !pf_node_is(pf_node_field(value, "function"), "import") ||
            pf_node_named_count(args) != 1)
            continue;
        const char *from = mb_string(b, pf_node_named_child(args, 0));
        if (from) import_names(b, pf_node_field(d, "name"), from);
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
}

/* --- bindings ----------------------------------------------------------------------- */

/* Whether `node` creates a Prisma client: `new PrismaClient(...)` or `x.$extends(...)` in it,
 * directly or in a same-file function it calls (`globalThis.db ?? makeClient()`). */
static bool creates_client(module_builder *b, TSNode node, int depth) {
    if (ts_node_is_null(node) || depth > 2 || !b->mentions_client) return false;
    bool found = false;
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (pf_node_is(n, "new_expression")) {
            pf_str ctor = pf_node_str(b->syntax, pf_node_field(n, "constructor"));
            found = pf_str_eq_c(ctor, "PrismaClient") || pf_str_ends_with(ctor, ".PrismaClient");
        } else if (pf_node_is(n, "call_expression")) {
            TSNode callee = pf_node_field(n, "function");
            if (pf_node_is(callee, "member_expression")) {
                found = pf_node_text_is(b->syntax, pf_node_field(callee, "property"), "$extends");
            } else if (pf_node_is(callee, "identifier")) {
                int fn = pf_model_function_named(b->model, pf_node_str(b->syntax, callee));
                found = fn >= 0 && creates_client(b, b->model->functions.items[fn].node, depth + 1);
            }
        }
    } while (!found && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

static pf_binding *add_binding(module_builder *b, const char *name, pf_binding_kind kind) {
    pf_binding *binding = PF_VEC_PUSH(b->arena, b->module->bindings);
    binding->name = name;
    binding->kind = kind;
    binding->function = PF_NONE;
    binding->first_ref = (uint32_t)b->module->refs.len;
    binding->first_member = (uint32_t)b->module->members.len;
    return binding;
}

static void add_member(module_builder *b, const char *name, uint32_t function, const char *target) {
    pf_member *member = PF_VEC_PUSH(b->arena, b->module->members);
    member->name = name;
    member->function = function;
    member->target = target;
}

/* The name of a class from a type annotation: `UsersService`, `Svc<T>` → `Svc`, `ns.Svc`. */
static const char *type_name(module_builder *b, TSNode annotation) {
    TSNode type = pf_node_named_child(annotation, 0);
    if (pf_node_is(type, "generic_type")) type = pf_node_field(type, "name");
    if (!pf_node_is(type, "type_identifier") && !pf_node_is(type, "nested_type_identifier")) return NULL;
    return mb_copy(b, type);
}

/* A property key as a name: `get`, "get", or NULL for a computed key. */
static const char *key_name(module_builder *b, TSNode key) {
    if (pf_node_is(key, "property_identifier") || pf_node_is(key, "private_property_identifier"))
        return mb_copy(b, key);
    return mb_string(b, key);
}

/* The members of an object literal: methods, function-valued properties, and properties
 * naming something else (`{ get: getUser }`, `{ getUser }`). */
static void read_object_members(module_builder *b, TSNode object) {
    for (uint32_t i = 0; i < pf_node_named_count(object); i++) {
        TSNode item = pf_node_named_child(object, i);
        if (pf_node_is(item, "method_definition")) {
            const char *name = key_name(b, pf_node_field(item, "name"));
            if (name) add_member(b, name, mb_function(b, item), NULL);
        } else if (pf_node_is(item, "shorthand_property_identifier")) {
            const char *name = mb_copy(b, item);
            add_member(b, name, PF_NONE, name);
        } else if (pf_node_is(item, "pair")) {
            const char *name = key_name(b, pf_node_field(item, "key"));
            TSNode value = pf_node_unwrap(pf_node_field(item, "value"));
            if (!name) continue;
            if (pf_node_is_function(value)) add_member(b, name, mb_function(b, value), NULL);
            else if (mb_name(b, value)) add_member(b, name, PF_NONE, mb_name(b, value));
        }
    }
}

/* The members of a class: methods, function-valued fields, and the class of typed fields,
 * including the constructor's parameter properties (`constructor(private users: UsersService)`,
 * how NestJS injects services). */
static void read_class_members(module_builder *b, TSNode body) {
    for (uint32_t i = 0; i < pf_node_named_count(body); i++) {
        TSNode item = pf_node_named_child(body, i);
        if (pf_node_is(item, "method_definition")) {
            const char *name = key_name(b, pf_node_field(item, "name"));
            if (!name) continue;
            if (strcmp(name, "constructor") != 0) {
                add_member(b, name, mb_function(b, item), NULL);
                continue;
            }
            TSNode params = pf_node_field(item, "parameters");
            for (uint32_t k = 0; k < pf_node_named_count(params); k++) {
                TSNode param = pf_node_named_child(params, k);
                bool property = !ts_node_is_null(pf_node_child_of_type(param, "accessibility_modifier")) ||
                                has_keyword(param, "readonly");
                TSNode type = pf_node_field(param, "type");
                TSNode pattern = pf_node_field(param, "pattern");
                if (property && pf_node_is(pattern, "identifier") && !ts_node_is_null(type))
                    add_member(b, mb_copy(b, pattern), PF_NONE, type_name(b, type));
            }
        } else if (pf_node_is(item, "public_field_definition")) {
            const char *name = key_name(b, pf_node_field(item, "name"));
            TSNode value = pf_node_unwrap(pf_node_field(item, "value"));
            TSNode type = pf_node_field(item, "type");
            if (!name) continue;
            if (pf_node_is_function(value)) add_member(b, name, mb_function(b, value), NULL);
            else if (pf_node_is(value, "new_expression"))
                add_member(b, name, PF_NONE, mb_name(b, pf_node_field(value, "constructor")));
            else if (!ts_node_is_null(type)) add_member(b, name, PF_NONE, type_name(b, type));
        }
    }
}

/* Whether a call chain (`base.input(x).use(mw).query(fn)`) has a call of `method`. */
static bool chain_has(module_builder *b, TSNode call, const char *method) {
    for (TSNode c = call; pf_node_is(c, "call_expression");) {
        TSNode callee = pf_node_field(c, "function");
        if (!pf_node_is(callee, "member_expression")) return false;
        if (pf_node_text_is(b->syntax, pf_node_field(callee, "property"), method)) return true;
        c = pf_node_field(callee, "object");
    }
    return false;
}

/* Records a procedure builder `base.use(a).use(b)`: its middleware are refs, the base (the
 * name the chain starts from) its target. */
static void bind_chain(module_builder *b, pf_binding *binding, TSNode call) {
    TSNode c = call;
    while (pf_node_is(c, "call_expression")) {
        TSNode callee = pf_node_field(c, "function");
        if (!pf_node_is(callee, "member_expression")) break;
        if (pf_node_text_is(b->syntax, pf_node_field(callee, "property"), "use")) {
            TSNode args = pf_node_field(c, "arguments");
            if (pf_node_named_count(args)) mb_ref(b, pf_node_named_child(args, 0));
        }
        c = pf_node_field(callee, "object");
    }
    while (pf_node_is(c, "member_expression") && !mb_name(b, c)) c = pf_node_field(c, "object");
    binding->target = mb_name(b, c);
}

/* The handler an options object hands to a wrapper (`withApiWrapper({ auth: "both", handler:
 * async (ctx) => ... })`): the function or name under the key `handler`, else the object's only
 * function-valued property (a method included); a null node when there is none. */
static TSNode options_handler(module_builder *b, TSNode object) {
    TSNode only = pf_node_null();
    size_t functions = 0;
    for (uint32_t i = 0; i < pf_node_named_count(object); i++) {
        TSNode item = pf_node_named_child(object, i);
        TSNode key = pf_node_field(item, pf_node_is(item, "pair") ? "key" : "name");
        TSNode value = pf_node_is(item, "pair") ? pf_node_unwrap(pf_node_field(item, "value")) : item;
        if (!pf_node_is(item, "pair") && !pf_node_is(item, "method_definition")) continue;
        bool runs = pf_node_is_function(value) || mb_name(b, value);
        if (runs && pf_node_text_is(b->syntax, key, "handler")) return value;
        if (pf_node_is_function(value) && functions++ == 0) only = value;
    }
    return functions == 1 ? only : pf_node_null();
}

/* Records a wrapped function, `withAuth(withLog(async (req) => ...))`, `cache(load)` or
 * `withApi({ handler })`: each wrapper is a ref (its own queries run on every call), the
 * function or name in the first argument that is one (or that an options object hands over) is
 * what it runs. False when no argument is a function or a name. */
static bool bind_wrapped(module_builder *b, pf_binding *binding, TSNode call, int depth) {
    if (depth > 8) return false;
    TSNode args = pf_node_field(call, "arguments");
    for (uint32_t i = 0; i < pf_node_named_count(args); i++) {
        TSNode arg = pf_node_unwrap(pf_node_named_child(args, i));
        if (pf_node_is(arg, "object")) arg = options_handler(b, arg);
        bool is_name = mb_name(b, arg) != NULL;
        if (!pf_node_is_function(arg) && !is_name && !pf_node_is(arg, "call_expression")) continue;
        if (pf_node_is(arg, "call_expression") && !bind_wrapped(b, binding, arg, depth + 1)) continue;
        mb_ref(b, pf_node_field(call, "function"));
        if (pf_node_is_function(arg)) binding->function = mb_function(b, arg);
        else if (is_name) binding->target = mb_name(b, arg);
        return true;
    }
    return false;
}

/* The client a next-safe-action chain starts from (`authClient` in
 * `authClient.metadata(m).inputSchema(s).action(fn)`): the `.use(mw)` middleware it was built
 * with runs before the action. A null node when `call` is no such chain. */
static TSNode action_client(module_builder *b, TSNode call) {
    TSNode callee = pf_node_field(call, "function");
    if (!pf_node_is(callee, "member_expression") ||
        (!pf_node_text_is(b->syntax, pf_node_field(callee, "property"), "action") &&
         !pf_node_text_is(b->syntax, pf_node_field(callee, "property"), "stateAction")))
        return pf_node_null();
    TSNode c = pf_node_field(callee, "object");
    while (pf_node_is(c, "call_expression") && pf_node_is(pf_node_field(c, "function"), "member_expression"))
        c = pf_node_field(pf_node_field(c, "function"), "object");
    return mb_name(b, c) ? c : pf_node_null();
}

/* Adds the binding `name` = `value` when the value is something calls can reach. */
static void bind_value(module_builder *b, const char *name, TSNode value) {
    value = pf_node_unwrap(value);
    if (ts_node_is_null(value)) return;
    if (pf_node_is(value, "await_expression")) return;
    if (pf_node_is_function(value)) {
        add_binding(b, name, PF_BINDING_FUNCTION)->function = mb_function(b, value);
    } else if (pf_node_is(value, "class")) {
        pf_binding *binding = add_binding(b, name, PF_BINDING_CLASS);
        read_class_members(b, pf_node_field(value, "body"));
        binding->member_count = (uint32_t)b->module->members.len - binding->first_member;
    } else if (pf_node_is(value, "object")) {
        pf_binding *binding = add_binding(b, name, PF_BINDING_OBJECT);
        read_object_members(b, value);
        binding->member_count = (uint32_t)b->module->members.len - binding->first_member;
    } else if (creates_client(b, value, 0)) {
        add_binding(b, name, PF_BINDING_CLIENT);
    } else if (pf_node_is(value, "new_expression")) {
        const char *class_name = mb_name(b, pf_node_field(value, "constructor"));
        if (class_name) add_binding(b, name, PF_BINDING_INSTANCE)->target = class_name;
    } else if (mb_name(b, value)) {
        add_binding(b, name, PF_BINDING_FUNCTION)->target = mb_name(b, value);
    } else if (pf_node_is(value, "call_expression") && mb_is_router_call(b, value, &(TSNode){0})) {
        add_binding(b, name, PF_BINDING_ROUTER);
    } else if (pf_node_is(value, "call_expression") &&
               pf_str_ends_with(pf_node_str(b->syntax, pf_node_field(value, "function")), "mergeRouters")) {
        add_binding(b, name, PF_BINDING_ROUTER);
    } else if (pf_node_is(value, "call_expression") &&
               pf_str_ends_with(pf_node_str(b->syntax, pf_node_field(value, "function")), ".defineExtension")) {
        add_binding(b, name, PF_BINDING_EXTENSION);
    } else if (pf_node_is(value, "call_expression")) {
        bool chain = chain_has(b, value, "use") && !chain_has(b, value, "query") && !chain_has(b, value, "mutation") &&
                     ts_node_is_null(action_client(b, value));
        pf_binding binding = {name, chain ? PF_BINDING_CHAIN : PF_BINDING_FUNCTION, PF_NONE, NULL,
                              (uint32_t)b->module->refs.len, 0, (uint32_t)b->module->members.len, 0};
        if (chain) bind_chain(b, &binding, value);
        else if (!bind_wrapped(b, &binding, value, 0)) return; /* a value poolfix cannot follow */
        else if (!ts_node_is_null(action_client(b, value))) mb_ref(b, action_client(b, value));
        binding.ref_count = (uint32_t)b->module->refs.len - binding.first_ref;
        *PF_VEC_PUSH(b->arena, b->module->bindings) = binding;
    }
}

/* Binds a class declaration (`class C {}`, `export default class {}`). */
static void bind_class(module_builder *b, const char *name, TSNode class_node) {
    pf_binding *binding = add_binding(b, name, PF_BINDING_CLASS);
    read_class_members(b, pf_node_field(class_node, "body"));
    binding->member_count = (uint32_t)b->module->members.len - binding->first_member;
}

/* --- exports ------------------------------------------------------------------------ */

static void add_export(module_builder *b, const char *name, const char *local, const char *from, TSNode at) {
    pf_export *export = PF_VEC_PUSH(b->arena, b->module->exports);
    export->name = name;
    export->local = local;
    export->from = from;
    export->line = pf_node_line(at);
}

/* Whether an export statement is `export default ...`. */
static bool is_default(TSNode stmt) {
    for (uint32_t k = 0; k < pf_node_child_count(stmt); k++)
        if (pf_node_is(pf_node_child(stmt, k), "default")) return true;
    return false;
}

/* `const { GET, POST: post } = value`. From a call (`export const { POST } = serve(fn)`, an
 * Upstash workflow), each name runs what the call wraps, after the wrapper, as
 * `const POST = serve(fn)` would; from a name or member chain (`= handlers`), each is that
 * member (`handlers.GET`). With `exported`, each local is exported under its own name. */
static void read_destructured(module_builder *b, TSNode pattern, TSNode value, bool exported) {
    value = pf_node_unwrap(value);
    const char *source = mb_name(b, value);
    if (!source && !pf_node_is(value, "call_expression")) return;
    for (uint32_t i = 0; i < pf_node_named_count(pattern); i++) {
        TSNode part = pf_node_named_child(pattern, i);
        const char *member, *name;
        if (pf_node_is(part, "pair_pattern") && pf_node_is(pf_node_field(part, "value"), "identifier")) {
            member = key_name(b, pf_node_field(part, "key"));
            name = mb_copy(b, pf_node_field(part, "value"));
        } else if (pf_node_is(part, "shorthand_property_identifier_pattern")) {
            member = name = mb_copy(b, part);
        } else {
            continue;
        }
        if (!member) continue;
        if (source) add_binding(b, name, PF_BINDING_FUNCTION)->target = pf_arena_printf(b->arena, "%s.%s", source, member);
        else bind_value(b, name, value);
        if (exported) add_export(b, name, name, NULL, part);
    }
}

/* Binds a declaration (function, class, const/let/var) and, with `exported`, exports its names. */
static void read_declaration(module_builder *b, TSNode decl, bool exported) {
    TSNode name = pf_node_field(decl, "name");
    if (pf_node_is(decl, "function_declaration") || pf_node_is(decl, "generator_function_declaration")) {
        const char *n = mb_copy(b, name);
        add_binding(b, n, PF_BINDING_FUNCTION)->function = mb_function(b, decl);
        if (exported) add_export(b, n, n, NULL, decl);
    } else if (pf_node_is(decl, "class_declaration") || pf_node_is(decl, "abstract_class_declaration")) {
        const char *n = mb_copy(b, name);
        bind_class(b, n, decl);
        if (exported) add_export(b, n, n, NULL, decl);
    } else if (pf_node_is(decl, "lexical_declaration") || pf_node_is(decl, "variable_declaration")) {
        for (uint32_t k = 0; k < pf_node_named_count(decl); k++) {
            TSNode d = pf_node_named_child(decl, k);
            if (!pf_node_is(d, "variable_declarator") || read_require(b, d)) continue;
            TSNode var = pf_node_field(d, "name");
            if (pf_node_is(var, "object_pattern")) {
                read_destructured(b, var, pf_node_field(d, "value"), exported);
                continue;
            }
            if (!pf_node_is(var, "identifier")) continue;
            const char *n = mb_copy(b, var);
            bind_value(b, n, pf_node_field(d, "value"));
            if (exported) add_export(b, n, n, NULL, d);
        }
    }
}

/* `export ...` in all its forms (see pf_export). */
static void read_export(module_builder *b, TSNode stmt) {
    if (type_only(stmt)) return;
    const char *from = mb_string(b, pf_node_field(stmt, "source"));
    TSNode clause = pf_node_child_of_type(stmt, "export_clause");
    TSNode decl = pf_node_field(stmt, "declaration"), value = pf_node_field(stmt, "value");
    if (!ts_node_is_null(clause)) {
        for (uint32_t k = 0; k < pf_node_named_count(clause); k++) {
            TSNode spec = pf_node_named_child(clause, k);
            if (!pf_node_is(spec, "export_specifier") || type_only(spec)) continue;
            TSNode name = pf_node_field(spec, "name"), alias = pf_node_field(spec, "alias");
            const char *local = mb_string(b, name) ? mb_string(b, name) : mb_copy(b, name);
            const char *exported = ts_node_is_null(alias) ? local : mb_string(b, alias) ? mb_string(b, alias)
                                                                                          : mb_copy(b, alias);
            add_export(b, exported, local, from, spec);
        }
    } else if (from) {
        TSNode ns = pf_node_child_of_type(stmt, "namespace_export");
        add_export(b, ts_node_is_null(ns) ? "*" : mb_copy(b, pf_node_named_child(ns, 0)), "*", from, stmt);
    } else if (!ts_node_is_null(decl)) {
        if (!is_default(stmt)) {
            read_declaration(b, decl, true);
        } else if (!ts_node_is_null(pf_node_field(decl, "name"))) {
            read_declaration(b, decl, false);
            add_export(b, "default", mb_copy(b, pf_node_field(decl, "name")), NULL, stmt);
        } else {
            bind_value(b, "default", decl);
            add_export(b, "default", "default", NULL, stmt);
        }
    } else if (!ts_node_is_null(value)) {
        value = pf_node_unwrap(value);
        if (pf_node_is(value, "identifier")) {
            add_export(b, "default", mb_copy(b, value), NULL, stmt);
        } else {
            if (pf_node_is(value, "class")) bind_class(b, "default", value);
            else bind_value(b, "default", value);
            add_export(b, "default", "default", NULL, stmt);
        }
    }
}

/* CommonJS: `module.exports = x`, `module.exports = { a, b }`, `exports.f = ...`. */
static void read_commonjs_export(module_builder *b, TSNode stmt) {
    TSNode assign = pf_node_unwrap(pf_node_named_child(stmt, 0));
    if (!pf_node_is(assign, "assignment_expression")) return;
    pf_str left = pf_node_str(b->syntax, pf_node_field(assign, "left"));
    TSNode right = pf_node_unwrap(pf_node_field(assign, "right"));
    if (pf_str_eq_c(left, "module.exports")) {
        if (pf_node_is(right, "identifier")) {
            add_export(b, "default", mb_copy(b, right), NULL, stmt);
            return;
        }
        bind_value(b, "default", right);
        add_export(b, "default", "default", NULL, stmt);
        const pf_binding *object = pf_module_binding(b->module, "default");
        for (uint32_t i = 0; object && object->kind == PF_BINDING_OBJECT && i < object->member_count; i++) {
            const char *member = b->module->members.items[object->first_member + i].name;
            add_export(b, member, pf_arena_printf(b->arena, "default.%s", member), NULL, stmt);
        }
        return;
    }
    const char *prefix = pf_str_starts_with(left, "module.exports.") ? "module.exports."
                         : pf_str_starts_with(left, "exports.")      ? "exports."
                                                                     : NULL;
    if (!prefix) return;
    const char *name = pf_arena_strndup(b->arena, left.ptr + strlen(prefix), left.len - strlen(prefix));
    if (strchr(name, '.')) return;
    bind_value(b, name, right);
    add_export(b, name, name, NULL, stmt);
}

/* --- the module ----------------------------------------------------------------------- */

const pf_binding *pf_module_binding(const pf_module *module, const char *name) {
    for (size_t i = 0; i < module->bindings.len; i++)
        if (strcmp(module->bindings.items[i].name, name) == 0) return &module->bindings.items[i];
    return NULL;
}

/* Whether `name` is imported. */
static bool is_imported(const pf_module *module, pf_str name) {
    for (size_t i = 0; i < module->imports.len; i++)
        if (pf_str_eq_c(name, module->imports.items[i].local)) return true;
    return false;
}

/* Lists the imported names that receive query-shaped calls the model did not take for queries:
 * `dbRead.user.findMany(...)` is one when `dbRead` is imported from a module that creates a
 * Prisma client, which only the program can tell. */
static void read_receivers(module_builder *b) {
    pf_module *module = b->module;
    for (size_t i = 0; i < b->model->calls.len; i++) {
        pf_str callee = b->model->calls.items[i].callee;
        const char *first = memchr(callee.ptr, '.', callee.len);
        if (!first) continue;
        const char *last = callee.ptr + callee.len;
        while (last > callee.ptr && last[-1] != '.') last--;
        pf_str op = pf_str_make(last, (size_t)(callee.ptr + callee.len - last));
        size_t dots = 0;
        for (size_t k = 0; k < callee.len; k++) dots += callee.ptr[k] == '.';
        bool shaped = (dots == 2 && pf_is_model_method(op)) || (dots == 1 && pf_is_client_method(op));
        pf_str root = pf_str_make(callee.ptr, (size_t)(first - callee.ptr));
        if (!shaped || !is_imported(module, root)) continue;
        bool known = false;
        for (size_t k = 0; k < module->receivers.len && !known; k++) known = pf_str_eq_c(root, module->receivers.items[k]);
        if (!known) *PF_VEC_PUSH(b->arena, module->receivers) = pf_arena_strndup(b->arena, root.ptr, root.len);
    }
}

void pf_module_build(pf_module *module, pf_arena *arena, const pf_model *model) {
    memset(module, 0, sizeof(*module));
    module_builder b = {module, arena, model, model->syntax, false};
    /* Most files create no client: look at their text once rather than at every value. */
    b.mentions_client = pf_bytes_contain(model->syntax->text, model->syntax->len, "PrismaClient") ||
                        pf_bytes_contain(model->syntax->text, model->syntax->len, "$extends");
    TSNode root = model->syntax->root;
    module->use_server = mb_has_directive(&b, root, "use server");
    for (uint32_t i = 0; i < pf_node_named_count(root); i++) {
        TSNode stmt = pf_node_named_child(root, i);
        if (pf_node_is(stmt, "import_statement")) read_import(&b, stmt);
        else if (pf_node_is(stmt, "export_statement")) read_export(&b, stmt);
        else if (pf_node_is(stmt, "expression_statement")) read_commonjs_export(&b, stmt);
        else read_declaration(&b, stmt, false);
    }
    read_dynamic_imports(&b);
    read_receivers(&b);
    mb_build_entries(&b);
}
