#!/usr/bin/env bash
# Crash isolation: a crash while one file is processed (a poolfix bug; here a fault the shim
# puts into the prefilter, see crash_on_marker.c) skips that file with one line naming it
# and the signal; every other file is still processed, in scan, diff and apply, exit 3.
# Usage: tests/isolation/run.sh path/to/poolfix path/to/crash_on_marker.so
set -uo pipefail
poolfix=$1 shim=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

fanout() {
  printf 'export async function GET() {\n  // %s\n  const [a, b, c, d, e] = await Promise.all([\n' "$1"
  printf '    prisma.student.count(),\n    prisma.user.count(),\n    prisma.school.count(),\n'
  printf '    prisma.visit.count(),\n    prisma.class.count(),\n  ]);\n  return Response.json({ a, b, c, d, e });\n}\n'
}
repo=$work/repo
mkdir -p "$repo/app"
for i in 1 2 3 4 5 6; do fanout "fine $i" > "$repo/app/fine$i.ts"; done
fanout POOLFIX-TEST-NULL-READ > "$repo/app/null-read.ts"
fanout POOLFIX-TEST-STACK-OVERFLOW > "$repo/app/overflow.ts"

for command in scan diff; do
  for jobs in 1 4; do
    (cd "$repo" && LD_PRELOAD=$shim "$poolfix" "$command" -j "$jobs" app >"$work/out" 2>"$work/err"); code=$?
    [ "$code" -eq 3 ] || fail "$command -j $jobs exited $code, expected 3; stderr: $(cat "$work/err")"
    grep -qF "app/null-read.ts: poolfix crashed on this file (SIGSEGV, a bug: please report it with the file); skipped" "$work/err" \
      || fail "$command -j $jobs: no line for the null read: $(cat "$work/err")"
    grep -qF "app/overflow.ts: poolfix crashed on this file (SIGSEGV" "$work/err" \
      || fail "$command -j $jobs: no line for the stack overflow: $(cat "$work/err")"
    [ "$(grep -c crashed "$work/err")" -eq 2 ] || fail "$command -j $jobs: expected 2 crash lines: $(cat "$work/err")"
    if [ "$command" = diff ]; then
      [ "$(grep -c '^+++ b/app/fine' "$work/out")" -eq 6 ] || fail "diff -j $jobs did not rewrite the six other files"
    else
      grep -q "6 files scanned, 2 skipped" "$work/out" || fail "scan -j $jobs: $(head -3 "$work/out")"
    fi
  done
done

git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@t commit -qm init
(cd "$repo" && LD_PRELOAD=$shim "$poolfix" apply app >"$work/out" 2>"$work/err"); code=$?
[ "$code" -eq 3 ] || fail "apply exited $code, expected 3; stderr: $(cat "$work/err")"
[ "$(grep -c '^rewrote app/fine' "$work/out")" -eq 6 ] || fail "apply did not rewrite the six other files: $(cat "$work/out")"
git -C "$repo" diff --quiet -- app/null-read.ts app/overflow.ts || fail "apply wrote a file it crashed on"

if [ "$failures" -ne 0 ]; then echo "$failures isolation check(s) failed" >&2; exit 1; fi
echo "all isolation checks passed"
