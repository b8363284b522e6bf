/* hoist: reads one query per loop element into one query before the loop (rule
 * loop-queries, the N+1 form).
 *
 * `for (const item of items) { const product = await prisma.product.findUnique({ where: {
 * id: item.productId } }); ... }` reads one row per element, one round trip each. When the
 * read is keyed by the element (a findUnique on a unique field, a findFirst or a count with
 * one filter that uses the element and others that do not change), this pass reads every
 * element's rows at once before the loop (`findMany` with `in`, or `groupBy` for counts)
 * into a Map, and each iteration looks its element up: the same row (or null), the same
 * first row in the same order, the same count (0 without rows). Writes stay where they are:
 * a loop that writes to a model the read sees (its model, or one it includes or selects)
 * is declined, since reading first would miss what earlier iterations wrote; except writes
 * of one row by the read's unique key, before which the lookup forgets that key (the read
 * then runs as written for it), and creates, which change no row the lookup holds. */
#include "poolfix/analysis.h"
#include "poolfix/client_hooks.h"
#include "poolfix/edits.h"
#include "poolfix/effects.h"
#include "poolfix/helpers.h"
#include "poolfix/objects.h"
#include "poolfix/pass.h"
#include "poolfix/rows.h"
#include "poolfix/values.h"

#include <string.h>

typedef enum read_kind { READ_UNIQUE, READ_FIRST, READ_COUNT } read_kind;

/* A write of the loop to one row the read looks up (`update`, `upsert` or `delete` by the
 * read's keyed field): just before it, the lookup forgets that key, so that a later element
 * with the key reads the row again, as written, and sees the write. */
typedef struct own_write {
    TSNode statement; /* the statement holding the write, in a block */
    TSNode key;       /* its value for the keyed field: pure, and evaluated first in the statement */
    bool creates;     /* it may create a row under another key (an upsert's create) */
} own_write;

/* One read of the loop, keyed by the element. */
typedef struct read {
    const pf_query *query;
    TSNode await;                 /* `await q`, which the lookup replaces */
    read_kind kind;
    TSNode key_item;              /* the where entry that uses the element */
    TSNode key;                   /* its value */
    const pf_schema_model *model;
    const pf_schema_field *field; /* the keyed field */
    bool invariant;               /* the read does not use the element: it runs once, as written */
    bool skip_nullish;            /* null keys are left out of the `in` list */
    bool nullable;                /* a key may be null (a nullable field) or undefined (nothing says it is not):
                                     such a key still runs the read as written */
    bool defined;                 /* the key is surely not undefined */
    const char *empty_value;      /* the read that is the same on every iteration: what stands for it when the
                                     loop runs no iteration (`[]`, `null`, `0`), so that it runs no query then */
    const char *rows_name, *map_name;
    const char *chunks_name;      /* inChunks, when the keys may be more than one `in` list holds (a groupBy,
                                     or a findMany with an orderBy, which Prisma does not split), else NULL */
    const char *chunk_name;       /* the parameter of its callback */
    PF_VEC(own_write) own_writes; /* the loop's writes to the rows it looks up; with any, the lookup
                                     holds what each key read (null for no row) until a write */
    bool creates;                 /* the loop creates rows of the read's model: a key without a row may have
                                     one later, so the lookup holds only rows, and runs the read as written
                                     for a key it holds none for (a created row changes no row it holds) */
    const char *keys_name;        /* with own_writes and no creates: the keys, read once for the query and for
                                     the lookup's entries of keys without a row */
} read;

typedef struct plan {
    TSNode loop, body;
    bool stops_early;  /* the loop can break, return or throw before its last element */
    bool may_be_empty; /* nothing says the loop runs at least one iteration */
    TSNode array;     /* what the loop runs over */
    TSNode element;   /* the for-of pattern; for an index loop, the name of `const x = xs[i]` or null */
    pf_str index;     /* an index loop's variable */
    pf_iterable iterable; /* whether the array surely is an Array (else its keys are read with Array.from) */
    const char *copy_name; /* a for-of over what may be an iterator runs over this copy of it (`Array.from(xs)`) */
    PF_VEC(read) reads;
    PF_VEC(const char *) skipped; /* why other reads of the loop stay */
} plan;

/* Whether `name` is bound by the loop's element (its pattern, or the index loop's variable
 * or element). */
static bool is_element_name(const pf_syntax *syntax, const plan *p, pf_str name) {
    if (!ts_node_is_null(p->element) && pf_node_mentions(syntax, p->element, name)) return true;
    return p->index.len && pf_str_eq(name, p->index);
}

/* Whether the loop body declares the name `reference` reads once more (`const user = lead`
 * in an inner block, a `catch (user)`), so that it may not be the element: keys computed
 * before the loop would read the element instead. An index loop's `const x = xs[i]` is the
 * element itself. */
static bool element_name_declared_again(const pf_syntax *syntax, const plan *p, TSNode reference) {
    uint32_t n = pf_node_named_count(p->body), from = 0;
    if (p->index.len && !ts_node_is_null(p->element) && pf_node_contains(pf_node_named_child(p->body, 0), p->element))
        from = 1;
    for (uint32_t i = from; i < n; i++)
        if (pf_node_uses_block_names(syntax, reference, pf_node_named_child(p->body, i))) return true;
    return false;
}

/* Whether `node` reads the element (or the index), and nothing else declared in the loop. */
static bool keyed_by_element(const pf_syntax *syntax, const plan *p, TSNode node, bool *uses_element) {
    if (pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier")) {
        pf_str name = pf_node_str(syntax, node);
        if (is_element_name(syntax, p, name)) {
            if (element_name_declared_again(syntax, p, node)) return false;
            *uses_element = true;
            return true;
        }
        return !pf_node_uses_block_names(syntax, node, p->body) && !pf_node_writes_name(syntax, p->body, name);
    }
    if (pf_node_is_function(node)) return false;
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (!keyed_by_element(syntax, p, pf_node_named_child(node, i), uses_element)) return false;
    return true;
}

/* Whether code under `node` (nested functions aside) can leave the loop early: a break,
 * return or throw (a continue only ends one iteration). */
static bool stops_early(TSNode node) {
    if (pf_node_is_function(node)) return false;
    if (pf_node_is(node, "break_statement") || pf_node_is(node, "return_statement") ||
        pf_node_is(node, "throw_statement"))
        return true;
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (stops_early(pf_node_named_child(node, i))) return true;
    return false;
}

/* Whether code under `node` (nested functions aside) may skip the rest of an iteration. */
static bool may_skip(TSNode node) {
    if (pf_node_is_function(node)) return false;
    if (pf_node_is(node, "continue_statement")) return true;
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (may_skip(pf_node_named_child(node, i))) return true;
    return false;
}

/* Whether a key can be computed for any element without throwing: the element itself, or
 * one field of it (`line.productId`, `xs[i].id`). */
static bool safe_key(const pf_syntax *syntax, const plan *p, TSNode key) {
    key = pf_node_unwrap(key);
    if (pf_node_is(key, "identifier") || pf_node_is(key, "shorthand_property_identifier"))
        return is_element_name(syntax, p, pf_node_str(syntax, key));
    if (!pf_node_is(key, "member_expression")) return false;
    TSNode object = pf_node_unwrap(pf_node_field(key, "object"));
    if (pf_node_is(object, "identifier")) return is_element_name(syntax, p, pf_node_str(syntax, object));
    /* xs[i].id in an index loop */
    return p->index.len && pf_node_is(object, "subscript_expression") &&
           pf_str_eq(pf_node_str(syntax, pf_node_field(object, "object")), pf_node_str(syntax, p->array)) &&
           pf_str_eq(pf_node_str(syntax, pf_node_field(object, "index")), p->index);
}

/* A member chain as a path (`body.items[0].id`; `?.` reads as `.`), in `arena`; NULL when
 * `node` is not a chain rooted at a name or `this`. */
static const char *chain_path(const pf_syntax *syntax, TSNode node, pf_arena *arena) {
    node = pf_node_unwrap(node);
    if (pf_node_is(node, "identifier") || pf_node_is(node, "this") || pf_node_is(node, "shorthand_property_identifier")) {
        pf_str name = pf_node_str(syntax, node);
        return pf_arena_strndup(arena, name.ptr, name.len);
    }
    if (!pf_node_is(node, "member_expression") && !pf_node_is(node, "subscript_expression")) return NULL;
    const char *object = chain_path(syntax, pf_node_field(node, "object"), arena);
    if (!object) return NULL;
    if (pf_node_is(node, "member_expression")) {
        pf_str property = pf_node_str(syntax, pf_node_field(node, "property"));
        return pf_arena_printf(arena, "%s.%.*s", object, (int)property.len, property.ptr);
    }
    if (pf_node_is(node, "subscript_expression")) {
        pf_buf index = PF_BUF_INIT;
        pf_node_append_tokens(syntax, pf_node_field(node, "index"), &index);
        const char *path = pf_arena_printf(arena, "%s[%s]", object, index.data ? index.data : "");
        pf_buf_free(&index);
        return path;
    }
    return NULL;
}

/* Whether one path is the other or leads into it (`queue` and `queue[0].id`). */
static bool paths_overlap(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
    if (strncmp(a, b, n) != 0) return false;
    const char *longer = la > lb ? a : b;
    return la == lb || longer[n] == '.' || longer[n] == '[';
}

/* Whether path `a` is `b` or leads into it. */
static bool path_within(const char *a, const char *b) {
    return paths_overlap(a, b) && strlen(a) <= strlen(b);
}

/* Whether a call only reads what it is given (it cannot change the array or an element). */
static bool call_only_reads(const pf_syntax *syntax, TSNode call) {
    static const char *const readers[] = {"JSON.stringify", "String", "Number", "Boolean", "Array.isArray",
                                          "Object.keys",    "Object.values", "Object.entries", "structuredClone"};
    TSNode callee = pf_node_unwrap(pf_node_field(call, "function"));
    if (pf_node_is(call, "new_expression")) return false;
    if (pf_node_is(callee, "member_expression") && pf_node_text_is(syntax, pf_node_field(callee, "object"), "console"))
        return true;
    for (size_t i = 0; i < sizeof(readers) / sizeof(*readers); i++)
        if (pf_node_text_is(syntax, callee, readers[i])) return true;
    return false;
}

/* Where the value of `node` goes when that may let other code change it: a call's argument
 * (calls that only read aside), a spread, an element of an array or object literal, another
 * variable, a return value. A null node when it is only read. */
static TSNode escapes_to(const pf_syntax *syntax, TSNode node) {
    TSNode up = pf_node_parent_unparen(node);
    if (pf_node_is(node, "shorthand_property_identifier")) return up;
    if (pf_node_is(up, "arguments")) {
        TSNode call = ts_node_parent(up);
        return call_only_reads(syntax, call) ? pf_node_null() : call;
    }
    if (pf_node_is(up, "spread_element") || pf_node_is(up, "array") || pf_node_is(up, "return_statement") ||
        pf_node_is(up, "yield_expression"))
        return up;
    if (pf_node_is(up, "pair") && ts_node_eq(pf_node_unwrap(pf_node_field(up, "value")), pf_node_unwrap(node))) return up;
    if (pf_node_is(up, "variable_declarator") && ts_node_eq(pf_node_unwrap(pf_node_field(up, "value")), pf_node_unwrap(node)))
        return up;
    if (pf_node_is(up, "assignment_expression") && ts_node_eq(pf_node_unwrap(pf_node_field(up, "right")), pf_node_unwrap(node)))
        return up;
    if (pf_node_is(up, "arrow_function") && ts_node_eq(pf_node_field(up, "body"), node)) return up;
    return pf_node_null();
}

/* The widest chain above the reference `name` that still is a prefix of `path`: `body` or
 * `body.items` for the path `body.items`. */
static TSNode holder_of(const pf_syntax *syntax, TSNode name, const char *path, pf_arena *arena) {
    TSNode holder = name;
    for (;;) {
        TSNode up = pf_node_parent_unparen(holder);
        bool object = (pf_node_is(up, "member_expression") || pf_node_is(up, "subscript_expression")) &&
                      ts_node_eq(pf_node_unwrap(pf_node_field(up, "object")), pf_node_unwrap(holder));
        const char *longer = object ? chain_path(syntax, up, arena) : NULL;
        if (!longer || !path_within(longer, path)) return holder;
        holder = up;
    }
}

typedef PF_VEC(const char *) path_list;

/* Collects the paths the key reads from the element or the array (`line.productId`,
 * `xs[i].id`, `id`). */
static void key_paths(const pf_syntax *syntax, const plan *p, TSNode key, path_list *out, pf_arena *arena) {
    key = pf_node_unwrap(key);
    bool chain = pf_node_is(key, "member_expression") || pf_node_is(key, "subscript_expression") ||
                 pf_node_is(key, "identifier") || pf_node_is(key, "shorthand_property_identifier");
    const char *path = chain ? chain_path(syntax, key, arena) : NULL;
    if (path) {
        TSNode root = key;
        while (pf_node_is(root, "member_expression") || pf_node_is(root, "subscript_expression"))
            root = pf_node_unwrap(pf_node_field(root, "object"));
        pf_str name = pf_node_str(syntax, root);
        if (is_element_name(syntax, p, name) || pf_str_eq(name, pf_node_str(syntax, p->array))) {
            *PF_VEC_PUSH(arena, *out) = path;
            return;
        }
    }
    for (uint32_t i = 0; i < pf_node_named_count(key); i++)
        key_paths(syntax, p, pf_node_named_child(key, i), out, arena);
}

/* Why the keys computed before the loop could differ from those the reads would have used,
 * or NULL: the loop changes the array (`queue.push(x)`, `xs[i] = ...`, `xs.sort()`), hands it
 * to code that may (`process(queue)`, `const q = queue`), or changes a key (`item.userId =
 * ...`, or hands the element to code that may, before the read). */
static const char *check_key_changes(const pf_model *model, const plan *p, const read *r, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    const char *array = chain_path(syntax, p->array, arena);
    if (!array) return "the loop runs over an expression, not an array held in a name";
    path_list keys = {0};
    key_paths(syntax, p, r->key, &keys, arena);
    const char *array_root = pf_arena_strndup(arena, array, strcspn(array, ".["));
    uint32_t read_at = ts_node_start_byte(r->await);
    TSTreeCursor cursor = ts_tree_cursor_new(p->body);
    const char *why = NULL;
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        TSNode written = pf_node_written(syntax, node);
        const char *target = ts_node_is_null(written) ? NULL : chain_path(syntax, written, arena);
        if ((pf_node_is(written, "array_pattern") || pf_node_is(written, "object_pattern")) &&
            pf_node_mentions(syntax, written, pf_str_c(array_root)))
            target = array_root; /* a destructuring assignment into it */
        if (target && paths_overlap(target, array)) {
            why = pf_arena_printf(arena, "the loop changes `%s` (`%s`, line %d), and the keys of every element are read "
                                         "before it",
                                  array, pf_excerpt(arena, pf_node_str(syntax, node)), pf_node_line(node));
            break;
        }
        for (size_t k = 0; target && k < keys.len && !why; k++)
            if (paths_overlap(target, keys.items[k]))
                why = pf_arena_printf(arena, "the loop changes `%s` (`%s`, line %d), which the read's key is read from",
                                      keys.items[k], pf_excerpt(arena, pf_node_str(syntax, node)), pf_node_line(node));
        if (why) break;
        bool reference = pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier");
        if (!reference) continue;
        pf_str name = pf_node_str(syntax, node);
        TSNode parent = ts_node_parent(node);
        if (pf_node_is(parent, "variable_declarator") && ts_node_eq(pf_node_field(parent, "name"), node)) continue;
        if (pf_str_eq_c(name, array_root)) {
            TSNode holder = holder_of(syntax, node, array, arena);
            TSNode to = escapes_to(syntax, holder);
            if (!ts_node_is_null(to)) {
                why = pf_arena_printf(arena, "the loop hands `%s` to other code (`%s`, line %d), which may change it, "
                                             "and the keys of every element are read before it",
                                      pf_excerpt(arena, pf_node_str(syntax, holder)), pf_excerpt(arena, pf_node_str(syntax, to)),
                                      pf_node_line(to));
                break;
            }
        }
        if (ts_node_start_byte(node) >= read_at || !is_element_name(syntax, p, name)) continue;
        /* Before the read, the element itself handed to other code, when the key is one of its fields. */
        for (size_t k = 0; k < keys.len && !why; k++) {
            const char *key = keys.items[k];
            if (strcmp(key, pf_arena_strndup(arena, name.ptr, name.len)) == 0) continue;
            TSNode holder = holder_of(syntax, node, key, arena);
            const char *held = chain_path(syntax, holder, arena);
            if (!held || strcmp(held, key) == 0) continue;
            TSNode to = escapes_to(syntax, holder);
            if (!ts_node_is_null(to))
                why = pf_arena_printf(arena, "before the read, the loop hands `%s` to other code (`%s`, line %d), which may "
                                             "change `%s`, the read's key",
                                      held, pf_excerpt(arena, pf_node_str(syntax, to)), pf_node_line(to), key);
        }
    } while (!why && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return why;
}

/* Checks one read and fills it; returns why it stays in the loop. */
static const char *check_read(const pf_model *model, const plan *p, read *r, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    const pf_query *q = r->query;
    /* One findMany for every key instead of a read per key: hooks that run per operation
     * would see another operation. */
    const char *hooked = pf_client_hook_problem(model, q->client, q->delegate, arena);
    if (hooked) return hooked;
    const char *transaction_hooked = pf_transaction_hook_problem(model, q, p->loop, arena);
    if (transaction_hooked) return pf_arena_printf(arena, "it %s", transaction_hooked);
    bool uses_element = false;
    if (!keyed_by_element(syntax, p, q->args, &uses_element))
        return "its arguments use a value computed in the loop besides the element";
    if (!uses_element) {
        /* The same read on every iteration: once, before the loop, gives the same result. */
        if (pf_str_ends_with(q->op, "OrThrow")) return "it throws its own error for a missing row";
        if (pf_node_has_effects(syntax, q->args, pf_node_null(), pf_call_computes_value_or_now))
            return "its arguments call something, which would now run once instead of once per element";
        r->invariant = true;
        bool selects = !ts_node_is_null(pf_object_pair(syntax, q->arg_object, "select"));
        if (pf_str_eq_c(q->op, "findMany") || pf_str_eq_c(q->op, "groupBy")) r->empty_value = "[]";
        else if (pf_str_eq_c(q->op, "findFirst") || pf_str_eq_c(q->op, "findUnique")) r->empty_value = "null";
        else if (pf_str_eq_c(q->op, "count") && !selects) r->empty_value = "0";
        if (p->may_be_empty && !r->empty_value)
            return pf_arena_printf(arena, "the loop may run no iteration, where the original runs no query; the "
                                          "result of `%.*s` has no empty value to stand for it, so the read once before "
                                          "the loop would still run",
                                   (int)q->op.len, q->op.ptr);
        r->model = model->schema ? pf_schema_model_by_delegate(model->schema, q->delegate) : NULL;
        return NULL;
    }
    if (pf_str_eq_c(q->op, "findUnique")) r->kind = READ_UNIQUE;
    else if (pf_str_eq_c(q->op, "findFirst")) r->kind = READ_FIRST;
    else if (pf_str_eq_c(q->op, "count")) r->kind = READ_COUNT;
    else if (pf_str_ends_with(q->op, "OrThrow"))
        return pf_arena_printf(arena, "`%.*s` throws its own error for a missing row", (int)q->op.len, q->op.ptr);
    else return pf_arena_printf(arena, "`%.*s` is not a findUnique, findFirst or count", (int)q->op.len, q->op.ptr);
    if (ts_node_is_null(q->arg_object)) return "its arguments are not an object literal";
    uint32_t n = pf_node_named_count(q->arg_object);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(q->arg_object, i);
        if (pf_node_is(item, "comment")) continue;
        pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_str_make("", 0);
        bool allowed = pf_str_eq_c(key, "where") ||
                       (r->kind != READ_COUNT && (pf_str_eq_c(key, "select") || pf_str_eq_c(key, "include"))) ||
                       (r->kind == READ_FIRST && pf_str_eq_c(key, "orderBy"));
        if (!allowed) return "it has arguments besides where, select, include and a findFirst's orderBy";
        if (pf_node_has_effects(syntax, item, pf_node_null(), pf_call_computes_value_or_now))
            return "its arguments call something, which would now run once instead of once per element";
    }
    TSNode where = pf_node_unwrap(pf_object_value(syntax, q->arg_object, "where"));
    if (!pf_node_is(where, "object")) return "its where is not an object literal";
    for (uint32_t i = 0; i < pf_node_named_count(where); i++) {
        TSNode item = pf_node_named_child(where, i);
        if (pf_node_is(item, "comment")) continue;
        if (!pf_node_is(item, "pair") && !pf_node_is(item, "shorthand_property_identifier"))
            return "its where spreads another object";
        bool uses = false;
        if (!keyed_by_element(syntax, p, item, &uses))
            return "its where uses a value computed in the loop besides the element";
        if (!uses) continue;
        if (!ts_node_is_null(r->key_item)) return "its where uses the element in more than one field";
        r->key_item = item;
        r->key = pf_node_is(item, "pair") ? pf_node_unwrap(pf_node_field(item, "value")) : item;
    }
    if (ts_node_is_null(r->key_item)) return "it uses the element outside its where";
    if (pf_node_is(r->key, "object")) return "it filters the element's field with an operator, not by equality";
    pf_str key_name = pf_node_is(r->key_item, "pair") ? pf_pair_key(syntax, r->key_item) : pf_node_str(syntax, r->key_item);
    r->model = pf_schema_model_by_delegate(model->schema, q->delegate);
    r->field = r->model ? pf_schema_field_named(r->model, key_name) : NULL;
    if (!r->field) return "the keyed field is not in the Prisma schema";
    if (r->field->kind != PF_FIELD_SCALAR && r->field->kind != PF_FIELD_ENUM)
        return "the element filters through a relation";
    /* An `in` list never matches NULL, and `field: undefined` filters nothing (while `in`
     * rejects undefined): an element whose key is null or undefined runs the read as written,
     * in the loop, unless the field cannot be null and the key surely is not undefined. */
    r->defined = pf_key_is_defined(model, r->key, p->element, p->array);
    r->nullable = r->field->is_optional || !r->defined;
    const char *why = pf_map_key_problem(model->schema, r->field);
    if (why) return why;
    if (r->kind == READ_UNIQUE) {
        if (!r->field->is_id && !r->field->is_unique) return "its where is not a unique field alone";
        for (uint32_t i = 0; i < pf_node_named_count(where); i++) {
            TSNode item = pf_node_named_child(where, i);
            if (!pf_node_is(item, "comment") && !ts_node_eq(item, r->key_item)) return "its where is not a unique field alone";
        }
    }
    TSNode select = pf_node_unwrap(pf_object_value(syntax, q->arg_object, "select"));
    const char *field_name = r->field->name;
    if (!ts_node_is_null(select) &&
        (!pf_node_is(select, "object") || !pf_node_is(pf_node_unwrap(pf_object_value(syntax, select, field_name)), "true")))
        return pf_arena_printf(arena, "its select leaves out `%.*s`, which the lookup needs", (int)key_name.len,
                               key_name.ptr);
    return NULL;
}

/* No call is known to change nothing. */
static bool no_call_is_pure(const pf_syntax *syntax, TSNode call) {
    (void)syntax;
    (void)call;
    return false;
}

/* Whether `node` surely gives the same value evaluated twice with nothing run between, and
 * changes nothing: names, member chains, literals (no call, no await, no assignment). */
static bool pure_value(const pf_syntax *syntax, TSNode node) {
    node = pf_node_unwrap(node);
    if (pf_node_is(node, "object") || pf_node_is(node, "array")) return false;
    return !pf_node_has_effects(syntax, node, pf_node_null(), no_call_is_pure);
}

/* Whether a Prisma model has a relation to itself, so that writing one of its rows may change
 * others (a cascade through the self relation). */
static bool relates_to_itself(const pf_schema *schema, const pf_schema_model *m) {
    for (size_t f = 0; f < m->field_count; f++)
        if (m->fields[f].kind == PF_FIELD_RELATION && pf_schema_related(schema, &m->fields[f]) == m) return true;
    return false;
}

/* Why writing `data` (an update's data, an upsert's update, a create's data) could change a
 * row other than the written one, or an update change its keyed field, or NULL: only scalar
 * fields written out are fine, in an update neither the key nor another @id/@unique (which
 * relations may refer to, with an update that cascades). A create changes no row but adds
 * one, under any key. */
static const char *own_data_problem(const pf_model *model, const read *r, TSNode data, bool creates, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    data = pf_node_unwrap(data);
    if (!pf_node_is(data, "object") || pf_object_has_spread(data)) return "its data is not an object written out";
    for (uint32_t i = 0; i < pf_node_named_count(data); i++) {
        TSNode item = pf_node_named_child(data, i);
        if (pf_node_is(item, "comment")) continue;
        if (!pf_node_is(item, "pair") && !pf_node_is(item, "shorthand_property_identifier"))
            return "its data is not an object written out";
        pf_str name = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_node_str(syntax, item);
        const pf_schema_field *f = pf_schema_field_named(r->model, name);
        if (!f) return pf_arena_printf(arena, "its data sets `%.*s`, which the Prisma schema does not have", (int)name.len,
                                       name.ptr);
        if (f->kind == PF_FIELD_RELATION)
            return pf_arena_printf(arena, "its data writes through the relation `%s`, which may change other rows",
                                   f->name);
        if (!creates && (f == r->field || f->is_id || f->is_unique))
            return pf_arena_printf(arena, "its data sets `%s`, a key that other rows or relations may refer to", f->name);
    }
    return NULL;
}

/* Counts the declarations of `name` under `node` (`const name = ...`, a parameter aside). */
static int declarations_of(const pf_syntax *syntax, TSNode node, pf_str name) {
    int count = 0;
    if (pf_node_is(node, "variable_declarator") && pf_node_is(pf_node_field(node, "name"), "identifier") &&
        pf_str_eq(pf_node_str(syntax, pf_node_field(node, "name")), name))
        count++;
    for (uint32_t i = 0; i < pf_node_named_count(node); i++) count += declarations_of(syntax, pf_node_named_child(node, i), name);
    return count;
}

/* Whether `key` (a write's value for the model's @id) is `row.<id>` of a row the loop itself
 * created, `const row = await client.model.create(...)`, declared once in the loop, in a block
 * around the write: the lookup never holds that row, so the write changes none it holds. */
static bool key_of_created_row(const pf_model *model, const plan *p, const read *r, TSNode write, TSNode key,
                               const char *id) {
    const pf_syntax *syntax = model->syntax;
    key = pf_node_unwrap(key);
    if (!pf_node_is(key, "member_expression") || !pf_node_text_is(syntax, pf_node_field(key, "property"), id)) return false;
    TSNode object = pf_node_unwrap(pf_node_field(key, "object"));
    if (!pf_node_is(object, "identifier")) return false;
    pf_str name = pf_node_str(syntax, object);
    if (declarations_of(syntax, p->body, name) != 1 || pf_node_writes_name(syntax, p->body, name)) return false;
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (!pf_str_eq_c(q->op, "create") || !pf_node_contains(p->body, q->call) ||
            pf_schema_model_by_delegate(model->schema, q->delegate) != r->model)
            continue;
        TSNode await = pf_node_parent_unparen(q->call), declarator = pf_node_parent_unparen(await);
        if (!pf_node_is(await, "await_expression") || !pf_node_is(declarator, "variable_declarator") ||
            !pf_str_eq(pf_node_str(syntax, pf_node_field(declarator, "name")), name))
            continue;
        TSNode declaration = ts_node_parent(declarator);
        if (!pf_node_is(declaration, "lexical_declaration") || !pf_str_starts_with(pf_node_str(syntax, declaration), "const"))
            continue;
        return pf_node_contains(ts_node_parent(declaration), write) &&
               ts_node_start_byte(declaration) < ts_node_start_byte(write);
    }
    return false;
}

/* Checks one write of the loop to the model `r` looks up, and fills `w`; returns why the
 * lookup cannot simply forget the written row's key before it. */
static const char *check_own_write(const pf_model *model, const plan *p, const read *r, const pf_query *q, own_write *w,
                                   pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    bool updates = pf_str_eq_c(q->op, "update"), upserts = pf_str_eq_c(q->op, "upsert");
    bool unique = r->field->is_id || r->field->is_unique;
    if (pf_str_eq_c(q->op, "create") || pf_str_starts_with(q->op, "createMany")) {
        /* A created row changes no row the lookup holds; its key may be one the lookup holds
         * no row for, which is then read as written. createMany writes no relation. */
        if (relates_to_itself(model->schema, r->model))
            return pf_arena_printf(arena, "`%s` relates to itself, so writing one row may change others", r->model->name);
        if (r->kind == READ_FIRST && !ts_node_is_null(pf_object_pair(model->syntax, r->query->arg_object, "orderBy")))
            return "a created row may come first in the read's orderBy, before the row the lookup holds";
        if (pf_str_eq_c(q->op, "create")) {
            if (ts_node_is_null(q->arg_object)) return "its arguments are not an object literal";
            const char *why = own_data_problem(model, r, pf_object_value(model->syntax, q->arg_object, "data"), true, arena);
            if (why) return why;
        }
        w->statement = pf_node_null();
        return NULL;
    }
    if ((updates || pf_str_eq_c(q->op, "delete")) && r->model->id_field_count == 1 && !ts_node_is_null(q->arg_object)) {
        TSNode where = pf_node_unwrap(pf_object_value(syntax, q->arg_object, "where"));
        const char *id = r->model->id_fields[0];
        TSNode id_key = pf_node_is(where, "object") ? pf_object_value(syntax, where, id) : pf_node_null();
        if (!ts_node_is_null(id_key) && key_of_created_row(model, p, r, q->call, id_key, id)) {
            const char *why = updates ? own_data_problem(model, r, pf_object_value(syntax, q->arg_object, "data"), true, arena)
                                      : NULL;
            if (why) return why;
            w->statement = pf_node_null(); /* nothing to forget */
            return NULL;
        }
    }
    if (!unique)
        return pf_arena_printf(arena, "the read is keyed by `%s`, not a unique field: a write to one row may change "
                                      "which row any key finds (only creates can be followed)",
                               r->field->name);
    if (!updates && !upserts && !pf_str_eq_c(q->op, "delete"))
        return pf_arena_printf(arena, "`%.*s` is not a create, nor an update, upsert or delete of one row by `%s`",
                               (int)q->op.len, q->op.ptr, r->field->name);
    for (TSNode n = ts_node_parent(q->call); !ts_node_eq(n, p->body); n = ts_node_parent(n))
        if (pf_node_is_function(n)) return "it runs in a nested function, where the lookup cannot forget the row";
    if (q->transaction >= 0 && !pf_model_in_transaction_around(model, q, p->loop))
        return "it runs inside a $transaction of its own, in the loop";
    TSNode await = pf_node_parent_unparen(q->call);
    TSNode up = pf_node_parent_unparen(await);
    w->statement = up;
    if (pf_node_is(up, "variable_declarator")) {
        w->statement = ts_node_parent(up);
        if (pf_node_named_count(w->statement) != 1) w->statement = pf_node_null();
    }
    bool own_statement = pf_node_is(await, "await_expression") && !ts_node_is_null(w->statement) &&
                         (pf_node_is(w->statement, "expression_statement") ||
                          pf_node_is(w->statement, "lexical_declaration")) &&
                         pf_node_is(ts_node_parent(w->statement), "statement_block");
    if (!own_statement) return "it is not an awaited statement of its own in a block";
    TSNode args = q->arg_object, first = pf_node_null();
    for (uint32_t i = 0; i < pf_node_named_count(args) && ts_node_is_null(first); i++)
        if (!pf_node_is(pf_node_named_child(args, i), "comment")) first = pf_node_named_child(args, i);
    TSNode where = pf_node_unwrap(pf_object_value(syntax, args, "where"));
    if (ts_node_is_null(args) || !pf_node_is(first, "pair") || !pf_str_eq_c(pf_pair_key(syntax, first), "where") ||
        !pf_node_is(where, "object") || pf_object_has_spread(where))
        return "its where is not an object written out as its first argument";
    w->key = pf_node_unwrap(pf_object_value(syntax, where, r->field->name));
    if (ts_node_is_null(w->key)) return pf_arena_printf(arena, "it is not keyed by `%s`, the field the read looks up", r->field->name);
    if (!pure_value(syntax, w->key) || pf_node_has_effects(syntax, where, pf_node_null(), no_call_is_pure))
        return pf_arena_printf(arena, "its `%s` is not a plain value (names, fields, literals) computed the same when the "
                                      "lookup forgets it",
                               r->field->name);
    if (relates_to_itself(model->schema, r->model))
        return pf_arena_printf(arena, "`%s` relates to itself, so writing one row may change others", r->model->name);
    if (updates) return own_data_problem(model, r, pf_object_value(syntax, args, "data"), false, arena);
    if (upserts) {
        const char *why = own_data_problem(model, r, pf_object_value(syntax, args, "update"), false, arena);
        if (why) return why;
        TSNode create = pf_node_unwrap(pf_object_value(syntax, args, "create"));
        why = own_data_problem(model, r, create, true, arena);
        if (why) return why;
        /* A create under the key the where looks for adds no row under another key. */
        TSNode created_key = pf_node_unwrap(pf_object_value(syntax, create, r->field->name));
        w->creates = ts_node_is_null(created_key) ||
                     !pf_str_eq(pf_node_str(syntax, created_key), pf_node_str(syntax, w->key));
        return NULL;
    }
    /* A delete cascades to the rows that refer to the deleted one; a model with only to-many
     * relations holds no foreign key, so none of its other rows can be among them. */
    for (size_t f = 0; f < r->model->field_count; f++)
        if (r->model->fields[f].kind == PF_FIELD_RELATION && !r->model->fields[f].is_list)
            return pf_arena_printf(arena, "deleting a `%s` may cascade to other `%s` rows through `%s`", r->model->name,
                                   r->model->name, r->model->fields[f].name);
    return NULL;
}

/* Why the loop's writes forbid reading `r` before the loop, or NULL: reading first (every
 * element's rows, or the one read all iterations share) would miss what earlier iterations
 * wrote. A findUnique (or a findFirst on a unique field) may still be read first when the
 * loop's writes to its model are updates, upserts or deletes of one row by the keyed field:
 * those the lookup follows (r->own_writes). */
static const char *check_writes(const pf_model *model, const plan *p, read *r, pf_arena *arena) {
    pf_model_set seen = {0};
    pf_models_read(model, r->query, &seen, arena);
    PF_VEC(TSNode) followed = {0};
    bool related_checked = false;
    bool one_row = !r->invariant && r->model && r->field && (r->kind == READ_UNIQUE || r->kind == READ_FIRST);
    for (size_t i = 0; one_row && i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (q->kind != PF_QUERY_WRITE || !pf_node_contains(p->body, q->call) ||
            pf_schema_model_by_delegate(model->schema, q->delegate) != r->model)
            continue;
        own_write w;
        memset(&w, 0, sizeof(w));
        const char *why = check_own_write(model, p, r, q, &w, arena);
        if (!why && pf_str_eq_c(q->op, "delete") && seen.len > 1)
            why = "a delete cascades into the relations the read includes or selects, where other rows may refer to "
                  "the deleted ones";
        if (why)
            return pf_arena_printf(arena, "the loop writes to `%s`, which the read sees (line %d), and %s: reading every "
                                          "element first would miss what earlier iterations wrote",
                                   r->model->name, pf_node_line(q->call), why);
        if (!related_checked) {
            /* The rows the lookup holds for other keys must not hold the written one. */
            related_checked = true;
            pf_model_set related = {0};
            pf_models_read_related(model, r->query, &related, arena);
            for (size_t k = 0; k < related.len; k++)
                if (related.items[k] == r->model)
                    return pf_arena_printf(arena, "the loop writes to `%s`, which the read sees (line %d), and the read "
                                                  "reaches `%s` rows again through its relations, where a row the loop "
                                                  "writes may be part of what the lookup holds for other keys: reading "
                                                  "every element first would miss what earlier iterations wrote",
                                           r->model->name, pf_node_line(q->call), r->model->name);
        }
        r->creates |= w.creates || ts_node_is_null(w.statement);
        if (!ts_node_is_null(w.statement)) *PF_VEC_PUSH(arena, r->own_writes) = w;
        *PF_VEC_PUSH(arena, followed) = q->call;
    }
    const char *why = pf_writes_seen_except(model, p->body, r->model ? &seen : NULL, followed.items, followed.len, arena);
    if (!why) return NULL;
    r->own_writes.len = 0;
    r->creates = false;
    return pf_arena_printf(arena, "the loop %s: reading %s first would miss what earlier iterations wrote", why,
                           r->invariant ? "once" : "every element");
}

/* Why handing out one row object where each read made its own could change what the loop
 * computes, or NULL: the read that is the same on every iteration gives all of them its one
 * result, and a keyed read gives elements with the same key the same row. That is fine
 * unless the code changes a row (`user.name = ...`, `row.tags.push(x)`) or hands it to code
 * that may: then one element's change shows in another's row. */
static const char *check_shared_rows(const pf_model *model, const plan *p, const read *r, pf_arena *arena) {
    const pf_query *q = r->query;
    if (pf_str_eq_c(q->op, "count") && ts_node_is_null(pf_object_pair(model->syntax, q->arg_object, "select")))
        return NULL; /* a number */
    if (!r->invariant && pf_keys_are_unique(model, r->key, p->element, p->array)) return NULL;
    pf_rows_path row = {NULL, 0, r->model};
    pf_rows_use use = pf_rows_follow_changes(model, arena, q->call, row);
    if (!use.why) return NULL;
    return pf_arena_printf(arena, "%s, and %s", r->invariant ? "every iteration would get the same result object"
                                                            : "elements with the same key would get the same row object",
                           use.why);
}

/* Reads the loop's shape: a for-of, or an index loop over an array. Returns why not. */
static const char *read_loop(const pf_model *model, plan *p) {
    const pf_syntax *syntax = model->syntax;
    if (!pf_node_is(ts_node_parent(p->loop), "statement_block") && !pf_node_is(ts_node_parent(p->loop), "program"))
        return "the loop is not inside a block";
    p->body = pf_node_field(p->loop, "body");
    if (!pf_node_is(p->body, "statement_block")) return "the loop body is not a block";
    if (pf_node_is(p->loop, "for_in_statement")) {
        if (!pf_node_text_is(syntax, pf_node_field(p->loop, "operator"), "of")) return "a for-in loop runs over keys";
        TSNode kind = pf_node_field(p->loop, "kind");
        if (ts_node_is_null(kind) || pf_node_text_is(syntax, kind, "var"))
            return "the loop does not declare its element with const or let";
        p->array = pf_node_field(p->loop, "right");
        p->element = pf_node_field(p->loop, "left");
        bool plain = pf_node_is(p->array, "identifier") || pf_node_is(p->array, "member_expression");
        if (!plain) return "the loop runs over an expression, not an array held in a name";
        return NULL;
    }
    if (!pf_node_is(p->loop, "for_statement")) return "only for-of loops and index loops over an array are rewritten";
    /* for (let i = 0; i < xs.length; i++) */
    TSNode init = pf_node_field(p->loop, "initializer"), cond = pf_node_field(p->loop, "condition");
    TSNode incr = pf_node_field(p->loop, "increment");
    TSNode decl = pf_node_child_of_type(init, "variable_declarator");
    if (pf_node_is(cond, "expression_statement")) cond = pf_node_named_child(cond, 0);
    if (!pf_node_is(pf_node_field(decl, "name"), "identifier") || !pf_node_text_is(syntax, pf_node_field(decl, "value"), "0") ||
        !pf_node_is(cond, "binary_expression") || !pf_node_text_is(syntax, pf_node_field(cond, "operator"), "<"))
        return "the loop is not a for-of or `for (let i = 0; i < xs.length; i++)`";
    p->index = pf_node_str(syntax, pf_node_field(decl, "name"));
    TSNode limit = pf_node_field(cond, "right");
    if (!pf_str_eq(pf_node_str(syntax, pf_node_field(cond, "left")), p->index))
        return "the loop is not a for-of or `for (let i = 0; i < xs.length; i++)`";
    if (!pf_node_is(limit, "member_expression") || !pf_node_text_is(syntax, pf_node_field(limit, "property"), "length"))
        return "the loop is not a for-of or `for (let i = 0; i < xs.length; i++)`";
    bool step = pf_node_is(incr, "update_expression") && pf_node_text_is(syntax, pf_node_field(incr, "operator"), "++");
    if (!step) return "the loop does not step one element at a time";
    p->array = pf_node_field(limit, "object");
    if (!pf_node_is(p->array, "identifier") && !pf_node_is(p->array, "member_expression"))
        return "the loop runs over an expression, not an array held in a name";
    if (pf_node_writes_name(syntax, p->body, p->index)) return "the loop body changes its index";
    /* `const x = xs[i]` as the first statement names the element. */
    TSNode first = pf_node_named_child(p->body, 0);
    if (pf_node_is(first, "lexical_declaration") && pf_node_named_count(first) == 1) {
        TSNode d = pf_node_named_child(first, 0);
        TSNode value = pf_node_unwrap(pf_node_field(d, "value"));
        if (pf_node_is(value, "subscript_expression") &&
            pf_str_eq(pf_node_str(syntax, pf_node_field(value, "object")), pf_node_str(syntax, p->array)) &&
            pf_str_eq(pf_node_str(syntax, pf_node_field(value, "index")), p->index))
            p->element = pf_node_field(d, "name");
    }
    return NULL;
}

/* Finds the reads to hoist; the others are recorded with why they stay. */
static void find_reads(const pf_model *model, plan *p, pf_arena *arena) {
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (!pf_node_contains(p->body, q->call) || q->kind != PF_QUERY_READ) continue;
        bool nested = false;
        for (TSNode n = ts_node_parent(q->call); !ts_node_eq(n, p->body); n = ts_node_parent(n))
            nested |= pf_node_is_function(n) || pf_node_is(n, "for_statement") || pf_node_is(n, "for_in_statement") ||
                      pf_node_is(n, "while_statement") || pf_node_is(n, "do_statement");
        TSNode up = pf_node_parent_unparen(q->call);
        const char *why = NULL;
        read r;
        memset(&r, 0, sizeof(r));
        r.query = q;
        r.await = up;
        if (nested) why = "it runs in a nested loop or callback";
        else if (q->transaction >= 0 && !pf_model_in_transaction_around(model, q, p->loop))
            why = "it runs inside a $transaction of its own, in the loop";
        else if (!pf_node_is(up, "await_expression")) why = "it is not awaited where it is written";
        bool skippable = p->stops_early;
        for (TSNode s = pf_node_named_child(p->body, 0); !ts_node_is_null(s) && !pf_node_contains(s, q->call);
             s = ts_node_next_named_sibling(s))
            skippable |= may_skip(s);
        if (!why) why = check_read(model, p, &r, arena);
        if (!why && !r.invariant && pf_is_null_key_fallback(model->syntax, q->call))
            why = "it runs only for an element whose key is null, or whose row the loop wrote, beside the lookup";
        /* Every element's key is computed before the loop, also for elements the loop never
         * reads (a continue before the read, a break or return before the last element): only
         * a key that cannot throw is computed so (the element, or one field of it), and null
         * keys are left out of the `in` list (the original never asked for them). */
        if (!why && skippable && !r.invariant) {
            if (!safe_key(model->syntax, p, r.key))
                why = "an iteration can skip it, or the loop can stop before it, and its key is more than the element "
                      "or one of its fields, which could throw for an element the loop never read";
            r.skip_nullish = true;
        }
        /* In JavaScript nothing says what a skipped element holds: a string where the field is a
         * number would fail the whole `in` list, for an element the original never read. */
        if (!why && skippable && !r.invariant && !r.defined && !pf_path_has_types(model->path))
            why = "an iteration can skip it (a guard such as `typeof x.id !== 'number'`), and in JavaScript nothing "
                  "says the skipped elements' keys are of the field's type: one bad key would fail the read of "
                  "every element";
        if (!why && !r.invariant) why = check_key_changes(model, p, &r, arena);
        if (!why) why = check_writes(model, p, &r, arena);
        if (!why && (!r.invariant || p->may_be_empty) && p->iterable == PF_ITERABLE_UNKNOWN && !p->index.len &&
            p->stops_early)
            why = "the loop can stop early, and nothing says what it runs over is an array, a Set or a Map: an iterator "
                  "(a generator) would be run to its end to read every key first";
        if (!why) why = check_shared_rows(model, p, &r, arena);
        if (!why && r.nullable) r.skip_nullish = true;
        if (why) {
            *PF_VEC_PUSH(arena, p->skipped) = pf_arena_printf(arena, "`%.*s.%.*s` stays: %s", (int)q->delegate.len,
                                                               q->delegate.ptr, (int)q->op.len, q->op.ptr, why);
            continue;
        }
        *PF_VEC_PUSH(arena, p->reads) = r;
    }
}

/* `student_id` → `StudentId`. */
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

/* Appends `xs.map((element) => key)`: every element's key, in order. */
static void append_keys(pf_buf *out, const pf_syntax *syntax, const plan *p, const read *r, bool typed) {
    pf_str array = p->copy_name ? pf_str_c(p->copy_name) : pf_node_str(syntax, p->array), key = pf_node_str(syntax, r->key);
    pf_str element = ts_node_is_null(p->element) ? pf_str_c("_") : pf_node_str(syntax, p->element);
    /* a Set, a Map, an index loop's array-like: Array.from reads any */
    bool array_of = !p->copy_name && p->iterable != PF_ITERABLE_ARRAY;
    if (r->skip_nullish && !p->index.len && pf_str_eq(key, element)) {
        /* the keys are the elements: filtering them makes the copy `in` needs */
        pf_buf_printf(out, array_of ? "Array.from(%.*s)" : "%.*s", (int)array.len, array.ptr);
        if (typed) pf_buf_puts(out, ".filter((key): key is NonNullable<typeof key> => key != null)");
        else pf_buf_puts(out, ".filter((key) => key != null)");
        return;
    }
    bool parens = p->index.len || !(element.len && element.ptr[0] == '(');
    pf_buf_printf(out, array_of ? "Array.from(%.*s, %s%.*s" : "%.*s.map(%s%.*s", (int)array.len, array.ptr,
                  parens ? "(" : "", (int)element.len, element.ptr);
    if (p->index.len) pf_buf_printf(out, ", %.*s", (int)p->index.len, p->index.ptr);
    pf_buf_printf(out, "%s => %.*s)", parens ? ")" : "", (int)key.len, key.ptr);
    if (r->skip_nullish) {
        if (typed) pf_buf_puts(out, ".filter((key): key is NonNullable<typeof key> => key != null)");
        else pf_buf_puts(out, ".filter((key) => key != null)");
    }
}

/* Appends the hoisted read of `r` and its Map, before the loop. */
static void append_hoisted(pf_buf *out, const pf_model *model, const plan *p, const read *r, pf_str indent,
                           const char *semi, const char *nl, char quote) {
    const pf_syntax *syntax = model->syntax;
    const pf_query *q = r->query;
    bool typed = pf_path_has_types(model->path);
    if (r->invariant) {
        /* The read as written, its continuation lines moved left to the loop's indentation. */
        pf_str call = pf_node_str(syntax, q->call);
        pf_buf moved = PF_BUF_INIT;
        pf_buf_append(&moved, call.ptr, call.len);
        pf_str read_indent = pf_line_indent(syntax->text, ts_node_start_byte(q->call));
        if (read_indent.len > indent.len && !pf_has_multiline_template(syntax, q->call))
            pf_dedent(&moved, read_indent.len - indent.len);
        pf_buf_printf(out, "const %s = ", r->rows_name);
        if (p->may_be_empty) {
            /* no iteration, no query: as in the original */
            pf_str array = p->copy_name ? pf_str_c(p->copy_name) : pf_node_str(syntax, p->array);
            pf_buf_printf(out, "%.*s.%s === 0 ? %s : ", (int)array.len, array.ptr,
                          p->iterable == PF_ITERABLE_COLLECTION && !p->index.len ? "size" : "length", r->empty_value);
        }
        pf_buf_printf(out, "await %s%s%s%.*s", moved.data, semi, nl, (int)indent.len, indent.ptr);
        pf_buf_free(&moved);
        return;
    }
    TSNode args = q->arg_object;
    TSNode where = pf_node_unwrap(pf_object_value(syntax, args, "where"));
    const char *field = r->field->name;
    if (r->keys_name) {
        /* the keys serve the query and the lookup's entries for keys without a row */
        pf_buf_printf(out, "const %s = ", r->keys_name);
        append_keys(out, syntax, p, r, typed);
        pf_buf_printf(out, "%s%s%.*s", semi, nl, (int)indent.len, indent.ptr);
    }
    pf_buf_printf(out, "const %s = await ", r->rows_name);
    if (r->chunks_name) {
        pf_buf_printf(out, "%s(", r->chunks_name);
        if (r->keys_name) pf_buf_puts(out, r->keys_name);
        else append_keys(out, syntax, p, r, typed);
        pf_buf_printf(out, ", %ld, (%s) => ", pf_in_list_limit(model->schema), r->chunk_name);
    }
    pf_buf_printf(out, "%.*s.%.*s.%s({ ", (int)q->client.len, q->client.ptr, (int)q->delegate.len, q->delegate.ptr,
                  r->kind == READ_COUNT ? "groupBy" : "findMany");
    if (r->kind == READ_COUNT) pf_buf_printf(out, "by: [%c%s%c], ", quote, field, quote);
    pf_buf_puts(out, "where: { ");
    bool first = true;
    for (uint32_t i = 0; i < pf_node_named_count(where); i++) {
        TSNode item = pf_node_named_child(where, i);
        if (pf_node_is(item, "comment")) continue;
        pf_buf_puts(out, first ? "" : ", ");
        first = false;
        if (!ts_node_eq(item, r->key_item)) {
            pf_str text = pf_node_str(syntax, item);
            pf_buf_append(out, text.ptr, text.len);
            continue;
        }
        pf_buf_printf(out, "%s: { in: ", field);
        if (r->chunks_name) pf_buf_puts(out, r->chunk_name);
        else if (r->keys_name) pf_buf_puts(out, r->keys_name);
        else append_keys(out, syntax, p, r, typed);
        pf_buf_puts(out, " }");
    }
    pf_buf_puts(out, " }");
    for (uint32_t i = 0; i < pf_node_named_count(args); i++) {
        TSNode item = pf_node_named_child(args, i);
        if (!pf_node_is(item, "pair") || pf_str_eq_c(pf_pair_key(syntax, item), "where")) continue;
        pf_str text = pf_node_str(syntax, item);
        pf_buf_printf(out, ", %.*s", (int)text.len, text.ptr);
    }
    if (r->kind == READ_COUNT) pf_buf_puts(out, ", _count: { _all: true }");
    pf_buf_printf(out, " })%s%s%s%.*s", r->chunks_name ? ")" : "", semi, nl, (int)indent.len, indent.ptr);
    const char *as_const = typed ? " as const" : "";
    if (r->keys_name) {
        /* Every key starts as read (null: no row); the loop's writes make it forget theirs. A
         * unique field has one row per key at most, so no order to keep. */
        if (typed)
            pf_buf_printf(out, "const %s = new Map<unknown, (typeof %s)[number] | null>", r->map_name, r->rows_name);
        else pf_buf_printf(out, "const %s = new Map", r->map_name);
        pf_buf_printf(out, "(%s.map((key) => [key, null]%s))%s%s%.*s", r->keys_name, as_const, semi, nl, (int)indent.len,
                      indent.ptr);
        pf_buf_printf(out, "for (const row of %s) %s.set(row.%s, row)", r->rows_name, r->map_name, field);
    } else if (r->own_writes.len && typed) {
        /* `delete` takes the write's key, whatever type the code gives it */
        pf_buf_printf(out, "const %s = new Map<unknown, (typeof %s)[number]>(%s%s%s.map((row) => [row.%s, row]%s))",
                      r->map_name, r->rows_name, r->kind == READ_FIRST ? "[..." : "", r->rows_name,
                      r->kind == READ_FIRST ? "].reverse()" : "", field, as_const);
    } else if (r->kind == READ_COUNT)
        pf_buf_printf(out, "const %s = new Map(%s.map((group) => [group.%s, group._count._all]%s))", r->map_name,
                      r->rows_name, field, as_const);
    else if (r->kind == READ_FIRST)
        /* The first row per key in the findFirst's order: later entries of a Map win, so the
         * rows go in reversed. */
        pf_buf_printf(out, "const %s = new Map([...%s].reverse().map((row) => [row.%s, row]%s))", r->map_name,
                      r->rows_name, field, as_const);
    else
        pf_buf_printf(out, "const %s = new Map(%s.map((row) => [row.%s, row]%s))", r->map_name, r->rows_name, field,
                      as_const);
    pf_buf_printf(out, "%s%s%.*s", semi, nl, (int)indent.len, indent.ptr);
}

/* Before each write of the loop to rows it looks up, the lookups forget the written key
 * (`productById.delete(line.productId);` on a line of its own): a later element with that
 * key reads the row again, as written, and sees the write. Before, not after: when the write
 * throws and the loop catches it, the row may or may not have changed, and reading it again
 * is right either way. One edit per statement, however many lookups forget there. */
static void forget_written_keys(pf_pass_context *ctx, const plan *p, const char *semi) {
    const pf_syntax *syntax = ctx->model->syntax;
    for (size_t i = 0; i < p->reads.len; i++)
        for (size_t w = 0; w < p->reads.items[i].own_writes.len; w++) {
            TSNode statement = p->reads.items[i].own_writes.items[w].statement;
            bool done = false; /* an earlier lookup's edit for this statement holds this one too */
            for (size_t k = 0; k < i && !done; k++)
                for (size_t v = 0; v < p->reads.items[k].own_writes.len && !done; v++)
                    done = ts_node_eq(p->reads.items[k].own_writes.items[v].statement, statement);
            for (size_t v = 0; v < w && !done; v++)
                done = ts_node_eq(p->reads.items[i].own_writes.items[v].statement, statement);
            if (done) continue;
            uint32_t at = ts_node_start_byte(statement);
            pf_str indent = pf_line_indent(syntax->text, at);
            pf_buf text = PF_BUF_INIT;
            for (size_t k = i; k < p->reads.len; k++)
                for (size_t v = 0; v < p->reads.items[k].own_writes.len; v++) {
                    const own_write *ow = &p->reads.items[k].own_writes.items[v];
                    if (!ts_node_eq(ow->statement, statement)) continue;
                    pf_str key = pf_node_str(syntax, ow->key);
                    pf_buf_printf(&text, "%s.delete(%.*s)%s%s%.*s", p->reads.items[k].map_name, (int)key.len, key.ptr,
                                  semi, ctx->newline, (int)indent.len, indent.ptr);
                }
            pf_edits_replace_buf(ctx->edits, at, at, &text);
            pf_buf_free(&text);
        }
}

/* Asks for the edits of one planned rewrite. */
static void rewrite(pf_pass_context *ctx, plan *p, pf_name_list *taken, pf_helpers *helpers) {
    const pf_model *model = ctx->model;
    const pf_syntax *syntax = model->syntax;
    const char *text = syntax->text;
    pf_style style = pf_style_of(syntax);
    pf_str indent = pf_line_indent(text, ts_node_start_byte(p->loop));
    TSNode first = pf_node_named_child(p->body, 0);
    while (pf_node_is(first, "comment")) first = ts_node_next_named_sibling(first);
    const char *semi = pf_semicolon_of(text, first);
    pf_buf prelude = PF_BUF_INIT;
    bool counted = false; /* the keys are read, or the elements counted, before the loop */
    for (size_t i = 0; i < p->reads.len; i++) counted |= !p->reads.items[i].invariant || p->may_be_empty;
    if (counted && !p->index.len && p->iterable == PF_ITERABLE_UNKNOWN) {
        /* It may be an iterator (an `Iterable` parameter given a generator): reading the keys
         * or counting the elements would use it up, so that and the loop go through one copy. */
        pf_str array = pf_node_str(syntax, p->array);
        TSNode last = pf_node_is(p->array, "member_expression") ? pf_node_field(p->array, "property") : p->array;
        pf_str stem = pf_node_str(syntax, last);
        p->copy_name = pf_fresh_name(syntax, ctx->arena, taken, pf_arena_printf(ctx->arena, "%.*sList", (int)stem.len, stem.ptr));
        pf_buf_printf(&prelude, "const %s = Array.from(%.*s)%s%s%.*s", p->copy_name, (int)array.len, array.ptr, semi,
                      ctx->newline, (int)indent.len, indent.ptr);
        pf_edits_replace(ctx->edits, ts_node_start_byte(p->array), ts_node_end_byte(p->array), p->copy_name,
                         strlen(p->copy_name));
    }
    for (size_t i = 0; i < p->reads.len; i++) {
        read *r = &p->reads.items[i];
        pf_buf base = PF_BUF_INIT;
        pf_buf_append(&base, r->query->delegate.ptr, r->query->delegate.len);
        if (r->invariant) {
            pf_buf_puts(&base, pf_str_eq_c(r->query->op, "count") ? "Count" : "Once");
            r->rows_name = pf_fresh_name(syntax, ctx->arena, taken, base.data);
            pf_buf_free(&base);
            append_hoisted(&prelude, model, p, r, indent, semi, ctx->newline, style.quote);
            pf_edits_replace(ctx->edits, ts_node_start_byte(r->await), ts_node_end_byte(r->await), r->rows_name,
                             strlen(r->rows_name));
            continue;
        }
        size_t stem = base.len;
        pf_buf_puts(&base, r->kind == READ_COUNT ? "Counts" : "Rows");
        r->rows_name = pf_fresh_name(syntax, ctx->arena, taken, base.data);
        base.len = stem;
        pf_buf_puts(&base, r->kind == READ_COUNT ? "CountBy" : "By");
        append_camel(&base, r->field->name);
        r->map_name = pf_fresh_name(syntax, ctx->arena, taken, base.data);
        if (r->own_writes.len && !r->creates) {
            base.len = stem;
            pf_buf_puts(&base, "Keys");
            r->keys_name = pf_fresh_name(syntax, ctx->arena, taken, base.data);
        }
        pf_buf_free(&base);
        /* Prisma splits a long `in` list of a findMany without orderBy itself, not a groupBy's
         * nor an ordered findMany's: those run per chunk of keys unless the array is short. */
        bool ordered = r->kind == READ_FIRST && !ts_node_is_null(pf_object_pair(syntax, r->query->arg_object, "orderBy"));
        long elements = pf_array_at_most(model, p->array);
        if ((r->kind == READ_COUNT || ordered) && !(elements >= 0 && elements <= pf_in_list_limit(model->schema))) {
            r->chunks_name = pf_helper_use(model, ctx->arena, taken, helpers, PF_HELPER_IN_CHUNKS);
            r->chunk_name = pf_fresh_name(syntax, ctx->arena, taken, "chunk");
        }
        append_hoisted(&prelude, model, p, r, indent, semi, ctx->newline, style.quote);
        /* The lookup stands where the awaited read stood; inside a larger expression it is
         * parenthesised (`??` binds loosely). */
        pf_str key = pf_node_str(syntax, r->key);
        TSNode up = ts_node_parent(r->await);
        bool bare = pf_node_is(up, "variable_declarator") || pf_node_is(up, "arguments") ||
                    pf_node_is(up, "expression_statement") || pf_node_is(up, "pair") || pf_node_is(up, "array") ||
                    pf_node_is(up, "return_statement") || pf_node_is(up, "parenthesized_expression") ||
                    (pf_node_is(up, "assignment_expression") && ts_node_eq(pf_node_field(up, "right"), r->await));
        const char *lookup = pf_arena_printf(ctx->arena, "%s%s.get(%.*s) ?? %s%s", bare ? "" : "(", r->map_name,
                                             (int)key.len, key.ptr, r->kind == READ_COUNT ? "0" : "null", bare ? "" : ")");
        bool followed = r->own_writes.len || r->creates;
        if (r->nullable || followed) {
            /* the read as written, for a null key (an `in` list never matches NULL) and for a
             * key whose row the loop wrote since (the lookup forgot it) */
            pf_str original = pf_node_str(syntax, r->await);
            const char *null_test = r->nullable ? pf_arena_printf(ctx->arena, "%.*s == null", (int)key.len, key.ptr) : "";
            const char *forgot = followed ? pf_arena_printf(ctx->arena, "!%s.has(%.*s)", r->map_name,
                                                                     (int)key.len, key.ptr)
                                                   : "";
            lookup = pf_arena_printf(ctx->arena, "%s%s%s%s ? %.*s : %s.get(%.*s) ?? %s%s", bare ? "" : "(", null_test,
                                     *null_test && *forgot ? " || " : "", forgot, (int)original.len, original.ptr,
                                     r->map_name, (int)key.len, key.ptr, r->kind == READ_COUNT ? "0" : "null",
                                     bare ? "" : ")");
        }
        pf_edits_replace(ctx->edits, ts_node_start_byte(r->await), ts_node_end_byte(r->await), lookup, strlen(lookup));
    }
    forget_written_keys(ctx, p, semi);
    uint32_t at = ts_node_start_byte(p->loop);
    pf_edits_replace_buf(ctx->edits, at, at, &prelude);
    pf_buf_free(&prelude);
}

/* Reports (or takes over) each outermost loop with reads keyed by its element, and hoists
 * them when asked. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    /* Not selected (--pass without hoist): the loop pass's declines stand as they are. */
    if (!pf_pass_selected(ctx->options, "hoist")) return;
    pf_name_list taken = {0};
    pf_helpers helpers;
    memset(&helpers, 0, sizeof(helpers));
    for (size_t i = 0; i < model->loops.len; i++) {
        const pf_loop *loop = &model->loops.items[i];
        pf_measure each = pf_measure_loop(model, loop->node);
        if (each.total == 0 || loop->trips == 0 || pf_only_null_key_fallbacks(model, loop->node)) continue;
        bool inner = false;
        for (size_t k = 0; k < i && !inner; k++)
            inner = model->loops.items[k].function == loop->function && pf_node_contains(model->loops.items[k].node, loop->node) &&
                    pf_measure_loop(model, model->loops.items[k].node).total > 0;
        if (inner) continue;
        pf_finding *f = pf_pass_finding_at(ctx, PF_RULE_LOOP_QUERIES, loop->node);
        if (f && (f->fixable || (f->pass && strcmp(f->pass, "loop") != 0))) continue; /* the window pass rewrites it */
        plan p;
        memset(&p, 0, sizeof(p));
        p.loop = loop->node;
        const char *why = read_loop(model, &p);
        if (!why) p.stops_early = stops_early(p.body);
        if (!why) p.may_be_empty = pf_model_array_length(model, p.array) <= 0;
        if (!why && !model->schema) why = "needs the Prisma schema, to know which fields are unique";
        if (!why) p.iterable = pf_iterable_of(model, p.array);
        if (!why && p.iterable == PF_ITERABLE_ONCE)
            why = "the loop runs over an iterator (a generator, `.values()`), which reading every key first would use up";
        if (!why) find_reads(model, &p, ctx->arena);
        if (!why && p.reads.len == 0)
            why = p.skipped.len ? p.skipped.items[0] : "the loop reads nothing keyed by its element";
        if (!f) {
            f = pf_pass_report(ctx, PF_RULE_LOOP_QUERIES, loop->node, loop->node, "the loop runs %ld quer%s per iteration",
                               (long)each.total, each.total == 1 ? "y" : "ies");
            f->unbounded = loop->trips < 0;
            pf_note_loop_in_transaction(ctx, f, loop->node);
        }
        const char *window_why = f->decline && strncmp(f->decline, "not rewritten: ", 15) == 0 ? f->decline + 15 : f->decline;
        if (why) {
            if (window_why && strcmp(window_why, why) == 0) pf_finding_decline(ctx, f, "not rewritten: %s", why);
            else if (window_why) pf_finding_decline(ctx, f, "not rewritten: %s; not hoisted either: %s", window_why, why);
            else pf_finding_decline(ctx, f, "not hoisted: %s", why);
            continue;
        }
        pf_buf note = PF_BUF_INIT;
        for (size_t k = 0; k < p.reads.len; k++) {
            const read *r = &p.reads.items[k];
            pf_buf_printf(&note, "%s`%.*s.%.*s`%s", k ? ", " : "", (int)r->query->delegate.len, r->query->delegate.ptr,
                          (int)r->query->op.len, r->query->op.ptr, r->invariant ? " (the same on every iteration)" : "");
        }
        bool nullable = false;
        for (size_t k = 0; k < p.reads.len; k++) nullable |= p.reads.items[k].nullable;
        bool unordered_first = false;
        for (size_t k = 0; k < p.reads.len; k++)
            unordered_first |= p.reads.items[k].kind == READ_FIRST &&
                               ts_node_is_null(pf_object_pair(model->syntax, p.reads.items[k].query->arg_object, "orderBy"));
        bool followed = false;
        for (size_t k = 0; k < p.reads.len; k++) followed |= p.reads.items[k].own_writes.len || p.reads.items[k].creates;
        f->message = pf_arena_printf(ctx->arena,
                                     "%s; the read%s %s can run once, before the loop, for every element at once; each "
                                     "iteration looks its element up%s%s%s%s%s",
                                     f->message, p.reads.len == 1 ? "" : "s", note.data,
                                     followed ? " (the loop writes the rows it looks up: a key whose row it wrote, or "
                                                "may have created, is read again as written)"
                                              : "",
                                     nullable ? " (an element whose key is null or undefined runs its read as "
                                                "written: an `in` list never matches NULL, and rejects undefined)"
                                              : "",
                                     unordered_first ? " (a findFirst without orderBy returns any matching row, before "
                                                       "and after)"
                                                     : "",
                                     p.skipped.len ? "; " : "", p.skipped.len ? p.skipped.items[0] : "");
        pf_buf_free(&note);
        f->pass = "hoist";
        f->fixable = true;
        f->decline = NULL;
        if (pf_pass_may_rewrite(ctx, f, loop->node)) rewrite(ctx, &p, &taken, &helpers);
    }
    pf_helpers_add(ctx, &helpers);
}

#include "hoist.md.h"

const pf_pass pf_pass_hoist = {
    .name = "hoist",
    .rule = PF_RULE_LOOP_QUERIES,
    .default_on = true,
    .summary = "read a loop's per-element findUnique/findFirst/count once before the loop (N+1)",
    .doc = pf_doc_hoist,
    .run = run,
};
