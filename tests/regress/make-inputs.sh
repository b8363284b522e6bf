#!/usr/bin/env bash
# Writes the large inputs of issue 16 item 5 into the folder DIR, each as its own file:
#   nested-1000.ts     Promise.all nested 1,000 deep (one element per line, as a formatter writes it)
#   functions-8000.ts  8,000 exported functions, each running one query
#   destructured-8000.ts  one `const [a0, ..., a7999] = await Promise.all([...])` of 8,000 counts
# Shared by tests/regress/run.sh (which checks what poolfix makes of them) and
# bench/stress.sh (which times them). Usage: tests/regress/make-inputs.sh DIR
set -euo pipefail
dir=${1:?usage: make-inputs.sh DIR}
mkdir -p "$dir"

{
  echo "export async function GET() {"
  printf '  const r = await '
  for _ in $(seq 1000); do printf 'Promise.all([\n    prisma.post.count(),\n    '; done
  printf 'prisma.user.count()'
  for _ in $(seq 1000); do printf ',\n  ])'; done
  printf ';\n  return Response.json(r);\n}\n'
} >"$dir/nested-1000.ts"

printf 'export async function f%d(id: number) {\n  const row = await prisma.user.findUnique({ where: { id } });\n  return row;\n}\n' \
  $(seq 0 7999) >"$dir/functions-8000.ts"

{
  echo "export async function GET() {"
  printf '  const [%s] = await Promise.all([\n' "$(seq -f 'a%g' 0 7999 | paste -sd, - | sed 's/,/, /g')"
  printf '    prisma.user.count({ where: { id: %d } }),\n' $(seq 0 7999)
  printf '  ]);\n  return Response.json({ a0 });\n}\n'
} >"$dir/destructured-8000.ts"
