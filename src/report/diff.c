/* Unified diffs in the format of `git diff` (see diff.h).
 *
 * Both texts are split into lines that keep their "\n" (and any "\r" before it), so a CRLF
 * line only equals a CRLF line and a final line without newline only equals another final
 * line without newline. After cutting off the lines both texts share at the start and the
 * end, the differing middle goes through Myers' O(ND) algorithm in its linear-space form
 * (divide and conquer around the middle snake, as git's xdiff does), which flags every
 * line of each side as kept or changed with a minimal number of changed lines. The runs of
 * changed lines are then slid the way xdiff's xdl_change_compact() slides them (without
 * its indent heuristic), so an ambiguous insertion lands where git puts it, and finally
 * grouped into hunks.
 */
#include "poolfix/diff.h"

#include "poolfix/path.h"

#include "poolfix/arena.h"
#include "poolfix/str.h"

#include <stdint.h>
#include <string.h>

/* Past this many steps of the middle-snake search (an edit distance of about twice as
 * many lines) the search costs more than the diff is worth: the whole differing middle is
 * then shown as removed and added instead. */
enum { MAX_HALF_COST = 5000 };

#define COLOR_BOLD "\033[1m"
#define COLOR_CYAN "\033[36m"
#define COLOR_RED "\033[31m"
#define COLOR_GREEN "\033[32m"
#define COLOR_RESET "\033[m"

/* One line of a text: its bytes including the "\n", which only a final line may lack. */
typedef struct text_line {
    const char *text;
    size_t len;
} text_line;

/* One text being compared: its lines and, per line, whether the diff removes it (old
 * text) or adds it (new text). changed[-1] and changed[count] exist and stay 0, so runs
 * of changed lines can be scanned without bounds checks. */
typedef struct side {
    text_line *lines;
    ptrdiff_t count;
    char *changed;
} side;

/* Open-addressing hash table of distinct lines; the slot a line lands in is its number. */
typedef struct line_table {
    const text_line **slots;
    size_t mask;
} line_table;

/* State shared by the steps of the Myers search over the differing middle. */
typedef struct myers {
    const size_t *a, *b;          /* line numbers of the old and new middle */
    char *changed_a, *changed_b;  /* change flags of the same lines */
    ptrdiff_t *fwd;               /* per diagonal k = x - y: furthest x reached from the start */
    ptrdiff_t *bwd;               /* per diagonal: least x reached from the end */
} myers;

/* A run [start, end) of changed lines of one side, possibly empty, bounded by kept lines.
 * Kept lines pair up, so the n-th group of one side faces the n-th group of the other. */
typedef struct group {
    ptrdiff_t start, end;
} group;

/* One change: old lines [old_start, old_end) replaced by new lines [new_start, new_end). */
typedef struct change {
    ptrdiff_t old_start, old_end, new_start, new_end;
} change;

/* Splits `text` into the side's lines and gives it change flags, all clear. */
static void side_init(side *s, pf_arena *arena, const char *text, size_t len) {
    ptrdiff_t count = 0;
    for (size_t i = 0; i < len; i++) count += text[i] == '\n';
    if (len > 0 && text[len - 1] != '\n') count++;
    s->lines = pf_arena_alloc(arena, (size_t)count * sizeof(*s->lines));
    s->count = count;
    s->changed = (char *)pf_arena_alloc(arena, (size_t)count + 2) + 1;
    size_t pos = 0;
    for (ptrdiff_t i = 0; i < count; i++) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        s->lines[i] = (text_line){text + pos, end - pos};
        pos = end;
    }
}

/* Tells whether two lines have the same bytes. */
static bool lines_equal(const text_line *x, const text_line *y) {
    return x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

/* Hashes a line's bytes (FNV-1a) for the line table. */
static size_t line_hash(const text_line *line) {
    return (size_t)pf_fnv1a(PF_FNV1A_BASIS, line->text, line->len);
}

/* Returns the number of `line`, entering it in the table if no equal line is there yet. */
static size_t line_number(line_table *table, const text_line *line) {
    size_t i = line_hash(line) & table->mask;
    while (table->slots[i] && !lines_equal(table->slots[i], line)) i = (i + 1) & table->mask;
    table->slots[i] = line;
    return i;
}

/* Numbers `count` lines so that the search compares numbers instead of bytes. */
static size_t *number_lines(pf_arena *arena, line_table *table, const text_line *lines,
                            ptrdiff_t count) {
    size_t *numbers = pf_arena_alloc(arena, (size_t)count * sizeof(*numbers));
    for (ptrdiff_t i = 0; i < count; i++) numbers[i] = line_number(table, &lines[i]);
    return numbers;
}

/* Widens the range [*lo, *hi] of diagonals a search direction covers by one on each side,
 * or narrows it where it would leave the box [dmin, dmax], keeping its parity in step with
 * the cost. A new end gets `sentinel` beyond it so the next step never picks that side. */
static void widen(ptrdiff_t *v, ptrdiff_t *lo, ptrdiff_t *hi, ptrdiff_t dmin, ptrdiff_t dmax,
                  ptrdiff_t sentinel) {
    if (*lo > dmin) v[--*lo - 1] = sentinel;
    else ++*lo;
    if (*hi < dmax) v[++*hi + 1] = sentinel;
    else --*hi;
}

/* Looks for the middle snake of the box a[off_a, lim_a) x b[off_b, lim_b), whose first
 * lines differ and whose last lines differ, by searching from both corners at once until
 * the paths meet. Stores in (*split_a, *split_b) a point an optimal path goes through and
 * that splits the box into two smaller ones; returns false if the paths have not met
 * after MAX_HALF_COST steps. */
static bool find_split(const myers *m, ptrdiff_t off_a, ptrdiff_t lim_a, ptrdiff_t off_b,
                       ptrdiff_t lim_b, ptrdiff_t *split_a, ptrdiff_t *split_b) {
    const size_t *a = m->a, *b = m->b;
    ptrdiff_t *fwd = m->fwd, *bwd = m->bwd;
    ptrdiff_t dmin = off_a - lim_b, dmax = lim_a - off_b;
    ptrdiff_t fmid = off_a - off_b, bmid = lim_a - lim_b;
    bool odd = (fmid - bmid) % 2 != 0;
    ptrdiff_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    fwd[fmid] = off_a;
    bwd[bmid] = lim_a;
    for (int cost = 1; cost <= MAX_HALF_COST; cost++) {
        widen(fwd, &fmin, &fmax, dmin, dmax, -1);
        for (ptrdiff_t k = fmax; k >= fmin; k -= 2) {
            ptrdiff_t x = fwd[k - 1] >= fwd[k + 1] ? fwd[k - 1] + 1 : fwd[k + 1];
            ptrdiff_t y = x - k;
            while (x < lim_a && y < lim_b && a[x] == b[y]) x++, y++;
            fwd[k] = x;
            if (odd && bmin <= k && k <= bmax && bwd[k] <= x) {
                *split_a = x, *split_b = y;
                return true;
            }
        }
        widen(bwd, &bmin, &bmax, dmin, dmax, PTRDIFF_MAX);
        for (ptrdiff_t k = bmax; k >= bmin; k -= 2) {
            ptrdiff_t x = bwd[k - 1] < bwd[k + 1] ? bwd[k - 1] : bwd[k + 1] - 1;
            ptrdiff_t y = x - k;
            while (x > off_a && y > off_b && a[x - 1] == b[y - 1]) x--, y--;
            bwd[k] = x;
            if (!odd && fmin <= k && k <= fmax && x <= fwd[k]) {
                *split_a = x, *split_b = y;
                return true;
            }
        }
    }
    return false;
}

/* Flags the lines of a[off_a, lim_a) and b[off_b, lim_b) that a minimal edit script
 * removes and adds. Each split halves the edit distance, so the recursion is shallow. */
static void compare(const myers *m, ptrdiff_t off_a, ptrdiff_t lim_a, ptrdiff_t off_b,
                    ptrdiff_t lim_b) {
    while (off_a < lim_a && off_b < lim_b && m->a[off_a] == m->b[off_b]) off_a++, off_b++;
    while (off_a < lim_a && off_b < lim_b && m->a[lim_a - 1] == m->b[lim_b - 1]) lim_a--, lim_b--;
    ptrdiff_t split_a, split_b;
    if (off_a == lim_a || off_b == lim_b || !find_split(m, off_a, lim_a, off_b, lim_b, &split_a, &split_b)) {
        memset(m->changed_a + off_a, 1, (size_t)(lim_a - off_a));
        memset(m->changed_b + off_b, 1, (size_t)(lim_b - off_b));
        return;
    }
    compare(m, off_a, split_a, off_b, split_b);
    compare(m, split_a, lim_a, split_b, lim_b);
}

/* Flags the lines the diff removes from `old_side` and adds to `new_side`: the lines both
 * share at the start and at the end are kept without further ado, the middle goes to
 * compare(). */
static void mark_changes(pf_arena *arena, side *old_side, side *new_side) {
    ptrdiff_t head = 0, old_end = old_side->count, new_end = new_side->count;
    while (head < old_end && head < new_end && lines_equal(&old_side->lines[head], &new_side->lines[head]))
        head++;
    while (old_end > head && new_end > head &&
           lines_equal(&old_side->lines[old_end - 1], &new_side->lines[new_end - 1]))
        old_end--, new_end--;
    ptrdiff_t na = old_end - head, nb = new_end - head;
    size_t cap = 16;
    while (cap < 2 * (size_t)(na + nb)) cap *= 2;
    line_table table = {pf_arena_alloc(arena, cap * sizeof(*table.slots)), cap - 1};
    /* Diagonals run from -nb to na; one more on each side holds a sentinel. */
    size_t diagonals = (size_t)(na + nb + 3);
    ptrdiff_t *v = pf_arena_alloc(arena, 2 * diagonals * sizeof(*v));
    myers m = {
        .a = number_lines(arena, &table, old_side->lines + head, na),
        .b = number_lines(arena, &table, new_side->lines + head, nb),
        .changed_a = old_side->changed + head,
        .changed_b = new_side->changed + head,
        .fwd = v + nb + 1,
        .bwd = v + diagonals + nb + 1,
    };
    compare(&m, 0, na, 0, nb);
}

/* Makes `g` the first group of `s`. */
static void group_first(const side *s, group *g) {
    g->start = g->end = 0;
    while (s->changed[g->end]) g->end++;
}

/* Moves `g` to the next group of `s`; false if it is the last. */
static bool group_next(const side *s, group *g) {
    if (g->end == s->count) return false;
    g->start = g->end + 1;
    for (g->end = g->start; s->changed[g->end]; g->end++) {}
    return true;
}

/* Moves `g` to the previous group of `s`; false if it is the first. */
static bool group_prev(const side *s, group *g) {
    if (g->start == 0) return false;
    g->end = g->start - 1;
    for (g->start = g->end; s->changed[g->start - 1]; g->start--) {}
    return true;
}

/* Shifts the non-empty group `g` one line down if the line after it equals its first line
 * (the changed text stays the same), absorbing the group it then touches; false if not. */
static bool slide_down(side *s, group *g) {
    if (g->end == s->count || !lines_equal(&s->lines[g->start], &s->lines[g->end])) return false;
    s->changed[g->start++] = 0;
    s->changed[g->end++] = 1;
    while (s->changed[g->end]) g->end++;
    return true;
}

/* Shifts the non-empty group `g` one line up if the line before it equals its last line,
 * absorbing the group it then touches; false if not. */
static bool slide_up(side *s, group *g) {
    if (g->start == 0 || !lines_equal(&s->lines[g->start - 1], &s->lines[g->end - 1])) return false;
    s->changed[--g->start] = 1;
    s->changed[--g->end] = 0;
    while (s->changed[g->start - 1]) g->start--;
    return true;
}

/* Places each run of changed lines of `s` the way git does, which does not change how
 * many lines change: slides it up and down as far as equal lines allow, merging the runs
 * it meets, and leaves it at the lowest position that faces a change of `other`, or at
 * the lowest position at all when there is none. */
static void compact(side *s, const side *other) {
    group g, go;
    group_first(s, &g);
    group_first(other, &go);
    do {
        if (g.end == g.start) continue;
        ptrdiff_t size, earliest_end;
        bool faces_change;
        do {
            size = g.end - g.start;
            while (slide_up(s, &g)) group_prev(other, &go);
            earliest_end = g.end;
            faces_change = go.end > go.start;
            while (slide_down(s, &g)) {
                group_next(other, &go);
                faces_change |= go.end > go.start;
            }
        } while (size != g.end - g.start);
        if (g.end != earliest_end && faces_change) {
            while (go.end == go.start) {
                slide_up(s, &g);
                group_prev(other, &go);
            }
        }
    } while (group_next(s, &g) && group_next(other, &go));
}

/* Finds the first change at or after old line old_pos and new line new_pos, which must
 * have as many kept lines before them; false if there is none. */
static bool next_change(const side *old_side, const side *new_side, ptrdiff_t old_pos, ptrdiff_t new_pos,
                        change *c) {
    while (old_pos < old_side->count && new_pos < new_side->count && !old_side->changed[old_pos] &&
           !new_side->changed[new_pos])
        old_pos++, new_pos++;
    if (old_pos == old_side->count && new_pos == new_side->count) return false;
    c->old_start = old_pos;
    c->new_start = new_pos;
    while (old_side->changed[old_pos]) old_pos++;
    while (new_side->changed[new_pos]) new_pos++;
    c->old_end = old_pos;
    c->new_end = new_pos;
    return true;
}

/* Starts a coloured stretch of output; no colour when `color` is NULL. */
static void color_on(pf_buf *out, const char *color) {
    if (color) pf_buf_puts(out, color);
}

/* Ends a stretch started by color_on() with the same `color`. */
static void color_off(pf_buf *out, const char *color) {
    if (color) pf_buf_puts(out, COLOR_RESET);
}

/* Appends a `--- a/<path>` or `+++ b/<path>` line. Like git, ends it with a tab (after
 * the colour reset) when the path holds a space: GNU patch 2.7 takes the name to stop at
 * the first space otherwise and cannot find the file; git apply accepts both. */
static void put_label(pf_buf *out, const char *marker, const char *prefix, const char *path,
                      const char *color) {
    color_on(out, color);
    pf_buf_puts(out, marker);
    pf_path_append_quoted(out, prefix, path, true);
    color_off(out, color);
    if (strchr(path, ' ')) pf_buf_putc(out, '\t');
    pf_buf_putc(out, '\n');
}

/* Appends the three header lines that name the file. */
static void put_file_header(pf_buf *out, const char *path, const char *color) {
    color_on(out, color);
    pf_buf_puts(out, "diff --git ");
    pf_path_append_quoted(out, "a/", path, true);
    pf_buf_putc(out, ' ');
    pf_path_append_quoted(out, "b/", path, true);
    color_off(out, color);
    pf_buf_putc(out, '\n');
    put_label(out, "--- ", "a/", path, color);
    put_label(out, "+++ ", "b/", path, color);
}

/* Appends one side's range of a hunk header: ` -start,count`, where start is the first
 * line (1-based) or, for an empty range, the line before it, and `,count` is left out
 * when count is 1. */
static void put_range(pf_buf *out, char sign, ptrdiff_t start, ptrdiff_t count) {
    pf_buf_printf(out, " %c%td", sign, count ? start + 1 : start);
    if (count != 1) pf_buf_printf(out, ",%td", count);
}

/* Appends one line of a hunk: its sign and bytes, the colour ending before its line
 * break, then the newline and marker it needs if it is a final line without newline. */
static void put_line(pf_buf *out, char sign, const text_line *line, const char *color) {
    size_t body = line->len;
    bool has_newline = line->text[body - 1] == '\n';
    if (has_newline) body--;
    if (body > 0 && line->text[body - 1] == '\r') body--;
    color_on(out, color);
    pf_buf_putc(out, sign);
    pf_buf_append(out, line->text, body);
    color_off(out, color);
    pf_buf_append(out, line->text + body, line->len - body);
    if (!has_newline) pf_buf_puts(out, "\n\\ No newline at end of file\n");
}

/* Appends the hunk covering the changes `first` to `last` with `context` kept lines
 * before and after: its header, then kept lines, and each change as its removed lines
 * followed by its added lines. */
static void put_hunk(pf_buf *out, const side *old_side, const side *new_side, const change *first,
                     const change *last, ptrdiff_t context, bool color) {
    ptrdiff_t lead = first->old_start < context ? first->old_start : context;
    ptrdiff_t tail = old_side->count - last->old_end < context ? old_side->count - last->old_end : context;
    ptrdiff_t o = first->old_start - lead, o_end = last->old_end + tail;
    ptrdiff_t n = first->new_start - lead, n_end = last->new_end + tail;
    const char *cyan = color ? COLOR_CYAN : NULL;
    color_on(out, cyan);
    pf_buf_puts(out, "@@");
    put_range(out, '-', o, o_end - o);
    put_range(out, '+', n, n_end - n);
    pf_buf_puts(out, " @@");
    color_off(out, cyan);
    pf_buf_putc(out, '\n');
    while (o < o_end || n < n_end) {
        if (o < o_end && old_side->changed[o]) {
            put_line(out, '-', &old_side->lines[o++], color ? COLOR_RED : NULL);
        } else if (n < n_end && new_side->changed[n]) {
            put_line(out, '+', &new_side->lines[n++], color ? COLOR_GREEN : NULL);
        } else {
            put_line(out, ' ', &old_side->lines[o++], NULL);
            n++;
        }
    }
}

/* Appends the file header and the hunks of the flagged changes; returns the hunk count.
 * Changes whose contexts touch or overlap (at most 2 * context kept lines apart) share a
 * hunk. */
static size_t put_diff(pf_buf *out, const char *path, const side *old_side, const side *new_side,
                       const pf_diff_style *style) {
    ptrdiff_t context = style->context > 0 ? style->context : 0;
    change next;
    bool more = next_change(old_side, new_side, 0, 0, &next);
    size_t hunks = 0;
    if (more) put_file_header(out, path, style->color ? COLOR_BOLD : NULL);
    while (more) {
        change first = next, last = next;
        while ((more = next_change(old_side, new_side, last.old_end, last.new_end, &next)) &&
               next.old_start - last.old_end <= 2 * context)
            last = next;
        put_hunk(out, old_side, new_side, &first, &last, context, style->color);
        hunks++;
    }
    return hunks;
}

/* Diffs two texts into `out` (see diff.h): lines, edit script, placement, then text. */
size_t pf_diff_write(pf_buf *out, const char *path, const char *old, size_t old_len, const char *new_text,
                     size_t new_len, const pf_diff_style *style) {
    pf_arena arena;
    pf_arena_init(&arena);
    side old_side, new_side;
    side_init(&old_side, &arena, old, old_len);
    side_init(&new_side, &arena, new_text, new_len);
    mark_changes(&arena, &old_side, &new_side);
    compact(&old_side, &new_side);
    compact(&new_side, &old_side);
    size_t hunks = put_diff(out, path, &old_side, &new_side, style);
    pf_arena_free(&arena);
    return hunks;
}
