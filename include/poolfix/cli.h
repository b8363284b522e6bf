/* The command line: turns argv (over poolfix.json, over defaults) into pf_options. */
#ifndef POOLFIX_CLI_H
#define POOLFIX_CLI_H

#include "poolfix/options.h"

#include <stdio.h>

typedef enum pf_cli_result {
    PF_CLI_RUN,         /* options are ready: run the command */
    PF_CLI_EXIT_OK,     /* --help or --version was printed */
    PF_CLI_USAGE_ERROR  /* a one-line error was printed to `err`: exit 2 */
} pf_cli_result;

/* Parses argv. Whatever the result, `options` must be freed with pf_options_free(). */
pf_cli_result pf_cli_parse(int argc, char **argv, pf_options *options, FILE *out, FILE *err);
void pf_cli_print_usage(FILE *out);

#endif
