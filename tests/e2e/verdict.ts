// Judges the driver's records: prints the table of every call, original against rewritten, and
// one PASS/FAIL line per assertion (also appended to --assertions for run.sh's tally).
//
//   tsx verdict.ts --original O.json --rewritten R.json --incident-original IO.json
//                  --incident-rewritten IR.json --take 10 --batch-size 4 --assertions FILE
//   tsx verdict.ts --calls-only --label NAME --original O.json --rewritten R.json ...
//                  (another rewritten copy: its calls only, named NAME in the messages)
//   --take-pass    the copy ran the opt-in take pass: the lists an endpoint names `limitable`
//                  may come back shorter (and must, somewhere, to prove the pass ran); without
//                  it every list must come back whole
import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { compareJson, type ListRule } from './compare-json';
import type { CallRecord, RunRecord } from './driver';
import { ENDPOINTS, INCIDENT_ROUTES, endpointName } from './endpoints';

const POOL_TIMEOUT = 'timeout exceeded when trying to connect';

const { values: args } = parseArgs({
  options: {
    original: { type: 'string' },
    rewritten: { type: 'string' },
    'incident-original': { type: 'string' },
    'incident-rewritten': { type: 'string' },
    take: { type: 'string', default: '10' },
    'batch-size': { type: 'string', default: '4' },
    assertions: { type: 'string' },
    label: { type: 'string', default: 'rewritten' },
    'calls-only': { type: 'boolean', default: false },
    'take-pass': { type: 'boolean', default: false },
  },
});

const label = args.label ?? 'rewritten';

const take = Number(args.take);
const batchSize = Number(args['batch-size']);

function load(path: string | undefined): RunRecord {
  if (!path) throw new Error('verdict.ts: missing a record file argument');
  return JSON.parse(readFileSync(path, 'utf8')) as RunRecord;
}

function check(passed: boolean, message: string) {
  const line = `${passed ? 'PASS' : 'FAIL'}  ${message}`;
  console.log(line);
  if (args.assertions) appendFileSync(args.assertions, `${line}\n`);
}

// What the manifest expects of each call, in the order the driver made them.
const expected = ENDPOINTS.flatMap((endpoint) =>
  endpoint.requests.map((request) => ({ endpoint, request, name: endpointName(endpoint, request) })));

// The lengths of every list at a rule's path, e.g. `students[].assessments`.
function listLengths(value: unknown, path: string): number[] {
  const [head, ...rest] = path.split('.');
  const key = head.replace(/\[\]$/, '');
  const child = (value as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(child)) return [];
  if (rest.length === 0) return [child.length];
  return child.flatMap((item) => listLengths(item, rest.join('.')));
}

function printTable(rows: string[][]) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 || column === row.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
  }
}

function judgeCalls(original: RunRecord, rewritten: RunRecord) {
  const inOrder = (run: RunRecord) => run.calls.map((c) => c.name).join('\n') === expected.map((e) => e.name).join('\n');
  const sameCalls = inOrder(original) && inOrder(rewritten);
  check(sameCalls, `both runs made the ${expected.length} calls the manifest lists, in order (original ${original.calls.length}, ${label} ${rewritten.calls.length})`);
  if (!sameCalls) return;

  const judged = expected.map(({ endpoint, request, name }, index) => {
    const before = original.calls[index];
    const after = rewritten.calls[index];
    // Status and body together: a rewrite that turns a 200 into a 500 is a different response.
    const limitable = args['take-pass'] ? endpoint.limitable ?? [] : [];
    const rules: ListRule[] = limitable.map((rule) => ({ ...rule, path: `body.${rule.path}` }));
    const comparison = compareJson({ status: before.status, body: before.body }, { status: after.status, body: after.body }, rules, take);
    return { endpoint, request, name, before, after, comparison };
  });

  printTable([
    ['endpoint', 'orig peak', 'new peak', 'orig trips', 'new trips', 'result'],
    ...judged.map(({ name, before, after, comparison }) => [
      name,
      String(before.peak),
      String(after.peak),
      String(before.queries),
      String(after.queries),
      !comparison.equal ? 'DIFFERENT'
        : comparison.limited.length ? `equal, limited: ${comparison.limited.map((path) => path.replace(/^body\./, '')).join(', ')}`
        : 'equal',
    ]),
  ]);
  console.log('');

  if (args['take-pass']) {
    // Every list the take pass may bound was bounded for some request: the pass really ran.
    for (const endpoint of ENDPOINTS) {
      for (const rule of endpoint.limitable ?? []) {
        const bounded = judged.some((call) => call.endpoint === endpoint && call.comparison.limited.includes(`body.${rule.path}`));
        check(bounded, `${label} bounds ${endpoint.route} ${rule.path} to ${take} items`);
      }
    }
  }

  for (const { request, name, before, after, comparison } of judged) {
    check(before.status === request.expectStatus, `original ${name} answers ${request.expectStatus} (got ${before.status}${before.errorLog.length ? `: ${before.errorLog[0]}` : ''})`);
    if (before.repeatable) {
      check(before.repeatedSame === true, `original ${name} gives the same response twice (deterministic data)`);
    }
    check(comparison.equal, `${label} ${name} returns the original's response${comparison.equal ? '' : `: ${comparison.difference}`}`);
    if (request.fanOut) {
      check(before.peak > batchSize, `original ${name} holds more than ${batchSize} connections at once (peak ${before.peak})`);
      check(after.peak <= batchSize, `${label} ${name} holds at most ${batchSize} connections at once (peak ${after.peak})`);
    }
  }
}

// Each take rule must meet a list longer than `take` in the seed data, or the bound is untested.
function judgeCoverage(original: RunRecord) {
  for (const endpoint of ENDPOINTS) {
    for (const rule of endpoint.limitable ?? []) {
      const longest = Math.max(0, ...original.calls.filter((c) => c.route === endpoint.route && c.method === endpoint.method).flatMap((c) => listLengths(c.body, rule.path)));
      check(longest > take, `seed data gives ${endpoint.route} a ${rule.path} list longer than take ${take} (longest ${longest})`);
    }
  }
}

function judgeIncident(original: RunRecord, rewritten: RunRecord) {
  const pool = `pool max ${original.poolMax}, ${original.holdMs} ms per query`;
  for (const route of INCIDENT_ROUTES) {
    const before = original.calls.find((c) => c.route === route);
    const after = rewritten.calls.find((c) => c.route === route);
    const timedOut = (call?: CallRecord) => call?.poolErrors.some((e) => e.includes(POOL_TIMEOUT)) ?? false;
    check(before?.status === 500 && timedOut(before), `incident (${pool}): original ${route} fails with "${POOL_TIMEOUT}" (status ${before?.status}, ${before?.poolErrors.length ?? 0} pool errors)`);
    check(after?.status === 200 && after.poolErrors.length === 0, `incident (${pool}): rewritten ${route} succeeds (status ${after?.status}, ${after?.poolErrors.length ?? 0} pool errors${after?.poolErrors[0] ? `: ${after.poolErrors[0]}` : ''})`);
  }
}

const original = load(args.original);
judgeCalls(original, load(args.rewritten));
if (!args['calls-only']) {
  judgeCoverage(original);
  judgeIncident(load(args['incident-original']), load(args['incident-rewritten']));
}
