/* The import scan (see imports.h). */
#define _GNU_SOURCE /* memmem */
#include "poolfix/imports.h"

#include "poolfix/arena.h"
#include "poolfix/str.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* A specifier after `from`, `import`, `import(` or `require(`: compiled anchored, and tried
 * only where one of its keywords occurs (memmem), in the order they occur. Left to find the
 * next match itself, PCRE2 tried one at every f, i and r (civitai: 41 ms of CPU, now 13). */
static const char specifier_pattern[] = "\\b(?:from|import|require)\\s*\\(?\\s*(['\"])([^'\"\\n]{1,300})\\1";
static const char *const specifier_keywords[] = {"from", "import", "require"};
#define KEYWORD_COUNT (sizeof(specifier_keywords) / sizeof(*specifier_keywords))

/* What an endpoint declaration looks like in text (see imports.h), as two patterns: one for
 * the shapes that start with a `.`, which PCRE2 finds by scanning for that byte alone, and
 * one for the others, tried only where a literal each of them holds occurs (`endpoint_anchors`).
 * One alternation of them all took three quarters of the first look's time: it could start
 * at any `e`, `r`, `c`, quote or `.` (civitai: 120 ms of CPU, now 36). */
static const char endpoint_dotted_pattern[] =
    "\\.(?:(?:query|mutation|subscription)\\s*\\("
    "|(?:get|post|put|patch|delete|all|options|head|use|route)\\s*\\(\\s*['\"`]/)";
static const char endpoint_anchored_pattern[] =
    "(?:['\"]use server['\"]"
    "|\\b(?:router|createTRPCRouter|createRouter)\\s*\\(\\s*\\{"
    "|@Controller\\s*\\("
    "|\\bexport\\s+(?:async\\s+)?(?:function\\*?|const|let|var)\\s+(?:loader|action|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\\b)";

/* A literal of endpoint_anchored_pattern's shapes, and where a shape holding it starts: that
 * many bytes before it (-1 ends the list). */
static const struct {
    const char *literal;
    int back[4];
} endpoint_anchors[] = {
    {"use server", {1, -1}},   /* 'use server' */
    {"@Controller", {0, -1}},
    {"outer", {1, 11, 7, -1}}, /* router, createTRPCRouter, createRouter */
    {"export", {0, -1}},
};

struct pf_import_scanner {
    pcre2_code *specifier;
    pcre2_code *endpoint_dotted;
    pcre2_code *endpoint_anchored;
};

struct pf_import_scratch {
    pcre2_match_data *match;
};

/* Compiles a constant pattern with JIT when available; a failure is a build defect. */
static pcre2_code *compile(const char *pattern, uint32_t options) {
    int code;
    PCRE2_SIZE offset;
    pcre2_code *compiled = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, options, &code, &offset, NULL);
    if (!compiled) abort();
    pcre2_jit_compile(compiled, PCRE2_JIT_COMPLETE);
    return compiled;
}

pf_import_scanner *pf_import_scanner_new(void) {
    pf_import_scanner *scanner = pf_xcalloc(1, sizeof(*scanner));
    scanner->specifier = compile(specifier_pattern, PCRE2_ANCHORED);
    scanner->endpoint_dotted = compile(endpoint_dotted_pattern, 0);
    /* Anchored when compiled, so that its matches run JIT code. */
    scanner->endpoint_anchored = compile(endpoint_anchored_pattern, PCRE2_ANCHORED);
    return scanner;
}

void pf_import_scanner_free(pf_import_scanner *scanner) {
    if (!scanner) return;
    pcre2_code_free(scanner->specifier);
    pcre2_code_free(scanner->endpoint_dotted);
    pcre2_code_free(scanner->endpoint_anchored);
    free(scanner);
}

pf_import_scratch *pf_import_scratch_new(const pf_import_scanner *scanner) {
    pf_import_scratch *scratch = pf_xcalloc(1, sizeof(*scratch));
    scratch->match = pcre2_match_data_create_from_pattern(scanner->specifier, NULL);
    if (!scratch->match) abort();
    return scratch;
}

void pf_import_scratch_free(pf_import_scratch *scratch) {
    if (!scratch) return;
    pcre2_match_data_free(scratch->match);
    free(scratch);
}

/* Where `literal` next occurs at or after `from`, or `len`. */
static size_t next_literal(const char *text, size_t len, size_t from, const char *literal) {
    const char *found = from < len ? memmem(text + from, len - from, literal, strlen(literal)) : NULL;
    return found ? (size_t)(found - text) : len;
}

/* Whether `text` may declare an endpoint: a match of either endpoint pattern anywhere. */
static bool may_declare_endpoint(const pf_import_scanner *scanner, pf_import_scratch *scratch, const char *text,
                                 size_t len) {
    if (pcre2_match(scanner->endpoint_dotted, (PCRE2_SPTR)text, len, 0, 0, scratch->match, NULL) >= 0) return true;
    for (size_t a = 0; a < sizeof(endpoint_anchors) / sizeof(*endpoint_anchors); a++) {
        const char *literal = endpoint_anchors[a].literal;
        for (size_t at = next_literal(text, len, 0, literal); at < len; at = next_literal(text, len, at + 1, literal))
            for (const int *back = endpoint_anchors[a].back; *back >= 0; back++)
                if (at >= (size_t)*back && pcre2_match(scanner->endpoint_anchored, (PCRE2_SPTR)text, len,
                                                      at - (size_t)*back, 0, scratch->match, NULL) >= 0)
                    return true;
    }
    return false;
}

void pf_import_scan_text(const pf_import_scanner *scanner, pf_import_scratch *scratch, const char *text, size_t len,
                         pf_import_scan *out) {
    memset(out, 0, sizeof(*out));
    /* Each match starts at a keyword: the keywords' occurrences in order are where to try. */
    size_t next[KEYWORD_COUNT];
    for (size_t k = 0; k < KEYWORD_COUNT; k++) next[k] = next_literal(text, len, 0, specifier_keywords[k]);
    for (;;) {
        size_t first = 0;
        for (size_t k = 1; k < KEYWORD_COUNT; k++)
            if (next[k] < next[first]) first = k;
        size_t at = next[first];
        if (at >= len) break;
        if (pcre2_match(scanner->specifier, (PCRE2_SPTR)text, len, at, 0, scratch->match, NULL) < 3) {
            next[first] = next_literal(text, len, at + 1, specifier_keywords[first]);
            continue;
        }
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(scratch->match);
        pf_str spec = pf_str_make(text + ov[4], ov[5] - ov[4]);
        bool seen = false;
        for (size_t i = 0; i < out->count && !seen; i++) seen = pf_str_eq_c(spec, out->specifiers[i]);
        if (!seen) pf_strings_push(&out->specifiers, &out->count, pf_xstrndup(spec.ptr, spec.len));
        for (size_t k = 0; k < KEYWORD_COUNT; k++)
            if (next[k] < ov[1]) next[k] = next_literal(text, len, ov[1], specifier_keywords[k]);
    }
    out->may_declare_endpoint = may_declare_endpoint(scanner, scratch, text, len);
}

void pf_import_scan_free(pf_import_scan *scan) {
    pf_strings_free(scan->specifiers, scan->count);
    memset(scan, 0, sizeof(*scan));
}
