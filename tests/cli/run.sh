#!/usr/bin/env bash
# Command-line contract tests: exit codes, one-line errors naming the file and cause, and
# apply's safety rules (dirty work tree, --allow-dirty, --branch, atomic writes).
# Usage: tests/cli/run.sh path/to/poolfix
set -uo pipefail
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/support.sh"

# --- usage errors: exit 2, one line, with a hint
dir=$work
run 2 "$poolfix"
expect_err "missing command"
run 2 "$poolfix" scan --frobnicate
expect_err "unknown option '--frobnicate' (see poolfix --help)"
[ "$(lines "$err")" -eq 1 ] || fail "usage error is not one line: $err"
run 2 "$poolfix" diff --batch-size 0 .
expect_err "--batch-size must be a whole number"
run 2 "$poolfix" diff --batch-size
expect_err "option '--batch-size' needs a value"
run 2 "$poolfix" scan --format yaml
expect_err "--format must be text, markdown, json or sarif"
run 2 "$poolfix" diff --format json
expect_err "option '--format' does not apply to 'diff'"
run 2 "$poolfix" diff --allow-dirty
expect_err "does not apply to 'diff'"
run 2 "$poolfix" scan --method GET
expect_err "--method needs --endpoint"
run 2 "$poolfix" scan --endpoint /api/x --method FETCH
expect_err "--method must be"
run 2 "$poolfix" diff --pass batch,nope
expect_err "unknown pass 'nope'"
run 2 "$poolfix" scan --fail-on severe
expect_err "--fail-on must be"
run 2 "$poolfix" frob
expect_err "unknown command 'frob'"
run 0 "$poolfix" --help
expect_out "usage: poolfix"
run 0 "$poolfix" --version
expect_out "poolfix "
run 0 "$poolfix" explain batch
expect_out "Promise.all"
for topic in parallel-fanout map-fanout loop-queries unbounded-include unbounded-findmany sequential-queries \
             transaction-outer-client \
             batch take take-top groupby loop severity; do
  run 0 "$poolfix" explain "$topic"
  [ "$(lines "$out")" -gt 5 ] || fail "explain $topic printed too little: $out"
done
run 0 "$poolfix" explain
expect_out "sequential-queries"
# DESIGN.md's name for the loop pass is accepted as an alias.
run 0 "$poolfix" explain monthly
expect_out "# loop"
mkdir -p "$work/monthly"
cp "$root/golden/loop/count-only-memory/input.ts" "$root/golden/loop/count-only-memory/schema.prisma" "$work/monthly/"
run 0 "$poolfix" diff --quiet --pass monthly "$work/monthly"
monthly_diff=$out
[ -n "$monthly_diff" ] || fail "--pass monthly rewrote nothing"
run 0 "$poolfix" diff --quiet --pass loop "$work/monthly"
[ "$out" = "$monthly_diff" ] || fail "--pass monthly and --pass loop differ"
run 2 "$poolfix" explain nothing-like-this
expect_err "no rule or pass named 'nothing-like-this'"

# --- bad poolfix.json: exit 2, names the file and the cause
mkdir -p "$work/badconfig" && dir=$work/badconfig
printf '{ "batchSize": 4,\n  "take": { "default": -1 }\n}\n' > "$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "poolfix.json: \`take.default\` must be a whole number from 1 to 1000000"
printf '{ "batchSize": 4,\n  oops\n}\n' > "$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "poolfix.json: line 2: not valid JSON"
printf '{ "batchsize": 4 }\n' > "$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "unknown key \`batchsize\`"

# --- input problems: each one line naming the path and the cause, others still processed, exit 3
mkdir -p "$work/inputs" && dir=$work/inputs
fanout > "$dir/good.ts"
printf 'const a = 1;\0binary\n' > "$dir/binary.ts"
printf 'const caf\xe9 = 1;\n' > "$dir/latin1.ts"
ln -s does-not-exist.ts "$dir/dangling.ts"
run 3 "$poolfix" diff . missing-folder
expect_err "poolfix: missing-folder: No such file or directory"
expect_err "binary.ts: binary file (contains NUL bytes)"
expect_err "latin1.ts: not valid UTF-8 (byte offset 9)"
expect_err "dangling.ts: No such file or directory"
[ "$(lines "$(grep -v '^poolfix: rewrites per pass' <<<"$err")")" -eq 4 ] || fail "expected 4 problem lines, got: $err"
expect_out "+++ b/good.ts"
# The run ends with the rewrites per pass, last on stderr.
[ "$(tail -n 1 <<<"$err")" = "poolfix: rewrites per pass: batch 1" ] || fail "stderr does not end with the rewrites per pass: $err"
# A PATH outside the current folder: the diff names files from the scanned PATH (no git here),
# not a//tmp/... or a/../...
mkdir -p "$work/elsewhere"
(cd "$work/elsewhere" && "$poolfix" diff "$dir" >"$work/out" 2>/dev/null)
grep -qx -- "--- a/good.ts" "$work/out" || fail "diff of a PATH outside the current folder: $(head -n 3 "$work/out")"
(cd "$work/elsewhere" && "$poolfix" diff ../inputs >"$work/out" 2>/dev/null)
grep -qx -- "--- a/good.ts" "$work/out" || fail "diff of a ../ PATH: $(head -n 3 "$work/out")"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  mkdir -p "$work/perm" && fanout > "$work/perm/locked.ts" && fanout > "$work/perm/open.ts"
  chmod 000 "$work/perm/locked.ts"; chmod 755 "$work" "$work/perm"
  dir=$work/perm
  run 3 setpriv --reuid=65534 --regid=65534 --clear-groups "$poolfix" diff .
  expect_err "locked.ts: Permission denied"
  expect_out "+++ b/open.ts"
fi

# --- a schema with errors: one line (count, first error, path), every error with --verbose;
# the run goes on without it, exit 3
mkdir -p "$work/badschema/prisma" && dir=$work/badschema
fanout > "$dir/route.ts"
printf 'model User {\n  id Int @id\n  school School\n}\n\nmodel Student {\n  id Int @id\n  !!!\n}\n' > "$dir/prisma/schema.prisma"
run 3 "$poolfix" diff .
expect_err "poolfix: schema prisma/schema.prisma has 2 errors (the first: prisma/schema.prisma:3: unknown type \`School\` for field \`User.school\`); not used, so nested relations and aggregation rewrites are not checked (--verbose lists all)"
# (the last line of diff is the rewrites per pass)
[ "$(lines "$(grep -v '^poolfix: rewrites per pass' <<<"$err")")" -eq 1 ] || fail "a schema with errors takes more than one line: $err"
expect_out "+++ b/route.ts"
run 3 "$poolfix" diff --verbose .
expect_err "poolfix: prisma/schema.prisma:3: unknown type \`School\` for field \`User.school\`"
expect_err "poolfix: prisma/schema.prisma:8:"
[ "$(lines "$(grep -v '^poolfix: rewrites per pass' <<<"$err")")" -eq 3 ] || fail "--verbose does not list both schema errors and the summary: $err"
run 3 "$poolfix" scan .
expect_out "schema prisma/schema.prisma has errors: not used, nested relations not checked"
run 2 "$poolfix" scan --schema nowhere.prisma .
expect_err "nowhere.prisma"

# --- diff into a pipe has no colour; --color always has
dir=$work/inputs
run 3 "$poolfix" diff good.ts binary.ts
if grep -q $'\033' "$work/out"; then fail "diff into a pipe has colour"; fi
run 0 "$poolfix" diff --color always good.ts
grep -q $'\033\[31m' "$work/out" || fail "--color always printed no red"
NO_COLOR=1 run 0 "$poolfix" diff --color always good.ts
grep -q $'\033' "$work/out" || fail "--color always must win over NO_COLOR"

# --- scan --fail-on
run 1 "$poolfix" scan --fail-on high good.ts
run 0 "$poolfix" scan --fail-on critical good.ts

# --- apply: refuses a dirty work tree, --allow-dirty, --branch, atomic and idempotent
mkdir -p "$work/repo/app/api/stats" && dir=$work/repo
fanout > "$dir/app/api/stats/route.ts"
fanout | sed 's/GET/POST/' > "$dir/other.ts"
chmod 640 "$dir/app/api/stats/route.ts"
git -C "$dir" init -q && git -C "$dir" add -A && git -C "$dir" -c user.name=t -c user.email=t@t commit -qm init
echo "// local change" >> "$dir/other.ts"
run 2 "$poolfix" apply .
expect_err "has uncommitted changes (1 file, e.g. other.ts): commit or stash them, or pass --allow-dirty"
git -C "$dir" diff --quiet -- app || fail "apply wrote despite the dirty tree"
git -C "$dir" checkout -q -- other.ts
echo "untracked" > "$dir/notes.txt"    # untracked files do not make the tree dirty
run 0 "$poolfix" apply --endpoint /api/stats --branch pool/stats .
expect_out "rewrote app/api/stats/route.ts (batch)"
[ "$(git -C "$dir" branch --show-current)" = pool/stats ] || fail "--branch did not switch to pool/stats"
git -C "$dir" diff --quiet -- other.ts || fail "--endpoint /api/stats rewrote other.ts"
[ "$(stat -c %a "$dir/app/api/stats/route.ts")" = 640 ] || fail "apply changed the file mode"
ls -a "$dir/app/api/stats" | grep -q poolfix- && fail "apply left a temporary file"
run 2 "$poolfix" apply .
expect_err "uncommitted changes"
run 0 "$poolfix" apply --allow-dirty .
expect_out "rewrote other.ts (batch)"
run 0 "$poolfix" diff .
[ -z "$out" ] || fail "diff after apply is not empty: $out"
run 0 "$poolfix" apply --allow-dirty --branch pool/stats .
expect_err "nothing to rewrite"
git -C "$dir" stash -q
run 2 "$poolfix" apply --branch pool/stats .
expect_err "--branch pool/stats:"

# --- the example app: the diff applies with git apply; after apply, nothing is left to do
example=$(cd "$(dirname "$0")/../../examples/next-prisma-app" && pwd)
mkdir -p "$work/example" && cp -R "$example/." "$work/example/" && rm -rf "$work/example/node_modules" "$work/example/generated"
dir=$work/example
git -C "$dir" init -q && git -C "$dir" add -A && git -C "$dir" -c user.name=t -c user.email=t@t commit -qm init
run 1 "$poolfix" scan --fail-on high .
run 0 "$poolfix" diff .
printf '%s\n' "$out" >"$work/example.diff"
git -C "$dir" apply --check "$work/example.diff" || fail "git apply --check rejects the example app's diff"
run 0 "$poolfix" diff --jobs 1 .
[ "$out" = "$(cat "$work/example.diff")" ] || fail "diff with --jobs 1 differs from the default thread count"
run 0 "$poolfix" scan --format json --jobs 7 .
jobs7=$out
run 0 "$poolfix" scan --format json --jobs 1 .
[ "$out" = "$jobs7" ] || fail "scan output depends on the thread count"
if grep -q $'\r' <<<"$err"; then fail "a progress line was drawn into a pipe"; fi
run 0 "$poolfix" apply .
run 0 "$poolfix" diff .
[ -z "$out" ] || fail "diff after apply on the example app is not empty"
# What remains at high or above after the default passes: the unbounded nested relations,
# which only the opt-in take pass bounds (it says so, last, on stderr).
run 1 "$poolfix" scan --fail-on high .
run 0 "$poolfix" apply --allow-dirty --pass take .
expect_err "poolfix: take 5: responses keep at most 10 items per relation (these rewrites change results)"
run 0 "$poolfix" scan --fail-on high .

# --- endpoint that matches nothing
run 2 "$poolfix" diff --endpoint /api/nope .
expect_err "--endpoint /api/nope: no endpoint in the scanned files serves it"

if [ "$failures" -ne 0 ]; then echo "$failures CLI check(s) failed" >&2; exit 1; fi
echo "all CLI checks passed"
