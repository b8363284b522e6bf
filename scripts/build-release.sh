#!/usr/bin/env bash
# Builds poolfix into BUILD (default build/) with profile-guided optimisation of its parser
# (CMakeLists.txt, POOLFIX_PROFILE): first with tree-sitter instrumented, run over the
# repository's own TypeScript (the example app, the golden cases, the test inputs: scan and
# every pass's diff), then everything again, tree-sitter optimised for what those runs
# measured. Further arguments go to cmake. A profile already in BUILD/profile is reused;
# remove that folder to measure again.
#   scripts/build-release.sh [BUILD [CMAKE_ARGS...]]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
shift || true
jobs=$(nproc)

profile=use
if [[ ! -e $build/profile/complete ]]; then
  rm -rf "$build/profile"
  cmake -S "$repo" -B "$build" "$@" -DPOOLFIX_PROFILE=generate >/dev/null
  cmake --build "$build" -j "$jobs" --target poolfix >/dev/null
  for corpus in examples golden tests; do
    # Findings make poolfix exit 1 or 3; the runs are for their profile.
    "$build/poolfix" scan -q --no-cache --include-tests --format json "$repo/$corpus" >/dev/null 2>&1 || true
    "$build/poolfix" diff -q --no-cache --include-tests --pass batch,groupby,bound,loop,hoist,take,take-top \
      "$repo/$corpus" >/dev/null 2>&1 || true
  done
  if compgen -G "$build/profile/*.gcda" >/dev/null; then
    touch "$build/profile/complete"
  else
    # Another compiler than GCC (CMakeLists.txt says so when configuring): no profile.
    echo "build-release: no profile was written (profile-guided optimisation needs GCC); building without one" >&2
    profile=
  fi
fi
cmake -S "$repo" -B "$build" "$@" -DPOOLFIX_PROFILE=$profile >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null
