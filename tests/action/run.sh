#!/usr/bin/env bash
# Tests of the GitHub Action: action.yml's shape (a composite that runs scripts/action-scan.sh,
# uploads its SARIF with github/codeql-action/upload-sarif, then fails on fail-on), and the
# scan script run locally as the runner would run it, on the example app.
# Usage: tests/action/run.sh path/to/poolfix
set -uo pipefail
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$root/scripts/action-scan.sh
source "$root/tests/checks.sh"

# --- action.yml ---------------------------------------------------------------------------
# The workflow syntax GitHub reads, checked with a YAML parser (Debian's python3-yaml).
expected_version=$("$poolfix" --version | awk '{ print $2 }')
if /usr/bin/python3 - "$root/action.yml" "$expected_version" >"$work/yaml.log" 2>&1 <<'EOF'; then pass; else fail "action.yml: $(cat "$work/yaml.log")"; fi
import re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
problems = []
def need(ok, what):
    if not ok: problems.append(what)
runs = action['runs']
need(runs['using'] == 'composite', 'runs.using is composite')
steps = runs['steps']
scan, upload, gate = steps
need(scan.get('id') == 'scan' and 'scripts/action-scan.sh' in scan['run'] and scan['shell'] == 'bash',
     'the first step (id scan) runs scripts/action-scan.sh in bash')
need(upload.get('uses', '').startswith('github/codeql-action/upload-sarif@'), 'the second step uses github/codeql-action/upload-sarif')
need(upload['with']['sarif_file'] == '${{ steps.scan.outputs.sarif-file }}', 'it uploads the scan step\'s sarif-file')
need('inputs.upload' in upload['if'], 'the upload can be turned off')
need('exit 1' in gate['run'] and "steps.scan.outputs.failed == 'true'" in gate['if'], 'the last step fails when failed is true')
inputs = action['inputs']
for name in ['paths', 'schema', 'batch-size', 'fail-on']:
    need(name in inputs and inputs[name].get('description'), f'input {name} is declared and described')
    env_name = 'INPUT_' + name.upper().replace('-', '_')
    need(scan['env'].get(env_name) == '${{ inputs.%s }}' % name, f'the scan step gets input {name} as {env_name}')
used = set(re.findall(r'inputs\.([a-z-]+)', open(sys.argv[1]).read()))
need(used <= set(inputs), f'every input used is declared: {sorted(used - set(inputs))}')
need(str(inputs['version']['default']) == sys.argv[2], f"the default version {inputs['version']['default']} is poolfix's {sys.argv[2]}")
# Values reach scripts through env, never pasted into a run: block.
need(not any('${{' in step.get('run', '') for step in steps), 'no ${{ }} expression inside a run script')
print('; '.join(problems))
sys.exit(1 if problems else 0)
EOF

# --- the scan script, run locally ---------------------------------------------------------
app=$work/app
mkdir -p "$app"
tar -C "$root/examples/next-prisma-app" --exclude=./node_modules --exclude=./generated -cf - . | tar -C "$app" -xf -
# A checkout, as actions/checkout leaves it: SARIF paths are relative to its top.
git -C "$app" init -q && git -C "$app" add -A && git -C "$app" -c user.name=t -c user.email=t@t commit -qm app

# run_action EXPECTED_EXIT [NAME=VALUE...]: the scan step as the runner runs it, in the app's
# folder, with its outputs in $work/outputs and its stdout in $work/stdout.
run_action() {
  local expected=$1 status=0
  shift
  : >"$work/outputs"
  (cd "$app" && env -u INPUT_SCHEMA GITHUB_OUTPUT="$work/outputs" GITHUB_STEP_SUMMARY="$work/summary" \
    POOLFIX_BINARY="${POOLFIX_BINARY:-$poolfix}" "$@" "$script") >"$work/stdout" 2>"$work/stderr" || status=$?
  if [[ $status == "$expected" ]]; then pass; else fail "action-scan.sh $* exited $status, expected $expected: $(cat "$work/stdout" "$work/stderr")"; fi
}
output() { sed -n "s/^$1=//p" "$work/outputs"; }
results() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0].results.length)' "$1"; }

# Default inputs but fail-on high: the example app has critical findings.
run_action 0 INPUT_FAIL_ON=high
expect "outputs name the SARIF file" [ "$(output sarif-file)" == poolfix.sarif ]
expect "the SARIF is what poolfix scan --format sarif writes" \
  cmp -s "$app/poolfix.sarif" <(cd "$app" && "$poolfix" scan --format sarif --quiet . 2>/dev/null)
findings=$(results "$app/poolfix.sarif")
expect "the example app has findings ($findings)" [ "$findings" -gt 0 ]
expect "findings output is the number of SARIF results" [ "$(output findings)" == "$findings" ]
expect "failed=true with fail-on high" [ "$(output failed)" == true ]
expect "the step summary says why" grep -q "fail-on high: a finding at or above it remains" "$work/summary"

run_action 0 INPUT_FAIL_ON=none
expect "failed=false with fail-on none" [ "$(output failed)" == false ]
expect "fail-on none passes no --fail-on" grep -q '^poolfix scan --format sarif --quiet \.$' "$work/stdout"

# paths: only what they name is scanned.
run_action 0 INPUT_FAIL_ON=none "INPUT_PATHS=app/api/reports
app/api/rbac" INPUT_SARIF_FILE=some.sarif
some=$(results "$app/some.sarif")
expect "two paths give fewer findings ($some) than the whole app ($findings)" [ "$some" -gt 0 ] && [ "$some" -lt "$findings" ]
expect "every result is in one of the two paths" node -e '
  const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const uris = s.runs[0].results.flatMap((r) => r.locations.map((l) => l.physicalLocation.artifactLocation.uri));
  process.exit(uris.length && uris.every((u) => /app\/api\/(reports|rbac)\//.test(u)) ? 0 : 1)' "$app/some.sarif"

# schema: the named one is used; a missing one stops the step with GitHub's error annotation.
run_action 0 INPUT_FAIL_ON=none INPUT_SCHEMA=prisma/schema.prisma INPUT_SARIF_FILE=named.sarif
expect "an explicit schema gives the same report" cmp -s "$app/named.sarif" "$app/poolfix.sarif"
run_action 2 INPUT_SCHEMA=prisma/missing.prisma INPUT_SARIF_FILE=missing.sarif
expect "a missing schema is an ::error:: annotation" grep -q '^::error title=poolfix::poolfix stopped with exit code 2' "$work/stdout"
expect "and poolfix's reason is shown" grep -q 'missing.prisma' "$work/stderr"
expect "and no SARIF is left behind" [ ! -e "$app/missing.sarif" ]
expect "and no outputs are set" [ ! -s "$work/outputs" ]

run_action 2 INPUT_FAIL_ON=severe
expect "a bad fail-on is an ::error:: annotation" grep -q "^::error title=poolfix::fail-on must be" "$work/stdout"
run_action 2 INPUT_BATCH_SIZE=0
expect "a bad batch size stops the step with poolfix's reason" grep -q -- '--batch-size must be a whole number' "$work/stderr"

# Every input reaches poolfix as its option, and each exit code of poolfix maps to the step's
# outcome: a stand-in poolfix records its arguments and exits as told.
stand_in=$work/stand-in-poolfix
cat >"$stand_in" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$STAND_IN_ARGS"
echo '{"version":"2.1.0","runs":[{"results":[{"ruleId":"a"},{"ruleId":"b"}]}]}'
exit "$STAND_IN_EXIT"
EOF
chmod +x "$stand_in"
POOLFIX_BINARY=$stand_in run_action 0 STAND_IN_ARGS="$work/args" STAND_IN_EXIT=0 INPUT_SCHEMA=db/schema.prisma \
  INPUT_BATCH_SIZE=3 INPUT_FAIL_ON=medium "INPUT_PATHS=apps/web  packages/db"
expect "the inputs become poolfix's options" diff <(printf '%s\n' scan --format sarif --quiet --schema db/schema.prisma \
  --batch-size 3 --fail-on medium -- apps/web packages/db) "$work/args"
expect "exit 0: failed=false, findings=2" [ "$(output failed)/$(output findings)" == false/2 ]
POOLFIX_BINARY=$stand_in run_action 0 STAND_IN_ARGS="$work/args" STAND_IN_EXIT=1
expect "exit 1: failed=true" [ "$(output failed)" == true ]
POOLFIX_BINARY=$stand_in run_action 0 STAND_IN_ARGS="$work/args" STAND_IN_EXIT=3
expect "exit 3 (files skipped): a warning, and the SARIF is still uploaded" grep -q '^::warning title=poolfix::' "$work/stdout"
expect "exit 3: failed=false" [ "$(output failed)" == false ]
POOLFIX_BINARY=$stand_in run_action 2 STAND_IN_ARGS="$work/args" STAND_IN_EXIT=2

finish action
