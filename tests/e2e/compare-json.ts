// Compares the JSON response of an original handler with that of its rewrite.
//
// A rewrite must leave a response unchanged, with one documented exception: the `take` pass
// adds `take: N` to to-many relations nested under include/select. A list that comes from
// such a relation is named by a ListRule (its JSON path, `[]` standing for every element of a
// list) and may come back shorter:
// - it has all of the original's items (the list was not bounded, or not long enough to be
//   cut), or exactly N of them, fewer than the original had: `take: N` returns that many;
// - ordered (the relation has an orderBy that is total: a unique key or a tie-breaker): item i
//   equals the original's item i, since the first N items are well defined;
// - unordered (no orderBy: rows come back in whatever order the database reads them, and the
//   rewrite may add an orderBy of its own): the items are distinct items of the original, each
//   compared whole, i.e. a sub-multiset; nothing else about which N is known.
// Everything else must be equal: values, object keys (in any order), the length and order of
// every list no rule names. So a rewrite may bound exactly the named lists, and only with
// items it really read; dropping, reordering or changing anything else is reported.
//
// Only lists that the handler returns as they came from Prisma (or mapped one item to one
// item) can be named: a count or sum computed from a bounded relation changes with `take`,
// and the comparison would rightly report it.

export type ListRule = { path: string; ordered: boolean };

export type Comparison = {
  equal: boolean;
  difference?: string; // the first difference, with its path
  limited: string[]; // rule paths where the rewrite returned fewer items than the original
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function compareJson(original: unknown, rewritten: unknown, rules: ListRule[], take: number): Comparison {
  const limited = new Set<string>();
  const rulesByPath = new Map(rules.map((rule) => [rule.path, rule]));

  function compare(a: Json, b: Json, path: string): string | undefined {
    if (Array.isArray(a) && Array.isArray(b)) {
      const rule = rulesByPath.get(pattern(path));
      return rule ? compareLimited(a, b, path, rule) : compareItems(a, b, path);
    }
    if (isObject(a) && isObject(b)) {
      const keysA = Object.keys(a).sort();
      const keysB = Object.keys(b).sort();
      if (keysA.join() !== keysB.join()) {
        return `${at(path)}keys [${keysA}] became [${keysB}]`;
      }
      for (const key of keysA) {
        const difference = compare(a[key], b[key], path ? `${path}.${key}` : key);
        if (difference) return difference;
      }
      return undefined;
    }
    return a === b ? undefined : `${at(path)}${preview(a)} became ${preview(b)}`;
  }

  function compareItems(a: Json[], b: Json[], path: string): string | undefined {
    if (a.length !== b.length) {
      return `${at(path)}${a.length} items became ${b.length} (no take rule covers this list)`;
    }
    for (let i = 0; i < a.length; i++) {
      const difference = compare(a[i], b[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }

  function compareLimited(a: Json[], b: Json[], path: string, rule: ListRule): string | undefined {
    if (b.length !== a.length && !(b.length === take && take < a.length)) {
      return `${at(path)}${a.length} items became ${b.length}: expected all ${a.length} or, bounded by take, ${take}`;
    }
    if (b.length < a.length) limited.add(rule.path);
    if (rule.ordered) return compareItems(a.slice(0, b.length), b, path);

    const unused = a.map(canonical);
    for (let i = 0; i < b.length; i++) {
      const index = unused.indexOf(canonical(b[i]));
      if (index < 0) return `${at(`${path}[${i}]`)}${preview(b[i])} is not an item of the original list`;
      unused.splice(index, 1);
    }
    return undefined;
  }

  const difference = compare(original as Json, rewritten as Json, '');
  return { equal: difference === undefined, difference, limited: [...limited].sort() };
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// `students[3].assessments` -> `students[].assessments`
function pattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

function at(path: string): string {
  return `${path || '(response)'}: `;
}

// JSON with sorted keys, so that two equal objects give the same text
function canonical(value: Json): string {
  return JSON.stringify(value, (_key, v: Json) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v);
}

function preview(value: Json): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
