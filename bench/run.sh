#!/usr/bin/env bash
# Speed and memory benchmark: a synthetic monorepo of many TypeScript files (most without a
# Prisma query, one in ten a route handler with the example app's patterns), scanned and
# diffed by poolfix. Prints files/s, MB/s and peak memory, and fails when a target is missed.
#
#   bench/run.sh [PATH/TO/poolfix] [FILES]      (defaults: build/poolfix, 5000)
#
# Targets (on the 2-core machines this project is built on): scan and diff of 5,000 files
# (about 26 MB; one in ten parsed, the rest skipped by the prefilter) in under 5 s each, and
# under 128 MB of peak memory. Measured 2026-11: 0.8 s and 17 MB. Timing targets live here,
# never in the test suite, where a loaded machine would make them flaky.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
poolfix=$(realpath "${1:-$repo/build/poolfix}")
files=${2:-5000}
corpus=$repo/build/bench/corpus-$files
max_seconds=${POOLFIX_BENCH_MAX_SECONDS:-5}
max_rss_mb=${POOLFIX_BENCH_MAX_RSS_MB:-128}
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }

# One plain module: types, helpers, a class, about 2 KB of code; names suffixed with $1.
plain_module() {
  local n=$1 k=$2 # k: a number for the arithmetic, n: the name suffix
  cat <<TS
import { formatDate, type Locale } from '../shared/format-$((k % 37))';

export interface Record$n {
  id: number;
  name: string;
  tags: readonly string[];
  createdAt: Date;
  owner?: { id: number; email: string } | null;
}

export type Filter$n = Partial<Pick<Record$n, 'name' | 'tags'>> & { since?: Date };

const DEFAULT_PAGE_$n = $((k % 50 + 10));

/** Normalises user input before it reaches the service layer. */
export function normalise$n(input: Partial<Record$n>, locale: Locale = 'en'): Record$n {
  const name = (input.name ?? '').trim().replace(/\\s+/g, ' ');
  const tags = [...new Set((input.tags ?? []).map((tag) => tag.toLowerCase()))].sort();
  return {
    id: input.id ?? 0,
    name: name.length > 120 ? \`\${name.slice(0, 117)}...\` : name,
    tags,
    createdAt: input.createdAt ?? new Date(0),
    owner: input.owner ?? null,
  };
}

export class Cache$n<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();
  constructor(private readonly ttlMs: number = $((k % 9 + 1)) * 1000) {}
  get(key: K, now = Date.now()): V | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.expires < now) return undefined;
    return hit.value;
  }
  set(key: K, value: V, now = Date.now()): void {
    this.entries.set(key, { value, expires: now + this.ttlMs });
  }
}

export function page$n<T>(items: T[], page = 1, size = DEFAULT_PAGE_$n): { items: T[]; total: number } {
  const start = Math.max(0, (page - 1) * size);
  return { items: items.slice(start, start + size), total: items.length };
}

export function describe$n(record: Record$n, locale: Locale): string {
  const when = formatDate(record.createdAt, locale);
  switch (record.tags.length) {
    case 0:
      return \`\${record.name} (created \${when})\`;
    case 1:
      return \`\${record.name} [\${record.tags[0]}] (created \${when})\`;
    default:
      return \`\${record.name} [\${record.tags.join(', ')}] (created \${when})\`;
  }
}
TS
}

# The corpus is built once per size and reused.
if [[ ! -f $corpus/.complete ]]; then
  rm -rf "$corpus"
  routes=("$repo"/examples/next-prisma-app/app/api/*/*/route.ts "$repo"/examples/next-prisma-app/app/api/*/route.ts)
  for ((i = 0; i < files; i++)); do
    pkg=$corpus/packages/pkg-$((i % 40))
    if ((i % 10 == 0)); then
      dest=$pkg/app/api/r$i/route.ts
      mkdir -p "$(dirname "$dest")"
      cp "${routes[$((i / 10 % ${#routes[@]}))]}" "$dest"
    else
      mkdir -p "$pkg/src/m$((i % 25))"
      # Three variants per file: about 6 KB, the size of a typical module.
      { plain_module "$i" "$i"; plain_module "${i}b" "$i"; plain_module "${i}c" "$i"; } >"$pkg/src/m$((i % 25))/module-$i.ts"
    fi
  done
  cp "$repo/examples/next-prisma-app/prisma/schema.prisma" "$corpus/schema.prisma"
  touch "$corpus/.complete"
fi
bytes=$(find "$corpus" -name '*.ts' -printf '%s\n' | awk '{ s += $1 } END { print s }')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
echo "bench: $files files, $mb MB, $(nproc) cores, $($poolfix --version)"

failed=0
# measure NAME ARGS...: runs poolfix once, prints its time, rate and peak memory.
measure() {
  local name=$1 stats
  shift
  /usr/bin/time -o "$corpus.time" -f '%e %M' "$poolfix" "$@" --quiet "$corpus" >/dev/null 2>&1 || true
  stats=$(tail -n 1 "$corpus.time")
  local seconds=${stats% *} rss_kb=${stats#* }
  local rss_mb=$((rss_kb / 1024))
  awk -v n="$name" -v s="$seconds" -v f="$files" -v mb="$mb" -v r="$rss_mb" \
    'BEGIN { printf "bench: %-5s %6.2f s  %7.0f files/s  %6.1f MB/s  peak %d MB\n", n, s, f / (s > 0 ? s : 0.01), mb / (s > 0 ? s : 0.01), r }'
  if awk -v s="$seconds" -v max="$max_seconds" 'BEGIN { exit !(s > max) }'; then
    echo "bench: FAIL $name took ${seconds}s, over the ${max_seconds}s target" >&2
    failed=1
  fi
  if ((rss_mb > max_rss_mb)); then
    echo "bench: FAIL $name peaked at ${rss_mb} MB, over the ${max_rss_mb} MB target" >&2
    failed=1
  fi
}

measure scan scan
measure diff diff
measure scan1 scan --jobs 1
exit $failed
