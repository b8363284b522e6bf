#!/usr/bin/env bash
# Deep nesting of every shape the walks recurse through (issue 14 item 3): each is analysed
# and rewritten when it is within the nesting limit, skipped with the reason beyond it, and
# never overflows a stack (the ASan build, whose frames are larger, runs this too).
source "$(dirname "$0")/lib.sh"

# shape NAME LEVELS: a route file nesting one construct LEVELS deep around a query.
shape() {
  local q="prisma.user.count()" open="" close="" i
  case $1 in
    promise-all) open="Promise.all([" close=", prisma.user.count()])" ;;
    include) q="prisma.user.findMany($(for ((i = 0; i < $2; i++)); do printf '{ include: { posts: '; done)true$(for ((i = 0; i < $2; i++)); do printf ' } }'; done))"; open= close= ;;
    arrow) open="(async () => " close=")()" ;;
    call) open="wrap(" close=")" ;;
    array) open="[" close="]" ;;
    ternary) open="flag ? " close=" : null" ;;
    sum) open="1 + (" close=")" ;;
    then) q="prisma.user.count()$(for ((i = 0; i < $2; i++)); do printf '.then((x) => x)'; done)" ;;
    object) open="{ a: " close=" }" ;;
  esac
  local expr=$q
  if [ -n "$open" ]; then
    expr="$(for ((i = 0; i < $2; i++)); do printf '%s' "$open"; done)$q$(for ((i = 0; i < $2; i++)); do printf '%s' "$close"; done)"
  fi
  printf 'export async function GET() {\n  const r = await %s;\n  return Response.json(r);\n}\n' "$expr"
}
blocks() { # blocks KIND LEVELS: statements nested in blocks
  local i
  printf 'export async function GET() {\n'
  for ((i = 0; i < $2; i++)); do
    case $1 in
      if) printf 'if (a%d) {\n' "$i" ;;
      for) printf 'for (let i%d = 0; i%d < 3; i%d++) {\n' "$i" "$i" "$i" ;;
      function) printf 'async function f%d() {\n' "$i" ;;
    esac
  done
  printf 'await Promise.all([prisma.a.count(), prisma.b.count(), prisma.c.count(), prisma.d.count(), prisma.e.count()])\n'
  for ((i = 0; i < $2; i++)); do printf '}\n'; done
  printf '}\n'
}

project deep
for name in promise-all include arrow call array ternary sum then object; do
  for levels in 30 60 90 120 250; do shape "$name" "$levels" > "$dir/$name-$levels.ts"; done
done
for kind in if for function; do
  for levels in 30 60 90 120 250; do blocks "$kind" "$levels" > "$dir/$kind-$levels.ts"; done
done
for command in scan diff; do
  run 3 "$poolfix" "$command" .
  # Every skip is for the depth; the shallow ones are analysed.
  grep -v 'nested more than 256 levels deep (syntax tree): deeper than poolfix analyses; skipped$' <<<"$err" \
    | grep -v '^poolfix: rewrites per pass: ' | grep -q . && fail "$command: a skip for another reason: $err"
  for name in promise-all include arrow call array ternary sum then object if for function; do
    grep -q "$name-30.ts" <<<"$err" && fail "$command: $name nested 30 levels was skipped"
  done
  grep -q "promise-all-250.ts" <<<"$err" || fail "$command: a Promise.all nested 250 levels was not skipped"
done
finish
