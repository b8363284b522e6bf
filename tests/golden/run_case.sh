#!/usr/bin/env bash
# Runs one golden case: golden/<pass>/<case>/ holds input.<ext>, expected.<ext>, and
# optionally `args` (extra command-line arguments, one per line), `path` (where the input
# sits in the project, e.g. app/api/x/route.ts, for route-aware cases) and project files
# such as schema.prisma or poolfix.json. Checks, in a scratch copy of the case:
#   1. `poolfix apply` turns input into exactly expected;
#   2. the `poolfix diff` output applies to input with `git apply` and gives expected;
#   3. expected parses (no more syntax errors than input has);
#   4. running poolfix on expected changes nothing (idempotence);
#   5. with a `reason` file, each of its lines is part of a finding's decline reason (so a
#      declined case is declined for the reason it is about, not for another one).
set -euo pipefail
poolfix=$1 parsecheck=$2 case_dir=$3

fail() { echo "golden $(basename "$(dirname "$case_dir")")/$(basename "$case_dir"): $*" >&2; exit 1; }

input=$(cd "$case_dir" && ls input.* 2>/dev/null | head -n 1) || true
[ -n "$input" ] || fail "no input file"
ext=${input#input.}
expected="expected.$ext"
[ -f "$case_dir/$expected" ] || fail "no $expected"
args=()
if [ -f "$case_dir/args" ]; then mapfile -t args < <(grep -v '^[[:space:]]*$' "$case_dir/args"); fi
target=$input
if [ -f "$case_dir/path" ]; then target=$(head -n 1 "$case_dir/path"); fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A fresh copy of the case's project files (everything but the expected output) per check.
# The input goes to its `path` (default: its own name).
stage() {
  cp -R "$case_dir" "$work/$1"
  rm -f "$work/$1"/expected.* "$work/$1"/input.* "$work/$1/args" "$work/$1/path"
  mkdir -p "$(dirname "$work/$1/$target")"
  cp "$case_dir/${2:-$input}" "$work/$1/$target"
}

# 1. apply
stage apply
(cd "$work/apply" && "$poolfix" apply --quiet --allow-dirty "${args[@]}" . >/dev/null) \
  || fail "poolfix apply exited $?"
cmp -s "$work/apply/$target" "$case_dir/$expected" \
  || { diff -u "$case_dir/$expected" "$work/apply/$target" >&2 || true; fail "apply output differs from $expected"; }

# 2. diff | git apply
stage patch
(cd "$work/patch" && "$poolfix" diff --quiet --color always "${args[@]}" . > "$work/colored.diff") || fail "poolfix diff exited $?"
(cd "$work/patch" && "$poolfix" diff --quiet "${args[@]}" . > "$work/plain.diff") || fail "poolfix diff exited $?"
if grep -q $'\033' "$work/plain.diff"; then fail "diff into a pipe has colour codes"; fi
if [ -s "$work/plain.diff" ]; then
  grep -q $'\033\\[' "$work/colored.diff" || fail "--color always printed no colour"
  (cd "$work/patch" && git init -q && git apply --whitespace=nowarn "$work/plain.diff") || fail "git apply rejected the diff"
  cmp -s "$work/patch/$target" "$case_dir/$expected" || fail "git apply of the diff does not give $expected"
else
  cmp -s "$case_dir/$input" "$case_dir/$expected" || fail "empty diff but $expected differs from $input"
fi

# 3. expected parses at least as well as input
errors() { "$parsecheck" "$1" | sed 's/.*: //'; }
[ "$(errors "$case_dir/$expected")" -le "$(errors "$case_dir/$input")" ] || fail "$expected has new syntax errors"

# 4. idempotence
stage again "$expected"
(cd "$work/again" && "$poolfix" diff --quiet "${args[@]}" . > "$work/again.diff") || fail "poolfix diff on expected exited $?"
[ ! -s "$work/again.diff" ] || { cat "$work/again.diff" >&2; fail "a second run changes $expected"; }

# 5. the decline reasons
if [ -f "$case_dir/reason" ]; then
  stage reason
  (cd "$work/reason" && "$poolfix" scan --format json "${args[@]}" . > "$work/report.json") || true
  grep '"decline":' "$work/report.json" > "$work/declines" || true
  while IFS= read -r reason; do
    [ -n "$reason" ] || continue
    grep -qF -- "$reason" "$work/declines" || { cat "$work/declines" >&2; fail "no finding declined with: $reason"; }
  done < "$case_dir/reason"
fi
