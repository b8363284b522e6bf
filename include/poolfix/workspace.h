/* One run of a command over the PATHs: discovery, schemas, worker threads, and output in
 * path order whatever the thread count. */
#ifndef POOLFIX_WORKSPACE_H
#define POOLFIX_WORKSPACE_H

#include "poolfix/options.h"

/* Runs scan, diff or apply and returns the process exit code (see --help). */
int pf_workspace_run(const pf_options *options);

#endif
