/* PCRE2 prefilter (see prefilter.h). */
#include "poolfix/prefilter.h"

#include "poolfix/arena.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>

/* Whitespace and comments, as many as there are: `prisma.user // the reader\n .findMany(`.
 * Every quantifier is possessive: two gaps side by side could otherwise share a run of
 * indentation in quadratically many ways when a match fails (measured: 5.4 s instead of
 * 15 ms over civitai's 44 MB). */
#define GAP "(?:\\s++|//[^\\n]*+|/\\*(?:[^*]++|\\*++(?!/))*+\\*/)*+"

/* A call poolfix recognises as a query (see queries.c, whose method lists this follows):
 * a model method on a delegate, `x.user.findMany(` (the `.user` is what keeps `rows.count(`
 * and `array.filter(...).count(` out), or a client method, `x.$queryRaw\``. `$use` and
 * `$extends` let in files that hook a client without querying (middleware registered from
 * a start-up module): the program must see that hook wherever the client is used. Generic
 * arguments (`findUnique<T>(`), optional chains and non-null assertions are allowed. The
 * pattern starts with a literal `.`, so PCRE2 scans for that byte before trying a match. */
static const char pattern[] =
    "\\." GAP "(?:[\\w$]++" GAP "(?:!" GAP ")?\\??\\." GAP
    "(?:findMany|findFirst(?:OrThrow)?|findUnique(?:OrThrow)?|count|aggregate|groupBy|"
    "create(?:Many(?:AndReturn)?)?|update(?:Many(?:AndReturn)?)?|upsert|delete(?:Many)?)|"
    "\\$(?:queryRaw(?:Unsafe)?|executeRaw(?:Unsafe)?|transaction|runCommandRaw|use|extends))" GAP "[(`<]";

struct pf_prefilter {
    pcre2_code *code;
    bool jit;
};

struct pf_prefilter_scratch {
    pcre2_match_data *match;
};

pf_prefilter *pf_prefilter_new(void) {
    pf_prefilter *prefilter = pf_xcalloc(1, sizeof(*prefilter));
    int code;
    PCRE2_SIZE offset;
    prefilter->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, &code, &offset, NULL);
    if (!prefilter->code) abort(); /* a constant pattern: failing here is a build defect */
    prefilter->jit = pcre2_jit_compile(prefilter->code, PCRE2_JIT_COMPLETE) == 0;
    return prefilter;
}

void pf_prefilter_free(pf_prefilter *prefilter) {
    if (!prefilter) return;
    pcre2_code_free(prefilter->code);
    free(prefilter);
}

pf_prefilter_scratch *pf_prefilter_scratch_new(const pf_prefilter *prefilter) {
    pf_prefilter_scratch *scratch = pf_xcalloc(1, sizeof(*scratch));
    scratch->match = pcre2_match_data_create_from_pattern(prefilter->code, NULL);
    if (!scratch->match) abort();
    return scratch;
}

void pf_prefilter_scratch_free(pf_prefilter_scratch *scratch) {
    if (!scratch) return;
    pcre2_match_data_free(scratch->match);
    free(scratch);
}

bool pf_prefilter_may_match(const pf_prefilter *prefilter, pf_prefilter_scratch *scratch, const char *text,
                            size_t len) {
    int rc = prefilter->jit
                 ? pcre2_jit_match(prefilter->code, (PCRE2_SPTR)text, len, 0, 0, scratch->match, NULL)
                 : pcre2_match(prefilter->code, (PCRE2_SPTR)text, len, 0, 0, scratch->match, NULL);
    /* Anything but "no match" (a resource limit, say) must let the file through. */
    return rc != PCRE2_ERROR_NOMATCH;
}
