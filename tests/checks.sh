# Shared by tests/action/run.sh and tests/npm/run.sh: a scratch folder removed on exit, and
# counted checks. Source it, run checks with `expect` (or `pass`/`fail`), end with `finish NAME`.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checks=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { checks=$((checks + 1)); }
expect() { # expect DESCRIPTION COMMAND...: the command must succeed
  local what=$1
  shift
  if "$@"; then pass; else fail "$what"; fi
}
# finish NAME: the summary line, and the exit status of the script.
finish() {
  echo "$1: $checks passed, $failures failed"
  [[ $failures == 0 ]]
}
