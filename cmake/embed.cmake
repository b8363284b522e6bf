# Turns a Markdown document into a C header holding it as a string, so that
# `poolfix explain` prints the same text that is reviewed in the repository.
# Usage: cmake -DINPUT=transforms/batch.md -DOUTPUT=batch.md.h -DNAME=pf_doc_batch -P embed.cmake
file(READ ${INPUT} content)
string(REPLACE "\\" "\\\\" content "${content}")
string(REPLACE "\"" "\\\"" content "${content}")
string(REPLACE "\n" "\\n\"\n    \"" content "${content}")
get_filename_component(source_name ${INPUT} NAME)
file(WRITE ${OUTPUT}.tmp "/* Generated from ${source_name} by cmake/embed.cmake: do not edit. */\nstatic const char ${NAME}[] =\n    \"${content}\";\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
