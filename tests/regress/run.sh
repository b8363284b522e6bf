#!/usr/bin/env bash
# Issue 16 item 5: inputs that were super-linear (Promise.all nested 1,000 deep, 8,000
# functions in a file, a destructured Promise.all of 8,000 elements) are processed, and what
# poolfix makes of them is right. How fast is bench/stress.sh's to check, not this test's.
# Usage: tests/regress/run.sh path/to/poolfix
set -uo pipefail
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../cli/support.sh"
dir=$work/inputs
bash "$(dirname "$0")/make-inputs.sh" "$dir"

# json FILE EXPR: evaluates a Python expression over the JSON report in $out (as `d`).
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(repr(($1)))" <<<"$out"; }

# 1,001 queries start at once, and no batch can bound them: an element runs 1,000 by itself.
run 0 "$poolfix" scan -q --format json nested-1000.ts
[ "$(json "d['files_scanned'], d['files_skipped']")" = "(1, 0)" ] || fail "nested-1000.ts was not processed: $err"
[ "$(json "[(f['rule'], f['queries'], f['fixable']) for f in d['findings']]")" = "[('parallel-fanout', 1001, False)]" ] ||
  fail "nested-1000.ts findings: $(json "d['findings']")"
run 0 "$poolfix" diff -q nested-1000.ts
[ -z "$out" ] || fail "nested-1000.ts was rewritten though no batch bounds it"

# Every one of the 8,000 functions runs a query of its own: each is a function of the report.
run 0 "$poolfix" scan -q --format json functions-8000.ts
[ "$(json "d['files_scanned'], d['summary']['functions']")" = "(1, 8000)" ] ||
  fail "functions-8000.ts: $(json "d['files_scanned'], d['summary']")"

# 8,000 counts at once: found, and split into 2,000 batches of 4 that keep every name.
run 0 "$poolfix" scan -q --format json destructured-8000.ts
[ "$(json "[(f['rule'], f['queries'], f['fixable']) for f in d['findings']]")" = "[('parallel-fanout', 8000, True)]" ] ||
  fail "destructured-8000.ts findings: $(json "d['findings']")"
run 0 "$poolfix" diff -q destructured-8000.ts
[ "$(grep -c '^+.*await Promise.all(\[' <<<"$out")" -eq 2000 ] || fail "destructured-8000.ts: not 2,000 batches"
for name in a0 a3 a4 a7999; do
  grep -qE "^\+  const \[([a-z0-9, ]*, )?$name(, [a-z0-9, ]*)?\] = await Promise.all" <<<"$out" ||
    fail "destructured-8000.ts: $name is bound by no batch"
done

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "regress: all checks passed"
