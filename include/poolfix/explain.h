/* `poolfix explain`: what a finding means and what its rewrite does, with an example. */
#ifndef POOLFIX_EXPLAIN_H
#define POOLFIX_EXPLAIN_H

#include <stdio.h>

/* The documentation of a rule, pass (or its alias), or `severity`; NULL for anything else. */
const char *pf_explain_doc(const char *topic);

/* Prints the documentation of a rule, pass, or `severity`; with no topic, the list of
 * topics. Returns the exit code (2 for an unknown topic). */
int pf_explain(const char *topic, FILE *out, FILE *err);

#endif
