#!/usr/bin/env bash
# The whole test suite, as CI runs it: unit, golden, command-line and report tests on a
# -Werror build; the same again under AddressSanitizer + UndefinedBehaviorSanitizer; each
# libFuzzer target for a short fixed time (POOLFIX_FUZZ_SECONDS, 30 s); the npm packages; then
# the end-to-end proof against PostgreSQL and Prisma. Run ./setup.sh once first.
# POOLFIX_E2E_UNDER_LOAD=1 runs that last stage while busy loops occupy every core
# (tests/e2e/under-load.sh), as on a shared CI machine.
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc)

echo "== build (-Wall -Wextra -Werror)"
scripts/build-release.sh build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOOLFIX_WERROR=ON
echo "== tests"
ctest --test-dir build -j "$jobs" --output-on-failure

echo "== build and tests under ASan + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPOOLFIX_SANITIZE=ON -DPOOLFIX_WERROR=ON >/dev/null
cmake --build build-asan -j "$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan -j "$jobs" --output-on-failure

echo "== fuzzing: every libFuzzer target for ${POOLFIX_FUZZ_SECONDS:-30} s (tests/fuzz/run.sh)"
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOOLFIX_FUZZ=ON \
  -DBUILD_TESTING=OFF -DPOOLFIX_WERROR=ON >/dev/null
cmake --build build-fuzz -j "$jobs" >/dev/null
tests/fuzz/run.sh --seconds "${POOLFIX_FUZZ_SECONDS:-30}" build-fuzz

echo "== npm packages: built, installed in a clean folder, run with npx"
tests/npm/run.sh

echo "== end to end: the example app on PostgreSQL, before and after every rewrite"
if [[ ${POOLFIX_E2E_UNDER_LOAD:-0} == 1 ]]; then
  tests/e2e/under-load.sh tests/e2e/run.sh "$PWD/build/poolfix"
else
  tests/e2e/run.sh "$PWD/build/poolfix"
fi
echo "== all tests passed"
