#!/usr/bin/env bash
# Golden reports of the example app, one per format: run from the repository root,
#   poolfix scan --format FORMAT --color never examples/next-prisma-app
# must print golden/scan/report.{txt,md,json,sarif} byte for byte. Then every "Recommended
# Fix" diff of the Markdown report must be exactly what `poolfix diff` prints for the same
# --endpoint and --method.
#
# After a deliberate change (a new pass, a new finding in the example app, a new wording),
# regenerate the goldens and review the git diff line by line:
#   tests/report/run.sh --update build/poolfix
#   (or: cmake --build build --target update-report-goldens)
#
# The SARIF report names files from the top of the git work tree, so these goldens expect
# the repository to be a git checkout (examples/next-prisma-app/... in the URIs).
set -uo pipefail
update=false
if [ "${1:-}" = --update ]; then update=true; shift; fi
[ $# -eq 1 ] || { echo "usage: $0 [--update] path/to/poolfix" >&2; exit 2; }
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/../.." || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# 1. The goldens.
for format in text:txt markdown:md json:json sarif:sarif; do
  name=${format%%:*} golden=golden/scan/report.${format#*:}
  if ! "$poolfix" scan --format "$name" --color never --quiet --no-cache examples/next-prisma-app >"$work/$name" 2>"$work/err"; then
    fail "poolfix scan --format $name failed: $(cat "$work/err")"
  elif $update; then
    cp "$work/$name" "$golden" && echo "wrote $golden"
  elif ! cmp -s "$work/$name" "$golden"; then
    fail "the $name report differs from $golden (if intended: $0 --update $1):"
    diff -u "$golden" "$work/$name" | head -n 60 >&2
  fi
done

# 2. Each "**Recommended Fix:** `poolfix apply ARGS` writes:" line is followed by a blank line
# and a fenced diff, which must be what `poolfix diff ARGS` prints.
fixes=0
while IFS=: read -r line args; do
  fixes=$((fixes + 1))
  awk -v start="$((line + 3))" 'NR >= start && /^```+$/ { exit } NR >= start { print }' "$work/markdown" \
    >"$work/shown.diff"
  printf '%s' "$args" | xargs "$poolfix" diff --color never >"$work/real.diff"
  if ! cmp -s "$work/shown.diff" "$work/real.diff"; then
    fail "the Markdown diff at line $line is not what 'poolfix diff$args' prints:"
    diff -u "$work/real.diff" "$work/shown.diff" | head -n 30 >&2
  fi
done < <(grep -n '' "$work/markdown" |
         sed -n 's/^\([0-9]*\):\*\*Recommended Fix:\*\* `poolfix apply\(.*\)` writes:$/\1:\2/p')
[ "$fixes" -gt 0 ] || fail "the Markdown report shows no Recommended Fix diff"

[ "$failures" -eq 0 ]
