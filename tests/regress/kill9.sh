#!/usr/bin/env bash
# kill -9 proof of apply (issue 14 item 4): apply is killed at random moments on a tree with
# many rewrites; after each kill every file is its original or its fully rewritten text with
# its mode kept, and nothing but apply's own temporary files (.<name>.poolfix-<pid>-XXXXXX)
# is left; the next run removes those and finishes the job.
source "$(dirname "$0")/lib.sh"
trials=${POOLFIX_KILL_TRIALS:-20}

fanout() {
  printf 'export async function GET() {\n  // route %s\n  const [a, b, c, d, e] = await Promise.all([\n' "$1"
  printf '    prisma.student.count(),\n    prisma.user.count(),\n    prisma.school.count(),\n'
  printf '    prisma.visit.count(),\n    prisma.class.count(),\n  ]);\n  return Response.json({ a, b, c, d, e });\n}\n'
}
project original && git -C "$dir" init -q
modes=(644 600 755 640)
for i in $(seq 1 80); do
  mkdir -p "$dir/app/api/r$((i % 10))"
  f="$dir/app/api/r$((i % 10))/route$i.ts"
  fanout "$i" > "$f"
  chmod "${modes[$((i % 4))]}" "$f"
done
git -C "$dir" add -A && git -C "$dir" -c user.name=t -c user.email=t@t commit -qm init
(cd "$dir" && find app -type f -printf '%p %m\n' | sort) > "$work/modes"

# The reference: one uninterrupted run, timed to spread the kills over its length.
cp -a "$dir" "$work/expected"
start=$(date +%s%N)
(cd "$work/expected" && "$poolfix" apply --quiet . >/dev/null) || fail "the reference apply failed"
span_ms=$(( ($(date +%s%N) - start) / 1000000 + 1 ))

mid_run=0 removed_total=0
for trial in $(seq 1 "$trials"); do
  rm -rf "$work/trial" && cp -a "$dir" "$work/trial"
  (cd "$work/trial" && exec "$poolfix" apply --quiet --allow-dirty . >/dev/null 2>&1) &
  pid=$!
  # Anywhere from a third into the run (the writes come after the analysis) to past its end.
  sleep "$(awk -v ms=$((span_ms * 3 / 10 + RANDOM % (span_ms * 9 / 10 + 1))) 'BEGIN { printf "%.3f", ms / 1000 }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rewritten=0 original=0
  while read -r path mode; do
    if cmp -s "$work/trial/$path" "$work/expected/$path"; then rewritten=$((rewritten + 1))
    elif cmp -s "$work/trial/$path" "$dir/$path"; then original=$((original + 1))
    else fail "trial $trial: $path is neither its original nor its rewrite"; fi
    [ "$(stat -c %a "$work/trial/$path")" = "$mode" ] || fail "trial $trial: $path lost its mode $mode"
  done < "$work/modes"
  [ "$rewritten" -gt 0 ] && [ "$original" -gt 0 ] && mid_run=$((mid_run + 1))
  leftovers=$(cd "$work/trial" && git status --porcelain --ignored --untracked-files=all | grep -v '^ M ' | sed 's/^.. //')
  while IFS= read -r left; do
    [ -n "$left" ] || continue
    [[ "$(basename "$left")" =~ ^\.route[0-9]+\.ts\.poolfix-[0-9]+-[A-Za-z0-9]{6}$ ]] \
      || fail "trial $trial: the kill left $left, which is not apply's temporary file"
  done <<<"$leftovers"
  count=$(grep -c . <<<"$leftovers")
  # The next run finishes the job and cleans up after the killed one.
  (cd "$work/trial" && "$poolfix" apply --allow-dirty . >"$work/.out" 2>"$work/.err"); code=$?
  [ "$code" -eq 0 ] || fail "trial $trial: the run after the kill exited $code: $(cat "$work/.err")"
  if [ "$count" -gt 0 ]; then
    grep -qF "removed $count temporary file" "$work/.err" || fail "trial $trial: no line about the $count leftovers"
    removed_total=$((removed_total + count))
  fi
  diff -r -q -x .git "$work/trial" "$work/expected" >/dev/null || fail "trial $trial: the run after the kill did not finish the job"
  [ -z "$(cd "$work/trial" && git status --porcelain --ignored --untracked-files=all | grep -v '^ M ')" ] \
    || fail "trial $trial: files are left after the second run"
done
echo "kill -9: $trials trials over ${span_ms} ms runs, $mid_run killed while writing, $removed_total temporaries removed"
finish
