#!/usr/bin/env bash
# The tree-sitter core and grammar tarballs are checked against their npm sha512 integrity:
# configuring with any other tarball must stop with a clear message, and nothing is built
# from it.
# Usage: tests/build/integrity.sh SOURCE_DIR BUILD_DIR (whose verified tarballs stand in for
# the packages not under test, so that the test needs no network)
set -uo pipefail
src=$1 build=$2
packages=(tree-sitter:0.25.1 tree-sitter-typescript:0.23.2)
tgz_var() { printf 'POOLFIX_%s_TGZ' "$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'not an npm tarball\n' >"$work/tampered.tgz"
fail=0
for package in "${packages[@]}"; do
  name=${package%%:*} version=${package#*:}
  vars=("$(tgz_var "$name")=$work/tampered.tgz")
  for other in "${packages[@]}"; do
    [ "$other" = "$package" ] && continue
    tgz=$build/_deps/${other%%:*}-${other#*:}.tgz
    [ -f "$tgz" ] && vars+=("$(tgz_var "${other%%:*}")=$tgz")
  done
  rm -rf "$work/build"
  if env "${vars[@]}" cmake -S "$src" -B "$work/build" -DBUILD_TESTING=OFF >"$work/out" 2>&1; then
    echo "FAIL: configuring with a tampered $name tarball (${vars[0]%%=*}) succeeded" >&2
    fail=1
    continue
  fi
  # CMake wraps long messages: compare with the lines joined.
  if ! tr -s ' \n' ' ' <"$work/out" | grep -q "does not match the sha512 integrity of $name@$version"; then
    echo "FAIL: no integrity message for $name; cmake said:" >&2
    cat "$work/out" >&2
    fail=1
  fi
  if [ -e "$work/build/_deps/$name-$version/.verified" ]; then
    echo "FAIL: the tampered $name tarball was unpacked" >&2
    fail=1
  fi
done
[ $fail = 0 ] && echo "integrity check refuses a tampered tree-sitter core and grammar tarball"
exit $fail
