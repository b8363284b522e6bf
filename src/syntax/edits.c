/* Edits and the layout helpers passes share (see edits.h). */
#include "poolfix/edits.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>

void pf_edits_init(pf_edits *edits, pf_arena *arena) {
    memset(edits, 0, sizeof(*edits));
    edits->arena = arena;
}

void pf_edits_replace(pf_edits *edits, uint32_t start, uint32_t end, const char *text, size_t len) {
    pf_edit *e = PF_VEC_PUSH(edits->arena, edits->items);
    e->start = start;
    e->end = end;
    e->text = pf_arena_strndup(edits->arena, text, len);
    e->len = len;
}

void pf_edits_replace_buf(pf_edits *edits, uint32_t start, uint32_t end, const pf_buf *text) {
    pf_edits_replace(edits, start, end, text->data ? text->data : "", text->len);
}

/* Orders edits by position; insertions at the same offset keep the order they were asked in. */
static int compare_edits(const void *a, const void *b) {
    const pf_edit *x = *(const pf_edit *const *)a, *y = *(const pf_edit *const *)b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return x < y ? -1 : x > y;
}

bool pf_edits_apply(const pf_edits *edits, const char *text, size_t len, pf_buf *out) {
    size_t n = edits->items.len;
    const pf_edit **sorted = pf_xmalloc((n ? n : 1) * sizeof(*sorted));
    for (size_t i = 0; i < n; i++) sorted[i] = &edits->items.items[i];
    qsort(sorted, n, sizeof(*sorted), compare_edits);
    for (size_t i = 0; i < n; i++) {
        bool out_of_range = sorted[i]->end > len || sorted[i]->start > sorted[i]->end;
        bool overlaps = i > 0 && sorted[i]->start < sorted[i - 1]->end;
        if (out_of_range || overlaps) {
            free(sorted);
            return false;
        }
    }
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        pf_buf_append(out, text + pos, sorted[i]->start - pos);
        pf_buf_append(out, sorted[i]->text, sorted[i]->len);
        pos = sorted[i]->end;
    }
    pf_buf_append(out, text + pos, len - pos);
    free(sorted);
    return true;
}

/* The point (row, byte column) of `to`, counting on from `from` at `point` in `text`. */
static TSPoint advance_point(const char *text, uint32_t from, uint32_t to, TSPoint point) {
    for (const char *p = text + from, *end = text + to; p < end;) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        if (!newline) {
            point.column += (uint32_t)(end - p);
            break;
        }
        point.row++;
        point.column = 0;
        p = newline + 1;
    }
    return point;
}

TSTree *pf_edits_edited_tree(const pf_edits *edits, const TSTree *tree, const char *old_text, const char *new_text) {
    size_t n = edits->items.len;
    const pf_edit **sorted = pf_xmalloc((n ? n : 1) * sizeof(*sorted));
    for (size_t i = 0; i < n; i++) sorted[i] = &edits->items.items[i];
    qsort(sorted, n, sizeof(*sorted), compare_edits);
    /* Every edit's ends, in one pass over the old text; its new end read from the new text
     * (where the edits before it have moved it by `shift`), as the parser will see it. */
    TSInputEdit *changes = pf_xmalloc((n ? n : 1) * sizeof(*changes));
    TSPoint point = {0, 0};
    uint32_t at = 0;
    long shift = 0;
    for (size_t i = 0; i < n; i++) {
        const pf_edit *e = sorted[i];
        TSInputEdit *c = &changes[i];
        c->start_byte = e->start;
        c->old_end_byte = e->end;
        c->new_end_byte = e->start + (uint32_t)e->len;
        c->start_point = point = advance_point(old_text, at, e->start, point);
        c->old_end_point = point = advance_point(old_text, e->start, e->end, point);
        at = e->end;
        uint32_t new_start = (uint32_t)((long)e->start + shift);
        TSPoint start = c->start_point;
        c->new_end_point = advance_point(new_text + new_start, 0, (uint32_t)e->len, start);
        shift += (long)e->len - (long)(e->end - e->start);
    }
    /* Last edit first: every position before an edit is the same in both texts. */
    TSTree *copy = ts_tree_copy(tree);
    for (size_t i = n; i-- > 0;) ts_tree_edit(copy, &changes[i]);
    free(changes);
    free(sorted);
    return copy;
}

const char *pf_excerpt(pf_arena *arena, pf_str text) {
    size_t shown = 0;
    while (shown < text.len && shown < 40 && text.ptr[shown] != '\n' && text.ptr[shown] != '\r') shown++;
    while (shown > 0 && shown < text.len && ((unsigned char)text.ptr[shown] & 0xC0) == 0x80) shown--;
    while (shown > 0 && (text.ptr[shown - 1] == ' ' || text.ptr[shown - 1] == '\t')) shown--;
    return pf_arena_printf(arena, "%.*s%s", (int)shown, text.ptr, shown < text.len ? "..." : "");
}

/* Removes up to `amount` columns of leading whitespace from every line after the first. */
void pf_dedent(pf_buf *text, size_t amount) {
    size_t out = 0;
    for (size_t i = 0; i < text->len;) {
        text->data[out++] = text->data[i++];
        if (text->data[out - 1] != '\n') continue;
        for (size_t k = 0; k < amount && i < text->len && (text->data[i] == ' ' || text->data[i] == '\t'); k++) i++;
    }
    text->len = out;
    text->data[out] = '\0';
}

/* Whether a template string spanning lines lies inside `node` (dedenting would change it). */
bool pf_has_multiline_template(const pf_syntax *syntax, TSNode node) {
    if (pf_node_is(node, "template_string") && pf_bytes_contain(syntax->text + ts_node_start_byte(node),
                                                                 ts_node_end_byte(node) - ts_node_start_byte(node), "\n"))
        return true;
    uint32_t n = pf_node_named_count(node);
    for (uint32_t i = 0; i < n; i++)
        if (pf_has_multiline_template(syntax, pf_node_named_child(node, i))) return true;
    return false;
}

uint32_t pf_line_start(const char *text, uint32_t pos) {
    while (pos > 0 && text[pos - 1] != '\n') pos--;
    return pos;
}

pf_str pf_line_indent(const char *text, uint32_t pos) {
    uint32_t start = pf_line_start(text, pos), end = start;
    while (text[end] == ' ' || text[end] == '\t') end++;
    return pf_str_make(text + start, end - start);
}

const char *pf_semicolon_of(const char *text, TSNode statement) {
    return text[ts_node_end_byte(statement) - 1] == ';' ? ";" : "";
}

void pf_guard_asi(pf_buf *out, const char *text, TSNode statement) {
    char c = text[ts_node_start_byte(statement)];
    bool continues = c == '(' || c == '[' || c == '`' || c == '+' || c == '-' || c == '/';
    if (continues && !*pf_semicolon_of(text, statement)) pf_buf_putc(out, ';');
}

bool pf_is_first_on_line(const char *text, uint32_t pos) {
    uint32_t start = pf_line_start(text, pos);
    for (uint32_t i = start; i < pos; i++)
        if (text[i] != ' ' && text[i] != '\t') return false;
    return true;
}

pf_str pf_indent_unit(const char *text, size_t len) {
    size_t smallest = 0;
    for (size_t i = 0; i < len; i++) {
        if (i != 0 && text[i - 1] != '\n') continue;
        if (text[i] == '\t') return pf_str_c("\t");
        size_t n = 0;
        while (i + n < len && text[i + n] == ' ') n++;
        bool content = i + n < len && text[i + n] != '\n' && text[i + n] != '\r' && text[i + n] != '*';
        if (n > 0 && content && (smallest == 0 || n < smallest)) smallest = n;
    }
    static const char spaces[] = "        ";
    if (smallest == 0 || smallest > 8) smallest = 2;
    return pf_str_make(spaces, smallest);
}

/* Whether the bytes between two offsets hold a line break. */
static bool has_newline(const char *text, uint32_t from, uint32_t to) {
    for (uint32_t i = from; i < to; i++)
        if (text[i] == '\n') return true;
    return false;
}

/* Decides which item a comment between items belongs to: a comment on the same line as
 * the previous item's end stays with it (trailing); one on its own line leads the next. */
static void place_comment(const char *text, TSNode comment, pf_list_item *prev, pf_list_item *next) {
    uint32_t start = ts_node_start_byte(comment), end = ts_node_end_byte(comment);
    if (prev && !has_newline(text, prev->trail, start)) {
        prev->trail = end;
        return;
    }
    if (next && next->lead == UINT32_MAX) next->lead = start;
}

bool pf_list_read(const pf_syntax *syntax, TSNode node, pf_arena *arena, pf_list *out) {
    memset(out, 0, sizeof(*out));
    uint32_t n = pf_node_child_count(node);
    if (n < 2) return false;
    TSNode open = pf_node_child(node, 0), close = pf_node_child(node, n - 1);
    const char *o = ts_node_type(open), *c = ts_node_type(close);
    bool square = strcmp(o, "[") == 0 && strcmp(c, "]") == 0;
    bool curly = strcmp(o, "{") == 0 && strcmp(c, "}") == 0;
    bool round = strcmp(o, "(") == 0 && strcmp(c, ")") == 0;
    if (!square && !curly && !round) return false;
    out->open = ts_node_start_byte(open);
    out->close = ts_node_start_byte(close);

    /* One slot per comma-separated position; comments are placed afterwards. */
    PF_VEC(pf_list_item) items = {0};
    PF_VEC(TSNode) comments = {0};
    PF_VEC(size_t) comment_slot = {0};
    pf_list_item *slot = PF_VEC_PUSH(arena, items);
    slot->lead = UINT32_MAX;
    slot->comma = PF_NO_COMMA;
    /* A cursor walks the children: pf_node_child(node, i) counts from the first child each
     * time, which made a list of thousands of elements quadratic. */
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    ts_tree_cursor_goto_first_child(&cursor);
    for (uint32_t i = 1; i + 1 < n; i++) {
        ts_tree_cursor_goto_next_sibling(&cursor);
        TSNode child = ts_tree_cursor_current_node(&cursor);
        const char *type = ts_node_type(child);
        if (strcmp(type, ",") == 0) {
            uint32_t at = ts_node_start_byte(child);
            if (ts_node_is_null(slot->node)) slot->start = slot->end = at; /* a hole */
            slot->comma = at;
            slot->trail = at + 1;
            slot = PF_VEC_PUSH(arena, items);
            slot->lead = UINT32_MAX;
            slot->comma = PF_NO_COMMA;
        } else if (strcmp(type, "comment") == 0) {
            *PF_VEC_PUSH(arena, comments) = child;
            *PF_VEC_PUSH(arena, comment_slot) = items.len - 1;
        } else {
            slot->node = child;
            slot->start = ts_node_start_byte(child);
            slot->end = slot->trail = ts_node_end_byte(child);
        }
    }
    ts_tree_cursor_delete(&cursor);
    /* The slot after the last comma is empty when the list has a trailing comma. */
    pf_list_item *last = &items.items[items.len - 1];
    if (ts_node_is_null(last->node)) {
        items.len--;
        out->trailing_comma = items.len > 0;
    }
    for (size_t i = 0; i < comments.len; i++) {
        size_t s = comment_slot.items[i];
        uint32_t cstart = ts_node_start_byte(comments.items[i]);
        pf_list_item *owner = s < items.len ? &items.items[s] : NULL;
        if (owner && !ts_node_is_null(owner->node) && cstart > owner->start) {
            /* After the element: before its comma it is inside the item already; after
             * the last item (no comma) a same-line comment still belongs to it. */
            if (owner->comma == PF_NO_COMMA && !has_newline(syntax->text, owner->end, cstart))
                owner->trail = ts_node_end_byte(comments.items[i]);
            continue;
        }
        pf_list_item *prev = s > 0 ? &items.items[s - 1] : NULL;
        place_comment(syntax->text, comments.items[i], prev, owner);
    }
    for (size_t i = 0; i < items.len; i++)
        if (items.items[i].lead == UINT32_MAX) items.items[i].lead = items.items[i].start;
    out->items = items.items;
    out->count = items.len;
    out->multiline = out->count > 0 && has_newline(syntax->text, out->open, out->items[0].lead);
    return true;
}

void pf_list_render(const pf_list *list, const char *text, size_t first, size_t last, const char *newline,
                    pf_buf *out) {
    const pf_list_item *a = &list->items[first], *b = &list->items[last];
    bool ends_list = last + 1 == list->count;
    pf_buf_putc(out, text[list->open]);
    if (first == 0) {
        pf_buf_append(out, text + list->open + 1, a->lead - list->open - 1);
    } else if (list->multiline) {
        pf_str indent = pf_line_indent(text, list->items[0].lead);
        pf_buf_puts(out, newline);
        pf_buf_append(out, indent.ptr, indent.len);
    } else {
        pf_buf_append(out, text + list->open + 1, list->items[0].lead - list->open - 1);
    }
    /* The batch's last item keeps its comma only when the list's style has one there. */
    if (b->comma != PF_NO_COMMA && !list->trailing_comma && !ends_list) {
        pf_buf_append(out, text + a->lead, b->comma - a->lead);
        pf_buf_append(out, text + b->comma + 1, b->trail - b->comma - 1);
    } else {
        pf_buf_append(out, text + a->lead, b->trail - a->lead);
    }
    const pf_list_item *end = &list->items[list->count - 1];
    if (ends_list || !list->multiline || !pf_is_first_on_line(text, list->close)) {
        pf_buf_append(out, text + end->trail, list->close - end->trail);
    } else {
        pf_str indent = pf_line_indent(text, list->close);
        pf_buf_puts(out, newline);
        pf_buf_append(out, indent.ptr, indent.len);
    }
    pf_buf_putc(out, text[list->close]);
}

void pf_list_append(const pf_list *list, const char *text, const char *const *items, size_t count,
                    const char *newline, pf_edits *edits) {
    pf_buf add = PF_BUF_INIT;
    if (list->count == 0) {
        /* Only whitespace and comments inside: the items go after the comments, on a line of
         * their own when the comments end a line. */
        uint32_t content_end = list->close;
        while (content_end > list->open + 1 && isspace((unsigned char)text[content_end - 1])) content_end--;
        bool curly = text[list->open] == '{';
        bool comments = content_end > list->open + 1;
        bool own_line = comments && memchr(text + list->open, '\n', list->close - list->open) != NULL;
        pf_buf line = PF_BUF_INIT; /* what starts each item: a space, or a new line and the indentation */
        if (own_line) {
            /* Indented like the last comment, or one step in from the closing brace when the
             * comment sits on the opening line. */
            bool after_open = memchr(text + list->open, '\n', content_end - list->open) == NULL;
            pf_str indent = pf_line_indent(text, after_open ? list->close : content_end - 1);
            bool tabs = indent.len && indent.ptr[0] == '\t';
            pf_buf_printf(&line, "%s%.*s%s", newline, (int)indent.len, indent.ptr,
                          after_open ? (tabs ? "\t" : "  ") : "");
        } else {
            pf_buf_puts(&line, curly || comments ? " " : "");
        }
        for (size_t i = 0; i < count; i++)
            pf_buf_printf(&add, "%s%s%s", i ? "," : "", i && !own_line ? " " : line.data ? line.data : "", items[i]);
        pf_buf_free(&line);
        if (!comments) {
            pf_buf_puts(&add, curly ? " " : "");
            pf_edits_replace_buf(edits, list->open + 1, list->close, &add);
        } else {
            pf_edits_replace_buf(edits, content_end, content_end, &add);
        }
        pf_buf_free(&add);
        return;
    }
    const pf_list_item *last = &list->items[list->count - 1];
    if (last->comma == PF_NO_COMMA) pf_edits_replace(edits, last->end, last->end, ",", 1);
    uint32_t at = last->comma == PF_NO_COMMA ? last->end : last->comma + 1;
    if (list->multiline) {
        pf_str indent = pf_line_indent(text, last->lead);
        for (size_t i = 0; i < count; i++) {
            bool comma = i + 1 < count || list->trailing_comma;
            pf_buf_printf(&add, "%s%.*s%s%s", newline, (int)indent.len, indent.ptr, items[i], comma ? "," : "");
        }
        at = last->trail;
    } else {
        for (size_t i = 0; i < count; i++) {
            bool comma = i + 1 < count || list->trailing_comma;
            pf_buf_printf(&add, " %s%s", items[i], comma ? "," : "");
        }
    }
    pf_edits_replace_buf(edits, at, at, &add);
    pf_buf_free(&add);
}

/* Whether `c` can be part of an identifier. */
static bool is_word_char(char c) {
    return c == '_' || c == '$' || (unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u ||
           (unsigned char)c >= 0x80;
}

/* Whether `name` appears in the text as a whole word (conservatively: also in strings and
 * comments), so a new variable by that name could shadow or collide with something. */
static bool word_in_text(const char *text, size_t len, const char *name) {
    size_t n = strlen(name);
    const char *end = text + len;
    for (const char *at = text; (size_t)(end - at) >= n; at++) {
        at = memchr(at, name[0], (size_t)(end - at) - n + 1);
        if (!at) return false;
        if (memcmp(at, name, n) != 0) continue;
        bool starts = at == text || !is_word_char(at[-1]);
        bool ends = at + n == end || !is_word_char(at[n]);
        if (starts && ends) return true;
    }
    return false;
}

/* Whether the name is in the file or already handed out. */
static bool name_taken(const pf_syntax *syntax, const pf_name_list *taken, const char *name) {
    for (size_t i = 0; i < taken->len; i++)
        if (strcmp(taken->items[i], name) == 0) return true;
    return word_in_text(syntax->text, syntax->len, name);
}

const char *pf_fresh_name(const pf_syntax *syntax, pf_arena *arena, pf_name_list *taken, const char *candidate) {
    const char *name = pf_arena_strdup(arena, candidate);
    for (int i = 2; name_taken(syntax, taken, name); i++) name = pf_arena_printf(arena, "%s_%d", candidate, i);
    *PF_VEC_PUSH(arena, *taken) = name;
    return name;
}

pf_style pf_style_of(const pf_syntax *syntax) {
    pf_style style = {'\'', false, pf_indent_unit(syntax->text, syntax->len)};
    bool quote_found = false;
    /* The comma met last, if the node before this one was one: the next node at its depth is
     * its next sibling (a comma has no children). */
    bool after_comma = false;
    uint32_t comma_depth = 0, comma_end = 0;
    pf_walk walk;
    pf_walk_begin(&walk, syntax->root);
    do {
        TSNode node = pf_walk_node(&walk);
        /* `string` is also the type keyword: only the named node is a literal. */
        if (!quote_found && ts_node_is_named(node) && pf_node_is(node, "string")) {
            style.quote = syntax->text[ts_node_start_byte(node)];
            quote_found = true;
        }
        /* A comma as the last token before a closing bracket on a later line. */
        if (after_comma && walk.depth == comma_depth &&
            (pf_node_is(node, "]") || pf_node_is(node, "}") || pf_node_is(node, ")")) &&
            has_newline(syntax->text, comma_end, ts_node_start_byte(node)))
            style.trailing_comma = true;
        after_comma = pf_node_is(node, ",");
        comma_depth = walk.depth;
        comma_end = ts_node_end_byte(node);
        if (quote_found && style.trailing_comma) break;
    } while (pf_walk_next(&walk, true));
    pf_walk_end(&walk);
    return style;
}
