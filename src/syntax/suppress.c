/* poolfix-ignore comments (see suppress.h). */
#include "poolfix/suppress.h"

#include <string.h>

#define ALL_RULES ((1u << PF_RULE_COUNT) - 1)

/* Reads the rule ids after a directive up to the end of the comment or a `--` that starts
 * a free-text reason. No ids means every rule. Unknown ids are recorded as problems. */
static unsigned parse_rules(const char *p, const char *end, int line, pf_arena *arena, pf_suppressions *out) {
    unsigned rules = 0;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == ',')) p++;
        if (p >= end || (end - p >= 2 && p[0] == '-' && p[1] == '-')) break;
        const char *word = p;
        while (p < end && *p != ' ' && *p != '\t' && *p != ',') p++;
        pf_rule rule;
        if (pf_rule_parse(word, (size_t)(p - word), &rule)) {
            rules |= 1u << rule;
        } else {
            *PF_VEC_PUSH(arena, out->problems) =
                pf_arena_printf(arena, "line %d: unknown rule `%.*s` in a poolfix-ignore comment", line,
                                (int)(p - word), word);
        }
    }
    return rules ? rules : ALL_RULES;
}

/* Applies one comment node if it holds a directive. */
static void read_comment(const pf_syntax *syntax, TSNode comment, pf_arena *arena, pf_suppressions *out) {
    pf_str text = pf_node_str(syntax, comment);
    const char *end = text.ptr + text.len;
    if (pf_str_ends_with(text, "*/")) end -= 2;
    const char *p = text.ptr + 2; /* past `//` or `/ *` */
    while (p < end && (*p == ' ' || *p == '\t' || *p == '*')) p++;
    static const char next_line[] = "poolfix-ignore-next-line", file[] = "poolfix-ignore-file";
    int line = pf_node_line(comment);
    if ((size_t)(end - p) >= sizeof(next_line) - 1 && memcmp(p, next_line, sizeof(next_line) - 1) == 0) {
        pf_suppression_line *s = PF_VEC_PUSH(arena, out->lines);
        s->line = pf_node_end_line(comment) + 1;
        s->rules = parse_rules(p + sizeof(next_line) - 1, end, line, arena, out);
    } else if ((size_t)(end - p) >= sizeof(file) - 1 && memcmp(p, file, sizeof(file) - 1) == 0) {
        out->file_rules |= parse_rules(p + sizeof(file) - 1, end, line, arena, out);
    }
}

/* Visits every comment node under `node` (comments can sit anywhere in the tree). */
static void find_comments(const pf_syntax *syntax, TSNode node, pf_arena *arena, pf_suppressions *out) {
    TSTreeCursor cursor = ts_tree_cursor_new(node);
    do {
        TSNode current = ts_tree_cursor_current_node(&cursor);
        if (pf_node_is(current, "comment")) read_comment(syntax, current, arena, out);
    } while (pf_cursor_next(&cursor));
    ts_tree_cursor_delete(&cursor);
}

void pf_suppressions_read(const pf_syntax *syntax, pf_arena *arena, pf_suppressions *out) {
    memset(out, 0, sizeof(*out));
    /* Most files have no directive: skip the tree walk unless the text mentions one. */
    if (!pf_bytes_contain(syntax->text, syntax->len, "poolfix-ignore")) return;
    find_comments(syntax, syntax->root, arena, out);
}

bool pf_is_suppressed(const pf_suppressions *suppressions, pf_rule rule, int line) {
    unsigned bit = 1u << rule;
    if (suppressions->file_rules & bit) return true;
    for (size_t i = 0; i < suppressions->lines.len; i++)
        if (suppressions->lines.items[i].line == line && (suppressions->lines.items[i].rules & bit)) return true;
    return false;
}
