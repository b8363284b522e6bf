#!/usr/bin/env bash
# apply's trust boundaries (issue 16 items 7-11): what a repository contains must not make
# poolfix write, read or quote anything outside the project; files the user could not write,
# or whose owner a copy cannot keep, are refused; a closed stdout does not stop the writes;
# temporary files an interrupted run left are removed by the next one (only those).
source "$(dirname "$0")/lib.sh"

fanout() {
  printf 'export async function %s() {\n  const [a, b, c, d, e] = await Promise.all([\n' "${1:-GET}"
  printf '    prisma.student.count(),\n    prisma.user.count(),\n    prisma.school.count(),\n'
  printf '    prisma.visit.count(),\n    prisma.class.count(),\n  ]);\n  return Response.json({ a, b, c, d, e });\n}\n'
}
commit() { git -C "$1" add -A && git -C "$1" -c user.name=t -c user.email=t@t commit -qm "${2:-init}"; }

# 7. A committed symlink to a file outside the work tree: never read, diffed or written. One to
# a file inside the work tree but outside the scanned folder is diffed under the file's own
# path, which `git apply` can patch, and apply writes that file.
project repo && git -C "$dir" init -q
mkdir -p "$work/outside" "$dir/app/api" "$dir/lib"
fanout > "$work/outside/route.ts"
cp "$work/outside/route.ts" "$work/outside.orig"
ln -s ../../../outside/route.ts "$dir/app/api/escape.ts"
fanout POST > "$dir/lib/inside.ts"
ln -s ../../lib/inside.ts "$dir/app/api/inside.ts"
fanout > "$dir/app/api/plain.ts"
commit "$dir"
run 3 "$poolfix" scan app
expect_err "poolfix: app/api/escape.ts: a symbolic link to a file outside the scanned folder and its git work tree: skipped"
run 3 "$poolfix" diff app
expect_err "app/api/escape.ts: a symbolic link to a file outside"
grep -q '^+++ b/.*escape' <<<"$out" && fail "diff shows the outside file"
expect_out "+++ b/lib/inside.ts"
expect_out "+++ b/app/api/plain.ts"
printf '%s\n' "$out" > "$work/repo.diff"
git -C "$dir" apply --check "$work/repo.diff" || fail "git apply --check rejects the diff of a tree with symlinks"
run 3 "$poolfix" apply app
cmp -s "$work/outside/route.ts" "$work/outside.orig" || fail "apply rewrote the file outside the work tree"
git -C "$dir" diff --quiet -- lib/inside.ts && fail "apply did not rewrite the linked file inside the work tree"

# 8. Files the user could not write, or whose owner a new copy cannot keep: one line each,
# untouched. Read-only files are refused even for root.
project perms && git -C "$dir" init -q
fanout > "$dir/readonly.ts"
fanout > "$dir/fine.ts"
chmod 0444 "$dir/readonly.ts"
commit "$dir"
run 3 "$poolfix" apply .
expect_err "poolfix: readonly.ts: read-only (mode 0444): not written"
expect_out "rewrote fine.ts (batch)"
git -C "$dir" diff --quiet -- readonly.ts || fail "apply rewrote a read-only file"
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  # As an unprivileged user in a folder it may write: a root-owned file, and one whose
  # group it is not in.
  project unprivileged && git -C "$dir" init -q
  fanout > "$dir/root-owned.ts"
  fanout > "$dir/foreign-group.ts"
  fanout > "$dir/own.ts"
  commit "$dir"
  chown -R 65534:65534 "$dir" && chown 0:0 "$dir/root-owned.ts" && chown 65534:0 "$dir/foreign-group.ts"
  chmod 0664 "$dir/foreign-group.ts"
  chmod 0755 "$work"
  # A copy the unprivileged user can run: the build folder may lie below one only root can
  # enter (a clone in a `mktemp -d` folder, mode 0700).
  install -m 0755 "$poolfix" "$work/poolfix-unprivileged"
  run 3 setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$work" GIT_CONFIG_COUNT=1 \
    GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0='*' "$work/poolfix-unprivileged" apply --allow-dirty .
  expect_err "poolfix: root-owned.ts: not writable by you (mode 0644, owner uid 0): not written"
  expect_err "poolfix: foreign-group.ts: owned by uid 65534 gid 0, which you cannot keep on a new copy: not written"
  expect_out "rewrote own.ts (batch)"
  [ "$(stat -c %u:%g "$dir/root-owned.ts")" = 0:0 ] || fail "the root-owned file changed owner"
  [ "$(stat -c %u:%g "$dir/foreign-group.ts")" = 65534:0 ] || fail "the file changed group"
  grep -q 'prisma.visit.count(),' "$dir/root-owned.ts" && ! grep -q 'const \[d, e\]' "$dir/root-owned.ts" \
    || fail "the root-owned file was rewritten"
  ls -a "$dir" | grep -q poolfix- && fail "a refused write left a temporary file"
fi

# 9. stdout closed before apply prints (`poolfix apply | head -1`): every file is still
# written, and stderr says the list could not be printed.
project pipe && git -C "$dir" init -q
for i in $(seq 1 40); do fanout > "$dir/route$i.ts"; done
commit "$dir"
exec {closed}> >(exec 0<&-; : >"$work/reader-gone")
while [ ! -e "$work/reader-gone" ]; do sleep 0.05; done
(cd "$dir" && "$poolfix" apply . >&"$closed" 2>"$work/.err"); code=$?
exec {closed}>&-
err=$(cat "$work/.err")
[ "$code" -eq 0 ] || fail "apply into a closed pipe exited $code; stderr: $err"
expect_err "poolfix: could not print the list of rewritten files (Broken pipe); the rewrites were written"
[ "$(git -C "$dir" diff --name-only | wc -l)" -eq 40 ] || fail "apply into a closed pipe did not write all 40 files"

# 10. Temporary files of an interrupted apply: the next run removes those whose process is
# gone, and leaves anything else (a live process's, another name, another program's).
project stale && git -C "$dir" init -q
fanout > "$dir/route.ts"
commit "$dir"
dead=999999
while kill -0 "$dead" 2>/dev/null; do dead=$((dead - 1)); done
touch "$dir/.route.ts.poolfix-$dead-a1B2c3" "$dir/.route.ts.poolfix-$$-a1B2c3" \
      "$dir/.route.ts.poolfix-backup" "$dir/.notes.txt.poolfix-$dead-a1B2c3"
run 0 "$poolfix" apply --allow-dirty .
expect_err "poolfix: removed 1 temporary file left by an interrupted apply"
[ ! -e "$dir/.route.ts.poolfix-$dead-a1B2c3" ] || fail "the stale temporary file is still there"
for kept in ".route.ts.poolfix-$$-a1B2c3" .route.ts.poolfix-backup ".notes.txt.poolfix-$dead-a1B2c3"; do
  [ -e "$dir/$kept" ] || fail "apply removed $kept, which is not its stale temporary file"
done

# 11. A repository's poolfix.json or package.json naming a file outside the project: not
# read, never quoted. The command line may name any file.
project config && git -C "$dir" init -q
fanout > "$dir/route.ts"
printf 'SECRET_TOKEN=hunter2 and more\n' > "$work/secret.prisma"
printf '{ "schema": "../secret.prisma" }\n' > "$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "poolfix.json: \`schema\` points outside the project ("
expect_err "); pass it with --schema to use it"
grep -q hunter2 <<<"$err" && fail "an error quoted the outside file"
printf '{ "schema": "/proc/self/environ" }\n' > "$dir/poolfix.json"
run 2 "$poolfix" scan .
expect_err "\`schema\` points outside the project (/proc/self/environ)"
run 3 "$poolfix" scan --schema "$work/secret.prisma" .
expect_err "secret.prisma:1:"
rm "$dir/poolfix.json"
printf '{ "name": "app", "prisma": { "schema": "../secret.prisma" } }\n' > "$dir/package.json"
run 0 "$poolfix" scan .
grep -q hunter2 <<<"$err$out" && fail "package.json made poolfix quote a file outside the project"
expect_out "no Prisma schema found"

finish
