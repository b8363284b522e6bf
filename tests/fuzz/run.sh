#!/usr/bin/env bash
# Runs the libFuzzer targets of a fuzzing build, each for a fixed time, starting from the
# seed corpus (golden inputs and outputs, the golden programs, the example app,
# tests/regress/inputs, and the crash inputs kept in tests/fuzz/regressions/) with the
# dictionaries in this folder.
# Exits 1 when a target finds a crash, a leak or a timeout; the input is kept in
# BUILD/fuzz-artifacts/ (add it to tests/fuzz/regressions/<target>/ once fixed).
#
#   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPOOLFIX_FUZZ=ON -DBUILD_TESTING=OFF
#   cmake --build build-fuzz -j2
#   tests/fuzz/run.sh build-fuzz                          # 30 s per target, as ./test.sh does
#   tests/fuzz/run.sh --seconds 900 --corpus build-fuzz/corpus build-fuzz   # a longer run
#
# --corpus DIR keeps the inputs found (in DIR/<target>) for the next run; by default they
# are dropped. --only TARGET runs one target.
set -uo pipefail
seconds=30 corpus_root="" only=""
while [ $# -gt 1 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --corpus) corpus_root=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--seconds N] [--corpus DIR] [--only TARGET] BUILD_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C

# fuzz_file's seeds: each file behind two option bytes (see fuzz_file.c) matching where the
# file sits, its extension, the options of its golden case and the index of its schema in the
# order the target loads them: the example app's, then golden/*/*/schema.prisma.
schemas=("$root/examples/next-prisma-app/prisma/schema.prisma")
while IFS= read -r s; do schemas+=("$s"); done < <(ls "$root"/golden/*/*/schema.prisma | sort)
schema_index() {
  local i
  for i in "${!schemas[@]}"; do [ "${schemas[$i]}" = "$1" ] && { echo $((i + 1)); return; }; done
  echo 0
}
seed_file() { # seed_file SOURCE PLACE(0-3) SCHEMA_INDEX [ARGS_FILE]
  local source=$1 flags=$2 ext=${1##*.}
  case $ext in tsx) flags=$((flags | 4)) ;; js|jsx|mjs|cjs) flags=$((flags | 8)) ;; mts|cts) flags=$((flags | 12)) ;; esac
  if [ -n "${4:-}" ] && [ -f "$4" ]; then
    grep -q -- '--order-by-id' "$4" && flags=$((flags | 16))
    grep -qx 'sql' "$4" && flags=$((flags | 32))
    grep -q -- '--take' "$4" && flags=$((flags | 64))
  fi
  local name
  name=$(printf '%s' "$source" | cksum | cut -d' ' -f1)
  { printf "\\$(printf '%03o' "$flags")\\$(printf '%03o' "$3")"; cat "$source"; } > "$work/seeds-fuzz_file/$name"
}
mkdir -p "$work/seeds-fuzz_file" "$work/seeds-fuzz_schema"
for case_dir in "$root"/golden/*/*/; do
  place=2
  if [ -f "$case_dir/path" ]; then
    case $(head -n 1 "$case_dir/path") in app/*/route.*) place=0 ;; pages/api/*) place=1 ;; *) place=3 ;; esac
  fi
  index=0
  [ -f "$case_dir/schema.prisma" ] && index=$(schema_index "$case_dir/schema.prisma")
  for f in "$case_dir"input.* "$case_dir"expected.*; do [ -f "$f" ] && seed_file "$f" "$place" "$index" "$case_dir/args"; done
done
while IFS= read -r f; do
  case $f in */app/*/route.*) place=0 ;; */pages/api/*) place=1 ;; *) place=2 ;; esac
  seed_file "$f" "$place" 1
done < <(find "$root/examples/next-prisma-app" "$root/golden/program" -path '*/node_modules' -prune -o -type f \
           \( -name '*.ts' -o -name '*.tsx' \) -print | sort)
for f in "$root"/tests/regress/inputs/*; do seed_file "$f" 0 1; done
cp "$root"/tests/fuzz/regressions/fuzz_file/* "$work/seeds-fuzz_file/" 2>/dev/null
# fuzz_schema's seeds: every schema in the tree, and a two-file one.
n=0
while IFS= read -r f; do cp "$f" "$work/seeds-fuzz_schema/schema-$((n += 1))"; done \
  < <(find "$root/golden" "$root/examples/next-prisma-app/prisma" "$root/tests/data" -name '*.prisma' | sort)
{ cat "${schemas[0]}"; printf '\n// ---- next file\n'; cat "${schemas[1]}"; } > "$work/seeds-fuzz_schema/two-files"
cp "$root"/tests/fuzz/regressions/fuzz_schema/* "$work/seeds-fuzz_schema/" 2>/dev/null

status=0
for target in fuzz_file fuzz_schema; do
  [ -z "$only" ] || [ "$only" = "$target" ] || continue
  dict=$here/typescript.dict
  [ "$target" = fuzz_schema ] && dict=$here/prisma-schema.dict
  corpus=${corpus_root:+$corpus_root/$target}
  corpus=${corpus:-$work/corpus-$target}
  mkdir -p "$corpus" "$build/fuzz-artifacts/$target"
  echo "== $target: $(ls "$work/seeds-$target" | wc -l) seeds, ${seconds}s"
  # -timeout: one input may take this long on a busy, sanitized build before it counts as a hang.
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 -max_len=131072 \
    -dict="$dict" -artifact_prefix="$build/fuzz-artifacts/$target/" -print_final_stats=1 \
    "$corpus" "$work/seeds-$target" >"$work/$target.log" 2>&1
  code=$?
  grep -E '^#[0-9]+.*(DONE|INITED)|stat::number_of_executed_units|stat::peak_rss_mb' "$work/$target.log" | sed 's/^/   /'
  if [ "$code" -ne 0 ]; then
    status=1
    echo "FAIL: $target exited $code; its report:" >&2
    grep -v -E '^#[0-9]+' "$work/$target.log" | tail -n 60 >&2
  fi
done
exit $status
