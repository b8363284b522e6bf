// Judges the driver's records: prints the table of every call, original against rewritten, and
// one PASS/FAIL line per assertion (also appended to --assertions for run.sh's tally).
//
//   tsx verdict.ts --original O.json --rewritten R.json --incident-original IO.json
//                  --incident-rewritten IR.json --take 10 --batch-size 4 --assertions FILE
//   tsx verdict.ts --calls-only --label NAME --original O.json --rewritten R.json ...
//                  (another rewritten copy: its calls only, named NAME in the messages)
//
// A record file that does not exist is judged as missing, for the reason run.sh wrote to
// FILE.failed: every check that needs it fails and says so, and every other check still runs.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { judgeCalls, judgeCoverage, judgeIncident, type Check, type Outcome } from './judge';
import type { RunRecord } from './driver';

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
  },
});

function load(path: string | undefined): Outcome {
  if (!path) throw new Error('verdict.ts: missing a record file argument');
  if (existsSync(path)) return { run: JSON.parse(readFileSync(path, 'utf8')) as RunRecord };
  const reason = existsSync(`${path}.failed`) ? readFileSync(`${path}.failed`, 'utf8').trim() : '';
  return { missing: `no record: ${reason || `${path} was not written`}` };
}

function report(checks: Check[]) {
  const lines = checks.map(({ passed, message }) => `${passed ? 'PASS' : 'FAIL'}  ${message}`);
  for (const line of lines) console.log(line);
  if (args.assertions) appendFileSync(args.assertions, lines.map((line) => `${line}\n`).join(''));
}

function printTable(rows: string[][]) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 || column === row.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
  }
}

const settings = { label: args.label ?? 'rewritten', take: Number(args.take), batchSize: Number(args['batch-size']) };
const original = load(args.original);
const calls = judgeCalls(original, load(args.rewritten), settings);
printTable(calls.table);
console.log('');
report(calls.checks);
if (!args['calls-only']) {
  report(judgeCoverage(original, settings.take));
  report(judgeIncident(load(args['incident-original']), load(args['incident-rewritten'])));
}
