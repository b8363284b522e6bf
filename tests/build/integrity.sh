#!/usr/bin/env bash
# The grammar tarball is checked against its npm sha512 integrity: configuring with any other
# tarball must stop with a clear message (and nothing is built from it).
# Usage: tests/build/integrity.sh SOURCE_DIR
set -uo pipefail
src=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'not the tree-sitter-typescript tarball\n' >"$work/tampered.tgz"
if POOLFIX_GRAMMAR_TGZ=$work/tampered.tgz cmake -S "$src" -B "$work/build" -DBUILD_TESTING=OFF >"$work/out" 2>&1; then
  echo "FAIL: configuring with a tampered grammar tarball succeeded" >&2
  exit 1
fi
if ! grep -q "does not match the sha512" "$work/out"; then
  echo "FAIL: no integrity message; cmake said:" >&2
  cat "$work/out" >&2
  exit 1
fi
if [ -e "$work/build/_deps/tree-sitter-typescript-0.23.2/.verified" ]; then
  echo "FAIL: the tampered tarball was unpacked" >&2
  exit 1
fi
echo "integrity check refuses a tampered grammar tarball"
