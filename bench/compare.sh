#!/usr/bin/env bash
# poolfix beside ast-grep running one trivial rule, on three real codebases pinned at fixed
# commits, in the same run: median wall time, CPU time and peak memory over several runs,
# for poolfix's first run (no cache) and its second (warm cache, when the build has one).
#
#   bench/compare.sh MIRRORS [PATH/TO/poolfix]
#
# MIRRORS holds bare git snapshots named owner+name/repo (the search tool's `fetch` of
# github:civitai/civitai, github:dubinc/dub and github:mfts/papermark brings them); each is
# extracted once at its pinned commit under build/bench/real/. ast-grep comes from the npm
# registry, pinned by bench/ast-grep/package-lock.json. Both tools run with two threads.
# Targets (issue 12): civitai cold >= 2.5x faster than ast-grep, warm >= 8x; papermark
# >= 1.5x; poolfix's peak memory at or below ast-grep's on all three. The script prints the
# table and the verdicts; it exits 1 when a target is missed. Run it on an idle machine.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
mirrors=${1:?usage: bench/compare.sh MIRRORS [PATH/TO/poolfix]}
poolfix=$(realpath "${2:-$repo/build/poolfix}")
runs=${POOLFIX_BENCH_RUNS:-5}
work=$repo/build/bench
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

codebases=(
  "civitai civitai+civitai ebed661630d3407a6d853981d89c97c31a2a4be0"
  "dub dubinc+dub 1de955f782a72e1eff7b201ae54a909d5ceb5722"
  "papermark mfts+papermark 7ff2e657ed09b56f0afcc863a5db52d0debd2e6a"
)

# Extracts one codebase at its commit (once).
extract() {
  local name=$1 mirror=$mirrors/$2/repo commit=$3 dest=$work/real/$1
  [ -f "$dest/.extracted-$commit" ] && return
  [ -d "$mirror" ] || { echo "bench: no snapshot at $mirror (fetch github:${2/+//} first)" >&2; exit 2; }
  rm -rf "$dest" && mkdir -p "$dest"
  local index
  index=$(mktemp)
  GIT_INDEX_FILE=$index git --git-dir="$mirror" read-tree "$commit"
  GIT_INDEX_FILE=$index git --git-dir="$mirror" --work-tree="$dest" checkout-index -a -f -q 2>/dev/null || true
  rm -f "$index"
  touch "$dest/.extracted-$commit"
}

# Installs the pinned ast-grep (once).
ast_grep=$repo/bench/ast-grep/node_modules/.bin/ast-grep
if [ ! -x "$ast_grep" ]; then
  (cd "$repo/bench/ast-grep" && npm ci --no-audit --no-fund --silent) >&2
fi

# measure LABEL DIR CMD...: runs CMD in DIR $runs times; prints "median_wall median_cpu max_rss_kb".
measure() {
  local dir=$1; shift
  local walls=() cpus=() rss=0 line
  for _ in $(seq "$runs"); do
    # Findings make poolfix exit 1 or 3: a measurement, not a failure.
    line=$(cd "$dir" && { /usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null || true; } | tail -n 1)
    read -r wall user sys kb <<<"$line"
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc)")
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  printf '%s %s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")" "$rss"
}

has_cache=false
"$poolfix" --help 2>&1 | grep -q -- '--no-cache' && has_cache=true

status=0
# Peak memory is compared in KB and printed in MB to a tenth: whole megabytes, rounded down,
# hid differences of most of a megabyte either way.
mb() { echo "scale=1; $1 / 1024" | bc; }
printf '%-10s %-16s %8s %8s %8s %8s\n' codebase tool wall_s cpu_s rss_mb speedup
for entry in "${codebases[@]}"; do
  read -r name mirror commit <<<"$entry"
  extract "$name" "$mirror" "$commit"
  dir=$work/real/$name
  read -r sg_wall sg_cpu sg_rss < <(measure "$dir" "$ast_grep" scan -c "$repo/bench/ast-grep/sgconfig.yml" \
    -r "$repo/bench/ast-grep/rule.yml" -j 2 .)
  printf '%-10s %-16s %8s %8s %8s %8s\n' "$name" "ast-grep (1 rule)" "$sg_wall" "$sg_cpu" "$(mb "$sg_rss")" "1.0"
  cold_args=(scan -q -j 2 --format json .)
  $has_cache && cold_args=(scan -q -j 2 --no-cache --format json .)
  read -r cold_wall cold_cpu cold_rss < <(measure "$dir" "$poolfix" "${cold_args[@]}")
  cold_speedup=$(echo "scale=2; $sg_wall / $cold_wall" | bc)
  printf '%-10s %-16s %8s %8s %8s %8s\n' "$name" "poolfix cold" "$cold_wall" "$cold_cpu" "$(mb "$cold_rss")" "$cold_speedup"
  warm_speedup=""
  if $has_cache; then
    (cd "$dir" && "$poolfix" scan -q -j 2 --format json . >/dev/null) || true
    read -r warm_wall warm_cpu warm_rss < <(measure "$dir" "$poolfix" scan -q -j 2 --format json .)
    warm_speedup=$(echo "scale=2; $sg_wall / $warm_wall" | bc)
    printf '%-10s %-16s %8s %8s %8s %8s\n' "$name" "poolfix warm" "$warm_wall" "$warm_cpu" "$(mb "$warm_rss")" "$warm_speedup"
    # The cache must not change a byte of the report.
    if ! cmp -s <(cd "$dir" && "$poolfix" scan -q -j 2 --format json .) \
                <(cd "$dir" && "$poolfix" scan -q -j 2 --no-cache --format json .); then
      echo "  MISSED: $name: the report with the cache differs from the one without" >&2; status=1
    fi
  fi
  # Targets.
  ge() { [ "$(echo "$1 >= $2" | bc)" = 1 ]; }
  case $name in
    civitai)
      ge "$cold_speedup" 2.5 || { echo "  MISSED: civitai cold ${cold_speedup}x < 2.5x" >&2; status=1; }
      if $has_cache; then ge "$warm_speedup" 8 || { echo "  MISSED: civitai warm ${warm_speedup}x < 8x" >&2; status=1; }
      else echo "  MISSED: this build has no cache (--no-cache unknown)" >&2; status=1; fi ;;
    papermark)
      ge "$cold_speedup" 1.5 || { echo "  MISSED: papermark cold ${cold_speedup}x < 1.5x" >&2; status=1; } ;;
  esac
  [ "$cold_rss" -le "$sg_rss" ] ||
    { echo "  MISSED: $name peak memory $(mb "$cold_rss") MB > ast-grep's $(mb "$sg_rss") MB" >&2; status=1; }
done
exit $status
