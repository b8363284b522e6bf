# Shared by the regression scripts in tests/regress/: each is `bash tests/regress/<name>.sh
# path/to/poolfix`, runs its cases in a scratch folder and exits 1 if any check failed.
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: $0 path/to/poolfix" >&2; exit 2; }
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
inputs=$root/tests/regress/inputs
work=$(mktemp -d)
trap 'chmod -R u+rwX "$work" 2>/dev/null; rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# run EXPECTED_CODE CMD...: runs in $dir, keeps stdout/stderr in $out/$err. A death by a
# signal (exit code above 128) is a failure whatever was expected.
run() {
  local expected=$1; shift
  (cd "$dir" && "$@" >"$work/.out" 2>"$work/.err"); code=$?
  out=$(cat "$work/.out"); err=$(cat "$work/.err")
  if [ "$code" -gt 128 ]; then fail "'$*' died with signal $((code - 128)); stderr: $(tail -c 2000 "$work/.err")"
  elif [ "$code" -ne "$expected" ]; then fail "'$*' exited $code, expected $expected; stderr: $err"; fi
}
expect_err() { grep -qF -- "$1" <<<"$err" || fail "stderr lacks '$1'; got: $err"; }
expect_out() { grep -qF -- "$1" <<<"$out" || fail "stdout lacks '$1'; got: $(head -c 2000 <<<"$out")"; }
# project NAME: a fresh folder $work/NAME, made the current $dir.
project() { dir=$work/$1; rm -rf "$dir"; mkdir -p "$dir"; }
# A schema with the models the cases query (Student has many assessments).
schema() {
  cat > "$dir/schema.prisma" <<'SCHEMA'
datasource db {
  provider = "postgresql"
}

model Student {
  id          Int          @id @default(autoincrement())
  name        String
  assessments Assessment[]
}

model Assessment {
  id         Int     @id @default(autoincrement())
  student_id Int
  subject    String
  student    Student @relation(fields: [student_id], references: [id])
}
SCHEMA
}
finish() {
  if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed in $(basename "$0")" >&2; exit 1; fi
  echo "all checks passed in $(basename "$0")"
}
