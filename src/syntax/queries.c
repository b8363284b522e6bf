/* Building the model of a file's Prisma usage (see queries.h). */
#include "poolfix/queries.h"

#include "poolfix/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char *const model_methods[] = {
    "findMany", "findFirst", "findFirstOrThrow", "findUnique", "findUniqueOrThrow", "count",
    "aggregate", "groupBy", "create", "createMany", "createManyAndReturn", "update", "updateMany",
    "updateManyAndReturn", "upsert", "delete", "deleteMany"};
static const char *const write_methods[] = {"create", "createMany", "createManyAndReturn", "update",
                                            "updateMany", "updateManyAndReturn", "upsert",
                                            "delete", "deleteMany"};
static const char *const client_methods[] = {"$queryRaw", "$queryRawUnsafe", "$executeRaw",
                                             "$executeRawUnsafe", "$transaction",
                                             "$runCommandRaw"};

#define COUNT_OF(a) (sizeof(a) / sizeof(*(a)))

/* Whether `name` is one of `list`. */
static bool in_list(pf_str name, const char *const *list, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (pf_str_eq_c(name, list[i])) return true;
    return false;
}

bool pf_is_model_method(pf_str name) {
    return in_list(name, model_methods, COUNT_OF(model_methods));
}

bool pf_is_client_method(pf_str name) {
    return in_list(name, client_methods, COUNT_OF(client_methods));
}

/* Node identity that treats two null nodes as different (ts_node_eq would not). */
static bool same_node(TSNode a, TSNode b) {
    return !ts_node_is_null(a) && !ts_node_is_null(b) && ts_node_eq(a, b);
}

/* A `$transaction(async (tx) => ...)` callback: inside it, `tx` is a client whatever its name. */
typedef struct tx_scope {
    TSNode callback;
    pf_str name;
} tx_scope;

/* State of one model build: the model, the client names, what the file binds, and the open
 * transaction scopes. */
typedef struct builder {
    pf_model *model;
    pf_arena *arena;
    const pf_client_names *clients;
    PF_VEC(pf_str) prisma_names;  /* bound in the file to `new PrismaClient(...)` or `x.$extends(...)` */
    PF_VEC(pf_str) foreign_names; /* bound to a Drizzle, Kysely or knex database */
    bool foreign_imports;         /* the file imports drizzle-orm, kysely or knex */
    PF_VEC(tx_scope) scopes;
    PF_VEC(int) function_stack;
    PF_VEC(TSNode) ancestors;        /* the nodes above the one being visited, the root first */
    PF_VEC(TSNode) fanout_callbacks; /* functions given to `.map`, `.forEach`, `.flatMap` */
    PF_VEC(TSNode) fanout_receivers; /* and the arrays they run over */
} builder;

/* The identifier a receiver starts with: `ctx` for `ctx.db`, `this` for `this.prisma`. */
static pf_str receiver_root(const pf_syntax *syntax, TSNode receiver) {
    while (pf_node_is(receiver, "member_expression")) receiver = pf_node_field(receiver, "object");
    return pf_node_str(syntax, receiver);
}

static bool name_listed(pf_str name, const pf_str *names, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (pf_str_eq(names[i], name)) return true;
    return false;
}

/* Whether `receiver` is another library's database, never a Prisma client: a name the file
 * binds to Drizzle, Kysely or knex; Drizzle's relational API (`db.query.users.findMany`);
 * or, in a file importing one of those libraries, a generic default name (`db`, `ctx.db`,
 * `tx`) or what hangs off it, unless the file binds it to a Prisma client. */
static bool is_foreign(const builder *b, TSNode receiver) {
    const pf_syntax *syntax = b->model->syntax;
    pf_str root = receiver_root(syntax, receiver);
    if (name_listed(root, b->foreign_names.items, b->foreign_names.len)) return true;
    TSNode base = receiver;
    if (pf_node_is(receiver, "member_expression") &&
        pf_node_text_is(syntax, pf_node_field(receiver, "property"), "query")) {
        base = pf_node_field(receiver, "object");
        if (pf_client_names_match(b->clients, pf_node_str(syntax, base))) return true;
    }
    if (!b->foreign_imports) return false;
    for (TSNode n = base; !ts_node_is_null(n); n = pf_node_is(n, "member_expression") ? pf_node_field(n, "object")
                                                                                       : pf_node_null()) {
        pf_str text = pf_node_str(syntax, n);
        if (pf_client_name_is_generic(text)) return !name_listed(text, b->prisma_names.items, b->prisma_names.len);
    }
    return false;
}

/* The node `up` levels above the one being visited (1: its parent), or a null node: read from
 * the walk's stack, since ts_node_parent() walks down from the root each time. */
static TSNode ancestor(const builder *b, size_t up) {
    return up <= b->ancestors.len ? b->ancestors.items[b->ancestors.len - up] : pf_node_null();
}

/* Whether `receiver` names a client at `call`: a name the file binds to a Prisma client, a
 * configured or default name (unless it is another library's database), or the parameter
 * of an interactive transaction callback that contains the call. */
static bool is_client(const builder *b, TSNode receiver, TSNode call) {
    pf_str text = pf_node_str(b->model->syntax, receiver);
    if (name_listed(text, b->prisma_names.items, b->prisma_names.len)) return true;
    if (is_foreign(b, receiver)) return false;
    if (pf_client_names_match(b->clients, text)) return true;
    for (size_t i = 0; i < b->scopes.len; i++)
        if (pf_str_eq(text, b->scopes.items[i].name) && pf_node_contains(b->scopes.items[i].callback, call))
            return true;
    return false;
}

/* Whether an expression makes a Prisma client: `new PrismaClient(...)`, `x.$extends(...)`,
 * or either of them behind `??`, `||`, a ternary or an await (`globalThis.prisma ?? new
 * PrismaClient()`). */
static bool makes_prisma_client(const pf_syntax *syntax, TSNode value, int depth) {
    value = pf_node_unwrap(value);
    if (ts_node_is_null(value) || depth > 8) return false;
    if (pf_node_is(value, "new_expression"))
        return pf_str_ends_with(pf_node_str(syntax, pf_node_field(value, "constructor")), "PrismaClient");
    if (pf_node_is(value, "call_expression")) return !ts_node_is_null(pf_method_receiver(syntax, value, "$extends"));
    if (pf_node_is(value, "binary_expression"))
        return makes_prisma_client(syntax, pf_node_field(value, "left"), depth + 1) ||
               makes_prisma_client(syntax, pf_node_field(value, "right"), depth + 1);
    if (pf_node_is(value, "ternary_expression"))
        return makes_prisma_client(syntax, pf_node_field(value, "consequence"), depth + 1) ||
               makes_prisma_client(syntax, pf_node_field(value, "alternative"), depth + 1);
    if (pf_node_is(value, "await_expression")) return makes_prisma_client(syntax, pf_node_named_child(value, 0), depth + 1);
    return false;
}

/* Whether an expression makes another library's database: `drizzle(...)`, `new Kysely(...)`,
 * `knex(...)`. */
static bool makes_foreign_database(const pf_syntax *syntax, TSNode value) {
    value = pf_node_unwrap(value);
    if (pf_node_is(value, "await_expression")) value = pf_node_unwrap(pf_node_named_child(value, 0));
    if (pf_node_is(value, "new_expression")) return pf_node_text_is(syntax, pf_node_field(value, "constructor"), "Kysely");
    if (!pf_node_is(value, "call_expression")) return false;
    TSNode callee = pf_node_field(value, "function");
    return pf_node_text_is(syntax, callee, "drizzle") || pf_node_text_is(syntax, callee, "knex") ||
           pf_node_text_is(syntax, callee, "Knex");
}

/* Whether an import's source is Drizzle, Kysely or knex. */
static bool imports_foreign_database(const pf_syntax *syntax, TSNode import) {
    pf_str source = pf_node_str(syntax, pf_node_field(import, "source"));
    if (source.len < 2) return false;
    source = pf_str_make(source.ptr + 1, source.len - 2);
    return pf_str_starts_with(source, "drizzle-orm") || pf_str_eq_c(source, "kysely") || pf_str_eq_c(source, "knex");
}

/* Reads what the file binds its database names to, before any call is looked at: a client
 * created further down the file (a class field, a hoisted helper) counts everywhere. */
static void find_bindings(builder *b) {
    const pf_syntax *syntax = b->model->syntax;
    /* Each binding it looks for names one of these in the text: most files name none, and
     * the walk of their whole tree is skipped. */
    static const char *const needles[] = {"PrismaClient", "$extends", "Kysely", "kysely", "drizzle", "knex", "Knex"};
    bool may_bind = false;
    for (size_t i = 0; i < COUNT_OF(needles) && !may_bind; i++)
        may_bind = pf_bytes_contain(syntax->text, syntax->len, needles[i]);
    if (!may_bind) return;
    TSTreeCursor cursor = ts_tree_cursor_new(syntax->root);
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        const char *type = ts_node_type(node);
        if (strcmp(type, "import_statement") == 0) {
            b->foreign_imports |= imports_foreign_database(syntax, node);
            continue;
        }
        bool field = strcmp(type, "public_field_definition") == 0;
        if (!field && strcmp(type, "variable_declarator") != 0) continue;
        TSNode name = pf_node_field(node, "name"), value = pf_node_field(node, "value");
        if (!pf_node_is(name, "identifier") && !pf_node_is(name, "property_identifier")) continue;
        pf_str text = pf_node_str(syntax, name);
        /* A class field is used as `this.name`. */
        if (field) text = pf_str_c(pf_arena_printf(b->arena, "this.%.*s", (int)text.len, text.ptr));
        if (makes_prisma_client(syntax, value, 0)) *PF_VEC_PUSH(b->arena, b->prisma_names) = text;
        else if (makes_foreign_database(syntax, value)) *PF_VEC_PUSH(b->arena, b->foreign_names) = text;
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
}

/* The kind of a recognised operation, from its method name. */
static pf_query_kind kind_of(pf_str op) {
    if (pf_str_eq_c(op, "$transaction")) return PF_QUERY_TRANSACTION;
    if (pf_str_eq_c(op, "$executeRaw") || pf_str_eq_c(op, "$executeRawUnsafe")) return PF_QUERY_RAW_WRITE;
    if (op.len && op.ptr[0] == '$') return PF_QUERY_RAW_READ;
    return in_list(op, write_methods, COUNT_OF(write_methods)) ? PF_QUERY_WRITE : PF_QUERY_READ;
}

/* The widest expression around `call` that still evaluates as this one query. */
static TSNode outer_of(const builder *b, TSNode call) {
    const pf_syntax *syntax = b->model->syntax;
    TSNode current = call;
    for (size_t up = 1;; up++) {
        TSNode parent = ancestor(b, up);
        if (ts_node_is_null(parent)) return current;
        if (pf_node_is(parent, "parenthesized_expression") || pf_node_is(parent, "as_expression") ||
            pf_node_is(parent, "non_null_expression") || pf_node_is(parent, "satisfies_expression") ||
            pf_node_is(parent, "await_expression")) {
            current = parent;
            continue;
        }
        if (pf_node_is(parent, "member_expression") && same_node(pf_node_field(parent, "object"), current)) {
            TSNode property = pf_node_field(parent, "property");
            TSNode grand = ancestor(b, up + 1);
            if ((pf_node_text_is(syntax, property, "catch") || pf_node_text_is(syntax, property, "then") ||
                 pf_node_text_is(syntax, property, "finally")) &&
                pf_node_is(grand, "call_expression") && same_node(pf_node_field(grand, "function"), parent)) {
                current = grand;
                up++;
                continue;
            }
        }
        return current;
    }
}

/* The first argument of a call (comments skipped), or a null node. */
static TSNode first_argument(TSNode call) {
    TSNode args = pf_node_field(call, "arguments");
    if (!pf_node_is(args, "arguments")) return pf_node_null();
    for (uint32_t i = 0; i < pf_node_named_count(args); i++)
        if (!pf_node_is(pf_node_named_child(args, i), "comment")) return pf_node_named_child(args, i);
    return pf_node_null();
}

/* The name a function's parameter `index` binds when it is a plain identifier (`tx`, `tx: T`,
 * `tx = x`), else an empty string; an arrow function's one unparenthesised parameter is index 0. */
static pf_str parameter_name(const pf_syntax *syntax, TSNode fn, uint32_t index) {
    TSNode single = pf_node_field(fn, "parameter");
    TSNode params = pf_node_field(fn, "parameters");
    TSNode pattern = pf_node_null();
    if (!ts_node_is_null(single)) pattern = index == 0 ? single : pf_node_null();
    else if (!ts_node_is_null(params) && index < pf_node_named_count(params))
        pattern = pf_node_field(pf_node_named_child(params, index), "pattern");
    return pf_node_is(pattern, "identifier") ? pf_node_str(syntax, pattern) : pf_str_make("", 0);
}

/* Whether function `fn` declares a parameter named `name` (a plain identifier). */
static bool has_parameter(const pf_syntax *syntax, TSNode fn, pf_str name) {
    TSNode params = pf_node_field(fn, "parameters");
    uint32_t count = ts_node_is_null(params) ? 1 : pf_node_named_count(params);
    for (uint32_t i = 0; i < count; i++)
        if (pf_str_eq(parameter_name(syntax, fn, i), name)) return true;
    return false;
}

/* Records a transaction callback scope for `$transaction(async (tx) => ...)`. */
static void open_transaction_scope(builder *b, TSNode call) {
    TSNode callback = pf_node_unwrap(first_argument(call));
    if (!pf_node_is_function(callback)) return;
    pf_str name = parameter_name(b->model->syntax, callback, 0);
    if (!name.len) return;
    tx_scope *scope = PF_VEC_PUSH(b->arena, b->scopes);
    scope->callback = callback;
    scope->name = name;
}

/* The callee of a call, where tree-sitter-typescript misreads type arguments: it parses
 * `await f<T>(x)` as a call of `await f` (tree-sitter-typescript#282), and recovers
 * a tagged template `f<T>` + template as a tagged call of `f<T>!` with a MISSING `!` (#341).
 * The callee is `f` in both, so that `await db.$queryRaw<T>(...)` and a typed tagged
 * `db.$queryRaw<T>` are the queries they are. No rewrite touches the second: passes decline
 * code next to a syntax error. */
static TSNode callee_of(TSNode call) {
    TSNode function = pf_node_field(call, "function");
    bool typed = !ts_node_is_null(pf_node_field(call, "type_arguments"));
    if (pf_node_is(function, "non_null_expression") && ts_node_has_error(function) &&
        pf_node_is(pf_node_named_child(function, 0), "instantiation_expression")) {
        function = pf_node_named_child(pf_node_named_child(function, 0), 0);
        typed = true;
    }
    if (typed && pf_node_is(function, "await_expression")) return pf_node_unwrap(pf_node_named_child(function, 0));
    return function;
}

/* Recognises `client.delegate.op(...)` and `client.$op(...)` and records the query. */
static void visit_call(builder *b, TSNode call) {
    const pf_syntax *syntax = b->model->syntax;
    TSNode function = callee_of(call);
    if (!pf_node_is(function, "member_expression")) return;
    TSNode property = pf_node_field(function, "property");
    TSNode object = pf_node_field(function, "object");
    if (!pf_node_is(property, "property_identifier")) return;
    pf_str op = pf_node_str(syntax, property);
    TSNode receiver;
    pf_str delegate = pf_str_make("", 0);
    if (pf_is_client_method(op)) {
        /* `$transaction`, `$queryRaw`, ...: Prisma's own names, whatever the client is called. */
        receiver = object;
        if (is_foreign(b, receiver)) return;
    } else if (pf_is_model_method(op) && pf_node_is(object, "member_expression")) {
        TSNode delegate_node = pf_node_field(object, "property");
        if (!pf_node_is(delegate_node, "property_identifier")) return;
        receiver = pf_node_field(object, "object");
        delegate = pf_node_str(syntax, delegate_node);
        bool known_model = b->model->schema && pf_schema_model_by_delegate(b->model->schema, delegate);
        if (is_foreign(b, receiver) || (!known_model && !is_client(b, receiver, call))) return;
    } else {
        return;
    }
    pf_query *q = PF_VEC_PUSH(b->arena, b->model->queries);
    q->call = call;
    q->outer = outer_of(b, call);
    q->client = pf_node_str(syntax, receiver);
    q->delegate = delegate;
    q->op = op;
    q->args = pf_node_field(call, "arguments");
    TSNode arg = pf_node_unwrap(first_argument(call));
    q->arg_object = pf_node_is(arg, "object") ? arg : pf_node_null();
    q->kind = kind_of(op);
    q->transaction = -1;
    if (q->kind == PF_QUERY_TRANSACTION) open_transaction_scope(b, call);
}

/* Recognises `Promise.all(...)` (and allSettled/race/any) and records the group. */
static void visit_group(builder *b, TSNode call) {
    const pf_syntax *syntax = b->model->syntax;
    TSNode function = pf_node_field(call, "function");
    if (!pf_node_is(function, "member_expression")) return;
    if (!pf_node_text_is(syntax, pf_node_field(function, "object"), "Promise")) return;
    TSNode property = pf_node_field(function, "property");
    if (!pf_node_text_is(syntax, property, "all") && !pf_node_text_is(syntax, property, "allSettled") &&
        !pf_node_text_is(syntax, property, "race") && !pf_node_text_is(syntax, property, "any"))
        return;
    pf_group *g = PF_VEC_PUSH(b->arena, b->model->groups);
    g->call = call;
    g->method = pf_node_str(syntax, property);
    g->argument = pf_node_unwrap(first_argument(call));
    g->parent_group = -1;
    g->shape = PF_GROUP_OTHER;
    if (pf_node_is(g->argument, "array")) {
        g->shape = PF_GROUP_ARRAY;
    } else if (pf_node_is(g->argument, "call_expression")) {
        TSNode map = pf_node_field(g->argument, "function");
        if (pf_node_is(map, "member_expression") &&
            pf_node_text_is(syntax, pf_node_field(map, "property"), "map")) {
            g->shape = PF_GROUP_MAP;
            g->mapped = pf_node_field(map, "object");
            TSNode callback = pf_node_unwrap(first_argument(g->argument));
            g->callback = pf_node_is_function(callback) ? callback : pf_node_null();
        } else if (pf_node_text_is(syntax, map, "Array.from")) {
            /* `Array.from(xs, cb)` maps like `xs.map(cb)` (`Array.from({ length: 12 }, (_, i) => ...)`). */
            TSNode args = pf_node_field(g->argument, "arguments");
            TSNode callback = pf_node_named_count(args) == 2 ? pf_node_unwrap(pf_node_named_child(args, 1))
                                                                   : pf_node_null();
            if (pf_node_is_function(callback)) {
                g->shape = PF_GROUP_MAP;
                g->mapped = pf_node_named_child(args, 0);
                g->callback = callback;
            }
        }
    }
}

/* The name a function is known by: its own, or that of what it is assigned to (looking
 * through wrappers, so `export const GET = withAuth(async () => ...)` names the arrow GET). */
static pf_str function_name(const builder *b, TSNode fn) {
    const pf_syntax *syntax = b->model->syntax;
    TSNode name = pf_node_field(fn, "name");
    if (!ts_node_is_null(name)) return pf_node_str(syntax, name);
    for (size_t depth = 0; depth < 8; depth++) {
        TSNode parent = ancestor(b, depth + 1);
        if (ts_node_is_null(parent)) break;
        if (pf_node_is(parent, "variable_declarator") || pf_node_is(parent, "public_field_definition"))
            return pf_node_str(syntax, pf_node_field(parent, "name"));
        if (pf_node_is(parent, "pair")) return pf_node_str(syntax, pf_node_field(parent, "key"));
        if (pf_node_is(parent, "assignment_expression"))
            return pf_node_str(syntax, pf_node_field(parent, "left"));
        if (!pf_node_is(parent, "arguments") && !pf_node_is(parent, "call_expression") &&
            !pf_node_is(parent, "parenthesized_expression"))
            break;
    }
    return pf_str_make("", 0);
}

/* Whether a function is declared `async` (the keyword precedes its first named child). */
static bool has_async_keyword(TSNode fn) {
    uint32_t n = pf_node_child_count(fn);
    for (uint32_t i = 0; i < n; i++) {
        TSNode child = pf_node_child(fn, i);
        if (pf_node_is(child, "async")) return true;
        if (ts_node_is_named(child)) break;
    }
    return false;
}

/* Records a function and makes it the owner of what is found inside it. */
static void visit_function(builder *b, TSNode fn) {
    int index = (int)b->model->functions.len;
    pf_function *f = PF_VEC_PUSH(b->arena, b->model->functions);
    f->node = fn;
    f->name = function_name(b, fn);
    f->parent = b->function_stack.len ? b->function_stack.items[b->function_stack.len - 1] : -1;
    f->handler = -1;
    f->is_async = has_async_keyword(fn);
    *PF_VEC_PUSH(b->arena, b->function_stack) = index;
}

/* The value of an integer literal (optionally negated); `*ok` is cleared for anything else. */
static long numeric_literal(const pf_syntax *syntax, TSNode node, bool *ok) {
    node = pf_node_unwrap(node);
    bool negative = false;
    if (pf_node_is(node, "unary_expression") && pf_node_text_is(syntax, pf_node_field(node, "operator"), "-")) {
        negative = true;
        node = pf_node_field(node, "argument");
    }
    if (!pf_node_is(node, "number")) return *ok = false, 0;
    pf_str text = pf_node_str(syntax, node);
    char digits[24];
    if (text.len == 0 || text.len >= sizeof(digits)) return *ok = false, 0;
    for (size_t i = 0; i < text.len; i++)
        if (text.ptr[i] < '0' || text.ptr[i] > '9') return *ok = false, 0;
    memcpy(digits, text.ptr, text.len);
    digits[text.len] = '\0';
    long value = strtol(digits, NULL, 10);
    /* Larger bounds are not loop counts worth reading, and would let `i += step` overflow. */
    if (value > 1000000000000L) return *ok = false, 0;
    return negative ? -value : value;
}

/* Reads `for (let i = A; i OP B; i++ / i-- / i += k / i -= k)` with integer literals and
 * returns its trip count, or -1 when the loop does not have that shape. */
static long for_trip_count(const pf_syntax *syntax, TSNode loop) {
    TSNode init = pf_node_field(loop, "initializer");
    TSNode cond = pf_node_field(loop, "condition");
    TSNode incr = pf_node_field(loop, "increment");
    if (!pf_node_is(init, "lexical_declaration") && !pf_node_is(init, "variable_declaration")) return -1;
    TSNode decl = pf_node_child_of_type(init, "variable_declarator");
    TSNode var = pf_node_field(decl, "name");
    if (!pf_node_is(var, "identifier")) return -1;
    pf_str name = pf_node_str(syntax, var);
    bool ok = true;
    long start = numeric_literal(syntax, pf_node_field(decl, "value"), &ok);
    if (pf_node_is(cond, "expression_statement")) cond = pf_node_named_child(cond, 0);
    if (!ok || !pf_node_is(cond, "binary_expression")) return -1;
    TSNode left = pf_node_field(cond, "left"), right = pf_node_field(cond, "right");
    pf_str op = pf_node_str(syntax, pf_node_field(cond, "operator"));
    bool var_left = pf_str_eq(pf_node_str(syntax, left), name);
    if (!var_left && !pf_str_eq(pf_node_str(syntax, right), name)) return -1;
    long bound = numeric_literal(syntax, var_left ? right : left, &ok);
    if (!ok) return -1;

    long step;
    if (pf_node_is(incr, "update_expression")) {
        if (!pf_str_eq(pf_node_str(syntax, pf_node_field(incr, "argument")), name)) return -1;
        step = pf_str_eq_c(pf_node_str(syntax, pf_node_field(incr, "operator")), "++") ? 1 : -1;
    } else if (pf_node_is(incr, "augmented_assignment_expression")) {
        if (!pf_str_eq(pf_node_str(syntax, pf_node_field(incr, "left")), name)) return -1;
        pf_str aop = pf_node_str(syntax, pf_node_field(incr, "operator"));
        step = numeric_literal(syntax, pf_node_field(incr, "right"), &ok);
        if (!ok || step == 0) return -1;
        if (pf_str_eq_c(aop, "-=")) step = -step;
        else if (!pf_str_eq_c(aop, "+=")) return -1;
    } else {
        return -1;
    }
    /* Run the loop header: exact for literals, and cheap for any count worth reporting. */
    long trips = 0;
    for (long i = start; trips <= 100000; i += step) {
        long lhs = var_left ? i : bound, rhs = var_left ? bound : i;
        bool go = pf_str_eq_c(op, "<")    ? lhs < rhs
                  : pf_str_eq_c(op, "<=") ? lhs <= rhs
                  : pf_str_eq_c(op, ">")  ? lhs > rhs
                  : pf_str_eq_c(op, ">=") ? lhs >= rhs
                  : pf_str_eq_c(op, "!=") || pf_str_eq_c(op, "!==") ? lhs != rhs
                                                                   : false;
        if (!go) return trips;
        trips++;
    }
    return -1;
}

/* Records a loop with its static trip count when one can be read. */
static void visit_loop(builder *b, TSNode node) {
    pf_loop *loop = PF_VEC_PUSH(b->arena, b->model->loops);
    loop->node = node;
    loop->function = b->function_stack.len ? b->function_stack.items[b->function_stack.len - 1] : -1;
    loop->trips = -1;
    if (pf_node_is(node, "for_statement")) {
        loop->trips = for_trip_count(b->model->syntax, node);
    } else if (pf_node_is(node, "for_in_statement")) {
        TSNode op = pf_node_field(node, "operator");
        if (pf_node_text_is(b->model->syntax, op, "of"))
            loop->trips = pf_model_array_length(b->model, pf_node_field(node, "right"));
    }
}

bool pf_model_append_callee(const pf_syntax *syntax, TSNode node, pf_buf *out) {
    if (pf_node_is(node, "identifier") || pf_node_is(node, "this")) {
        pf_str name = pf_node_str(syntax, node);
        pf_buf_append(out, name.ptr, name.len);
        return true;
    }
    if (!pf_node_is(node, "member_expression")) return false;
    TSNode property = pf_node_field(node, "property");
    if (!pf_node_is(property, "property_identifier") || !pf_model_append_callee(syntax, pf_node_field(node, "object"), out))
        return false;
    pf_str name = pf_node_str(syntax, property);
    pf_buf_putc(out, '.');
    pf_buf_append(out, name.ptr, name.len);
    return true;
}

/* Whether `node` is an identifier, `this`, or a member chain of property names down to one. */
static bool is_name_chain(TSNode node) {
    while (pf_node_is(node, "member_expression")) {
        if (!pf_node_is(pf_node_field(node, "property"), "property_identifier")) return false;
        node = pf_node_field(node, "object");
    }
    return pf_node_is(node, "identifier") || pf_node_is(node, "this");
}

/* Records a call of a named function: one that is neither a query nor a Promise.all. Globals
 * that never reach the database are left out to keep the list short. */
static void visit_named_call(builder *b, TSNode call) {
    static const char *const globals[] = {"Promise", "console", "JSON", "Math", "Object", "Array", "Number",
                                          "String", "Date", "Symbol", "Reflect", "Boolean", "BigInt"};
    pf_model *model = b->model;
    TSNode callee = callee_of(call);
    TSNode root = callee;
    while (pf_node_is(root, "member_expression")) root = pf_node_field(root, "object");
    pf_str root_name = pf_node_str(model->syntax, root);
    for (size_t i = 0; i < sizeof(globals) / sizeof(*globals); i++)
        if (pf_str_eq_c(root_name, globals[i])) return;
    pf_str written = pf_node_str(model->syntax, callee);
    bool plain = true; /* no space, comment or `?.` to leave out: the text is the name */
    for (size_t i = 0; i < written.len && plain; i++) {
        char c = written.ptr[i];
        plain = c == '.' || c == '_' || c == '$' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80;
    }
    if (!is_name_chain(callee)) return;
    pf_call *c = PF_VEC_PUSH(b->arena, model->calls);
    c->call = call;
    c->callee = written;
    c->function = b->function_stack.len ? b->function_stack.items[b->function_stack.len - 1] : -1;
    c->transaction = -1;
    if (!plain) {
        pf_buf text = PF_BUF_INIT;
        pf_model_append_callee(model->syntax, callee, &text);
        c->callee = pf_str_make(pf_arena_strndup(b->arena, text.data, text.len), text.len);
        pf_buf_free(&text);
    }
}

/* Notes the function a call gives to `.map`, `.forEach` or `.flatMap` as its first argument:
 * it runs once per element (see pf_model_callback_kind). */
static void visit_fanout(builder *b, TSNode call) {
    TSNode callee = pf_node_field(call, "function");
    if (!pf_node_is(callee, "member_expression")) return;
    TSNode method = pf_node_field(callee, "property");
    const pf_syntax *syntax = b->model->syntax;
    if (!pf_node_text_is(syntax, method, "map") && !pf_node_text_is(syntax, method, "forEach") &&
        !pf_node_text_is(syntax, method, "flatMap"))
        return;
    TSNode args = pf_node_field(call, "arguments");
    TSNode first = pf_node_named_count(args) ? pf_node_unwrap(pf_node_named_child(args, 0)) : pf_node_null();
    if (!pf_node_is_function(first)) return;
    *PF_VEC_PUSH(b->arena, b->fanout_callbacks) = first;
    *PF_VEC_PUSH(b->arena, b->fanout_receivers) = pf_node_field(callee, "object");
}

/* Dispatches one node of the walk to the recognisers. */
static void visit(builder *b, TSNode node) {
    const char *type = ts_node_type(node);
    if (pf_node_is_function(node)) {
        visit_function(b, node);
    } else if (strcmp(type, "call_expression") == 0) {
        size_t queries = b->model->queries.len, groups = b->model->groups.len;
        visit_call(b, node);
        visit_group(b, node);
        if (b->model->queries.len == queries && b->model->groups.len == groups) visit_named_call(b, node);
        visit_fanout(b, node);
    } else if (strcmp(type, "switch_statement") == 0 ||
               (strcmp(type, "if_statement") == 0 && !ts_node_is_null(pf_node_field(node, "alternative")))) {
        pf_branch *branch = PF_VEC_PUSH(b->arena, b->model->branches);
        branch->node = node;
        branch->function = b->function_stack.len ? b->function_stack.items[b->function_stack.len - 1] : -1;
    } else if (strcmp(type, "for_statement") == 0 || strcmp(type, "for_in_statement") == 0 ||
               strcmp(type, "while_statement") == 0 || strcmp(type, "do_statement") == 0) {
        visit_loop(b, node);
    }
}

/* Leaves a node: closes the function it opened, if any. */
static void leave(builder *b, TSNode node) {
    if (!b->function_stack.len) return;
    int top = b->function_stack.items[b->function_stack.len - 1];
    if (same_node(b->model->functions.items[top].node, node)) b->function_stack.len--;
}

/* Walks the whole tree in source order without recursion (minified files nest deeply). */
static void walk(builder *b, TSNode root) {
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (ts_node_is_named(node)) visit(b, node);
        if (ts_tree_cursor_goto_first_child(&cursor)) {
            *PF_VEC_PUSH(b->arena, b->ancestors) = node;
            continue;
        }
        for (;;) {
            leave(b, ts_tree_cursor_current_node(&cursor));
            if (ts_tree_cursor_goto_next_sibling(&cursor)) break;
            if (!ts_tree_cursor_goto_parent(&cursor)) {
                ts_tree_cursor_delete(&cursor);
                return;
            }
            b->ancestors.len--;
        }
    }
}

/* Defined with the other lookups below. */
static const pf_function *function_at(const pf_model *model, TSNode node);

/* Index of the function whose node is exactly `node`, or -1. */
static int function_index(const pf_model *model, TSNode node) {
    const pf_function *f = function_at(model, node);
    return f ? (int)(f - model->functions.items) : -1;
}

/* A top-level declaration of `name`: a function declaration or the value of a variable. */
static TSNode top_level_binding(const pf_model *model, pf_str name) {
    TSNode declaration = pf_top_level_declaration(model->syntax, name);
    return pf_node_is(declaration, "variable_declarator") ? pf_node_field(declaration, "value") : declaration;
}

/* The function an exported value runs: the function itself, the function a wrapper such
 * as `withAuth(fn)` is given, or the same-file function a name refers to. -1 if none. */
static int resolve_handler_function(const pf_model *model, TSNode value, int depth) {
    value = pf_node_unwrap(value);
    if (ts_node_is_null(value) || depth > 8) return -1;
    if (pf_node_is_function(value)) return function_index(model, value);
    if (pf_node_is(value, "identifier"))
        return resolve_handler_function(model, top_level_binding(model, pf_node_str(model->syntax, value)),
                                        depth + 1);
    if (pf_node_is(value, "call_expression")) {
        TSNode args = pf_node_field(value, "arguments");
        uint32_t n = pf_node_named_count(args);
        for (uint32_t i = 0; i < n; i++) {
            int fn = resolve_handler_function(model, pf_node_named_child(args, i), depth + 1);
            if (fn >= 0) return fn;
        }
    }
    return -1;
}

/* Marks a function as the handler of `method` (once: a re-export does not add a second). */
static void add_handler(builder *b, int function, const char *method) {
    if (function < 0) return;
    pf_function *f = &b->model->functions.items[function];
    if (f->handler >= 0) return;
    f->handler = (int)b->model->handlers.len;
    pf_handler *h = PF_VEC_PUSH(b->arena, b->model->handlers);
    h->function = function;
    h->method = method;
}

int pf_model_function_named(const pf_model *model, pf_str name) {
    TSNode binding = pf_node_unwrap(top_level_binding(model, name));
    return pf_node_is_function(binding) ? function_index(model, binding) : -1;
}

/* Records an App Router export named like an HTTP method. */
static void add_method_export(builder *b, pf_str name, TSNode value) {
    if (!pf_is_http_method(name.ptr, name.len)) return;
    add_handler(b, resolve_handler_function(b->model, value, 0), pf_arena_strndup(b->arena, name.ptr, name.len));
}

/* Finds the route handlers among the file's exports. */
static void find_handlers(builder *b) {
    pf_model *model = b->model;
    const pf_syntax *syntax = model->syntax;
    if (model->router == PF_ROUTER_NONE) return;
    uint32_t n = pf_node_named_count(syntax->root);
    for (uint32_t i = 0; i < n; i++) {
        TSNode stmt = pf_node_named_child(syntax->root, i);
        if (!pf_node_is(stmt, "export_statement")) continue;
        TSNode decl = pf_node_field(stmt, "declaration");
        TSNode value = pf_node_field(stmt, "value");
        bool is_default = false;
        for (uint32_t k = 0; k < pf_node_child_count(stmt); k++)
            if (pf_node_is(pf_node_child(stmt, k), "default")) is_default = true;
        if (model->router == PF_ROUTER_PAGES) {
            if (is_default) add_handler(b, resolve_handler_function(model, ts_node_is_null(decl) ? value : decl, 0), "ALL");
            continue;
        }
        if (pf_node_is(decl, "function_declaration")) {
            add_method_export(b, pf_node_str(syntax, pf_node_field(decl, "name")), decl);
        } else if (pf_node_is(decl, "lexical_declaration") || pf_node_is(decl, "variable_declaration")) {
            for (uint32_t k = 0; k < pf_node_named_count(decl); k++) {
                TSNode d = pf_node_named_child(decl, k);
                if (pf_node_is(d, "variable_declarator"))
                    add_method_export(b, pf_node_str(syntax, pf_node_field(d, "name")), pf_node_field(d, "value"));
            }
        } else {
            TSNode clause = pf_node_child_of_type(stmt, "export_clause");
            for (uint32_t k = 0; !ts_node_is_null(clause) && k < pf_node_named_count(clause); k++) {
                TSNode spec = pf_node_named_child(clause, k);
                TSNode local = pf_node_field(spec, "name"), alias = pf_node_field(spec, "alias");
                add_method_export(b, pf_node_str(syntax, ts_node_is_null(alias) ? local : alias), local);
            }
        }
    }
}

/* Links nested groups to the group whose array holds them, and transaction members to
 * their $transaction. */
static void link_nesting(pf_model *model) {
    for (size_t i = 0; i < model->groups.len; i++) {
        pf_group *outer = &model->groups.items[i];
        if (outer->shape != PF_GROUP_ARRAY) continue;
        uint32_t n = pf_node_named_count(outer->argument);
        for (uint32_t k = 0; k < n; k++) {
            TSNode element = pf_model_peel(model, pf_node_named_child(outer->argument, k));
            for (size_t j = i + 1; j < model->groups.len; j++)
                if (same_node(model->groups.items[j].call, element)) model->groups.items[j].parent_group = (int)i;
        }
    }
    for (size_t i = 0; i < model->queries.len; i++) {
        pf_query *tx = &model->queries.items[i];
        if (tx->kind != PF_QUERY_TRANSACTION) continue;
        TSNode arg = pf_node_unwrap(first_argument(tx->call));
        bool callback = pf_node_is_function(arg);
        for (size_t j = i + 1; j < model->queries.len; j++) {
            pf_query *q = &model->queries.items[j];
            if (!pf_node_contains(tx->args, q->call)) continue;
            q->transaction = (int)i;
            q->in_callback = callback;
        }
        for (size_t j = 0; j < model->calls.len; j++)
            if (pf_node_contains(tx->args, model->calls.items[j].call)) model->calls.items[j].transaction = (int)i;
    }
}

/* The index of the function whose node is exactly `node`, or -1. */
static int function_exactly(const pf_model *model, TSNode node) {
    int fn = pf_model_function_of(model, node);
    return fn >= 0 && ts_node_eq(model->functions.items[fn].node, node) ? fn : -1;
}

/* Records the innermost function of each query and group, and how each function runs
 * (inline, or as a callback): the analysis asks for both for every unit of every scope.
 * Callbacks are found from the calls that take them, without walking up the tree. */
static void place_in_functions(builder *b) {
    pf_model *model = b->model;
    for (size_t i = 0; i < model->queries.len; i++)
        model->queries.items[i].function = pf_model_function_of(model, model->queries.items[i].call);
    for (size_t i = 0; i < model->groups.len; i++)
        model->groups.items[i].function = pf_model_function_of(model, model->groups.items[i].call);
    for (size_t i = 0; i < b->fanout_callbacks.len; i++) {
        int fn = function_exactly(model, b->fanout_callbacks.items[i]);
        if (fn < 0) continue;
        model->functions.items[fn].callback = PF_CALLBACK_FANOUT;
        model->functions.items[fn].receiver = b->fanout_receivers.items[i];
    }
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (q->kind != PF_QUERY_TRANSACTION || !pf_node_is(q->args, "arguments")) continue;
        for (uint32_t k = 0; k < pf_node_named_count(q->args); k++) {
            int fn = function_exactly(model, pf_node_unwrap(pf_node_named_child(q->args, k)));
            if (fn >= 0) model->functions.items[fn].callback = PF_CALLBACK_TRANSACTION;
        }
    }
}

void pf_model_build(pf_model *model, pf_arena *arena, const pf_syntax *syntax, const char *path,
                    const pf_client_names *clients, const pf_schema *schema) {
    memset(model, 0, sizeof(*model));
    model->syntax = syntax;
    model->path = path;
    model->schema = schema;
    model->route = pf_route_for_path(arena, path, &model->router);
    builder b = {0};
    b.model = model;
    b.arena = arena;
    b.clients = clients;
    find_bindings(&b);
    walk(&b, syntax->root);
    find_handlers(&b);
    link_nesting(model);
    place_in_functions(&b);
}

/* Binary search over items sorted by start byte for the one whose `field` node equals `node`. */
#define FIND_BY_NODE(vec, field, node)                                                        \
    do {                                                                                      \
        uint32_t start_ = ts_node_start_byte(node);                                           \
        size_t lo_ = 0, hi_ = (vec).len;                                                      \
        while (lo_ < hi_) {                                                                   \
            size_t mid_ = (lo_ + hi_) / 2;                                                    \
            if (ts_node_start_byte((vec).items[mid_].field) < start_) lo_ = mid_ + 1;        \
            else hi_ = mid_;                                                                  \
        }                                                                                     \
        for (size_t i_ = lo_; i_ < (vec).len; i_++) {                                         \
            if (ts_node_start_byte((vec).items[i_].field) != start_) break;                  \
            if (same_node((vec).items[i_].field, node)) return &(vec).items[i_];             \
        }                                                                                     \
        return NULL;                                                                          \
    } while (0)

/* The function whose node is exactly `node`, or NULL. */
static const pf_function *function_at(const pf_model *model, TSNode node) {
    FIND_BY_NODE(model->functions, node, node);
}

const pf_call *pf_model_call_at(const pf_model *model, TSNode node) {
    if (!pf_node_is(node, "call_expression")) return NULL;
    FIND_BY_NODE(model->calls, call, node);
}

const pf_query *pf_model_query_at(const pf_model *model, TSNode node) {
    if (!pf_node_is(node, "call_expression")) return NULL;
    FIND_BY_NODE(model->queries, call, node);
}

const pf_group *pf_model_group_at(const pf_model *model, TSNode node) {
    if (!pf_node_is(node, "call_expression")) return NULL;
    FIND_BY_NODE(model->groups, call, node);
}

TSNode pf_model_peel(const pf_model *model, TSNode expr) {
    const pf_syntax *syntax = model->syntax;
    for (;;) {
        expr = pf_node_unwrap(expr);
        if (pf_node_is(expr, "await_expression")) {
            expr = pf_node_named_child(expr, 0);
            continue;
        }
        if (pf_node_is(expr, "call_expression")) {
            TSNode function = pf_node_field(expr, "function");
            if (pf_node_is(function, "member_expression")) {
                TSNode property = pf_node_field(function, "property");
                if (pf_node_text_is(syntax, property, "catch") || pf_node_text_is(syntax, property, "then") ||
                    pf_node_text_is(syntax, property, "finally")) {
                    expr = pf_node_field(function, "object");
                    continue;
                }
            }
        }
        return expr;
    }
}

TSNode pf_model_parameter_named(const pf_model *model, TSNode use) {
    int fn = pf_model_function_of(model, use);
    TSNode params = fn >= 0 ? pf_node_field(model->functions.items[fn].node, "parameters") : pf_node_null();
    pf_str name = pf_node_str(model->syntax, use);
    for (uint32_t i = 0; !ts_node_is_null(params) && i < pf_node_named_count(params); i++) {
        TSNode param = pf_node_named_child(params, i);
        if (pf_str_eq(pf_node_str(model->syntax, pf_node_field(param, "pattern")), name)) return param;
    }
    return pf_node_null();
}

const pf_query *pf_model_plain_query(const pf_model *model, TSNode expr) {
    expr = pf_node_skip_parentheses(expr);
    if (pf_node_is(expr, "await_expression")) expr = pf_node_skip_parentheses(pf_node_named_child(expr, 0));
    return pf_model_query_at(model, expr);
}

int pf_model_function_of(const pf_model *model, TSNode node) {
    /* The last function starting at or before the node; the innermost one holding the node
     * is that one or one of its ancestors (functions nest). */
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    size_t lo = 0, hi = model->functions.len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ts_node_start_byte(model->functions.items[mid].node) <= start) lo = mid + 1;
        else hi = mid;
    }
    int found = (int)lo - 1;
    while (found >= 0 && ts_node_end_byte(model->functions.items[found].node) < end)
        found = model->functions.items[found].parent;
    return found;
}

int pf_model_handler_of(const pf_model *model, TSNode node) {
    for (int f = pf_model_function_of(model, node); f >= 0; f = model->functions.items[f].parent)
        if (model->functions.items[f].handler >= 0) return model->functions.items[f].handler;
    return -1;
}

int pf_model_owner_of(const pf_model *model, TSNode node) {
    int owner = -1;
    for (int f = pf_model_function_of(model, node); f >= 0; f = model->functions.items[f].parent) {
        const pf_function *fn = &model->functions.items[f];
        if (fn->handler >= 0) return f;
        if (fn->name.len) owner = f;
    }
    return owner;
}

/* The value a `const` name is bound to in a scope around `use`, or a null node; `*scope_out`
 * (when given) is the block or program that holds the declaration. */
static TSNode const_binding_in(const pf_model *model, TSNode use, TSNode *scope_out) {
    pf_str name = pf_node_str(model->syntax, use);
    TSNode up[PF_ANCESTORS_MAX];
    for (size_t s = pf_node_ancestors(use, up, PF_ANCESTORS_MAX); s-- > 0;) {
        TSNode scope = up[s];
        if (!pf_node_is(scope, "statement_block") && !pf_node_is(scope, "program")) continue;
        /* A cursor over the statements: taking them by index starts from the first each time. */
        pf_walk walk;
        pf_walk_begin(&walk, scope);
        for (bool more = pf_walk_next(&walk, true); more; more = pf_walk_next(&walk, false)) {
            TSNode stmt = pf_walk_node(&walk);
            if (pf_node_is(stmt, "export_statement")) stmt = pf_node_field(stmt, "declaration");
            if (!pf_node_is(stmt, "lexical_declaration") ||
                !pf_node_text_is(model->syntax, pf_node_field(stmt, "kind"), "const"))
                continue;
            for (uint32_t k = 0; k < pf_node_named_count(stmt); k++) {
                TSNode decl = pf_node_named_child(stmt, k);
                if (!pf_node_is(decl, "variable_declarator") ||
                    !pf_str_eq(pf_node_str(model->syntax, pf_node_field(decl, "name")), name))
                    continue;
                if (scope_out) *scope_out = scope;
                pf_walk_end(&walk);
                return pf_node_unwrap(pf_node_field(decl, "value"));
            }
        }
        pf_walk_end(&walk);
    }
    return pf_node_null();
}

static TSNode const_binding(const pf_model *model, TSNode use) {
    return const_binding_in(model, use, NULL);
}

/* Whether a use of an array's name changes the array: a call of a method that changes it in
 * place (`push`, `splice`, `sort`, ...), or an assignment to its length or to an element. (An
 * array passed to a function is taken to be read, not filled.) */
static bool use_changes_array(const pf_syntax *syntax, TSNode use) {
    static const char *const changers[] = {"push", "unshift", "splice", "pop", "shift", "sort", "reverse", "fill",
                                           "copyWithin", "length"};
    TSNode parent = ts_node_parent(use);
    if (pf_node_is(parent, "member_expression") && ts_node_eq(pf_node_field(parent, "object"), use)) {
        pf_str property = pf_node_str(syntax, pf_node_field(parent, "property"));
        for (size_t i = 0; i < COUNT_OF(changers); i++)
            if (pf_str_eq_c(property, changers[i])) {
                TSNode up = ts_node_parent(parent);
                if (pf_str_eq_c(property, "length"))
                    return (pf_node_is(up, "assignment_expression") || pf_node_is(up, "augmented_assignment_expression")) &&
                           ts_node_eq(pf_node_field(up, "left"), parent);
                return true;
            }
        return false;
    }
    if (pf_node_is(parent, "subscript_expression") && ts_node_eq(pf_node_field(parent, "object"), use)) {
        TSNode up = ts_node_parent(parent);
        return (pf_node_is(up, "assignment_expression") || pf_node_is(up, "augmented_assignment_expression")) &&
               ts_node_eq(pf_node_field(up, "left"), parent);
    }
    return false;
}

/* Whether the array bound to `name` in `scope` may change after its declaration `value`. */
static bool array_changes(const pf_syntax *syntax, TSNode scope, TSNode value, pf_str name) {
    bool changes = false;
    TSTreeCursor cursor = ts_tree_cursor_new(scope);
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(node, "identifier") || !pf_str_eq(pf_node_str(syntax, node), name)) continue;
        if (pf_node_contains(value, node)) continue;
        if (use_changes_array(syntax, node)) {
            changes = true;
            break;
        }
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return changes;
}

/* The array literal a `const` name is bound to, when nothing changes the array afterwards
 * (`const dates = []` filled by `dates.push(...)` is no literal); a null node otherwise. */
static TSNode const_array_binding(const pf_model *model, TSNode use) {
    TSNode scope = pf_node_null();
    TSNode value = const_binding_in(model, use, &scope);
    if (!pf_node_is(value, "array")) return value;
    return array_changes(model->syntax, scope, value, pf_node_str(model->syntax, use)) ? pf_node_null() : value;
}

TSNode pf_model_array_literal(const pf_model *model, TSNode expr) {
    expr = pf_node_unwrap(expr);
    if (pf_node_is(expr, "identifier")) expr = const_array_binding(model, expr);
    return pf_node_is(expr, "array") ? expr : pf_node_null();
}

/* A count written as a number literal or a `const` bound to one; -1 otherwise. */
static long count_value(const pf_model *model, TSNode expr) {
    expr = pf_node_unwrap(expr);
    if (pf_node_is(expr, "identifier")) expr = const_binding(model, expr);
    bool ok = true;
    long value = numeric_literal(model->syntax, expr, &ok);
    return ok && value >= 0 ? value : -1;
}

/* The `index`th argument of a call (comments skipped), or a null node. */
static TSNode nth_argument(TSNode call, uint32_t index) {
    TSNode args = pf_node_field(call, "arguments");
    uint32_t seen = 0;
    for (uint32_t i = 0; pf_node_is(args, "arguments") && i < pf_node_named_count(args); i++) {
        TSNode arg = pf_node_named_child(args, i);
        if (pf_node_is(arg, "comment")) continue;
        if (seen++ == index) return arg;
    }
    return pf_node_null();
}

/* For `xs.slice(a, b)`: b - a when both are counts, k for `slice(i, i + k)`; -1 otherwise. */
static long slice_span(const pf_model *model, TSNode call) {
    TSNode from = pf_node_unwrap(nth_argument(call, 0)), to = pf_node_unwrap(nth_argument(call, 1));
    long a = count_value(model, from), b = count_value(model, to);
    if (a >= 0 && b >= 0) return b > a ? b - a : 0;
    if (!pf_node_is(to, "binary_expression") || !pf_node_text_is(model->syntax, pf_node_field(to, "operator"), "+"))
        return -1;
    pf_str start = pf_node_str(model->syntax, from);
    TSNode left = pf_node_field(to, "left"), right = pf_node_field(to, "right");
    if (pf_str_eq(pf_node_str(model->syntax, left), start)) return count_value(model, right);
    if (pf_str_eq(pf_node_str(model->syntax, right), start)) return count_value(model, left);
    return -1;
}

/* Whether a callee is a chunking helper (`chunk`, `_.chunk`, `chunkArray`, `toChunks`). */
static bool is_chunker(const pf_syntax *syntax, TSNode callee) {
    if (pf_node_is(callee, "member_expression")) callee = pf_node_field(callee, "property");
    pf_str name = pf_node_str(syntax, callee);
    for (size_t i = 0; i + 5 <= name.len; i++)
        if ((name.ptr[i] | 32) == 'c' && strncmp(name.ptr + i + 1, "hunk", 4) == 0) return true;
    return false;
}

/* The size of each piece when `expr` is the variable of a for-of loop over `chunk(xs, k)`;
 * -1 otherwise. */
static long chunk_size(const pf_model *model, TSNode expr) {
    pf_str name = pf_node_str(model->syntax, expr);
    for (TSNode n = ts_node_parent(expr); !ts_node_is_null(n); n = ts_node_parent(n)) {
        if (!pf_node_is(n, "for_in_statement")) continue;
        if (!pf_str_eq(pf_node_str(model->syntax, pf_node_field(n, "left")), name)) continue;
        TSNode right = pf_node_unwrap(pf_node_field(n, "right"));
        if (!pf_node_is(right, "call_expression") || !is_chunker(model->syntax, pf_node_field(right, "function")))
            return -1;
        return count_value(model, nth_argument(right, 1));
    }
    return -1;
}

/* pf_model_array_length, `depth` levels into the expression. */
static long length_bound(const pf_model *model, TSNode expr, int depth) {
    const pf_syntax *syntax = model->syntax;
    expr = pf_node_unwrap(expr);
    if (ts_node_is_null(expr) || depth > 8) return -1;
    if (pf_node_is(expr, "identifier")) {
        TSNode scope = pf_node_null();
        TSNode value = const_binding_in(model, expr, &scope);
        if (pf_node_is(value, "array") && array_changes(syntax, scope, value, pf_node_str(syntax, expr))) return -1;
        return ts_node_is_null(value) ? chunk_size(model, expr) : length_bound(model, value, depth + 1);
    }
    if (pf_node_is(expr, "array")) {
        long count = 0;
        for (uint32_t i = 0; i < pf_node_named_count(expr); i++) {
            TSNode element = pf_node_named_child(expr, i);
            if (pf_node_is(element, "comment")) continue;
            long each = pf_node_is(element, "spread_element")
                            ? length_bound(model, pf_node_named_child(element, 0), depth + 1)
                            : 1;
            if (each < 0) return -1;
            count += each;
        }
        return count;
    }
    if (pf_node_is(expr, "object")) {
        /* An array-like `{ length: k }`, as Array.from reads it. */
        for (uint32_t i = 0; i < pf_node_named_count(expr); i++) {
            TSNode pair = pf_node_named_child(expr, i);
            if (pf_node_is(pair, "pair") && pf_node_text_is(syntax, pf_node_field(pair, "key"), "length"))
                return count_value(model, pf_node_field(pair, "value"));
        }
        return -1;
    }
    if (pf_node_is(expr, "new_expression") && pf_node_text_is(syntax, pf_node_field(expr, "constructor"), "Array"))
        return count_value(model, nth_argument(expr, 0));
    if (!pf_node_is(expr, "call_expression")) return -1;
    TSNode callee = pf_node_unwrap(pf_node_field(expr, "function"));
    if (pf_node_text_is(syntax, callee, "Array")) return count_value(model, nth_argument(expr, 0));
    if (pf_node_text_is(syntax, callee, "Array.from")) return length_bound(model, nth_argument(expr, 0), depth + 1);
    if (!pf_node_is(callee, "member_expression")) return -1;
    TSNode method = pf_node_field(callee, "property");
    TSNode object = pf_node_field(callee, "object");
    if (pf_node_text_is(syntax, method, "slice")) {
        long span = slice_span(model, expr);
        long whole = length_bound(model, object, depth + 1);
        if (span >= 0 && whole >= 0) return span < whole ? span : whole;
        return span >= 0 ? span : whole;
    }
    static const char *const same_or_fewer[] = {"map", "filter", "fill", "keys", "values", "entries", "reverse",
                                                "sort", "toSorted", "toReversed"};
    for (size_t i = 0; i < COUNT_OF(same_or_fewer); i++)
        if (pf_node_text_is(syntax, method, same_or_fewer[i])) return length_bound(model, object, depth + 1);
    return -1;
}

long pf_model_array_length(const pf_model *model, TSNode expr) {
    return length_bound(model, expr, 0);
}

pf_callback_kind pf_model_callback_kind(const pf_model *model, TSNode fn, TSNode *receiver) {
    TSNode args = pf_node_parent_unparen(fn);
    if (!pf_node_is(args, "arguments")) return PF_CALLBACK_NONE;
    TSNode call = ts_node_parent(args);
    const pf_query *q = pf_model_query_at(model, call);
    if (q && q->kind == PF_QUERY_TRANSACTION) return PF_CALLBACK_TRANSACTION;
    TSNode callee = pf_node_field(call, "function");
    const pf_syntax *syntax = model->syntax;
    if (pf_node_text_is(syntax, callee, "Array.from") && pf_node_named_count(args) == 2 &&
        ts_node_eq(pf_node_unwrap(pf_node_named_child(args, 1)), fn)) {
        if (receiver) *receiver = pf_node_named_child(args, 0);
        return PF_CALLBACK_FANOUT;
    }
    if (!pf_node_is(callee, "member_expression")) return PF_CALLBACK_NONE;
    TSNode method = pf_node_field(callee, "property");
    if (!pf_node_text_is(syntax, method, "map") && !pf_node_text_is(syntax, method, "forEach") &&
        !pf_node_text_is(syntax, method, "flatMap"))
        return PF_CALLBACK_NONE;
    if (!ts_node_eq(pf_node_unwrap(pf_node_named_child(args, 0)), fn)) return PF_CALLBACK_NONE;
    if (receiver) *receiver = pf_node_field(callee, "object");
    return PF_CALLBACK_FANOUT;
}

int pf_model_transaction_around(const pf_model *model, TSNode node) {
    int around = -1;
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (ts_node_start_byte(q->call) > ts_node_start_byte(node)) break;
        TSNode callback = pf_model_transaction_callback(q);
        /* Later transactions start inside earlier ones: the last that holds the node is innermost. */
        if (pf_node_contains(callback, node) && !ts_node_eq(callback, node)) around = (int)i;
    }
    return around;
}

bool pf_model_in_transaction_around(const pf_model *model, const pf_query *q, TSNode node) {
    return q->transaction >= 0 && q->in_callback && q->transaction == pf_model_transaction_around(model, node);
}

TSNode pf_model_transaction_callback(const pf_query *transaction) {
    if (transaction->kind != PF_QUERY_TRANSACTION) return pf_node_null();
    TSNode callback = pf_node_unwrap(first_argument(transaction->call));
    return pf_node_is_function(callback) ? callback : pf_node_null();
}

pf_str pf_model_transaction_client_name(const pf_model *model, const pf_query *transaction) {
    TSNode callback = pf_model_transaction_callback(transaction);
    return ts_node_is_null(callback) ? pf_str_make("", 0) : parameter_name(model->syntax, callback, 0);
}

bool pf_model_on_outer_client(const pf_model *model, const pf_query *q) {
    if (q->transaction < 0 || !q->in_callback || q->kind == PF_QUERY_TRANSACTION) return false;
    const pf_query *transaction = &model->queries.items[q->transaction];
    if (!pf_str_eq(q->client, transaction->client)) return false;
    TSNode callback = pf_model_transaction_callback(transaction);
    if (ts_node_is_null(callback)) return false;
    /* The identifier the receiver starts with: `ctx` of `ctx.db`; `this` is never a parameter. */
    size_t root = 0;
    for (unsigned char c; root < q->client.len; root++) {
        c = (unsigned char)q->client.ptr[root];
        if (!isalnum(c) && c != '_' && c != '$' && c < 0x80) break;
    }
    pf_str name = pf_str_make(q->client.ptr, root);
    for (int fn = q->function; fn >= 0; fn = model->functions.items[fn].parent) {
        TSNode node = model->functions.items[fn].node;
        if (has_parameter(model->syntax, node, name)) return false;
        if (ts_node_eq(node, callback)) return true;
    }
    return false;
}

bool pf_model_writes_within(const pf_model *model, TSNode node) {
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        bool write = q->kind == PF_QUERY_WRITE || q->kind == PF_QUERY_RAW_WRITE || q->kind == PF_QUERY_TRANSACTION;
        if (write && pf_node_contains(node, q->call)) return true;
    }
    return false;
}
