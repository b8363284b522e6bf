# Helpers of the command-line tests (sourced by tests/cli/*.sh, which set $work and $dir).
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# run EXPECTED_CODE CMD...: runs in $dir, keeps stdout/stderr in $out/$err.
run() {
  local expected=$1; shift
  (cd "$dir" && "$@" >"$work/out" 2>"$work/err"); code=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
  [ "$code" -eq "$expected" ] || fail "'$*' exited $code, expected $expected; stderr: $err"
}
expect_err() { grep -qF -- "$1" <<<"$err" || fail "stderr lacks '$1'; got: $err"; }
expect_out() { grep -qF -- "$1" <<<"$out" || fail "stdout lacks '$1'; got: $out"; }
lines() { [ -z "$1" ] && echo 0 || printf '%s\n' "$1" | wc -l; }

# A fan-out of five counts, which the batch pass rewrites.
fanout() {
  cat <<'EOF'
export async function GET() {
  const [a, b, c, d, e] = await Promise.all([
    prisma.student.count(),
    prisma.assessment.count(),
    prisma.pilotSchool.count(),
    prisma.user.count(),
    prisma.mentoringVisit.count(),
  ]);
  return Response.json({ a, b, c, d, e });
}
EOF
}
