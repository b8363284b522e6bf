#!/usr/bin/env bash
# The cache changes no byte of what poolfix prints (issue 12): on each codebase DIR, the scan
# report (text and JSON) and the diff (default passes, then every pass), stdout and stderr
# and exit code, are compared between a --no-cache run, a run that fills an empty cache and
# a run that reads it back, which must find every file's result there (a fourth run, with
# --verbose, counts them).
#
#   bench/cache-identical.sh [--poolfix PATH/TO/poolfix] DIR...
#
# Prints one line per codebase and command; exits 1 on the first difference it names. The
# cache lives in a temporary folder (--cache-dir): nothing is written into DIR.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
poolfix=$repo/build/poolfix
if [ "${1:-}" = --poolfix ]; then poolfix=$(realpath "$2"); shift 2; fi
[ $# -gt 0 ] || { echo "usage: bench/cache-identical.sh [--poolfix PATH] DIR..." >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

every_pass=batch,bound,groupby,hoist,loop,take,take-top
status=0
for dir in "$@"; do
  name=$(basename "$dir")
  for command in "scan" "scan --format json" "diff --color never" "diff --color never --pass $every_pass"; do
    rm -rf "$work/cache"
    # run LABEL [ARGS...]: the command on DIR; stdout, stderr and the exit code kept as LABEL.*
    run() {
      local label=$1; shift
      (cd "$dir" && "$poolfix" $command -j 2 "$@" . >"$work/$label.out" 2>"$work/$label.err"; echo $? >"$work/$label.code") || true
    }
    run none --no-cache
    run cold --cache-dir "$work/cache"
    run warm --cache-dir "$work/cache"
    run count --cache-dir "$work/cache" --verbose # --verbose says how much was read back
    hits=$(sed -n 's/.*cache: \([0-9]*\) of \([0-9]*\) file results.*/\1 \2/p' "$work/count.err")
    read -r hit total <<<"$hits"
    verdict="same ($(wc -c <"$work/none.out") bytes out, $hit of $total results read back)"
    if [ -z "$hits" ] || [ "$hit" != "$total" ]; then verdict="MISSED: the warm run read ${hit:-no} results of ${total:-?}"
    elif ! cmp -s "$work/none.out" "$work/cold.out"; then verdict="DIFFERENT stdout: --no-cache and a cold cache"
    elif ! cmp -s "$work/none.out" "$work/warm.out"; then verdict="DIFFERENT stdout: --no-cache and a warm cache"
    elif ! cmp -s "$work/none.err" "$work/cold.err"; then verdict="DIFFERENT stderr: --no-cache and a cold cache"
    elif ! cmp -s "$work/none.err" "$work/warm.err"; then verdict="DIFFERENT stderr: --no-cache and a warm cache"
    elif ! cmp -s "$work/none.code" "$work/cold.code" || ! cmp -s "$work/none.code" "$work/warm.code"; then
      verdict="DIFFERENT exit codes: $(cat "$work/none.code" "$work/cold.code" "$work/warm.code" | paste -sd' ')"
    fi
    printf '%-12s %-40s %s\n' "$name" "${command/--pass $every_pass/--pass (all)}" "$verdict"
    case $verdict in same*) ;; *) status=1 ;; esac
  done
done
exit $status
