/* poolfix-ignore comments: `// poolfix-ignore-next-line [rule,...]` covers findings that
 * start on the next line, `// poolfix-ignore-file [rule,...]` the whole file; without rule
 * ids they cover every rule. Suppressed findings are still counted, never dropped. */
#ifndef POOLFIX_SUPPRESS_H
#define POOLFIX_SUPPRESS_H

#include "poolfix/arena.h"
#include "poolfix/findings.h"
#include "poolfix/syntax.h"

typedef struct pf_suppression_line {
    int line;      /* the line the comment covers */
    unsigned rules; /* bit per pf_rule */
} pf_suppression_line;

typedef struct pf_suppressions {
    unsigned file_rules;
    PF_VEC(pf_suppression_line) lines;
    PF_VEC(const char *) problems; /* "line 3: unknown rule `paralel-fanout`" */
} pf_suppressions;

void pf_suppressions_read(const pf_syntax *syntax, pf_arena *arena, pf_suppressions *out);
bool pf_is_suppressed(const pf_suppressions *suppressions, pf_rule rule, int line);

#endif
