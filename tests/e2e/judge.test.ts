// The judge's own tests: a red run must still list every check, each failure saying why.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { CallRecord, RunRecord } from './driver';
import { ENDPOINTS, INCIDENT_ROUTES } from './endpoints';
import { EXPECTED, POOL_TIMEOUT, judgeCalls, judgeCoverage, judgeIncident, type Check, type Outcome } from './judge';

const settings = { label: 'rewritten', take: 10, batchSize: 4 };

// A body with a list of `length` items at a rule path such as `students[].assessments`.
function bodyWithList(path: string, length: number): unknown {
  const [head, ...rest] = path.split('.');
  const key = head.replace(/\[\]$/, '');
  if (rest.length === 0) return { [key]: Array.from({ length }, (_, id) => ({ id })) };
  return { [key]: [bodyWithList(rest.join('.'), length)] };
}

function call(name: string, fields: Partial<CallRecord>): CallRecord {
  const expected = EXPECTED.find((e) => e.name === name)!;
  const rule = expected.endpoint.limitable?.[0];
  return {
    name,
    route: expected.endpoint.route,
    method: expected.endpoint.method,
    status: expected.request.expectStatus,
    body: rule ? bodyWithList(rule.path, 12) : { ok: true },
    errorLog: [],
    repeatable: !expected.request.mutates,
    repeatedSame: expected.request.mutates ? undefined : true,
    ms: 1,
    peak: 1,
    queries: 1,
    poolErrors: [],
    ...fields,
  };
}

// A run where every call answered as the manifest expects; fan-outs peak at `fanOutPeak`.
function measured(fanOutPeak: number): Outcome {
  const calls = EXPECTED.map(({ name, request }) => call(name, { peak: request.fanOut ? fanOutPeak : 1 }));
  return { run: { app: 'app', holdMs: 25, poolMax: 20, calls } };
}

function incident(status: number, poolErrors: string[]): Outcome {
  const calls = EXPECTED.filter((e) => INCIDENT_ROUTES.includes(e.endpoint.route) && e.request === e.endpoint.requests[0])
    .map(({ name }) => call(name, { status, poolErrors, peak: 4 }));
  const run: RunRecord = { app: 'app', holdMs: 150, poolMax: 4, calls };
  return { run };
}

const failures = (checks: Check[]) => checks.filter((c) => !c.passed);

test('records that meet every expectation pass every check', () => {
  const { checks, table } = judgeCalls(measured(10), measured(4), settings);
  assert.deepEqual(failures(checks), []);
  assert.equal(table.length, EXPECTED.length + 1);
  assert.deepEqual(failures(judgeCoverage(measured(10), 10)), []);
  assert.deepEqual(failures(judgeIncident(incident(500, [POOL_TIMEOUT]), incident(200, []))), []);
});

test('a missing record fails every check that needs it, with the reason, and no other', () => {
  const complete = judgeCalls(measured(10), measured(4), settings).checks;
  const missing: Outcome = { missing: 'no record: the driver could not connect' };
  const { checks, table } = judgeCalls(measured(10), missing, settings);
  assert.equal(checks.length, complete.length);
  const failed = failures(checks);
  // the in-order check, one comparison per call and the rewritten peak of each fan-out
  const fanOuts = EXPECTED.filter((e) => e.request.fanOut).length;
  assert.equal(failed.length, 1 + EXPECTED.length + fanOuts);
  for (const check of failed.slice(1)) assert.match(check.message, /: not judged, no record: the driver could not connect$/);
  assert.ok(checks.filter((c) => c.message.startsWith('original ')).every((c) => c.passed));
  assert.ok(table.slice(1).every((row) => row.at(-1) === 'NOT RUN' && row[2] === '-'));
});

test('a missing original record leaves every check in place, failed', () => {
  const complete = judgeCalls(measured(10), measured(4), settings).checks;
  const missing: Outcome = { missing: 'no record: PostgreSQL did not start' };
  const checks = judgeCalls(missing, missing, settings).checks;
  assert.equal(checks.length, complete.length);
  assert.equal(failures(checks).length, checks.length);
  const coverage = judgeCoverage(missing, 10);
  assert.equal(coverage.length, ENDPOINTS.flatMap((e) => e.limitable ?? []).length);
  assert.ok(coverage.every((c) => !c.passed && c.message.endsWith('not judged, no record: PostgreSQL did not start')));
});

test('a call the driver could not make fails its own checks only', () => {
  const broken = measured(4);
  const [victim] = EXPECTED;
  if ('run' in broken) broken.run.calls[0] = call(victim.name, { harnessError: 'pool still busy after 60000 ms' });
  const failed = failures(judgeCalls(measured(10), broken, settings).checks);
  assert.equal(failed.length, 2); // its comparison and its peak; the original's checks pass
  for (const check of failed) {
    assert.ok(check.message.includes(victim.name));
    assert.match(check.message, /not judged, the driver could not call it: pool still busy/);
  }
});

test('peaks, statuses and differences are judged, not merely reported', () => {
  const failed = failures(judgeCalls(measured(4), measured(5), settings).checks);
  const fanOuts = EXPECTED.filter((e) => e.request.fanOut).length;
  assert.equal(failed.length, 2 * fanOuts);
  assert.ok(failed.some((c) => /original .* holds more than 4 connections at once \(peak 4\)/.test(c.message)));
  assert.ok(failed.some((c) => /rewritten .* holds at most 4 connections at once \(peak 5\)/.test(c.message)));

  const changed = measured(4);
  if ('run' in changed) changed.run.calls[0] = { ...changed.run.calls[0], status: 500 };
  const difference = failures(judgeCalls(measured(10), changed, settings).checks);
  assert.equal(difference.length, 1);
  assert.match(difference[0].message, /returns the original's response: status: 200 became 500/);
});

test('the incident: the original must time out on the pool and the rewrite must not', () => {
  const bothFail = judgeIncident(incident(500, [POOL_TIMEOUT]), incident(500, [POOL_TIMEOUT]));
  assert.equal(bothFail.length, 2 * INCIDENT_ROUTES.length);
  assert.deepEqual(bothFail.map((c) => c.passed), INCIDENT_ROUTES.flatMap(() => [true, false]));
  const noneFail = judgeIncident(incident(200, []), incident(200, []));
  assert.deepEqual(noneFail.map((c) => c.passed), INCIDENT_ROUTES.flatMap(() => [false, true]));
  const otherError = judgeIncident(incident(500, ['Connection terminated due to connection timeout']), incident(200, []));
  assert.deepEqual(otherError.map((c) => c.passed), INCIDENT_ROUTES.flatMap(() => [false, true]));
  const lost = judgeIncident({ missing: 'no record: driver crashed' }, incident(200, []));
  assert.equal(lost.length, 2 * INCIDENT_ROUTES.length);
  assert.deepEqual(lost.map((c) => c.passed), INCIDENT_ROUTES.flatMap(() => [false, true]));
  assert.match(lost[0].message, /not judged, no record: driver crashed/);
});
