#!/usr/bin/env bash
# The scan step of the GitHub Action (action.yml): runs `poolfix scan --format sarif` over the
# action's paths and writes the SARIF file and the step's outputs. It never fails because of
# findings: action.yml uploads the SARIF first (so the alerts show up), then fails the job when
# the `failed` output is true.
#
# Inputs, from the environment (action.yml sets them; empty means the default):
#   INPUT_PATHS       files or folders to scan, separated by spaces or new lines (default .)
#   INPUT_SCHEMA      --schema: the Prisma schema file or folder (default: found as Prisma does)
#   INPUT_BATCH_SIZE  --batch-size (default 4)
#   INPUT_FAIL_ON     info|low|medium|high|critical, or none (default high)
#   INPUT_SARIF_FILE  where to write the SARIF (default poolfix.sarif)
#   INPUT_VERSION     the poolfix version to install from npm (action.yml: this action's own)
#   POOLFIX_BINARY    run this poolfix instead of installing one (a build from source; the tests)
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP: as GitHub Actions sets them
# Outputs: sarif-file, findings (the number of results), failed (true when a finding at or above
# fail-on remains).
#
# Exit: 0 the SARIF was written; 2 poolfix could not run or stopped on an error (bad input,
# unreadable schema...), with GitHub's ::error:: annotation.
set -euo pipefail

error() { echo "::error title=poolfix::$*"; exit 2; }

read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
((${#paths[@]})) || paths=(.)
fail_on=${INPUT_FAIL_ON:-high}
sarif=${INPUT_SARIF_FILE:-poolfix.sarif}
outputs=${GITHUB_OUTPUT:-/dev/null}

case $fail_on in
  none | info | low | medium | high | critical) ;;
  *) error "fail-on must be none, info, low, medium, high or critical, not '$fail_on'" ;;
esac

# poolfix itself: a given binary, or the npm package of the action's version.
if [[ -n ${POOLFIX_BINARY:-} ]]; then
  poolfix=$POOLFIX_BINARY
else
  [[ -n ${INPUT_VERSION:-} ]] || error "no poolfix version to install (INPUT_VERSION)"
  prefix=${RUNNER_TEMP:-$(mktemp -d)}/poolfix-$INPUT_VERSION
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "poolfix@$INPUT_VERSION" >&2 ||
    error "npm could not install poolfix@$INPUT_VERSION"
  poolfix=$prefix/node_modules/.bin/poolfix
fi

options=(scan --format sarif --quiet)
[[ -z ${INPUT_SCHEMA:-} ]] || options+=(--schema "$INPUT_SCHEMA")
[[ -z ${INPUT_BATCH_SIZE:-} ]] || options+=(--batch-size "$INPUT_BATCH_SIZE")
[[ $fail_on == none ]] || options+=(--fail-on "$fail_on")

echo "poolfix ${options[*]} ${paths[*]}"
status=0
"$poolfix" "${options[@]}" -- "${paths[@]}" >"$sarif" || status=$?
case $status in
  0 | 1) ;;
  3) echo "::warning title=poolfix::some files could not be read or parsed and were skipped (named above)" ;;
  *) rm -f "$sarif"; error "poolfix stopped with exit code $status (the reason is above)" ;;
esac

findings=$(node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(s.runs.reduce((n, run) => n + (run.results || []).length, 0))' "$sarif") ||
  error "poolfix wrote no valid SARIF to $sarif"
failed=false
[[ $status != 1 ]] || failed=true
{
  echo "sarif-file=$sarif"
  echo "findings=$findings"
  echo "failed=$failed"
} >>"$outputs"
summary="poolfix: $findings findings in ${paths[*]}"
[[ $fail_on == none ]] || summary+="; fail-on $fail_on: $([[ $failed == true ]] && echo 'a finding at or above it remains' || echo 'none at or above it')"
echo "$summary"
[[ -z ${GITHUB_STEP_SUMMARY:-} ]] || echo "$summary" >>"$GITHUB_STEP_SUMMARY"
