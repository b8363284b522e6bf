/* Edits: the only way a pass changes text. A pass asks for non-overlapping byte-range
 * replacements; the engine applies them all at once and re-parses the result. Also the
 * text-layout helpers every pass shares (line starts, indentation, list layout), so that
 * each rewrite keeps the file's own style. */
#ifndef POOLFIX_EDITS_H
#define POOLFIX_EDITS_H

#include "poolfix/arena.h"
#include "poolfix/buf.h"
#include "poolfix/str.h"
#include "poolfix/syntax.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct pf_edit {
    uint32_t start, end; /* replaced byte range [start, end) of the text the pass saw */
    const char *text;    /* replacement, in the edits' arena */
    size_t len;
} pf_edit;

typedef struct pf_edits {
    pf_arena *arena;
    PF_VEC(pf_edit) items;
} pf_edits;

void pf_edits_init(pf_edits *edits, pf_arena *arena);
/* Replaces [start, end) with `text` (copied). Insertions have start == end. */
void pf_edits_replace(pf_edits *edits, uint32_t start, uint32_t end, const char *text, size_t len);
void pf_edits_replace_buf(pf_edits *edits, uint32_t start, uint32_t end, const pf_buf *text);
/* Applies every edit to `text` into `out`. False (and `out` untouched) when two edits
 * overlap, which means a pass is wrong: the caller drops that pass's edits. */
bool pf_edits_apply(const pf_edits *edits, const char *text, size_t len, pf_buf *out);
/* A copy of `tree` (parsed from `old_text`) told about every edit, to parse `new_text` (what
 * the edits made of it, as the parser sees it) incrementally: the parse reuses what the edits
 * left alone. Only for edits pf_edits_apply accepted. The caller deletes the copy. */
TSTree *pf_edits_edited_tree(const pf_edits *edits, const TSTree *tree, const char *old_text, const char *new_text);

/* Layout helpers over a text. */
uint32_t pf_line_start(const char *text, uint32_t pos);
/* The whitespace that starts the line holding `pos`. */
pf_str pf_line_indent(const char *text, uint32_t pos);
/* Whether only spaces/tabs precede `pos` on its line. */
bool pf_is_first_on_line(const char *text, uint32_t pos);
/* The terminator of `statement`: ";" when it ends with one, "" in semicolon-free code, for
 * the statements a pass writes beside it. */
const char *pf_semicolon_of(const char *text, TSNode statement);
/* Appends the `;` a copy of `statement` needs after other code in semicolon-free style: ASI
 * does not end the line before a statement starting with `(`, `[`, a template or an
 * operator, so without it the two would join. */
void pf_guard_asi(pf_buf *out, const char *text, TSNode statement);
/* Up to 40 bytes of the first line of `text` for a message, cut at a UTF-8 character
 * boundary (reports are UTF-8 JSON), with "..." when anything was left out: a message names
 * code, it never pastes a multi-line expression. In `arena`. */
const char *pf_excerpt(pf_arena *arena, pf_str text);
/* Removes up to `amount` columns of leading whitespace from every line after the first: for
 * code a pass moves to a shallower place. */
void pf_dedent(pf_buf *text, size_t amount);
/* Whether a template string spanning lines lies inside `node` (dedenting would change it). */
bool pf_has_multiline_template(const pf_syntax *syntax, TSNode node);
/* The file's indentation unit: a tab, or the smallest step of leading spaces (2 if none). */
pf_str pf_indent_unit(const char *text, size_t len);

/* The file's style for code a pass writes: its string quote (the first string literal's,
 * else a single quote) and whether multi-line lists end with a trailing comma. */
typedef struct pf_style {
    char quote;
    bool trailing_comma;
    pf_str indent_unit;
} pf_style;

pf_style pf_style_of(const pf_syntax *syntax);

/* Names a pass introduces: `candidate`, or `candidate_2`, `candidate_3`... whichever neither
 * the file nor an earlier call with the same `taken` list uses yet. The result is added to
 * `taken` (in `arena`). */
typedef PF_VEC(const char *) pf_name_list;
const char *pf_fresh_name(const pf_syntax *syntax, pf_arena *arena, pf_name_list *taken, const char *candidate);

/* A bracketed, comma-separated list as written: an array `[...]`, an array pattern, a tuple
 * type, an object `{...}` or object pattern. Knowing where each item, its comma and its
 * comments are lets a pass split or extend the list in the file's own style. */
typedef struct pf_list_item {
    TSNode node;    /* the element; null for a hole (`[a, , b]`) */
    uint32_t lead;  /* where the item starts, including comment lines just above it */
    uint32_t start; /* the element itself */
    uint32_t end;
    uint32_t comma; /* the comma after the element, or PF_NO_COMMA */
    uint32_t trail; /* end of the item: past its comma and a comment on the same line */
} pf_list_item;

#define PF_NO_COMMA UINT32_MAX

typedef struct pf_list {
    uint32_t open;       /* offset of the opening bracket */
    uint32_t close;      /* offset of the closing bracket */
    bool multiline;      /* the first item starts on a new line after the bracket */
    bool trailing_comma; /* the last item is followed by a comma */
    pf_list_item *items;
    size_t count;
} pf_list;

/* Reads the layout of a list node: an array, object, pattern or tuple in [] or {}, or call
 * arguments in (). False when the node is not such a bracketed list. */
bool pf_list_read(const pf_syntax *syntax, TSNode node, pf_arena *arena, pf_list *out);

/* Appends items [first, last] as a list of their own, in the original's layout: a
 * multi-line list stays one item per line at the same indentation, a one-line list stays
 * on one line, comments travel with their items, and the trailing-comma style is kept. */
void pf_list_render(const pf_list *list, const char *text, size_t first, size_t last, const char *newline,
                    pf_buf *out);

/* Asks for the edits that add `items` (texts such as `take: 10`) as the new last items of a
 * list, in its style: one new line each at the items' indentation for a multi-line list,
 * `, item` on one line otherwise, `{ item }` for an empty object. */
void pf_list_append(const pf_list *list, const char *text, const char *const *items, size_t count,
                    const char *newline, pf_edits *edits);

#endif
