/* Fresh copies of rows as a findMany returns them (see row_copy.h). */
#include "poolfix/row_copy.h"

#include "poolfix/objects.h"

#include <stdio.h>
#include <string.h>

/* Appends a copy of the value `expr` of scalar field `f` (a new Date for a DateTime, a new
 * array for a list, structuredClone for Json, which holds only JSON values) to `out` (NULL:
 * only checks); false for values it cannot copy exactly without knowing more (Bytes, whose
 * class depends on the Prisma version; DateTime lists; composite types). */
static bool append_scalar_copy(pf_buf *out, const pf_schema_field *f, const char *expr) {
    bool date = strcmp(f->type, "DateTime") == 0;
    if (f->kind == PF_FIELD_COMPOSITE || strcmp(f->type, "Bytes") == 0 || (date && f->is_list)) return false;
    if (!out) return true;
    if (strcmp(f->type, "Json") == 0) pf_buf_printf(out, "structuredClone(%s)", expr);
    else if (f->is_list) pf_buf_printf(out, "[...%s]", expr);
    else if (date && f->is_optional) pf_buf_printf(out, "%s && new Date(%s)", expr, expr);
    else if (date) pf_buf_printf(out, "new Date(%s)", expr);
    else pf_buf_puts(out, expr);
    return true;
}

/* Appends a copy of relation `f`'s value `expr` (a row, null, or a list of rows), read with
 * the nested arguments `args` (`true`, or `{ select }`, `{ include }` with where/orderBy/take). */
static bool append_relation_copy(pf_buf *out, const pf_schema *schema, const pf_syntax *syntax,
                                 const pf_schema_field *f, TSNode args, const char *expr, int depth) {
    const pf_schema_model *related = pf_schema_related(schema, f);
    if (!related || depth > 8) return false;
    args = pf_node_unwrap(args);
    TSNode select = pf_node_is(args, "object") ? pf_node_unwrap(pf_object_value(syntax, args, "select")) : pf_node_null();
    TSNode include = pf_node_is(args, "object") ? pf_node_unwrap(pf_object_value(syntax, args, "include")) : pf_node_null();
    char item[32];
    snprintf(item, sizeof(item), "nested%d", depth);
    const char *inner = f->is_list ? item : expr;
    if (out && f->is_list) pf_buf_printf(out, "%s.map((%s) => ", expr, item);
    else if (out && f->is_optional) pf_buf_printf(out, "%s && ", expr);
    if (!pf_append_row_copy(out, schema, syntax, related, select, include, inner, depth + 1)) return false;
    if (out && f->is_list) pf_buf_putc(out, ')');
    return true;
}

/* Appends `({ ... })`, a fresh copy of the row `expr` of model `m` as a findMany returns it with
 * `select` or `include` (either may be null): every object in it new, as each findMany gave
 * (its Dates, lists and related rows); `out` NULL only checks. False for rows holding values
 * it cannot copy (append_scalar_copy) or selections it does not follow. */
bool pf_append_row_copy(pf_buf *out, const pf_schema *schema, const pf_syntax *syntax,
                            const pf_schema_model *m, TSNode select, TSNode include, const char *expr, int depth) {
    bool first = true;
    pf_buf value = PF_BUF_INIT;
    bool ok = true;
    if (out) pf_buf_puts(out, "({ ");
    if (!pf_node_is(select, "object") && out) {
        pf_buf_printf(out, "...%s", expr);
        first = false;
    }
    /* A select's fields in its order (the order of the row's keys); else the model's fields,
     * after the spread of the row. */
    bool selecting = pf_node_is(select, "object");
    size_t count = selecting ? pf_node_named_count(select) : m->field_count;
    for (size_t i = 0; ok && i < count; i++) {
        const pf_schema_field *f = NULL;
        TSNode entry = pf_node_null();
        if (selecting) {
            entry = pf_node_named_child(select, (uint32_t)i);
            if (!pf_node_is(entry, "pair")) continue;
            pf_str key = pf_pair_key(syntax, entry);
            if (pf_str_eq_c(key, "_count")) {
                /* `_count: { select: ... }` is an object of numbers. */
                if (out) pf_buf_printf(out, "%s_count: { ...%s._count }", first ? "" : ", ", expr);
                first = false;
                continue;
            }
            f = pf_schema_field_named(m, key);
            if (!f) {
                ok = false;
                break;
            }
        } else {
            f = &m->fields[i];
            if (pf_node_is(include, "object")) entry = pf_object_pair(syntax, include, f->name);
        }
        bool relation = f->kind == PF_FIELD_RELATION;
        TSNode args = ts_node_is_null(entry) ? entry : pf_node_unwrap(pf_node_field(entry, "value"));
        if (pf_node_is(args, "false")) continue;
        if (relation && ts_node_is_null(entry)) continue;
        /* The spread keeps scalars that need no copy. */
        bool needs = selecting || relation || f->is_list || strcmp(f->type, "DateTime") == 0 ||
                     f->kind == PF_FIELD_COMPOSITE || strcmp(f->type, "Json") == 0 || strcmp(f->type, "Bytes") == 0;
        if (!needs) continue;
        char *field_expr = NULL;
        pf_buf path = PF_BUF_INIT;
        pf_buf_printf(&path, "%s.%s", expr, f->name);
        field_expr = path.data;
        value.len = 0;
        ok = relation ? append_relation_copy(out ? &value : NULL, schema, syntax, f, args, field_expr, depth)
                      : append_scalar_copy(out ? &value : NULL, f, field_expr);
        if (ok && out) {
            pf_buf_printf(out, "%s%s: %s", first ? "" : ", ", f->name, value.data ? value.data : "");
            first = false;
        }
        pf_buf_free(&path);
    }
    TSNode counts = !selecting && pf_node_is(include, "object") ? pf_object_pair(syntax, include, "_count") : pf_node_null();
    if (ok && out && !ts_node_is_null(counts)) pf_buf_printf(out, "%s_count: { ...%s._count }", first ? "" : ", ", expr);
    if (out) pf_buf_puts(out, " })");
    pf_buf_free(&value);
    return ok;
}

