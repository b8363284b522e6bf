#!/usr/bin/env bash
# Whole-program golden cases: each golden/program/<case>/ holds a small project tree in
# project/ and the report poolfix prints for it in expected.txt:
#   cd golden/program/<case> && poolfix <command> --color never --quiet [args] project
# where <command> is `scan` unless a `command` file says otherwise (e.g. `diff`), and `args`
# (optional) holds more arguments, one per line. The exit code must be 0 (or the one in
# `exit`). With --update, expected.txt is rewritten: review the git diff line by line.
set -uo pipefail
update=false
if [ "${1:-}" = --update ]; then update=true; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [--update] path/to/poolfix [case-dir...]" >&2; exit 2; }
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=("$root"/golden/program/*/)
failures=0
for dir in "${cases[@]}"; do
  dir=${dir%/}
  name=$(basename "$dir")
  command=scan
  [ -f "$dir/command" ] && command=$(cat "$dir/command")
  args=()
  if [ -f "$dir/args" ]; then mapfile -t args < "$dir/args"; fi
  want_exit=0
  [ -f "$dir/exit" ] && want_exit=$(cat "$dir/exit")
  out=$(cd "$dir" && "$poolfix" "$command" --color never --quiet "${args[@]}" project 2>&1)
  code=$?
  if [ "$code" != "$want_exit" ]; then
    echo "FAIL: $name: exit $code, expected $want_exit" >&2
    printf '%s\n' "$out" | head -n 20 >&2
    failures=$((failures + 1))
    continue
  fi
  if $update; then
    printf '%s\n' "$out" > "$dir/expected.txt"
    echo "wrote $dir/expected.txt"
  elif ! diff -u "$dir/expected.txt" <(printf '%s\n' "$out") >&2; then
    echo "FAIL: $name: the output differs from expected.txt (if intended: $0 --update ...)" >&2
    failures=$((failures + 1))
  fi
done
[ "$failures" -eq 0 ]
