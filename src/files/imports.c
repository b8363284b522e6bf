/* The import scan (see imports.h). */
#include "poolfix/imports.h"

#include "poolfix/arena.h"
#include "poolfix/str.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

/* A specifier after `from`, `import`, `import(` or `require(`. */
static const char specifier_pattern[] = "\\b(?:from|import|require)\\s*\\(?\\s*(['\"])([^'\"\\n]{1,300})\\1";

/* What an endpoint declaration looks like in text (see imports.h). */
static const char endpoint_pattern[] =
    "(?:['\"]use server['\"]"
    "|\\.(?:query|mutation|subscription)\\s*\\("
    "|\\b(?:router|createTRPCRouter|createRouter)\\s*\\(\\s*\\{"
    "|@Controller\\s*\\("
    "|\\.(?:get|post|put|patch|delete|all|options|head|use|route)\\s*\\(\\s*['\"`]/"
    "|\\bexport\\s+(?:async\\s+)?(?:function\\*?|const|let|var)\\s+(?:loader|action|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\\b)";

struct pf_import_scanner {
    pcre2_code *specifier;
    pcre2_code *endpoint;
};

struct pf_import_scratch {
    pcre2_match_data *match;
};

/* Compiles a constant pattern with JIT when available; a failure is a build defect. */
static pcre2_code *compile(const char *pattern) {
    int code;
    PCRE2_SIZE offset;
    pcre2_code *compiled = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, &code, &offset, NULL);
    if (!compiled) abort();
    pcre2_jit_compile(compiled, PCRE2_JIT_COMPLETE);
    return compiled;
}

pf_import_scanner *pf_import_scanner_new(void) {
    pf_import_scanner *scanner = pf_xcalloc(1, sizeof(*scanner));
    scanner->specifier = compile(specifier_pattern);
    scanner->endpoint = compile(endpoint_pattern);
    return scanner;
}

void pf_import_scanner_free(pf_import_scanner *scanner) {
    if (!scanner) return;
    pcre2_code_free(scanner->specifier);
    pcre2_code_free(scanner->endpoint);
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

void pf_import_scan_text(const pf_import_scanner *scanner, pf_import_scratch *scratch, const char *text, size_t len,
                         pf_import_scan *out) {
    memset(out, 0, sizeof(*out));
    for (PCRE2_SIZE at = 0; at < len;) {
        int rc = pcre2_match(scanner->specifier, (PCRE2_SPTR)text, len, at, 0, scratch->match, NULL);
        if (rc < 3) break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(scratch->match);
        pf_str spec = pf_str_make(text + ov[4], ov[5] - ov[4]);
        bool seen = false;
        for (size_t i = 0; i < out->count && !seen; i++) seen = pf_str_eq_c(spec, out->specifiers[i]);
        if (!seen) pf_strings_push(&out->specifiers, &out->count, pf_xstrndup(spec.ptr, spec.len));
        at = ov[1] > at ? ov[1] : at + 1;
    }
    out->may_declare_endpoint =
        pcre2_match(scanner->endpoint, (PCRE2_SPTR)text, len, 0, 0, scratch->match, NULL) >= 0;
}

void pf_import_scan_free(pf_import_scan *scan) {
    pf_strings_free(scan->specifiers, scan->count);
    memset(scan, 0, sizeof(*scan));
}
