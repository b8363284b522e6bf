#!/usr/bin/env bash
# Files poolfix cannot analyse in bounded time and stack are skipped with the reason, named,
# exit 3, and the rest of the run goes on: too large, nested too deeply, too many items in one
# list (issue 16 item 5, issue 14's hangs). Inputs that are not regular files are refused
# without blocking or reading forever (item 6). Every command here used to take minutes, grow
# memory without end, block, or overflow the stack.
source "$(dirname "$0")/lib.sh"

# A Promise.all nested N levels deep around two counts.
nested() {
  local n=$1 expr="prisma.user.count()"
  for ((i = 0; i < n; i++)); do expr="Promise.all([$expr, prisma.user.count()])"; done
  printf 'export async function GET() {\n  const r = await %s;\n  return Response.json(r);\n}\n' "$expr"
}
fanout() {
  printf 'export async function GET() {\n  const [a, b, c, d, e] = await Promise.all([\n'
  printf '    prisma.student.count(),\n    prisma.user.count(),\n    prisma.school.count(),\n'
  printf '    prisma.visit.count(),\n    prisma.class.count(),\n  ]);\n  return Response.json({ a, b, c, d, e });\n}\n'
}

project shapes
fanout > "$dir/fine.ts"
nested 1000 > "$dir/nested-1000.ts"
nested 40 > "$dir/nested-40.ts"   # deep, but not beyond the limit: analysed
for ((i = 0; i < 8000; i++)); do
  printf 'export async function f%d() {\n  return await prisma.user.findMany({ where: { id: %d } });\n}\n' "$i" "$i"
done > "$dir/functions-8000.ts"
{
  printf 'export async function GET() {\n  const [a0'
  for ((i = 1; i < 8000; i++)); do printf ', a%d' "$i"; done
  printf '] = await Promise.all([\n'
  for ((i = 0; i < 8000; i++)); do printf '    prisma.user.count({ where: { id: %d } }),\n' "$i"; done
  printf '  ]);\n  return Response.json({ a0 });\n}\n'
} > "$dir/promise-all-8000.ts"
{
  fanout
  printf '// %s\n' "$(head -c 1100000 /dev/zero | tr '\0' x)"
} > "$dir/large.ts"
for command in scan diff; do
  run 3 "$poolfix" "$command" .
  expect_err "poolfix: nested-1000.ts: nested more than 256 levels deep (syntax tree): deeper than poolfix analyses; skipped"
  expect_err "poolfix: functions-8000.ts: one list or block holds 8000 items: more than the 2000 poolfix analyses; skipped"
  expect_err "poolfix: promise-all-8000.ts: an array of 8000 elements: more than the 1000 poolfix analyses; skipped"
  expect_err "poolfix: large.ts: 1.0 MiB: larger than the 1 MiB poolfix analyses; skipped"
  [ "$(grep -c 'skipped$' <<<"$err")" -eq 4 ] || fail "$command: expected four skipped files: $err"
  [ "$command" = diff ] || expect_out "GET  nested-40.ts:1"
done
expect_out "+++ b/fine.ts"

# A fuzzed 2 KB file whose syntax errors took tree-sitter's error recovery three minutes: the
# parse has a budget of work (not of time, so that results never depend on the machine).
project slow-parse
cp "$inputs/slow-error-recovery.ts" "$dir/route.ts"
fanout > "$dir/fine.ts"
run 3 "$poolfix" diff .
expect_err "poolfix: route.ts: the parser gave up on this file (its syntax errors take too long to recover from)"
expect_out "+++ b/fine.ts"

# Not regular files, named on the command line or as the schema or config: one line each,
# never a read that blocks (a FIFO) or never ends (/dev/zero).
project special
fanout > "$dir/route.ts"
mkfifo "$dir/pipe.ts" "$dir/pipe.prisma" "$dir/pipe.json"
ln -s /dev/zero "$dir/zero.ts"
run 3 "$poolfix" scan route.ts pipe.ts zero.ts
expect_err "poolfix: pipe.ts: a named pipe (FIFO), not a regular file"
expect_err "poolfix: zero.ts: a device, not a regular file"
run 2 "$poolfix" scan --schema /dev/zero .
expect_err "poolfix: cannot read schema /dev/zero: a device, not a regular file"
run 2 "$poolfix" scan --schema pipe.prisma .
expect_err "poolfix: cannot read schema pipe.prisma: a named pipe (FIFO), not a regular file"
run 2 "$poolfix" scan --config /dev/zero .
expect_err "poolfix: /dev/zero: a device, not a regular file"
run 2 "$poolfix" scan --config pipe.json .
expect_err "poolfix: pipe.json: a named pipe (FIFO), not a regular file"
head -c 17000000 /dev/zero | tr '\0' ' ' > "$dir/huge.prisma"
run 2 "$poolfix" scan --schema huge.prisma .
expect_err "poolfix: cannot read schema huge.prisma: larger than 16 MiB"

finish
