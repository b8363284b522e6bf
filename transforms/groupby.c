/* groupby: replaces per-element count maps, `await Promise.all(xs.map(async (v) =>
 * prisma.m.count({ where: { ..., field: v } })))`, with one `groupBy` and a lookup per
 * element (rule map-fanout).
 *
 * The rewrite keeps the result exactly: the array has xs's order and length, values without
 * rows get 0 (groupBy has no group for them), and a callback that builds an object from the
 * count keeps building it; only the query becomes a Map lookup. Several counts per element
 * (the N+1 form: one count per row keyed by the row's id) become one groupBy each. Any
 * other shape is declined with the reason. */
#include "poolfix/analysis.h"
#include "poolfix/client_hooks.h"
#include "poolfix/helpers.h"
#include "poolfix/objects.h"
#include "poolfix/pass.h"
#include "poolfix/row_copy.h"
#include "poolfix/values.h"

#include <string.h>

/* What a per-element query reads, and so what replaces it. */
typedef enum reading {
    READ_COUNT,     /* count: a groupBy's _count, 0 for no group */
    READ_AGGREGATE, /* aggregate: a groupBy's reductions, nulls and 0s for no group */
    READ_UNIQUE,    /* findUnique on a unique field: a findMany with `in`, null for no row */
    READ_FIRST      /* findFirst: a findMany with `in` in the same orderBy, the first row per key */
} reading;

/* One per-element query in the callback. */
typedef struct target {
    const pf_query *query;
    TSNode replace;  /* the expression the lookup replaces: `await q` or `q` */
    TSNode where;    /* the where object */
    TSNode key_item; /* the where entry that uses the element (a pair or a shorthand) */
    TSNode key;      /* its value: the element, or an expression of it alone, or a local holding one */
    TSNode key_value; /* what computes the key: `key`, or the initializer of the local it names */
    bool computed;   /* the key calls something or builds a string: computed once per element, into keys_name */
    const pf_schema_field *field;
    const char *groups_name;
    const char *map_name;
    const char *keys_name;
    bool keys_shared; /* an earlier count computes the same keys: its keys_name is reused */
    bool chunked;     /* the keys may be more than one `in` list holds: the groupBy runs per chunk of them */
    const char *copy_name; /* finds and aggregates: the function giving each element its own row or result */
    reading kind;
    /* Counts that differ only in one more equality (`type: 'baseline'` / `'midline'`) share
     * one groupBy by [key, split field]: `leader` is the index of the first of them (its own
     * index when it leads or stands alone); `split` is the entry that differs, or null. */
    size_t leader;
    TSNode split;
    const pf_schema_field *split_field;
    bool guarded; /* under an `if`, or after a return or throw: the original did not run it for every element */
} target;

typedef struct plan {
    const pf_group *group;
    TSNode await;      /* `await Promise.all(...)` */
    TSNode statement;  /* the statement holding it, in a statement list */
    TSNode callback;
    TSNode param;      /* the callback's first parameter (with its type annotation) */
    TSNode params;     /* all its parameters, as written: `(level)`, `({ start, end })`, `(_, i)`, or `level` */
    pf_str element;    /* the first parameter's name, or empty when it is destructured */
    pf_str index;      /* the second parameter's name, or empty */
    bool array_from;   /* Promise.all(Array.from(xs, callback)) */
    PF_VEC(target) targets;
    PF_VEC(TSNode) inner_groups; /* `await Promise.all([count, count])` in the callback, replaced by the array */
    PF_VEC(TSNode) conditions;   /* the conditions of the callback's `if` statements */
    const char *values_name; /* a name for xs when it is an expression to evaluate once, else NULL */
    bool values_copied;      /* xs is copied into that name with Array.from: it may be an iterator, used up
                                by one pass over it */
    const char *index_name;  /* the index the lookups of computed keys use (added when the callback has none) */
    const char *chunks_name; /* the inChunks helper, when a target is chunked */
    const char *chunk_name;  /* its callback's parameter */
} plan;

/* Whether `name` is bound by the callback's parameters (the element, names destructured from
 * it, or the index). */
static bool is_param_name(const pf_syntax *syntax, const plan *p, pf_str name) {
    return pf_node_mentions(syntax, p->params, name);
}

/* Whether `node` mentions a name the callback's parameters bind. */
static bool mentions_param(const pf_syntax *syntax, const plan *p, TSNode node) {
    if (pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier"))
        return is_param_name(syntax, p, pf_node_str(syntax, node));
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (mentions_param(syntax, p, pf_node_named_child(node, i))) return true;
    return false;
}

/* Whether a call in a key only computes a value from it: pf_call_computes_value's calls and
 * string methods (`level.toLowerCase().replace(/\s+/g, '_')`, `name.split(' ')[0]`). */
static bool key_call_is_pure(const pf_syntax *syntax, TSNode call) {
    static const char *const string_methods[] = {"replace", "replaceAll", "split",  "join",      "toLocaleLowerCase",
                                                 "toLocaleUpperCase", "normalize", "substring", "substr", "charAt",
                                                 "concat",  "repeat",     "trimStart", "trimEnd", "at"};
    if (pf_call_computes_value(syntax, call)) return true;
    TSNode callee = pf_node_field(call, "function");
    if (!pf_node_is(callee, "member_expression")) return false;
    pf_str method = pf_node_str(syntax, pf_node_field(callee, "property"));
    for (size_t i = 0; i < sizeof(string_methods) / sizeof(*string_methods); i++)
        if (pf_str_eq_c(method, string_methods[i])) return true;
    return false;
}

/* Whether `key` is the element or an expression of the element alone: every identifier in
 * it is bound by the callback's parameters or names the function it is passed to
 * (`String(v)`, `v.id`). */
static bool depends_on_element_alone(const pf_syntax *syntax, const plan *p, TSNode key) {
    if (pf_node_is(key, "identifier")) {
        if (is_param_name(syntax, p, pf_node_str(syntax, key))) return true;
        TSNode parent = ts_node_parent(key);
        TSNode callee = key;
        while (pf_node_is(parent, "member_expression") && ts_node_eq(pf_node_field(parent, "object"), callee)) {
            callee = parent;
            parent = ts_node_parent(parent);
        }
        return pf_node_is(parent, "call_expression") && ts_node_eq(pf_node_field(parent, "function"), callee);
    }
    if (pf_node_is(key, "object") || pf_node_is(key, "array") || pf_node_is_function(key)) return false;
    uint32_t n = pf_node_named_count(key);
    for (uint32_t i = 0; i < n; i++)
        if (!depends_on_element_alone(syntax, p, pf_node_named_child(key, i))) return false;
    return true;
}

/* Whether a key needs computing (a call, a template string, an operator): it is computed once
 * per element into an array of keys, rather than written twice. */
static bool key_is_computed(TSNode key) {
    key = pf_node_unwrap(key);
    if (pf_node_is(key, "identifier") || pf_node_is(key, "shorthand_property_identifier")) return false;
    if (pf_node_is(key, "member_expression")) return key_is_computed(pf_node_field(key, "object"));
    return true;
}

/* The initializer of the local a where entry's value names, when that local is a `const` the
 * callback declares at its top level, before the query, from the element
 * (`const slug = label.toLowerCase()`); else a null node. Its value is what the key is: the
 * keys are computed from the initializer, and the lookup reads the local. */
static TSNode local_key_value(const pf_syntax *syntax, const plan *p, const target *t, TSNode value) {
    TSNode body = pf_node_field(p->callback, "body");
    if ((!pf_node_is(value, "identifier") && !pf_node_is(value, "shorthand_property_identifier")) ||
        !pf_node_is(body, "statement_block"))
        return pf_node_null();
    /* A query in a nested block could see another variable of the same name. */
    for (TSNode up = ts_node_parent(t->replace); !ts_node_eq(up, body); up = ts_node_parent(up))
        if (ts_node_is_null(up) || pf_node_is(up, "statement_block")) return pf_node_null();
    uint32_t n = pf_node_named_count(body);
    for (uint32_t i = 0; i < n; i++) {
        TSNode stmt = pf_node_named_child(body, i);
        if (ts_node_start_byte(stmt) >= ts_node_start_byte(t->replace)) break;
        if (!pf_node_is(stmt, "lexical_declaration") || !pf_node_is(pf_node_child(stmt, 0), "const") ||
            pf_node_named_count(stmt) != 1)
            continue;
        TSNode decl = pf_node_child_of_type(stmt, "variable_declarator");
        TSNode name = pf_node_field(decl, "name");
        TSNode init = pf_node_skip_parentheses(pf_node_field(decl, "value"));
        if (pf_node_is(name, "identifier") && pf_str_eq(pf_node_str(syntax, name), pf_node_str(syntax, value)) &&
            !ts_node_is_null(init) && mentions_param(syntax, p, init))
            return init;
    }
    return pf_node_null();
}

/* Finds the where entry that uses the element (or a local computed from it, local_key_value);
 * returns why not when the where does not have exactly one, at its top level, outside
 * OR/AND/NOT. What the entry holds is checked later. */
static const char *find_key(const pf_syntax *syntax, const plan *p, target *t) {
    uint32_t n = pf_node_named_count(t->where);
    int found = 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(t->where, i);
        TSNode value = pf_node_is(item, "pair") ? pf_node_skip_parentheses(pf_node_field(item, "value")) : item;
        TSNode local = pf_node_is(item, "pair") || pf_node_is(item, "shorthand_property_identifier")
                           ? local_key_value(syntax, p, t, pf_node_unwrap(value))
                           : pf_node_null();
        if (!mentions_param(syntax, p, item) && ts_node_is_null(local)) continue;
        if (pf_node_is(item, "spread_element")) return "the where spreads an object built from the element";
        pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_node_str(syntax, item);
        if (pf_str_eq_c(key, "OR") || pf_str_eq_c(key, "AND") || pf_str_eq_c(key, "NOT"))
            return "the where uses the element under OR/AND/NOT";
        t->key_item = item;
        /* Casts stay in the key: `v as Level` is what makes the values fit the field's type. */
        t->key = value;
        t->key_value = ts_node_is_null(local) ? value : local;
        found++;
    }
    if (found == 0) return "the count does not filter by the element, so every element would get the same number";
    if (found > 1) return "the where uses the element in more than one field";
    return NULL;
}

/* Whether `key` names one of aggregate's reductions, which groupBy takes as they are. */
static bool is_reduction(pf_str key) {
    return pf_str_eq_c(key, "_count") || pf_str_eq_c(key, "_sum") || pf_str_eq_c(key, "_avg") ||
           pf_str_eq_c(key, "_min") || pf_str_eq_c(key, "_max");
}

/* Checks an aggregate's reductions: `_count: true`, or objects of `field: true` naming
 * scalar fields of the model (`_count` may also name `_all`); returns why not. Only these
 * have a value for no rows that the rewrite can write out (0 or null). */
static const char *check_reductions(const pf_syntax *syntax, const pf_schema_model *m, TSNode args) {
    uint32_t n = pf_node_named_count(args);
    bool any = false;
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(args, i);
        if (pf_node_is(item, "comment")) continue;
        pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_str_make("", 0);
        if (pf_str_eq_c(key, "where")) continue;
        if (!is_reduction(key))
            return "the aggregate has arguments other than where and _count/_sum/_avg/_min/_max (orderBy, take, "
                   "skip, cursor), which groupBy would apply to the groups, not to each element's rows";
        any = true;
        TSNode value = pf_node_skip_parentheses(pf_node_field(item, "value"));
        if (pf_str_eq_c(key, "_count") && pf_node_is(value, "true")) continue;
        if (!pf_node_is(value, "object") || pf_node_named_count(value) == 0)
            return "an aggregate's reduction is not an object literal of `field: true`";
        uint32_t fields = pf_node_named_count(value);
        for (uint32_t k = 0; k < fields; k++) {
            TSNode entry = pf_node_named_child(value, k);
            if (pf_node_is(entry, "comment")) continue;
            if (!pf_node_is(entry, "pair") || !pf_node_is(pf_node_skip_parentheses(pf_node_field(entry, "value")), "true"))
                return "an aggregate's reduction is not an object literal of `field: true`";
            pf_str name = pf_pair_key(syntax, entry);
            if (pf_str_eq_c(key, "_count") && pf_str_eq_c(name, "_all")) continue;
            const pf_schema_field *f = m ? pf_schema_field_named(m, name) : NULL;
            if (!f || f->kind == PF_FIELD_RELATION || f->kind == PF_FIELD_COMPOSITE)
                return "an aggregate reduces a field that is not a scalar field of the model";
        }
    }
    return any ? NULL : "the aggregate reduces nothing";
}

/* Whether `order` is an orderBy of the model's own scalar fields (`{ assessed_date: 'desc' }`,
 * or an array of such objects): the findMany sorts every key's rows as findFirst sorted each
 * key's. Relations, `_count` and `{ sort, nulls }` forms are left to a person. */
static bool plain_order(const pf_syntax *syntax, const pf_schema_model *m, TSNode order) {
    order = pf_node_skip_parentheses(order);
    if (pf_node_is(order, "array")) {
        uint32_t n = pf_node_named_count(order);
        for (uint32_t i = 0; i < n; i++) {
            TSNode item = pf_node_named_child(order, i);
            if (!pf_node_is(item, "comment") && !plain_order(syntax, m, item)) return false;
        }
        return n > 0;
    }
    if (!pf_node_is(order, "object")) return false;
    uint32_t n = pf_node_named_count(order), entries = 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(order, i);
        if (pf_node_is(item, "comment")) continue;
        if (!pf_node_is(item, "pair")) return false;
        const pf_schema_field *f = pf_schema_field_named(m, pf_pair_key(syntax, item));
        pf_str direction = pf_string_value(syntax, pf_node_skip_parentheses(pf_node_field(item, "value")));
        if (!f || (f->kind != PF_FIELD_SCALAR && f->kind != PF_FIELD_ENUM) || f->is_list ||
            !(pf_str_eq_c(direction, "asc") || pf_str_eq_c(direction, "desc")))
            return false;
        entries++;
    }
    return entries == 1;
}

/* Checks a findUnique's or findFirst's arguments and keyed field; returns why not. */
static const char *check_find(const pf_model *model, const pf_schema_model *m, const target *t) {
    const pf_syntax *syntax = model->syntax;
    TSNode args = t->query->arg_object;
    uint32_t n = pf_node_named_count(args);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(args, i);
        if (pf_node_is(item, "comment")) continue;
        pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_str_make("", 0);
        TSNode value = pf_node_skip_parentheses(pf_node_field(item, "value"));
        if (pf_str_eq_c(key, "where") || pf_str_eq_c(key, "include")) continue;
        if (pf_str_eq_c(key, "select")) {
            TSNode keyed = pf_node_is(value, "object") ? pf_object_value(syntax, value, t->field->name) : pf_node_null();
            if (ts_node_is_null(keyed) || !pf_node_is(pf_node_skip_parentheses(keyed), "true"))
                return "the select leaves out the keyed field, which the lookup needs (adding it would change "
                       "the rows' shape)";
            continue;
        }
        if (pf_str_eq_c(key, "orderBy") && t->kind == READ_FIRST) {
            if (!plain_order(syntax, m, value))
                return "the findFirst's orderBy is not one scalar field of the model with 'asc' or 'desc' per "
                       "object (a relation, `_count` or `{ sort, nulls }`): the first row per key is left to a "
                       "person";
            continue;
        }
        return "the query has arguments other than where, select, include and a findFirst's orderBy (take, "
               "skip, cursor, distinct), which one findMany would apply to every key's rows at once";
    }
    /* Elements with the same key get the same row: each gets a copy, as each query gave. */
    TSNode select = pf_node_unwrap(pf_object_value(syntax, args, "select"));
    TSNode include = pf_node_unwrap(pf_object_value(syntax, args, "include"));
    if (!pf_append_row_copy(NULL, model->schema, syntax, m, select, include, "row", 0))
        return "the rows hold Bytes, DateTime-list or composite values, which elements with the same key would "
               "share (each query read its own objects)";
    if (t->kind == READ_UNIQUE && !t->field->is_id && !t->field->is_unique)
        return "the findUnique's keyed field is not @id or @unique on its own";
    if (t->field->is_optional)
        return "the keyed field is nullable: an `in` list never matches NULL, which the element's key may be";
    return NULL;
}

/* Whether `condition` tests whether `name` is there at all (`!row`, `row`, `row == null`,
 * `row !== undefined`, within `&&`/`||`): then the element may be missing for some elements. */
static bool tests_presence(const pf_syntax *syntax, TSNode condition, pf_str name) {
    condition = pf_node_skip_parentheses(condition);
    if (pf_node_is(condition, "identifier")) return pf_str_eq(pf_node_str(syntax, condition), name);
    if (pf_node_is(condition, "unary_expression"))
        return tests_presence(syntax, pf_node_field(condition, "argument"), name);
    if (pf_node_is(condition, "binary_expression"))
        return tests_presence(syntax, pf_node_field(condition, "left"), name) ||
               tests_presence(syntax, pf_node_field(condition, "right"), name);
    return false;
}

/* Whether `node` holds an expression written as `text` (`pupil.mentorId`, `level`). */
static bool holds_expression(const pf_syntax *syntax, TSNode node, pf_str text) {
    if ((pf_node_is(node, "identifier") || pf_node_is(node, "member_expression")) &&
        pf_str_eq(pf_node_str(syntax, node), text))
        return true;
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (holds_expression(syntax, pf_node_named_child(node, i), text)) return true;
    return false;
}

/* Whether a name the where reads, besides its key, is tested by one of the callback's
 * conditions: moved before them, the where could fail where they protected it. */
static bool where_reads_tested_name(const pf_syntax *syntax, const plan *p, TSNode node, TSNode key_item) {
    if (ts_node_eq(node, key_item)) return false;
    if (pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier")) {
        for (size_t i = 0; i < p->conditions.len; i++)
            if (pf_node_mentions(syntax, p->conditions.items[i], pf_node_str(syntax, node))) return true;
        return false;
    }
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (where_reads_tested_name(syntax, p, pf_node_named_child(node, i), key_item)) return true;
    return false;
}

/* A query under an `if`, or after a return or throw, runs for every element after the
 * rewrite, where it ran for some. That is fine for these reads: they change nothing, and one
 * more key in the `in` list changes no other key's rows. What must not change is what the
 * condition protected: the key is then the element, a name destructured from it, or one
 * property of an element the callback never tests for being there (`row.id`), and the rest of
 * the where reads nothing a condition tests. Returns why not. */
static const char *check_guarded(const pf_syntax *syntax, const plan *p, const target *t, pf_arena *arena) {
    TSNode key = pf_node_unwrap(t->key_value);
    if (t->computed && !pf_node_is(key, "member_expression"))
        return "a query under a condition (or after a return) has a computed key: computed now for every "
               "element, it could throw where the condition kept it from running";
    if (pf_node_is(key, "member_expression")) {
        TSNode object = pf_node_field(key, "object");
        pf_str root = pf_node_str(syntax, object);
        if (!pf_node_is(object, "identifier") || !pf_str_eq(root, p->element) ||
            pf_bytes_contain(pf_node_str(syntax, key).ptr, pf_node_str(syntax, key).len, "?."))
            return "a query under a condition (or after a return) has a key that is not the element or one property "
                   "of it: read now for every element, it could throw where the condition kept it from running";
        for (size_t i = 0; i < p->conditions.len; i++)
            if (tests_presence(syntax, p->conditions.items[i], root))
                return "a query under a condition reads a property of the element, which a condition tests for "
                       "being there: read now for every element, it would throw for the missing ones";
    }
    for (size_t i = 0; i < p->conditions.len; i++)
        if (holds_expression(syntax, p->conditions.items[i], pf_node_str(syntax, key)) ||
            holds_expression(syntax, p->conditions.items[i], pf_node_str(syntax, pf_node_unwrap(t->key))))
            return pf_arena_printf(arena, "a query under a condition that tests its key `%s` (for null, say): "
                                          "looked up now for every element, the key would go into the `in` list "
                                          "where the condition kept it out",
                                   pf_excerpt(arena, pf_node_str(syntax, key)));
    if (where_reads_tested_name(syntax, p, t->where, t->key_item))
        return "a query under a condition reads, besides the element, a value a condition of the callback tests: "
               "run now before that condition, for every element, it could fail where the condition protected it";
    return NULL;
}

/* Whether the where reads a variable the callback declares, besides a key held in a local
 * (local_key_value), which the keys list computes from its initializer. */
static bool where_uses_block_names(const pf_syntax *syntax, const target *t, TSNode body) {
    if (ts_node_eq(t->key, t->key_value)) return pf_node_uses_block_names(syntax, t->where, body);
    uint32_t n = pf_node_named_count(t->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(t->where, i);
        if (!ts_node_eq(item, t->key_item) && pf_node_uses_block_names(syntax, item, body)) return true;
    }
    return pf_node_uses_block_names(syntax, t->key_value, body);
}

/* Checks one per-element query and fills the target; returns why it cannot be rewritten. */
static const char *check_target(const pf_model *model, const plan *p, target *t, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    const pf_query *q = t->query;
    if (q->kind == PF_QUERY_WRITE || q->kind == PF_QUERY_RAW_WRITE)
        return "the callback writes to the database: writes per element are never merged into one query";
    if (pf_str_eq_c(q->op, "count")) t->kind = READ_COUNT;
    else if (pf_str_eq_c(q->op, "aggregate")) t->kind = READ_AGGREGATE;
    else if (pf_str_eq_c(q->op, "findUnique")) t->kind = READ_UNIQUE;
    else if (pf_str_eq_c(q->op, "findFirst")) t->kind = READ_FIRST;
    else
        return "the callback runs a query other than count, aggregate, findUnique or findFirst (findMany, the "
               "...OrThrow forms): only those become one query";
    if (ts_node_is_null(q->arg_object)) return "the query's arguments are not an object literal with a where";
    uint32_t n = pf_node_named_count(q->arg_object);
    for (uint32_t i = 0; i < n && t->kind == READ_COUNT; i++) {
        TSNode item = pf_node_named_child(q->arg_object, i);
        if (pf_node_is(item, "comment")) continue;
        if (!pf_node_is(item, "pair") || !pf_str_eq_c(pf_pair_key(syntax, item), "where"))
            return "the count has arguments other than where (select, take, distinct, ...)";
    }
    t->where = pf_node_unwrap(pf_object_value(syntax, q->arg_object, "where"));
    if (!pf_node_is(t->where, "object")) return "the query's where is not an object literal";
    const char *why = find_key(syntax, p, t);
    if (why) return why;
    /* The groupBy runs outside the callback, where its locals do not exist. */
    TSNode body = pf_node_field(p->callback, "body");
    if (pf_node_is(body, "statement_block") && where_uses_block_names(syntax, t, body))
        return "the where uses a value computed inside the callback (other than a const key computed from "
               "the element alone)";
    /* Only a count of the right shape needs the schema: a decline names the first check that fails. */
    if (!model->schema) return "needs the Prisma schema, to know the counted field's type";
    const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, q->delegate);
    pf_str key = pf_node_is(t->key_item, "pair") ? pf_pair_key(syntax, t->key_item) : pf_node_str(syntax, t->key_item);
    t->field = m ? pf_schema_field_named(m, key) : NULL;
    if (!t->field) return "the filtered field is not in the Prisma schema";
    if (t->kind == READ_AGGREGATE) why = check_reductions(syntax, m, q->arg_object);
    if (t->kind == READ_UNIQUE || t->kind == READ_FIRST) why = check_find(model, m, t);
    if (why) return why;
    if (t->field->kind != PF_FIELD_SCALAR && t->field->kind != PF_FIELD_ENUM)
        return "the element filters through a relation, which groupBy cannot group by";
    if (pf_node_is(pf_node_unwrap(t->key_value), "object") || !depends_on_element_alone(syntax, p, t->key_value))
        return "the key is not the element or an expression of the element alone (an operator such as "
               "`{ contains: ... }`, or other values mixed in)";
    if (pf_node_has_effects(syntax, t->key_value, pf_node_null(), key_call_is_pure))
        return "the key calls a function that may do more than compute a value from the element";
    t->computed = key_is_computed(t->key_value);
    if (t->guarded && (why = check_guarded(syntax, p, t, arena))) return why;
    if (pf_node_has_effects(syntax, t->where, t->key_item, pf_call_computes_value_or_now))
        return "the where calls something besides the key, which would now run once instead of once per element";
    return pf_map_key_problem(model->schema, t->field);
}

/* Whether `value` is a literal a `===` compares as the database compares the column's
 * values: a string, a number, true or false. */
static bool is_plain_literal(TSNode value) {
    value = pf_node_skip_parentheses(value);
    return pf_node_is(value, "string") || pf_node_is(value, "number") || pf_node_is(value, "true") ||
           pf_node_is(value, "false");
}

/* The where entries of a target, comments left out, into `items` (at most `cap`); their number. */
static uint32_t where_items(const target *t, TSNode *items, uint32_t cap) {
    uint32_t n = pf_node_named_count(t->where), count = 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(t->where, i);
        if (pf_node_is(item, "comment")) continue;
        if (count == cap) return cap + 1;
        items[count++] = item;
    }
    return count;
}

/* Whether two queries reduce the same way: both counts, or aggregates whose arguments around
 * the where are written the same (the same reductions in the same order). */
static bool same_reductions(const pf_syntax *syntax, const target *a, const target *b) {
    if (a->kind != b->kind || a->kind == READ_UNIQUE || a->kind == READ_FIRST) return false;
    if (a->kind == READ_COUNT) return true;
    pf_str x = pf_node_str(syntax, a->query->arg_object), y = pf_node_str(syntax, b->query->arg_object);
    pf_str wx = pf_node_str(syntax, a->where), wy = pf_node_str(syntax, b->where);
    size_t before_x = (size_t)(wx.ptr - x.ptr), before_y = (size_t)(wy.ptr - y.ptr);
    size_t after_x = x.len - before_x - wx.len, after_y = y.len - before_y - wy.len;
    return before_x == before_y && after_x == after_y && memcmp(x.ptr, y.ptr, before_x) == 0 &&
           memcmp(wx.ptr + wx.len, wy.ptr + wy.len, after_x) == 0;
}

/* Whether `b` can share `a`'s groupBy: the same model, key and reductions, and wheres that
 * differ only in the value of one entry, at `*split` (the same field, a literal in both).
 * Entries written the same are the same filter: they are free of effects and of the
 * callback's locals (check_target). */
static bool differs_in_one_equality(const pf_model *model, const target *a, const target *b, uint32_t *split) {
    const pf_syntax *syntax = model->syntax;
    enum { MAX_ITEMS = 32 };
    TSNode xs[MAX_ITEMS], ys[MAX_ITEMS];
    if (!pf_str_eq(a->query->client, b->query->client) || !pf_str_eq(a->query->delegate, b->query->delegate) ||
        a->field != b->field || !same_reductions(syntax, a, b))
        return false;
    uint32_t n = where_items(a, xs, MAX_ITEMS);
    if (n > MAX_ITEMS || where_items(b, ys, MAX_ITEMS) != n) return false;
    uint32_t differing = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (pf_str_eq(pf_node_str(syntax, xs[i]), pf_node_str(syntax, ys[i]))) continue;
        if (!pf_node_is(xs[i], "pair") || !pf_node_is(ys[i], "pair") || ts_node_eq(xs[i], a->key_item) ||
            !pf_str_eq(pf_pair_key(syntax, xs[i]), pf_pair_key(syntax, ys[i])) ||
            !is_plain_literal(pf_node_field(xs[i], "value")) || !is_plain_literal(pf_node_field(ys[i], "value")))
            return false;
        *split = i;
        differing++;
    }
    return differing == 1;
}

/* Joins counts (or aggregates) that differ only in one more equality into one groupBy by
 * [key, that field], when the database compares that field as `===` does. */
static void cluster_targets(const pf_model *model, plan *p) {
    const pf_syntax *syntax = model->syntax;
    for (size_t j = 0; j < p->targets.len; j++) p->targets.items[j].leader = j;
    for (size_t j = 1; j < p->targets.len; j++) {
        target *b = &p->targets.items[j];
        for (size_t i = 0; i < j; i++) {
            target *a = &p->targets.items[i];
            uint32_t split;
            if (a->leader != i || !differs_in_one_equality(model, a, b, &split)) continue;
            TSNode items[32];
            where_items(a, items, 32);
            TSNode split_item = items[split];
            if (!ts_node_is_null(a->split) && !ts_node_eq(a->split, split_item)) continue;
            if (ts_node_is_null(a->split)) {
                const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, a->query->delegate);
                const pf_schema_field *f = m ? pf_schema_field_named(m, pf_pair_key(syntax, split_item)) : NULL;
                if (!f || (f->kind != PF_FIELD_SCALAR && f->kind != PF_FIELD_ENUM) || f->is_list ||
                    pf_map_key_problem(model->schema, f))
                    continue;
                a->split = split_item;
                a->split_field = f;
            }
            TSNode own[32];
            where_items(b, own, 32);
            b->leader = i;
            b->split = own[split];
            b->split_field = a->split_field;
            break;
        }
    }
}

/* Records the query an expression is as a target when it is one; false otherwise. A query
 * without `await` is one only where its promise is the callback's value (`returned`), which
 * Promise.all awaits: stored in a variable it would stay a promise. */
static bool take_target(const pf_model *model, plan *p, pf_arena *arena, TSNode expr, bool returned) {
    const pf_query *q = pf_model_plain_query(model, expr);
    if (!q || (!returned && !pf_node_is(pf_node_skip_parentheses(expr), "await_expression"))) return false;
    target *t = PF_VEC_PUSH(arena, p->targets);
    t->query = q;
    t->replace = expr;
    return true;
}

/* Records `await Promise.all([q1, q2])` in the callback as targets when every element is a
 * plain query: the array of their lookups replaces it. False otherwise. */
static bool take_inner_group(const pf_model *model, plan *p, pf_arena *arena, TSNode value) {
    value = pf_node_skip_parentheses(value);
    if (!pf_node_is(value, "await_expression")) return false;
    const pf_group *g = pf_model_group_at(model, pf_node_skip_parentheses(pf_node_named_child(value, 0)));
    if (!g || g->shape != PF_GROUP_ARRAY || !pf_str_eq_c(g->method, "all")) return false;
    uint32_t n = pf_node_named_count(g->argument), queries = 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(g->argument, i);
        if (pf_node_is(item, "comment")) continue;
        if (!pf_model_plain_query(model, item)) return false;
        queries++;
    }
    if (queries == 0) return false;
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(g->argument, i);
        if (!pf_node_is(item, "comment")) take_target(model, p, arena, item, true);
    }
    *PF_VEC_PUSH(arena, p->inner_groups) = value;
    return true;
}

/* Whether `call` only writes to the console (`console.log(...)`): after the rewrite the
 * callbacks run one after another, so lines of different elements may come out in another
 * order than they did, which is not a value the code computes. */
static bool is_console_call(const pf_syntax *syntax, TSNode call) {
    static const char *const methods[] = {"log", "info", "warn", "error", "debug"};
    TSNode callee = pf_node_field(call, "function");
    if (!pf_node_is(call, "call_expression") || !pf_node_is(callee, "member_expression") ||
        !pf_node_text_is(syntax, pf_node_field(callee, "object"), "console"))
        return false;
    pf_str method = pf_node_str(syntax, pf_node_field(callee, "property"));
    for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
        if (pf_str_eq_c(method, methods[i])) return true;
    return false;
}

/* Whether `call` is a method that reads an array (or a Map or Set) without changing it
 * (`rows.map((r) => r.id)`, `ids.filter(...)`, `byId.get(id)`): with callbacks free of
 * effects, it only computes a value. */
static bool is_reading_method_call(const pf_syntax *syntax, TSNode call) {
    static const char *const methods[] = {"map",     "filter",      "find",   "findIndex", "findLast", "some",
                                          "every",   "reduce",      "flatMap", "flat",     "indexOf",  "join",
                                          "concat",  "lastIndexOf", "get",     "has"};
    TSNode callee = pf_node_field(call, "function");
    if (!pf_node_is(call, "call_expression") || !pf_node_is(callee, "member_expression")) return false;
    pf_str method = pf_node_str(syntax, pf_node_field(callee, "property"));
    for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
        if (pf_str_eq_c(method, methods[i])) return true;
    return false;
}

/* Whether the function `fn` is passed to a reading method (is_reading_method_call). */
static bool is_reading_callback(const pf_syntax *syntax, TSNode fn) {
    TSNode args = pf_node_parent_unparen(fn);
    return pf_node_is(args, "arguments") && is_reading_method_call(syntax, ts_node_parent(args));
}

/* Whether `node` is one of the queries (or `await Promise.all([...])` of them) that become
 * lookups: its inside is checked by check_target, not here. */
static bool is_taken(const plan *p, TSNode node) {
    for (size_t i = 0; i < p->targets.len; i++)
        if (ts_node_eq(p->targets.items[i].replace, node)) return true;
    for (size_t i = 0; i < p->inner_groups.len; i++)
        if (ts_node_eq(p->inner_groups.items[i], node)) return true;
    return false;
}

/* Whether `name` (an assignment's left side) is a variable the callback declares itself. */
static bool is_callback_local(const pf_syntax *syntax, const plan *p, TSNode name) {
    return pf_node_is(name, "identifier") &&
           pf_node_uses_block_names(syntax, name, pf_node_field(p->callback, "body"));
}

/* The first thing in `node` that may change state or wait, other than the callback's queries,
 * console calls and assignments to its own variables (or a null node): an await, a write to
 * anything else, a call that may do more than compute a value, a nested function. */
static TSNode first_effect(const pf_syntax *syntax, const plan *p, TSNode node) {
    if (ts_node_is_null(node) || is_taken(p, node)) return pf_node_null();
    if (pf_node_is(node, "await_expression") || pf_node_is(node, "yield_expression") ||
        (pf_node_is_function(node) && !is_reading_callback(syntax, node)))
        return node;
    if (pf_node_is(node, "assignment_expression") || pf_node_is(node, "augmented_assignment_expression")) {
        if (!is_callback_local(syntax, p, pf_node_field(node, "left"))) return node;
        return first_effect(syntax, p, pf_node_field(node, "right"));
    }
    if (pf_node_is(node, "update_expression"))
        return is_callback_local(syntax, p, pf_node_field(node, "argument")) ? pf_node_null() : node;
    if (pf_node_is(node, "unary_expression") && pf_node_is(pf_node_child(node, 0), "delete")) return node;
    if ((pf_node_is(node, "call_expression") || pf_node_is(node, "new_expression")) &&
        !key_call_is_pure(syntax, node) && !pf_call_computes_value_or_now(syntax, node) &&
        !is_console_call(syntax, node) && !is_reading_method_call(syntax, node))
        return node;
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++) {
        TSNode found = first_effect(syntax, p, pf_node_named_child(node, i));
        if (!ts_node_is_null(found)) return found;
    }
    return pf_node_null();
}

/* Whether `value` is `new SomethingError(...)` or `new SomethingException(...)`: building an
 * error to throw only computes a value. */
static bool is_error_construction(const pf_syntax *syntax, TSNode value) {
    value = pf_node_skip_parentheses(value);
    if (!pf_node_is(value, "new_expression")) return false;
    TSNode constructor = pf_node_field(value, "constructor");
    if (!pf_node_is(constructor, "identifier")) return false;
    pf_str name = pf_node_str(syntax, constructor);
    return pf_str_ends_with(name, "Error") || pf_str_ends_with(name, "Exception");
}

/* What reading the callback's statements found besides its queries. */
typedef struct callback_walk {
    bool exits;    /* a return or throw seen so far: queries after it may not run for every element */
    TSNode effect; /* the first effect (first_effect), or a null node */
    bool awaited;  /* a query every element awaits has been read */
    /* Throws: before any query (each element throws before its first await, in element order,
     * as the rewritten map does), after a query every element awaits, or either. */
    bool throws_early, throws_late, throws_either;
} callback_walk;

/* Checks a value the callback computes (not a query): records its first effect. */
static void note_effects(const pf_syntax *syntax, const plan *p, callback_walk *w, TSNode value) {
    TSNode effect = first_effect(syntax, p, value);
    if (ts_node_is_null(w->effect)) w->effect = effect;
}

/* Marks the targets taken since `from` as reached only under a condition. */
static void mark_guarded(plan *p, size_t from, bool guarded) {
    for (size_t i = from; i < p->targets.len; i++) p->targets.items[i].guarded = guarded;
}

static const char *read_statement(const pf_model *model, plan *p, pf_arena *arena, TSNode stmt, bool guarded,
                                  callback_walk *w);

/* Reads the statements of a block, in order. */
static const char *read_block(const pf_model *model, plan *p, pf_arena *arena, TSNode block, bool guarded,
                              callback_walk *w) {
    uint32_t n = pf_node_named_count(block);
    for (uint32_t i = 0; i < n; i++) {
        const char *why = read_statement(model, p, arena, pf_node_named_child(block, i), guarded, w);
        if (why) return why;
    }
    return NULL;
}

/* Reads one statement of the callback: a declaration, an assignment, a console call, an
 * `if`, a return or a throw, each computing values only, and the per-element queries as
 * whole values (`const c = await q`, `c = await q`, `return q`). Other statements (loops,
 * `try`, `switch`) are declined with their kind. */
static const char *read_statement(const pf_model *model, plan *p, pf_arena *arena, TSNode stmt, bool guarded,
                                  callback_walk *w) {
    const pf_syntax *syntax = model->syntax;
    TSNode none = pf_node_null();
    bool under = guarded || w->exits;
    size_t from = p->targets.len;
    if (pf_node_is(stmt, "comment") || pf_node_is(stmt, "empty_statement")) return NULL;
    if (pf_node_is(stmt, "statement_block")) return read_block(model, p, arena, stmt, guarded, w);
    if (pf_node_is(stmt, "if_statement")) {
        TSNode condition = pf_node_field(stmt, "condition");
        note_effects(syntax, p, w, condition);
        *PF_VEC_PUSH(arena, p->conditions) = condition;
        const char *why = read_statement(model, p, arena, pf_node_field(stmt, "consequence"), true, w);
        TSNode alternative = pf_node_field(stmt, "alternative");
        if (!why && !ts_node_is_null(alternative))
            why = read_block(model, p, arena, alternative, true, w); /* the else clause's statement */
        return why;
    }
    if (pf_node_is(stmt, "lexical_declaration") || pf_node_is(stmt, "variable_declaration")) {
        if (pf_node_named_count(stmt) != 1) {
            /* Several declarators: each must only compute a value. */
            if (pf_node_has_effects(syntax, stmt, none, pf_call_computes_value))
                return "the callback declares several variables, one of them with a query or a call";
            return NULL;
        }
        TSNode value = pf_node_field(pf_node_child_of_type(stmt, "variable_declarator"), "value");
        if (ts_node_is_null(value)) return NULL;
        if (!take_inner_group(model, p, arena, value) && !take_target(model, p, arena, value, false))
            note_effects(syntax, p, w, value);
        mark_guarded(p, from, under);
        w->awaited |= p->targets.len > from && !under;
        return NULL;
    }
    if (pf_node_is(stmt, "return_statement") || pf_node_is(stmt, "throw_statement")) {
        TSNode value = pf_node_named_child(stmt, 0);
        bool returned = pf_node_is(stmt, "return_statement");
        if (!returned && is_error_construction(syntax, value))
            note_effects(syntax, p, w, pf_node_field(pf_node_skip_parentheses(value), "arguments"));
        else if (ts_node_is_null(value) || !take_target(model, p, arena, value, returned))
            note_effects(syntax, p, w, value);
        mark_guarded(p, from, under);
        if (!returned) {
            if (!p->targets.len) w->throws_early = true;
            else if (w->awaited) w->throws_late = true;
            else w->throws_either = true;
        }
        w->awaited |= p->targets.len > from && !under;
        w->exits = true;
        return NULL;
    }
    if (pf_node_is(stmt, "expression_statement")) {
        TSNode expr = pf_node_skip_parentheses(pf_node_named_child(stmt, 0));
        /* `c = await q` into a variable of the callback (`let c = 0; if (x) c = await q`). */
        if (pf_node_is(expr, "assignment_expression") && is_callback_local(syntax, p, pf_node_field(expr, "left")) &&
            take_target(model, p, arena, pf_node_field(expr, "right"), false)) {
            mark_guarded(p, from, under);
            w->awaited |= !under;
            return NULL;
        }
        note_effects(syntax, p, w, expr);
        return NULL;
    }
    const char *type = ts_node_type(stmt); /* `for_in_statement` is named `for` */
    return pf_arena_printf(arena, "the callback has a `%.*s` statement: only declarations, assignments to its own "
                                  "variables, console calls, `if`, return and throw are read",
                           (int)strcspn(type, "_"), type);
}

/* Why the callback's first effect keeps the rewrite from being made. The queries move before
 * the map and the callbacks, now without awaits, run one after another: an effect before a
 * query could have changed what the query reads or whether it runs; an effect after one would
 * happen in another order across elements, and stop at the first element that throws. */
static const char *effect_problem(const pf_model *model, const plan *p, TSNode effect, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    /* A query kept as a promise (`const c = prisma.x.count(...)`), or awaited inside a larger
     * expression, is not a value a lookup can replace. */
    TSNode awaited = pf_node_is(effect, "await_expression") ? pf_node_named_child(effect, 0) : effect;
    const pf_query *query = pf_model_plain_query(model, awaited);
    TSNode callee = pf_node_is(effect, "call_expression") ? pf_node_field(effect, "function") : pf_node_null();
    const pf_query *chained =
        pf_node_is(callee, "member_expression") ? pf_model_plain_query(model, pf_node_field(callee, "object")) : NULL;
    if (chained)
        return pf_arena_printf(arena, "the callback calls `.%.*s` on the query `%.*s.%.*s.%.*s`: only a query that "
                                      "is a value of its own can become a lookup",
                               (int)pf_node_str(syntax, pf_node_field(callee, "property")).len,
                               pf_node_str(syntax, pf_node_field(callee, "property")).ptr, (int)chained->client.len,
                               chained->client.ptr, (int)chained->delegate.len, chained->delegate.ptr,
                               (int)chained->op.len, chained->op.ptr);
    if (query)
        return pf_arena_printf(arena, "the callback uses the query `%.*s%s%.*s.%.*s` other than as an awaited value of "
                                      "its own (kept unawaited it is a promise; inside a larger expression a lookup "
                                      "cannot take its place)",
                               (int)query->client.len, query->client.ptr, query->delegate.len ? "." : "",
                               (int)query->delegate.len, query->delegate.ptr, (int)query->op.len, query->op.ptr);
    bool before = false;
    for (size_t i = 0; i < p->targets.len; i++)
        before |= ts_node_start_byte(effect) < ts_node_start_byte(p->targets.items[i].replace);
    TSNode shown = effect;
    const char *verb = "calls";
    if (pf_node_is(effect, "await_expression")) shown = pf_node_named_child(effect, 0);
    else if (pf_node_is(effect, "call_expression")) shown = pf_node_field(effect, "function");
    else if (pf_node_is(effect, "new_expression")) verb = "builds";
    else if (pf_node_is(effect, "assignment_expression") || pf_node_is(effect, "augmented_assignment_expression")) {
        verb = "writes";
        shown = pf_node_field(effect, "left");
    } else if (pf_node_is(effect, "update_expression") || pf_node_is(effect, "unary_expression")) verb = "writes";
    else if (pf_node_is_function(effect)) verb = "defines a function,";
    const char *what = pf_excerpt(arena, pf_node_str(syntax, shown));
    if (pf_node_is(effect, "await_expression"))
        return pf_arena_printf(arena, "the callback awaits `%s`, which is not one of its queries (a count, aggregate, "
                                      "findUnique or findFirst as a whole value): the rewritten callback runs without "
                                      "awaits",
                               what);
    if (before)
        return pf_arena_printf(arena, "the callback %s `%s` before a query, which could change what the query reads "
                                      "or whether it runs; the query would now run before it",
                               verb, what);
    bool writes = strcmp(verb, "writes") == 0;
    return pf_arena_printf(arena, "the callback %s `%s`, which may have side effects (%s): after the rewrite the "
                                  "callbacks run one after another, in another order than they finished their "
                                  "queries, and stop at the first that throws",
                           verb, what, writes ? "it is not the callback's own variable" : "a write, a call out");
}

/* Reads the callback body: statements that compute values (with console calls, ifs, returns
 * and throws among them) and the per-element queries. */
static const char *read_callback(const pf_model *model, plan *p, pf_arena *arena) {
    TSNode body = pf_node_field(p->callback, "body");
    if (!pf_node_is(body, "statement_block")) {
        if (!take_target(model, p, arena, body, true))
            return "the callback's value is not a single query (a count, aggregate, findUnique or findFirst) but "
                   "a call or an expression around one";
        return NULL;
    }
    callback_walk w = {false, pf_node_null(), false, false, false, false};
    const char *why = read_block(model, p, arena, body, false, &w);
    if (why) return why;
    /* The original rejects with the first element to throw in time: those that throw before
     * their first await come first; the rewritten map goes in element order. */
    if (w.throws_either || (w.throws_early && w.throws_late))
        return "the callback throws both before its queries and after them (or where either can be): which "
               "element's error surfaces first could change, as the callbacks no longer wait at their queries";
    if (!ts_node_is_null(w.effect)) return effect_problem(model, p, w.effect, arena);
    return p->targets.len ? NULL : "the callback does not await a count, aggregate, findUnique or findFirst";
}

/* Works out the whole rewrite, or why it cannot be made. */
static const char *plan_rewrite(const pf_model *model, plan *p, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    if (pf_str_eq_c(p->group->method, "allSettled"))
        return "Promise.allSettled gives how each callback settled, not its count";
    if (!pf_str_eq_c(p->group->method, "all"))
        return pf_arena_printf(arena, "Promise.%.*s settles with the first callback to finish, not with every count",
                               (int)p->group->method.len, p->group->method.ptr);
    if (pf_model_writes_within(model, p->group->callback))
        return "the callback writes to the database: writes per element are never merged into one query";
    p->await = pf_node_parent_unparen(p->group->call);
    if (!pf_node_is(p->await, "await_expression")) return "the Promise.all is not awaited where it is built";
    pf_slot slot;
    const char *why = pf_statement_slot(p->await, &slot);
    if (why) return why;
    p->statement = slot.statement;
    /* The groupBy goes before the statement, so it now runs before the assignment's target
     * is evaluated (pattern defaults run after the value, as before). */
    if (slot.kind == PF_SLOT_ASSIGN &&
        pf_node_has_effects(syntax, slot.target, pf_node_null(), pf_call_computes_value))
        return "the assignment's left side calls something, which the groupBy would now run before";
    p->callback = p->group->callback;
    p->array_from = pf_node_text_is(syntax, pf_node_field(p->group->argument, "function"), "Array.from");
    TSNode params = pf_node_field(p->callback, "parameters");
    TSNode single = pf_node_field(p->callback, "parameter");
    uint32_t count = ts_node_is_null(single) ? pf_node_named_count(params) : 1;
    if (count == 0 || count > 2) return "the callback takes no parameter or reads the whole array (a third one)";
    p->params = ts_node_is_null(single) ? params : single;
    p->param = ts_node_is_null(single) ? pf_node_named_child(params, 0) : single;
    TSNode name = pf_node_is(p->param, "required_parameter") ? pf_node_field(p->param, "pattern") : p->param;
    p->element = pf_node_is(name, "identifier") ? pf_node_str(syntax, name) : pf_str_make("", 0);
    if (count == 2) {
        TSNode second = pf_node_named_child(params, 1);
        TSNode index = pf_node_is(second, "required_parameter") ? pf_node_field(second, "pattern") : second;
        if (!pf_node_is(index, "identifier")) return "the callback's second parameter is not a plain name";
        p->index = pf_node_str(syntax, index);
    }
    if (!ts_node_is_null(pf_node_field(p->callback, "return_type")))
        return "the callback declares its return type, which names the Promise its `async` returns";
    why = read_callback(model, p, arena);
    for (size_t i = 0; !why && i < p->targets.len; i++) why = check_target(model, p, &p->targets.items[i], arena);
    for (size_t i = 0; !why && i < p->targets.len; i++) why = pf_client_hook_problem(model, p->targets.items[i].query->client,
                                                        p->targets.items[i].query->delegate, arena);
    if (why) return why;
    cluster_targets(model, p);
    TSNode mapped = pf_node_unwrap(p->group->mapped);
    bool literal = pf_node_is(mapped, "object") && !pf_node_has_effects(syntax, mapped, pf_node_null(), pf_call_computes_value);
    pf_iterable iterable = literal ? PF_ITERABLE_ARRAY : pf_iterable_of(model, p->group->mapped);
    if (iterable == PF_ITERABLE_ONCE && !p->array_from)
        return "the callback is mapped over an iterator (`.map` of iterator helpers), which the keys would use up";
    /* The keys and the lookups each go over the elements: Array.from's source may be an iterator
     * (a generator, `map.values()`), used up by the first pass, so it is copied once. */
    if (p->array_from && iterable != PF_ITERABLE_ARRAY) p->values_copied = true;
    if ((!pf_node_is(mapped, "identifier") && !pf_node_is(mapped, "member_expression") && !literal) || p->values_copied)
        p->values_name = "";
    for (size_t i = 0; i < p->targets.len; i++) {
        const target *t = &p->targets.items[i];
        if (!pf_key_is_defined(model, t->key_value, p->param, p->group->mapped))
            return pf_arena_printf(arena,
                                   "nothing says the key `%s` is never undefined: Prisma reads `%s: undefined` as no "
                                   "filter (a count of every row), which one groupBy by `%s` cannot give; give the "
                                   "array or the parameter a type without undefined",
                                   pf_excerpt(arena, pf_node_str(syntax, t->key_value)), t->field->name,
                                   t->field->name);
    }
    return NULL;
}

/* `student_id` → `StudentId`, for names built from a field. */
static void append_camel(pf_buf *out, const char *name) {
    bool upper = true;
    for (const char *c = name; *c; c++) {
        if (*c == '_') {
            upper = true;
            continue;
        }
        pf_buf_putc(out, upper && *c >= 'a' && *c <= 'z' ? (char)(*c - 32) : *c);
        upper = false;
    }
}

/* Picks the names the rewrite introduces. */
static void name_things(const pf_model *model, plan *p, pf_arena *arena, pf_name_list *taken) {
    const pf_syntax *syntax = model->syntax;
    pf_str element = p->element.len > 1 || (p->element.len == 1 && p->element.ptr[0] != '_') ? p->element : pf_str_c("element");
    if (p->values_name)
        p->values_name =
            pf_fresh_name(syntax, arena, taken, pf_arena_printf(arena, "%.*sValues", (int)element.len, element.ptr));
    bool computed = false;
    for (size_t i = 0; i < p->targets.len; i++) computed |= p->targets.items[i].computed;
    if (computed)
        p->index_name = p->index.len ? pf_arena_strndup(arena, p->index.ptr, p->index.len)
                                     : pf_fresh_name(syntax, arena, taken,
                                                     pf_arena_printf(arena, "%.*sIndex", (int)element.len, element.ptr));
    for (size_t i = 0; i < p->targets.len; i++) {
        target *t = &p->targets.items[i];
        pf_buf base = PF_BUF_INIT;
        pf_buf_append(&base, t->query->delegate.ptr, t->query->delegate.len);
        size_t stem = base.len;
        bool finds = t->kind == READ_UNIQUE || t->kind == READ_FIRST;
        if (!finds) append_camel(&base, t->field->name);
        if (!ts_node_is_null(t->split)) append_camel(&base, t->split_field->name);
        pf_buf_puts(&base, finds ? "Rows" : "Groups");
        t->groups_name = t->leader == i ? pf_fresh_name(syntax, arena, taken, base.data)
                                        : p->targets.items[t->leader].groups_name;
        if (finds || t->kind == READ_AGGREGATE) {
            base.len = stem;
            pf_buf_puts(&base, finds ? "RowCopy" : "AggregateOf");
            t->copy_name = pf_fresh_name(syntax, arena, taken, base.data);
        }
        base.len = stem;
        pf_buf_puts(&base, t->kind == READ_AGGREGATE ? "AggregatesBy" : t->kind == READ_COUNT ? "CountsBy" : "By");
        append_camel(&base, t->field->name);
        t->map_name = pf_fresh_name(syntax, arena, taken, base.data);
        for (size_t j = 0; t->computed && j < i; j++) {
            const target *u = &p->targets.items[j];
            if (u->keys_name && pf_str_eq(pf_node_str(syntax, u->key_value), pf_node_str(syntax, t->key_value))) {
                t->keys_name = u->keys_name;
                t->keys_shared = true;
                break;
            }
        }
        if (t->computed && !t->keys_shared) {
            /* `student_id` → `studentIdKeys` */
            base.len = 0;
            append_camel(&base, t->field->name);
            if (base.len && base.data[0] >= 'A' && base.data[0] <= 'Z') base.data[0] = (char)(base.data[0] + 32);
            pf_buf_puts(&base, "Keys");
            t->keys_name = pf_fresh_name(syntax, arena, taken, base.data);
        }
        pf_buf_free(&base);
    }
}

/* Whether xs is surely a mutable array, which Prisma's `in` accepts as it is: a `const`
 * bound to a plain array literal, or a parameter typed without `readonly`. Anything else
 * (an `as const` tuple, a readonly parameter, an expression) is copied with a spread. */
static bool mutable_array(const pf_model *model, TSNode xs) {
    const pf_syntax *syntax = model->syntax;
    if (!pf_node_is(xs, "identifier")) return false;
    TSNode literal = pf_model_array_literal(model, xs);
    if (!ts_node_is_null(literal)) return pf_node_is(ts_node_parent(literal), "variable_declarator");
    TSNode type = pf_node_field(pf_model_parameter_named(model, xs), "type");
    if (ts_node_is_null(type)) return false; /* a local bound to an expression, or an untyped parameter */
    pf_str text = pf_node_str(syntax, type);
    return pf_str_ends_with(text, "[]") && !pf_bytes_contain(text.ptr, text.len, "readonly");
}

/* Appends every element's key: `xs.map((params) => key)`, or `Array.from(xs, (params) => key)`. */
static void append_key_list(pf_buf *out, const pf_syntax *syntax, const plan *p, pf_str values, pf_str key) {
    pf_str params = pf_node_str(syntax, p->params);
    bool parens = params.len && params.ptr[0] != '(';
    if (p->array_from) pf_buf_printf(out, "Array.from(%.*s, ", (int)values.len, values.ptr);
    else pf_buf_printf(out, "%.*s.map(", (int)values.len, values.ptr);
    pf_buf_printf(out, "%s%.*s%s => %.*s)", parens ? "(" : "", (int)params.len, params.ptr, parens ? ")" : "",
                  (int)key.len, key.ptr);
}

/* The keys to group: xs itself when the key is the element, else xs mapped to the key. */
static void append_keys(pf_buf *out, const pf_model *model, const plan *p, const target *t) {
    const pf_syntax *syntax = model->syntax;
    pf_str values = p->values_name ? pf_str_c(p->values_name) : pf_node_str(syntax, p->group->mapped);
    pf_str key = pf_node_str(syntax, t->key_value);
    if (t->keys_name) {
        pf_buf_puts(out, t->keys_name);
        return;
    }
    if (!p->array_from && pf_str_eq(key, p->element)) {
        bool copy = p->values_name || !mutable_array(model, p->group->mapped);
        pf_buf_printf(out, "%s%.*s%s", copy ? "[..." : "", (int)values.len, values.ptr, copy ? "]" : "");
        return;
    }
    append_key_list(out, syntax, p, values, key);
}

/* Whether every key is a string or number literal: then NULL is not among them. */
static bool keys_are_literals(const pf_model *model, const plan *p, const target *t) {
    if (p->array_from || !pf_str_eq(pf_node_str(model->syntax, t->key_value), p->element)) return false;
    TSNode array = pf_model_array_literal(model, p->group->mapped);
    if (ts_node_is_null(array)) return false;
    uint32_t n = pf_node_named_count(array);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(array, i);
        if (!pf_node_is(item, "string") && !pf_node_is(item, "number") && !pf_node_is(item, "comment")) return false;
    }
    return true;
}

/* `field: { in: [...] }` over the values of the split entry of every query sharing `leader`'s
 * groupBy, each value once, in the order the queries are written. */
static void append_split_values(pf_buf *out, const pf_model *model, const plan *p, const target *leader) {
    const pf_syntax *syntax = model->syntax;
    size_t leader_index = (size_t)(leader - p->targets.items);
    pf_buf_printf(out, "%s: { in: [", leader->split_field->name);
    for (size_t i = leader_index; i < p->targets.len; i++) {
        const target *t = &p->targets.items[i];
        if (t->leader != leader_index) continue;
        pf_str value = pf_node_str(syntax, pf_node_skip_parentheses(pf_node_field(t->split, "value")));
        bool seen = false;
        for (size_t k = leader_index; k < i && !seen; k++) {
            const target *u = &p->targets.items[k];
            seen = u->leader == leader_index &&
                   pf_str_eq(pf_node_str(syntax, pf_node_skip_parentheses(pf_node_field(u->split, "value"))), value);
        }
        if (!seen) pf_buf_printf(out, "%s%.*s", i == leader_index ? "" : ", ", (int)value.len, value.ptr);
    }
    pf_buf_puts(out, "] }");
}

/* Whether the groupBy leaves the element's entry out of its where: for a nullable field whose
 * keys may include NULL (an `in` never matches NULL), so that the NULL group is read too.
 * Otherwise the entry becomes `in` over the keys. */
static bool drops_key(const pf_model *model, const plan *p, const target *t) {
    return t->field->is_optional && !keys_are_literals(model, p, t);
}

/* The groupBy's where (see drops_key); a chunked groupBy's `in` is the chunk `chunk`. */
static void append_where(pf_buf *out, const pf_model *model, const plan *p, const target *t, const char *chunk) {
    const pf_syntax *syntax = model->syntax;
    bool drop_key = drops_key(model, p, t);
    uint32_t n = pf_node_named_count(t->where);
    bool first = true;
    pf_buf_puts(out, "{ ");
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(t->where, i);
        if (pf_node_is(item, "comment")) continue;
        if (ts_node_eq(item, t->key_item)) {
            if (drop_key) continue;
            pf_buf_printf(out, "%s%s: { in: ", first ? "" : ", ", t->field->name);
            if (chunk) pf_buf_puts(out, chunk);
            else append_keys(out, model, p, t);
            pf_buf_puts(out, " }");
        } else if (ts_node_eq(item, t->split)) {
            pf_buf_puts(out, first ? "" : ", ");
            append_split_values(out, model, p, t);
        } else {
            pf_str text = pf_node_str(syntax, item);
            pf_buf_printf(out, "%s%.*s", first ? "" : ", ", (int)text.len, text.ptr);
        }
        first = false;
    }
    pf_buf_puts(out, first ? "}" : " }");
}

/* Opens `inChunks(keys, N, (chunk) => ` before a chunked query (one `in` list holds at most N
 * keys; the helper joins the rows of every chunk); the caller closes it with `)`. */
static void append_chunks_open(pf_buf *out, const pf_model *model, const plan *p, const target *t) {
    const pf_syntax *syntax = model->syntax;
    if (!t->chunked) return;
    pf_buf_printf(out, "%s(", p->chunks_name);
    pf_str values = p->values_name ? pf_str_c(p->values_name) : pf_node_str(syntax, p->group->mapped);
    if (!t->keys_name && (!p->array_from || p->values_copied) &&
        pf_str_eq(pf_node_str(syntax, t->key_value), p->element))
        pf_buf_printf(out, "%.*s", (int)values.len, values.ptr); /* the chunks are copies: `in` may take them */
    else append_keys(out, model, p, t);
    pf_buf_printf(out, ", %ld, (%s) => ", pf_in_list_limit(model->schema), p->chunk_name);
}

/* The groupBy's reductions, one a line: `_count: { _all: true }` for a count, an aggregate's
 * as written (`_count: true` asked as `_count: { _all: true }`, which is a number either way). */
static void append_reductions(pf_buf *out, const pf_syntax *syntax, const target *t, pf_str indent, pf_str inner,
                              const char *comma, const char *nl) {
    if (t->kind == READ_COUNT) {
        pf_buf_printf(out, "%.*s%.*s_count: { _all: true }%s%s", (int)indent.len, indent.ptr, (int)inner.len,
                      inner.ptr, comma, nl);
        return;
    }
    TSNode args = t->query->arg_object;
    uint32_t n = pf_node_named_count(args), last = 0;
    for (uint32_t i = 0; i < n; i++)
        if (pf_node_is(pf_node_named_child(args, i), "pair") &&
            is_reduction(pf_pair_key(syntax, pf_node_named_child(args, i))))
            last = i;
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(args, i);
        if (!pf_node_is(item, "pair") || !is_reduction(pf_pair_key(syntax, item))) continue;
        pf_str key = pf_pair_key(syntax, item);
        pf_str value = pf_node_str(syntax, pf_node_field(item, "value"));
        if (pf_node_is(pf_node_skip_parentheses(pf_node_field(item, "value")), "true")) value = pf_str_c("{ _all: true }");
        pf_buf_printf(out, "%.*s%.*s%.*s: %.*s%s%s", (int)indent.len, indent.ptr, (int)inner.len, inner.ptr,
                      (int)key.len, key.ptr, (int)value.len, value.ptr, i == last ? comma : ",", nl);
    }
}

/* An aggregate's result built from a group (`{ _sum: group._sum, _count: group._count._all }`,
 * `group` true), or its result for no rows, which groupBy has no group for (`{ _sum: { amount:
 * null }, _count: 0 }`): Prisma's sums, averages and extremes of no rows are null, counts 0. */
static void append_aggregate_value(pf_buf *out, const pf_model *model, const target *t, bool group) {
    const pf_syntax *syntax = model->syntax;
    const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, t->query->delegate);
    TSNode args = t->query->arg_object;
    uint32_t n = pf_node_named_count(args);
    bool first = true;
    pf_buf_puts(out, "{ ");
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(args, i);
        if (!pf_node_is(item, "pair") || !is_reduction(pf_pair_key(syntax, item))) continue;
        pf_str key = pf_pair_key(syntax, item);
        TSNode value = pf_node_skip_parentheses(pf_node_field(item, "value"));
        bool counts = pf_str_eq_c(key, "_count");
        pf_buf_printf(out, "%s%.*s: ", first ? "" : ", ", (int)key.len, key.ptr);
        first = false;
        if (pf_node_is(value, "true")) {
            pf_buf_puts(out, group ? "group._count._all" : "0");
            continue;
        }
        if (group) {
            /* A copy of the reduction's object; a minimum or maximum of a DateTime is a Date. */
            pf_buf_printf(out, "{ ...group.%.*s", (int)key.len, key.ptr);
            for (uint32_t k = 0; k < pf_node_named_count(value); k++) {
                TSNode entry = pf_node_named_child(value, k);
                if (!pf_node_is(entry, "pair")) continue;
                pf_str name = pf_pair_key(syntax, entry);
                const pf_schema_field *f = m ? pf_schema_field_named(m, name) : NULL;
                if (counts || !f || strcmp(f->type, "DateTime") != 0) continue;
                pf_buf_printf(out, ", %.*s: group.%.*s.%.*s && new Date(group.%.*s.%.*s)", (int)name.len, name.ptr,
                              (int)key.len, key.ptr, (int)name.len, name.ptr, (int)key.len, key.ptr, (int)name.len,
                              name.ptr);
            }
            pf_buf_puts(out, " }");
            continue;
        }
        pf_buf_puts(out, "{ ");
        uint32_t fields = pf_node_named_count(value);
        bool first_field = true;
        for (uint32_t k = 0; k < fields; k++) {
            TSNode entry = pf_node_named_child(value, k);
            if (!pf_node_is(entry, "pair")) continue;
            pf_str name = pf_pair_key(syntax, entry);
            pf_buf_printf(out, "%s%.*s: %s", first_field ? "" : ", ", (int)name.len, name.ptr, counts ? "0" : "null");
            first_field = false;
        }
        pf_buf_puts(out, " }");
    }
    pf_buf_puts(out, " }");
}

/* One findMany for every element's findUnique/findFirst, and the Map from key to row: for a
 * findFirst, built from the rows in reverse so that each key keeps the first of its rows in
 * the findMany's order, the orderBy findFirst had. */
static void append_find_many(pf_buf *out, const pf_model *model, const plan *p, const target *t, pf_str indent,
                             pf_str inner, const char *comma, const char *semi, const char *nl, bool typed) {
    const pf_syntax *syntax = model->syntax;
    const pf_query *query = t->query;
    TSNode args = query->arg_object;
    uint32_t n = pf_node_named_count(args);
    pf_buf_printf(out, "const %s = await ", t->groups_name);
    append_chunks_open(out, model, p, t);
    pf_buf_printf(out, "%.*s.%.*s.findMany({%s", (int)query->client.len, query->client.ptr, (int)query->delegate.len,
                  query->delegate.ptr, nl);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(args, i);
        if (!pf_node_is(item, "pair")) continue;
        bool last = true;
        for (uint32_t k = i + 1; k < n; k++) last &= !pf_node_is(pf_node_named_child(args, k), "pair");
        pf_buf_printf(out, "%.*s%.*s", (int)indent.len, indent.ptr, (int)inner.len, inner.ptr);
        if (ts_node_eq(pf_node_unwrap(pf_node_field(item, "value")), t->where)) {
            pf_buf_puts(out, "where: ");
            append_where(out, model, p, t, t->chunked ? p->chunk_name : NULL);
        } else {
            pf_str text = pf_node_str(syntax, item);
            pf_buf_append(out, text.ptr, text.len);
        }
        pf_buf_printf(out, "%s%s", last ? comma : ",", nl);
    }
    pf_buf_printf(out, "%.*s})%s%s%s%.*s", (int)indent.len, indent.ptr, t->chunked ? ")" : "", semi, nl,
                  (int)indent.len, indent.ptr);
    if (t->kind == READ_FIRST)
        pf_buf_printf(out, "const %s = new Map([...%s].reverse()", t->map_name, t->groups_name);
    else
        pf_buf_printf(out, "const %s = new Map(%s", t->map_name, t->groups_name);
    pf_buf_printf(out, ".map((row) => [row.%s, row]%s))%s%s%.*s", t->field->name, typed ? " as const" : "", semi, nl,
                  (int)indent.len, indent.ptr);
    /* Elements with the same key would get the same row: each lookup copies it. */
    TSNode select = pf_node_unwrap(pf_object_value(syntax, args, "select"));
    TSNode include = pf_node_unwrap(pf_object_value(syntax, args, "include"));
    const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, query->delegate);
    if (typed)
        pf_buf_printf(out, "const %s = (row: (typeof %s)[number] | undefined) => (row === undefined ? null : ", t->copy_name,
                      t->groups_name);
    else
        pf_buf_printf(out, "const %s = (row) => (row === undefined ? null : ", t->copy_name);
    pf_append_row_copy(out, model->schema, syntax, m, select, include, "row", 0);
    pf_buf_printf(out, ")%s%s%.*s", semi, nl, (int)indent.len, indent.ptr);
}

/* The statements that go before the rewritten one: xs evaluated once (when needed), then per
 * count one groupBy and a Map from key to count. */
static void append_prelude(pf_buf *out, const pf_model *model, const plan *p, const pf_style *style,
                           const char *nl) {
    const pf_syntax *syntax = model->syntax;
    const char *text = syntax->text;
    pf_str indent = pf_line_indent(text, ts_node_start_byte(p->statement));
    const char *semi = pf_semicolon_of(text, p->statement);
    const char *comma = style->trailing_comma ? "," : "";
    bool typed = pf_path_has_types(model->path);
    char q = style->quote;
    if (p->values_name) {
        pf_str values = pf_node_str(syntax, p->group->mapped);
        pf_buf_printf(out, p->values_copied ? "const %s = Array.from(%.*s)%s%s%.*s" : "const %s = %.*s%s%s%.*s",
                      p->values_name, (int)values.len, values.ptr, semi, nl,
                      (int)indent.len, indent.ptr);
    }
    for (size_t i = 0; i < p->targets.len; i++) {
        const target *t = &p->targets.items[i];
        if (!t->keys_name || t->keys_shared) continue;
        pf_str values = p->values_name ? pf_str_c(p->values_name) : pf_node_str(syntax, p->group->mapped);
        pf_buf_printf(out, "const %s = ", t->keys_name);
        append_key_list(out, syntax, p, values, pf_node_str(syntax, t->key_value));
        pf_buf_printf(out, "%s%s%.*s", semi, nl, (int)indent.len, indent.ptr);
    }
    for (size_t i = 0; i < p->targets.len; i++) {
        const target *t = &p->targets.items[i];
        const pf_query *query = t->query;
        pf_str inner = style->indent_unit;
        if (t->kind == READ_UNIQUE || t->kind == READ_FIRST) {
            append_find_many(out, model, p, t, indent, inner, comma, semi, nl, typed);
            continue;
        }
        if (t->leader == i) {
            pf_buf_printf(out, "const %s = await ", t->groups_name);
            append_chunks_open(out, model, p, t);
            pf_buf_printf(out, "%.*s.%.*s.groupBy({%s", (int)query->client.len, query->client.ptr,
                          (int)query->delegate.len, query->delegate.ptr, nl);
            pf_buf_printf(out, "%.*s%.*sby: [%c%s%c", (int)indent.len, indent.ptr, (int)inner.len, inner.ptr, q,
                          t->field->name, q);
            if (!ts_node_is_null(t->split)) pf_buf_printf(out, ", %c%s%c", q, t->split_field->name, q);
            pf_buf_printf(out, "],%s", nl);
            pf_buf where = PF_BUF_INIT;
            append_where(&where, model, p, t, t->chunked ? p->chunk_name : NULL);
            if (strcmp(where.data, "{ }") != 0)
                pf_buf_printf(out, "%.*s%.*swhere: %s,%s", (int)indent.len, indent.ptr, (int)inner.len, inner.ptr,
                              where.data, nl);
            pf_buf_free(&where);
            append_reductions(out, syntax, t, indent, inner, comma, nl);
            pf_buf_printf(out, "%.*s})%s%s%s%.*s", (int)indent.len, indent.ptr, t->chunked ? ")" : "", semi, nl,
                          (int)indent.len, indent.ptr);
        }
        pf_buf_printf(out, "const %s = new Map(%s", t->map_name, t->groups_name);
        if (!ts_node_is_null(t->split)) {
            pf_str value = pf_node_str(syntax, pf_node_skip_parentheses(pf_node_field(t->split, "value")));
            pf_buf_printf(out, ".filter((group) => group.%s === %.*s)", t->split_field->name, (int)value.len,
                          value.ptr);
        }
        pf_buf_printf(out, ".map((group) => [group.%s, %s]%s))%s%s%.*s", t->field->name,
                      t->kind == READ_AGGREGATE ? "group" : "group._count._all", typed ? " as const" : "", semi, nl,
                      (int)indent.len, indent.ptr);
        if (t->kind != READ_AGGREGATE) continue;
        /* Each element gets its own result object, as each aggregate gave (elements with the
         * same key look up the same group); no group is no rows. */
        if (typed)
            pf_buf_printf(out, "const %s = (group: (typeof %s)[number] | undefined) => (group === undefined ? ",
                          t->copy_name, t->groups_name);
        else
            pf_buf_printf(out, "const %s = (group) => (group === undefined ? ", t->copy_name);
        append_aggregate_value(out, model, t, false);
        pf_buf_puts(out, " : ");
        append_aggregate_value(out, model, t, true);
        pf_buf_printf(out, ")%s%s%.*s", semi, nl, (int)indent.len, indent.ptr);
    }
}

/* The `xs.map(...)` that replaces `await Promise.all(xs.map(...))`: the callback loses
 * `async` and each count becomes a lookup; lines move left to the statement's indentation.
 * False when the edits overlap, which the plan rules out. */
static bool build_map_call(pf_buf *out, const pf_model *model, const plan *p, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    const char *text = syntax->text;
    TSNode map_call = p->group->argument;
    uint32_t base = ts_node_start_byte(map_call);
    pf_edits inner;
    pf_edits_init(&inner, arena);
    if (p->values_name)
        pf_edits_replace(&inner, ts_node_start_byte(p->group->mapped) - base, ts_node_end_byte(p->group->mapped) - base,
                         p->values_name, strlen(p->values_name));
    TSNode first = pf_node_child(p->callback, 0);
    if (pf_node_is(first, "async"))
        pf_edits_replace(&inner, ts_node_start_byte(first) - base, ts_node_start_byte(pf_node_child(p->callback, 1)) - base,
                         "", 0);
    if (p->index_name && !p->index.len) {
        /* The lookups of computed keys need the element's index: a second parameter. */
        TSNode params = p->params;
        if (pf_node_is(params, "formal_parameters")) {
            uint32_t close = ts_node_end_byte(params) - 1;
            const char *added = pf_arena_printf(arena, ", %s", p->index_name);
            pf_edits_replace(&inner, close - base, close - base, added, strlen(added));
        } else {
            const char *wrapped = pf_arena_printf(arena, "(%.*s, %s)", (int)pf_node_str(syntax, params).len,
                                                  pf_node_str(syntax, params).ptr, p->index_name);
            pf_edits_replace(&inner, ts_node_start_byte(params) - base, ts_node_end_byte(params) - base, wrapped,
                             strlen(wrapped));
        }
    }
    for (size_t i = 0; i < p->targets.len; i++) {
        const target *t = &p->targets.items[i];
        pf_str key = pf_node_str(syntax, t->key);
        if (t->copy_name) {
            /* A find's row copied, or an aggregate's result built, for this element alone. */
            const char *copied = t->keys_name ? pf_arena_printf(arena, "%s(%s.get(%s[%s]))", t->copy_name, t->map_name,
                                                                t->keys_name, p->index_name)
                                              : pf_arena_printf(arena, "%s(%s.get(%.*s))", t->copy_name, t->map_name,
                                                                (int)key.len, key.ptr);
            pf_edits_replace(&inner, ts_node_start_byte(t->replace) - base, ts_node_end_byte(t->replace) - base, copied,
                             strlen(copied));
            continue;
        }
        pf_buf missing = PF_BUF_INIT;
        if (t->kind == READ_AGGREGATE) append_aggregate_value(&missing, model, t, false);
        else pf_buf_puts(&missing, t->kind == READ_COUNT ? "0" : "null");
        const char *lookup = t->keys_name ? pf_arena_printf(arena, "%s.get(%s[%s]) ?? %s", t->map_name, t->keys_name,
                                                            p->index_name, missing.data)
                                          : pf_arena_printf(arena, "%s.get(%.*s) ?? %s", t->map_name, (int)key.len,
                                                            key.ptr, missing.data);
        pf_buf_free(&missing);
        pf_edits_replace(&inner, ts_node_start_byte(t->replace) - base, ts_node_end_byte(t->replace) - base, lookup,
                         strlen(lookup));
    }
    /* `await Promise.all([count, count])` in the callback is the array of their lookups now. */
    for (size_t i = 0; i < p->inner_groups.len; i++) {
        TSNode awaited = p->inner_groups.items[i];
        const pf_group *g = pf_model_group_at(model, pf_node_skip_parentheses(pf_node_named_child(awaited, 0)));
        pf_edits_replace(&inner, ts_node_start_byte(awaited) - base, ts_node_start_byte(g->argument) - base, "", 0);
        pf_edits_replace(&inner, ts_node_end_byte(g->argument) - base, ts_node_end_byte(awaited) - base, "", 0);
    }
    if (!pf_edits_apply(&inner, text + base, ts_node_end_byte(map_call) - base, out)) return false;
    pf_str map_indent = pf_line_indent(text, base), stmt_indent = pf_line_indent(text, ts_node_start_byte(p->statement));
    if (pf_is_first_on_line(text, base) && map_indent.len > stmt_indent.len && !pf_has_multiline_template(syntax, map_call))
        pf_dedent(out, map_indent.len - stmt_indent.len);
    return true;
}

/* Whether the `;` at `pos`, before `statement`, ends the statement before it, rather than
 * being a statement of its own (`if (skip)\n;[a, b] = ...`: the if's empty body), so code
 * inserted before it stays outside any if or loop. */
static bool ends_statement(TSNode statement, uint32_t pos) {
    TSNode token = ts_node_descendant_for_byte_range(ts_node_parent(statement), pos, pos + 1);
    return !pf_node_is(ts_node_parent(token), "empty_statement") && !pf_node_is(token, "empty_statement");
}

/* Asks for the edits of one planned rewrite; false (and no edits) if they cannot be built. */
static bool rewrite(pf_pass_context *ctx, plan *p, pf_name_list *taken, pf_helpers *helpers) {
    const pf_model *model = ctx->model;
    const char *text = model->syntax->text;
    pf_style style = pf_style_of(model->syntax);
    name_things(model, p, ctx->arena, taken);
    /* More keys than one `in` list holds (an array poolfix cannot bound): a groupBy per chunk. */
    long elements = pf_array_at_most(model, p->group->mapped);
    bool bounded = elements >= 0 && elements <= pf_in_list_limit(model->schema);
    for (size_t i = 0; i < p->targets.len; i++) {
        target *t = &p->targets.items[i];
        t->chunked = !bounded && !drops_key(model, p, t);
        if (t->chunked && !p->chunks_name) {
            p->chunks_name = pf_helper_use(model, ctx->arena, taken, helpers, PF_HELPER_IN_CHUNKS);
            p->chunk_name = pf_fresh_name(model->syntax, ctx->arena, taken, "chunk");
        }
    }
    pf_buf prelude = PF_BUF_INIT, call = PF_BUF_INIT;
    bool built = build_map_call(&call, model, p, ctx->arena);
    if (built) {
        uint32_t at = ts_node_start_byte(p->statement);
        append_prelude(&prelude, model, p, &style, ctx->newline);
        /* Semicolon-free code guards a line starting with `[` or `(` with a leading `;`: the
         * prelude goes before that `;`, or gets one of its own. */
        uint32_t before = at;
        while (before > 0 && (text[before - 1] == ' ' || text[before - 1] == '\t')) before--;
        if (before > 0 && text[before - 1] == ';' && pf_is_first_on_line(text, before - 1) &&
            ends_statement(p->statement, before - 1))
            at = before - 1;
        else
            pf_guard_asi(&prelude, text, p->statement);
        pf_edits_replace_buf(ctx->edits, at, at, &prelude);
        pf_edits_replace_buf(ctx->edits, ts_node_start_byte(p->await), ts_node_end_byte(p->await), &call);
    }
    pf_buf_free(&prelude);
    pf_buf_free(&call);
    return built;
}

/* Whether `{ length: n }` writes n as a number literal. */
static bool object_length_is_literal(const pf_syntax *syntax, TSNode object) {
    uint32_t n = pf_node_named_count(object);
    for (uint32_t i = 0; i < n; i++) {
        TSNode pair = pf_node_named_child(object, i);
        if (!pf_node_is(pair, "pair")) continue;
        TSNode key = ts_node_child_by_field_name(pair, "key", 3);
        TSNode value = ts_node_child_by_field_name(pair, "value", 5);
        if (!ts_node_is_null(key) && pf_str_eq_c(pf_node_str(syntax, key), "length"))
            return !ts_node_is_null(value) && pf_node_is(value, "number");
    }
    return false;
}

/* Reports one fan-out over an array and, when the shape allows, rewrites it. */
static void visit_fanout(pf_pass_context *ctx, TSNode callback, TSNode mapped, TSNode anchor, const pf_group *group,
                         pf_name_list *taken, pf_helpers *helpers) {
    const pf_model *model = ctx->model;
    pf_measure each = pf_measure_scope(model, callback);
    if (each.total == 0) return;
    long n = pf_model_array_length(model, mapped);
    if (n == 0) return; /* an empty array: the callback never runs */
    const char *xs = pf_excerpt(ctx->arena, pf_node_str(model->syntax, mapped));
    bool exact = !ts_node_is_null(pf_model_array_literal(model, mapped));
    if (pf_node_is(mapped, "object")) {
        /* Array.from({ length: n }, ...): exactly n elements when n is written as a number */
        xs = pf_arena_printf(ctx->arena, "Array.from(%s)", xs);
        exact = object_length_is_literal(model->syntax, mapped);
    }
    pf_finding *f;
    if (n >= 0)
        f = pf_pass_report(ctx, PF_RULE_MAP_FANOUT, anchor, anchor,
                           "runs %s%ld queries at once: %ld per element of `%s`, which has %s%ld elements",
                           exact ? "" : "up to ", pf_count_mul(each.width, n), (long)each.width, xs, exact ? "" : "at most ",
                           n);
    else
        f = pf_pass_report(ctx, PF_RULE_MAP_FANOUT, anchor, anchor,
                           "runs %ld quer%s per element of `%s`, for every element at once: the count grows with "
                           "the data",
                           (long)each.width, each.width == 1 ? "y" : "ies", xs);
    f->queries = (int)pf_count_mul(each.width, n >= 0 ? n : 1);
    f->unbounded = n < 0 || each.unbounded;
    if (!group) {
        pf_finding_decline(ctx, f, "not rewritten: only `await Promise.all(xs.map(...))` is rewritten; this fan-out "
                                   "(forEach, or a map whose promises are awaited elsewhere) must be bounded by hand");
        return;
    }
    plan p;
    memset(&p, 0, sizeof(p));
    p.group = group;
    const char *why = plan_rewrite(model, &p, ctx->arena);
    if (why) {
        pf_finding_decline(ctx, f, "not rewritten: %s", why);
        return;
    }
    bool unordered_first = false;
    for (size_t i = 0; i < p.targets.len; i++)
        unordered_first |= p.targets.items[i].kind == READ_FIRST &&
                           ts_node_is_null(pf_object_pair(model->syntax, p.targets.items[i].query->arg_object, "orderBy"));
    if (unordered_first)
        f->message = pf_arena_printf(ctx->arena, "%s (a findFirst without orderBy returns any matching row, before "
                                                 "and after the rewrite)", f->message);
    if (pf_pass_may_rewrite(ctx, f, p.statement) && !rewrite(ctx, &p, taken, helpers))
        pf_finding_decline(ctx, f, "not rewritten: its edits overlap (a poolfix bug: please report it)");
}

/* Visits every Promise.all over a map, and every other fan-out callback with queries. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    pf_name_list taken = {0};
    pf_helpers helpers;
    memset(&helpers, 0, sizeof(helpers));
    for (size_t i = 0; i < model->groups.len; i++) {
        const pf_group *g = &model->groups.items[i];
        if (g->shape == PF_GROUP_MAP && !ts_node_is_null(g->callback))
            visit_fanout(ctx, g->callback, g->mapped, pf_statement_anchor(g->call), g, &taken, &helpers);
    }
    for (size_t i = 0; i < model->functions.len; i++) {
        TSNode fn = model->functions.items[i].node, receiver;
        if (pf_model_callback_kind(model, fn, &receiver) != PF_CALLBACK_FANOUT) continue;
        bool grouped = false;
        for (size_t k = 0; k < model->groups.len && !grouped; k++)
            grouped = model->groups.items[k].shape == PF_GROUP_MAP && ts_node_eq(model->groups.items[k].callback, fn);
        if (!grouped) visit_fanout(ctx, fn, receiver, pf_statement_anchor(fn), NULL, &taken, &helpers);
    }
    pf_helpers_add(ctx, &helpers);
}

#include "groupby.md.h"

const pf_pass pf_pass_groupby = {
    .name = "groupby",
    .rule = PF_RULE_MAP_FANOUT,
    .default_on = true,
    .summary = "replace per-element count maps (Promise.all(xs.map(... count ...))) with one groupBy",
    .doc = pf_doc_groupby,
    .run = run,
};
