/* The endpoints a file declares (see pf_entry in module.h): Next.js App Router and Pages
 * Router handlers, Server Actions, tRPC procedures, Remix / React Router loaders and actions,
 * NestJS controller methods, and Express / Hono / Fastify registrations. What runs on every
 * request besides the handler (a wrapper such as `withWorkspace(...)`, tRPC middleware,
 * Express middleware) is kept as refs, charged with the handler. */
#include "module_build.h"

#include "poolfix/buf.h"
#include "poolfix/endpoint.h"
#include "poolfix/path.h"

#include <ctype.h>
#include <string.h>

static pf_entry *add_entry(module_builder *b, pf_entry_kind kind, const char *route, const char *method, int line) {
    pf_entry *entry = PF_VEC_PUSH(b->arena, b->module->entries);
    entry->kind = kind;
    entry->route = route;
    entry->method = method;
    entry->function = PF_NONE;
    entry->handler = PF_NONE;
    entry->first_ref = (uint32_t)b->module->refs.len;
    entry->line = line;
    return entry;
}

/* Adds a mount of `child` under `path` in `router`; its refs (Express middleware) start here. */
static pf_mount *add_mount(module_builder *b, const char *router, const char *path, const char *child) {
    pf_mount *mount = PF_VEC_PUSH(b->arena, b->module->mounts);
    memset(mount, 0, sizeof(*mount));
    mount->router = router;
    mount->path = path;
    mount->child = child;
    mount->first_ref = (uint32_t)b->module->refs.len;
    return mount;
}

/* The line a function starts on. */
static int function_line(module_builder *b, uint32_t function) {
    return pf_node_line(b->model->functions.items[function].node);
}

/* The export named `name`, or NULL. */
static const pf_export *export_named(const pf_module *module, const char *name) {
    for (size_t i = 0; i < module->exports.len; i++)
        if (strcmp(module->exports.items[i].name, name) == 0) return &module->exports.items[i];
    return NULL;
}

/* An endpoint served by the export `name`: a function of this file (with the wrappers its
 * binding runs) or, for a re-export or an imported or aliased value, a ref to the export. */
static void add_export_entry(module_builder *b, pf_entry_kind kind, const char *name, const char *route,
                             const char *method) {
    const pf_export *export = export_named(b->module, name);
    if (!export) return;
    const pf_binding *binding = export->from ? NULL : pf_module_binding(b->module, export->local);
    if (binding && binding->kind == PF_BINDING_FUNCTION && binding->function != PF_NONE) {
        pf_entry *entry = add_entry(b, kind, route, method, function_line(b, binding->function));
        entry->function = binding->function;
        /* The wrappers were recorded with the binding; charge the same refs again here. */
        entry->first_ref = binding->first_ref;
        entry->ref_count = binding->ref_count;
        return;
    }
    if (binding && binding->kind != PF_BINDING_FUNCTION) return;
    pf_entry *entry = add_entry(b, kind, route, method, export->line);
    entry->handler = mb_export_ref(b, name, export->line);
    entry->first_ref = entry->handler + 1;
}

/* App Router: exports named GET, POST, ...; Pages Router: the default export. */
static void read_next_routes(module_builder *b) {
    const pf_model *model = b->model;
    if (model->router == PF_ROUTER_NONE) return;
    const char *route = pf_arena_strdup(b->arena, model->route);
    if (model->router == PF_ROUTER_PAGES) {
        add_export_entry(b, PF_ENTRY_PAGES, "default", route, "ALL");
        return;
    }
    for (size_t i = 0; i < b->module->exports.len; i++) {
        const char *name = b->module->exports.items[i].name;
        if (pf_is_http_method(name, strlen(name))) add_export_entry(b, PF_ENTRY_APP, name, route, name);
    }
}

/* Server Actions: every export of a 'use server' file that runs a function, and every
 * function whose body starts with 'use server'. */
static void read_server_actions(module_builder *b) {
    const pf_model *model = b->model;
    if (b->module->use_server) {
        size_t exports = b->module->exports.len;
        for (size_t i = 0; i < exports; i++) {
            const pf_export *export = &b->module->exports.items[i];
            if (strcmp(export->name, "*") != 0)
                add_export_entry(b, PF_ENTRY_ACTION, export->name, export->name, "ACTION");
        }
        return;
    }
    for (size_t i = 0; i < model->functions.len; i++) {
        const pf_function *fn = &model->functions.items[i];
        TSNode body = pf_node_field(fn->node, "body");
        if (!pf_node_is(body, "statement_block") || !mb_has_directive(b, body, "use server")) continue;
        const char *name = fn->name.len ? pf_arena_strndup(b->arena, fn->name.ptr, fn->name.len) : "(anonymous)";
        add_entry(b, PF_ENTRY_ACTION, name, "ACTION", pf_node_line(fn->node))->function = (uint32_t)i;
    }
}

/* --- tRPC --------------------------------------------------------------------------- */

bool mb_is_router_call(module_builder *b, TSNode call, TSNode *object) {
    if (!pf_node_is(call, "call_expression")) return false;
    TSNode callee = pf_node_field(call, "function");
    if (pf_node_is(callee, "member_expression")) callee = pf_node_field(callee, "property");
    if (!pf_node_text_is(b->syntax, callee, "router") && !pf_node_text_is(b->syntax, callee, "createTRPCRouter") &&
        !pf_node_text_is(b->syntax, callee, "createRouter"))
        return false;
    TSNode args = pf_node_field(call, "arguments");
    *object = pf_node_named_count(args) ? pf_node_unwrap(pf_node_named_child(args, 0)) : pf_node_null();
    return pf_node_is(*object, "object");
}

/* The procedure method a call chain ends with (`.query(fn)`), or NULL. */
static const char *procedure_method(module_builder *b, TSNode call) {
    static const char *const methods[][2] = {{"query", "QUERY"}, {"mutation", "MUTATION"},
                                             {"subscription", "SUBSCRIPTION"}};
    if (!pf_node_is(call, "call_expression")) return NULL;
    TSNode callee = pf_node_field(call, "function");
    if (!pf_node_is(callee, "member_expression")) return NULL;
    TSNode property = pf_node_field(callee, "property");
    for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
        if (pf_node_text_is(b->syntax, property, methods[i][0])) return methods[i][1];
    return NULL;
}

/* A procedure `base.input(s).use(mw).query(handler)`: the handler, then each `.use` middleware
 * and the base builder (whose own middleware the program adds) as refs. */
static void add_procedure(module_builder *b, const char *router, const char *path, const char *method, TSNode call,
                          int line) {
    pf_entry *entry = add_entry(b, PF_ENTRY_TRPC, path, method, line);
    entry->router = router;
    TSNode args = pf_node_field(call, "arguments");
    TSNode handler = pf_node_named_count(args) ? pf_node_unwrap(pf_node_named_child(args, 0)) : pf_node_null();
    if (pf_node_is_function(handler)) {
        entry->function = mb_function(b, handler);
        entry->line = pf_node_line(handler);
    } else if (!ts_node_is_null(handler)) {
        entry->handler = mb_ref(b, handler);
        entry->first_ref = (uint32_t)b->module->refs.len;
    }
    TSNode c = pf_node_field(pf_node_field(call, "function"), "object");
    while (pf_node_is(c, "call_expression")) {
        TSNode callee = pf_node_field(c, "function");
        if (!pf_node_is(callee, "member_expression")) break;
        TSNode use_args = pf_node_field(c, "arguments");
        if (pf_node_text_is(b->syntax, pf_node_field(callee, "property"), "use") && pf_node_named_count(use_args))
            mb_ref(b, pf_node_named_child(use_args, 0));
        c = pf_node_field(callee, "object");
    }
    while (pf_node_is(c, "member_expression") && !mb_name(b, c)) c = pf_node_field(c, "object");
    if (mb_name(b, c)) mb_ref(b, c);
    entry->ref_count = (uint32_t)b->module->refs.len - entry->first_ref;
}

/* `lazy(() => import("./x.router").then((m) => m.xRouter))`: the specifier, and the name the
 * callback reads ("default" when there is no `.then`). False when `value` has no import(). */
static bool lazy_import(module_builder *b, TSNode value, const char **from, const char **name) {
    *from = NULL;
    *name = "default";
    TSTreeCursor cursor = ts_tree_cursor_new(value);
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(n, "call_expression")) continue;
        TSNode callee = pf_node_field(n, "function");
        TSNode args = pf_node_field(n, "arguments");
        if (pf_node_is(callee, "import") && pf_node_named_count(args)) {
            *from = mb_string(b, pf_node_named_child(args, 0));
        } else if (pf_node_is(callee, "member_expression") &&
                   pf_node_text_is(b->syntax, pf_node_field(callee, "property"), "then") &&
                   pf_node_named_count(args)) {
            TSNode body = pf_node_unwrap(pf_node_field(pf_node_unwrap(pf_node_named_child(args, 0)), "body"));
            if (pf_node_is(body, "member_expression")) *name = mb_copy(b, pf_node_field(body, "property"));
        }
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return *from != NULL;
}

/* The procedures and mounted routers of a router object; nested routers (and plain objects)
 * extend the path. */
static void read_router_object(module_builder *b, const char *router, const char *prefix, TSNode object, int depth) {
    if (depth > 8) return;
    for (uint32_t i = 0; i < pf_node_named_count(object); i++) {
        TSNode item = pf_node_named_child(object, i);
        const char *key = NULL;
        TSNode value = pf_node_null();
        if (pf_node_is(item, "pair")) {
            TSNode k = pf_node_field(item, "key");
            key = pf_node_is(k, "property_identifier") ? mb_copy(b, k) : mb_string(b, k);
            value = pf_node_unwrap(pf_node_field(item, "value"));
        } else if (pf_node_is(item, "shorthand_property_identifier")) {
            key = mb_copy(b, item);
            value = item;
        }
        if (!key) continue;
        const char *path = prefix ? pf_arena_printf(b->arena, "%s.%s", prefix, key) : key;
        TSNode nested;
        const char *method = procedure_method(b, value), *from = NULL, *name = NULL;
        if (pf_node_is(item, "shorthand_property_identifier")) {
            add_mount(b, router, path, key);
        } else if (method) {
            add_procedure(b, router, path, method, value, pf_node_line(item));
        } else if (mb_is_router_call(b, value, &nested)) {
            read_router_object(b, router, path, nested, depth + 1);
        } else if (pf_node_is(value, "object")) { /* tRPC 11 takes plain objects as sub-routers */
            read_router_object(b, router, path, value, depth + 1);
        } else if (mb_name(b, value) || lazy_import(b, value, &from, &name)) {
            pf_mount *mount = add_mount(b, router, path, mb_name(b, value));
            if (!mount->child) {
                mount->child = name;
                mount->from = from;
            }
        }
    }
}

/* The name a top-level router call is bound to, looking through calls that wrap it
 * (`export const appRouter = mergeRouters(router({...}))`): the variable, "default" for an
 * export default, or NULL. */
static const char *router_binding(module_builder *b, TSNode call) {
    TSNode up = pf_node_parent_unparen(call);
    for (int depth = 0; depth < 4 && pf_node_is(up, "arguments"); depth++)
        up = pf_node_parent_unparen(ts_node_parent(up));
    if (pf_node_is(up, "variable_declarator")) return mb_copy(b, pf_node_field(up, "name"));
    if (pf_node_is(up, "export_statement")) return "default";
    return NULL;
}

/* `mergeRouters(a, b)`: the routers merged into `router` keep their paths. */
static void read_merge(module_builder *b, TSNode call, const char *router) {
    TSNode callee = pf_node_field(call, "function");
    if (pf_node_is(callee, "member_expression")) callee = pf_node_field(callee, "property");
    if (!pf_node_text_is(b->syntax, callee, "mergeRouters")) return;
    TSNode args = pf_node_field(call, "arguments");
    for (uint32_t i = 0; i < pf_node_named_count(args); i++) {
        const char *child = mb_name(b, pf_node_named_child(args, i));
        if (!child) continue;
        add_mount(b, router, "", child);
    }
}

/* Whether a call chain ending in `.query(fn)` / `.mutation(fn)` builds a procedure: it starts
 * from a name ending in "procedure" (`authenticatedProcedure`, `t.procedure`) or passes an
 * `.input(...)` on the way (`db.query(fn)`, a SQL client's, does neither). */
static bool builds_procedure(module_builder *b, TSNode call) {
    TSNode c = pf_node_field(pf_node_field(call, "function"), "object");
    bool input = false;
    while (pf_node_is(c, "call_expression")) {
        TSNode callee = pf_node_field(c, "function");
        if (!pf_node_is(callee, "member_expression")) return false;
        input |= pf_node_text_is(b->syntax, pf_node_field(callee, "property"), "input");
        c = pf_node_field(callee, "object");
    }
    pf_str base = pf_node_str(b->syntax, pf_node_is(c, "member_expression") ? pf_node_field(c, "property") : c);
    return input || pf_str_ends_with(base, "procedure") || pf_str_ends_with(base, "Procedure");
}

/* Procedures bound to a top-level name outside any router
 * (`export const deleteTokenRoute = authedProcedure.input(s).mutation(fn)`): each is an entry
 * whose router is its own binding and whose path is empty, named by where a router mounts it
 * (`router({ delete: deleteTokenRoute })`), or by its binding when none does. */
static void read_standalone_procedures(module_builder *b) {
    TSNode root = b->syntax->root;
    for (uint32_t i = 0; i < pf_node_named_count(root); i++) {
        TSNode decl = pf_node_named_child(root, i);
        if (pf_node_is(decl, "export_statement")) decl = pf_node_field(decl, "declaration");
        if (!pf_node_is(decl, "lexical_declaration") && !pf_node_is(decl, "variable_declaration")) continue;
        for (uint32_t k = 0; k < pf_node_named_count(decl); k++) {
            TSNode d = pf_node_named_child(decl, k);
            TSNode value = pf_node_unwrap(pf_node_field(d, "value"));
            const char *method = procedure_method(b, value);
            if (!method || !pf_node_is(pf_node_field(d, "name"), "identifier") || !builds_procedure(b, value)) continue;
            add_procedure(b, mb_copy(b, pf_node_field(d, "name")), "", method, value, pf_node_line(d));
        }
    }
}

/* Every router bound to a top-level name (`export const postRouter = router({...})`),
 * exported as the default, or merged into one (`mergeRouters(...)`). */
static void read_trpc(module_builder *b) {
    read_standalone_procedures(b);
    for (size_t i = 0; i < b->model->calls.len; i++) {
        TSNode call = b->model->calls.items[i].call, object;
        if (b->model->calls.items[i].function >= 0) continue;
        if (mb_is_router_call(b, call, &object)) {
            const char *router = router_binding(b, call);
            if (router) read_router_object(b, router, NULL, object, 0);
        } else {
            TSNode up = pf_node_parent_unparen(call);
            if (pf_node_is(up, "variable_declarator")) read_merge(b, call, mb_copy(b, pf_node_field(up, "name")));
        }
    }
}

/* --- Remix / React Router ------------------------------------------------------------ */

/* Appends the URL segments of one flat-routes name (`posts.$id`, `_auth.login`): dots separate
 * segments, `$` marks a parameter (`$` alone: the rest of the path), a leading `_` is a layout
 * that adds no segment (so `_index` is the index), a trailing `_` opts out of nesting, `[x]`
 * escapes. */
static void append_flat_segments(pf_buf *url, const char *name, const char *end) {
    for (const char *s = name; s < end;) {
        const char *dot = s;
        bool escaped = false;
        while (dot < end && (escaped || *dot != '.')) {
            if (*dot == '[') escaped = true;
            else if (*dot == ']') escaped = false;
            dot++;
        }
        size_t n = (size_t)(dot - s);
        if (n > 1 && s[n - 1] == '_') n--;
        if (n && s[0] != '_') {
            pf_buf_putc(url, '/');
            if (s[0] == '$') pf_buf_putc(url, n == 1 ? '*' : ':');
            for (size_t k = s[0] == '$' ? 1 : 0; k < n; k++)
                if (s[k] != '[' && s[k] != ']') pf_buf_putc(url, s[k]);
        }
        s = dot < end ? dot + 1 : end;
    }
}

/* The URL of a route module from its path below a `routes/` folder: each folder and the file
 * name are flat-routes names (`routes/posts.$id.tsx`, `routes/posts.$id/route.tsx`), a folder
 * ending in `+` groups routes without adding to their names (remix-flat-routes:
 * `_auth+/login.tsx` → /login), and a file named `route` is its folder's route. NULL outside a
 * routes folder. */
static const char *remix_route(module_builder *b, const char *path) {
    const char *routes = strstr(path, "routes/");
    if (!routes || (routes != path && routes[-1] != '/')) return NULL;
    const char *rest = routes + strlen("routes/");
    const char *file = strrchr(rest, '/');
    file = file ? file + 1 : rest;
    const char *ext = strrchr(file, '.');
    if (!ext) return NULL;
    pf_buf url = PF_BUF_INIT;
    for (const char *part = rest; part < file;) {
        const char *slash = strchr(part, '/');
        const char *end = slash[-1] == '+' ? slash - 1 : slash;
        append_flat_segments(&url, part, end);
        part = slash + 1;
    }
    if (!(ext - file == 5 && strncmp(file, "route", 5) == 0)) append_flat_segments(&url, file, ext);
    const char *route = pf_arena_strdup(b->arena, url.len ? url.data : "/");
    pf_buf_free(&url);
    return route;
}

/* `loader` (GET) and `action` (POST, and the other methods that change data) of a route module. */
static void read_remix(module_builder *b) {
    if (b->model->router != PF_ROUTER_NONE || (!export_named(b->module, "loader") && !export_named(b->module, "action")))
        return;
    const char *route = remix_route(b, b->model->path);
    if (!route) return;
    add_export_entry(b, PF_ENTRY_LOADER, "loader", route, "GET");
    add_export_entry(b, PF_ENTRY_LOADER, "action", route, "POST");
}

/* --- NestJS ------------------------------------------------------------------------- */

/* The decorator call `Name(...)` of a decorator node, when its name is `name`. */
static TSNode decorator_call(module_builder *b, TSNode decorator, const char *name) {
    TSNode call = pf_node_named_child(decorator, 0);
    if (!pf_node_is(call, "call_expression") || !pf_node_text_is(b->syntax, pf_node_field(call, "function"), name))
        return pf_node_null();
    return call;
}

/* The path a decorator call gives: its string argument, or the `path` of its object argument. */
static const char *decorator_path(module_builder *b, TSNode call) {
    TSNode args = pf_node_field(call, "arguments");
    TSNode arg = pf_node_named_count(args) ? pf_node_unwrap(pf_node_named_child(args, 0)) : pf_node_null();
    if (pf_node_is(arg, "object")) {
        for (uint32_t i = 0; i < pf_node_named_count(arg); i++) {
            TSNode pair = pf_node_named_child(arg, i);
            if (pf_node_is(pair, "pair") && pf_node_text_is(b->syntax, pf_node_field(pair, "key"), "path"))
                return mb_string(b, pf_node_field(pair, "value"));
        }
        return "";
    }
    const char *path = ts_node_is_null(arg) ? "" : mb_string(b, arg);
    return path ? path : "";
}

/* "/a/b" from a prefix and a path, each with or without slashes; "/" when both are empty. */
static const char *join_route(module_builder *b, const char *prefix, const char *path) {
    const char *route = pf_url_join(b->arena, prefix, path);
    return *route ? route : "/";
}

/* The methods of one @Controller() class that carry an HTTP method decorator. */
static void read_controller(module_builder *b, TSNode class_node, const char *prefix) {
    static const char *const methods[] = {"Get", "Post", "Put", "Patch", "Delete", "All", "Options", "Head"};
    TSNode body = pf_node_field(class_node, "body");
    const char *method = NULL, *path = NULL;
    for (uint32_t i = 0; i < pf_node_named_count(body); i++) {
        TSNode item = pf_node_named_child(body, i);
        if (pf_node_is(item, "decorator")) {
            for (size_t m = 0; m < sizeof(methods) / sizeof(*methods); m++) {
                TSNode call = decorator_call(b, item, methods[m]);
                if (ts_node_is_null(call)) continue;
                char *upper = pf_arena_strdup(b->arena, methods[m]);
                for (char *c = upper; *c; c++) *c = (char)toupper((unsigned char)*c);
                method = upper;
                path = decorator_path(b, call);
            }
            continue;
        }
        if (pf_node_is(item, "method_definition") && method) {
            uint32_t fn = mb_function(b, item);
            if (fn != PF_NONE)
                add_entry(b, PF_ENTRY_CONTROLLER, join_route(b, prefix, path), method, pf_node_line(item))->function = fn;
        }
        if (!pf_node_is(item, "comment")) method = NULL;
    }
}

/* Every class with a @Controller() decorator, exported or not. */
static void read_nest(module_builder *b) {
    TSNode root = b->syntax->root;
    for (uint32_t i = 0; i < pf_node_named_count(root); i++) {
        TSNode stmt = pf_node_named_child(root, i);
        TSNode class_node = pf_node_is(stmt, "export_statement") ? pf_node_field(stmt, "declaration") : stmt;
        if (!pf_node_is(class_node, "class_declaration")) continue;
        TSNode holders[2] = {stmt, class_node};
        for (int h = 0; h < 2; h++) {
            for (uint32_t k = 0; k < pf_node_named_count(holders[h]); k++) {
                TSNode call = decorator_call(b, pf_node_named_child(holders[h], k), "Controller");
                if (!ts_node_is_null(call)) read_controller(b, class_node, decorator_path(b, call));
            }
            if (ts_node_eq(stmt, class_node)) break;
        }
    }
}

/* --- Express, Hono, Fastify ----------------------------------------------------------- */

/* The value of the top-level declaration of `name` (`const app = express()`), or a null node. */
static TSNode top_level_value(module_builder *b, pf_str name) {
    TSNode declaration = pf_top_level_declaration(b->syntax, name);
    return pf_node_is(declaration, "variable_declarator") ? pf_node_unwrap(pf_node_field(declaration, "value"))
                                                          : pf_node_null();
}

/* The `.basePath("/api")` of a Hono chain (`new Hono().basePath("/api")`); "" for none. */
static const char *chain_base_path(module_builder *b, TSNode value) {
    for (TSNode c = value; pf_node_is(c, "call_expression");) {
        TSNode callee = pf_node_field(c, "function");
        if (!pf_node_is(callee, "member_expression")) break;
        TSNode args = pf_node_field(c, "arguments");
        if (pf_node_text_is(b->syntax, pf_node_field(callee, "property"), "basePath") &&
            pf_node_named_count(args) == 1) {
            const char *path = mb_string(b, pf_node_named_child(args, 0));
            return path ? path : "";
        }
        c = pf_node_field(callee, "object");
    }
    return "";
}

static const char *const http_methods[] = {"get", "post", "put", "patch", "delete", "all", "options", "head"};

/* The HTTP method a registration's property names, upper-cased into the arena, or NULL. */
static const char *http_method(module_builder *b, TSNode property) {
    for (size_t m = 0; m < sizeof(http_methods) / sizeof(*http_methods); m++) {
        if (!pf_node_text_is(b->syntax, property, http_methods[m])) continue;
        char *upper = pf_arena_strdup(b->arena, http_methods[m]);
        for (char *u = upper; *u; u++) *u = (char)toupper((unsigned char)*u);
        return upper;
    }
    return NULL;
}

/* Whether a method name can register a route or mount a router (`get`, `use`, `route`). */
static bool server_method(pf_str op) {
    for (size_t m = 0; m < sizeof(http_methods) / sizeof(*http_methods); m++)
        if (pf_str_eq_c(op, http_methods[m])) return true;
    return pf_str_eq_c(op, "use") || pf_str_eq_c(op, "route");
}

/* A call of a server method (see server_method), read in the order the code registers it. */
typedef struct server_call {
    TSNode call;
    const char *router; /* the top-level name its routes go to, or NULL */
    const char *base;   /* the base path (`.basePath("/api")`) before it */
    uint32_t at;        /* byte of its method name: the order of registration, chains included */
} server_call;

/* Middleware `router.use(path?, ...mw)`: it runs before the routes registered after it on the
 * same router whose path is under `prefix` ("" for all). */
typedef struct server_use {
    const char *router;
    const char *prefix;
    TSNode args;
    uint32_t first; /* the index of its first middleware argument (after the path) */
} server_use;

typedef PF_VEC(server_use) use_list;

/* Whether a route (or mount) at `path` is under a middleware's `prefix`. */
static bool under(const char *prefix, const char *path) {
    size_t n = strlen(prefix);
    while (n && prefix[n - 1] == '/') n--;
    return n == 0 || (strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/'));
}

/* Adds refs for the middleware of `router` registered so far whose prefix holds `path`. */
static void ref_middleware(module_builder *b, const use_list *uses, const char *router, const char *path) {
    for (size_t u = 0; router && u < uses->len; u++) {
        const server_use *use = &uses->items[u];
        if (strcmp(use->router, router) != 0 || !under(use->prefix, path)) continue;
        for (uint32_t k = use->first; k < pf_node_named_count(use->args); k++)
            mb_ref(b, pf_node_named_child(use->args, k));
    }
}

/* One call `receiver.op(...)` of a server (see server_call):
 * - `app.use(mw)`, `app.use("/admin", mw)`, and Hono patterns ending in `*`: middleware (kept in `uses`).
 * - `app.get("/path", ...middleware, handler)`: the last argument is the handler; the
 *   middleware registered before on the same router under that path, then the arguments
 *   between the path and the handler, run first. Only a literal path starting with "/" and at
 *   least one handler make a registration (`cache.get("/key")`, `api.get("/x", { params })`
 *   do not).
 * - `app.use("/prefix", ...middleware, router)` (Express) and `app.route("/prefix", router)`
 *   (Hono) mount the routes of another router, named by the last argument, under the prefix,
 *   after the middleware that applies there. A `use` whose last argument is a name may be
 *   either: it is kept as both, and the program mounts only what is a router. */
static void read_server_call(module_builder *b, const server_call *sc, use_list *uses) {
    TSNode property = pf_node_field(pf_node_field(sc->call, "function"), "property");
    TSNode args = pf_node_field(sc->call, "arguments");
    uint32_t n = pf_node_named_count(args);
    const char *path = n ? mb_string(b, pf_node_named_child(args, 0)) : NULL;
    TSNode handler = n >= 2 ? pf_node_unwrap(pf_node_named_child(args, n - 1)) : pf_node_null();
    bool use = pf_node_text_is(b->syntax, property, "use");
    if (path && path[0] == '/' && (use || pf_node_text_is(b->syntax, property, "route"))) {
        const char *child = pf_node_is_function(handler) ? NULL : mb_name(b, handler);
        if (sc->router && child) {
            const char *at = join_route(b, sc->base, path);
            pf_mount *mount = add_mount(b, sc->router, at, child);
            ref_middleware(b, uses, sc->router, at);
            for (uint32_t k = 1; k + 1 < n; k++) mb_ref(b, pf_node_named_child(args, k));
            mount->ref_count = (uint32_t)b->module->refs.len - mount->first_ref;
        }
    } else if (path && path[0] == '/' && http_method(b, property) &&
               (pf_node_is_function(handler) || mb_name(b, handler))) {
        if (*sc->base) path = join_route(b, sc->base, path);
        pf_entry *entry = add_entry(b, PF_ENTRY_SERVER, path, http_method(b, property), pf_node_line(sc->call));
        entry->router = sc->router;
        ref_middleware(b, uses, sc->router, path);
        for (uint32_t k = 1; k + 1 < n; k++) mb_ref(b, pf_node_named_child(args, k));
        if (pf_node_is_function(handler)) entry->function = mb_function(b, handler);
        else entry->handler = mb_ref(b, handler);
        uint32_t refs = (uint32_t)b->module->refs.len - entry->first_ref;
        /* The handler's ref, when there is one, is the last: it is not a wrapper. */
        entry->ref_count = entry->handler != PF_NONE ? refs - 1 : refs;
    }
    /* Middleware, kept for the routes and mounts registered after it. */
    if (use && sc->router && (!path || path[0] == '/' || path[0] == '*') && n > (path ? 1u : 0u)) {
        size_t length = path ? strlen(path) : 0;
        while (length && (path[length - 1] == '*' || path[length - 1] == '/')) length--;
        server_use *u = PF_VEC_PUSH(b->arena, *uses);
        u->router = sc->router;
        u->prefix = length ? join_route(b, sc->base, pf_arena_strndup(b->arena, path, length)) : sc->base;
        u->args = args;
        u->first = path ? 1 : 0;
    }
}

/* Whether `name` is declared at the top level: routes registered on it can be mounted. */
static const char *top_level_router(module_builder *b, pf_str name) {
    if (!name.ptr || memchr(name.ptr, '.', name.len) || ts_node_is_null(top_level_value(b, name))) return NULL;
    return pf_arena_strndup(b->arena, name.ptr, name.len);
}

typedef PF_VEC(server_call) server_call_list;

/* Notes a server call. */
static void note_server_call(module_builder *b, server_call_list *calls, TSNode call, const char *router,
                             const char *base) {
    server_call *sc = PF_VEC_PUSH(b->arena, *calls);
    sc->call = call;
    sc->router = router;
    sc->base = base;
    sc->at = ts_node_start_byte(pf_node_field(pf_node_field(call, "function"), "property"));
}

/* The name a chain starts from (`app` in `app.get(...).post(...)`), or a null string. */
static pf_str chain_root(module_builder *b, TSNode value) {
    TSNode c = value;
    while (pf_node_is(c, "call_expression") || pf_node_is(c, "member_expression"))
        c = pf_node_unwrap(pf_node_field(c, pf_node_is(c, "call_expression") ? "function" : "object"));
    return pf_node_is(c, "identifier") ? pf_node_str(b->syntax, c) : pf_str_make(NULL, 0);
}

/* The calls of a chain written on one value (`new Hono().get(...).route(...)`,
 * `app.get(...).post(...)`), innermost first, past the first that calls a name (those are
 * the model's calls). Its routes go to the declared `name` (a null node: the name the chain
 * starts from); `.basePath()` on the way extends the base of the calls after it. */
static void note_server_chain(module_builder *b, server_call_list *calls, TSNode value, TSNode name) {
    TSNode links[64];
    size_t n = 0;
    for (TSNode c = value; pf_node_is(c, "call_expression") && n < 64;) {
        TSNode callee = pf_node_field(c, "function");
        if (!pf_node_is(callee, "member_expression")) break;
        TSNode object = pf_node_unwrap(pf_node_field(callee, "object"));
        if (mb_name(b, object)) break;
        links[n++] = c;
        c = object;
    }
    if (n == 0) return;
    const char *router, *base = "";
    if (ts_node_is_null(name)) {
        pf_str root = chain_root(b, value);
        router = top_level_router(b, root);
        if (router) base = chain_base_path(b, top_level_value(b, root));
    } else {
        router = mb_copy(b, name);
    }
    while (n-- > 0) {
        TSNode property = pf_node_field(pf_node_field(links[n], "function"), "property");
        if (pf_node_text_is(b->syntax, property, "basePath")) base = chain_base_path(b, links[n]);
        else if (server_method(pf_node_str(b->syntax, property))) note_server_call(b, calls, links[n], router, base);
    }
}

/* Orders server calls by the order they register. */
static int by_registration(const void *x, const void *y) {
    uint32_t a = ((const server_call *)x)->at, c = ((const server_call *)y)->at;
    return (a > c) - (a < c);
}

/* The server calls of the file: on a name (`app.get(...)`, `router.use("/x", sub)`, anywhere in
 * the file) and in chains written at the top level (`export const auth = new Hono().get(...)`,
 * `app.get(...).post(...)`). */
static void note_server_calls(module_builder *b, server_call_list *calls) {
    for (size_t i = 0; i < b->model->calls.len; i++) {
        const pf_call *c = &b->model->calls.items[i];
        const char *last = c->callee.ptr + c->callee.len;
        while (last > c->callee.ptr && last[-1] != '.') last--;
        if (last == c->callee.ptr || !server_method(pf_str_make(last, (size_t)(c->callee.ptr + c->callee.len - last))))
            continue;
        pf_str receiver = pf_str_make(c->callee.ptr, (size_t)(last - 1 - c->callee.ptr));
        const char *router = top_level_router(b, receiver);
        note_server_call(b, calls, c->call, router, router ? chain_base_path(b, top_level_value(b, receiver)) : "");
    }
    TSNode root = b->syntax->root;
    for (uint32_t i = 0; i < pf_node_named_count(root); i++) {
        TSNode stmt = pf_node_named_child(root, i);
        if (pf_node_is(stmt, "expression_statement")) {
            note_server_chain(b, calls, pf_node_unwrap(pf_node_named_child(stmt, 0)), pf_node_null());
            continue;
        }
        if (pf_node_is(stmt, "export_statement")) stmt = pf_node_field(stmt, "declaration");
        if (!pf_node_is(stmt, "lexical_declaration") && !pf_node_is(stmt, "variable_declaration")) continue;
        for (uint32_t k = 0; k < pf_node_named_count(stmt); k++) {
            TSNode d = pf_node_named_child(stmt, k);
            if (pf_node_is(pf_node_field(d, "name"), "identifier"))
                note_server_chain(b, calls, pf_node_unwrap(pf_node_field(d, "value")), pf_node_field(d, "name"));
        }
    }
    if (calls->len) qsort(calls->items, calls->len, sizeof(server_call), by_registration);
}

/* Express, Hono and Fastify registrations, mounts and middleware, in the order the code
 * registers them. A top-level name that routes go to but that binds nothing the program
 * follows (`const router = express.Router()`) is bound as a router, so that a mount elsewhere
 * finds it. */
static void read_server_routes(module_builder *b) {
    server_call_list calls = {0};
    use_list uses = {0};
    note_server_calls(b, &calls);
    for (size_t i = 0; i < calls.len; i++) read_server_call(b, &calls.items[i], &uses);
    for (size_t i = 0; i < b->module->entries.len + b->module->mounts.len; i++) {
        bool entry = i < b->module->entries.len;
        const char *router = entry ? b->module->entries.items[i].router
                                   : b->module->mounts.items[i - b->module->entries.len].router;
        if (!router || (entry && b->module->entries.items[i].kind != PF_ENTRY_SERVER) ||
            pf_module_binding(b->module, router))
            continue;
        pf_binding *binding = PF_VEC_PUSH(b->arena, b->module->bindings);
        memset(binding, 0, sizeof(*binding));
        binding->name = router;
        binding->kind = PF_BINDING_ROUTER;
        binding->function = PF_NONE;
    }
}

/* Whether the file is a test (`*.test.ts`, `*.spec.ts`, under `__tests__/`): a route path in a
 * test folder (`__tests__/pages/api/x.test.ts`) serves no request. */
static bool is_test_file(const char *path) {
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    return strstr(path, "__tests__/") || strstr(name, ".test.") || strstr(name, ".spec.");
}

void mb_build_entries(module_builder *b) {
    if (is_test_file(b->model->path)) return;
    read_next_routes(b);
    read_server_actions(b);
    read_trpc(b);
    read_remix(b);
    read_nest(b);
    read_server_routes(b);
}
