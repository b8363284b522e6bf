/* The prefilter: a PCRE2 (JIT) scan over raw bytes that tells whether a file could hold a
 * Prisma query at all, so that most files of a large repository are never parsed. It may
 * say yes wrongly (the parser decides), never no wrongly: every query poolfix recognises
 * is a call of a model or client method, and those names must appear in the text. */
#ifndef POOLFIX_PREFILTER_H
#define POOLFIX_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct pf_prefilter pf_prefilter;
typedef struct pf_prefilter_scratch pf_prefilter_scratch;

/* Compiled once per run and shared read-only by all threads. */
pf_prefilter *pf_prefilter_new(void);
void pf_prefilter_free(pf_prefilter *prefilter);

/* Per-thread match state. */
pf_prefilter_scratch *pf_prefilter_scratch_new(const pf_prefilter *prefilter);
void pf_prefilter_scratch_free(pf_prefilter_scratch *scratch);

bool pf_prefilter_may_match(const pf_prefilter *prefilter, pf_prefilter_scratch *scratch, const char *text,
                            size_t len);

#endif
