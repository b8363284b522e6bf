# poolfix_npm_package(NAME VERSION SHA512 OUT_DIR_VAR): fetches NAME@VERSION from the npm
# registry with `npm pack`, checks the tarball against its published sha512 integrity and
# unpacks it into the build folder; sets OUT_DIR_VAR to the folder holding `package/`.
# Nothing fetched is ever committed; a mismatch stops the configure step and deletes the
# download.
#
# An offline machine can name a tarball it already has in the environment variable
# POOLFIX_<NAME>_TGZ (NAME upper-cased, `-` as `_`: POOLFIX_TREE_SITTER_TYPESCRIPT_TGZ); it
# is checked exactly like a fresh download.
function(poolfix_npm_package name version sha512 out_dir_var)
  string(TOUPPER "${name}" env_name)
  string(REPLACE "-" "_" env_name "POOLFIX_${env_name}_TGZ")
  set(download_dir ${CMAKE_BINARY_DIR}/_deps)
  set(dir ${download_dir}/${name}-${version})
  if(DEFINED ENV{${env_name}})
    set(tgz $ENV{${env_name}})
  else()
    set(tgz ${download_dir}/${name}-${version}.tgz)
  endif()

  # .verified records the digest that was checked, so a changed pin unpacks afresh.
  set(stamp ${dir}/.verified)
  set(verified "")
  if(EXISTS ${stamp})
    file(READ ${stamp} verified)
  endif()
  if(NOT verified STREQUAL sha512)
    file(MAKE_DIRECTORY ${download_dir})
    if(NOT EXISTS ${tgz})
      find_program(NPM_EXECUTABLE npm)
      if(NOT NPM_EXECUTABLE)
        message(FATAL_ERROR "poolfix: npm is needed to fetch ${name}@${version}; run ./setup.sh or apt-get install npm")
      endif()
      message(STATUS "Fetching ${name}@${version} with npm pack")
      execute_process(
        COMMAND ${NPM_EXECUTABLE} pack ${name}@${version}
                --pack-destination ${download_dir} --fetch-timeout=30000 --fetch-retries=2
        RESULT_VARIABLE npm_result OUTPUT_QUIET ERROR_VARIABLE npm_error TIMEOUT 300)
      if(NOT npm_result EQUAL 0 OR NOT EXISTS ${tgz})
        message(FATAL_ERROR "poolfix: npm pack ${name}@${version} failed (${npm_result}): ${npm_error}")
      endif()
    endif()
    file(SHA512 ${tgz} actual_sha512)
    if(NOT actual_sha512 STREQUAL sha512)
      if(DEFINED ENV{${env_name}})
        set(disposal "Refusing to build from it.")
      else()
        file(REMOVE ${tgz})
        set(disposal "The download was deleted; refusing to build from it.")
      endif()
      message(FATAL_ERROR "poolfix: ${tgz} does not match the sha512 integrity of ${name}@${version}\n"
                          "  expected ${sha512}\n  got      ${actual_sha512}\n${disposal}")
    endif()
    file(REMOVE_RECURSE ${dir})
    file(MAKE_DIRECTORY ${dir})
    execute_process(COMMAND ${CMAKE_COMMAND} -E tar xzf ${tgz}
                    WORKING_DIRECTORY ${dir} RESULT_VARIABLE tar_result)
    if(NOT tar_result EQUAL 0)
      message(FATAL_ERROR "poolfix: could not unpack ${tgz}")
    endif()
    file(WRITE ${stamp} "${sha512}")
  endif()
  set(${out_dir_var} ${dir} PARENT_SCOPE)
endfunction()
