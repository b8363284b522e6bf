#!/usr/bin/env bash
# SARIF artifact URIs are RFC 3986 relative references (issue 16 item 12): brackets, spaces,
# `%`, `#`, `?`, `:` and non-ASCII in file paths are percent-encoded, and each URI, read back
# (decoded), names the file that has the finding.
source "$(dirname "$0")/lib.sh"

project sarif && git -C "$dir" init -q
names=("app/api/[id]/route.ts" "app/api/with space/route.ts" "app/api/café/route.ts" "app/api/100%/route.ts"
       "app/api/a#b?c/route.ts" "app/api/(group):x/route.ts" "app/api/plain/route.ts")
for name in "${names[@]}"; do
  mkdir -p "$dir/$(dirname "$name")"
  printf 'export async function GET() {\n  const [a, b, c, d, e] = await Promise.all([\n    prisma.student.count(),\n    prisma.user.count(),\n    prisma.school.count(),\n    prisma.visit.count(),\n    prisma.class.count(),\n  ]);\n  return Response.json({ a, b, c, d, e });\n}\n' > "$dir/$name"
done
run 0 "$poolfix" scan --format sarif .
uris=$(grep -o '"uri":[[:space:]]*"[^"]*"' <<<"$out" | sed 's/.*"\([^"]*\)"$/\1/' | sort -u)
[ "$(grep -c . <<<"$uris")" -eq "${#names[@]}" ] || fail "expected ${#names[@]} distinct URIs, got: $uris"
while IFS= read -r uri; do
  grep -qE "^([A-Za-z0-9._~/!\$&'()*+,;=@-]|%[0-9A-F]{2})+\$" <<<"$uri" || fail "not an RFC 3986 relative reference: $uri"
  path=$(printf '%b' "${uri//%/\\x}")
  [ -f "$dir/$path" ] || fail "$uri does not name a file (decoded: $path)"
done <<<"$uris"
grep -qF '"app/api/%5Bid%5D/route.ts"' <<<"$out" || fail "[id] is not encoded as %5Bid%5D"
grep -qF '"app/api/caf%C3%A9/route.ts"' <<<"$out" || fail "é is not encoded as its UTF-8 bytes"
grep -qF '"app/api/%28group%29%3Ax/route.ts"' <<<"$out" && fail "sub-delimiters were encoded needlessly"
grep -qF '"app/api/(group)%3Ax/route.ts"' <<<"$out" || fail "a colon is not encoded"
finish
