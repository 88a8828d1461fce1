import { strict as assert } from 'node:assert';

import { currentOrLastNight, dueNight } from '../../../src/digest/digest-window';
import { londonPolicy } from '../fixtures';

const policy = londonPolicy();
const iso = (d: Date | undefined) => d?.toISOString();

describe('digest window', function () {
  it('is due from 09:00 on a business day, for the night since the last business end', function () {
    const monday = dueNight(new Date('2026-06-08T08:00:00Z'), policy);

    assert.equal(monday?.morning, '2026-06-08');
    assert.equal(iso(monday?.start), '2026-06-05T17:00:00.000Z', 'Friday 18:00 BST');
    assert.equal(iso(monday?.end), '2026-06-08T08:00:00.000Z', 'Monday 09:00 BST');
  });

  it('is not due before 09:00, at night, at weekends or at 18:00', function () {
    for (const at of [
      '2026-06-08T07:59:59Z',
      '2026-06-08T17:00:00Z',
      '2026-06-06T10:00:00Z',
      '2026-06-07T12:00:00Z',
    ]) {
      assert.equal(dueNight(new Date(at), policy), null, at);
    }
  });

  it('covers a holiday: Christmas Friday and Monday 28 December make one long night', function () {
    const tuesday = dueNight(new Date('2026-12-29T09:30:00Z'), policy);

    assert.equal(tuesday?.morning, '2026-12-29');
    assert.equal(iso(tuesday?.start), '2026-12-24T18:00:00.000Z', 'Thursday 18:00 GMT');
    assert.equal(dueNight(new Date('2026-12-28T09:30:00Z'), policy), null);
  });

  it('spans the March DST change by wall-clock hours', function () {
    const monday = dueNight(new Date('2026-03-30T08:00:00Z'), policy);

    assert.equal(iso(monday?.start), '2026-03-27T18:00:00.000Z', 'Friday 18:00 GMT');
    assert.equal(iso(monday?.end), '2026-03-30T08:00:00.000Z', 'Monday 09:00 BST');
  });

  it('reports the running night at night, and the last one by day', function () {
    const saturday = currentOrLastNight(new Date('2026-06-06T01:00:00Z'), policy);
    assert.equal(saturday.morning, '2026-06-08');
    assert.equal(iso(saturday.start), '2026-06-05T17:00:00.000Z');
    assert.equal(iso(saturday.end), '2026-06-06T01:00:00.000Z');

    const tuesdayNight = currentOrLastNight(new Date('2026-06-09T20:00:00Z'), policy);
    assert.equal(tuesdayNight.morning, '2026-06-10');
    assert.equal(iso(tuesdayNight.start), '2026-06-09T17:00:00.000Z');

    const earlyTuesday = currentOrLastNight(new Date('2026-06-09T05:00:00Z'), policy);
    assert.equal(earlyTuesday.morning, '2026-06-09');
    assert.equal(iso(earlyTuesday.start), '2026-06-08T17:00:00.000Z');
  });
});
