#!/usr/bin/env bash
# The same output, byte for byte, at -j 1, -j 2 and -j 16 (issue 14 item 5): every report
# format and the diff, on the example app and on the golden cases (many folders, schemas and
# routes, in one run), and the files apply writes.
source "$(dirname "$0")/lib.sh"

for target in examples/next-prisma-app golden; do
  for command in "scan --format text" "scan --format markdown" "scan --format json" "scan --format sarif" diff; do
    reference=
    for jobs in 1 2 16; do
      dir=$root
      (cd "$dir" && $poolfix $command --color never -j "$jobs" "$target" >"$work/out.$jobs" 2>"$work/err.$jobs")
      code=$?
      [ "$code" -le 3 ] || fail "$command -j $jobs $target exited $code: $(cat "$work/err.$jobs")"
      [ -s "$work/out.$jobs" ] || fail "$command -j $jobs $target printed nothing"
      if [ -z "$reference" ]; then reference=$jobs; continue; fi
      cmp -s "$work/out.$reference" "$work/out.$jobs" || fail "$command $target: -j $jobs differs from -j $reference"
      cmp -s "$work/err.$reference" "$work/err.$jobs" || fail "$command $target: stderr at -j $jobs differs from -j $reference"
    done
  done
done

for jobs in 1 2 16; do
  mkdir -p "$work/apply.$jobs" && cp -R "$root/golden" "$work/apply.$jobs/golden"
  (cd "$work/apply.$jobs" && "$poolfix" apply --quiet -j "$jobs" golden >/dev/null 2>&1)
  [ "$jobs" = 1 ] || diff -r -q "$work/apply.1" "$work/apply.$jobs" >/dev/null || fail "apply -j $jobs wrote other files than -j 1"
done

finish
