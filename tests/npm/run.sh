#!/usr/bin/env bash
# The npm packages, as a JavaScript team gets them: scripts/package-npm.sh builds
# build/npm/*.tgz, then, in a clean folder, `npm i ./build/npm/*.tgz` (offline: nothing comes
# from anywhere else, and no install script runs), `npx poolfix --version` and `npx poolfix scan`
# with a PATH holding node and npm only (no compiler), and the binary must need no library but
# glibc's. Also the launcher's own errors: no platform package, a POOLFIX_BINARY override.
#
#   tests/npm/run.sh [--no-build]     (--no-build: test the tarballs already in build/npm)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/tests/checks.sh"

if [[ ${1:-} != --no-build ]]; then
  "$root/scripts/package-npm.sh" || { echo "npm: scripts/package-npm.sh failed" >&2; exit 1; }
fi
tarballs=("$root"/build/npm/*.tgz)
[[ -f ${tarballs[0]} ]] || { echo "npm: no tarball in build/npm" >&2; exit 1; }
expect "two tarballs: poolfix and poolfix-linux-x64 (${tarballs[*]##*/})" \
  [ "${#tarballs[@]}" == 2 ] && ls "$root"/build/npm/poolfix-linux-x64-*.tgz >/dev/null

# No package runs anything at install time: there is nothing to compile.
for tgz in "${tarballs[@]}"; do
  expect "${tgz##*/} has no install script" \
    node -e 'const s = JSON.parse(process.argv[1]).scripts || {};
      process.exit(["preinstall", "install", "postinstall", "prepare"].some((k) => k in s) ? 1 : 0)' \
    "$(tar -xOzf "$tgz" package/package.json)"
done

# A PATH with node, npm and npx and a shell only: no compiler, no make, no pkg-config.
tools=$work/tools
mkdir -p "$tools"
for tool in node npm npx sh; do ln -s "$(command -v "$tool")" "$tools/$tool"; done
export npm_config_cache=$work/npm-cache npm_config_update_notifier=false
in_clean_path() { PATH=$tools "$@"; }
expect "the restricted PATH has no C compiler" in_clean_path sh -c '! command -v cc && ! command -v gcc && ! command -v make' >/dev/null

# A clean folder: a package.json and the example app's sources, nothing else.
project=$work/project
mkdir -p "$project"
echo '{ "name": "app", "private": true }' >"$project/package.json"
for part in app lib prisma prisma.config.ts; do cp -r "$root/examples/next-prisma-app/$part" "$project/"; done
if (cd "$project" && in_clean_path npm i --offline --no-audit --no-fund --loglevel=error "${tarballs[@]}") >"$work/install.log" 2>&1; then
  pass
else
  fail "npm i --offline build/npm/*.tgz: $(cat "$work/install.log")"
fi
version=$(cd "$project" && in_clean_path npx poolfix --version 2>&1)
expect "npx poolfix --version prints 'poolfix X.Y.Z' (got '$version')" grep -qE '^poolfix [0-9]+\.[0-9]+\.[0-9]+$' <<<"$version"
expect "the packages carry that version" grep -q "\"version\": \"${version#poolfix }\"" "$project/node_modules/poolfix/package.json"

# `npx poolfix scan` finds what the build of this checkout finds: the same program.
status=0
(cd "$project" && in_clean_path npx poolfix scan --format json --quiet) >"$work/npx.json" 2>"$work/npx.err" || status=$?
expect "npx poolfix scan exits 0 (got $status: $(head -c 300 "$work/npx.err"))" [ "$status" == 0 ]
expect "npx poolfix scan reports the example app's endpoints" \
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    process.exit(JSON.stringify(r).includes("/api/reports/dashboard") ? 0 : 1)' "$work/npx.json"
if [[ -x $root/build/poolfix ]]; then
  (cd "$project" && "$root/build/poolfix" scan --format json --quiet) >"$work/build.json" 2>/dev/null
  expect "its report equals build/poolfix's" cmp -s "$work/npx.json" "$work/build.json"
fi
status=0
(cd "$project" && in_clean_path npx poolfix scan --fail-on critical) >/dev/null 2>&1 || status=$?
expect "the launcher passes the binary's exit code on (--fail-on critical: 1, got $status)" [ "$status" == 1 ]

# The binary needs glibc's libraries and nothing else: no tree-sitter, PCRE2 or cJSON.
binary=$project/node_modules/@poolfix/linux-x64/bin/poolfix
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
expect "the binary needs only glibc (NEEDED: $needed)" [ "$needed" == "libc.so.6 " ]
expect "ldd finds no tree-sitter, PCRE2 or cJSON library" sh -c "! ldd '$binary' | grep -qiE 'tree-sitter|pcre|cjson'"

# Without the platform package the launcher says what is missing, in one line, exit 2.
bare=$work/bare
mkdir -p "$bare"
echo '{ "name": "bare", "private": true }' >"$bare/package.json"
(cd "$bare" && in_clean_path npm i --offline --omit=optional --no-audit --no-fund --loglevel=error "$root"/build/npm/poolfix-[0-9]*.tgz) >"$work/bare.log" 2>&1
status=0
(cd "$bare" && in_clean_path npx poolfix --version) >"$work/bare.out" 2>&1 || status=$?
expect "no platform package: exit 2 (got $status)" [ "$status" == 2 ]
expect "no platform package: one line naming it ($(cat "$work/bare.out"))" \
  sh -c "[ \$(wc -l <'$work/bare.out') = 1 ] && grep -q '@poolfix/linux-x64 is not installed' '$work/bare.out'"
version=$(cd "$bare" && POOLFIX_BINARY=$binary in_clean_path npx poolfix --version 2>&1)
expect "POOLFIX_BINARY runs that binary (got '$version')" grep -qE '^poolfix [0-9.]+$' <<<"$version"

finish npm
