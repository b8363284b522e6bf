/* poolfix: the command-line entry point. */
#include "poolfix/cli.h"
#include "poolfix/explain.h"
#include "poolfix/workspace.h"

#include <stdio.h>

int main(int argc, char **argv) {
    pf_options options;
    pf_cli_result parsed = pf_cli_parse(argc, argv, &options, stdout, stderr);
    int code = parsed == PF_CLI_EXIT_OK ? 0 : 2;
    if (parsed == PF_CLI_RUN)
        code = options.command == PF_CMD_EXPLAIN ? pf_explain(options.explain_topic, stdout, stderr)
                                                 : pf_workspace_run(&options);
    pf_options_free(&options);
    return code;
}
