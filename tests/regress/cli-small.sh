#!/usr/bin/env bash
# The small command-line items of issue 16 (item 14): -j1, --take's range, duplicate keys in
# poolfix.json, --schema on a folder that is no schema folder, newlines in paths, and a
# broken schema's noise under -q.
source "$(dirname "$0")/lib.sh"

fanout() {
  printf 'export async function GET() {\n  const [a, b, c, d, e] = await Promise.all([\n'
  printf '    prisma.student.count(),\n    prisma.user.count(),\n    prisma.school.count(),\n'
  printf '    prisma.visit.count(),\n    prisma.class.count(),\n  ]);\n  return Response.json({ a, b, c, d, e });\n}\n'
}

project flags
fanout > "$dir/route.ts"
run 0 "$poolfix" diff -j1 .
expect_out "+++ b/route.ts"
run 2 "$poolfix" diff -j0 .
expect_err "--jobs must be a whole number from 1 to 256, not '0'"
run 2 "$poolfix" diff -qx .
expect_err "unknown option '-qx'"
run 2 "$poolfix" diff --take 2147483647 .
expect_err "--take must be a whole number from 1 to 1000000, not '2147483647'"
run 0 "$poolfix" diff --take 1000000 .

project duplicates
fanout > "$dir/route.ts"
printf '{ "batchSize": 2, "passes": ["batch"], "batchSize": 8 }\n' > "$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "poolfix.json: \`batchSize\` is given twice"
printf '{ "take": { "default": 3, "Student.assessments": 2, "default": 5 } }\n' > "$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "poolfix.json: \`take.default\` is given twice"
printf '{ "thresholds": { "parallelHigh": 3, "parallelHigh": 4 } }\n' > "$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "poolfix.json: \`thresholds.parallelHigh\` is given twice"

# --schema naming a folder that is not a schema folder: one deeper than a schema folder goes,
# or one whose .prisma files are several schemas (each with its datasource).
project schema-folder
fanout > "$dir/route.ts"
deep=$dir/tmp
for i in $(seq 1 20); do deep=$deep/d$i; done
mkdir -p "$deep"
run 2 "$poolfix" scan --schema tmp .
expect_err "poolfix: cannot read schema tmp: a folder of more than 10000 entries or 16 levels is not a Prisma schema folder"
mkdir -p "$dir/many/a" "$dir/many/b"
printf 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id Int @id\n}\n' > "$dir/many/a/schema.prisma"
printf 'datasource db {\n  provider = "mysql"\n}\n\nmodel Post {\n  id Int @id\n}\n' > "$dir/many/b/schema.prisma"
run 3 "$poolfix" scan --schema many .
expect_err "many/b/schema.prisma:1: a second datasource block (the first is at many/a/schema.prisma:1): these files are not one schema"

# A newline (or a quote) in a path never splits a message line or a report line: the path is
# quoted as git quotes it.
project newline
mkdir -p "$dir/app/api/x"
fanout > "$dir/app/api/x/ro"$'\n'"ute.ts"
printf 'const a = 1;\0' > "$dir/bi"$'\n'"nary.ts"
git -C "$dir" init -q && git -C "$dir" add -A && git -C "$dir" -c user.name=t -c user.email=t@t commit -qm init
run 3 "$poolfix" scan .
expect_err 'poolfix: "bi\nnary.ts": binary file (contains NUL bytes)'
[ "$(grep -c . <<<"$err")" -eq 1 ] || fail "the binary file's line was split: $err"
expect_out 'app/api/x/ro\nute.ts":1'
run 3 "$poolfix" diff .
expect_out '+++ "b/app/api/x/ro\nute.ts"'
run 3 "$poolfix" apply .
expect_out 'rewrote "app/api/x/ro\nute.ts" (batch)'

# A file that is no schema at all: one line with the count and the first error, with -q too;
# --verbose lists them all.
project noise
fanout > "$dir/route.ts"
mkdir -p "$dir/prisma"
for i in $(seq 1 60); do printf 'model M%d {\n  id Int @id\n  other Missing%d\n  !!!\n}\n' "$i" "$i"; done > "$dir/prisma/schema.prisma"
for quiet in "" -q; do
  run 3 "$poolfix" scan $quiet .
  [ "$(grep -c . <<<"$err")" -eq 1 ] || fail "a broken schema printed $(grep -c . <<<"$err") lines: $err"
  expect_err "poolfix: schema prisma/schema.prisma has 120 errors (the first: prisma/schema.prisma:"
done
run 3 "$poolfix" scan --verbose .
[ "$(grep -c . <<<"$err")" -eq 121 ] || fail "--verbose did not list the 120 errors"
finish
