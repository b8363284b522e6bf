/* What poolfix can tell about a value without a type checker (see values.h). */
#include "poolfix/values.h"

#include "poolfix/objects.h"

#include <string.h>

/* How many bindings and calls a question follows before it gives up (and says "unknown"). */
enum { DEPTH = 12 };

/* What is known about the elements of an array, or about one value. */
typedef struct known {
    TSNode type;                      /* a TypeScript type of one element / of the value, or null */
    const pf_schema_model *rows;      /* rows of this model, as a query returns them, or NULL */
    TSNode args;                      /* the arguments object that selected them (select/include/omit), or null */
    bool group_by;                    /* rows of a groupBy: its `by` fields are there */
    TSNode literal;                   /* an array literal: its elements */
    bool defined;                     /* each element (the value) is surely not undefined */
} known;

static bool key_defined(const pf_model *model, TSNode key, TSNode element, TSNode array, int depth);

/* The rows of the relation `f` of the rows `holder` describes: its model, with the select or
 * include the query gave it. False when the schema does not know the model. */
static bool related_rows(const pf_model *model, const known *holder, const pf_schema_field *f, known *out) {
    const pf_syntax *syntax = model->syntax;
    TSNode holder_args = pf_node_unwrap(holder->args);
    TSNode nested = pf_object_value(syntax, pf_node_unwrap(pf_object_value(syntax, holder_args, "select")), f->name);
    if (ts_node_is_null(nested))
        nested = pf_object_value(syntax, pf_node_unwrap(pf_object_value(syntax, holder_args, "include")), f->name);
    out->rows = pf_schema_related(model->schema, f);
    out->args = nested;
    out->defined = true;
    return out->rows != NULL;
}
static bool elements_of(const pf_model *model, TSNode expr, known *out, int depth);
static bool type_defined(const pf_model *model, TSNode type, int depth);

/* Whether `name` is assigned again anywhere under `scope` (for `let` and `var` bindings). */
static bool reassigned(const pf_syntax *syntax, TSNode scope, pf_str name) {
    TSTreeCursor cursor = ts_tree_cursor_new(scope);
    bool found = false;
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        TSNode target = pf_node_null();
        if (pf_node_is(node, "assignment_expression") || pf_node_is(node, "augmented_assignment_expression"))
            target = pf_node_field(node, "left");
        else if (pf_node_is(node, "update_expression"))
            target = pf_node_field(node, "argument");
        target = pf_node_unwrap(target);
        if (pf_node_is(target, "identifier")) found = pf_str_eq(pf_node_str(syntax, target), name);
        else if (pf_node_is(target, "array_pattern") || pf_node_is(target, "object_pattern"))
            found = pf_node_mentions(syntax, target, name);
    } while (!found && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

/* The declaration of the name `use` reads: a variable_declarator (never reassigned), a
 * parameter (required_parameter, optional_parameter, or an arrow function's single name), or
 * the for-of loop that binds it. A null node when it is none of these. */
static TSNode binding_of(const pf_model *model, TSNode use) {
    const pf_syntax *syntax = model->syntax;
    pf_str name = pf_node_str(syntax, use);
    for (TSNode scope = ts_node_parent(use); !ts_node_is_null(scope); scope = ts_node_parent(scope)) {
        if (pf_node_is(scope, "statement_block") || pf_node_is(scope, "program")) {
            for (uint32_t i = 0; i < pf_node_named_count(scope); i++) {
                TSNode stmt = pf_node_named_child(scope, i);
                if (pf_node_is(stmt, "export_statement")) stmt = pf_node_field(stmt, "declaration");
                if (!pf_node_is(stmt, "lexical_declaration") && !pf_node_is(stmt, "variable_declaration")) continue;
                for (uint32_t k = 0; k < pf_node_named_count(stmt); k++) {
                    TSNode decl = pf_node_named_child(stmt, k);
                    TSNode declared = pf_node_field(decl, "name");
                    if (!pf_node_is(declared, "identifier") || !pf_str_eq(pf_node_str(syntax, declared), name)) continue;
                    bool constant = pf_node_text_is(syntax, pf_node_field(stmt, "kind"), "const");
                    return constant || !reassigned(syntax, scope, name) ? decl : pf_node_null();
                }
            }
        } else if (pf_node_is(scope, "for_in_statement")) {
            TSNode left = pf_node_field(scope, "left");
            if (pf_node_is(left, "identifier") && pf_str_eq(pf_node_str(syntax, left), name)) return scope;
        } else if (pf_node_is_function(scope)) {
            TSNode single = pf_node_field(scope, "parameter");
            if (pf_node_is(single, "identifier") && pf_str_eq(pf_node_str(syntax, single), name)) return single;
            TSNode params = pf_node_field(scope, "parameters");
            for (uint32_t i = 0; i < pf_node_named_count(params); i++) {
                TSNode param = pf_node_named_child(params, i);
                TSNode pattern = pf_node_field(param, "pattern");
                if (pf_node_is(pattern, "identifier") && pf_str_eq(pf_node_str(syntax, pattern), name)) return param;
            }
            if (pf_node_mentions(syntax, params, name)) return pf_node_null(); /* destructured: not followed */
        }
    }
    return pf_node_null();
}

/* The type inside a type annotation (`: T`), or the node itself. */
static TSNode annotated(TSNode type) {
    return pf_node_is(type, "type_annotation") ? pf_node_named_child(type, 0) : type;
}

/* The `type` alias or `interface` of this file named `name`: the aliased type, or the
 * interface's body. A null node when there is none. */
static TSNode named_type(const pf_model *model, pf_str name) {
    const pf_syntax *syntax = model->syntax;
    for (uint32_t i = 0; i < pf_node_named_count(syntax->root); i++) {
        TSNode stmt = pf_node_named_child(syntax->root, i);
        if (pf_node_is(stmt, "export_statement")) stmt = pf_node_field(stmt, "declaration");
        if (!pf_node_is(stmt, "type_alias_declaration") && !pf_node_is(stmt, "interface_declaration")) continue;
        if (!pf_str_eq(pf_node_str(syntax, pf_node_field(stmt, "name")), name)) continue;
        return pf_node_is(stmt, "interface_declaration") ? pf_node_field(stmt, "body") : pf_node_field(stmt, "value");
    }
    return pf_node_null();
}

/* A type with its parentheses, `readonly` and same-file aliases looked through. */
static TSNode resolved_type(const pf_model *model, TSNode type, int depth) {
    for (int i = 0; i < depth; i++) {
        type = annotated(type);
        if (pf_node_is(type, "parenthesized_type") || pf_node_is(type, "readonly_type")) {
            type = pf_node_named_child(type, 0);
            continue;
        }
        if (pf_node_is(type, "type_identifier")) {
            TSNode aliased = named_type(model, pf_node_str(model->syntax, type));
            if (!ts_node_is_null(aliased)) {
                type = aliased;
                continue;
            }
        }
        return type;
    }
    return pf_node_null();
}

/* The type of one element of an array type (`T[]`, `Array<T>`, `readonly T[]`), or null. */
static TSNode element_type(const pf_model *model, TSNode type) {
    type = resolved_type(model, type, DEPTH);
    if (pf_node_is(type, "array_type")) return pf_node_named_child(type, 0);
    if (pf_node_is(type, "generic_type")) {
        pf_str name = pf_node_str(model->syntax, pf_node_field(type, "name"));
        if (pf_str_eq_c(name, "Array") || pf_str_eq_c(name, "ReadonlyArray"))
            return pf_node_named_child(pf_node_field(type, "type_arguments"), 0);
    }
    return pf_node_null();
}

/* Whether a value of type `type` can never be undefined. */
static bool type_defined(const pf_model *model, TSNode type, int depth) {
    const pf_syntax *syntax = model->syntax;
    if (depth <= 0) return false;
    type = resolved_type(model, type, DEPTH);
    if (ts_node_is_null(type)) return false;
    if (pf_node_is(type, "predefined_type")) {
        static const char *const defined[] = {"string", "number", "boolean", "bigint", "symbol", "object", "never"};
        for (size_t i = 0; i < sizeof(defined) / sizeof(*defined); i++)
            if (pf_node_text_is(syntax, type, defined[i])) return true;
        return false;
    }
    if (pf_node_is(type, "literal_type")) return !pf_node_text_is(syntax, type, "undefined");
    if (pf_node_is(type, "union_type")) {
        for (uint32_t i = 0; i < pf_node_named_count(type); i++)
            if (!type_defined(model, pf_node_named_child(type, i), depth - 1)) return false;
        return true;
    }
    if (pf_node_is(type, "array_type") || pf_node_is(type, "tuple_type") || pf_node_is(type, "object_type") ||
        pf_node_is(type, "interface_body") || pf_node_is(type, "function_type") || pf_node_is(type, "generic_type") ||
        pf_node_is(type, "template_literal_type"))
        return true;
    if (pf_node_is(type, "type_identifier") || pf_node_is(type, "nested_type_identifier")) {
        pf_str name = pf_node_str(syntax, pf_node_is(type, "nested_type_identifier") ? pf_node_field(type, "name") : type);
        if (pf_str_eq_c(name, "Date")) return true;
        return model->schema && (pf_schema_enum_named(model->schema, name) || pf_schema_model_named(model->schema, name));
    }
    return false;
}

/* The property `name` of an object type, interface or intersection: its type in `*type`, and
 * whether it is declared optional (`name?: T`). False when the type has no such property. */
static bool property_of(const pf_model *model, TSNode type, pf_str name, TSNode *prop_type, bool *optional, int depth) {
    const pf_syntax *syntax = model->syntax;
    if (depth <= 0) return false;
    type = resolved_type(model, type, DEPTH);
    if (pf_node_is(type, "intersection_type")) {
        for (uint32_t i = 0; i < pf_node_named_count(type); i++)
            if (property_of(model, pf_node_named_child(type, i), name, prop_type, optional, depth - 1)) return true;
        return false;
    }
    if (!pf_node_is(type, "object_type") && !pf_node_is(type, "interface_body")) return false;
    for (uint32_t i = 0; i < pf_node_named_count(type); i++) {
        TSNode prop = pf_node_named_child(type, i);
        if (!pf_node_is(prop, "property_signature")) continue;
        if (!pf_str_eq(pf_node_str(syntax, pf_node_field(prop, "name")), name)) continue;
        *optional = false;
        for (uint32_t k = 0; k < pf_node_child_count(prop); k++)
            if (strcmp(ts_node_type(pf_node_child(prop, k)), "?") == 0) *optional = true;
        *prop_type = pf_node_field(prop, "type");
        return true;
    }
    return false;
}

/* Whether field `name` of a value described by `k` is surely there (not undefined). */
static bool field_defined(const pf_model *model, const known *k, pf_str name) {
    const pf_syntax *syntax = model->syntax;
    if (!ts_node_is_null(k->type)) {
        TSNode prop_type = pf_node_null();
        bool optional = true;
        return property_of(model, k->type, name, &prop_type, &optional, DEPTH) && !optional &&
               type_defined(model, prop_type, DEPTH);
    }
    if (!k->rows) return false;
    TSNode args = pf_node_unwrap(k->args);
    if (k->group_by) {
        TSNode by = pf_node_unwrap(pf_object_value(syntax, args, "by"));
        for (uint32_t i = 0; pf_node_is(by, "array") && i < pf_node_named_count(by); i++)
            if (pf_str_eq(pf_string_value(syntax, pf_node_named_child(by, i)), name)) return true;
        return false;
    }
    const pf_schema_field *f = pf_schema_field_named(k->rows, name);
    if (!f) return false;
    if (pf_node_is(args, "true") || ts_node_is_null(args)) return f->kind != PF_FIELD_RELATION;
    if (!pf_node_is(args, "object")) return false;
    TSNode select = pf_node_unwrap(pf_object_value(syntax, args, "select"));
    if (!ts_node_is_null(select)) {
        TSNode value = pf_node_unwrap(pf_object_value(syntax, select, f->name));
        return pf_node_is(value, "true") || pf_node_is(value, "object");
    }
    TSNode omit = pf_node_unwrap(pf_object_value(syntax, args, "omit"));
    if (!ts_node_is_null(omit)) return false;
    if (f->kind != PF_FIELD_RELATION) return true;
    TSNode include = pf_node_unwrap(pf_object_value(syntax, args, "include"));
    TSNode value = pf_node_unwrap(pf_object_value(syntax, include, f->name));
    return pf_node_is(value, "true") || pf_node_is(value, "object");
}

/* Whether a query's value is a list of rows (true) or one row (false); its model and args in `k`. */
static bool query_rows(const pf_model *model, TSNode expr, known *k, bool *list) {
    expr = pf_node_unwrap(expr);
    if (pf_node_is(expr, "await_expression")) expr = pf_node_unwrap(pf_node_named_child(expr, 0));
    const pf_query *q = pf_model_query_at(model, expr);
    if (!q || !model->schema || q->kind == PF_QUERY_RAW_READ || q->kind == PF_QUERY_RAW_WRITE) return false;
    const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, q->delegate);
    if (!m) return false;
    static const char *const lists[] = {"findMany", "groupBy", "createManyAndReturn", "updateManyAndReturn"};
    static const char *const rows[] = {"findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow",
                                       "create",     "update",            "upsert",    "delete"};
    *list = false;
    for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++) *list |= pf_str_eq_c(q->op, lists[i]);
    bool row = false;
    for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) row |= pf_str_eq_c(q->op, rows[i]);
    if (!*list && !row) return false;
    memset(k, 0, sizeof(*k));
    k->rows = m;
    k->args = q->arg_object;
    k->group_by = pf_str_eq_c(q->op, "groupBy");
    k->defined = true;
    return true;
}

/* The type a cast (`x as T`, `x satisfies T`) gives, or null. */
static TSNode cast_type(TSNode expr) {
    expr = pf_node_skip_parentheses(expr);
    if (pf_node_is(expr, "as_expression") || pf_node_is(expr, "satisfies_expression"))
        return pf_node_named_child(expr, 1);
    return pf_node_null();
}

/* What is known about a single value (`row`, `team`), for reading one of its fields: its
 * annotation or cast, the row a query returned, an element of a known array. */
static bool value_of(const pf_model *model, TSNode expr, known *out, int depth) {
    if (depth <= 0) return false;
    memset(out, 0, sizeof(*out));
    TSNode cast = cast_type(expr);
    if (!ts_node_is_null(cast)) {
        out->type = cast;
        out->defined = type_defined(model, cast, DEPTH);
        return true;
    }
    expr = pf_node_unwrap(expr);
    bool list = false;
    if (query_rows(model, expr, out, &list)) return !list;
    if (pf_node_is(expr, "member_expression") && ts_node_is_null(pf_node_child_of_type(expr, "optional_chain"))) {
        /* `team.owner`: a to-one relation the query included */
        known holder;
        if (!value_of(model, pf_node_field(expr, "object"), &holder, depth - 1) || !holder.rows) return false;
        const pf_schema_field *f = pf_schema_field_named(holder.rows, pf_node_str(model->syntax, pf_node_field(expr, "property")));
        if (!f || f->kind != PF_FIELD_RELATION || f->is_list || f->is_optional || !field_defined(model, &holder, pf_str_c(f->name)))
            return false;
        return related_rows(model, &holder, f, out);
    }
    if (!pf_node_is(expr, "identifier")) return false;
    TSNode binding = binding_of(model, expr);
    if (pf_node_is(binding, "variable_declarator")) {
        TSNode type = pf_node_field(binding, "type");
        if (!ts_node_is_null(type)) {
            out->type = annotated(type);
            out->defined = type_defined(model, type, DEPTH);
            return true;
        }
        return value_of(model, pf_node_field(binding, "value"), out, depth - 1);
    }
    if (pf_node_is(binding, "required_parameter") || pf_node_is(binding, "optional_parameter")) {
        TSNode type = pf_node_field(binding, "type");
        TSNode callback = ts_node_parent(ts_node_parent(binding));
        if (ts_node_is_null(type)) {
            /* An untyped callback parameter: an element of the array it maps over. */
            TSNode receiver = pf_node_null();
            if (pf_model_callback_kind(model, callback, &receiver) != PF_CALLBACK_FANOUT) return false;
            return elements_of(model, receiver, out, depth - 1) && (out->rows || !ts_node_is_null(out->type));
        }
        out->type = annotated(type);
        out->defined = pf_node_is(binding, "required_parameter") && type_defined(model, type, DEPTH);
        return true;
    }
    if (pf_node_is(binding, "identifier")) {
        TSNode receiver = pf_node_null();
        if (pf_model_callback_kind(model, ts_node_parent(binding), &receiver) != PF_CALLBACK_FANOUT) return false;
        return elements_of(model, receiver, out, depth - 1) && (out->rows || !ts_node_is_null(out->type));
    }
    if (pf_node_is(binding, "for_in_statement"))
        return elements_of(model, pf_node_field(binding, "right"), out, depth - 1) && (out->rows || !ts_node_is_null(out->type));
    return false;
}

/* The only argument of a call, or null when it has another number of them. */
static TSNode only_argument(TSNode call) {
    TSNode args = pf_node_field(call, "arguments");
    return pf_node_named_count(args) == 1 ? pf_node_named_child(args, 0) : pf_node_null();
}

/* What is known about the elements of the array (or other iterable) `expr`. */
static bool elements_of(const pf_model *model, TSNode expr, known *out, int depth) {
    const pf_syntax *syntax = model->syntax;
    if (depth <= 0) return false;
    memset(out, 0, sizeof(*out));
    TSNode cast = cast_type(expr);
    if (!ts_node_is_null(cast)) {
        out->type = element_type(model, cast);
        out->defined = type_defined(model, out->type, DEPTH);
        return !ts_node_is_null(out->type);
    }
    expr = pf_node_unwrap(expr);
    if (pf_node_is(expr, "await_expression")) return elements_of(model, pf_node_named_child(expr, 0), out, depth - 1);
    bool list = false;
    if (query_rows(model, expr, out, &list)) return list;
    if (pf_node_is(expr, "array")) {
        if (pf_node_named_count(expr) == 1 && pf_node_is(pf_node_named_child(expr, 0), "spread_element"))
            return elements_of(model, pf_node_named_child(pf_node_named_child(expr, 0), 0), out, depth - 1);
        out->literal = expr;
        out->defined = true;
        for (uint32_t i = 0; i < pf_node_named_count(expr); i++) {
            TSNode item = pf_node_named_child(expr, i);
            if (pf_node_is(item, "comment")) continue;
            if (pf_node_is(item, "spread_element") || !key_defined(model, item, pf_node_null(), pf_node_null(), depth - 1))
                out->defined = false;
        }
        /* holes (`[a, , b]`) are undefined when iterated */
        for (uint32_t i = 0; i + 1 < pf_node_child_count(expr); i++)
            if (strcmp(ts_node_type(pf_node_child(expr, i)), ",") == 0 && strcmp(ts_node_type(pf_node_child(expr, i + 1)), ",") == 0)
                out->defined = false;
        return true;
    }
    if (pf_node_is(expr, "new_expression")) {
        /* new Set(xs): the elements of xs */
        if (!pf_node_text_is(syntax, pf_node_field(expr, "constructor"), "Set")) return false;
        TSNode source = only_argument(expr);
        return !ts_node_is_null(source) && elements_of(model, source, out, depth - 1);
    }
    if (pf_node_is(expr, "call_expression")) {
        TSNode callee = pf_node_unwrap(pf_node_field(expr, "function"));
        /* Object.keys: strings; Object.entries: pairs; text.split(...): strings */
        if (pf_node_text_is(syntax, callee, "Object.keys") || pf_node_text_is(syntax, callee, "Object.entries") ||
            (pf_node_is(callee, "member_expression") && pf_node_text_is(syntax, pf_node_field(callee, "property"), "split"))) {
            out->defined = true;
            return true;
        }
        if (pf_node_text_is(syntax, callee, "Array.from")) {
            TSNode source = only_argument(expr);
            return !ts_node_is_null(source) && elements_of(model, source, out, depth - 1);
        }
        if (!pf_node_is(callee, "member_expression")) return false;
        pf_str method = pf_node_str(syntax, pf_node_field(callee, "property"));
        TSNode receiver = pf_node_field(callee, "object");
        static const char *const same[] = {"filter", "slice", "sort", "toSorted", "reverse", "toReversed"};
        for (size_t i = 0; i < sizeof(same) / sizeof(*same); i++)
            if (pf_str_eq_c(method, same[i])) return elements_of(model, receiver, out, depth - 1);
        if (pf_str_eq_c(method, "map")) {
            /* xs.map((x) => key): defined when the key is */
            TSNode fn = pf_node_unwrap(only_argument(expr));
            if (!pf_node_is(fn, "arrow_function")) return false;
            TSNode body = pf_node_field(fn, "body");
            if (pf_node_is(body, "statement_block")) return false;
            TSNode param = pf_node_field(fn, "parameter");
            if (ts_node_is_null(param)) param = pf_node_named_child(pf_node_field(fn, "parameters"), 0);
            out->defined = key_defined(model, body, param, receiver, depth - 1);
            return true;
        }
        return false;
    }
    if (pf_node_is(expr, "member_expression") && ts_node_is_null(pf_node_child_of_type(expr, "optional_chain"))) {
        /* `team.users`: a to-many relation the query included */
        known holder;
        if (!value_of(model, pf_node_field(expr, "object"), &holder, depth - 1)) return false;
        pf_str name = pf_node_str(syntax, pf_node_field(expr, "property"));
        if (!ts_node_is_null(holder.type)) {
            TSNode prop_type = pf_node_null();
            bool optional = true;
            if (!property_of(model, holder.type, name, &prop_type, &optional, DEPTH)) return false;
            out->type = element_type(model, prop_type);
            out->defined = type_defined(model, out->type, DEPTH);
            return !ts_node_is_null(out->type);
        }
        if (!holder.rows) return false;
        const pf_schema_field *f = pf_schema_field_named(holder.rows, name);
        if (!f || f->kind != PF_FIELD_RELATION || !f->is_list || !field_defined(model, &holder, name)) return false;
        return related_rows(model, &holder, f, out);
    }
    if (!pf_node_is(expr, "identifier")) return false;
    TSNode binding = binding_of(model, expr);
    TSNode type = pf_node_null();
    if (pf_node_is(binding, "variable_declarator")) {
        type = pf_node_field(binding, "type");
        if (ts_node_is_null(type)) return elements_of(model, pf_node_field(binding, "value"), out, depth - 1);
    } else if (pf_node_is(binding, "required_parameter") || pf_node_is(binding, "optional_parameter")) {
        type = pf_node_field(binding, "type");
    }
    out->type = element_type(model, type);
    out->defined = type_defined(model, out->type, DEPTH);
    return !ts_node_is_null(out->type);
}

/* Whether the element itself (bound to `element`, an element of `array`) is surely defined. */
static bool element_defined(const pf_model *model, TSNode element, TSNode array, int depth) {
    if (pf_node_is(element, "required_parameter")) {
        TSNode type = pf_node_field(element, "type");
        if (!ts_node_is_null(type)) return type_defined(model, type, DEPTH);
    }
    known k;
    return !ts_node_is_null(array) && elements_of(model, array, &k, depth) && k.defined;
}

/* Whether field `name` of the element (bound to `element`, an element of `array`) is surely
 * there. */
static bool element_field_defined(const pf_model *model, TSNode element, TSNode array, pf_str name, int depth) {
    known k;
    memset(&k, 0, sizeof(k));
    if (pf_node_is(element, "required_parameter") && !ts_node_is_null(pf_node_field(element, "type")))
        k.type = annotated(pf_node_field(element, "type"));
    else if (ts_node_is_null(array) || !elements_of(model, array, &k, depth))
        return false;
    return field_defined(model, &k, name);
}

/* The name a parameter or for-of element binds (an identifier), or a destructuring pattern. */
static TSNode element_pattern(TSNode element) {
    if (pf_node_is(element, "required_parameter") || pf_node_is(element, "optional_parameter"))
        return pf_node_field(element, "pattern");
    return element;
}

static bool key_defined(const pf_model *model, TSNode key, TSNode element, TSNode array, int depth) {
    const pf_syntax *syntax = model->syntax;
    if (depth <= 0 || ts_node_is_null(key)) return false;
    TSNode cast = cast_type(key);
    if (!ts_node_is_null(cast)) return type_defined(model, cast, DEPTH);
    key = pf_node_unwrap(key);
    if (pf_node_is(key, "string") || pf_node_is(key, "number") || pf_node_is(key, "template_string") ||
        pf_node_is(key, "true") || pf_node_is(key, "false") || pf_node_is(key, "null"))
        return true;
    if (pf_node_is(key, "binary_expression")) {
        pf_str op = pf_node_str(syntax, pf_node_field(key, "operator"));
        if (pf_str_eq_c(op, "??") || pf_str_eq_c(op, "||"))
            return key_defined(model, pf_node_field(key, "right"), element, array, depth - 1);
        if (pf_str_eq_c(op, "&&"))
            return key_defined(model, pf_node_field(key, "left"), element, array, depth - 1) &&
                   key_defined(model, pf_node_field(key, "right"), element, array, depth - 1);
        return true; /* arithmetic, concatenation, comparison */
    }
    if (pf_node_is(key, "ternary_expression"))
        return key_defined(model, pf_node_field(key, "consequence"), element, array, depth - 1) &&
               key_defined(model, pf_node_field(key, "alternative"), element, array, depth - 1);
    if (pf_node_is(key, "unary_expression")) return !pf_node_text_is(syntax, pf_node_field(key, "operator"), "void");
    if (pf_node_is(key, "call_expression")) {
        /* conversions and string methods: a value, or a throw, never undefined */
        static const char *const functions[] = {"String", "Number", "Boolean", "parseInt", "parseFloat", "BigInt"};
        static const char *const methods[] = {"toString", "toLowerCase", "toUpperCase", "trim",       "trimStart",
                                              "trimEnd",  "toFixed",     "toISOString", "padStart",  "padEnd",
                                              "replace",  "replaceAll",  "normalize",   "substring", "repeat",
                                              "join",     "getTime",     "valueOf",     "toLocaleLowerCase",
                                              "toLocaleUpperCase"};
        TSNode callee = pf_node_unwrap(pf_node_field(key, "function"));
        for (size_t i = 0; i < sizeof(functions) / sizeof(*functions); i++)
            if (pf_node_text_is(syntax, callee, functions[i])) return true;
        if (!pf_node_is(callee, "member_expression") || !ts_node_is_null(pf_node_child_of_type(callee, "optional_chain")))
            return false;
        pf_str method = pf_node_str(syntax, pf_node_field(callee, "property"));
        for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
            if (pf_str_eq_c(method, methods[i])) return true;
        return false;
    }
    TSNode pattern = element_pattern(element);
    if (pf_node_is(key, "identifier") || pf_node_is(key, "shorthand_property_identifier")) {
        pf_str name = pf_node_str(syntax, key);
        if (pf_node_is(pattern, "identifier") && pf_str_eq(pf_node_str(syntax, pattern), name))
            return element_defined(model, element, array, depth - 1);
        if (!ts_node_is_null(pattern) && pf_node_mentions(syntax, pattern, name)) {
            /* `({ id }) =>`, `for (const { id } of xs)`: a field of the element (a default makes it defined) */
            TSNode found = pf_node_null();
            TSTreeCursor cursor = ts_tree_cursor_new(pattern);
            do {
                TSNode n = ts_tree_cursor_current_node(&cursor);
                if (pf_node_is(n, "object_assignment_pattern") && pf_node_mentions(syntax, pf_node_field(n, "left"), name)) {
                    found = n;
                    break;
                }
                if (pf_node_is(n, "shorthand_property_identifier_pattern") && pf_str_eq(pf_node_str(syntax, n), name) &&
                    pf_node_is(ts_node_parent(n), "object_pattern") && ts_node_eq(ts_node_parent(n), pf_node_unwrap(pattern)))
                    found = n;
            } while (pf_cursor_next(&cursor));
            ts_tree_cursor_delete(&cursor);
            if (pf_node_is(found, "object_assignment_pattern")) return true;
            return pf_node_is(found, "shorthand_property_identifier_pattern") &&
                   element_field_defined(model, element, array, name, depth - 1);
        }
        TSNode binding = binding_of(model, key);
        if (pf_node_is(binding, "variable_declarator")) {
            TSNode type = pf_node_field(binding, "type");
            if (!ts_node_is_null(type)) return type_defined(model, type, DEPTH);
            return key_defined(model, pf_node_field(binding, "value"), pf_node_null(), pf_node_null(), depth - 1);
        }
        if (pf_node_is(binding, "required_parameter") || pf_node_is(binding, "optional_parameter")) {
            if (!ts_node_is_null(pf_node_field(binding, "value"))) return true; /* a default */
            TSNode type = pf_node_field(binding, "type");
            return pf_node_is(binding, "required_parameter") && !ts_node_is_null(type) && type_defined(model, type, DEPTH);
        }
        if (pf_node_is(binding, "identifier") || pf_node_is(binding, "for_in_statement")) {
            /* another loop's or callback's element */
            TSNode receiver = pf_node_null();
            if (pf_node_is(binding, "for_in_statement")) receiver = pf_node_field(binding, "right");
            else if (pf_model_callback_kind(model, ts_node_parent(binding), &receiver) != PF_CALLBACK_FANOUT) return false;
            known k;
            return elements_of(model, receiver, &k, depth - 1) && k.defined;
        }
        return false;
    }
    if (pf_node_is(key, "subscript_expression") && !ts_node_is_null(array) &&
        pf_str_eq(pf_node_str(syntax, pf_node_field(key, "object")), pf_node_str(syntax, array)))
        return element_defined(model, pf_node_null(), array, depth - 1); /* xs[i] */
    if (pf_node_is(key, "member_expression")) {
        if (!ts_node_is_null(pf_node_child_of_type(key, "optional_chain"))) return false;
        TSNode object = pf_node_unwrap(pf_node_field(key, "object"));
        pf_str field = pf_node_str(syntax, pf_node_field(key, "property"));
        if (pf_node_is(object, "identifier") && pf_node_is(pattern, "identifier") &&
            pf_str_eq(pf_node_str(syntax, object), pf_node_str(syntax, pattern)))
            return element_field_defined(model, element, array, field, depth - 1);
        if (pf_node_is(object, "subscript_expression") && !ts_node_is_null(array) &&
            pf_str_eq(pf_node_str(syntax, pf_node_field(object, "object")), pf_node_str(syntax, array)))
            return element_field_defined(model, pf_node_null(), array, field, depth - 1); /* xs[i].id */
        known holder;
        return value_of(model, object, &holder, depth - 1) && field_defined(model, &holder, field);
    }
    return false;
}

bool pf_key_is_defined(const pf_model *model, TSNode key, TSNode element, TSNode array) {
    return key_defined(model, key, element, array, DEPTH);
}

/* Whether `name` is a generator function of this file (`function* f`, `const f = function* ...`):
 * calling it gives an iterator. */
static bool is_generator(const pf_model *model, pf_str name) {
    for (size_t i = 0; i < model->functions.len; i++) {
        TSNode fn = model->functions.items[i].node;
        if (!pf_node_is(fn, "generator_function_declaration") && !pf_node_is(fn, "generator_function")) continue;
        if (pf_str_eq(model->functions.items[i].name, name)) return true;
    }
    return false;
}

pf_iterable pf_iterable_of(const pf_model *model, TSNode expr) {
    const pf_syntax *syntax = model->syntax;
    for (int depth = 0; depth < DEPTH; depth++) {
        TSNode cast = cast_type(expr);
        if (!ts_node_is_null(cast))
            return ts_node_is_null(element_type(model, cast)) && !pf_node_is(resolved_type(model, cast, DEPTH), "tuple_type")
                       ? PF_ITERABLE_UNKNOWN
                       : PF_ITERABLE_ARRAY;
        expr = pf_node_unwrap(expr);
        if (pf_node_is(expr, "await_expression")) {
            bool list = false;
            known k;
            return query_rows(model, expr, &k, &list) && list ? PF_ITERABLE_ARRAY : PF_ITERABLE_UNKNOWN;
        }
        if (pf_node_is(expr, "array")) return PF_ITERABLE_ARRAY;
        if (pf_node_is(expr, "new_expression")) {
            TSNode constructor = pf_node_field(expr, "constructor");
            return pf_node_text_is(syntax, constructor, "Set") || pf_node_text_is(syntax, constructor, "Map")
                       ? PF_ITERABLE_COLLECTION
                       : PF_ITERABLE_UNKNOWN;
        }
        if (pf_node_is(expr, "call_expression")) {
            TSNode callee = pf_node_unwrap(pf_node_field(expr, "function"));
            static const char *const makers[] = {"Array.from", "Array.of", "Object.keys", "Object.values", "Object.entries"};
            for (size_t i = 0; i < sizeof(makers) / sizeof(*makers); i++)
                if (pf_node_text_is(syntax, callee, makers[i])) return PF_ITERABLE_ARRAY;
            if (pf_node_is(callee, "identifier"))
                return is_generator(model, pf_node_str(syntax, callee)) ? PF_ITERABLE_ONCE : PF_ITERABLE_UNKNOWN;
            if (!pf_node_is(callee, "member_expression")) return PF_ITERABLE_UNKNOWN;
            pf_str method = pf_node_str(syntax, pf_node_field(callee, "property"));
            TSNode receiver = pf_node_field(callee, "object");
            static const char *const iterators[] = {"values", "keys", "entries", "matchAll"};
            for (size_t i = 0; i < sizeof(iterators) / sizeof(*iterators); i++)
                if (pf_str_eq_c(method, iterators[i])) return PF_ITERABLE_ONCE;
            static const char *const arrays[] = {"map",      "filter", "slice",    "concat",     "flat",   "flatMap",
                                                 "toSorted", "sort",   "reverse", "toReversed", "splice", "split"};
            for (size_t i = 0; i < sizeof(arrays) / sizeof(*arrays); i++)
                if (pf_str_eq_c(method, arrays[i]))
                    return pf_iterable_of(model, receiver) == PF_ITERABLE_ONCE ? PF_ITERABLE_ONCE : PF_ITERABLE_ARRAY;
            known k;
            bool list = false;
            return query_rows(model, expr, &k, &list) && list ? PF_ITERABLE_ARRAY : PF_ITERABLE_UNKNOWN;
        }
        if (pf_node_is(expr, "member_expression")) {
            known k;
            return elements_of(model, expr, &k, DEPTH) && (k.rows || !ts_node_is_null(k.type)) ? PF_ITERABLE_ARRAY
                                                                                              : PF_ITERABLE_UNKNOWN;
        }
        if (!pf_node_is(expr, "identifier")) return PF_ITERABLE_UNKNOWN;
        TSNode binding = binding_of(model, expr);
        TSNode type = pf_node_null();
        if (pf_node_is(binding, "variable_declarator")) {
            type = pf_node_field(binding, "type");
            if (ts_node_is_null(type)) {
                expr = pf_node_field(binding, "value");
                continue;
            }
        } else if (pf_node_is(binding, "required_parameter") || pf_node_is(binding, "optional_parameter")) {
            type = pf_node_field(binding, "type");
        }
        if (ts_node_is_null(type)) return PF_ITERABLE_UNKNOWN;
        TSNode resolved = resolved_type(model, type, DEPTH);
        if (!ts_node_is_null(element_type(model, type)) || pf_node_is(resolved, "tuple_type")) return PF_ITERABLE_ARRAY;
        pf_str name = pf_node_is(resolved, "generic_type") ? pf_node_str(syntax, pf_node_field(resolved, "name"))
                                                             : pf_node_str(syntax, resolved);
        if (pf_str_eq_c(name, "Generator") || pf_str_eq_c(name, "Iterator") || pf_str_eq_c(name, "IterableIterator") ||
            pf_str_eq_c(name, "AsyncGenerator") || pf_str_eq_c(name, "AsyncIterableIterator"))
            return PF_ITERABLE_ONCE;
        if (pf_str_eq_c(name, "Set") || pf_str_eq_c(name, "Map") || pf_str_eq_c(name, "ReadonlySet") ||
            pf_str_eq_c(name, "ReadonlyMap"))
            return PF_ITERABLE_COLLECTION;
        return PF_ITERABLE_UNKNOWN;
    }
    return PF_ITERABLE_UNKNOWN;
}

long pf_array_at_most(const pf_model *model, TSNode expr) {
    const pf_syntax *syntax = model->syntax;
    long known_length = pf_model_array_length(model, expr);
    if (known_length >= 0) return known_length;
    for (int depth = 0; depth < DEPTH; depth++) {
        expr = pf_node_unwrap(expr);
        if (pf_node_is(expr, "await_expression")) expr = pf_node_unwrap(pf_node_named_child(expr, 0));
        const pf_query *q = pf_model_query_at(model, expr);
        if (q) {
            TSNode take = pf_node_unwrap(pf_object_value(syntax, q->arg_object, "take"));
            if (!pf_str_eq_c(q->op, "findMany") || !pf_node_is(take, "number")) return -1;
            pf_str text = pf_node_str(syntax, take);
            long n = 0;
            for (size_t i = 0; i < text.len; i++) {
                if (text.ptr[i] < '0' || text.ptr[i] > '9' || n > 100000000) return -1;
                n = n * 10 + (text.ptr[i] - '0');
            }
            return n;
        }
        if (pf_node_is(expr, "call_expression")) {
            TSNode callee = pf_node_unwrap(pf_node_field(expr, "function"));
            if (!pf_node_is(callee, "member_expression")) return -1;
            pf_str method = pf_node_str(syntax, pf_node_field(callee, "property"));
            if (!pf_str_eq_c(method, "map") && !pf_str_eq_c(method, "filter") && !pf_str_eq_c(method, "slice")) return -1;
            expr = pf_node_field(callee, "object");
            continue;
        }
        if (!pf_node_is(expr, "identifier")) return -1;
        TSNode binding = binding_of(model, expr);
        if (!pf_node_is(binding, "variable_declarator")) return -1;
        expr = pf_node_field(binding, "value");
    }
    return -1;
}

/* Whether `expr` surely holds distinct values: a Set, or a copy of one. */
static bool distinct_values(const pf_model *model, TSNode expr, int depth) {
    const pf_syntax *syntax = model->syntax;
    if (depth <= 0) return false;
    expr = pf_node_unwrap(expr);
    if (pf_node_is(expr, "new_expression")) return pf_node_text_is(syntax, pf_node_field(expr, "constructor"), "Set");
    if (pf_node_is(expr, "array") && pf_node_named_count(expr) == 1 &&
        pf_node_is(pf_node_named_child(expr, 0), "spread_element"))
        return distinct_values(model, pf_node_named_child(pf_node_named_child(expr, 0), 0), depth - 1);
    if (pf_node_is(expr, "call_expression")) {
        TSNode callee = pf_node_unwrap(pf_node_field(expr, "function"));
        if (pf_node_text_is(syntax, callee, "Array.from")) return distinct_values(model, only_argument(expr), depth - 1);
        if (pf_node_is(callee, "member_expression") &&
            (pf_node_text_is(syntax, pf_node_field(callee, "property"), "filter") ||
             pf_node_text_is(syntax, pf_node_field(callee, "property"), "slice") ||
             pf_node_text_is(syntax, pf_node_field(callee, "property"), "sort")))
            return distinct_values(model, pf_node_field(callee, "object"), depth - 1);
        return false;
    }
    if (!pf_node_is(expr, "identifier")) return false;
    TSNode binding = binding_of(model, expr);
    return pf_node_is(binding, "variable_declarator") && distinct_values(model, pf_node_field(binding, "value"), depth - 1);
}

bool pf_keys_are_unique(const pf_model *model, TSNode key, TSNode element, TSNode array) {
    const pf_syntax *syntax = model->syntax;
    key = pf_node_unwrap(key);
    TSNode pattern = element_pattern(element);
    if ((pf_node_is(key, "identifier") || pf_node_is(key, "shorthand_property_identifier")) &&
        pf_node_is(pattern, "identifier") && pf_str_eq(pf_node_str(syntax, key), pf_node_str(syntax, pattern)))
        return distinct_values(model, array, DEPTH);
    pf_str field;
    if (pf_node_is(key, "member_expression") && pf_node_is(pattern, "identifier") &&
        ts_node_is_null(pf_node_child_of_type(key, "optional_chain")) &&
        pf_str_eq(pf_node_str(syntax, pf_node_unwrap(pf_node_field(key, "object"))), pf_node_str(syntax, pattern)))
        field = pf_node_str(syntax, pf_node_field(key, "property"));
    else if ((pf_node_is(key, "identifier") || pf_node_is(key, "shorthand_property_identifier")) &&
             pf_node_is(pattern, "object_pattern")) {
        /* `for (const { id } of rows)`, `for (const { id: rowId } of rows)` */
        pf_str name = pf_node_str(syntax, key);
        field = pf_str_make("", 0);
        for (uint32_t i = 0; i < pf_node_named_count(pattern); i++) {
            TSNode item = pf_node_named_child(pattern, i);
            if (pf_node_is(item, "shorthand_property_identifier_pattern") && pf_str_eq(pf_node_str(syntax, item), name))
                field = name;
            else if (pf_node_is(item, "pair_pattern") && pf_node_is(pf_node_field(item, "value"), "identifier") &&
                     pf_str_eq(pf_node_str(syntax, pf_node_field(item, "value")), name))
                field = pf_node_str(syntax, pf_node_field(item, "key"));
        }
        if (!field.len) return false;
    } else {
        return false;
    }
    known k;
    if (!elements_of(model, array, &k, DEPTH) || !k.rows || k.group_by) return false;
    const pf_schema_field *f = pf_schema_field_named(k.rows, field);
    return f && (f->is_id || f->is_unique) && field_defined(model, &k, field);
}
