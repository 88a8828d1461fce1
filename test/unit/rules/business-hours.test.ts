import { strict as assert } from 'node:assert';

import { checkBusinessHours, formatMinute } from '../../../src/rules/business-hours';
import { londonPolicy } from '../fixtures';

describe('checkBusinessHours', () => {
  const policy = londonPolicy();

  describe('daylight saving time in Europe/London, 2026', () => {
    it('reads Monday 2026-03-30T08:30Z as 09:30 BST: inside', () => {
      const verdict = checkBusinessHours('2026-03-30T08:30:00Z', policy);
      assert.equal(verdict.outside, false);
      assert.equal(verdict.local.toFormat('HH:mm'), '09:30');
      assert.match(verdict.reason, /^Monday 09:30 Europe\/London is inside business hours/);
    });

    it('reads Monday 2026-03-23T08:30Z as 08:30 GMT: outside', () => {
      const verdict = checkBusinessHours('2026-03-23T08:30:00Z', policy);
      assert.equal(verdict.outside, true);
      assert.match(verdict.reason, /^Monday 08:30 Europe\/London is outside business hours/);
    });

    it('reads Friday 2026-10-23T08:30Z as 09:30 BST: inside', () => {
      const verdict = checkBusinessHours('2026-10-23T08:30:00Z', policy);
      assert.equal(verdict.outside, false);
      assert.match(verdict.reason, /^Friday 09:30 Europe\/London is inside/);
    });

    it('reads Monday 2026-10-26T08:30Z as 08:30 GMT: outside', () => {
      const verdict = checkBusinessHours('2026-10-26T08:30:00Z', policy);
      assert.equal(verdict.outside, true);
      assert.match(verdict.reason, /^Monday 08:30 Europe\/London is outside/);
    });

    it('reads both instants of the repeated hour on 2026-10-25 as 01:30 local', () => {
      const bst = checkBusinessHours('2026-10-25T00:30:00Z', policy);
      const gmt = checkBusinessHours('2026-10-25T01:30:00Z', policy);
      assert.equal(bst.local.offset, 60);
      assert.equal(gmt.local.offset, 0);
      for (const verdict of [bst, gmt]) {
        assert.equal(verdict.outside, true);
        assert.equal(verdict.local.toISODate(), '2026-10-25');
        assert.match(verdict.reason, /^Sunday 01:30 Europe\/London is outside business hours/);
      }
    });

    it('never shows a wall-clock time in the hour skipped on 2026-03-29', () => {
      const before = checkBusinessHours('2026-03-29T00:59:00Z', policy);
      const after = checkBusinessHours('2026-03-29T01:00:00Z', policy);
      const during = checkBusinessHours('2026-03-29T01:30:00Z', policy);
      assert.match(before.reason, /^Sunday 00:59 Europe\/London /);
      assert.match(after.reason, /^Sunday 02:00 Europe\/London /);
      assert.match(during.reason, /^Sunday 02:30 Europe\/London /);
      assert.equal(during.local.offset, 60);
      assert.equal(during.outside, true);
    });
  });

  describe('the edges of the day (end exclusive)', () => {
    it('is inside at 17:59:59 and outside at 18:00:00 local', () => {
      assert.equal(checkBusinessHours('2026-06-09T16:59:59Z', policy).outside, false);
      const closing = checkBusinessHours('2026-06-09T17:00:00Z', policy);
      assert.equal(closing.outside, true);
      assert.equal(
        closing.reason,
        'Tuesday 18:00 Europe/London is outside business hours (09:00-18:00)',
      );
    });

    it('is outside at 08:59:59 and inside at 09:00:00 local', () => {
      assert.equal(checkBusinessHours('2026-06-09T07:59:59Z', policy).outside, true);
      const opening = checkBusinessHours('2026-06-09T08:00:00Z', policy);
      assert.equal(opening.outside, false);
      assert.equal(
        opening.reason,
        'Tuesday 09:00 Europe/London is inside business hours (09:00-18:00)',
      );
    });

    it('applies the same edges in winter time', () => {
      assert.equal(checkBusinessHours('2026-01-13T17:59:59Z', policy).outside, false);
      assert.equal(checkBusinessHours('2026-01-13T18:00:00Z', policy).outside, true);
      assert.equal(checkBusinessHours('2026-01-13T08:59:59Z', policy).outside, true);
      assert.equal(checkBusinessHours('2026-01-13T09:00:00Z', policy).outside, false);
    });
  });

  describe('weekends and holidays', () => {
    it('is outside all Saturday and all Sunday, naming the day', () => {
      const saturday = checkBusinessHours('2026-06-06T11:00:00Z', policy);
      const sunday = checkBusinessHours('2026-06-07T11:00:00Z', policy);
      assert.equal(saturday.outside, true);
      assert.equal(sunday.outside, true);
      assert.equal(
        saturday.reason,
        'Saturday 12:00 Europe/London is outside business hours (Saturday is not a business day)',
      );
      assert.match(sunday.reason, /^Sunday 12:00 Europe\/London is outside business hours/);
    });

    it('is outside all day on a holiday that falls on a weekday', () => {
      const christmas = checkBusinessHours('2026-12-25T11:00:00Z', policy);
      const boxingDayObserved = checkBusinessHours('2026-12-28T10:00:00Z', policy);
      assert.equal(christmas.outside, true);
      assert.equal(
        christmas.reason,
        'Friday 11:00 Europe/London is outside business hours (2026-12-25 is a holiday)',
      );
      assert.equal(boxingDayObserved.outside, true);
      assert.match(boxingDayObserved.reason, /2026-12-28 is a holiday/);
    });

    it('is inside on the working days around a holiday', () => {
      assert.equal(checkBusinessHours('2026-12-24T11:00:00Z', policy).outside, false);
      assert.equal(checkBusinessHours('2026-12-29T11:00:00Z', policy).outside, false);
    });

    it('reads holidays as local dates in the policy zone', () => {
      const newYork = londonPolicy({ timezone: 'America/New_York' });
      const lateOnTheEve = checkBusinessHours('2026-12-25T03:00:00Z', newYork);
      assert.equal(lateOnTheEve.local.toISODate(), '2026-12-24');
      assert.doesNotMatch(lateOnTheEve.reason, /holiday/);
      assert.equal(
        lateOnTheEve.reason,
        'Thursday 22:00 America/New_York is outside business hours (09:00-18:00)',
      );

      const eveMorning = checkBusinessHours('2026-12-24T15:00:00Z', newYork);
      assert.equal(eveMorning.outside, false);

      const christmasMorning = checkBusinessHours('2026-12-25T15:00:00Z', newYork);
      assert.equal(christmasMorning.outside, true);
      assert.match(christmasMorning.reason, /^Friday 10:00 America\/New_York .*holiday/);
    });
  });

  describe('formatMinute', () => {
    it('writes a minute of the day as HH:mm', () => {
      assert.equal(formatMinute(0), '00:00');
      assert.equal(formatMinute(9 * 60 + 5), '09:05');
      assert.equal(formatMinute(23 * 60 + 59), '23:59');
    });
  });
});
