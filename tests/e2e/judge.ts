// The assertions of the end-to-end stage, as pure functions of the driver's records: verdict.ts
// prints them, judge.test.ts tests them.
//
// Every function returns the same checks whatever the records hold: a record that is missing
// (its driver failed) or a call the driver could not make turns each check that needs it into
// a FAIL that says why, so a red run still lists, and counts, every check of the stage.
import { compareJson, type Comparison, type ListRule } from './compare-json';
import type { CallRecord, RunRecord } from './driver';
import { ENDPOINTS, INCIDENT_ROUTES, endpointName, type Endpoint, type EndpointRequest } from './endpoints';

export const POOL_TIMEOUT = 'timeout exceeded when trying to connect';

export type Check = { passed: boolean; message: string };

// A driver's record, or why there is none.
export type Outcome = { run: RunRecord } | { missing: string };

export type Settings = { label: string; take: number; batchSize: number };

type Expected = { endpoint: Endpoint; request: EndpointRequest; name: string };

// What the manifest expects of each call, in the order the driver makes them.
export const EXPECTED: Expected[] = ENDPOINTS.flatMap((endpoint) =>
  endpoint.requests.map((request) => ({ endpoint, request, name: endpointName(endpoint, request) })));

// A call of a record, or why it cannot be judged.
type Found = { call: CallRecord } | { why: string };

function find(outcome: Outcome, name: string): Found {
  if ('missing' in outcome) return { why: outcome.missing };
  const call = outcome.run.calls.find((c) => c.name === name);
  if (!call) return { why: 'the driver made no such call' };
  if (call.harnessError) return { why: `the driver could not call it: ${call.harnessError}` };
  return { call };
}

function notJudged(message: string, why: string): Check {
  return { passed: false, message: `${message}: not judged, ${why}` };
}

// A check on calls that may be missing: `test` gets them all and says whether it passed (and
// what to add to the message), or the check fails saying why it could not be judged.
function onCalls(message: string, found: Found[], test: (...calls: CallRecord[]) => [boolean, string]): Check {
  const why = found.flatMap((f) => ('why' in f ? [f.why] : []));
  if (why.length) return notJudged(message, why.join('; '));
  const [passed, detail] = test(...found.map((f) => (f as { call: CallRecord }).call));
  return { passed, message: `${message}${detail}` };
}

// The lengths of every list at a rule's path, e.g. `students[].assessments`.
function listLengths(value: unknown, path: string): number[] {
  const [head, ...rest] = path.split('.');
  const key = head.replace(/\[\]$/, '');
  const child = (value as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(child)) return [];
  if (rest.length === 0) return [child.length];
  return child.flatMap((item) => listLengths(item, rest.join('.')));
}

function compareCalls(endpoint: Endpoint, before: CallRecord, after: CallRecord, take: number): Comparison {
  // Status and body together: a rewrite that turns a 200 into a 500 is a different response.
  const rules: ListRule[] = (endpoint.limitable ?? []).map((rule) => ({ ...rule, path: `body.${rule.path}` }));
  return compareJson({ status: before.status, body: before.body }, { status: after.status, body: after.body }, rules, take);
}

export type CallsVerdict = { checks: Check[]; table: string[][] };

// Original against one rewritten copy, call by call: status, determinism, equal responses, and
// the peaks of the fan-outs. `table` is one row per call for the reader.
export function judgeCalls(original: Outcome, rewritten: Outcome, { label, take, batchSize }: Settings): CallsVerdict {
  const checks: Check[] = [];
  const table = [['endpoint', 'orig peak', 'new peak', 'orig trips', 'new trips', 'result']];

  const names = (outcome: Outcome) => ('missing' in outcome ? `no record (${outcome.missing})` : String(outcome.run.calls.length));
  const inOrder = (outcome: Outcome) => 'run' in outcome && outcome.run.calls.map((c) => c.name).join('\n') === EXPECTED.map((e) => e.name).join('\n');
  checks.push({
    passed: inOrder(original) && inOrder(rewritten),
    message: `both runs made the ${EXPECTED.length} calls the manifest lists, in order (original ${names(original)}, ${label} ${names(rewritten)})`,
  });

  for (const { endpoint, request, name } of EXPECTED) {
    const before = find(original, name);
    const after = find(rewritten, name);
    const comparison = 'call' in before && 'call' in after ? compareCalls(endpoint, before.call, after.call, take) : undefined;
    const cell = (found: Found, read: (call: CallRecord) => number) => ('call' in found ? String(read(found.call)) : '-');
    table.push([
      name,
      cell(before, (c) => c.peak),
      cell(after, (c) => c.peak),
      cell(before, (c) => c.queries),
      cell(after, (c) => c.queries),
      !comparison ? 'NOT RUN'
        : !comparison.equal ? 'DIFFERENT'
        : comparison.limited.length ? `equal, limited: ${comparison.limited.map((path) => path.replace(/^body\./, '')).join(', ')}`
        : 'equal',
    ]);

    checks.push(onCalls(`original ${name} answers ${request.expectStatus}`, [before], ({ status, errorLog }) =>
      [status === request.expectStatus, ` (got ${status}${errorLog.length ? `: ${errorLog[0]}` : ''})`]));
    if (!request.mutates) {
      checks.push(onCalls(`original ${name} gives the same response twice (deterministic data)`, [before], (call) =>
        [call.repeatedSame === true, '']));
    }
    checks.push(onCalls(`${label} ${name} returns the original's response`, [before, after], () =>
      [comparison!.equal, comparison!.equal ? '' : `: ${comparison!.difference}`]));
    if (request.fanOut) {
      checks.push(onCalls(`original ${name} holds more than ${batchSize} connections at once`, [before], ({ peak }) =>
        [peak > batchSize, ` (peak ${peak})`]));
      checks.push(onCalls(`${label} ${name} holds at most ${batchSize} connections at once`, [after], ({ peak }) =>
        [peak <= batchSize, ` (peak ${peak})`]));
    }
  }
  return { checks, table };
}

// Each take rule must meet a list longer than `take` in the seed data, or the bound is untested.
export function judgeCoverage(original: Outcome, take: number): Check[] {
  return ENDPOINTS.flatMap((endpoint) => (endpoint.limitable ?? []).map((rule): Check => {
    const message = `seed data gives ${endpoint.route} a ${rule.path} list longer than take ${take}`;
    if ('missing' in original) return notJudged(message, original.missing);
    const longest = Math.max(0, ...original.run.calls
      .filter((c) => c.route === endpoint.route && c.method === endpoint.method && !c.harnessError)
      .flatMap((c) => listLengths(c.body, rule.path)));
    return { passed: longest > take, message: `${message} (longest ${longest})` };
  }));
}

// The incident, replayed on both apps at the same time (so under the same load) with a pool no
// larger than a batch: the original must fail waiting for a connection, the rewrite must not.
// Nothing here depends on how long anything took.
export function judgeIncident(original: Outcome, rewritten: Outcome): Check[] {
  const settings = [original, rewritten].flatMap((o) => ('run' in o ? [o.run] : []))[0];
  const pool = settings ? `pool max ${settings.poolMax}, ${settings.holdMs} ms per query` : 'pool settings unknown';
  const timedOut = (call: CallRecord) => call.poolErrors.some((e) => e.includes(POOL_TIMEOUT));
  return INCIDENT_ROUTES.flatMap((route): Check[] => {
    const [endpoint] = ENDPOINTS.filter((e) => e.route === route);
    const name = endpointName(endpoint, endpoint.requests[0]);
    return [
      onCalls(`incident (${pool}): original ${route} fails with "${POOL_TIMEOUT}"`, [find(original, name)], (call) =>
        [call.status === 500 && timedOut(call), ` (status ${call.status}, ${call.poolErrors.length} pool errors)`]),
      onCalls(`incident (${pool}): rewritten ${route} succeeds`, [find(rewritten, name)], (call) =>
        [call.status === 200 && call.poolErrors.length === 0,
          ` (status ${call.status}, ${call.poolErrors.length} pool errors${call.poolErrors[0] ? `: ${call.poolErrors[0]}` : ''})`]),
    ];
  });
}
