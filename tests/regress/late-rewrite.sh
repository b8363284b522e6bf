#!/usr/bin/env bash
# A rewrite that only the program stage makes possible: the route's client is imported under
# a name poolfix does not take for a client (`store`), so the first stage sees no query there,
# and the file is processed again once the program knows `store` is a PrismaClient. diff and
# apply keep the bytes of rewritten files only: this file's bytes must come from the stage
# that rewrote it, and the diff and the written file must be whole.
source "$(dirname "$0")/lib.sh"

project late && schema
mkdir -p "$dir/lib" "$dir/app/api/report"
printf "import { PrismaClient } from '@prisma/client';\nexport const store = new PrismaClient();\n" > "$dir/lib/store.ts"
cat > "$dir/app/api/report/route.ts" <<'TS'
import { store } from '../../../lib/store';

export async function GET() {
  const [a, b, c, d, e, f] = await Promise.all([
    store.student.count(),
    store.assessment.count(),
    store.student.count(),
    store.assessment.count(),
    store.student.count(),
    store.assessment.count(),
  ]);
  return Response.json({ a, b, c, d, e, f });
}
TS
before=$(cat "$dir/app/api/report/route.ts")

run 0 "$poolfix" diff --no-cache --color never .
expect_out "--- a/app/api/report/route.ts"
expect_out "-  const [a, b, c, d, e, f] = await Promise.all(["
expect_out "+  const [a, b, c] = await Promise.all(["
expect_out "+  const [d, e, f] = await Promise.all(["
expect_out " import { store } from '../../../lib/store';"
[ "$(cat "$dir/app/api/report/route.ts")" = "$before" ] || fail "diff changed the file"

run 0 "$poolfix" apply --allow-dirty --no-cache .
expect_out "rewrote app/api/report/route.ts (batch)"
grep -qF "const [a, b, c] = await Promise.all([" "$dir/app/api/report/route.ts" || fail "apply did not write the batches"
grep -qF "import { store } from '../../../lib/store';" "$dir/app/api/report/route.ts" || fail "apply lost the file's first line"
grep -qF "return Response.json({ a, b, c, d, e, f });" "$dir/app/api/report/route.ts" || fail "apply lost the file's end"
run 0 "$poolfix" diff --no-cache --color never .
[ -z "$out" ] || fail "a second diff is not empty: $out"
finish
