#!/usr/bin/env bash
# The cache (issue 12 item 7): a second run reads unchanged files' results from
# node_modules/.cache/poolfix (or --cache-dir) and prints exactly what --no-cache prints; a
# changed file, option, schema or poolfix build is analysed again; damaged, truncated or
# misplaced entries are ignored and replaced; a cache that cannot be written costs nothing.
# Usage: tests/cli/cache.sh path/to/poolfix
set -uo pipefail
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/support.sh"
dir=$work/app
mkdir -p "$dir/app/api/stats" "$dir/lib" "$dir/prisma"
echo '{ "name": "app" }' >"$dir/package.json"
mkdir -p "$dir/node_modules" # dependencies installed: the default cache lives in there
cat >"$dir/prisma/schema.prisma" <<'EOF'
datasource db { provider = "postgresql" url = env("DATABASE_URL") }
model Student { id Int @id }
model Assessment { id Int @id }
model PilotSchool { id Int @id }
model User { id Int @id }
model MentoringVisit { id Int @id }
EOF
fanout >"$dir/app/api/stats/route.ts"
cat >"$dir/lib/helper.ts" <<'EOF'
export async function loadAll() {
  return prisma.user.findMany({ include: { posts: true } });
}
EOF
cache=$dir/node_modules/.cache/poolfix
(cd "$dir" && git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm init) >/dev/null 2>&1

# hits: the "N of M" of the --verbose cache line, as "N M".
hits() { sed -n 's/.*cache: \([0-9]*\) of \([0-9]*\) file results.*/\1 \2/p' <<<"$err"; }
# same_as_no_cache CODE ARGS...: a cached run prints what a --no-cache run prints, byte for
# byte, on stdout and on stderr (diff's rewrites per pass), twice (writing, then reading).
same_as_no_cache() {
  run "$1" "$poolfix" "${@:2}" --no-cache
  local expected=$out expected_err=$err
  for _ in 1 2; do
    run "$1" "$poolfix" "${@:2}"
    [ "$out" = "$expected" ] || fail "'${*:2}' with the cache differs from --no-cache"
    [ "$err" = "$expected_err" ] || fail "'${*:2}' with the cache says other things: $err, not $expected_err"
  done
}

run 0 "$poolfix" scan -v --format json .
first=$out
read -r h n <<<"$(hits)"
[ "$h" = 0 ] && [ "$n" -gt 0 ] || fail "first run: expected no hits, got '$(hits)'"
[ -f "$cache/.gitignore" ] || fail "no $cache/.gitignore"
[ "$(ls "$cache" | wc -l)" -eq 1 ] || fail "expected one build folder in $cache: $(ls "$cache")"
run 0 "$poolfix" scan -v --format json .
read -r h n <<<"$(hits)"
[ "$h" = "$n" ] || fail "second run: expected every result from the cache, got '$(hits)'"
[ "$out" = "$first" ] || fail "second run's report differs from the first"
for format in json text markdown sarif; do same_as_no_cache 0 scan --format "$format" .; done
same_as_no_cache 0 diff .
run 0 "$poolfix" scan -v --no-cache .
grep -q "cache:" <<<"$err" && fail "--no-cache still used the cache: $err"
[ -z "$(cd "$dir" && git status --porcelain)" ] || fail "the cache shows in git status: $(cd "$dir" && git status --porcelain)"

# A changed file is analysed again (six counts now), the others are not.
sed -i 's/prisma.mentoringVisit.count(),/prisma.mentoringVisit.count(),\n    prisma.user.count(),/; s/const \[a, b, c, d, e\]/const [a, b, c, d, e, f]/' \
  "$dir/app/api/stats/route.ts"
run 0 "$poolfix" scan -v --format json .
read -r h n <<<"$(hits)"
[ "$h" -gt 0 ] && [ "$h" -lt "$n" ] || fail "after a file change: expected some hits, got '$(hits)'"
grep -q '"queries":	6,' <<<"$out" || fail "the changed file's finding is stale"
same_as_no_cache 0 scan --format json .

# An option that changes results: nothing is read from the cache.
run 0 "$poolfix" scan -v --batch-size 3 --format json .
[ "$(hits | cut -d' ' -f1)" = 0 ] || fail "--batch-size 3 read cached results: '$(hits)'"
same_as_no_cache 0 diff --batch-size 3 .

# A schema change: the files analysed with it are analysed again.
echo 'model Post { id Int @id }' >>"$dir/prisma/schema.prisma"
run 0 "$poolfix" scan -v --format json .
[ "$(hits | cut -d' ' -f1)" = 0 ] || fail "after a schema change: '$(hits)'"
same_as_no_cache 0 scan --format json .

# Another poolfix build (here: the same program copied) reads none of this one's entries,
# and its first write removes them, leaving one build's folder.
own=$(ls "$cache")
cp "$poolfix" "$work/poolfix-copy"
run 0 "$work/poolfix-copy" scan -v --format json .
[ "$(hits | cut -d' ' -f1)" = 0 ] || fail "another build read this build's entries: '$(hits)'"
[ "$(ls "$cache" | wc -l)" -eq 1 ] && [ "$(ls "$cache")" != "$own" ] ||
  fail "expected only the new build's folder: $(ls "$cache") (was $own)"
for args in "scan --format json" "diff" "scan --batch-size 3 --format json" "diff --batch-size 3"; do
  run 0 "$poolfix" $args .
done

# Damaged entries: garbage, a cut-off entry, a flipped byte, and entries swapped between keys
# are all ignored, and replaced by good ones. Every entry is damaged one way or another.
run 0 "$poolfix" scan --format json .
good=$out
mapfile -t entries < <(find "$cache" -type f ! -name .gitignore | sort)
[ "${#entries[@]}" -ge 8 ] || { fail "too few entries to damage: ${#entries[@]}"; exit 1; }
for i in "${!entries[@]}"; do
  e=${entries[$i]}
  case $((i % 4)) in
    0) echo garbage >"$e" ;;
    1) head -c 40 "$e" >"$work/cut" && mv "$work/cut" "$e" ;;
    2) printf '\x01' | dd of="$e" bs=1 seek=60 conv=notrunc 2>/dev/null ;;
    3) mv "$e" "$work/swap" && mv "${entries[$((i - 1))]}" "$e" && mv "$work/swap" "${entries[$((i - 1))]}" ;;
  esac
done
run 0 "$poolfix" scan -v --format json .
[ "$out" = "$good" ] || fail "damaged entries changed the report"
[ "$(hits | cut -d' ' -f1)" = 0 ] || fail "damaged entries were read as good: '$(hits)'"
run 0 "$poolfix" scan -v --format json .
read -r h n <<<"$(hits)"
[ "$h" = "$n" ] || fail "damaged entries were not replaced: '$(hits)'"

# --cache-dir puts the entries elsewhere; a folder that cannot be written is no error.
run 0 "$poolfix" scan -v --cache-dir "$work/elsewhere" .
expect_err "read from $work/elsewhere"
[ -n "$(find "$work/elsewhere" -type f ! -name .gitignore)" ] || fail "--cache-dir holds no entry"
touch "$work/not-a-folder"
same_as_no_cache 0 scan --cache-dir "$work/not-a-folder/cache" --format json .
# Without a package.json above the PATH there is no default cache, and nothing is written.
mkdir -p "$work/bare" && fanout >"$work/bare/route.ts"
dir=$work/bare
run 0 "$poolfix" scan -v .
grep -q "cache:" <<<"$err" && fail "a cache was used without a package.json: $err"
[ ! -e "$work/bare/node_modules" ] || fail "node_modules was created without a package.json"
# With a package.json but no node_modules (dependencies not installed), neither: poolfix
# never creates node_modules, where Node would then look for the project's packages.
mkdir -p "$work/uninstalled" && fanout >"$work/uninstalled/route.ts"
echo '{ "name": "uninstalled" }' >"$work/uninstalled/package.json"
dir=$work/uninstalled
run 0 "$poolfix" apply --allow-dirty -v .
grep -q "cache:" <<<"$err" && fail "a cache was used without node_modules: $err"
[ ! -e "$work/uninstalled/node_modules" ] || fail "apply created node_modules"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "cache: all checks passed"
