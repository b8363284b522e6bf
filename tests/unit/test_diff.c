/* Tests of the unified diff printer (diff.h): exact output for hand-written cases, then
 * generated pairs of texts whose diffs must be minimal, must turn the old text into the
 * new one under `git apply` and `patch -p1`, and must match `git diff` where git's
 * answer is the only minimal one. */
#include "support.h"

#include "poolfix/buf.h"
#include "poolfix/diff.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One hand-written case: the diff of `old` to `new_text` as app.ts must be `expected`. */
typedef struct diff_case {
    const char *name;
    const char *old, *new_text;
    int context;
    bool color;
    size_t hunks;
    const char *expected;
} diff_case;

#define HEADER "diff --git a/app.ts b/app.ts\n--- a/app.ts\n+++ b/app.ts\n"
#define TEN "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n"
#define TWENTY TEN "11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n"
#define NO_NEWLINE "\\ No newline at end of file\n"

static const diff_case CASES[] = {
    {"equal texts", TEN, TEN, 3, false, 0, ""},
    {"both empty", "", "", 3, false, 0, ""},
    {"one changed line in the middle", TEN, "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n", 3, false, 1,
     HEADER "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"},
    {"insertion at start", "1\n2\n3\n4\n5\n", "0\n1\n2\n3\n4\n5\n", 3, false, 1,
     HEADER "@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n"},
    {"insertion at end", "1\n2\n3\n4\n5\n", "1\n2\n3\n4\n5\n6\n", 3, false, 1,
     HEADER "@@ -3,3 +3,4 @@\n 3\n 4\n 5\n+6\n"},
    {"deletion at start", "1\n2\n3\n4\n5\n", "2\n3\n4\n5\n", 3, false, 1,
     HEADER "@@ -1,4 +1,3 @@\n-1\n 2\n 3\n 4\n"},
    {"deletion at end", "1\n2\n3\n4\n5\n", "1\n2\n3\n4\n", 3, false, 1,
     HEADER "@@ -2,4 +2,3 @@\n 2\n 3\n 4\n-5\n"},
    {"two hunks far apart", TWENTY,
     "1\ntwo\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\neighteen\n19\n20\n", 3, false, 2,
     HEADER "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
            "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n"},
    {"hunks merged when six kept lines apart", TWENTY,
     "1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\neleven\n12\n13\n14\n15\n16\n17\n18\n19\n20\n", 3, false, 1,
     HEADER "@@ -1,14 +1,14 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7\n 8\n 9\n 10\n-11\n+eleven\n"
            " 12\n 13\n 14\n"},
    {"hunks split when seven kept lines apart", TWENTY,
     "1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\n11\ntwelve\n13\n14\n15\n16\n17\n18\n19\n20\n", 3, false, 2,
     HEADER "@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7\n"
            "@@ -9,7 +9,7 @@\n 9\n 10\n 11\n-12\n+twelve\n 13\n 14\n 15\n"},
    {"context clipped at both ends", "1\n2\n3\n", "1\ntwo\n3\n", 3, false, 1,
     HEADER "@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n"},
    {"whole file replaced", "a\nb\n", "c\nd\ne\n", 3, false, 1,
     HEADER "@@ -1,2 +1,3 @@\n-a\n-b\n+c\n+d\n+e\n"},
    {"single line replaced", "a\n", "b\n", 3, false, 1, HEADER "@@ -1 +1 @@\n-a\n+b\n"},
    {"old text empty", "", "a\nb\n", 3, false, 1, HEADER "@@ -0,0 +1,2 @@\n+a\n+b\n"},
    {"new text empty", "a\nb\n", "", 3, false, 1, HEADER "@@ -1,2 +0,0 @@\n-a\n-b\n"},
    {"no context", TEN, "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n", 0, false, 1,
     HEADER "@@ -5 +5 @@\n-5\n+five\n"},
    {"no context insertion names the line before", "1\n2\n3\n", "1\n2\nnew\n3\n", 0, false, 1,
     HEADER "@@ -2,0 +3 @@\n+new\n"},
    {"no context deletion names the line before", "1\n2\n3\n", "1\n3\n", 0, false, 1,
     HEADER "@@ -2 +1,0 @@\n-2\n"},
    {"no context never merges", "1\n2\n3\n", "one\n2\nthree\n", 0, false, 2,
     HEADER "@@ -1 +1 @@\n-1\n+one\n@@ -3 +3 @@\n-3\n+three\n"},
    {"one line of context", TEN, "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n", 1, false, 1,
     HEADER "@@ -4,3 +4,3 @@\n 4\n-5\n+five\n 6\n"},
    {"CRLF lines", "a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n", 3, false, 1,
     HEADER "@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n"},
    {"line ending change is a change", "a\nb\nc\n", "a\nb\r\nc\n", 3, false, 1,
     HEADER "@@ -1,3 +1,3 @@\n a\n-b\n+b\r\n c\n"},
    {"no newline at end of old text", "a\nb", "a\nb\n", 3, false, 1,
     HEADER "@@ -1,2 +1,2 @@\n a\n-b\n" NO_NEWLINE "+b\n"},
    {"no newline at end of new text", "a\nb\n", "a\nb", 3, false, 1,
     HEADER "@@ -1,2 +1,2 @@\n a\n-b\n+b\n" NO_NEWLINE},
    {"no newline at end of either text", "a\nb", "a\nc", 3, false, 1,
     HEADER "@@ -1,2 +1,2 @@\n a\n-b\n" NO_NEWLINE "+c\n" NO_NEWLINE},
    {"no newline on a context line", "a\nb\nc", "A\nb\nc", 3, false, 1,
     HEADER "@@ -1,3 +1,3 @@\n-a\n+A\n b\n c\n" NO_NEWLINE},
    {"no newline on a CR-ended line", "a\nb\r", "a\nc\r", 3, false, 1,
     HEADER "@@ -1,2 +1,2 @@\n a\n-b\r\n" NO_NEWLINE "+c\r\n" NO_NEWLINE},
    {"BOM is part of line one", "\357\273\277a\nb\n", "a\nb\n", 3, false, 1,
     HEADER "@@ -1,2 +1,2 @@\n-\357\273\277a\n+a\n b\n"},
    {"ambiguous insertion placed as git does", "a\n}\nb\n", "a\n}\nc\n}\nb\n", 3, false, 1,
     HEADER "@@ -1,3 +1,5 @@\n a\n }\n+c\n+}\n b\n"},
    {"ambiguous deletion placed as git does", "x\ny\nx\ny\nz\n", "x\ny\nz\n", 3, false, 1,
     HEADER "@@ -1,5 +1,3 @@\n x\n y\n-x\n-y\n z\n"},
    {"changes slid as git slides them", "\n\nb\n", "c\n\n", 3, false, 1,
     HEADER "@@ -1,3 +1,2 @@\n+c\n \n-\n-b\n"},
    {"insertion kept facing a removal", "b\n\n", "\n\n\n", 3, false, 1,
     HEADER "@@ -1,2 +1,3 @@\n-b\n+\n+\n \n"},
    {"insertion slid back to face a removal", "}\nc\nc\na\n\n", "}\n\n}\n\n", 3, false, 1,
     HEADER "@@ -1,5 +1,4 @@\n }\n-c\n-c\n-a\n+\n+}\n \n"},
    {"insertion slid down like a removal", "\na\n", "a\na\n\n", 3, false, 1,
     HEADER "@@ -1,2 +1,3 @@\n-\n a\n+a\n+\n"},
    {"colour", "1\n2\n3\n", "1\ntwo\n3\n", 3, true, 1,
     "\033[1mdiff --git a/app.ts b/app.ts\033[m\n\033[1m--- a/app.ts\033[m\n\033[1m+++ b/app.ts\033[m\n"
     "\033[36m@@ -1,3 +1,3 @@\033[m\n 1\n\033[31m-2\033[m\n\033[32m+two\033[m\n 3\n"},
    {"colour ends before the line break", "a\r\nb", "c\r\nb", 3, true, 1,
     "\033[1mdiff --git a/app.ts b/app.ts\033[m\n\033[1m--- a/app.ts\033[m\n\033[1m+++ b/app.ts\033[m\n"
     "\033[36m@@ -1,2 +1,2 @@\033[m\n\033[31m-a\033[m\r\n\033[32m+c\033[m\r\n b\n" NO_NEWLINE},
};

/* Diffs `old` to `new_text` as `path`; the caller frees the returned text. */
static char *diff_text(const char *path, const char *old, size_t old_len, const char *new_text,
                       size_t new_len, int context, bool color, size_t *hunks) {
    pf_buf out = PF_BUF_INIT;
    pf_diff_style style = {context, color};
    *hunks = pf_diff_write(&out, path, old, old_len, new_text, new_len, &style);
    return pf_buf_take(&out, NULL);
}

/* Every table case gives exactly its expected text and hunk count. */
static void test_cases(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); i++) {
        const diff_case *c = &CASES[i];
        size_t hunks;
        char *got = diff_text("app.ts", c->old, strlen(c->old), c->new_text, strlen(c->new_text),
                              c->context, c->color, &hunks);
        if (strcmp(got, c->expected) != 0 || hunks != c->hunks)
            fail_msg("case '%s': got %zu hunks:\n%s\nwanted %zu hunks:\n%s", c->name, hunks, got, c->hunks,
                     c->expected);
        free(got);
    }
}

/* The diff goes after whatever the buffer already holds. */
static void test_appends(void **state) {
    (void)state;
    pf_buf out = PF_BUF_INIT;
    pf_buf_puts(&out, "before\n");
    pf_diff_style style = {3, false};
    assert_int_equal(pf_diff_write(&out, "app.ts", "a\n", 2, "b\n", 2, &style), 1);
    assert_string_equal(out.data, "before\n" HEADER "@@ -1 +1 @@\n-a\n+b\n");
    pf_buf_free(&out);
}

/* File names get git's quoting: verbatim with a tab after the ---/+++ names when they hold
 * a space, C-quoted when they hold quotes, backslashes, control or non-ASCII bytes. */
static void test_path_quoting(void **state) {
    (void)state;
    static const struct {
        const char *path;
        bool color;
        const char *header;
    } cases[] = {
        {"src/app.ts", false, "diff --git a/src/app.ts b/src/app.ts\n--- a/src/app.ts\n+++ b/src/app.ts\n"},
        {"dir x/my file.ts", false,
         "diff --git a/dir x/my file.ts b/dir x/my file.ts\n--- a/dir x/my file.ts\t\n"
         "+++ b/dir x/my file.ts\t\n"},
        {"dir x/my file.ts", true,
         "\033[1mdiff --git a/dir x/my file.ts b/dir x/my file.ts\033[m\n"
         "\033[1m--- a/dir x/my file.ts\033[m\t\n\033[1m+++ b/dir x/my file.ts\033[m\t\n"},
        {"q\"uote.ts", false,
         "diff --git \"a/q\\\"uote.ts\" \"b/q\\\"uote.ts\"\n--- \"a/q\\\"uote.ts\"\n+++ \"b/q\\\"uote.ts\"\n"},
        {"back\\slash.ts", false,
         "diff --git \"a/back\\\\slash.ts\" \"b/back\\\\slash.ts\"\n--- \"a/back\\\\slash.ts\"\n"
         "+++ \"b/back\\\\slash.ts\"\n"},
        {"tab\t.ts", false, "diff --git \"a/tab\\t.ts\" \"b/tab\\t.ts\"\n--- \"a/tab\\t.ts\"\n+++ \"b/tab\\t.ts\"\n"},
        {"\xC3\xBCn\xC3\xAF.ts", false,
         "diff --git \"a/\\303\\274n\\303\\257.ts\" \"b/\\303\\274n\\303\\257.ts\"\n"
         "--- \"a/\\303\\274n\\303\\257.ts\"\n+++ \"b/\\303\\274n\\303\\257.ts\"\n"},
        {"a \x01\x7f.ts", false,
         "diff --git \"a/a \\001\\177.ts\" \"b/a \\001\\177.ts\"\n--- \"a/a \\001\\177.ts\"\t\n"
         "+++ \"b/a \\001\\177.ts\"\t\n"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        size_t hunks;
        char *got = diff_text(cases[i].path, "a\n", 2, "b\n", 2, 3, cases[i].color, &hunks);
        const char *hunk = cases[i].color ? "\033[36m@@ -1 +1 @@\033[m\n\033[31m-a\033[m\n\033[32m+b\033[m\n"
                                          : "@@ -1 +1 @@\n-a\n+b\n";
        size_t header_len = strlen(cases[i].header);
        if (strncmp(got, cases[i].header, header_len) != 0 || strcmp(got + header_len, hunk) != 0)
            fail_msg("path '%s': got\n%s\nwanted\n%s%s", cases[i].path, got, cases[i].header, hunk);
        free(got);
    }
}

/* Deterministic pseudo-random numbers (splitmix64), so failures reproduce. */
typedef struct rng {
    uint64_t state;
} rng;

/* Returns the next pseudo-random number of `r`. */
static uint64_t rng_next(rng *r) {
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Returns a pseudo-random number below `n` (n > 0). */
static size_t rng_below(rng *r, size_t n) {
    return (size_t)(rng_next(r) % n);
}

enum { MAX_LINES = 160 };

/* A text under construction: lines with their line breaks, and whether the last line
 * keeps its "\n" when the text is rendered. */
typedef struct text_model {
    const char *lines[MAX_LINES];
    size_t count;
    bool final_newline;
} text_model;

/* Lines the random texts are made of: few distinct ones, so that lines repeat and the
 * diff has ambiguous choices, and some that look like diff syntax. */
static const char *const VOCAB[] = {
    "a\n", "b\n", "c\n", "}\n", "\n", "a\r\n", "\r\n", "\357\273\277a\n", "  x = 1;\n",
    "--- a/app.ts\n", "+++ b\n", "-- dashes\n", "\\ backslash\n", "@@ -1 +1 @@\n",
};
#define VOCAB_SIZE (sizeof(VOCAB) / sizeof(VOCAB[0]))

/* Renders a model as bytes into `out`, dropping the last "\n" if it has no final newline. */
static void render(const text_model *t, pf_buf *out) {
    pf_buf_clear(out);
    for (size_t i = 0; i < t->count; i++) pf_buf_puts(out, t->lines[i]);
    if (!t->final_newline && out->len > 0) out->data[--out->len] = '\0';
}

/* Fills `t` with a random text of up to `max_lines` lines from the first `vocab` lines of
 * VOCAB, empty one time in ten. */
static void random_text(rng *r, text_model *t, size_t max_lines, size_t vocab) {
    t->count = rng_below(r, 10) == 0 ? 0 : rng_below(r, max_lines + 1);
    for (size_t i = 0; i < t->count; i++) t->lines[i] = VOCAB[rng_below(r, vocab)];
    t->final_newline = rng_below(r, 4) != 0;
}

/* Applies a few random insertions, deletions and replacements of up to three lines,
 * taking new lines from `pick`, and may flip the final newline. */
static void random_edits(rng *r, text_model *t, const char *(*pick)(rng *, void *), void *ctx) {
    for (size_t edits = rng_below(r, 7); edits > 0; edits--) {
        size_t at = rng_below(r, t->count + 1), n = 1 + rng_below(r, 3);
        switch (rng_below(r, 3)) {
        case 0:
            if (t->count + n > MAX_LINES) break;
            memmove(&t->lines[at + n], &t->lines[at], (t->count - at) * sizeof(t->lines[0]));
            for (size_t i = 0; i < n; i++) t->lines[at + i] = pick(r, ctx);
            t->count += n;
            break;
        case 1:
            if (n > t->count - at) n = t->count - at;
            memmove(&t->lines[at], &t->lines[at + n], (t->count - at - n) * sizeof(t->lines[0]));
            t->count -= n;
            break;
        default:
            if (at < t->count) t->lines[at] = pick(r, ctx);
            break;
        }
    }
    if (rng_below(r, 8) == 0) t->final_newline = !t->final_newline;
}

/* Picks a line of VOCAB for random_edits(). */
static const char *pick_vocab(rng *r, void *ctx) {
    (void)ctx;
    return VOCAB[rng_below(r, VOCAB_SIZE)];
}

/* Splits bytes into lines (each keeping its "\n") for the reference computation. */
static size_t split_lines(const char *text, size_t len, const char **starts, size_t *lens) {
    size_t n = 0, pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        starts[n] = text + pos;
        lens[n++] = end - pos;
        pos = end;
    }
    return n;
}

/* Computes how many lines a minimal diff of two texts removes and adds: those outside a
 * longest common subsequence of their lines, found by dynamic programming. */
static void minimal_changes(const pf_buf *a, const pf_buf *b, size_t *removed, size_t *added) {
    const char *as[MAX_LINES], *bs[MAX_LINES];
    size_t al[MAX_LINES], bl[MAX_LINES];
    size_t n = split_lines(a->data, a->len, as, al), m = split_lines(b->data, b->len, bs, bl);
    size_t *lcs = calloc((n + 1) * (m + 1), sizeof(*lcs));
#define LCS(i, j) lcs[(i) * (m + 1) + (j)]
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            if (al[i - 1] == bl[j - 1] && memcmp(as[i - 1], bs[j - 1], al[i - 1]) == 0)
                LCS(i, j) = LCS(i - 1, j - 1) + 1;
            else
                LCS(i, j) = LCS(i - 1, j) > LCS(i, j - 1) ? LCS(i - 1, j) : LCS(i, j - 1);
        }
    }
    *removed = n - LCS(n, m);
    *added = m - LCS(n, m);
#undef LCS
    free(lcs);
}

/* Counts the hunks, removed lines and added lines of a diff, skipping its file header. */
static void count_diff(const char *diff, size_t *hunks, size_t *removed, size_t *added) {
    *hunks = *removed = *added = 0;
    size_t line = 0;
    for (const char *p = diff; *p; p = strchr(p, '\n') + 1, line++) {
        if (line < 3) continue;
        *hunks += *p == '@';
        *removed += *p == '-';
        *added += *p == '+';
    }
}

/* Tells whether the file dir/rel holds exactly the bytes of `want`. */
static bool file_equals(const char *dir, const char *rel, const pf_buf *want) {
    char *path = test_join(dir, rel);
    size_t len;
    char *got = test_read(path, &len);
    bool same = got && len == want->len && memcmp(got, want->data, len) == 0;
    free(got);
    free(path);
    return same;
}

/* A scratch git repository for round trips, and whether GNU patch is installed. */
typedef struct repo {
    char *dir;
    bool have_patch;
} repo;

/* Makes the scratch repository. */
static void repo_init(repo *r) {
    r->dir = test_mkdtemp();
    assert_int_equal(test_sh(r->dir, "git init -q ."), 0);
    r->have_patch = test_sh(r->dir, "command -v patch >/dev/null 2>&1") == 0;
}

/* Removes the scratch repository. */
static void repo_free(repo *r) {
    test_rmtree(r->dir);
    free(r->dir);
}

/* Checks that `diff` turns old into new as file `path`, applied by git apply and by
 * patch -p1; `what` names the pair in failure messages. */
static void check_applies(const repo *r, const char *path, const pf_buf *old, const pf_buf *new_text,
                          const char *diff, int context, const char *what) {
    test_write_str(r->dir, "change.diff", diff);
    test_write(r->dir, path, old->data ? old->data : "", old->len);
    char git[120];
    snprintf(git, sizeof(git), "git -c core.autocrlf=false apply --whitespace=nowarn%s change.diff",
             context == 0 ? " --unidiff-zero" : "");
    if (test_sh(r->dir, git) != 0 || !file_equals(r->dir, path, new_text))
        fail_msg("git apply failed for %s; diff:\n%s", what, diff);
    if (!r->have_patch) return;
    test_write(r->dir, path, old->data ? old->data : "", old->len);
    if (test_sh(r->dir, "patch -p1 -f -s --no-backup-if-mismatch -i change.diff < /dev/null") != 0 ||
        !file_equals(r->dir, path, new_text))
        fail_msg("patch -p1 failed for %s; diff:\n%s", what, diff);
}

/* Generated pairs: each diff is minimal (as many removed and added lines as a longest
 * common subsequence leaves), says it has as many hunks as it prints, and turns the old
 * text into the new one under git apply and patch -p1. */
static void test_round_trips(void **state) {
    (void)state;
    static const char *const paths[] = {"f.txt", "dir x/my file.ts", "q\"uote \xC3\xBC.ts"};
    static const int contexts[] = {3, 3, 3, 1, 0, 5};
    repo r;
    repo_init(&r);
    rng gen = {42};
    pf_buf old = PF_BUF_INIT, new_text = PF_BUF_INIT;
    text_model t;
    for (int pair = 0; pair < 300; pair++) {
        size_t max_lines = rng_below(&gen, 4) == 0 ? 150 : 30;
        random_text(&gen, &t, max_lines, 2 + rng_below(&gen, VOCAB_SIZE - 1));
        render(&t, &old);
        if (rng_below(&gen, 10) == 0) random_text(&gen, &t, 30, VOCAB_SIZE);
        else random_edits(&gen, &t, pick_vocab, NULL);
        render(&t, &new_text);
        const char *path = paths[pair % 3];
        int context = contexts[rng_below(&gen, sizeof(contexts) / sizeof(contexts[0]))];
        size_t hunks;
        char *diff = diff_text(path, old.data, old.len, new_text.data, new_text.len, context, false, &hunks);
        char what[32];
        snprintf(what, sizeof(what), "pair %d", pair);
        size_t counted, removed, added, min_removed, min_added;
        count_diff(diff, &counted, &removed, &added);
        minimal_changes(&old, &new_text, &min_removed, &min_added);
        if (counted != hunks || removed != min_removed || added != min_added)
            fail_msg("%s: %zu hunks returned, %zu printed, -%zu +%zu lines, minimal -%zu +%zu:\n%s", what,
                     hunks, counted, removed, added, min_removed, min_added, diff);
        if (hunks == 0) assert_string_equal(diff, "");
        else check_applies(&r, path, &old, &new_text, diff, context, what);
        free(diff);
    }
    pf_buf_free(&old);
    pf_buf_free(&new_text);
    repo_free(&r);
}

/* Lines never seen before, made on demand for random_edits() on texts of unique lines. */
typedef struct fresh_lines {
    char text[24][16];
    size_t used;
} fresh_lines;

/* Makes the next fresh line for random_edits(); `ctx` is a fresh_lines. */
static const char *pick_fresh(rng *r, void *ctx) {
    (void)r;
    fresh_lines *fresh = ctx;
    assert_true(fresh->used < sizeof(fresh->text) / sizeof(fresh->text[0]));
    snprintf(fresh->text[fresh->used], sizeof(fresh->text[0]), "new %zu\n", fresh->used);
    return fresh->text[fresh->used++];
}

/* Texts whose lines are all distinct, edited with fresh lines, have only one minimal diff,
 * so ours must print the very hunks `git diff --no-index` prints (past git's header and
 * the function names git adds to hunk headers). */
static void test_matches_git(void **state) {
    (void)state;
    static const char *const numbered[] = {
        "line 0\n", "line 1\n", "line 2\n", "line 3\n", "line 4\r\n", "line 5\n", "line 6\n",
        "line 7\n", "line 8\n", "line 9\r\n", "line 10\n", "line 11\n", "line 12\n", "line 13\n",
        "line 14\n", "line 15\n", "line 16\n", "line 17\n", "line 18\n", "line 19\n", "line 20\n",
        "line 21\n", "line 22\n", "line 23\n", "line 24\n", "line 25\n", "line 26\n", "line 27\n",
        "line 28\n", "line 29\n", "line 30\n", "line 31\n", "line 32\n", "line 33\n", "line 34\n",
    };
    repo r;
    repo_init(&r);
    rng gen = {7};
    pf_buf old = PF_BUF_INIT, new_text = PF_BUF_INIT;
    text_model t;
    for (int pair = 0; pair < 100; pair++) {
        fresh_lines fresh = {.used = 0};
        t.count = rng_below(&gen, sizeof(numbered) / sizeof(numbered[0]) + 1);
        for (size_t i = 0; i < t.count; i++) t.lines[i] = numbered[i];
        t.final_newline = rng_below(&gen, 4) != 0;
        render(&t, &old);
        random_edits(&gen, &t, pick_fresh, &fresh);
        render(&t, &new_text);
        int context = pair % 4 == 0 ? 1 : 3;
        size_t hunks;
        char *diff = diff_text("f", old.data, old.len, new_text.data, new_text.len, context, false, &hunks);
        test_write(r.dir, "old", old.data ? old.data : "", old.len);
        test_write(r.dir, "new", new_text.data ? new_text.data : "", new_text.len);
        char command[200];
        snprintf(command, sizeof(command),
                 "git -c core.autocrlf=false diff --no-index --no-color --no-ext-diff "
                 "--diff-algorithm=myers -U%d old new > git.diff; test $? -le 1",
                 context);
        assert_int_equal(test_sh(r.dir, command), 0);
        char *git_path = test_join(r.dir, "git.diff");
        char *git = test_read(git_path, NULL);
        assert_non_null(git);
        /* Our hunks, then git's with anything after the closing "@@" of a header cut. */
        const char *ours = strstr(diff, "\n@@");
        ours = ours ? ours + 1 : "";
        pf_buf theirs = PF_BUF_INIT;
        const char *g = strstr(git, "\n@@");
        for (g = g ? g + 1 : ""; *g;) {
            const char *eol = strchr(g, '\n') + 1;
            const char *close = *g == '@' ? strstr(g + 2, "@@") : NULL;
            if (close) {
                pf_buf_append(&theirs, g, (size_t)(close + 2 - g));
                pf_buf_putc(&theirs, '\n');
            } else {
                pf_buf_append(&theirs, g, (size_t)(eol - g));
            }
            g = eol;
        }
        if (strcmp(ours, theirs.data ? theirs.data : "") != 0)
            fail_msg("pair %d differs from git:\n%s\ngit:\n%s", pair, diff, git);
        pf_buf_free(&theirs);
        free(git);
        free(git_path);
        free(diff);
    }
    pf_buf_free(&old);
    pf_buf_free(&new_text);
    repo_free(&r);
}

/* Fills `out` with `count` lines "line <n>\n", except that with `every` > 0 the lines whose
 * number is a multiple of `every` read "edited <n>\n". */
static void numbered_text(pf_buf *out, size_t count, size_t every) {
    pf_buf_clear(out);
    for (size_t i = 0; i < count; i++)
        pf_buf_printf(out, "%s %zu\n", every > 0 && i % every == 0 ? "edited" : "line", i);
}

/* A large file with a few edits diffs to one hunk per edit; changing every other line of
 * 12000 (an edit distance past 10000) falls back to one hunk replacing the middle; both
 * still apply. */
static void test_large_texts(void **state) {
    (void)state;
    repo r;
    repo_init(&r);
    pf_buf old = PF_BUF_INIT, new_text = PF_BUF_INIT;
    numbered_text(&old, 200000, 0);
    numbered_text(&new_text, 200000, 70000);
    size_t hunks;
    char *diff = diff_text("big.txt", old.data, old.len, new_text.data, new_text.len, 3, false, &hunks);
    assert_int_equal(hunks, 3);
    assert_non_null(strstr(diff, "@@ -1,4 +1,4 @@\n-line 0\n+edited 0\n"));
    assert_non_null(strstr(diff, "@@ -69998,7 +69998,7 @@\n"));
    check_applies(&r, "big.txt", &old, &new_text, diff, 3, "large file");
    free(diff);

    numbered_text(&old, 12000, 0);
    numbered_text(&new_text, 12000, 2);
    diff = diff_text("far.txt", old.data, old.len, new_text.data, new_text.len, 3, false, &hunks);
    size_t counted, removed, added;
    count_diff(diff, &counted, &removed, &added);
    /* Lines 0, 2, ..., 11998 differ: the middle from the first to the last is replaced. */
    assert_int_equal(hunks, 1);
    assert_int_equal(removed, 11999);
    assert_int_equal(added, 11999);
    check_applies(&r, "far.txt", &old, &new_text, diff, 3, "distant texts");
    free(diff);
    pf_buf_free(&old);
    pf_buf_free(&new_text);
    repo_free(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),       cmocka_unit_test(test_appends),
        cmocka_unit_test(test_path_quoting), cmocka_unit_test(test_round_trips),
        cmocka_unit_test(test_matches_git), cmocka_unit_test(test_large_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
