#!/usr/bin/env bash
# Hooked clients and the cache: a route's result must follow the module that builds its
# client. Only lib/prisma.ts changes between runs (an `$extends` query hook added, swapped for
# `$use` middleware, taken away); the route, read from a warm cache, must be declined for the
# hook lib/prisma.ts has, then rewritten again, exactly as a --no-cache run says. Then the
# client applies an extension defined in lib/extension.ts, and only that module changes: it
# hooks the route's model (declined), then another model (rewritten), then the route's again.
# Usage: tests/program/hook_cache.sh path/to/poolfix
set -uo pipefail
poolfix=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
dir=$work/app
mkdir -p "$dir/app/api/levels" "$dir/lib" "$dir/prisma" "$dir/node_modules"
echo '{ "name": "app" }' >"$dir/package.json"
cat >"$dir/prisma/schema.prisma" <<'EOF'
datasource db {
  provider = "postgresql"
}

model Assessment {
  id    Int     @id
  level String?
}
EOF
cat >"$dir/app/api/levels/route.ts" <<'EOF'
import { prisma } from '../../../lib/prisma';

export async function GET() {
  const levels = ['beginner', 'letter', 'word'];
  const counts = await Promise.all(levels.map((level) => prisma.assessment.count({ where: { level } })));
  return Response.json(counts);
}
EOF
plain() {
  cat >"$dir/lib/prisma.ts" <<'EOF'
import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();
EOF
}
hooked() {
  cat >"$dir/lib/prisma.ts" <<'EOF'
import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient().$extends({
  query: { $allModels: { async count({ args, query }) { return query(args); } } },
});
EOF
}
middleware() {
  cat >"$dir/lib/prisma.ts" <<'EOF'
import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();

prisma.$use(async (params, next) => next(params));
EOF
}
# check WHAT [WHY]: a warm-cache scan and diff print what --no-cache runs print, and the route
# is rewritten (WHAT=rewritten) or declined (WHAT=declined) for the reason WHY. The --verbose
# line that counts cache hits is left out of the comparison.
check() {
  for command in "scan --verbose" diff; do
    cached=$(cd "$dir" && "$poolfix" $command --color never --quiet . 2>&1 | grep -v '^poolfix: cache:')
    fresh=$(cd "$dir" && "$poolfix" $command --color never --quiet --no-cache . 2>&1)
    [ "$cached" = "$fresh" ] || fail "$1: '$command' with a warm cache differs from --no-cache:
$(diff <(echo "$fresh") <(echo "$cached"))"
  done
  scan=$(cd "$dir" && "$poolfix" scan --verbose --color never --quiet . 2>&1)
  diff=$(cd "$dir" && "$poolfix" diff --color never --quiet . 2>&1)
  if [ "$1" = rewritten ]; then
    grep -q 'rewrite: groupby' <<<"$scan" || fail "$1: the scan does not say groupby: $scan"
    grep -q 'groupBy' <<<"$diff" || fail "$1: no groupBy in the diff: $diff"
  else
    grep -qF "no rewrite: the client \`prisma\` is $2" <<<"$scan" || fail "$1: the scan does not say '$2': $scan"
    [ -z "$diff" ] || fail "$1: the route is still rewritten: $diff"
  fi
}

plain
check rewritten
check rewritten # every result from the cache now
hooked
check declined 'built in lib/prisma.ts with `$extends(...)` (line 3)'
middleware
check declined 'given `$use(...)` middleware in lib/prisma.ts (line 5)'
hooked
check declined 'built in lib/prisma.ts with `$extends(...)` (line 3)'
plain
check rewritten
# extension MODEL: lib/prisma.ts applies the extension of lib/extension.ts, which hooks MODEL.
extension() {
  cat >"$dir/lib/prisma.ts" <<'EOF'
import { PrismaClient } from '@prisma/client';
import { scoped } from './extension';

export const prisma = new PrismaClient().$extends(scoped);
EOF
  cat >"$dir/lib/extension.ts" <<EOF
import { Prisma } from '@prisma/client';

export const scoped = Prisma.defineExtension({
  query: { $1: { async count({ args, query }) { return query(args); } } },
});
EOF
}
extension assessment
check declined 'built in lib/prisma.ts with `$extends(...)` (line 4), whose query hooks run per operation of `assessment`'
extension student
check rewritten
extension assessment
check declined 'built in lib/prisma.ts with `$extends(...)` (line 4), whose query hooks run per operation of `assessment`'
[ -n "$(find "$dir/node_modules/.cache/poolfix" -type f ! -name .gitignore)" ] || fail "no cache entry was written"
[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "hook cache: all checks passed"
