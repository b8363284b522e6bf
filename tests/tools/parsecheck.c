/* parsecheck FILE...: prints the number of syntax errors tree-sitter finds in each file and
 * exits 1 if any has errors. The golden tests use it to prove expected files parse. */
#include "poolfix/source.h"
#include "poolfix/syntax.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    TSParser *parser = ts_parser_new();
    int status = 0;
    for (int i = 1; i < argc; i++) {
        pf_source source;
        char *error = NULL;
        pf_lang lang;
        if (!pf_lang_for_path(argv[i], &lang)) {
            fprintf(stderr, "%s: not a TypeScript or JavaScript file\n", argv[i]);
            status = 2;
            continue;
        }
        if (pf_source_read(argv[i], &source, &error) != PF_SOURCE_OK) {
            fprintf(stderr, "%s: %s\n", argv[i], error);
            free(error);
            status = 2;
            continue;
        }
        pf_syntax syntax;
        size_t errors = 0;
        if (pf_syntax_parse(parser, lang, source.text, source.text_len, &syntax)) {
            errors = pf_syntax_error_count(syntax.root);
            pf_syntax_free(&syntax);
        }
        printf("%s: %zu\n", argv[i], errors);
        if (errors && status == 0) status = 1;
        pf_source_free(&source);
    }
    ts_parser_delete(parser);
    return status;
}
