# Fetches the TypeScript/TSX grammars from the npm registry with `npm pack`, checks the
# tarball against its published sha512 integrity and unpacks it into the build folder.
# The grammar sources are never committed; a mismatch stops the configure step.

set(TS_GRAMMAR_VERSION 0.23.2)
# npm integrity: sha512-e04JUUKxTT53/x3Uq1zIL45DoYKVfHH4CZqwgZhPg5qYROl5nQjV+85ruFzFGZxu+QeFVbRTPDRnqL9UbU4VeA==
# (the same digest in hex, which is what CMake's file(SHA512) prints):
set(TS_GRAMMAR_SHA512
    7b4e095142b14d3e77ff1dd4ab5cc82f8e43a182957c71f8099ab081984f839a9844e9799d08d5fbce6bb85cc5199c6ef9078555b4533c3467a8bf546d4e1578)

set(TS_GRAMMAR_TGZ_NAME tree-sitter-typescript-${TS_GRAMMAR_VERSION}.tgz)
set(TS_GRAMMAR_DOWNLOAD_DIR ${CMAKE_BINARY_DIR}/_deps)
set(TS_GRAMMAR_DIR ${TS_GRAMMAR_DOWNLOAD_DIR}/tree-sitter-typescript-${TS_GRAMMAR_VERSION})

# POOLFIX_GRAMMAR_TGZ lets an offline machine point at a tarball it already has; it is
# checked exactly like a fresh download.
if(DEFINED ENV{POOLFIX_GRAMMAR_TGZ})
  set(TS_GRAMMAR_TGZ $ENV{POOLFIX_GRAMMAR_TGZ})
else()
  set(TS_GRAMMAR_TGZ ${TS_GRAMMAR_DOWNLOAD_DIR}/${TS_GRAMMAR_TGZ_NAME})
endif()

if(NOT EXISTS ${TS_GRAMMAR_DIR}/.verified)
  file(MAKE_DIRECTORY ${TS_GRAMMAR_DOWNLOAD_DIR})
  if(NOT EXISTS ${TS_GRAMMAR_TGZ})
    find_program(NPM_EXECUTABLE npm)
    if(NOT NPM_EXECUTABLE)
      message(FATAL_ERROR "poolfix: npm is needed to fetch tree-sitter-typescript@${TS_GRAMMAR_VERSION}; run ./setup.sh or apt-get install npm")
    endif()
    message(STATUS "Fetching tree-sitter-typescript@${TS_GRAMMAR_VERSION} with npm pack")
    execute_process(
      COMMAND ${NPM_EXECUTABLE} pack tree-sitter-typescript@${TS_GRAMMAR_VERSION}
              --pack-destination ${TS_GRAMMAR_DOWNLOAD_DIR} --fetch-timeout=30000 --fetch-retries=1
      RESULT_VARIABLE npm_result OUTPUT_QUIET ERROR_VARIABLE npm_error TIMEOUT 180)
    if(NOT npm_result EQUAL 0 OR NOT EXISTS ${TS_GRAMMAR_TGZ})
      message(FATAL_ERROR "poolfix: npm pack tree-sitter-typescript@${TS_GRAMMAR_VERSION} failed (${npm_result}): ${npm_error}")
    endif()
  endif()
  file(SHA512 ${TS_GRAMMAR_TGZ} actual_sha512)
  if(NOT actual_sha512 STREQUAL TS_GRAMMAR_SHA512)
    if(DEFINED ENV{POOLFIX_GRAMMAR_TGZ})
      set(disposal "Refusing to build from it.")
    else()
      file(REMOVE ${TS_GRAMMAR_TGZ})
      set(disposal "The download was deleted; refusing to build from it.")
    endif()
    message(FATAL_ERROR "poolfix: ${TS_GRAMMAR_TGZ} does not match the sha512 integrity of "
                        "tree-sitter-typescript@${TS_GRAMMAR_VERSION}\n  expected ${TS_GRAMMAR_SHA512}\n  got      ${actual_sha512}\n"
                        "${disposal}")
  endif()
  file(REMOVE_RECURSE ${TS_GRAMMAR_DIR})
  file(MAKE_DIRECTORY ${TS_GRAMMAR_DIR})
  execute_process(COMMAND ${CMAKE_COMMAND} -E tar xzf ${TS_GRAMMAR_TGZ}
                  WORKING_DIRECTORY ${TS_GRAMMAR_DIR} RESULT_VARIABLE tar_result)
  if(NOT tar_result EQUAL 0)
    message(FATAL_ERROR "poolfix: could not unpack ${TS_GRAMMAR_TGZ}")
  endif()
  file(TOUCH ${TS_GRAMMAR_DIR}/.verified)
endif()

# One object library per grammar: each must see its own src/tree_sitter/parser.h, never
# Debian's older /usr/include/tree_sitter/parser.h. The grammar's own C is not held to our
# warning flags.
foreach(lang typescript tsx)
  set(src ${TS_GRAMMAR_DIR}/package/${lang}/src)
  add_library(grammar_${lang} OBJECT ${src}/parser.c ${src}/scanner.c)
  target_include_directories(grammar_${lang} BEFORE PRIVATE ${src})
  target_compile_options(grammar_${lang} PRIVATE -O2 -w)
  set_target_properties(grammar_${lang} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
endforeach()
add_library(ts_grammars STATIC $<TARGET_OBJECTS:grammar_typescript> $<TARGET_OBJECTS:grammar_tsx>)
