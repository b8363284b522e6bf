# The tree-sitter core and the TypeScript/TSX grammars, both from the npm registry, pinned by
# version and sha512 integrity (cmake/npm_package.cmake), compiled into static libraries.
#
# The core is tree-sitter 0.25.1's amalgamation (vendor/tree-sitter/lib/src/lib.c), not
# Debian's libtree-sitter 0.20.7: 0.20.7 corrupts its heap deleting the tree of some
# unterminated inputs (tests/regress/inputs/deep-unterminated-object.ts), and the static -O3 build
# parses faster than the shared library. 0.25 loads grammars of ABI 13 to 15; the grammar
# declares 14.

include(${CMAKE_CURRENT_LIST_DIR}/npm_package.cmake)

# npm integrity sha512-mrcEdkYtHfrK1A6fs3O6FxkBo0Qig5XUXqHhxUOQu0bmPo00QF4XaSx4edpazdHwxnSCjlGKGgIqWdaN4dvTLA==
poolfix_npm_package(tree-sitter 0.25.1
  9ab70476462d1dfacad40e9fb373ba171901a344228395d45ea1e1c54390bb46e63e8d34405e17692c7879da5acdd1f0c674828e518a1a022a59d68de1dbd32c
  TS_CORE_DIR)
# npm integrity sha512-e04JUUKxTT53/x3Uq1zIL45DoYKVfHH4CZqwgZhPg5qYROl5nQjV+85ruFzFGZxu+QeFVbRTPDRnqL9UbU4VeA==
poolfix_npm_package(tree-sitter-typescript 0.23.2
  7b4e095142b14d3e77ff1dd4ab5cc82f8e43a182957c71f8099ab081984f839a9844e9799d08d5fbce6bb85cc5199c6ef9078555b4533c3467a8bf546d4e1578
  TS_GRAMMAR_DIR)

# Third-party C is not held to our warning flags, and is always optimised: the sanitizer
# build instruments our code, not the parser's inner loops.
set(ts_core ${TS_CORE_DIR}/package/vendor/tree-sitter/lib)
add_library(tree_sitter_core STATIC ${ts_core}/src/lib.c)
target_include_directories(tree_sitter_core PUBLIC ${ts_core}/include PRIVATE ${ts_core}/src)
# Its allocations go through ours (include/poolfix/tree_memory.h: a file's trees come from
# blocks dropped at once, not from millions of mallocs and frees).
target_compile_definitions(tree_sitter_core PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE
                           ts_malloc=pf_tree_malloc ts_calloc=pf_tree_calloc ts_realloc=pf_tree_realloc
                           ts_free=pf_tree_free)
target_compile_options(tree_sitter_core PRIVATE -include ${CMAKE_SOURCE_DIR}/include/poolfix/tree_memory.h)
target_link_libraries(tree_sitter_core PUBLIC poolfix_tree_memory)
target_compile_options(tree_sitter_core PRIVATE -O3 -w ${POOLFIX_PROFILE_FLAGS})
set_target_properties(tree_sitter_core PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)

# One object library per grammar: each must see its own src/tree_sitter/parser.h, never
# another copy of that header.
foreach(lang typescript tsx)
  set(src ${TS_GRAMMAR_DIR}/package/${lang}/src)
  add_library(grammar_${lang} OBJECT ${src}/parser.c ${src}/scanner.c)
  target_include_directories(grammar_${lang} BEFORE PRIVATE ${src})
  target_compile_options(grammar_${lang} PRIVATE -O2 -w ${POOLFIX_PROFILE_FLAGS})
  set_target_properties(grammar_${lang} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
endforeach()
add_library(ts_grammars STATIC $<TARGET_OBJECTS:grammar_typescript> $<TARGET_OBJECTS:grammar_tsx>)
target_link_libraries(ts_grammars PUBLIC tree_sitter_core)
