/* tree-sitter, wrapped: picking the TypeScript or TSX grammar, parsing, and the small node
 * helpers every other module uses. A pf_syntax borrows its text and owns its tree. */
#ifndef POOLFIX_SYNTAX_H
#define POOLFIX_SYNTAX_H

#include "poolfix/source.h"
#include "poolfix/str.h"

struct pf_buf;

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

const TSLanguage *pf_lang_grammar(pf_lang lang);

typedef struct pf_syntax {
    const char *text; /* borrowed: must outlive the syntax */
    size_t len;
    TSTree *tree;     /* owned */
    TSNode root;
} pf_syntax;

/* The parse budget: PF_PARSE_BUDGET_FLOOR + bytes / PF_PARSE_BYTES_PER_CHECK checks of
 * tree-sitter's, one per hundred parse operations. */
#define PF_PARSE_BUDGET_FLOOR 1000
#define PF_PARSE_BYTES_PER_CHECK 8

/* Parses `text` with a parser owned by the calling thread. False if tree-sitter gave up or
 * went past the budget, which only pathological syntax errors reach; syntax errors still
 * produce a tree with ERROR nodes. */
bool pf_syntax_parse(TSParser *parser, pf_lang lang, const char *text, size_t len, pf_syntax *out);
/* pf_syntax_parse of a text made by editing one already parsed: `old` is that text's tree,
 * told about the edits (ts_tree_edit), whose unchanged parts the parser reuses. `old` stays
 * the caller's. */
bool pf_syntax_reparse(TSParser *parser, pf_lang lang, const TSTree *old, const char *text, size_t len,
                       pf_syntax *out);
void pf_syntax_free(pf_syntax *syntax);
/* Deletes a tree, unless a tree memory holds it: it goes with that memory, and deleting it
 * would walk every node to free nothing. */
void pf_syntax_tree_delete(TSTree *tree);

/* A pre-order walk over a subtree with tree-sitter's cursor, which keeps its own stack: no
 * recursion however deep the tree, and constant time per step however wide a node is (unlike
 * pf_node_child(node, i), which counts from the first child, and ts_node_parent, which walks
 * down from the root). The root must not be a null node. */
typedef struct pf_walk {
    TSTreeCursor cursor;
    uint32_t depth; /* of the current node, the root being 0 */
} pf_walk;

void pf_walk_begin(pf_walk *walk, TSNode root);
static inline TSNode pf_walk_node(const pf_walk *walk) {
    return ts_tree_cursor_current_node(&walk->cursor);
}
/* Moves to the next node in pre-order, into the current node's children only when
 * `into_children` is set. False at the end of the subtree. */
bool pf_walk_next(pf_walk *walk, bool into_children);
void pf_walk_end(pf_walk *walk);

/* The ancestors of `node`: the root first, its parent last; of a node nested deeper than
 * `max`, the `max` innermost. Returns how many were written. Found down from the root in one
 * descent, where a walk up with ts_node_parent descends from the root once per step. */
size_t pf_node_ancestors(TSNode node, TSNode *out, size_t max);

/* Room for every ancestor of a node of a file poolfix analyses (it skips files nested more
 * than 256 levels deep), and of what its rewrites add. */
#define PF_ANCESTORS_MAX 320

/* The top-level declaration of `name` (exported or not): a function declaration, or the
 * declarator of a const, let or var; the first decides. A null node when there is none. */
TSNode pf_top_level_declaration(const pf_syntax *syntax, pf_str name);

/* Counts ERROR and MISSING nodes under `node`. */
size_t pf_syntax_error_count(TSNode node);

/* How deep a tree nests, and how wide its widest node and its widest array are. */
typedef struct pf_syntax_shape {
    uint32_t depth;    /* of the deepest node below the root (0 for a leaf) */
    uint32_t children; /* the most named children of one node (elements, statements) */
    uint32_t elements; /* the most named children of one array or array pattern */
} pf_syntax_shape;

/* Measures `node`'s subtree against `limits`, stopping at the first figure past its limit
 * (reported as found). Figures within the limits are lower bounds: subtrees too small to
 * pass any limit are not walked. */
pf_syntax_shape pf_syntax_measure(TSNode node, const pf_syntax_shape *limits);

/* A null node, for "none" results. */
static inline TSNode pf_node_null(void) {
    TSNode node;
    memset(&node, 0, sizeof(node));
    return node;
}

/* The node's text; empty for a null node (a missing field or child). */
static inline pf_str pf_node_str(const pf_syntax *syntax, TSNode node) {
    if (ts_node_is_null(node)) return pf_str_make(syntax->text, 0);
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    return pf_str_make(syntax->text + start, end - start);
}

/* Whether the node is of `type`. Types are compared a first byte before the rest: most
 * checks fail, and a call of strcmp per check was 3% of a scan. */
static inline bool pf_node_is(TSNode node, const char *type) {
    if (ts_node_is_null(node)) return false;
    const char *actual = ts_node_type(node);
    return actual[0] == type[0] && strcmp(actual, type) == 0;
}

/* The parent, or a null node for the root; safe on a null node (tree-sitter's own call is
 * not). */
static inline TSNode pf_node_parent(TSNode node) {
    return ts_node_is_null(node) ? node : ts_node_parent(node);
}

/* Children, counted and taken, safe on a null node (a missing field or child): tree-sitter's
 * own calls read through the null node and crash. Every child access goes through these. */
static inline uint32_t pf_node_named_count(TSNode node) {
    return ts_node_is_null(node) ? 0 : ts_node_named_child_count(node);
}

static inline TSNode pf_node_named_child(TSNode node, uint32_t index) {
    return ts_node_is_null(node) ? node : ts_node_named_child(node, index);
}

static inline uint32_t pf_node_child_count(TSNode node) {
    return ts_node_is_null(node) ? 0 : ts_node_child_count(node);
}

static inline TSNode pf_node_child(TSNode node, uint32_t index) {
    return ts_node_is_null(node) ? node : ts_node_child(node, index);
}

/* The id of the field called `name` in `language` (a grammar of pf_lang_grammar()), or 0
 * when it has none. A hash lookup: tree-sitter's own compares the name with every field's. */
TSFieldId pf_field_id(const TSLanguage *language, const char *name);

/* The child in `field`, or a null node; safe on a null node (tree-sitter's own call is not). */
static inline TSNode pf_node_field(TSNode node, const char *field) {
    if (ts_node_is_null(node)) return node;
    TSFieldId id = pf_field_id(ts_node_language(node), field);
    return id ? ts_node_child_by_field_id(node, id) : pf_node_null();
}

static inline bool pf_node_text_is(const pf_syntax *syntax, TSNode node, const char *text) {
    return !ts_node_is_null(node) && pf_str_eq_c(pf_node_str(syntax, node), text);
}

/* 1-based line of the node's first and last byte. */
static inline int pf_node_line(TSNode node) {
    return (int)ts_node_start_point(node).row + 1;
}
static inline int pf_node_end_line(TSNode node) {
    TSPoint end = ts_node_end_point(node);
    /* A node ending right after a newline ends on the line before. */
    return (int)end.row + (end.column == 0 && end.row > 0 ? 0 : 1);
}

/* Looks through parentheses, `x!`, `x as T` and `x satisfies T`, which do not change
 * what an expression evaluates to. */
TSNode pf_node_unwrap(TSNode node);
/* The node inside any parentheses around it (casts and `!` are kept). */
TSNode pf_node_skip_parentheses(TSNode node);
/* The parent of a node, looking through parentheses. */
TSNode pf_node_parent_unparen(TSNode node);
/* True if `inner` lies within `outer` (inclusive byte ranges); false when either is null. */
bool pf_node_contains(TSNode outer, TSNode inner);
/* Whether the node is any kind of function (declaration, expression, arrow, method). */
bool pf_node_is_function(TSNode node);
/* The receiver of `call` when it calls the method `method` on it (`prisma` of
 * `prisma.$use(...)`); a null node for any other node. */
TSNode pf_method_receiver(const pf_syntax *syntax, TSNode call, const char *method);
/* Moves a cursor to the next node in pre-order, within the subtree the cursor was created
 * on. False at the end. Usage: do { ... } while (pf_cursor_next(&cursor)); */
bool pf_cursor_next(TSTreeCursor *cursor);

/* Whether an identifier (or a shorthand property, in an object or a pattern) with the text
 * `name` appears under `node`. */
bool pf_node_mentions(const pf_syntax *syntax, TSNode node, pf_str name);

/* The next node inside `scope`, from byte `*from` on, whose text is exactly `name` (the
 * innermost: an identifier, a property's name, a string's fragment; callers look at its
 * type), in the order of the text; a null node when none is left.
 * Moves `*from` past it. Searches the text and asks the tree only where the name occurs: a
 * name has few uses, and a walk of a scope visits each of its nodes. */
TSNode pf_node_next_named(const pf_syntax *syntax, TSNode scope, pf_str name, uint32_t *from);

/* Whether evaluating `node` can change state: an await, an assignment, ++/--, a yield, a
 * nested function (its body is not looked into), or a call or `new` for which `call_is_pure`
 * says no. The node `skip` (which may be null) is not looked into. */
bool pf_node_has_effects(const pf_syntax *syntax, TSNode node, TSNode skip,
                         bool (*call_is_pure)(const pf_syntax *syntax, TSNode call));

/* Whether a call only computes a date, number or string from its arguments and object, the
 * same each time it runs: `new Date(x)` with arguments (not "now"), `Date.UTC`, `Math.*`,
 * `Number`/`String`/`Boolean`/`parseInt`/`parseFloat`, date getters (`d.getUTCMonth()`), and
 * string/number methods such as `toUpperCase`, `toFixed`, `toISOString`. For
 * pf_node_has_effects, when a rewrite runs code a different number of times. */
bool pf_call_computes_value(const pf_syntax *syntax, TSNode call);

/* pf_call_computes_value, and also reading the clock (`new Date()`, `Date.now()`): for code
 * that runs a little later than before (a later batch), or once where it ran for every
 * element in the same instant, so "now" moves by the delay alone. */
bool pf_call_computes_value_or_now(const pf_syntax *syntax, TSNode call);

/* Whether `node` awaits anything, not counting nested functions, whose awaits are their own. */
bool pf_node_awaits(TSNode node);

/* Whether `expr` names a variable declared anywhere inside `block` (a loop or callback body):
 * by a statement of the block or of a block nested in it (an `if`, a `try`, a `catch`
 * parameter, an inner loop), or by a function that holds `expr`. Code moved out of the block
 * could not see that variable, or would see another one of the same name. */
bool pf_node_uses_block_names(const pf_syntax *syntax, TSNode expr, TSNode block);

/* Whether `node` writes the variable `name`: assigns it, ++/--, or calls a method on it that
 * may change it (`xs.shift()`; getters and other reading methods do not count). */
bool pf_node_writes_name(const pf_syntax *syntax, TSNode node, pf_str name);
/* What `node` itself writes, or a null node: the left side of an assignment, the operand of
 * ++/-- or `delete`, the object of a method that may change it (`xs.push(x)`: `xs`). */
TSNode pf_node_written(const pf_syntax *syntax, TSNode node);

/* Appends the node's tokens (its leaves, comments left out) separated by \x1f: two nodes with
 * the same tokens are the same code, whatever the spacing, and string contents are kept. */
void pf_node_append_tokens(const pf_syntax *syntax, TSNode node, struct pf_buf *out);

/* How an expression is the whole value of a statement. */
typedef enum pf_slot_kind {
    PF_SLOT_DECLARE,    /* const x = expr;  const [a, b] = expr; (one declarator) */
    PF_SLOT_ASSIGN,     /* x = expr; as a statement of its own */
    PF_SLOT_EXPRESSION, /* expr; */
    PF_SLOT_RETURN      /* return expr; */
} pf_slot_kind;

typedef struct pf_slot {
    pf_slot_kind kind;
    TSNode statement;  /* the statement, directly in a block, program or switch case */
    TSNode target;     /* DECLARE: the declared name or pattern; ASSIGN: the left side; else null */
    TSNode declarator; /* DECLARE: the variable_declarator; else null */
} pf_slot;

/* Finds the statement whose whole value `expr` is (parentheses aside), for rewrites that put
 * statements before it or split it: not part of a larger expression (a ternary, `&&`, a
 * call), not one of several declarators, not the body of an `if` or loop without braces,
 * not exported. Returns why not (naming `Promise.all`, the only expression asked about), or
 * NULL with `slot` filled. */
const char *pf_statement_slot(TSNode expr, pf_slot *slot);

/* The first named child of the given type, or a null node. */
TSNode pf_node_child_of_type(TSNode node, const char *type);

#endif
