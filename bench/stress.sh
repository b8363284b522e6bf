#!/usr/bin/env bash
# The inputs of issue 16 item 5 (tests/regress/make-inputs.sh: Promise.all nested 1,000 deep,
# 8,000 functions, a destructured Promise.all of 8,000 elements), each scanned and diffed:
# CPU time (user + sys, the median of POOLFIX_BENCH_RUNS runs) and peak memory. Target: under
# a second each. Exits 1 when one is missed.   bench/stress.sh [PATH/TO/poolfix]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
poolfix=$(realpath "${1:-$repo/build/poolfix}")
runs=${POOLFIX_BENCH_RUNS:-3}
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$repo/tests/regress/make-inputs.sh" "$work"

status=0
printf '%-22s %-5s %8s %8s\n' input command cpu_s rss_mb
for input in nested-1000 functions-8000 destructured-8000; do
  for command in scan diff; do
    cpus=() rss=0
    for _ in $(seq "$runs"); do
      read -r user sys kb < <(cd "$work" && { /usr/bin/time -f '%U %S %M' "$poolfix" "$command" -q "$input.ts" 2>&1 >/dev/null || true; } | tail -n 1)
      cpus+=("$(echo "$user + $sys" | bc)")
      [ "$kb" -gt "$rss" ] && rss=$kb
    done
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
    printf '%-22s %-5s %8s %8s\n' "$input" "$command" "$cpu" "$((rss / 1024))"
    [ "$(echo "$cpu < 1" | bc)" = 1 ] || { echo "  MISSED: $input $command took ${cpu}s of CPU" >&2; status=1; }
  done
done
exit $status
