/* loop: replaces a loop that queries one window per iteration (the month-by-month report)
 * with one query per reading over all the windows (rule loop-queries).
 *
 * Shapes: `for (init; cond; step)` whose body first computes the window from the loop
 * variable (`const start = startOfMonth(subMonths(now, i))`, `new Date(...)` and its
 * setters, date-fns, dayjs), or `for (const b of buckets)` whose window is the bucket
 * (`b.from`, `b.to`) or computed from it; then, anywhere in the body (also inside an awaited
 * `Promise.all([...])`), counts, aggregates and findManys filtering `dateField: { gte|gt:
 * lower, lt|lte: upper }` beside filters that do not change between iterations.
 *
 * Default rewrite, exact for any database: the window code moves into a small local
 * function; every window is listed first (the loop header runs twice); ONE findMany per
 * reading (a model with its other filters) reads the union of the windows, selecting only
 * what the loop uses; and each iteration takes its window's rows from that result in memory
 * (`.length` for a count, sums and extremes for an aggregate), as fresh row objects.
 * `--aggregate sql` (PostgreSQL, MySQL, SQLite; `for` loops that only count or sum Ints)
 * instead counts every window in one `$queryRaw`, with the windows passed as bound
 * parameters. Any other shape is reported with the reason it is not rewritten. */
#include "poolfix/analysis.h"
#include "poolfix/client_hooks.h"
#include "poolfix/edits.h"
#include "poolfix/effects.h"
#include "poolfix/objects.h"
#include "poolfix/pass.h"
#include "poolfix/row_copy.h"
#include "poolfix/values.h"

#include <string.h>

typedef enum query_kind { Q_COUNT, Q_FIND_MANY, Q_AGGREGATE } query_kind;

/* The SQL a `$queryRaw` is written in, from the schema's provider. */
typedef enum sql_dialect { SQL_POSTGRES, SQL_MYSQL, SQL_SQLITE } sql_dialect;

/* MySQL and SQLite have no array parameters: their window table lists each window as a row,
 * so the trip count must be a constant no larger than this. */
enum { SQL_LISTED_WINDOWS_MAX = 64 };

/* One window query of the loop. */
typedef struct window_query {
    const pf_query *query;
    TSNode replace;      /* what its in-memory value replaces: `await q`, or `q` in an awaited array */
    TSNode statement;    /* the statement of the loop body that holds it */
    TSNode where;
    TSNode window_item;  /* `dateField: { gte: start, lt: end }` */
    const char *lower_op, *upper_op; /* JavaScript comparison operators */
    TSNode lower, upper; /* the bound expressions */
    query_kind kind;
    size_t reading;      /* the union query its rows come from */
    const char *rows_in_window; /* aggregates: the name of the window's rows, else NULL */
} window_query;

/* One union query: the queries of one model with the same window and other filters (each
 * findMany gets its own). */
typedef struct reading {
    size_t first;                 /* its first query: its where and bounds are the reading's */
    const window_query *find_many; /* the findMany whose selection the union query keeps, or NULL */
    const pf_schema_model *model;
    const pf_schema_field *field; /* the window field */
    PF_VEC(const pf_schema_field *) extra; /* fields aggregated, selected beside the window field */
    const char *rows_name;
} reading;

typedef struct plan {
    TSNode loop;
    TSNode body;
    bool for_of;                      /* `for (const b of buckets)` */
    bool copy_source;                 /* for-of: the iterable may not be an array (a Set, an iterator): it
                                         is copied with Array.from once, and both loops run over the copy */
    TSNode iterable;                  /* for-of: the array iterated */
    TSNode pattern;                   /* for-of: what each element is bound to */
    pf_str var;                       /* `for (let i ...)`: the loop variable */
    long trips;                       /* static trip count, -1 when unknown */
    TSNode first_window, last_window; /* the window statements at the top of the body */
    PF_VEC(pf_str) window_names;
    PF_VEC(TSNode) window_values;     /* each window name's declared value (null for setters) */
    bool window_let;                  /* a window variable is declared with let */
    bool reads_now;                   /* the window code reads the clock */
    PF_VEC(window_query) queries;
    PF_VEC(reading) readings;
    bool sql;                         /* one $queryRaw counts every window */
    sql_dialect dialect;              /* the SQL the $queryRaw is written in */
    const char *fn_name, *bounds_name, *windows_name, *row_name, *slot_name, *cursor_name, *now_name, *source_name;
} plan;

static bool is_window_name(const plan *p, pf_str name) {
    for (size_t i = 0; i < p->window_names.len; i++)
        if (pf_str_eq(p->window_names.items[i], name)) return true;
    return false;
}

/* The value a window name was declared with, or a null node. */
static TSNode window_value(const plan *p, pf_str name) {
    for (size_t i = 0; i < p->window_names.len; i++)
        if (pf_str_eq(p->window_names.items[i], name)) return p->window_values.items[i];
    return pf_node_null();
}

/* Whether `name` is bound by the for-of pattern (`b`, or a name destructured from it). */
static bool is_pattern_name(const pf_syntax *syntax, const plan *p, pf_str name) {
    return p->for_of && pf_node_mentions(syntax, p->pattern, name);
}

/* date-fns style functions that compute a date from dates and numbers. */
static bool is_date_function(pf_str name) {
    static const char *const prefixes[] = {"startOf", "endOf", "add", "sub", "set", "lastDayOf", "parse",
                                           "differenceIn", "getDaysIn", "toDate", "fromUnixTime", "max", "min"};
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
        size_t n = strlen(prefixes[i]);
        if (name.len > n && strncmp(name.ptr, prefixes[i], n) == 0 && name.ptr[n] >= 'A' && name.ptr[n] <= 'Z')
            return true;
        if (pf_str_eq_c(name, prefixes[i]) && (pf_str_eq_c(name, "max") || pf_str_eq_c(name, "min") ||
                                               pf_str_eq_c(name, "parse") || pf_str_eq_c(name, "toDate")))
            return true;
    }
    return false;
}

/* Methods of Date objects and of dayjs/moment chains that compute a value, or set a field of
 * a date the window code made itself. */
static bool is_date_method(pf_str name) {
    static const char *const methods[] = {"startOf", "endOf", "add", "subtract", "toDate", "clone", "utc", "tz",
                                          "valueOf", "unix", "day", "date", "month", "year", "hour", "minute",
                                          "second", "millisecond", "isoWeekday", "week", "format", "toISOString",
                                          "getTime"};
    for (size_t i = 0; i < sizeof(methods) / sizeof(*methods); i++)
        if (pf_str_eq_c(name, methods[i])) return true;
    return pf_str_starts_with(name, "get") || pf_str_starts_with(name, "set");
}

/* Whether a call in window code only computes a date or a number: pf_call_computes_value's
 * calls, `new Date(...)`, date-fns functions, `dayjs(...)`/`moment(...)` and their chains,
 * and Date methods (setters included: they change a date the window code made). */
static bool window_call_is_pure(const pf_syntax *syntax, TSNode call) {
    if (pf_call_computes_value_or_now(syntax, call)) return true;
    if (pf_node_is(call, "new_expression")) return pf_node_text_is(syntax, pf_node_field(call, "constructor"), "Date");
    TSNode callee = pf_node_unwrap(pf_node_field(call, "function"));
    if (pf_node_is(callee, "identifier")) {
        pf_str name = pf_node_str(syntax, callee);
        return is_date_function(name) || pf_str_eq_c(name, "dayjs") || pf_str_eq_c(name, "moment");
    }
    if (pf_node_is(callee, "member_expression")) return is_date_method(pf_node_str(syntax, pf_node_field(callee, "property")));
    return false;
}

/* Whether a call or `new` passes no argument: `new Date` has no argument list at all. */
static bool passes_no_argument(TSNode call) {
    TSNode arguments = pf_node_field(call, "arguments");
    return ts_node_is_null(arguments) || pf_node_named_count(arguments) == 0;
}

/* Whether `node` reads the clock: `new Date()`, `new Date`, `Date.now()`, `dayjs()`, `moment()`. */
static bool is_clock_read(const pf_syntax *syntax, TSNode node) {
    if (pf_node_is(node, "new_expression") && pf_node_text_is(syntax, pf_node_field(node, "constructor"), "Date"))
        return passes_no_argument(node);
    if (!pf_node_is(node, "call_expression")) return false;
    TSNode callee = pf_node_field(node, "function");
    if (pf_node_text_is(syntax, callee, "Date.now")) return true;
    return (pf_node_text_is(syntax, callee, "dayjs") || pf_node_text_is(syntax, callee, "moment")) &&
           passes_no_argument(node);
}

/* Whether window code reads the clock anywhere under `node`. */
static bool reads_clock(const pf_syntax *syntax, TSNode node) {
    if (is_clock_read(syntax, node)) return true;
    for (uint32_t i = 0; i < pf_node_named_count(node); i++)
        if (reads_clock(syntax, pf_node_named_child(node, i))) return true;
    return false;
}

/* Whether a window value surely is a Date: `new Date(...)`, a date-fns result, `.toDate()`. */
static bool surely_date(const pf_syntax *syntax, TSNode value) {
    value = pf_node_unwrap(value);
    if (pf_node_is(value, "new_expression")) return pf_node_text_is(syntax, pf_node_field(value, "constructor"), "Date");
    if (!pf_node_is(value, "call_expression")) return false;
    TSNode callee = pf_node_unwrap(pf_node_field(value, "function"));
    if (pf_node_is(callee, "identifier")) {
        pf_str name = pf_node_str(syntax, callee);
        return is_date_function(name) && !pf_str_starts_with(name, "differenceIn") && !pf_str_starts_with(name, "getDaysIn");
    }
    return pf_node_is(callee, "member_expression") && pf_node_text_is(syntax, pf_node_field(callee, "property"), "toDate");
}

/* Whether a bound is surely a Date, so rows compare with it directly (`row.at >= start`). */
static bool bound_is_date(const pf_syntax *syntax, const plan *p, TSNode bound) {
    bound = pf_node_unwrap(bound);
    return pf_node_is(bound, "identifier") && surely_date(syntax, window_value(p, pf_node_str(syntax, bound)));
}

/* Whether `expr` reads a variable that the loop body changes (`cursor += week`,
 * `starts.shift()`): computed once before the loop, it would see only its first value. */
static bool reads_changed_variable(const pf_syntax *syntax, TSNode expr, TSNode body) {
    if (pf_node_is(expr, "identifier") || pf_node_is(expr, "shorthand_property_identifier"))
        return pf_node_writes_name(syntax, body, pf_node_str(syntax, expr));
    uint32_t n = pf_node_named_count(expr);
    for (uint32_t i = 0; i < n; i++)
        if (reads_changed_variable(syntax, pf_node_named_child(expr, i), body)) return true;
    return false;
}

/* Why a bound expression cannot be listed before the loop, or NULL: it may read window names,
 * the for-of element (when there is no window code) and values that do not change in the
 * loop, and compute with pure calls only. A bound the window code computes must surely be a
 * date (strings would be parsed by two different parsers, JavaScript's and Prisma's). */
static const char *check_bound(const pf_model *model, const plan *p, TSNode bound) {
    const pf_syntax *syntax = model->syntax;
    TSNode plain = pf_node_unwrap(bound);
    if (pf_node_is(plain, "identifier") && is_window_name(p, pf_node_str(syntax, plain)) && !bound_is_date(syntax, p, plain))
        return "the window bounds are not dates (`new Date(...)`, a date-fns result, `.toDate()`), which an in-memory "
               "filter could compare";
    if (pf_node_has_effects(syntax, bound, pf_node_null(), window_call_is_pure))
        return "a window bound calls something besides date and number functions";
    TSTreeCursor cursor = ts_tree_cursor_new(bound);
    const char *why = NULL;
    do {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        if (!pf_node_is(node, "identifier")) continue;
        pf_str name = pf_node_str(syntax, node);
        if (is_window_name(p, name)) continue;
        if (!p->for_of && pf_str_eq(name, p->var))
            why = "a window bound uses the loop variable itself; compute the bound in the window code first";
        else if (is_pattern_name(syntax, p, name) && p->window_names.len && !pf_node_is(p->pattern, "identifier"))
            why = "a window bound uses a name destructured from the loop element beside the window code; compute it in "
                  "the window code";
        else if (!is_pattern_name(syntax, p, name) && pf_node_uses_block_names(syntax, node, p->body))
            why = "a window bound uses a variable computed inside the loop that is not window code";
        else if (!is_pattern_name(syntax, p, name) && pf_node_writes_name(syntax, p->body, name))
            why = "a window bound reads a variable the loop changes";
    } while (!why && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return why;
}

/* Reads `{ gte: start, lt: end }` into the query's bounds; false for any other object. */
static bool read_bounds(const pf_syntax *syntax, TSNode object, window_query *q) {
    uint32_t n = pf_node_named_count(object);
    int lower = 0, upper = 0;
    for (uint32_t i = 0; i < n; i++) {
        TSNode pair = pf_node_named_child(object, i);
        if (pf_node_is(pair, "comment")) continue;
        if (!pf_node_is(pair, "pair")) return false;
        pf_str key = pf_pair_key(syntax, pair);
        TSNode value = pf_node_unwrap(pf_node_field(pair, "value"));
        if (pf_str_eq_c(key, "gte") || pf_str_eq_c(key, "gt")) {
            q->lower_op = pf_str_eq_c(key, "gte") ? ">=" : ">";
            q->lower = value;
            lower++;
        } else if (pf_str_eq_c(key, "lt") || pf_str_eq_c(key, "lte")) {
            q->upper_op = pf_str_eq_c(key, "lt") ? "<" : "<=";
            q->upper = value;
            upper++;
        } else {
            return false;
        }
    }
    return lower == 1 && upper == 1;
}

/* Whether an expression mentions a window name or the loop variable (or element). */
static bool mentions_window(const pf_syntax *syntax, const plan *p, TSNode node) {
    if (!p->for_of && pf_node_mentions(syntax, node, p->var)) return true;
    for (size_t k = 0; k < p->window_names.len; k++)
        if (pf_node_mentions(syntax, node, p->window_names.items[k])) return true;
    if (!p->for_of) return false;
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    bool found = false;
    do {
        TSNode n = ts_tree_cursor_current_node(&cursor);
        found = (pf_node_is(n, "identifier") || pf_node_is(n, "shorthand_property_identifier")) &&
                is_pattern_name(syntax, p, pf_node_str(syntax, n));
    } while (!found && pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
    return found;
}

/* Checks an aggregate's `_count`/`_sum`/`_min`/`_max` entries: fields the in-memory values
 * compute exactly. Returns why not, or NULL. */
static const char *check_aggregate(const pf_model *model, const pf_schema_model *m, TSNode item, reading *r,
                                   pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    pf_str key = pf_pair_key(syntax, item);
    TSNode value = pf_node_unwrap(pf_node_field(item, "value"));
    if (pf_str_eq_c(key, "_avg"))
        return "an aggregate averages (`_avg`), which the database rounds its own way; only counts, sums, minima and "
               "maxima are computed in memory";
    if (pf_str_eq_c(key, "_count") && pf_node_is(value, "true")) return NULL;
    if (!pf_node_is(value, "object")) return "an aggregate's entries are not an object literal of `field: true`";
    for (uint32_t i = 0; i < pf_node_named_count(value); i++) {
        TSNode entry = pf_node_named_child(value, i);
        if (pf_node_is(entry, "comment")) continue;
        if (!pf_node_is(entry, "pair") || !pf_node_is(pf_node_unwrap(pf_node_field(entry, "value")), "true"))
            return "an aggregate's entries are not an object literal of `field: true`";
        pf_str name = pf_pair_key(syntax, entry);
        if (pf_str_eq_c(key, "_count") && pf_str_eq_c(name, "_all")) continue;
        const pf_schema_field *f = m ? pf_schema_field_named(m, name) : NULL;
        if (!f || f->kind != PF_FIELD_SCALAR || f->is_list) return "an aggregated field is not a scalar field of the schema";
        bool number = strcmp(f->type, "Int") == 0 || strcmp(f->type, "Float") == 0;
        bool date = strcmp(f->type, "DateTime") == 0;
        if (pf_str_eq_c(key, "_sum") && !number)
            return "an aggregate sums a field that is not Int or Float (Decimal and BigInt sums keep their own types)";
        if ((pf_str_eq_c(key, "_min") || pf_str_eq_c(key, "_max")) && !number && !date)
            return "an aggregate takes the minimum or maximum of a field that is not Int, Float or DateTime";
        bool listed = false;
        for (size_t k = 0; k < r->extra.len && !listed; k++) listed = r->extra.items[k] == f;
        if (!listed) *PF_VEC_PUSH(arena, r->extra) = f;
    }
    if (!pf_str_eq_c(key, "_count") && !pf_str_eq_c(key, "_sum") && !pf_str_eq_c(key, "_min") &&
        !pf_str_eq_c(key, "_max"))
        return "an aggregate has arguments other than where/_count/_sum/_min/_max";
    return NULL;
}

/* Checks one query of the loop and fills its window; returns why not. */
static const char *check_query(const pf_model *model, plan *p, window_query *q) {
    const pf_syntax *syntax = model->syntax;
    const pf_query *query = q->query;
    if (pf_str_eq_c(query->op, "count")) q->kind = Q_COUNT;
    else if (pf_str_eq_c(query->op, "findMany")) q->kind = Q_FIND_MANY;
    else if (pf_str_eq_c(query->op, "aggregate")) q->kind = Q_AGGREGATE;
    else return "a query in the loop is not a count, aggregate or findMany (writes and other reads are not moved)";
    if (ts_node_is_null(query->arg_object)) return "a query's arguments are not an object literal";
    uint32_t n = pf_node_named_count(query->arg_object);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(query->arg_object, i);
        if (pf_node_is(item, "comment")) continue;
        pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_str_make("", 0);
        bool allowed = pf_str_eq_c(key, "where") ||
                       (q->kind == Q_FIND_MANY && (pf_str_eq_c(key, "select") || pf_str_eq_c(key, "include") ||
                                                   pf_str_eq_c(key, "orderBy"))) ||
                       (q->kind == Q_AGGREGATE && pf_str_starts_with(key, "_"));
        if (!allowed)
            return "a query has arguments other than where, a findMany's select/include/orderBy or an aggregate's "
                   "_count/_sum/_min/_max (take, distinct, ...)";
    }
    q->where = pf_node_unwrap(pf_object_value(syntax, query->arg_object, "where"));
    if (!pf_node_is(q->where, "object")) return "a query's where is not an object literal";
    n = pf_node_named_count(q->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(q->where, i);
        if (pf_node_is(item, "comment")) continue;
        TSNode value = pf_node_is(item, "pair") ? pf_node_unwrap(pf_node_field(item, "value")) : item;
        if (pf_node_is(item, "pair") && pf_node_is(value, "object") && read_bounds(syntax, value, q) &&
            mentions_window(syntax, p, value)) {
            if (!ts_node_is_null(q->window_item)) return "a query filters by two windows";
            q->window_item = item;
            continue;
        }
        if (!p->for_of && pf_node_mentions(syntax, item, p->var)) return "a filter other than the window uses the loop variable";
        if (mentions_window(syntax, p, item))
            return p->for_of && !p->window_names.len ? "a filter other than the window uses the loop's element"
                                                     : "a filter other than the window uses a value computed in the loop";
    }
    if (ts_node_is_null(q->window_item))
        return "a query in the loop does not filter `field: { gte: lower, lt: upper }` by the iteration's window";
    const char *why = check_bound(model, p, q->lower);
    return why ? why : check_bound(model, p, q->upper);
}

/* The tokens of a query's filters besides its window, and of its bounds. */
static void reading_key(const pf_syntax *syntax, const window_query *q, pf_buf *out) {
    pf_buf_printf(out, "%.*s.%.*s|", (int)q->query->client.len, q->query->client.ptr, (int)q->query->delegate.len,
                  q->query->delegate.ptr);
    pf_node_append_tokens(syntax, pf_node_field(q->window_item, "key"), out);
    pf_buf_printf(out, "|%s|%s|", q->lower_op, q->upper_op);
    pf_node_append_tokens(syntax, q->lower, out);
    pf_buf_putc(out, '|');
    pf_node_append_tokens(syntax, q->upper, out);
    pf_buf_putc(out, '|');
    uint32_t n = pf_node_named_count(q->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(q->where, i);
        if (!pf_node_is(item, "comment") && !ts_node_eq(item, q->window_item)) pf_node_append_tokens(syntax, item, out);
    }
}

/* Puts each query into a reading (the same model, window and other filters share one, with
 * at most one findMany, whose selection it keeps) and checks each reading's fields. Returns
 * why not. */
typedef PF_VEC(pf_buf) key_list;

static const char *group_readings_with(const pf_model *model, plan *p, pf_arena *arena, key_list *list) {
    const pf_syntax *syntax = model->syntax;
    key_list keys = *list;
    for (size_t i = 0; i < p->queries.len; i++) {
        window_query *q = &p->queries.items[i];
        pf_buf key = PF_BUF_INIT;
        reading_key(syntax, q, &key);
        size_t found = p->readings.len;
        for (size_t r = 0; r < p->readings.len && found == p->readings.len; r++)
            if ((q->kind != Q_FIND_MANY || !p->readings.items[r].find_many) && keys.items[r].len == key.len &&
                memcmp(keys.items[r].data, key.data, key.len) == 0)
                found = r;
        if (found == p->readings.len) {
            reading *r = PF_VEC_PUSH(arena, p->readings);
            r->first = i;
            r->model = pf_schema_model_by_delegate(model->schema, q->query->delegate);
            r->field = r->model ? pf_schema_field_named(r->model, pf_pair_key(syntax, q->window_item)) : NULL;
            pf_buf *copy = PF_VEC_PUSH(arena, keys);
            *copy = key;
            *list = keys;
        } else {
            pf_buf_free(&key);
        }
        q->reading = found;
        reading *r = &p->readings.items[found];
        if (q->kind == Q_FIND_MANY) r->find_many = q;
        if (!r->field) return "the window field is not in the Prisma schema";
        if (strcmp(r->field->type, "DateTime") != 0) return "the window field is not a DateTime";
        if (q->kind != Q_AGGREGATE) continue;
        for (uint32_t k = 0; k < pf_node_named_count(q->query->arg_object); k++) {
            TSNode item = pf_node_named_child(q->query->arg_object, k);
            if (!pf_node_is(item, "pair") || !pf_str_starts_with(pf_pair_key(syntax, item), "_")) continue;
            const char *why = check_aggregate(model, r->model, item, r, arena);
            if (why) return why;
        }
    }
    return NULL;
}

/* group_readings_with, freeing the readings' keys however it ends. */
static const char *group_readings(const pf_model *model, plan *p, pf_arena *arena) {
    key_list keys = {0};
    const char *why = group_readings_with(model, p, arena, &keys);
    for (size_t i = 0; i < keys.len; i++) pf_buf_free(&keys.items[i]);
    return why;
}

/* The statement of the loop body that holds `node`. */
static TSNode body_statement(const plan *p, TSNode node) {
    for (TSNode n = node; !ts_node_is_null(n); n = ts_node_parent(n))
        if (ts_node_eq(ts_node_parent(n), p->body)) return n;
    return pf_node_null();
}

/* Records a query of the loop body, or says why its form cannot be replaced by a value: it
 * must be awaited (or an element of an awaited Promise.all array), outside nested functions,
 * with nothing wrapped around it. */
static const char *take_query(const pf_model *model, plan *p, pf_arena *arena, const pf_query *q) {
    for (TSNode n = ts_node_parent(q->call); !ts_node_eq(n, p->body); n = ts_node_parent(n))
        if (pf_node_is_function(n)) return "a query in the loop runs inside a callback";
    if (q->transaction >= 0 && !pf_model_in_transaction_around(model, q, p->loop))
        return "a query in the loop runs inside a $transaction";
    TSNode up = pf_node_parent_unparen(q->call);
    TSNode replace = pf_node_null();
    if (pf_node_is(up, "await_expression")) {
        replace = up;
    } else if (pf_node_is(up, "array")) {
        TSNode group_call = ts_node_parent(pf_node_parent_unparen(up));
        const pf_group *g = pf_model_group_at(model, group_call);
        if (g && g->shape == PF_GROUP_ARRAY && pf_node_is(pf_node_parent_unparen(g->call), "await_expression"))
            replace = q->call;
    }
    if (ts_node_is_null(replace)) {
        if (pf_model_query_at(model, pf_model_peel(model, up)) || pf_node_is(up, "member_expression"))
            return "a query in the loop has `.then`/`.catch` around it, which the rewrite would drop";
        return "a query in the loop is not awaited where it is written";
    }
    window_query *w = PF_VEC_PUSH(arena, p->queries);
    w->query = q;
    w->replace = replace;
    w->statement = body_statement(p, q->call);
    return check_query(model, p, w);
}

/* Whether a window statement only computes values: declarations of pure values, and setters
 * called on dates it declared. */
static bool is_window_statement(const pf_syntax *syntax, const plan *p, TSNode stmt) {
    if (pf_node_is(stmt, "lexical_declaration"))
        return !pf_node_has_effects(syntax, stmt, pf_node_null(), window_call_is_pure);
    if (pf_node_is(stmt, "if_statement")) {
        if (pf_node_has_effects(syntax, pf_node_field(stmt, "condition"), pf_node_null(), window_call_is_pure)) return false;
        TSNode branches[2] = {pf_node_field(stmt, "consequence"), pf_node_field(stmt, "alternative")};
        for (int b = 0; b < 2; b++) {
            TSNode branch = branches[b];
            if (pf_node_is(branch, "else_clause")) branch = pf_node_named_child(branch, 0);
            if (ts_node_is_null(branch)) continue;
            if (!pf_node_is(branch, "statement_block")) {
                if (!is_window_statement(syntax, p, branch)) return false;
                continue;
            }
            for (uint32_t i = 0; i < pf_node_named_count(branch); i++) {
                TSNode inner = pf_node_named_child(branch, i);
                if (pf_node_is(inner, "comment")) continue;
                /* Declarations inside a branch are not window names: only setters count. */
                if (pf_node_is(inner, "lexical_declaration") || !is_window_statement(syntax, p, inner)) return false;
            }
        }
        return true;
    }
    if (!pf_node_is(stmt, "expression_statement")) return false;
    TSNode call = pf_node_named_child(stmt, 0);
    if (!pf_node_is(call, "call_expression")) return false;
    TSNode callee = pf_node_field(call, "function");
    if (!pf_node_is(callee, "member_expression") ||
        !pf_str_starts_with(pf_node_str(syntax, pf_node_field(callee, "property")), "set"))
        return false;
    return is_window_name(p, pf_node_str(syntax, pf_node_field(callee, "object"))) &&
           !pf_node_has_effects(syntax, pf_node_field(call, "arguments"), pf_node_null(), window_call_is_pure);
}

/* Whether `node` awaits something other than the loop's window queries (nested functions
 * aside: their awaits are their own). */
static bool awaits_other(const plan *p, TSNode node) {
    if (pf_node_is_function(node)) return false;
    if (pf_node_is(node, "await_expression")) {
        TSNode awaited = pf_node_unwrap(pf_node_named_child(node, 0));
        bool ours = false;
        for (size_t k = 0; k < p->queries.len && !ours; k++)
            ours = ts_node_eq(p->queries.items[k].replace, node) || pf_node_contains(awaited, p->queries.items[k].query->call);
        if (!ours) return true;
    }
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (awaits_other(p, pf_node_named_child(node, i))) return true;
    return false;
}

/* Reads the loop body: the window statements at its top, then the queries anywhere in it. */
static const char *read_body(const pf_model *model, plan *p, pf_arena *arena) {
    const pf_syntax *syntax = model->syntax;
    uint32_t n = pf_node_named_count(p->body);
    for (uint32_t i = 0; i < n; i++) {
        TSNode stmt = pf_node_named_child(p->body, i);
        if (pf_node_is(stmt, "comment")) continue;
        bool has_query = false;
        for (size_t k = 0; k < model->queries.len && !has_query; k++)
            has_query = pf_node_contains(stmt, model->queries.items[k].call);
        if (has_query || !is_window_statement(syntax, p, stmt)) break;
        if (ts_node_is_null(p->first_window)) p->first_window = stmt;
        p->last_window = stmt;
        if (!pf_node_is(stmt, "lexical_declaration")) continue;
        p->window_let |= pf_node_text_is(syntax, pf_node_field(stmt, "kind"), "let");
        for (uint32_t k = 0; k < pf_node_named_count(stmt); k++) {
            TSNode decl = pf_node_named_child(stmt, k);
            if (!pf_node_is(decl, "variable_declarator")) continue;
            TSNode name = pf_node_field(decl, "name");
            if (!pf_node_is(name, "identifier")) return "the window code destructures";
            *PF_VEC_PUSH(arena, p->window_names) = pf_node_str(syntax, name);
            *PF_VEC_PUSH(arena, p->window_values) = pf_node_field(decl, "value");
        }
    }
    if (!ts_node_is_null(p->first_window)) {
        for (TSNode stmt = p->first_window;; stmt = ts_node_next_named_sibling(stmt)) {
            p->reads_now |= reads_clock(syntax, stmt);
            if (ts_node_eq(stmt, p->last_window)) break;
        }
    }
    if (pf_model_writes_within(model, p->body)) return "the loop writes to the database; writes are never moved";
    const char *writes = pf_writes_seen(model, p->body, NULL, arena);
    if (writes)
        return pf_arena_printf(arena, "the loop %s: reading every window first would miss what earlier iterations wrote",
                               writes);
    for (size_t k = 0; k < model->queries.len; k++) {
        const pf_query *q = &model->queries.items[k];
        if (!pf_node_contains(p->body, q->call) || q->kind == PF_QUERY_TRANSACTION) continue;
        if (q->transaction >= 0 && !pf_node_contains(p->body, model->queries.items[q->transaction].call) &&
            !pf_model_in_transaction_around(model, q, p->loop))
            continue;
        const char *why = take_query(model, p, arena, q);
        if (why) return why;
    }
    if (p->queries.len == 0) return "the loop's queries are not Prisma queries poolfix can move";
    if (awaits_other(p, p->body)) return "the loop awaits something other than its window queries";
    /* The window code may set fields of its own dates; nothing after it may change them. */
    for (size_t i = 0; i < p->window_names.len; i++)
        for (TSNode s = ts_node_next_named_sibling(p->last_window); !ts_node_is_null(s); s = ts_node_next_named_sibling(s))
            if (pf_node_writes_name(syntax, s, p->window_names.items[i]))
                return "the loop changes a window variable after computing it";
    if (!p->for_of && pf_node_writes_name(syntax, p->body, p->var)) return "the loop body changes the loop variable";
    return NULL;
}

/* The findMany's select of a reading, or a null node. */
static TSNode find_select(const pf_syntax *syntax, const reading *r) {
    if (!r->find_many) return pf_node_null();
    return pf_node_unwrap(pf_object_value(syntax, r->find_many->query->arg_object, "select"));
}

/* Whether window code reads a variable that the loop body changes outside the window code
 * (the window code's own setters change dates it made: those are recomputed each time). */
static bool window_reads_changed_variable(const pf_syntax *syntax, const plan *p, TSNode node) {
    if (pf_node_is(node, "identifier") || pf_node_is(node, "shorthand_property_identifier")) {
        pf_str name = pf_node_str(syntax, node);
        if (is_window_name(p, name)) return false;
        if (p->for_of && is_pattern_name(syntax, p, name)) return false;
        return pf_node_writes_name(syntax, p->body, name);
    }
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (window_reads_changed_variable(syntax, p, pf_node_named_child(node, i))) return true;
    return false;
}

/* Whether the union query of a reading could not compute what the loop computed: a filter or
 * the selection names a variable declared inside the loop, or reads one the loop changes. */
static const char *check_moved_code(const pf_model *model, const plan *p) {
    const pf_syntax *syntax = model->syntax;
    for (size_t r = 0; r < p->readings.len; r++) {
        const window_query *q = &p->queries.items[p->readings.items[r].first];
        TSNode args = q->query->arg_object;
        uint32_t n = pf_node_named_count(args);
        for (uint32_t i = 0; i < n; i++) {
            TSNode arg = pf_node_named_child(args, i);
            if (pf_node_is(arg, "comment")) continue;
            bool where = pf_str_eq_c(pf_pair_key(syntax, arg), "where");
            uint32_t items = where ? pf_node_named_count(q->where) : 1;
            for (uint32_t j = 0; j < items; j++) {
                TSNode item = where ? pf_node_named_child(q->where, j) : arg;
                if (where && ts_node_eq(item, q->window_item)) continue;
                if (pf_node_uses_block_names(syntax, item, p->body))
                    return "a filter or the selection uses a variable declared inside the loop, which the query before "
                           "the loop cannot see";
                if (reads_changed_variable(syntax, item, p->body))
                    return "a filter or the selection reads a variable the loop changes";
                if (pf_node_has_effects(syntax, item, pf_node_null(), pf_call_computes_value_or_now))
                    return "a filter calls something, which would now run once instead of once per window";
            }
        }
    }
    if (!ts_node_is_null(p->first_window))
        for (TSNode stmt = p->first_window;; stmt = ts_node_next_named_sibling(stmt)) {
            if (window_reads_changed_variable(syntax, p, stmt))
                return "the window code reads a variable the loop changes, so the windows cannot be listed before it";
            if (ts_node_eq(stmt, p->last_window)) break;
        }
    if (p->for_of && reads_changed_variable(syntax, p->iterable, p->body))
        return "the loop changes the array it iterates";
    return NULL;
}

/* Whether every entry of a findMany's select is `key: true` or `key: { ... }`, which the
 * projection back to the select can name (a `false` entry, or a variable, cannot). */
static bool select_is_projectable(const pf_syntax *syntax, TSNode select) {
    if (ts_node_is_null(select)) return true;
    if (!pf_node_is(select, "object")) return false;
    uint32_t n = pf_node_named_count(select);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(select, i);
        if (pf_node_is(item, "comment")) continue;
        if (!pf_node_is(item, "pair") || pf_pair_key(syntax, item).len == 0) return false;
        TSNode value = pf_node_unwrap(pf_node_field(item, "value"));
        if (!pf_node_is(value, "true") && !pf_node_is(value, "object")) return false;
    }
    return true;
}

/* Why a findMany's rows cannot be copied per window, or NULL: each iteration gets fresh row
 * objects (windows that overlap share rows of the one union query). */
static const char *check_row_copies(const pf_model *model, const plan *p) {
    const pf_syntax *syntax = model->syntax;
    for (size_t k = 0; k < p->readings.len; k++) {
        const reading *r = &p->readings.items[k];
        if (!r->find_many) continue;
        TSNode args = r->find_many->query->arg_object;
        TSNode include = pf_node_unwrap(pf_object_value(syntax, args, "include"));
        if (!pf_append_row_copy(NULL, model->schema, syntax, r->model, find_select(syntax, r), include, "row", 0))
            return "the findMany's rows hold Bytes, DateTime-list or composite values, which windows that overlap "
                   "would share (each findMany read its own objects)";
    }
    return NULL;
}

/* The value a const declared around `use` is bound to, or a null node. */
static TSNode const_binding(const pf_syntax *syntax, TSNode use) {
    pf_str name = pf_node_str(syntax, use);
    for (TSNode scope = ts_node_parent(use); !ts_node_is_null(scope); scope = ts_node_parent(scope)) {
        if (!pf_node_is(scope, "statement_block") && !pf_node_is(scope, "program")) continue;
        for (uint32_t i = 0; i < pf_node_named_count(scope); i++) {
            TSNode stmt = pf_node_named_child(scope, i);
            if (!pf_node_is(stmt, "lexical_declaration") || !pf_node_text_is(syntax, pf_node_field(stmt, "kind"), "const"))
                continue;
            for (uint32_t k = 0; k < pf_node_named_count(stmt); k++) {
                TSNode decl = pf_node_named_child(stmt, k);
                if (pf_str_eq(pf_node_str(syntax, pf_node_field(decl, "name")), name))
                    return pf_node_unwrap(pf_node_field(decl, "value"));
            }
        }
    }
    return pf_node_null();
}

/* Whether a filter value is surely a plain string, number or boolean (never undefined, null
 * or a filter object), so that `= ${v}` in SQL means what `field: v` means to Prisma: a
 * literal; a const bound to one, to a template string, or to `x || 'literal'` /
 * `x ?? 'literal'`; or a required parameter typed string, number, boolean or a schema enum. */
static bool surely_scalar(const pf_model *model, TSNode value) {
    const pf_syntax *syntax = model->syntax;
    if (pf_node_is(value, "string") || pf_node_is(value, "number") || pf_node_is(value, "true") ||
        pf_node_is(value, "false") || pf_node_is(value, "template_string"))
        return true;
    if (!pf_node_is(value, "identifier") && !pf_node_is(value, "shorthand_property_identifier")) return false;
    TSNode bound = const_binding(syntax, value);
    if (pf_node_is(bound, "binary_expression")) {
        pf_str op = pf_node_str(syntax, pf_node_field(bound, "operator"));
        TSNode fallback = pf_node_field(bound, "right");
        return (pf_str_eq_c(op, "||") || pf_str_eq_c(op, "??")) &&
               (pf_node_is(fallback, "string") || pf_node_is(fallback, "number"));
    }
    if (!ts_node_is_null(bound)) return surely_scalar(model, bound);
    TSNode param = pf_model_parameter_named(model, value);
    if (!pf_node_is(param, "required_parameter")) return false;
    TSNode annotation = pf_node_field(param, "type");
    TSNode type = ts_node_is_null(annotation) ? annotation : pf_node_named_child(annotation, 0);
    bool scalar_type = pf_node_is(type, "predefined_type") &&
                       (pf_node_text_is(syntax, type, "string") || pf_node_text_is(syntax, type, "number") ||
                        pf_node_text_is(syntax, type, "boolean"));
    bool enum_type = pf_node_is(type, "type_identifier") &&
                     pf_schema_enum_named(model->schema, pf_node_str(syntax, type)) != NULL;
    return ts_node_is_null(pf_node_field(param, "value")) && (scalar_type || enum_type);
}

/* Appends a quoted identifier: "name" (PostgreSQL, SQLite) or `name` (MySQL, its backticks
 * escaped, since the SQL is a template literal). */
static void append_sql_name(pf_buf *out, sql_dialect dialect, const char *name) {
    bool mysql = dialect == SQL_MYSQL;
    pf_buf_puts(out, mysql ? "\\`" : "\"");
    for (const char *c = name; *c; c++) {
        if (mysql && *c == '`') pf_buf_puts(out, "\\`\\`");
        else if (!mysql && *c == '"') pf_buf_puts(out, "\"\"");
        else pf_buf_putc(out, *c);
    }
    pf_buf_puts(out, mysql ? "\\`" : "\"");
}

/* Appends the model's table, with its @@schema when it has one (multiSchema): "analytics"."events". */
static void append_sql_table(pf_buf *out, sql_dialect dialect, const pf_schema_model *m) {
    if (m->db_schema) {
        append_sql_name(out, dialect, m->db_schema);
        pf_buf_putc(out, '.');
    }
    append_sql_name(out, dialect, m->db_name);
}

/* Appends `t."column"`. */
static void append_sql_column(pf_buf *out, sql_dialect dialect, const pf_schema_field *f) {
    pf_buf_puts(out, "t.");
    append_sql_name(out, dialect, f->db_name);
}

/* One where entry as a SQL condition on the joined table `t`, with every value bound through
 * ${}; false when it has no exact translation. */
static bool append_sql_condition(pf_buf *out, const pf_model *model, sql_dialect dialect, const reading *r,
                                 TSNode item) {
    const pf_syntax *syntax = model->syntax;
    pf_str key = pf_node_is(item, "pair") ? pf_pair_key(syntax, item) : pf_node_str(syntax, item);
    const pf_schema_field *f = pf_schema_field_named(r->model, key);
    if (!f || (f->kind != PF_FIELD_SCALAR && f->kind != PF_FIELD_ENUM) || f->is_list) return false;
    /* MySQL and SQLite store Booleans as integers, and how a bound `true` reaches them depends
     * on the driver adapter. */
    if (dialect != SQL_POSTGRES && strcmp(f->type, "Boolean") == 0) return false;
    TSNode value = pf_node_is(item, "pair") ? pf_node_field(item, "value") : item;
    pf_str v = pf_node_str(syntax, value);
    pf_buf_puts(out, " AND ");
    append_sql_column(out, dialect, f);
    if (pf_node_is(value, "null")) {
        pf_buf_puts(out, " IS NULL");
        return true;
    }
    if (!surely_scalar(model, value)) return false;
    /* PostgreSQL enums compare as text: a bound parameter is text. */
    pf_buf_printf(out, "%s = ${%.*s}", dialect == SQL_POSTGRES && f->kind == PF_FIELD_ENUM ? "::text" : "", (int)v.len,
                  v.ptr);
    return true;
}

/* Whether one SQL row per window gives an aggregate's value exactly: it only counts rows
 * (`_count: true`, `_count: { _all: true }`) and sums Int fields (an integer sum is exact in
 * any order). */
static bool sql_can_reduce(const pf_model *model, const window_query *q) {
    const pf_syntax *syntax = model->syntax;
    const pf_schema_model *m = pf_schema_model_by_delegate(model->schema, q->query->delegate);
    uint32_t n = pf_node_named_count(q->query->arg_object);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(q->query->arg_object, i);
        if (!pf_node_is(item, "pair") || !pf_str_starts_with(pf_pair_key(syntax, item), "_")) continue;
        pf_str key = pf_pair_key(syntax, item);
        TSNode value = pf_node_unwrap(pf_node_field(item, "value"));
        if (pf_str_eq_c(key, "_count") && pf_node_is(value, "true")) continue;
        if (!pf_str_eq_c(key, "_count") && !pf_str_eq_c(key, "_sum")) return false;
        for (uint32_t k = 0; k < pf_node_named_count(value); k++) {
            TSNode entry = pf_node_named_child(value, k);
            if (!pf_node_is(entry, "pair")) continue;
            pf_str name = pf_pair_key(syntax, entry);
            const pf_schema_field *f = m ? pf_schema_field_named(m, name) : NULL;
            bool ok = pf_str_eq_c(key, "_count") ? pf_str_eq_c(name, "_all") : f && strcmp(f->type, "Int") == 0;
            if (!ok) return false;
        }
    }
    return true;
}

/* The dialect of the schema's provider; false for providers without a window table here. */
static bool sql_dialect_of(const pf_schema *schema, sql_dialect *out) {
    const char *provider = schema->provider ? schema->provider : "";
    if (strcmp(provider, "postgresql") == 0 || strcmp(provider, "postgres") == 0) *out = SQL_POSTGRES;
    else if (strcmp(provider, "mysql") == 0) *out = SQL_MYSQL;
    else if (strcmp(provider, "sqlite") == 0) *out = SQL_SQLITE;
    else return false;
    return true;
}

/* Why `--aggregate sql` cannot count this loop, or NULL; the dialect into `*dialect`. */
static const char *check_sql(const pf_model *model, const plan *p, sql_dialect *dialect) {
    if (!sql_dialect_of(model->schema, dialect))
        return "--aggregate sql needs a PostgreSQL, MySQL or SQLite datasource";
    if (p->for_of || p->readings.len != 1 || p->trips <= 0)
        return "--aggregate sql rewrites `for (let i ...)` loops with a constant trip count and one reading";
    if (*dialect != SQL_POSTGRES && p->trips > SQL_LISTED_WINDOWS_MAX)
        return "--aggregate sql lists every window in the SQL on MySQL and SQLite, which have no array "
               "parameters: at most 64";
    for (size_t i = 0; i < p->queries.len; i++) {
        const window_query *q = &p->queries.items[i];
        if (q->kind == Q_FIND_MANY) return "--aggregate sql rewrites loops that only count or sum; this one reads rows";
        if (q->kind == Q_AGGREGATE && !sql_can_reduce(model, q))
            return "--aggregate sql counts and sums Int fields (`_count: true`, `_count: { _all: true }`, `_sum` of "
                   "Int); this aggregate reduces otherwise (a Float sum depends on the order rows are added in)";
    }
    const window_query *first = &p->queries.items[0];
    const reading *r = &p->readings.items[0];
    if (!pf_node_is(first->lower, "identifier") || !pf_node_is(first->upper, "identifier") ||
        !bound_is_date(model->syntax, p, first->lower) || !bound_is_date(model->syntax, p, first->upper))
        return "--aggregate sql needs window bounds that are dates the window code computes";
    /* MySQL converts TIMESTAMP columns through the session time zone. */
    if (*dialect == SQL_MYSQL && r->field->native_type && strcmp(r->field->native_type, "DateTime") != 0 &&
        strcmp(r->field->native_type, "Date") != 0)
        return "--aggregate sql on MySQL compares DATETIME and DATE columns only (a TIMESTAMP column goes "
               "through the session time zone)";
    uint32_t n = pf_node_named_count(first->where);
    pf_buf probe = PF_BUF_INIT;
    const char *why = NULL;
    for (uint32_t i = 0; !why && i < n; i++) {
        TSNode item = pf_node_named_child(first->where, i);
        if (pf_node_is(item, "comment") || ts_node_eq(item, first->window_item)) continue;
        if (!append_sql_condition(&probe, model, *dialect, r, item))
            why = "a filter besides the window has no exact SQL translation: only literals and values that are surely a "
                  "string, number or boolean are (a variable could be undefined, which Prisma reads as no filter, or a "
                  "filter object; MySQL and SQLite take no Boolean filters); use the default --aggregate memory";
    }
    pf_buf_free(&probe);
    return why;
}

/* Works out the rewrite of one loop, or why it cannot be made. */
static const char *plan_rewrite(const pf_model *model, const pf_options *options, plan *p, pf_arena *arena,
                                long trips) {
    const pf_syntax *syntax = model->syntax;
    p->trips = trips;
    if (!pf_node_is(ts_node_parent(p->loop), "statement_block") && !pf_node_is(ts_node_parent(p->loop), "program"))
        return "the loop is not inside a block";
    p->body = pf_node_field(p->loop, "body");
    if (!pf_node_is(p->body, "statement_block")) return "the loop body is not a block";
    if (pf_node_is(p->loop, "for_in_statement")) {
        if (!pf_node_text_is(syntax, pf_node_field(p->loop, "operator"), "of")) return "a for-in loop runs over keys";
        TSNode kind = pf_node_field(p->loop, "kind");
        if (ts_node_is_null(kind) || pf_node_text_is(syntax, kind, "var"))
            return "the for-of loop does not declare its element with const or let";
        p->for_of = true;
        p->iterable = pf_node_field(p->loop, "right");
        p->pattern = pf_node_field(p->loop, "left");
        p->copy_source = pf_iterable_of(model, p->iterable) != PF_ITERABLE_ARRAY;
    } else if (pf_node_is(p->loop, "for_statement")) {
        TSNode init = pf_node_field(p->loop, "initializer");
        TSNode var = pf_node_field(pf_node_child_of_type(init, "variable_declarator"), "name");
        if (!pf_node_is(var, "identifier")) return "the loop variable is not declared in the loop";
        p->var = pf_node_str(syntax, var);
        if (pf_node_writes_name(syntax, p->body, p->var)) return "the loop body changes the loop variable";
        TSNode cond = pf_node_field(p->loop, "condition");
        if (pf_node_has_effects(syntax, init, pf_node_null(), pf_call_computes_value) ||
            pf_node_has_effects(syntax, cond, pf_node_null(), pf_call_computes_value))
            return "the loop header calls something, and it runs twice after the rewrite";
        if (reads_changed_variable(syntax, cond, p->body)) return "the loop's condition reads a variable the loop changes";
    } else {
        return "only `for (...; ...; ...)` and `for (const x of xs)` loops are rewritten";
    }
    const char *why = read_body(model, p, arena);
    if (!why && !p->for_of && ts_node_is_null(p->first_window))
        why = "the loop does not compute a window before its queries";
    /* Only a loop of the right shape needs the schema: a decline names the first check that fails. */
    if (!why && !model->schema) why = "needs the Prisma schema, to know the window field's type";
    for (size_t i = 0; !why && i < p->queries.len; i++) why = pf_client_hook_problem(model, p->queries.items[i].query->client,
                                                        p->queries.items[i].query->delegate, arena);
    for (size_t i = 0; !why && i < p->queries.len; i++) {
        const char *hooked = pf_transaction_hook_problem(model, p->queries.items[i].query, p->loop, arena);
        if (hooked) why = pf_arena_printf(arena, "a query in the loop %s", hooked);
    }
    if (!why) why = group_readings(model, p, arena);
    if (!why) why = check_moved_code(model, p);
    for (size_t r = 0; !why && r < p->readings.len; r++)
        if (!select_is_projectable(syntax, find_select(syntax, &p->readings.items[r])))
            why = "the findMany's select is not a plain object of `true` and nested selections";
    if (!why) why = check_row_copies(model, p);
    if (!why && options->aggregate == PF_AGGREGATE_SQL) why = check_sql(model, p, &p->dialect);
    /* auto: one $queryRaw where the loop only counts and the database can count it exactly (the
     * rows are then never read into memory); one findMany otherwise. */
    p->sql = !why && (options->aggregate == PF_AGGREGATE_SQL ||
                      (options->aggregate == PF_AGGREGATE_AUTO && check_sql(model, p, &p->dialect) == NULL));
    return why;
}

/* Appends a node's text exactly as written (strings, comments and spacing included). */
static void append_node(pf_buf *out, const pf_syntax *syntax, TSNode node) {
    pf_str text = pf_node_str(syntax, node);
    pf_buf_append(out, text.ptr, text.len);
}

/* Appends indentation: `indent`, then `levels` indentation units. */
static void put_indent(pf_buf *out, pf_str indent, pf_str unit, int levels) {
    pf_buf_append(out, indent.ptr, indent.len);
    for (int i = 0; i < levels; i++) pf_buf_append(out, unit.ptr, unit.len);
}

/* Whether the list of windows is known to hold at least one window (then the union query
 * needs no guard against an empty list). */
static bool windows_never_empty(const plan *p) {
    return !p->for_of && p->trips > 0;
}

/* The array whose elements the union bounds are computed from, and how one element is
 * written as a parameter: the list of computed windows (`bounds`), or the for-of array
 * itself (its element pattern). */
static void window_source(const plan *p, const pf_syntax *syntax, pf_str *array, pf_str *param) {
    if (p->window_names.len) {
        *array = pf_str_c(p->windows_name);
        *param = pf_str_c("bounds");
        return;
    }
    *array = p->source_name ? pf_str_c(p->source_name) : pf_node_str(syntax, p->iterable);
    *param = pf_node_str(syntax, p->pattern);
}

/* Whether a for-of loop's element (a plain name) is a bound beside the window code: the
 * window function then returns it too. */
static bool element_is_bound(const pf_syntax *syntax, const plan *p) {
    if (!p->for_of || !p->window_names.len || !pf_node_is(p->pattern, "identifier")) return false;
    pf_str element = pf_node_str(syntax, p->pattern);
    for (size_t i = 0; i < p->queries.len; i++)
        if (pf_node_mentions(syntax, p->queries.items[i].lower, element) ||
            pf_node_mentions(syntax, p->queries.items[i].upper, element))
            return true;
    return false;
}

/* Appends the names the window function returns: the window names, and the element when it
 * is a bound itself. */
static void append_returned_names(pf_buf *out, const pf_syntax *syntax, const plan *p) {
    for (size_t i = 0; i < p->window_names.len; i++)
        pf_buf_printf(out, "%s%.*s", i ? ", " : "", (int)p->window_names.items[i].len, p->window_names.items[i].ptr);
    if (!element_is_bound(syntax, p)) return;
    pf_str element = pf_node_str(syntax, p->pattern);
    pf_buf_printf(out, ", %.*s", (int)element.len, element.ptr);
}

/* Appends the milliseconds of one bound over every window, `array.map((param) => ...)`. */
static void append_bound_times(pf_buf *out, const pf_syntax *syntax, const plan *p, TSNode bound) {
    pf_str array, param;
    window_source(p, syntax, &array, &param);
    bool parens = !(param.len && param.ptr[0] == '{');
    if (p->window_names.len) {
        pf_str name = pf_node_str(syntax, pf_node_unwrap(bound));
        if (bound_is_date(syntax, p, bound)) {
            pf_buf_printf(out, "%.*s.map((bounds) => bounds.%.*s.getTime())", (int)array.len, array.ptr, (int)name.len,
                          name.ptr);
            return;
        }
        pf_buf_printf(out, "%.*s.map(({ ", (int)array.len, array.ptr);
        append_returned_names(out, syntax, p);
        pf_buf_puts(out, " }) => new Date(");
    } else {
        pf_buf_printf(out, "%.*s.map(%s%.*s%s => new Date(", (int)array.len, array.ptr, parens ? "(" : "",
                      (int)param.len, param.ptr, parens ? ")" : "");
    }
    append_node(out, syntax, bound);
    pf_buf_puts(out, ").getTime())");
}

/* Appends the prelude shared by both modes: the clock read once, the window function and the
 * list of windows; for a for-of loop over an expression, the array evaluated once. */
static void append_windows(pf_buf *out, const pf_model *model, const plan *p, pf_str indent, const char *semi,
                           const char *nl) {
    const pf_syntax *syntax = model->syntax;
    const char *text = syntax->text;
    bool typed = pf_path_has_types(model->path);
    if (p->source_name) {
        pf_buf_printf(out, "const %s = %s", p->source_name, p->copy_source ? "Array.from(" : "");
        append_node(out, syntax, p->iterable);
        pf_buf_printf(out, "%s%s%s%.*s", p->copy_source ? ")" : "", semi, nl, (int)indent.len, indent.ptr);
    }
    if (!p->window_names.len) return;
    if (p->reads_now) pf_buf_printf(out, "const %s = new Date()%s%s%.*s", p->now_name, semi, nl, (int)indent.len, indent.ptr);
    pf_str body_indent = pf_line_indent(text, ts_node_start_byte(p->first_window));
    if (p->for_of) {
        pf_str param = pf_node_str(syntax, p->pattern);
        pf_str iterable = p->source_name ? pf_str_c(p->source_name) : pf_node_str(syntax, p->iterable);
        pf_buf_printf(out, "const %s = (%.*s", p->fn_name, (int)param.len, param.ptr);
        if (typed) pf_buf_printf(out, ": (typeof %.*s)[number]", (int)iterable.len, iterable.ptr);
        pf_buf_printf(out, ") => {%s", nl);
    } else {
        pf_buf_printf(out, "const %s = (%.*s%s) => {%s", p->fn_name, (int)p->var.len, p->var.ptr, typed ? ": number" : "",
                      nl);
    }
    /* The window code as written, with the clock replaced by the one read before. */
    pf_buf_append(out, body_indent.ptr, body_indent.len);
    uint32_t from = ts_node_start_byte(p->first_window), to = ts_node_end_byte(p->last_window);
    pf_edits clock;
    pf_arena scratch;
    pf_arena_init(&scratch);
    pf_edits_init(&clock, &scratch);
    if (p->reads_now) {
        TSTreeCursor cursor = ts_tree_cursor_new(ts_node_parent(p->first_window));
        do {
            TSNode node = ts_tree_cursor_current_node(&cursor);
            if (ts_node_start_byte(node) < from || ts_node_end_byte(node) > to) continue;
            if (!is_clock_read(syntax, node)) continue;
            const char *with = NULL;
            if (pf_node_is(node, "new_expression")) with = pf_arena_printf(&scratch, "new Date(%s)", p->now_name);
            else if (pf_node_text_is(syntax, pf_node_field(node, "function"), "Date.now"))
                with = pf_arena_printf(&scratch, "%s.getTime()", p->now_name);
            else if (pf_node_is(node, "call_expression"))
                with = pf_arena_printf(&scratch, "%.*s(%s)", (int)pf_node_str(syntax, pf_node_field(node, "function")).len,
                                       pf_node_str(syntax, pf_node_field(node, "function")).ptr, p->now_name);
            if (with)
                pf_edits_replace(&clock, ts_node_start_byte(node) - from, ts_node_end_byte(node) - from, with, strlen(with));
        } while (pf_cursor_next(&cursor));
        ts_tree_cursor_delete(&cursor);
    }
    pf_edits_apply(&clock, text + from, to - from, out);
    pf_arena_free(&scratch);
    pf_buf_printf(out, "%s%.*sreturn { ", nl, (int)body_indent.len, body_indent.ptr);
    append_returned_names(out, syntax, p);
    pf_buf_printf(out, " }%s%s%.*s}%s%s%.*s", semi, nl, (int)indent.len, indent.ptr, semi, nl, (int)indent.len, indent.ptr);
    if (typed)
        pf_buf_printf(out, "const %s: ReturnType<typeof %s>[] = []%s%s%.*s", p->windows_name, p->fn_name, semi, nl,
                      (int)indent.len, indent.ptr);
    else
        pf_buf_printf(out, "const %s = []%s%s%.*s", p->windows_name, semi, nl, (int)indent.len, indent.ptr);
    if (p->for_of) {
        pf_str iterable = p->source_name ? pf_str_c(p->source_name) : pf_node_str(syntax, p->iterable);
        pf_str param = pf_node_str(syntax, p->pattern);
        pf_buf_printf(out, "for (const %.*s of %.*s) %s.push(%s(%.*s))%s%s%.*s", (int)param.len, param.ptr,
                      (int)iterable.len, iterable.ptr, p->windows_name, p->fn_name, (int)param.len, param.ptr, semi, nl,
                      (int)indent.len, indent.ptr);
        return;
    }
    pf_buf_append(out, text + ts_node_start_byte(p->loop), ts_node_start_byte(p->body) - ts_node_start_byte(p->loop));
    pf_buf_printf(out, "%s.push(%s(%.*s))%s%s%.*s", p->windows_name, p->fn_name, (int)p->var.len, p->var.ptr, semi, nl,
                  (int)indent.len, indent.ptr);
}

/* Appends the union query of one reading: one findMany over all the windows. */
static void append_union_query(pf_buf *out, const pf_model *model, const plan *p, const reading *r, pf_str indent,
                               pf_str unit, const char *semi, const pf_style *style, const char *nl) {
    const pf_syntax *syntax = model->syntax;
    const window_query *first = &p->queries.items[r->first];
    const char *field = r->field->name;
    const char *comma = style->trailing_comma ? "," : "";
    TSNode args = r->find_many ? r->find_many->query->arg_object : pf_node_null();
    pf_str array, param;
    window_source(p, syntax, &array, &param);
    pf_buf_printf(out, "const %s = ", r->rows_name);
    if (!windows_never_empty(p)) pf_buf_printf(out, "%.*s.length === 0 ? [] : ", (int)array.len, array.ptr);
    pf_buf_printf(out, "await %.*s.%.*s.findMany({%s", (int)first->query->client.len, first->query->client.ptr,
                  (int)first->query->delegate.len, first->query->delegate.ptr, nl);
    put_indent(out, indent, unit, 1);
    pf_buf_printf(out, "where: {%s", nl);
    /* One entry per line: the union bounds are long. */
    uint32_t n = pf_node_named_count(first->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(first->where, i);
        if (pf_node_is(item, "comment")) continue;
        put_indent(out, indent, unit, 2);
        if (ts_node_eq(item, first->window_item)) {
            pf_buf_printf(out, "%s: {%s", field, nl);
            static const char *const ends[2][2] = {{"gte", "min"}, {"lte", "max"}};
            TSNode bounds[2] = {first->lower, first->upper};
            for (int b = 0; b < 2; b++) {
                put_indent(out, indent, unit, 3);
                pf_buf_printf(out, "%s: new Date(Math.%s(...", ends[b][0], ends[b][1]);
                append_bound_times(out, syntax, p, bounds[b]);
                pf_buf_printf(out, ")),%s", nl);
            }
            put_indent(out, indent, unit, 2);
            pf_buf_printf(out, "},%s", nl);
        } else {
            append_node(out, syntax, item);
            pf_buf_printf(out, ",%s", nl);
        }
    }
    put_indent(out, indent, unit, 1);
    pf_buf_puts(out, "},");
    /* Only what the loop uses: the findMany's own selection plus the window field, or the
     * window field and the aggregated fields. */
    TSNode select = find_select(syntax, r);
    TSNode include = ts_node_is_null(args) ? args : pf_object_pair(syntax, args, "include");
    TSNode order = ts_node_is_null(args) ? args : pf_object_pair(syntax, args, "orderBy");
    if (pf_node_is(select, "object")) {
        pf_buf_puts(out, nl);
        put_indent(out, indent, unit, 1);
        pf_buf_puts(out, "select: { ");
        uint32_t n_select = pf_node_named_count(select);
        bool first_key = true;
        for (uint32_t i = 0; i < n_select; i++) {
            TSNode item = pf_node_named_child(select, i);
            if (pf_node_is(item, "comment")) continue;
            pf_buf_puts(out, first_key ? "" : ", ");
            append_node(out, syntax, item);
            first_key = false;
        }
        if (ts_node_is_null(pf_object_pair(syntax, select, field))) pf_buf_printf(out, ", %s: true", field);
        for (size_t i = 0; i < r->extra.len; i++)
            if (ts_node_is_null(pf_object_pair(syntax, select, r->extra.items[i]->name)) && r->extra.items[i] != r->field)
                pf_buf_printf(out, ", %s: true", r->extra.items[i]->name);
        pf_buf_puts(out, " },");
    } else if (!r->find_many) {
        pf_buf_puts(out, nl);
        put_indent(out, indent, unit, 1);
        pf_buf_printf(out, "select: { %s: true", field);
        for (size_t i = 0; i < r->extra.len; i++)
            if (r->extra.items[i] != r->field) pf_buf_printf(out, ", %s: true", r->extra.items[i]->name);
        pf_buf_puts(out, " },");
    }
    if (!ts_node_is_null(include)) {
        pf_buf_puts(out, nl);
        put_indent(out, indent, unit, 1);
        append_node(out, syntax, include);
        pf_buf_putc(out, ',');
    }
    if (!ts_node_is_null(order)) {
        pf_buf_puts(out, nl);
        put_indent(out, indent, unit, 1);
        append_node(out, syntax, order);
        pf_buf_putc(out, ',');
    }
    if (!*comma) out->data[--out->len] = '\0';
    pf_buf_printf(out, "%s%.*s})%s%s%.*s", nl, (int)indent.len, indent.ptr, semi, nl, (int)indent.len, indent.ptr);
}

/* Appends `(row) => <row in the query's window>`. */
static void append_predicate(pf_buf *out, const pf_model *model, const plan *p, const window_query *q) {
    const pf_syntax *syntax = model->syntax;
    const reading *r = &p->readings.items[q->reading];
    const char *field = r->field->name, *row = p->row_name;
    pf_buf_printf(out, "(%s) => ", row);
    if (r->field->is_optional) pf_buf_printf(out, "%s.%s !== null && ", row, field);
    TSNode bounds[2] = {q->lower, q->upper};
    const char *ops[2] = {q->lower_op, q->upper_op};
    for (int b = 0; b < 2; b++) {
        if (b) pf_buf_puts(out, " && ");
        if (bound_is_date(syntax, p, bounds[b])) {
            pf_buf_printf(out, "%s.%s %s ", row, field, ops[b]);
            append_node(out, syntax, bounds[b]);
        } else {
            pf_buf_printf(out, "%s.%s.getTime() %s new Date(", row, field, ops[b]);
            append_node(out, syntax, bounds[b]);
            pf_buf_puts(out, ").getTime()");
        }
    }
}

/* Writes the value of one aggregated field: `key` is `_count`, `_sum`, `_min` or `_max`,
 * `field` the field's name (`_all` for `_count: { _all: true }`), empty for `_count: true`. */
typedef void (*aggregate_field_fn)(pf_buf *out, const void *context, pf_str key, pf_str field);

/* Appends the object an aggregate returns for its `_count`/`_sum`/`_min`/`_max` arguments,
 * `{ _count: ..., _sum: { amount: ... } }`, each field's value written by `write_field`. The
 * in-memory and the SQL values share this shape and differ only in their fields. */
static void append_aggregate_object(pf_buf *out, const pf_syntax *syntax, TSNode arguments,
                                    aggregate_field_fn write_field, const void *context) {
    pf_buf_puts(out, "{ ");
    bool first = true;
    for (uint32_t i = 0; i < pf_node_named_count(arguments); i++) {
        TSNode item = pf_node_named_child(arguments, i);
        if (!pf_node_is(item, "pair") || !pf_str_starts_with(pf_pair_key(syntax, item), "_")) continue;
        pf_str key = pf_pair_key(syntax, item);
        TSNode value = pf_node_unwrap(pf_node_field(item, "value"));
        pf_buf_printf(out, "%s%.*s: ", first ? "" : ", ", (int)key.len, key.ptr);
        first = false;
        if (pf_node_is(value, "true")) {
            write_field(out, context, key, pf_str_make(key.ptr, 0));
            continue;
        }
        pf_buf_puts(out, "{ ");
        bool first_field = true;
        for (uint32_t k = 0; k < pf_node_named_count(value); k++) {
            TSNode entry = pf_node_named_child(value, k);
            if (!pf_node_is(entry, "pair")) continue;
            pf_str field = pf_pair_key(syntax, entry);
            pf_buf_printf(out, "%s%.*s: ", first_field ? "" : ", ", (int)field.len, field.ptr);
            first_field = false;
            write_field(out, context, key, field);
        }
        pf_buf_puts(out, " }");
    }
    pf_buf_puts(out, " }");
}

/* What an aggregated field's value is computed from in memory: the window's rows. */
typedef struct memory_fields {
    const reading *reading;
    const char *rows, *row;
    bool typed;
} memory_fields;

/* Writes one aggregated field's value over the rows in memory (an aggregate_field_fn). */
static void append_memory_field(pf_buf *out, const void *context, pf_str key, pf_str name) {
    const memory_fields *m = context;
    const char *rows = m->rows, *row = m->row;
    if (!name.len || pf_str_eq_c(name, "_all")) {
        pf_buf_printf(out, "%s.length", rows);
        return;
    }
    const pf_schema_field *f = pf_schema_field_named(m->reading->model, name);
    bool date = strcmp(f->type, "DateTime") == 0;
    const char *type = date ? "Date | null" : "number | null";
    bool typed = m->typed;
    if (pf_str_eq_c(key, "_count")) {
        pf_buf_printf(out, "%s.filter((%s) => %s.%s !== null).length", rows, row, row, f->name);
    } else if (pf_str_eq_c(key, "_sum")) {
        pf_buf_printf(out, "%s.reduce%s%s%s((sum, %s) => ", rows, typed ? "<" : "", typed ? type : "", typed ? ">" : "",
                      row);
        if (f->is_optional) pf_buf_printf(out, "(%s.%s === null ? sum : (sum ?? 0) + %s.%s)", row, f->name, row, f->name);
        else pf_buf_printf(out, "(sum ?? 0) + %s.%s", row, f->name);
        pf_buf_puts(out, ", null)");
    } else {
        const char *better = pf_str_eq_c(key, "_min") ? "<" : ">";
        pf_buf_printf(out, "%s.reduce%s%s%s((extreme, %s) => (", rows, typed ? "<" : "", typed ? type : "",
                      typed ? ">" : "", row);
        if (f->is_optional) pf_buf_printf(out, "%s.%s !== null && ", row, f->name);
        pf_buf_printf(out, "(extreme === null || %s.%s %s extreme) ? %s.%s : extreme), null)", row, f->name, better, row,
                      f->name);
    }
}

/* Appends the in-memory value that replaces one window query. */
static void append_value(pf_buf *out, const pf_model *model, const plan *p, const window_query *q) {
    const pf_syntax *syntax = model->syntax;
    const reading *r = &p->readings.items[q->reading];
    if (q->kind == Q_AGGREGATE) {
        memory_fields fields = {r, q->rows_in_window, p->row_name, pf_path_has_types(model->path)};
        append_aggregate_object(out, syntax, q->query->arg_object, append_memory_field, &fields);
        return;
    }
    pf_buf_printf(out, "%s.filter(", r->rows_name);
    append_predicate(out, model, p, q);
    pf_buf_putc(out, ')');
    if (q->kind == Q_COUNT) {
        pf_buf_puts(out, ".length");
        return;
    }
    /* Fresh row objects per window, as each findMany gave: windows that overlap hold the same
     * rows, and a loop that changes a row of one window must not change another's. */
    TSNode include = pf_node_unwrap(pf_object_value(syntax, r->find_many->query->arg_object, "include"));
    pf_buf_printf(out, ".map((%s) => ", p->row_name);
    pf_append_row_copy(out, model->schema, syntax, r->model, find_select(syntax, r), include, p->row_name, 0);
    pf_buf_putc(out, ')');
}

/* Appends the window column as a number of milliseconds, for SQLite: Prisma's own SQLite
 * engine stores a DateTime as integer milliseconds, its driver adapters as ISO 8601 text, and
 * a database written by both holds both. */
static void append_sqlite_millis(pf_buf *out, const pf_schema_field *f) {
    pf_buf_puts(out, "(CASE typeof(");
    append_sql_column(out, SQL_SQLITE, f);
    pf_buf_puts(out, ") WHEN 'text' THEN CAST(ROUND((julianday(");
    append_sql_column(out, SQL_SQLITE, f);
    pf_buf_puts(out, ") - 2440587.5) * 86400000) AS INTEGER) ELSE ");
    append_sql_column(out, SQL_SQLITE, f);
    pf_buf_puts(out, " END)");
}

/* Appends the window table of MySQL and SQLite, which have no array parameters: one row per
 * window, `SELECT 0 AS idx, lo, hi UNION ALL SELECT 1, lo, hi ...`, every bound a parameter
 * (MySQL: a UTC `DATETIME(3)`; SQLite: milliseconds). */
static void append_listed_windows(pf_buf *out, const plan *p, pf_str indent, pf_str unit, const char *nl) {
    bool mysql = p->dialect == SQL_MYSQL;
    for (long i = 0; i < p->trips; i++) {
        put_indent(out, indent, unit, 2);
        const char *cast_open = mysql ? "CAST(" : "", *cast_close = mysql ? " AS DATETIME(3))" : "";
        if (i == 0)
            pf_buf_printf(out, "SELECT 0 AS idx, %s${%s[0][0]}%s AS lo, %s${%s[0][1]}%s AS hi%s", cast_open,
                          p->bounds_name, cast_close, cast_open, p->bounds_name, cast_close, nl);
        else
            pf_buf_printf(out, "UNION ALL SELECT %ld, %s${%s[%ld][0]}%s, %s${%s[%ld][1]}%s%s", i, cast_open,
                          p->bounds_name, i, cast_close, cast_open, p->bounds_name, i, cast_close, nl);
    }
}

/* Appends the SQL mode's query: one $queryRaw counting every window, in window order, 0 for
 * windows without rows (the filters were checked to translate when the rewrite was planned).
 * PostgreSQL's COUNT is a bigint, which Prisma returns as BigInt: it is cast to int; MySQL
 * has no cast to a 32-bit integer and SQLite's drivers return integers as either, so there
 * each count goes through Number() where it is read. */
static void append_sql_query(pf_buf *out, const pf_model *model, const plan *p, pf_str indent, pf_str unit,
                             const char *semi, const char *nl) {
    const pf_syntax *syntax = model->syntax;
    const window_query *first = &p->queries.items[0];
    const reading *r = &p->readings.items[0];
    sql_dialect dialect = p->dialect;
    bool tz = r->field->native_type && strcmp(r->field->native_type, "Timestamptz") == 0;
    const char *type = tz ? "timestamptz" : "timestamp";
    pf_buf join = PF_BUF_INIT;
    uint32_t n = pf_node_named_count(first->where);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(first->where, i);
        if (pf_node_is(item, "comment") || ts_node_eq(item, first->window_item)) continue;
        append_sql_condition(&join, model, dialect, r, item);
    }
    bool typed = pf_path_has_types(model->path);
    pf_str lower = pf_node_str(syntax, first->lower), upper = pf_node_str(syntax, first->upper);
    if (dialect != SQL_POSTGRES) {
        /* Each window's bounds as the parameters the window table binds. */
        const char *form = dialect == SQL_MYSQL ? ".toISOString().slice(0, 23).replace('T', ' ')" : ".getTime()";
        pf_buf_printf(out, "const %s = %s.map((bounds) => [bounds.%.*s%s, bounds.%.*s%s])%s%s%.*s", p->bounds_name,
                      p->windows_name, (int)lower.len, lower.ptr, form, (int)upper.len, upper.ptr, form, semi, nl,
                      (int)indent.len, indent.ptr);
    }
    /* A cast rather than `$queryRaw<T>`...``: type arguments on a tagged template are valid
     * TypeScript, but tree-sitter's grammar cannot parse them, and poolfix never writes code
     * it cannot read back. */
    pf_buf_printf(out, "const %s = %sawait %.*s.$queryRaw`%s", r->rows_name, typed ? "(" : "",
                  (int)first->query->client.len, first->query->client.ptr, nl);
    put_indent(out, indent, unit, 1);
    pf_buf_puts(out, "SELECT COUNT(");
    append_sql_column(out, dialect, r->field);
    pf_buf_printf(out, ")%s AS count", dialect == SQL_POSTGRES ? "::int" : "");
    /* PostgreSQL's SUM of an int is a bigint: float8 is a number, exact below 2^53. */
    for (size_t i = 0; i < r->extra.len; i++) {
        pf_buf_puts(out, ", SUM(");
        append_sql_column(out, dialect, r->extra.items[i]);
        pf_buf_printf(out, ")%s AS ", dialect == SQL_POSTGRES ? "::float8" : "");
        pf_buf alias = PF_BUF_INIT;
        pf_buf_printf(&alias, "sum_%s", r->extra.items[i]->name);
        append_sql_name(out, dialect, alias.data);
        pf_buf_free(&alias);
    }
    pf_buf_puts(out, nl);
    put_indent(out, indent, unit, 1);
    if (dialect == SQL_POSTGRES) {
        pf_buf_printf(out,
                      "FROM unnest(${%s.map((bounds) => bounds.%.*s.toISOString())}::%s[], "
                      "${%s.map((bounds) => bounds.%.*s.toISOString())}::%s[]) WITH ORDINALITY AS w(lo, hi, idx)%s",
                      p->windows_name, (int)lower.len, lower.ptr, type, p->windows_name, (int)upper.len, upper.ptr,
                      type, nl);
    } else {
        pf_buf_printf(out, "FROM (%s", nl);
        append_listed_windows(out, p, indent, unit, nl);
        put_indent(out, indent, unit, 1);
        pf_buf_printf(out, ") AS w%s", nl);
    }
    put_indent(out, indent, unit, 1);
    pf_buf_puts(out, "LEFT JOIN ");
    append_sql_table(out, dialect, r->model);
    pf_buf_puts(out, " t ON ");
    for (int side = 0; side < 2; side++) {
        if (side) pf_buf_puts(out, " AND ");
        if (dialect == SQL_SQLITE) append_sqlite_millis(out, r->field);
        else append_sql_column(out, dialect, r->field);
        pf_buf_printf(out, " %s w.%s", side ? first->upper_op : first->lower_op, side ? "hi" : "lo");
    }
    pf_buf_printf(out, "%s%s", join.data ? join.data : "", nl);
    put_indent(out, indent, unit, 1);
    pf_buf_puts(out, "GROUP BY w.idx ORDER BY w.idx`");
    if (typed) {
        pf_buf_printf(out, ") as { count: %s", dialect == SQL_POSTGRES ? "number" : "number | bigint");
        for (size_t i = 0; i < r->extra.len; i++)
            pf_buf_printf(out, "; sum_%s: %s", r->extra.items[i]->name,
                          dialect == SQL_POSTGRES ? "number | null" : "unknown");
        pf_buf_puts(out, " }[]");
    }
    pf_buf_printf(out, "%s%s%.*s", semi, nl, (int)indent.len, indent.ptr);
    pf_buf_printf(out, "let %s = 0%s%s%.*s", p->cursor_name, semi, nl, (int)indent.len, indent.ptr);
    pf_buf_free(&join);
}

/* Where an aggregated field's value is read from in SQL mode: the window's row. */
typedef struct sql_fields {
    const char *rows, *slot;
    bool postgres;
} sql_fields;

/* Appends the window's count from the SQL mode's row. */
static void append_sql_count(pf_buf *out, const sql_fields *s) {
    pf_buf_printf(out, s->postgres ? "%s[%s].count" : "Number(%s[%s].count)", s->rows, s->slot);
}

/* Writes one aggregated field's value from the SQL mode's row (an aggregate_field_fn): its
 * count (the only `_count` the SQL mode takes is of rows) or its sum. */
static void append_sql_field(pf_buf *out, const void *context, pf_str key, pf_str name) {
    const sql_fields *s = context;
    if (pf_str_eq_c(key, "_count")) append_sql_count(out, s);
    else if (s->postgres) pf_buf_printf(out, "%s[%s].sum_%.*s", s->rows, s->slot, (int)name.len, name.ptr);
    else
        pf_buf_printf(out, "(%s[%s].sum_%.*s === null ? null : Number(%s[%s].sum_%.*s))", s->rows, s->slot,
                      (int)name.len, name.ptr, s->rows, s->slot, (int)name.len, name.ptr);
}

/* Appends one window's value from the SQL mode's row: a count, or an aggregate built from the
 * row's count and sums as Prisma returns it (`{ _sum: { amount: ... }, _count: ... }`). MySQL
 * and SQLite counts and sums go through Number() (a bigint, a Decimal), a null sum stays null. */
static void append_sql_value(pf_buf *out, const pf_model *model, const plan *p, const window_query *q) {
    sql_fields fields = {p->readings.items[0].rows_name, p->slot_name, p->dialect == SQL_POSTGRES};
    if (q->kind == Q_COUNT) append_sql_count(out, &fields);
    else append_aggregate_object(out, model->syntax, q->query->arg_object, append_sql_field, &fields);
}

/* Picks the names the rewrite introduces. */
static void name_things(const pf_model *model, plan *p, pf_arena *arena, pf_name_list *taken) {
    const pf_syntax *syntax = model->syntax;
    pf_str delegate = p->queries.items[0].query->delegate;
    const char *suffixes[] = {"Window", "Windows", "WindowIndex", "NextWindow", "WindowBounds"};
    const char **names[] = {&p->fn_name, &p->windows_name, &p->slot_name, &p->cursor_name, &p->bounds_name};
    for (size_t i = 0; i < 5; i++)
        *names[i] = pf_fresh_name(syntax, arena, taken,
                                  pf_arena_printf(arena, "%.*s%s", (int)delegate.len, delegate.ptr, suffixes[i]));
    for (size_t r = 0; r < p->readings.len; r++) {
        pf_str d = p->queries.items[p->readings.items[r].first].query->delegate;
        p->readings.items[r].rows_name =
            pf_fresh_name(syntax, arena, taken, pf_arena_printf(arena, "%.*sRows", (int)d.len, d.ptr));
    }
    for (size_t i = 0; i < p->queries.len; i++) {
        window_query *q = &p->queries.items[i];
        if (q->kind == Q_AGGREGATE)
            q->rows_in_window = pf_fresh_name(syntax, arena, taken,
                                              pf_arena_printf(arena, "%.*sInWindow", (int)q->query->delegate.len,
                                                              q->query->delegate.ptr));
    }
    p->row_name = pf_fresh_name(syntax, arena, taken, "row");
    if (p->reads_now) p->now_name = pf_fresh_name(syntax, arena, taken, "windowsNow");
    bool plain = pf_node_is(p->iterable, "identifier") || pf_node_is(p->iterable, "member_expression");
    if (p->for_of && (!plain || p->copy_source)) p->source_name = pf_fresh_name(syntax, arena, taken, "windowSources");
}

/* Asks for the edits of one planned rewrite. */
static void rewrite(pf_pass_context *ctx, plan *p, pf_name_list *taken) {
    const pf_model *model = ctx->model;
    const char *text = model->syntax->text;
    pf_style style = pf_style_of(model->syntax);
    bool sql = p->sql;
    name_things(model, p, ctx->arena, taken);
    pf_str indent = pf_line_indent(text, ts_node_start_byte(p->loop));
    TSNode any_statement = ts_node_is_null(p->first_window) ? p->queries.items[0].statement : p->first_window;
    const char *semi = pf_semicolon_of(text, any_statement);
    pf_buf prelude = PF_BUF_INIT;
    append_windows(&prelude, model, p, indent, semi, ctx->newline);
    if (sql) {
        append_sql_query(&prelude, model, p, indent, style.indent_unit, semi, ctx->newline);
    } else {
        for (size_t r = 0; r < p->readings.len; r++)
            append_union_query(&prelude, model, p, &p->readings.items[r], indent, style.indent_unit, semi, &style,
                               ctx->newline);
    }
    uint32_t at = ts_node_start_byte(p->loop);
    pf_edits_replace_buf(ctx->edits, at, at, &prelude);
    pf_buf_free(&prelude);
    if (p->source_name)
        pf_edits_replace(ctx->edits, ts_node_start_byte(p->iterable), ts_node_end_byte(p->iterable), p->source_name,
                         strlen(p->source_name));

    /* The window code at the top of the body becomes a call of the window function. */
    if (p->window_names.len) {
        pf_buf head = PF_BUF_INIT;
        pf_buf_printf(&head, "%s { ", p->window_let ? "let" : "const");
        for (size_t i = 0; i < p->window_names.len; i++)
            pf_buf_printf(&head, "%s%.*s", i ? ", " : "", (int)p->window_names.items[i].len,
                          p->window_names.items[i].ptr);
        pf_str arg = p->for_of ? pf_node_str(model->syntax, p->pattern) : p->var;
        pf_buf_printf(&head, " } = %s(%.*s)%s", p->fn_name, (int)arg.len, arg.ptr, semi);
        if (sql) {
            pf_str body_indent = pf_line_indent(text, ts_node_start_byte(p->first_window));
            pf_buf_printf(&head, "%s%.*sconst %s = %s++%s", ctx->newline, (int)body_indent.len, body_indent.ptr,
                          p->slot_name, p->cursor_name, semi);
        }
        pf_edits_replace_buf(ctx->edits, ts_node_start_byte(p->first_window), ts_node_end_byte(p->last_window), &head);
        pf_buf_free(&head);
    }

    for (size_t i = 0; i < p->queries.len; i++) {
        const window_query *q = &p->queries.items[i];
        pf_buf value = PF_BUF_INIT;
        if (sql) {
            append_sql_value(&value, model, p, q);
        } else {
            append_value(&value, model, p, q);
        }
        if (q->rows_in_window && !sql) {
            /* The window's rows, once, before the statement that aggregates them. */
            pf_buf rows = PF_BUF_INIT;
            pf_str stmt_indent = pf_line_indent(text, ts_node_start_byte(q->statement));
            pf_buf_printf(&rows, "const %s = %s.filter(", q->rows_in_window, p->readings.items[q->reading].rows_name);
            append_predicate(&rows, model, p, q);
            pf_buf_printf(&rows, ")%s%s%.*s", semi, ctx->newline, (int)stmt_indent.len, stmt_indent.ptr);
            pf_guard_asi(&rows, text, q->statement);
            uint32_t where = ts_node_start_byte(q->statement);
            pf_edits_replace_buf(ctx->edits, where, where, &rows);
            pf_buf_free(&rows);
        }
        pf_edits_replace_buf(ctx->edits, ts_node_start_byte(q->replace), ts_node_end_byte(q->replace), &value);
        pf_buf_free(&value);
    }
}

/* Whether loop `index` sits inside another loop of the same function that also queries (then
 * the outer loop is the one reported). Loops are in source order, so outer loops come first
 * and their query counts `totals` are already known. */
static bool inside_querying_loop(const pf_model *model, size_t index, const long *totals) {
    const pf_loop *loop = &model->loops.items[index];
    for (size_t i = 0; i < index; i++) {
        const pf_loop *outer = &model->loops.items[i];
        if (totals[i] > 0 && outer->function == loop->function && pf_node_contains(outer->node, loop->node))
            return true;
    }
    return false;
}

/* Reports each outermost loop that queries and, when the shape allows, rewrites it. */
static void run(pf_pass_context *ctx) {
    const pf_model *model = ctx->model;
    pf_name_list taken = {0};
    long *totals = pf_arena_alloc(ctx->arena, (model->loops.len + 1) * sizeof(long));
    for (size_t i = 0; i < model->loops.len; i++) {
        const pf_loop *loop = &model->loops.items[i];
        pf_measure each = pf_measure_loop(model, loop->node);
        totals[i] = each.total;
        /* A loop that never runs (`for (const x of [])`, `i < 0` from 0) is no finding. */
        if (each.total == 0 || loop->trips == 0 || inside_querying_loop(model, i, totals)) continue;
        /* What hoist left in the loop: reads for elements whose key is null, beside lookups. */
        if (pf_only_null_key_fallbacks(model, loop->node)) continue;
        pf_finding *f;
        if (loop->trips >= 0)
            f = pf_pass_report(ctx, PF_RULE_LOOP_QUERIES, loop->node, loop->node,
                               "the loop runs %ld quer%s per iteration, %ld times: %ld round trips one after another",
                               (long)each.total, each.total == 1 ? "y" : "ies", loop->trips,
                               pf_count_mul(each.rounds, loop->trips));
        else
            f = pf_pass_report(ctx, PF_RULE_LOOP_QUERIES, loop->node, loop->node,
                               "the loop runs %ld quer%s per iteration, as many times as the data has elements: the "
                               "count grows with the data",
                               (long)each.total, each.total == 1 ? "y" : "ies");
        f->queries = (int)each.total;
        f->trips = loop->trips;
        f->unbounded = loop->trips < 0 || each.unbounded;
        pf_note_loop_in_transaction(ctx, f, loop->node);
        plan p;
        memset(&p, 0, sizeof(p));
        p.loop = loop->node;
        const char *why = plan_rewrite(model, ctx->options, &p, ctx->arena, loop->trips);
        if (why) {
            pf_finding_decline(ctx, f, "not rewritten: %s", why);
            continue;
        }
        if (pf_pass_may_rewrite(ctx, f, p.loop)) rewrite(ctx, &p, &taken);
    }
}

#include "loop.md.h"

const pf_pass pf_pass_loop = {
    .name = "loop",
    .alias = "monthly",
    .rule = PF_RULE_LOOP_QUERIES,
    .default_on = true,
    .summary = "replace loops that query one window per iteration with one query over all the windows",
    .doc = pf_doc_loop,
    .run = run,
};
