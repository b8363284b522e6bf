#!/usr/bin/env bash
# Runs a command while busy loops keep every core busy, the way a shared CI machine is: the
# end-to-end stage must pass there too (issue 15). The loops are local shell loops, each bounded
# by `timeout`, and are stopped by their own process ids when the command ends.
#
#   tests/e2e/under-load.sh [-n LOOPS] [-t SECONDS] [COMMAND [ARGS...]]
#
#   -n LOOPS    busy loops to run (default: two per core, a load average of about 2 x cores)
#   -t SECONDS  the loops stop by themselves after this long (default 1800)
#   COMMAND     default: tests/e2e/run.sh build/poolfix
#
# Exit: the command's exit code.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
loops=$((2 * $(nproc)))
seconds=1800
while getopts 'n:t:' option; do
  case $option in
    n) loops=$OPTARG ;;
    t) seconds=$OPTARG ;;
    *) echo "usage: $0 [-n LOOPS] [-t SECONDS] [COMMAND [ARGS...]]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
(($#)) || set -- "$REPO/tests/e2e/run.sh" "$REPO/build/poolfix"

hogs=()
stop_hogs() {
  if ((${#hogs[@]})); then
    kill "${hogs[@]}" 2>/dev/null || true
    wait "${hogs[@]}" 2>/dev/null || true
  fi
  hogs=()
}
trap stop_hogs EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for ((i = 0; i < loops; i++)); do
  timeout "$seconds" sh -c 'while :; do :; done' &
  hogs+=($!)
done
echo "under-load: $loops busy loops on $(nproc) cores (stopping after ${seconds}s at the latest): $*"
status=0
"$@" || status=$?
read -r load1 _ </proc/loadavg
stop_hogs
echo "under-load: exit $status, load average at the end $load1"
exit "$status"
