/* gitignore(5) rule sets: parsing .gitignore text and matching paths against it (see
 * discover.h). The glob matcher follows git's wildmatch, which glibc's fnmatch cannot stand
 * in for: fnmatch has no `**`. */
#include "poolfix/discover.h"

#include "poolfix/arena.h"
#include "poolfix/str.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct ignore_rule {
    const char *glob; /* points into pf_ignore.text; escapes kept, no `!`, leading `/` or trailing `/` */
    bool negated;     /* `!glob`: re-includes what an earlier rule ignored */
    bool dir_only;    /* `glob/`: matches folders only */
    bool any_depth;   /* no `/` in the pattern: matches the last path component at any depth */
} ignore_rule;

struct pf_ignore {
    char *base;   /* the folder the patterns are relative to: "" or "a/b" */
    size_t base_len;
    char *text;   /* a private copy of the text, cut into NUL-terminated globs */
    ignore_rule *rules; /* in file order: the last one that matches decides */
    size_t count;
};

/* Outcomes of matching a glob against text. The two aborts tell a `*` further up that
 * trying longer stretches of text cannot help, which keeps matching from going exponential. */
enum {
    GLOB_MATCH,
    GLOB_NO_MATCH,
    GLOB_ABORT_ALL,            /* the text ran out: no later start can match either */
    GLOB_ABORT_TO_DOUBLE_STAR  /* a `*` met a `/` it may not cross: only a `**` above can retry */
};

static int glob_match(const char *glob, const char *p, const char *text);

/* Tests `c` against a POSIX class named inside `[[:name:]]`. Returns 1 or 0, or -1 for a name
 * POSIX does not define (which makes the whole pattern match nothing, as in git). */
static int named_class_has(const char *name, size_t len, unsigned char c) {
    static const struct {
        const char *name;
        int (*test)(int);
    } classes[] = {
        {"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank}, {"cntrl", iscntrl},
        {"digit", isdigit}, {"graph", isgraph}, {"lower", islower}, {"print", isprint},
        {"punct", ispunct}, {"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
    };
    for (size_t i = 0; i < sizeof(classes) / sizeof(*classes); i++)
        if (pf_str_eq_c(pf_str_make(name, len), classes[i].name))
            return classes[i].test(c) != 0;
    return -1;
}

/* The closing `]` of a `[:name:]` starting at `p` inside a bracket expression, or NULL when
 * `p` does not start one (its `[` is then an ordinary member of the class). */
static const char *named_class_close(const char *p) {
    if (p[0] != '[' || p[1] != ':') return NULL;
    const char *close = strchr(p + 2, ']');
    return close && close > p + 2 && close[-1] == ':' ? close : NULL;
}

/* Matches one character of text against the bracket expression opening at *pattern
 * (`[abc]`, `[a-z]`, `[!a]` or `[^a]`, `[[:alpha:]]`, `]` first is literal), and leaves
 * *pattern on the closing `]`. A class never matches `/`; an unclosed one matches nothing. */
static int glob_class(const char **pattern, unsigned char t) {
    const char *p = *pattern + 1;
    bool negated = *p == '!' || *p == '^';
    if (negated) p++;
    bool matched = false;
    unsigned char prev = 0;
    do {
        unsigned char c = (unsigned char)*p;
        const char *close;
        if (c == '\0') return GLOB_ABORT_ALL;
        if (c == '\\') {
            c = (unsigned char)*++p;
            if (c == '\0') return GLOB_ABORT_ALL;
            matched |= t == c;
        } else if (c == '-' && prev && p[1] && p[1] != ']') {
            c = (unsigned char)*++p;
            if (c == '\\' && (c = (unsigned char)*++p) == '\0') return GLOB_ABORT_ALL;
            matched |= t >= prev && t <= c;
            c = 0; /* a range cannot start another range */
        } else if ((close = named_class_close(p)) != NULL) {
            int has = named_class_has(p + 2, (size_t)(close - 1 - (p + 2)), t);
            if (has < 0) return GLOB_ABORT_ALL;
            matched |= has == 1;
            p = close;
            c = 0;
        } else {
            matched |= t == c;
        }
        prev = c;
    } while (*++p != ']');
    *pattern = p;
    return matched != negated && t != '/' ? GLOB_MATCH : GLOB_NO_MATCH;
}

/* Matches the run of `*` at `star` and the rest of the glob against `text`. A `**` that is a
 * whole path component crosses folders, and when a `/` follows it may also stand for no
 * folder at all (`a/` `**` `/b` matches `a/b`); any other star stays within one component. */
static int glob_star(const char *glob, const char *star, const char *text) {
    const char *p = star;
    while (*p == '*') p++;
    bool crosses = p - star >= 2 && (star == glob || star[-1] == '/') && (*p == '\0' || *p == '/');
    if (crosses && *p == '/' && glob_match(glob, p + 1, text) == GLOB_MATCH) return GLOB_MATCH;
    if (*p == '\0') return crosses || !strchr(text, '/') ? GLOB_MATCH : GLOB_ABORT_TO_DOUBLE_STAR;
    if (!crosses && *p == '/') {
        const char *slash = strchr(text, '/');
        return slash ? glob_match(glob, p, slash) : GLOB_NO_MATCH;
    }
    for (; *text; text++) {
        int result = glob_match(glob, p, text);
        if (result == GLOB_NO_MATCH) {
            if (!crosses && *text == '/') return GLOB_ABORT_TO_DOUBLE_STAR;
        } else if (!crosses || result != GLOB_ABORT_TO_DOUBLE_STAR) {
            return result;
        }
    }
    return GLOB_ABORT_ALL;
}

/* Matches the glob from `p` on (`glob` is its start, needed to tell where `**` stands)
 * against the whole of `text`, with `*`, `?` and classes never matching `/`. */
static int glob_match(const char *glob, const char *p, const char *text) {
    for (; *p; p++, text++) {
        unsigned char t = (unsigned char)*text;
        if (*p == '*') return glob_star(glob, p, text);
        if (t == '\0') return GLOB_ABORT_ALL;
        switch (*p) {
        case '?':
            if (t == '/') return GLOB_NO_MATCH;
            break;
        case '[': {
            int result = glob_class(&p, t);
            if (result != GLOB_MATCH) return result;
            break;
        }
        default:
            if (*p == '\\' && *++p == '\0') return GLOB_NO_MATCH; /* a trailing `\` escapes nothing */
            if ((unsigned char)*p != t) return GLOB_NO_MATCH;
        }
    }
    return *text ? GLOB_NO_MATCH : GLOB_MATCH;
}

/* The length of a line without its trailing spaces, keeping a space escaped by `\`. */
static size_t trim_trailing_spaces(const char *line, size_t len) {
    size_t end = 0;
    for (size_t i = 0; i < len; i++) {
        if (line[i] == '\\' && i + 1 < len) i++; /* the escaped character stays, space or not */
        else if (line[i] == ' ') continue;
        end = i + 1;
    }
    return end;
}

/* Turns one line (NUL-terminated in place, inside pf_ignore.text) into a rule, unless it is
 * blank or a comment. */
static void parse_line(pf_ignore *ignore, char *line, size_t len) {
    if (len > 0 && line[len - 1] == '\r') len--;
    if (len == 0 || line[0] == '#') return;
    len = trim_trailing_spaces(line, len);
    ignore_rule rule = {0};
    if (len > 0 && line[0] == '!') {
        rule.negated = true;
        line++;
        len--;
    }
    if (len > 0 && line[len - 1] == '/') {
        rule.dir_only = true;
        len--;
    }
    rule.any_depth = memchr(line, '/', len) == NULL;
    if (len > 0 && line[0] == '/') {
        line++;
        len--;
    }
    if (len == 0) return;
    line[len] = '\0';
    rule.glob = line;
    ignore->rules[ignore->count++] = rule;
}

pf_ignore *pf_ignore_parse(const char *base, const char *text, size_t len) {
    pf_ignore *ignore = pf_xcalloc(1, sizeof(*ignore));
    ignore->base = pf_xstrdup(base);
    ignore->base_len = strlen(base);
    ignore->text = pf_xstrndup(text, len);
    char *line = ignore->text;
    char *end = ignore->text + len;
    size_t lines = 1;
    for (char *p = line; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) lines++;
    ignore->rules = pf_xcalloc(lines, sizeof(*ignore->rules)); /* at most one rule a line */
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) line += 3; /* a UTF-8 byte order mark */
    while (line < end) {
        char *newline = memchr(line, '\n', (size_t)(end - line));
        char *stop = newline ? newline : end;
        parse_line(ignore, line, (size_t)(stop - line));
        line = stop + 1;
    }
    return ignore;
}

void pf_ignore_free(pf_ignore *ignore) {
    if (!ignore) return;
    free(ignore->base);
    free(ignore->text);
    free(ignore->rules);
    free(ignore);
}

/* The part of `path` below the rule set's folder, or NULL when the path is not inside it. */
static const char *below_base(const pf_ignore *ignore, const char *path) {
    if (ignore->base_len == 0) return *path ? path : NULL;
    if (strncmp(path, ignore->base, ignore->base_len) != 0 || path[ignore->base_len] != '/')
        return NULL;
    const char *rest = path + ignore->base_len + 1;
    return *rest ? rest : NULL;
}

int pf_ignore_match(const pf_ignore *ignore, const char *path, bool is_dir) {
    const char *rel = below_base(ignore, path);
    if (!rel) return 0;
    const char *slash = strrchr(rel, '/');
    const char *name = slash ? slash + 1 : rel;
    for (size_t i = ignore->count; i-- > 0;) {
        const ignore_rule *rule = &ignore->rules[i];
        if (rule->dir_only && !is_dir) continue;
        const char *subject = rule->any_depth ? name : rel;
        if (glob_match(rule->glob, rule->glob, subject) == GLOB_MATCH) return rule->negated ? -1 : 1;
    }
    return 0;
}
