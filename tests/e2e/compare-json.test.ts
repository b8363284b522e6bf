import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compareJson, type ListRule } from './compare-json';

const ordered: ListRule[] = [{ path: 'classes[].students', ordered: true }];
const unordered: ListRule[] = [{ path: 'students[].assessments', ordered: false }];
const ids = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));

test('identical responses are equal, whatever the key order', () => {
  const result = compareJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, [], 10);
  assert.deepEqual(result, { equal: true, difference: undefined, limited: [] });
});

test('a changed value is reported with its path', () => {
  const result = compareJson({ overview: { total: 3 } }, { overview: { total: 4 } }, [], 10);
  assert.equal(result.difference, 'overview.total: 3 became 4');
});

test('a list no rule names must keep its length and order', () => {
  assert.match(compareJson({ users: ids(12) }, { users: ids(10) }, [], 10).difference ?? '', /no take rule/);
  const swapped = compareJson({ users: [{ id: 1 }, { id: 2 }] }, { users: [{ id: 2 }, { id: 1 }] }, [], 10);
  assert.equal(swapped.equal, false);
});

test('an ordered limitable list must be the first N items', () => {
  const original = { classes: [{ students: ids(16) }, { students: ids(3) }] };
  const prefix = compareJson(original, { classes: [{ students: ids(10) }, { students: ids(3) }] }, ordered, 10);
  assert.deepEqual(prefix, { equal: true, difference: undefined, limited: ['classes[].students'] });

  const notPrefix = { classes: [{ students: ids(16).slice(6) }, { students: ids(3) }] };
  assert.match(compareJson(original, notPrefix, ordered, 10).difference ?? '', /^classes\[0\]\.students\[0\]\.id/);
});

test('a limitable list keeps all its items or exactly N of them', () => {
  const original = { classes: [{ students: ids(16) }] };
  assert.equal(compareJson(original, original, ordered, 10).equal, true);
  assert.match(compareJson(original, { classes: [{ students: ids(9) }] }, ordered, 10).difference ?? '', /16 items became 9: expected all 16 or, bounded by take, 10/);
  assert.equal(compareJson(original, { classes: [{ students: ids(12) }] }, ordered, 10).equal, false);
  const short = compareJson({ classes: [{ students: ids(4) }] }, { classes: [{ students: ids(3) }] }, ordered, 10);
  assert.equal(short.equal, false);
});

test('an unordered limitable list may be any N distinct items of the original', () => {
  const original = { students: [{ assessments: ids(12) }] };
  const reversed = { students: [{ assessments: ids(12).reverse().slice(0, 10) }] };
  assert.deepEqual(compareJson(original, reversed, unordered, 10).limited, ['students[].assessments']);

  const repeated = { students: [{ assessments: [...ids(9), { id: 1 }] }] };
  assert.match(compareJson(original, repeated, unordered, 10).difference ?? '', /is not an item of the original/);
  const invented = { students: [{ assessments: [...ids(9), { id: 99 }] }] };
  assert.equal(compareJson(original, invented, unordered, 10).equal, false);
});

test('lists that fit under the limit may only be reordered when unordered', () => {
  const original = { students: [{ assessments: ids(3) }] };
  const reordered = { students: [{ assessments: ids(3).reverse() }] };
  assert.deepEqual(compareJson(original, reordered, unordered, 10), { equal: true, difference: undefined, limited: [] });
  const asOrdered: ListRule[] = [{ path: 'students[].assessments', ordered: true }];
  assert.equal(compareJson(original, reordered, asOrdered, 10).equal, false);
});
