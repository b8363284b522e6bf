/* Finds Prisma clients that hook their own operations (see client_hooks.h). */
#include "poolfix/client_hooks.h"

#include "poolfix/objects.h"
#include "poolfix/syntax.h"

/* The name a client is bound to: `prisma` for `prisma`, `db` for `ctx.db` or `this.db`. */
static pf_str bound_name(pf_str client) {
    size_t start = client.len;
    while (start > 0 && client.ptr[start - 1] != '.') start--;
    return pf_str_make(client.ptr + start, client.len - start);
}

/* Whether an `$extends(...)` argument may hook operations: anything but an object literal
 * without a `query` component (`result`, `model` and `client` components add fields and
 * methods; an extension built by a call, `withSomething()`, is not seen). */
static bool extension_hooks(const pf_syntax *syntax, TSNode call) {
    TSNode arg = pf_node_skip_parentheses(pf_node_named_child(pf_node_field(call, "arguments"), 0));
    return !pf_node_is(arg, "object") || !ts_node_is_null(pf_object_pair(syntax, arg, "query"));
}

/* Whether `node` calls `$extends(...)` with an extension that may hook operations. */
static bool hooks(const pf_syntax *syntax, TSNode node) {
    bool found = false;
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(n, "call_expression")) continue;
        TSNode callee = pf_node_field(n, "function");
        found = pf_node_is(callee, "member_expression") &&
                pf_node_text_is(syntax, pf_node_field(callee, "property"), "$extends") && extension_hooks(syntax, n);
    } while (!found && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

const char *pf_client_hook_problem(const pf_model *model, pf_str client) {
    const pf_syntax *syntax = model->syntax;
    if (!pf_bytes_contain(syntax->text, syntax->len, "$extends") && !pf_bytes_contain(syntax->text, syntax->len, "$use"))
        return NULL;
    pf_str name = bound_name(client);
    const char *problem = NULL;
    TSTreeCursor cursor = ts_tree_cursor_new(syntax->root);
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        TSNode target = pf_node_null(), value = pf_node_null();
        if (pf_node_is(n, "variable_declarator")) {
            target = pf_node_field(n, "name");
            value = pf_node_field(n, "value");
        } else if (pf_node_is(n, "assignment_expression") || pf_node_is(n, "public_field_definition")) {
            target = pf_node_is(n, "assignment_expression") ? pf_node_field(n, "left") : pf_node_field(n, "name");
            value = pf_node_field(n, "value");
            if (ts_node_is_null(value)) value = pf_node_field(n, "right");
        } else if (pf_node_is(n, "call_expression")) {
            TSNode callee = pf_node_field(n, "function");
            if (pf_node_is(callee, "member_expression") &&
                pf_node_text_is(syntax, pf_node_field(callee, "property"), "$use") &&
                pf_str_eq(bound_name(pf_node_str(syntax, pf_node_field(callee, "object"))), name))
                problem = "the client is given `$use(...)` middleware, which runs around each operation: a rewrite "
                          "that changes the operation or reads with raw SQL would skip it";
            continue;
        }
        if (!ts_node_is_null(target) && !ts_node_is_null(value) &&
            pf_str_eq(bound_name(pf_node_str(syntax, target)), name) && hooks(syntax, value))
            problem = "the client is built with `$extends(...)`, whose query hooks run per operation: a rewrite "
                      "that changes the operation or reads with raw SQL would skip them";
    } while (!problem && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return problem;
}
