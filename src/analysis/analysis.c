/* Connection-usage analysis and the severity rules (see analysis.h).
 *
 * A function's work is a sequence of units, each one round trip: a Promise.all group, a fan-out
 * over an array (`xs.map(async ...)`, `xs.forEach(async ...)`), a $transaction (one
 * connection, whatever it holds), or a single query. Loops multiply the units they hold.
 * Nested functions run inline, except fan-out callbacks and transaction callbacks, which
 * are measured as their own scope and counted once per element (or once, for a
 * transaction). A file's top level counts only the code outside its functions. Calls cost
 * what the engine says their callees cost (model->call_costs). */
#include "poolfix/analysis.h"

#include "poolfix/buf.h"
#include "poolfix/pass.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* One unit of a scope: its cost tree and how often it runs. */
typedef struct unit {
    TSNode node;
    uint32_t cost;     /* root of its cost tree */
    long times;        /* product of the static trip counts of the loops around it */
    bool times_known;  /* false when a loop around it has no static trip count */
    bool in_loop;
} unit;

typedef PF_VEC(unit) unit_list;

/* Where cost trees are built: the model they describe and the list their nodes go to. */
typedef struct tree {
    const pf_model *model;
    pf_arena *arena;
    pf_cost_list *costs;
    /* The interactive $transaction the measured code runs in (an index in model->queries), whose
     * queries and calls count as its own round trips; -1: a transaction's work counts as the one
     * $transaction query that holds it. */
    int transaction;
    /* Counts only the queries of `transaction` that run on the client that started it, not on
     * the transaction's own (see pf_model_on_outer_client), and no calls: the connections the
     * transaction's callback takes besides the transaction's one. */
    bool outer_only;
} tree;

static uint32_t group_cost(const tree *t, const pf_group *group, pf_buf *seen);
static uint32_t scope_cost(const tree *t, TSNode scope, unit_list *units);

/* The index of the first of `len` items (each `stride` bytes, in source order) whose node at
 * byte `offset` starts at or after byte `start`. The model's lists are all in source order. */
static size_t first_from(const void *items, size_t len, size_t stride, size_t offset, uint32_t start) {
    size_t lo = 0, hi = len;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        TSNode node;
        memcpy(&node, (const char *)items + mid * stride + offset, sizeof(node));
        if (ts_node_start_byte(node) < start) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

#define FIRST_FROM(vec, type, field, start) \
    first_from((vec).items, (vec).len, sizeof(type), offsetof(type, field), (start))

/* Whether a fan-out or transaction callback lies between `scope` and what starts in function
 * `fn` (the innermost function around it, or -1): then its work belongs to that callback's
 * unit, not directly to the scope. */
static bool behind_callback(const pf_model *model, int fn, TSNode scope) {
    for (; fn >= 0; fn = model->functions.items[fn].parent) {
        TSNode node = model->functions.items[fn].node;
        if (ts_node_eq(node, scope) || !pf_node_contains(scope, node)) return false;
        if (model->functions.items[fn].callback != PF_CALLBACK_NONE) return true;
    }
    return false;
}

/* Whether `node` is inside the argument of a Promise.all group of the scope: the group
 * counts it. Only groups starting between the scope and the node can hold it. */
static bool inside_group(const pf_model *model, TSNode node, TSNode scope) {
    uint32_t at = ts_node_start_byte(node);
    for (size_t i = FIRST_FROM(model->groups, pf_group, call, ts_node_start_byte(scope)); i < model->groups.len; i++) {
        const pf_group *g = &model->groups.items[i];
        if (ts_node_start_byte(g->call) > at) break;
        if (ts_node_is_null(g->argument) || !pf_node_contains(scope, g->call)) continue;
        if (pf_node_contains(g->argument, node) && !behind_callback(model, g->function, scope)) return true;
    }
    return false;
}

/* How often `node` runs per run of `scope`: the product of the loops around it inside the
 * scope. `*known` is cleared when a loop has no static trip count (then it counts once). */
static long times_run(const pf_model *model, TSNode node, TSNode scope, bool *known, bool *in_loop) {
    long times = 1;
    *known = true;
    *in_loop = false;
    for (size_t i = 0; i < model->loops.len; i++) {
        const pf_loop *loop = &model->loops.items[i];
        if (ts_node_eq(loop->node, scope) || !pf_node_contains(scope, loop->node) ||
            !pf_node_contains(loop->node, node))
            continue;
        *in_loop = true;
        if (loop->trips < 0) *known = false;
        else times = pf_count_mul(times, loop->trips);
    }
    return times;
}

/* Appends the shape Prisma batches findUnique calls by: the model, the where's keys and the
 * selection. Calls of one shape started in the same tick become one query. False when the
 * call is not a findUnique with object-literal arguments. */
static bool unique_shape(const pf_model *model, const pf_query *q, pf_buf *shape) {
    const pf_syntax *syntax = model->syntax;
    if (!pf_str_eq_c(q->op, "findUnique") && !pf_str_eq_c(q->op, "findUniqueOrThrow")) return false;
    if (ts_node_is_null(q->arg_object)) return false;
    pf_buf_printf(shape, "%.*s.%.*s", (int)q->client.len, q->client.ptr, (int)q->delegate.len, q->delegate.ptr);
    uint32_t n = pf_node_named_count(q->arg_object);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = pf_node_named_child(q->arg_object, i);
        if (!pf_node_is(item, "pair")) return pf_node_is(item, "comment");
        pf_str key = pf_node_str(syntax, pf_node_field(item, "key"));
        TSNode value = pf_node_unwrap(pf_node_field(item, "value"));
        pf_buf_printf(shape, "|%.*s=", (int)key.len, key.ptr);
        if (pf_str_eq_c(key, "where") && pf_node_is(value, "object")) {
            /* The where's keys, not its values: that is what differs between batched calls. */
            for (uint32_t k = 0; k < pf_node_named_count(value); k++) {
                TSNode entry = pf_node_named_child(value, k);
                pf_str name = pf_node_is(entry, "pair") ? pf_node_str(syntax, pf_node_field(entry, "key"))
                                                        : pf_node_str(syntax, entry);
                pf_buf_printf(shape, "%.*s,", (int)name.len, name.ptr);
            }
        } else {
            pf_node_append_tokens(syntax, value, shape);
        }
    }
    return true;
}

/* Whether a query is a findUnique of a shape already started in the same array (Prisma's
 * batching makes it part of that query). Records its shape otherwise. */
static bool batched_with_earlier(const pf_model *model, const pf_query *q, pf_buf *seen) {
    pf_buf shape = PF_BUF_INIT;
    bool batched = false;
    if (unique_shape(model, q, &shape)) {
        pf_buf_putc(&shape, '\n');
        for (const char *line = seen->data; line && *line && !batched;) {
            const char *end = strchr(line, '\n');
            batched = (size_t)(end - line + 1) == shape.len && memcmp(line, shape.data, shape.len) == 0;
            line = end + 1;
        }
        if (!batched) pf_buf_append(seen, shape.data, shape.len);
    }
    pf_buf_free(&shape);
    return batched;
}

/* A node of `kind` whose children are the cost trees of the named children of `node` (or of
 * the two fields), or PF_COST_NONE when none of them costs anything. */
static uint32_t combine(const tree *t, pf_cost_kind kind, const uint32_t *children, size_t count) {
    uint32_t node = PF_COST_NONE, last = PF_COST_NONE;
    for (size_t i = 0; i < count; i++) {
        if (children[i] == PF_COST_NONE) continue;
        if (node == PF_COST_NONE) node = pf_cost_add(t->arena, t->costs, kind);
        pf_cost_append(t->costs, node, &last, children[i]);
    }
    return node;
}

/* A query's node: one connection, one round trip; marked when the query may write (a write, a
 * raw write, or a $transaction, whose callback or array may). */
static uint32_t query_node(const tree *t, const pf_query *q) {
    uint32_t node = pf_cost_add(t->arena, t->costs, PF_COST_QUERY);
    t->costs->items[node].writes =
        q->kind == PF_QUERY_WRITE || q->kind == PF_QUERY_RAW_WRITE || q->kind == PF_QUERY_TRANSACTION;
    return node;
}

/* Whether tree `t` counts query `q` among the units of the code it measures: queries outside any
 * $transaction and those of the transaction it measures (an array-form $transaction's elements
 * when `interactive_only` is false), or, with `outer_only`, the outer-client queries of that one. */
static bool counts_query(const tree *t, const pf_query *q, bool interactive_only) {
    if (t->outer_only) return q->transaction == t->transaction && pf_model_on_outer_client(t->model, q);
    return q->transaction < 0 || q->transaction == t->transaction || (interactive_only && !q->in_callback);
}

/* A query's unit: its node, except for an interactive $transaction whose callback runs queries on
 * the client that started it: each of those takes a second connection while the transaction holds
 * its one, so the unit is the transaction's connection in parallel with what they take. */
static uint32_t query_unit(const tree *t, const pf_query *q) {
    uint32_t node = query_node(t, q);
    TSNode callback = pf_model_transaction_callback(q);
    if (t->outer_only || ts_node_is_null(callback)) return node;
    tree outer = {t->model, t->arena, t->costs, (int)(q - t->model->queries.items), true};
    uint32_t held[2] = {node, scope_cost(&outer, callback, NULL)};
    return combine(t, PF_COST_PARALLEL, held, 2);
}

/* The cost tree of an expression that starts its queries at once, with `seen` holding the
 * findUnique shapes already started in the same tick; PF_COST_NONE when it starts none. */
static uint32_t tick_cost(const tree *t, TSNode expr, pf_buf *seen) {
    const pf_model *model = t->model;
    TSNode e = pf_model_peel(model, expr);
    if (ts_node_is_null(e)) return PF_COST_NONE;
    const pf_query *q = pf_model_query_at(model, e);
    if (q) return !counts_query(t, q, true) || batched_with_earlier(model, q, seen) ? PF_COST_NONE
                                                                                   : query_unit(t, q);
    if (pf_node_is(e, "ternary_expression") || pf_node_is(e, "binary_expression")) {
        bool ternary = pf_node_is(e, "ternary_expression");
        uint32_t branches[2] = {tick_cost(t, pf_node_field(e, ternary ? "consequence" : "left"), seen),
                                tick_cost(t, pf_node_field(e, ternary ? "alternative" : "right"), seen)};
        return combine(t, PF_COST_EITHER, branches, 2);
    }
    if (pf_node_is(e, "array")) {
        uint32_t n = pf_node_named_count(e);
        uint32_t *elements = pf_arena_alloc(t->arena, (n + 1) * sizeof(uint32_t));
        for (uint32_t i = 0; i < n; i++) elements[i] = tick_cost(t, pf_node_named_child(e, i), seen);
        return combine(t, PF_COST_PARALLEL, elements, n);
    }
    const pf_group *g = pf_model_group_at(model, e);
    if (g) return group_cost(t, g, seen);
    const pf_call *call = pf_model_call_at(model, e);
    if (!call || t->outer_only || (call->transaction >= 0 && call->transaction != t->transaction)) return PF_COST_NONE;
    uint32_t node = pf_cost_add(t->arena, t->costs, PF_COST_CALL);
    t->costs->items[node].call = (uint32_t)(call - model->calls.items);
    return node;
}

/* The cost tree of a Promise.all group: an array starts all its elements at once; a map runs
 * its callback once per element of the mapped array. */
static uint32_t group_cost(const tree *t, const pf_group *group, pf_buf *seen) {
    if (group->shape == PF_GROUP_ARRAY) return tick_cost(t, group->argument, seen);
    if (group->shape != PF_GROUP_MAP || ts_node_is_null(group->callback)) return PF_COST_NONE;
    uint32_t each = scope_cost(t, group->callback, NULL);
    if (each == PF_COST_NONE) return PF_COST_NONE;
    uint32_t node = pf_cost_add(t->arena, t->costs, PF_COST_FANOUT);
    t->costs->items[node].elements = pf_count_narrow(pf_model_array_length(t->model, group->mapped));
    t->costs->items[node].child = each;
    return node;
}

/* Adds one unit to the list with how often it runs. */
static void add_unit(const tree *t, TSNode scope, unit_list *units, TSNode node, uint32_t cost) {
    if (cost == PF_COST_NONE) return;
    unit *u = PF_VEC_PUSH(t->arena, *units);
    u->node = node;
    u->cost = cost;
    u->times = times_run(t->model, node, scope, &u->times_known, &u->in_loop);
}

/* Orders units by position, so "one after another" reads in source order. */
static int by_position(const void *a, const void *b) {
    uint32_t x = ts_node_start_byte(((const unit *)a)->node), y = ts_node_start_byte(((const unit *)b)->node);
    return (x > y) - (x < y);
}

/* Whether a query, group, call or callback at `node` (in function `fn`) is a unit of `scope`
 * itself: not behind a callback that is a unit of its own, and not inside a Promise.all that
 * counts it. */
static bool direct_unit(const pf_model *model, TSNode node, int fn, TSNode scope) {
    return pf_node_contains(scope, node) && !behind_callback(model, fn, scope) && !inside_group(model, node, scope);
}

/* Lists the units that run directly in `scope` (see the comment at the top): Promise.all
 * groups, fan-out callbacks, queries outside a $transaction, and calls. Only items that start
 * inside the scope are looked at. */
static void collect_units(const tree *t, TSNode scope, unit_list *units) {
    const pf_model *model = t->model;
    uint32_t start = ts_node_start_byte(scope), end = ts_node_end_byte(scope);
    /* The file's top level runs once, when it is imported: what its functions do runs when they
     * are called, and its calls build handlers (`withAuth(handler)`) rather than serve requests. */
    bool top = pf_node_is(scope, "program");
    for (size_t i = FIRST_FROM(model->groups, pf_group, call, start); i < model->groups.len; i++) {
        const pf_group *g = &model->groups.items[i];
        if (ts_node_start_byte(g->call) >= end) break;
        if ((top && g->function >= 0) || !direct_unit(model, g->call, g->function, scope)) continue;
        pf_buf seen = PF_BUF_INIT;
        add_unit(t, scope, units, g->call, group_cost(t, g, &seen));
        pf_buf_free(&seen);
    }
    for (size_t i = FIRST_FROM(model->functions, pf_function, node, start); i < model->functions.len; i++) {
        const pf_function *f = &model->functions.items[i];
        if (ts_node_start_byte(f->node) >= end) break;
        TSNode fn = f->node;
        if (ts_node_eq(fn, scope) || f->callback != PF_CALLBACK_FANOUT || (top && f->parent >= 0)) continue;
        if (!direct_unit(model, fn, f->parent, scope)) continue;
        uint32_t each = scope_cost(t, fn, NULL);
        if (each == PF_COST_NONE) continue;
        uint32_t node = pf_cost_add(t->arena, t->costs, PF_COST_FANOUT);
        t->costs->items[node].elements = pf_count_narrow(pf_model_array_length(model, f->receiver));
        t->costs->items[node].child = each;
        add_unit(t, scope, units, fn, node);
    }
    for (size_t i = FIRST_FROM(model->queries, pf_query, call, start); i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (ts_node_start_byte(q->call) >= end) break;
        if (counts_query(t, q, false) && !(top && q->function >= 0) && direct_unit(model, q->call, q->function, scope))
            add_unit(t, scope, units, q->call, query_unit(t, q));
    }
    for (size_t i = top ? model->calls.len : FIRST_FROM(model->calls, pf_call, call, start); i < model->calls.len; i++) {
        const pf_call *c = &model->calls.items[i];
        if (ts_node_start_byte(c->call) >= end) break;
        if (t->outer_only || (c->transaction >= 0 && c->transaction != t->transaction) ||
            !direct_unit(model, c->call, c->function, scope))
            continue;
        uint32_t node = pf_cost_add(t->arena, t->costs, PF_COST_CALL);
        t->costs->items[node].call = (uint32_t)i;
        add_unit(t, scope, units, c->call, node);
    }
    if (units->len) qsort(units->items, units->len, sizeof(unit), by_position);
}

/* Whether a statement always leaves the block it is in: a return, throw, break or continue, or
 * a block that ends with one. */
static bool always_leaves(TSNode stmt) {
    if (pf_node_is(stmt, "statement_block")) {
        uint32_t n = pf_node_named_count(stmt);
        while (n > 0 && pf_node_is(pf_node_named_child(stmt, n - 1), "comment")) n--;
        return n > 0 && always_leaves(pf_node_named_child(stmt, n - 1));
    }
    return pf_node_is(stmt, "return_statement") || pf_node_is(stmt, "throw_statement") ||
           pf_node_is(stmt, "break_statement") || pf_node_is(stmt, "continue_statement");
}

/* Whether `node` (whose parent is `parent`, or a null node to look it up) is an `if` without
 * `else` whose consequence always leaves its block (`if (!user) return load();`): then it and
 * the rest of that block are alternatives. */
static bool early_exit(TSNode node, TSNode parent) {
    if (!pf_node_is(node, "if_statement") || !ts_node_is_null(pf_node_field(node, "alternative")) ||
        !always_leaves(pf_node_field(node, "consequence")))
        return false;
    return pf_node_is(ts_node_is_null(parent) ? ts_node_parent(node) : parent, "statement_block");
}

/* The outermost branch inside `region` that holds `node` in one of its arms, or a null node:
 * an if/else or a switch (the model's branches), a ternary whose consequence or alternative
 * holds it (`space ? await a() : await b()` runs one of the two), or an early exit (see
 * early_exit; its other arm is the rest of its block). */
static TSNode branch_around(const pf_model *model, TSNode region, TSNode node) {
    TSNode outer = pf_node_null();
    uint32_t at = ts_node_start_byte(node);
    for (size_t i = FIRST_FROM(model->branches, pf_branch, node, ts_node_start_byte(region)); i < model->branches.len;
         i++) {
        const pf_branch *b = &model->branches.items[i];
        if (ts_node_start_byte(b->node) > at) break;
        if (ts_node_eq(b->node, region) || !pf_node_contains(region, b->node) || !pf_node_contains(b->node, node))
            continue;
        if (ts_node_is_null(outer) || pf_node_contains(b->node, outer)) outer = b->node;
    }
    /* Down from the region (a walk up would cost a descent from the root per step): the first
     * ternary or early exit met is the outermost, unless the branch above is met first. */
    for (TSNode parent = region, n = ts_node_child_with_descendant(region, node);
         !ts_node_is_null(n) && !ts_node_eq(n, node) && !ts_node_eq(n, outer);
         parent = n, n = ts_node_child_with_descendant(n, node))
        if ((pf_node_is(n, "ternary_expression") && !pf_node_contains(pf_node_field(n, "condition"), node)) ||
            (early_exit(n, parent) && pf_node_contains(pf_node_field(n, "consequence"), node)))
            return n;
    return outer;
}

/* The arms of a branch: the consequence and the `else` of an if (only the consequence of an
 * early exit), the two values of a ternary, each case of a switch. */
static size_t branch_arms(TSNode branch, TSNode *arms, size_t max) {
    size_t n = 0;
    if (pf_node_is(branch, "if_statement") || pf_node_is(branch, "ternary_expression")) {
        arms[n++] = pf_node_field(branch, "consequence");
        if (!early_exit(branch, pf_node_null())) arms[n++] = pf_node_field(branch, "alternative");
        return n;
    }
    TSNode body = pf_node_field(branch, "body");
    for (uint32_t i = 0; i < pf_node_named_count(body) && n < max; i++) {
        TSNode arm = pf_node_named_child(body, i);
        if (pf_node_is(arm, "switch_case") || pf_node_is(arm, "switch_default")) arms[n++] = arm;
    }
    return n;
}

/* Adds a unit (or an alternative) to a sequence whose last step is `*last`, with how often it
 * runs within `region`. */
static void add_step(const tree *t, uint32_t sequence, uint32_t *last, uint32_t step, TSNode node, TSNode region) {
    pf_cost *child = &t->costs->items[step];
    child->times = pf_count_narrow(times_run(t->model, node, region, &child->known, &child->in_loop));
    pf_cost_append(t->costs, sequence, last, step);
}

/* The sequence of the units `units[0..n)` of `scope` that lie in `region` (the scope itself, or
 * an arm of a branch): one after another, except that the units of a branch inside the region
 * become one alternative whose arms are sequences of their own. PF_COST_NONE when empty. */
static uint32_t sequence_of(const tree *t, TSNode scope, TSNode region, const unit *units, size_t n, int depth) {
    if (n == 0) return PF_COST_NONE;
    uint32_t sequence = pf_cost_add(t->arena, t->costs, PF_COST_SEQUENCE), last_step = PF_COST_NONE;
    for (size_t i = 0; i < n;) {
        TSNode branch = depth < 64 ? branch_around(t->model, region, units[i].node) : pf_node_null();
        if (ts_node_is_null(branch)) {
            add_step(t, sequence, &last_step, units[i].cost, units[i].node, region);
            i++;
            continue;
        }
        size_t end = i;
        while (end < n && pf_node_contains(branch, units[end].node)) end++;
        TSNode arms[256];
        size_t arm_count = branch_arms(branch, arms, 256);
        uint32_t either = pf_cost_add(t->arena, t->costs, PF_COST_EITHER), last_arm = PF_COST_NONE;
        size_t rest = end; /* an early exit: the units after it in its block are the other arm */
        if (early_exit(branch, pf_node_null())) {
            TSNode block = ts_node_parent(branch);
            while (rest < n && pf_node_contains(block, units[rest].node)) rest++;
            uint32_t arm = sequence_of(t, scope, block, units + end, rest - end, depth + 1);
            if (arm != PF_COST_NONE) pf_cost_append(t->costs, either, &last_arm, arm);
        }
        unit *inside = pf_arena_alloc(t->arena, (end - i + 1) * sizeof(unit));
        for (size_t a = 0; a < arm_count; a++) {
            size_t count = 0;
            for (size_t k = i; k < end; k++)
                if (pf_node_contains(arms[a], units[k].node)) inside[count++] = units[k];
            uint32_t arm = sequence_of(t, scope, arms[a], inside, count, depth + 1);
            if (arm != PF_COST_NONE) pf_cost_append(t->costs, either, &last_arm, arm);
        }
        /* What the condition or the switch value runs, before either arm. */
        for (size_t k = i; k < end; k++) {
            bool in_arm = false;
            for (size_t a = 0; a < arm_count && !in_arm; a++) in_arm = pf_node_contains(arms[a], units[k].node);
            if (!in_arm) add_step(t, sequence, &last_step, units[k].cost, units[k].node, region);
        }
        if (t->costs->items[either].child != PF_COST_NONE) add_step(t, sequence, &last_step, either, branch, region);
        i = rest;
    }
    return sequence;
}

/* The cost tree of the code inside `scope`: a sequence of its units, with alternatives for the
 * arms of if/else and switch statements. Fills `units` when not NULL. PF_COST_NONE when the
 * scope has no unit. */
static uint32_t scope_cost(const tree *t, TSNode scope, unit_list *units) {
    unit_list local = {0};
    if (!units) units = &local;
    collect_units(t, scope, units);
    return sequence_of(t, scope, scope, units->items, units->len, 0);
}

uint32_t pf_cost_of_scope(const pf_model *model, TSNode scope, pf_arena *arena, pf_cost_list *costs) {
    tree t = {model, arena, costs, -1, false};
    return scope_cost(&t, scope, NULL);
}

/* The cost of a call from the model's resolved costs; nothing while none are set. */
static pf_measure model_call_cost(void *context, uint32_t call) {
    const pf_model *model = context;
    pf_measure none = {0, 0, 0, false};
    return model->call_costs ? model->call_costs[call] : none;
}

/* Evaluates a tree built over `model` with the costs its calls are known to have. */
static pf_measure evaluate(const pf_model *model, const pf_cost_list *costs, uint32_t root) {
    return pf_cost_eval(costs->items, root, model_call_cost, (void *)model);
}

pf_measure pf_measure_expr(const pf_model *model, TSNode expr) {
    pf_arena arena;
    pf_arena_init(&arena);
    pf_cost_list costs = {0};
    tree t = {model, &arena, &costs, -1, false};
    pf_buf seen = PF_BUF_INIT;
    pf_measure m = evaluate(model, &costs, tick_cost(&t, expr, &seen));
    pf_buf_free(&seen);
    pf_arena_free(&arena);
    return m;
}

/* Measures the code inside `scope`, counting the work of interactive transaction `transaction`
 * (-1: none) as its own. */
static pf_measure measure_in(const pf_model *model, TSNode scope, int transaction) {
    pf_arena arena;
    pf_arena_init(&arena);
    pf_cost_list costs = {0};
    tree t = {model, &arena, &costs, transaction, false};
    pf_measure m = evaluate(model, &costs, scope_cost(&t, scope, NULL));
    pf_arena_free(&arena);
    return m;
}

pf_measure pf_measure_scope(const pf_model *model, TSNode scope) {
    return measure_in(model, scope, -1);
}

pf_measure pf_measure_loop(const pf_model *model, TSNode loop) {
    return measure_in(model, loop, pf_model_transaction_around(model, loop));
}

/* The severity for a number of queries in flight at once. */
static pf_severity for_parallel(const pf_thresholds *t, long queries) {
    if (queries >= t->parallel_critical) return PF_SEVERITY_CRITICAL;
    if (queries >= t->parallel_high) return PF_SEVERITY_HIGH;
    if (queries >= t->parallel_low) return PF_SEVERITY_LOW;
    return PF_SEVERITY_INFO;
}

/* The severity rules for findings, in one place (documented in docs/rules/severity.md). */
static pf_severity finding_severity(const pf_thresholds *t, const pf_finding *f) {
    switch (f->rule) {
    case PF_RULE_PARALLEL_FANOUT:
        return for_parallel(t, f->queries);
    case PF_RULE_MAP_FANOUT:
        return f->unbounded ? PF_SEVERITY_CRITICAL : for_parallel(t, f->queries);
    case PF_RULE_LOOP_QUERIES:
        /* Inside an interactive transaction the loop takes no connection of its own: it holds the
         * transaction's one for as long as its round trips take. */
        if (f->unbounded || f->trips < 0) return f->in_transaction ? PF_SEVERITY_HIGH : PF_SEVERITY_CRITICAL;
        return pf_count_mul(f->queries, f->trips) >= t->sequential_medium ? PF_SEVERITY_MEDIUM : PF_SEVERITY_LOW;
    case PF_RULE_UNBOUNDED_INCLUDE:
        return f->unbounded ? PF_SEVERITY_HIGH : PF_SEVERITY_LOW;
    case PF_RULE_UNBOUNDED_FINDMANY:
    case PF_RULE_SEQUENTIAL_QUERIES:
        return PF_SEVERITY_MEDIUM;
    case PF_RULE_TRANSACTION_OUTER_CLIENT:
        /* With a pool of one it waits for the connection its own transaction holds: every request
         * that runs it fails, whatever the load. */
        return PF_SEVERITY_CRITICAL;
    case PF_RULE_COUNT:
        break;
    }
    return PF_SEVERITY_INFO;
}

pf_severity pf_figures_severity(const pf_thresholds *t, const pf_measure *m) {
    if (m->unbounded || m->total >= t->connections_critical) return PF_SEVERITY_CRITICAL;
    return for_parallel(t, m->width);
}

/* The name a report shows for a function index (-1 is the file's top level). */
static const char *function_label(const pf_model *model, int fn, pf_arena *arena) {
    if (fn < 0) return "(top level)";
    pf_str name = model->functions.items[fn].name;
    return name.len ? pf_arena_strndup(arena, name.ptr, name.len) : "(anonymous)";
}

/* The HTTP method of a function that is a route handler, copied into `arena` (the model's
 * own strings go with the file's scratch arena), else NULL. */
static const char *handler_method(const pf_model *model, int fn, pf_arena *arena) {
    if (fn < 0 || model->functions.items[fn].handler < 0) return NULL;
    return pf_arena_strdup(arena, model->handlers.items[model->functions.items[fn].handler].method);
}

/* The cost of a call from the model's resolved costs, for pf_cost_steps. */
static pf_measure step_call_cost(void *context, uint32_t call) {
    return model_call_cost(context, call);
}

/* Adds a sequential-queries finding when enough units that cost something run one after
 * another outside loops (loops have loop-queries findings of their own), counted along the
 * longest arm of each if/else and switch. */
static void report_sequence(const pf_model *model, const pf_options *options, const pf_suppressions *suppressions,
                            pf_arena *arena, const pf_cost_list *costs, uint32_t root, const unit_list *units,
                            pf_finding_list *findings) {
    long count = pf_cost_steps(costs->items, root, step_call_cost, (void *)model);
    if (count < options->thresholds.sequential_medium) return;
    const unit *first = NULL, *last = NULL;
    for (size_t i = 0; i < units->len; i++) {
        if (units->items[i].in_loop || evaluate(model, costs, units->items[i].cost).total == 0) continue;
        if (!first) first = &units->items[i];
        last = &units->items[i];
    }
    pf_finding *f = pf_finding_add(arena, findings, suppressions, PF_RULE_SEQUENTIAL_QUERIES, first->node, last->node);
    f->queries = (int)count;
    f->message = pf_arena_printf(arena, "%ld round trips run one after another, each waiting for the one before",
                                 count);
    f->decline = "no rewrite: whether they are independent is a judgement poolfix does not make; combine the "
                 "independent ones by hand (see poolfix explain sequential-queries)";
}

/* Adds a transaction-outer-client finding for each query that runs, inside the callback of an
 * interactive $transaction, on the client that started the transaction (see
 * pf_model_on_outer_client). */
static void report_outer_clients(const pf_model *model, const pf_suppressions *suppressions, pf_arena *arena,
                                 pf_finding_list *findings) {
    for (size_t i = 0; i < model->queries.len; i++) {
        const pf_query *q = &model->queries.items[i];
        if (!pf_model_on_outer_client(model, q)) continue;
        pf_str tx = pf_model_transaction_client_name(model, &model->queries.items[q->transaction]);
        pf_finding *f =
            pf_finding_add(arena, findings, suppressions, PF_RULE_TRANSACTION_OUTER_CLIENT, q->call, q->call);
        f->queries = 1;
        const char *where =
            tx.len ? pf_arena_printf(arena, ", not on the transaction's client `%.*s`", (int)tx.len, tx.ptr)
                   : " inside a $transaction whose callback takes no transaction client";
        f->message = pf_arena_printf(
            arena,
            "`%.*s%s%.*s.%.*s` runs on `%.*s`%s: it waits for a second connection while the transaction holds one; "
            "with connection_limit=1 it waits until the transaction times out and the request fails",
            (int)q->client.len, q->client.ptr, q->delegate.len ? "." : "", (int)q->delegate.len, q->delegate.ptr,
            (int)q->op.len, q->op.ptr, (int)q->client.len, q->client.ptr, where);
        f->decline = "no rewrite: on the transaction's client the query would see the transaction's uncommitted "
                     "writes and its isolation, which can change what it returns; move it onto the transaction's "
                     "client (the callback's parameter) or out of the transaction, by hand (see poolfix explain "
                     "transaction-outer-client)";
    }
}

/* Which function a finding belongs to, for its report. */
static int owner_of_finding(const pf_model *model, const pf_finding *f) {
    TSNode node = ts_node_descendant_for_byte_range(model->syntax->root, f->start, f->start);
    return pf_model_owner_of(model, node);
}

void pf_analyze(const pf_model *model, const pf_options *options, const pf_suppressions *suppressions,
                pf_arena *arena, pf_finding_list *findings) {
    size_t fn_count = model->functions.len;
    /* The functions whose own code runs queries or calls that reach one; -1 (top level) first. */
    bool *costs = pf_arena_alloc(arena, (fn_count + 1) * sizeof(bool));
    for (size_t i = 0; i < model->queries.len; i++) costs[pf_model_owner_of(model, model->queries.items[i].call) + 1] = true;
    for (size_t i = 0; model->call_costs && i < model->calls.len; i++) {
        int owner = pf_model_owner_of(model, model->calls.items[i].call);
        if (owner >= 0 && model->call_costs[i].total > 0) costs[owner + 1] = true;
    }
    for (int fn = -1; fn < (int)fn_count; fn++) {
        if (!costs[fn + 1]) continue;
        TSNode scope = fn < 0 ? model->syntax->root : model->functions.items[fn].node;
        pf_arena scratch;
        pf_arena_init(&scratch);
        unit_list units = {0};
        pf_cost_list list = {0};
        tree t = {model, &scratch, &list, -1, false};
        uint32_t root = scope_cost(&t, scope, &units);
        report_sequence(model, options, suppressions, arena, &list, root, &units, findings);
        pf_arena_free(&scratch);
    }
    report_outer_clients(model, suppressions, arena, findings);
    for (size_t i = 0; i < findings->len; i++) {
        pf_finding *f = &findings->items[i];
        f->severity = finding_severity(&options->thresholds, f);
        int fn = owner_of_finding(model, f);
        f->function = function_label(model, fn, arena);
        f->method = handler_method(model, fn, arena);
    }
}
