# PCRE2 and cJSON, as the imported targets PkgConfig::PCRE2 and PkgConfig::CJSON.
#
# By default both are Debian's shared libraries, found with pkg-config. With
# POOLFIX_STATIC_DEPS=ON (scripts/package-npm.sh) they are linked in, so that the binary needs
# no library but glibc: PCRE2 from the libpcre2-8.a that Debian's libpcre2-dev ships, cJSON
# compiled from its source file, since Debian ships no static cJSON. POOLFIX_CJSON_SOURCE_DIR
# names the folder holding cJSON.c and cJSON.h (the script unpacks Debian's cjson source
# package there, the same version and patches as the libcjson-dev the default build uses).

option(POOLFIX_STATIC_DEPS "Link PCRE2 and cJSON in statically: glibc is the only shared library" OFF)
set(POOLFIX_CJSON_SOURCE_DIR "" CACHE PATH "With POOLFIX_STATIC_DEPS: the folder holding cJSON.c and cJSON.h")

if(NOT POOLFIX_STATIC_DEPS)
  pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
  pkg_check_modules(CJSON REQUIRED IMPORTED_TARGET libcjson)
  return()
endif()

pkg_check_modules(PCRE2 REQUIRED libpcre2-8)
find_library(POOLFIX_PCRE2_ARCHIVE NAMES libpcre2-8.a HINTS ${PCRE2_LIBRARY_DIRS} NO_CACHE)
if(NOT POOLFIX_PCRE2_ARCHIVE)
  message(FATAL_ERROR "poolfix: POOLFIX_STATIC_DEPS needs libpcre2-8.a (Debian: libpcre2-dev)")
endif()
add_library(PkgConfig::PCRE2 STATIC IMPORTED)
set_target_properties(PkgConfig::PCRE2 PROPERTIES IMPORTED_LOCATION ${POOLFIX_PCRE2_ARCHIVE}
                      INTERFACE_INCLUDE_DIRECTORIES "${PCRE2_INCLUDE_DIRS}")

if(NOT EXISTS ${POOLFIX_CJSON_SOURCE_DIR}/cJSON.c OR NOT EXISTS ${POOLFIX_CJSON_SOURCE_DIR}/cJSON.h)
  message(FATAL_ERROR "poolfix: POOLFIX_STATIC_DEPS needs POOLFIX_CJSON_SOURCE_DIR, a folder with cJSON.c and cJSON.h "
                      "(scripts/package-npm.sh unpacks Debian's cjson source package for it)")
endif()
add_library(poolfix_cjson STATIC ${POOLFIX_CJSON_SOURCE_DIR}/cJSON.c)
target_include_directories(poolfix_cjson SYSTEM PUBLIC ${POOLFIX_CJSON_SOURCE_DIR})
target_compile_options(poolfix_cjson PRIVATE -O2 -w)
add_library(PkgConfig::CJSON ALIAS poolfix_cjson)
