#!/usr/bin/env bash
# A full disk during apply (issue 14 item 4): every file is left whole (its original or its
# full rewrite), no temporary file is left, and apply stops with one line saying how far it
# got, exit 2. The disk is a small tmpfs in a private mount namespace where the system
# allows one (unshare, or root); elsewhere a preloaded shim (tests/shims/full_disk.c) makes
# apply's writes fail with ENOSPC once a few files are written.
# POOLFIX_TEST_NO_TMPFS=1 takes the shim even where a tmpfs could be mounted.
# Usage: tests/fulldisk/run.sh path/to/poolfix path/to/full_disk.so
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

# check REPO ORIGINALS EXPECTED RESULTS: the run's outcome in REPO; its exit code and stderr
# are in RESULTS/code and RESULTS/err.
check() {
  local repo=$1 originals=$2 expected=$3 results=$4 failures=0 rewritten=0 f
  fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
  local err
  err=$(cat "$results/err")
  [ "$(cat "$results/code")" -eq 2 ] || fail "apply on a full disk exited $(cat "$results/code"), expected 2: $err"
  [ "$(grep -c . <<<"$err")" -eq 1 ] || fail "expected one line on stderr, got: $err"
  grep -q 'No space left on device; stopped: [0-9]* files\? rewritten, [0-9]* left as they were$' <<<"$err" \
    || fail "the line does not say the disk is full and how far apply got: $err"
  for f in "$originals"/*.ts; do
    f=$(basename "$f")
    if cmp -s "$repo/$f" "$expected/$f"; then rewritten=$((rewritten + 1))
    elif ! cmp -s "$repo/$f" "$originals/$f"; then fail "$f is neither its original nor its rewrite"; fi
  done
  grep -q "stopped: $rewritten file" <<<"$err" || fail "$rewritten files were rewritten, but stderr says: $err"
  [ "$rewritten" -lt "$(ls "$originals" | wc -l)" ] || fail "every file was rewritten: the disk never filled"
  if ls -a "$repo" | grep -q poolfix-; then fail "a temporary file is left: $(ls -a "$repo" | grep poolfix-)"; fi
  return "$failures"
}

# Inside a private mount namespace: a 1 MiB tmpfs holding the repository, filled up to a
# few pages, then apply.
if [ "${1:-}" = --inside ]; then
  shift
  poolfix=$1 work=$2
  mount -t tmpfs -o size=1m tmpfs "$work/disk" || exit 77
  cp -a "$work/original" "$work/disk/repo"
  dd if=/dev/zero of="$work/disk/filler" bs=4096 2>/dev/null
  truncate -s -12288 "$work/disk/filler" # three pages free: the first rewrites fit, then none
  (cd "$work/disk/repo" && "$poolfix" apply --allow-dirty . >/dev/null 2>"$work/err"; echo $? >"$work/code")
  check "$work/disk/repo" "$work/original" "$work/expected" "$work"
  exit $?
fi

poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shim=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Files of just under a page, whose rewrite needs a second page: every write takes room.
mkdir -p "$work/original" "$work/disk"
for i in $(seq 1 30); do
  {
    printf 'export async function GET() {\n  const [a, b, c, d, e] = await Promise.all([\n'
    printf '    prisma.student.count(),\n    prisma.user.count(),\n    prisma.school.count(),\n'
    printf '    prisma.visit.count(),\n    prisma.class.count(),\n  ]);\n  return Response.json({ a, b, c, d, e });\n}\n'
  } > "$work/original/route$i.ts"
  pad=$((4090 - $(wc -c < "$work/original/route$i.ts")))
  printf '//%s\n' "$(head -c $((pad - 3)) /dev/zero | tr '\0' x)" >> "$work/original/route$i.ts"
done
git -C "$work/original" init -q && git -C "$work/original" add -A &&
  git -C "$work/original" -c user.name=t -c user.email=t@t commit -qm init
cp -a "$work/original" "$work/expected"
(cd "$work/expected" && "$poolfix" apply --quiet . >/dev/null) || { echo "FAIL: the reference apply failed" >&2; exit 1; }

if [ -z "${POOLFIX_TEST_NO_TMPFS:-}" ] && unshare -rm true 2>/dev/null; then
  unshare -rm bash "$here" --inside "$poolfix" "$work"; code=$?
  if [ "$code" -ne 77 ]; then
    [ "$code" -eq 0 ] && echo "full disk (tmpfs): all checks passed"
    exit "$code"
  fi
fi
# No tmpfs: the shim gives room for two rewrites.
mkdir -p "$work/shim" && cp -a "$work/original" "$work/shim/repo"
(cd "$work/shim/repo" && LD_PRELOAD=$shim ASAN_OPTIONS=${ASAN_OPTIONS:-}:verify_asan_link_order=0 \
   POOLFIX_TEST_DISK_BYTES=9000 "$poolfix" apply --allow-dirty . >/dev/null 2>"$work/shim/err"
 echo $? >"$work/shim/code")
check "$work/shim/repo" "$work/original" "$work/expected" "$work/shim" && echo "full disk (shim): all checks passed"
