import { strict as assert } from 'node:assert';

import { resolveEnd } from '../../../src/roster/override-end';

const ZONE = 'Europe/London';

function until(end: Parameters<typeof resolveEnd>[0], now: string): string | null {
  const resolved = resolveEnd(end, new Date(now), ZONE);
  assert.ok(resolved.ok, resolved.ok ? '' : resolved.error);
  return resolved.until?.toISOString() ?? null;
}

describe('resolveEnd', () => {
  it('has no end for "until changed"', () => {
    assert.equal(until({ kind: 'open' }, '2026-06-06T01:00:00Z'), null);
  });

  describe('a local time', () => {
    it('is later today when the clock has not reached it yet (BST)', () => {
      // 02:00 BST on Saturday 6 June; 07:00 BST is 06:00Z.
      const end = until({ kind: 'time', hour: 7, minute: 0 }, '2026-06-06T01:00:00Z');
      assert.equal(end, '2026-06-06T06:00:00.000Z');
    });

    it('is tomorrow when the clock has passed it, or shows it now', () => {
      const end = until({ kind: 'time', hour: 7, minute: 0 }, '2026-06-06T08:00:00Z');
      assert.equal(end, '2026-06-07T06:00:00.000Z');
      const exactly = until({ kind: 'time', hour: 7, minute: 0 }, '2026-06-06T06:00:00Z');
      assert.equal(exactly, '2026-06-07T06:00:00.000Z');
    });

    it('follows the change back to GMT in the night of 25 October 2026', () => {
      // 23:00 BST on Saturday 24 October; the next 07:00 is GMT, 07:00Z.
      const end = until({ kind: 'time', hour: 7, minute: 0 }, '2026-10-24T22:00:00Z');
      assert.equal(end, '2026-10-25T07:00:00.000Z');
    });

    it('moves a time in the hour skipped on 29 March 2026 forward, as clocks do', () => {
      const end = until({ kind: 'time', hour: 1, minute: 30 }, '2026-03-28T23:00:00Z');
      assert.equal(end, '2026-03-29T01:30:00.000Z');
    });
  });

  describe('a date', () => {
    it('is local midnight at the start of that date, and says so', () => {
      const resolved = resolveEnd(
        { kind: 'date', date: '2026-12-05' },
        new Date('2026-12-03T12:00:00Z'),
        ZONE,
      );
      assert.ok(resolved.ok);
      assert.equal(resolved.until?.toISOString(), '2026-12-05T00:00:00.000Z');
      assert.equal(resolved.note, 'midnight at the start of 2026-12-05');
    });

    it('is read in summer time in summer', () => {
      const end = until({ kind: 'date', date: '2026-07-01' }, '2026-06-06T01:00:00Z');
      assert.equal(end, '2026-06-30T23:00:00.000Z');
    });

    it('refuses a date that has begun', () => {
      const resolved = resolveEnd(
        { kind: 'date', date: '2026-06-06' },
        new Date('2026-06-06T01:00:00Z'),
        ZONE,
      );
      assert.deepEqual(resolved, {
        ok: false,
        error: '2026-06-06 has begun already: give a later date or a time',
      });
    });

    it('refuses a date more than a year away', () => {
      const resolved = resolveEnd(
        { kind: 'date', date: '2028-01-01' },
        new Date('2026-06-06T01:00:00Z'),
        ZONE,
      );
      assert.equal(resolved.ok, false);
    });
  });

  it('adds a duration to now, in elapsed time across a DST change', () => {
    const end = until({ kind: 'duration', minutes: 8 * 60 }, '2026-10-24T22:00:00Z');
    assert.equal(end, '2026-10-25T06:00:00.000Z');
  });
});
