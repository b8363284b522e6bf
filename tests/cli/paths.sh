#!/usr/bin/env bash
# Command-line tests of what a run covers: the files left out by default (tests, e2e tests,
# seeds, scripts, migrations; `poolfix explain paths`) and how to bring them back, and how
# the run finds each file's Prisma schema (one test per discovery rule, as a user sees it:
# the report's header and the lines on stderr).
# Usage: tests/cli/paths.sh path/to/poolfix
set -uo pipefail
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/support.sh"

# The files with findings in a JSON report on stdout, one per line, sorted.
files_with_findings() { node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log([...new Set(r.findings.map((f) => f.file))].sort().join("\n"))' <<<"$out"; }
# The report's first line (the text header).
header() { head -n 1 <<<"$out"; }
# put FILE: a fan-out of five counts in FILE, creating its folder.
put() { mkdir -p "$(dirname "$1")" && fanout >"$1"; }

# ============================================================================================
# Files left out by default
# ============================================================================================
dir=$work/app
mkdir -p "$dir"
echo '{ "name": "app" }' >"$dir/package.json"
left_out=(
  tests/a.ts test/a.ts src/__tests__/a.ts spec/a.ts src/__mocks__/db.ts src/__fixtures__/a.ts fixtures/a.ts
  e2e/a.ts e2e-tests/a.ts playwright/a.ts cypress/support/a.ts
  seed/index.ts seeds/a.ts seeders/a.ts seeding/a.ts
  scripts/backfill.ts packages/billing/scripts/sync.ts
  migrations/a.ts db/migration/20240101_x/migration.ts
  lib/a.test.ts lib/a.spec.tsx lib/a.test-d.ts lib/a.e2e.ts lib/a.e2e-spec.ts lib/a.cy.ts
  prisma/seed.ts lib/seed-users.ts lib/seed_users.ts lib/users.seed.ts lib/seeds.mts
)
kept=(
  lib/app.ts lib/subscriptions.ts lib/latest.ts lib/testing.ts lib/seeder.ts
  app/api/seed/route.ts app/api/e2e/reset/route.ts src/app/api/scripts/route.ts pages/api/migrations/run.ts
)
for f in "${left_out[@]}" "${kept[@]}"; do put "$dir/$f"; done
mkdir -p "$dir/src" && echo '{ "name": "nested" }' >"$dir/src/package.json"   # src/app/ routes: src is a project
kept_sorted=$(printf '%s\n' "${kept[@]}" | sort)
all_sorted=$(printf '%s\n' "${left_out[@]}" "${kept[@]}" | sort)

run 0 "$poolfix" scan --format json .
[ "$(files_with_findings)" = "$kept_sorted" ] ||
  fail "by default, findings should be in exactly the kept files; got: $(files_with_findings | tr '\n' ' ')"
expect_err "poolfix: left out ${#left_out[@]} files of tests, seeds, scripts and migrations (poolfix explain paths; --include-tests scans them, --verbose lists them)"
[ "$(lines "$err")" -eq 1 ] || fail "the default run should say one line on stderr: $err"

# --verbose names each file and its convention.
run 0 "$poolfix" scan --verbose --format json .
for f in "${left_out[@]}"; do grep -qE "^poolfix: left out \((tests|e2e|seeds|scripts|migrations)\): $f$" <<<"$err" ||
  fail "--verbose does not list $f"; done
expect_err "left out (tests): tests/a.ts"
expect_err "left out (tests): lib/a.spec.tsx"
expect_err "left out (e2e): cypress/support/a.ts"
expect_err "left out (e2e): lib/a.cy.ts"
expect_err "left out (seeds): prisma/seed.ts"
expect_err "left out (seeds): lib/users.seed.ts"
expect_err "left out (scripts): packages/billing/scripts/sync.ts"
expect_err "left out (migrations): db/migration/20240101_x/migration.ts"

# --quiet: nothing said about it.
run 0 "$poolfix" scan -q --format json .
[ -z "$err" ] || fail "--quiet still speaks: $err"

# Brought back: --include-tests, poolfix.json includeTests, a negated ignore pattern.
run 0 "$poolfix" scan --include-tests --format json .
[ "$(files_with_findings)" = "$all_sorted" ] || fail "--include-tests does not scan every file"
[ -z "$err" ] || fail "--include-tests still reports files left out: $err"
echo '{ "includeTests": true }' >"$dir/poolfix.json"
run 0 "$poolfix" scan --format json .
[ "$(files_with_findings)" = "$all_sorted" ] || fail "poolfix.json includeTests does not scan every file"
echo '{ "includeTests": "yes" }' >"$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "poolfix.json: \`includeTests\` must be true or false"
echo '{ "ignore": ["!/scripts/", "!lib/a.test.ts"] }' >"$dir/poolfix.json"
run 0 "$poolfix" scan --format json .
[ "$(files_with_findings)" = "$(printf '%s\n' "${kept[@]}" scripts/backfill.ts lib/a.test.ts | sort)" ] ||
  fail "negated ignore patterns should bring back scripts/ and lib/a.test.ts only; got: $(files_with_findings | tr '\n' ' ')"
rm "$dir/poolfix.json"

# diff and apply leave them out too.
run 0 "$poolfix" diff .
grep -q '^+++ b/scripts/' <<<"$out" && fail "diff rewrote a script"
grep -q '^+++ b/lib/app.ts' <<<"$out" || fail "diff did not rewrite lib/app.ts"

# What the user names is read: a file, or a PATH that is itself such a folder.
run 0 "$poolfix" scan --format json tests/a.ts
[ "$(files_with_findings)" = "a.ts" ] || fail "a file named on the command line is left out"
run 0 "$poolfix" scan --format json scripts
[ "$(files_with_findings)" = "backfill.ts" ] || fail "scanning scripts/ itself leaves its files out"
# A PATH inside a routing tree: its folders are URL segments.
run 0 "$poolfix" scan --format json app/api
[ "$(files_with_findings)" = "$(printf '%s\n' e2e/reset/route.ts seed/route.ts)" ] ||
  fail "scanning app/api should keep the seed and e2e routes; got: $(files_with_findings | tr '\n' ' ')"

# The conventions are listed where the README and --help point.
run 0 "$poolfix" explain paths
for text in '`tests/`' '`__tests__/`' '`e2e/`' '`playwright/`' '`seeds/`' '`scripts/`' '`migrations/`' \
  '`*.test.*`' '`*.spec.*`' '`seed.*`' '--include-tests' '"includeTests": true' 'app/api/seed/' '`docs/`'; do
  expect_out "$text"
done
run 0 "$poolfix" explain
expect_out "paths"

# ============================================================================================
# Finding the schema, as Prisma does
# ============================================================================================
MODELS='model Student {
  id          Int          @id
  assessments Assessment[]
}

model Assessment {
  id        Int     @id
  studentId Int
  student   Student @relation(fields: [studentId], references: [id])
}'
# fresh NAME: an empty project folder with one route file, as $dir.
fresh() {
  dir=$work/$1
  mkdir -p "$dir/app/api/x"
  fanout >"$dir/app/api/x/route.ts"
}

# --schema, and poolfix.json's schema.
fresh explicit
mkdir -p "$dir/db" && echo "$MODELS" >"$dir/db/main.prisma"
run 0 "$poolfix" scan --schema db/main.prisma .
expect_out "schema db/main.prisma"
echo '{ "schema": "db/main.prisma" }' >"$dir/poolfix.json"
run 0 "$poolfix" scan .
expect_out "schema db/main.prisma"
run 2 "$poolfix" scan --schema db/missing.prisma .
expect_err "cannot read schema db/missing.prisma"

# prisma.config.ts with path.join(__dirname, "prisma"): the multi-file folder, models/ included.
fresh config
mkdir -p "$dir/prisma/models"
printf 'datasource db {\n  provider = "postgresql"\n}\n' >"$dir/prisma/schema.prisma"
echo "$MODELS" >"$dir/prisma/models/school.prisma"
printf 'import path from "node:path";\nexport default defineConfig({\n  schema: path.join(__dirname, "prisma"),\n});\n' \
  >"$dir/prisma.config.ts"
run 0 "$poolfix" scan .
[ "$(header | grep -o 'schema [^ ;]*')" = "schema prisma" ] || fail "prisma.config.ts's folder is not the schema: $(header)"
[ -z "$err" ] || fail "a multi-file schema should need no word on stderr: $err"
# The same folder without the config: prisma/schema.prisma has no model, models/ has them.
rm "$dir/prisma.config.ts"
run 0 "$poolfix" scan .
[ "$(header | grep -o 'schema [^ ;]*')" = "schema prisma" ] || fail "the prisma/ folder is not found by convention: $(header)"

# package.json prisma.schema that does not exist: the file beside it with models stands in.
fresh stand-in
mkdir -p "$dir/packages/db/prisma"
echo '{ "prisma": { "schema": "packages/db/prisma/schema.prisma" } }' >"$dir/package.json"
echo "$MODELS" >"$dir/packages/db/prisma/schema.full.prisma"
run 0 "$poolfix" scan .
expect_err "poolfix: package.json: prisma.schema packages/db/prisma/schema.prisma does not exist; using packages/db/prisma/schema.full.prisma, the .prisma file beside it that defines models"
[ "$(lines "$err")" -eq 1 ] || fail "the stand-in should take one line on stderr: $err"
expect_out "schema packages/db/prisma/schema.full.prisma"

# A schema in docs/ is never picked unless named; the header says no schema was found.
fresh docs
mkdir -p "$dir/docs/reference"
echo "$MODELS" >"$dir/docs/reference/schema.prisma"
fanout >"$dir/docs/reference/example.ts"
run 0 "$poolfix" scan .
expect_out "no Prisma schema found"
run 0 "$poolfix" scan --schema docs/reference/schema.prisma .
expect_out "schema docs/reference/schema.prisma"

# A schema with no model: a warning, not an error (exit 0).
fresh empty
mkdir -p "$dir/prisma" && printf 'datasource db {\n  provider = "postgresql"\n}\n' >"$dir/prisma/schema.prisma"
run 0 "$poolfix" scan .
expect_err "poolfix: schema prisma/schema.prisma defines no model: nested relations and aggregation rewrites are not checked"

# A monorepo: the apps have no schema above them; the database package's is the only one.
fresh mono
mkdir -p "$dir/packages/db/prisma" "$dir/apps/web/app/api/y"
echo "$MODELS" >"$dir/packages/db/prisma/schema.prisma"
fanout >"$dir/packages/db/index.ts"
fanout >"$dir/apps/web/app/api/y/route.ts"
run 0 "$poolfix" scan .
[ "$(header | grep -o 'schema [^ ;]*')" = "schema packages/db/prisma/schema.prisma" ] || fail "monorepo: $(header)"
grep -q 'without a schema' <<<"$(header)" && fail "the only schema should serve every file: $(header)"
run 0 "$poolfix" scan --verbose .
expect_err "files with no schema above them use packages/db/prisma/schema.prisma, the only schema of the run"
# With a second schema, files above neither keep none, and the header counts them.
mkdir -p "$dir/packages/other/prisma" && echo "$MODELS" >"$dir/packages/other/prisma/schema.prisma"
fanout >"$dir/packages/other/index.ts"
run 0 "$poolfix" scan .
expect_out "2 files without a schema"
run 0 "$poolfix" scan --verbose .
expect_err "poolfix: app/api/x/route.ts: no Prisma schema found for it"

if [ "$failures" -ne 0 ]; then echo "$failures path check(s) failed" >&2; exit 1; fi
echo "all path checks passed"
