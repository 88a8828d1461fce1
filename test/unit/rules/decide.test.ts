import { strict as assert } from 'node:assert';

import type { Incident } from '../../../src/intake/incident';
import { parseSentinelTrigger } from '../../../src/intake/sentinel-trigger';
import { decide, type Decision } from '../../../src/rules/decide';
import { londonPolicy, makeIncident, readExample } from '../fixtures';

const TUESDAY_10_00 = '2026-06-09T09:00:00Z';
const TUESDAY_23_40 = '2026-06-09T22:40:00Z';
const SATURDAY_02_14 = '2026-06-06T01:14:16.982Z';

function assertReasoned(decision: Decision): void {
  assert.ok(decision.reasons.length > 0, 'a decision without reasons');
  for (const reason of decision.reasons) {
    assert.equal(typeof reason, 'string');
    assert.ok(reason.trim().length > 0, 'an empty reason');
  }
}

function decideAt(createdTimeUtc: string, overrides: Partial<Incident> = {}): Decision {
  const decision = decide(makeIncident({ createdTimeUtc, ...overrides }), londonPolicy());
  assertReasoned(decision);
  return decision;
}

describe('decide', () => {
  describe('business hours', () => {
    it('escalates a High incident on Saturday night, naming the local day, time and zone', () => {
      const decision = decideAt(SATURDAY_02_14);
      assert.equal(decision.action, 'escalate');
      assert.equal(decision.outsideBusinessHours, true);
      assert.match(
        decision.reasons[0] ?? '',
        /^Saturday 02:14 Europe\/London is outside business hours/,
      );
      assert.ok(decision.reasons.includes('severity High is on the escalate list'));
    });

    it('ignores a High incident on Tuesday at 10:00: the staffed SOC handles it', () => {
      const decision = decideAt(TUESDAY_10_00);
      assert.equal(decision.action, 'ignore');
      assert.equal(decision.outsideBusinessHours, false);
      assert.match(decision.reasons[0] ?? '', /^Tuesday 10:00 Europe\/London is inside/);
    });

    it('escalates at 18:00:00 local and ignores at 17:59:59', () => {
      assert.equal(decideAt('2026-06-09T16:59:59Z').action, 'ignore');
      assert.equal(decideAt('2026-06-09T17:00:00Z').action, 'escalate');
    });

    it('holds a Medium incident at 18:00:00 local and ignores it at 17:59:59', () => {
      assert.equal(decideAt('2026-06-09T16:59:59Z', { severity: 'Medium' }).action, 'ignore');
      assert.equal(decideAt('2026-06-09T17:00:00Z', { severity: 'Medium' }).action, 'hold');
    });

    it('escalates at 08:59:59 local and ignores at 09:00:00', () => {
      assert.equal(decideAt('2026-06-09T07:59:59Z').action, 'escalate');
      assert.equal(decideAt('2026-06-09T08:00:00Z').action, 'ignore');
    });

    it('follows British Summer Time on both sides of each change', () => {
      assert.equal(decideAt('2026-03-23T08:30:00Z').action, 'escalate');
      assert.equal(decideAt('2026-03-30T08:30:00Z').action, 'ignore');
      assert.equal(decideAt('2026-10-23T08:30:00Z').action, 'ignore');
      assert.equal(decideAt('2026-10-26T08:30:00Z').action, 'escalate');
    });

    it('escalates on weekend days and holidays in the daytime', () => {
      const saturday = decideAt('2026-06-06T11:00:00Z');
      const sunday = decideAt('2026-06-07T11:00:00Z');
      const christmas = decideAt('2026-12-25T11:00:00Z');
      assert.equal(saturday.action, 'escalate');
      assert.equal(sunday.action, 'escalate');
      assert.equal(christmas.action, 'escalate');
      assert.match(christmas.reasons[0] ?? '', /2026-12-25 is a holiday/);
    });
  });

  describe('the pre-escalated prefix', () => {
    it('escalates "[ON-CALL] Foo" on Tuesday at 10:00 and drops the prefix', () => {
      const decision = decideAt(TUESDAY_10_00, { title: '[ON-CALL] Foo' });
      assert.equal(decision.action, 'escalate');
      assert.equal(decision.displayTitle, 'Foo');
      assert.match(decision.reasons[0] ?? '', /starts with "\[ON-CALL\]"/);
    });

    it('matches the prefix in any letter case after leading spaces', () => {
      const decision = decideAt(TUESDAY_10_00, { title: '  [on-call] foo', severity: 'Low' });
      assert.equal(decision.action, 'escalate');
      assert.equal(decision.displayTitle, 'foo');
    });

    it('escalates a Low incident with the prefix at night too', () => {
      const decision = decideAt(TUESDAY_23_40, { title: '[ON-CALL] Foo', severity: 'Low' });
      assert.equal(decision.action, 'escalate');
      assert.equal(decision.outsideBusinessHours, true);
    });

    it('does not count the prefix anywhere but at the start', () => {
      const title = 'Foo [ON-CALL] bar';
      const inHours = decideAt(TUESDAY_10_00, { title, severity: 'Low' });
      const atNight = decideAt(TUESDAY_23_40, { title, severity: 'Low' });
      assert.equal(inHours.action, 'ignore');
      assert.equal(atNight.action, 'hold');
      assert.equal(atNight.displayTitle, title);
    });

    it('keeps the title as it is when there is no prefix', () => {
      const decision = decideAt(SATURDAY_02_14, { title: 'Malware on laptop' });
      assert.equal(decision.displayTitle, 'Malware on laptop');
    });

    it('knows no prefix when the policy has an empty one', () => {
      const policy = londonPolicy({ preEscalatedPrefix: '' });
      const incident = makeIncident({ createdTimeUtc: TUESDAY_10_00, title: '[ON-CALL] Foo' });
      const decision = decide(incident, policy);
      assert.equal(decision.action, 'ignore');
      assert.equal(decision.displayTitle, '[ON-CALL] Foo');
    });
  });

  describe('incidents that never escalate', () => {
    it('holds a Closed High incident at night and ignores it in hours', () => {
      const night = decideAt(SATURDAY_02_14, { status: 'Closed' });
      const day = decideAt(TUESDAY_10_00, { status: 'Closed' });
      assert.equal(night.action, 'hold');
      assert.equal(day.action, 'ignore');
      assert.ok(night.reasons.some((r) => /Closed/.test(r)));
    });

    it('does not escalate a Closed incident with the prefix', () => {
      const title = '[ON-CALL] Ransomware on the file server';
      const night = decideAt(SATURDAY_02_14, { status: 'Closed', title });
      const day = decideAt(TUESDAY_10_00, { status: 'Closed', title });
      assert.equal(night.action, 'hold');
      assert.equal(day.action, 'ignore');
      assert.equal(night.displayTitle, 'Ransomware on the file server');
    });

    it('holds an Informational incident at night and ignores it in hours', () => {
      const title = 'Serious alert 1';
      const night = decideAt(SATURDAY_02_14, { severity: 'Informational', title });
      const day = decideAt(TUESDAY_10_00, { severity: 'Informational', title });
      assert.equal(night.action, 'hold');
      assert.equal(day.action, 'ignore');
      assert.ok(night.reasons.includes('severity Informational is never escalated'));
    });

    it('escalates Active incidents like New ones', () => {
      assert.equal(decideAt(SATURDAY_02_14, { status: 'Active' }).action, 'escalate');
    });
  });

  describe('the known-bad title list', () => {
    it('matches an exact entry case-insensitively after trimming', () => {
      const decision = decideAt(TUESDAY_23_40, { severity: 'Low', title: '  serious ALERT 1 ' });
      assert.equal(decision.action, 'escalate');
      assert.ok(
        decision.reasons.includes('the title matches "Serious alert 1" on the known-bad list'),
      );
    });

    it('matches a regex entry', () => {
      const decision = decideAt(TUESDAY_23_40, {
        severity: 'Medium',
        title: 'RANSOMWARE behaviour on host-17',
      });
      assert.equal(decision.action, 'escalate');
      assert.ok(
        decision.reasons.includes('the title matches "/^ransomware/i" on the known-bad list'),
      );
    });

    it('does not match part of an exact entry', () => {
      for (const title of ['Serious alert 10', 'Serious alert', 'Very serious alert 1']) {
        assert.equal(decideAt(TUESDAY_23_40, { severity: 'Low', title }).action, 'hold', title);
      }
    });

    it('keeps a regex entry anchored as written', () => {
      const decision = decideAt(TUESDAY_23_40, { severity: 'Low', title: 'Possible ransomware' });
      assert.equal(decision.action, 'hold');
    });

    it('gives both reasons when severity and title match', () => {
      const decision = decideAt(TUESDAY_23_40, { title: 'Serious alert 1' });
      assert.equal(decision.action, 'escalate');
      assert.equal(decision.reasons.length, 3);
    });
  });

  describe('holding', () => {
    it('holds a Medium incident at night with the reasons why', () => {
      const decision = decideAt(TUESDAY_23_40, { severity: 'Medium' });
      assert.equal(decision.action, 'hold');
      assert.equal(decision.outsideBusinessHours, true);
      assert.deepEqual(decision.reasons, [
        'Tuesday 23:40 Europe/London is outside business hours (09:00-18:00)',
        'severity Medium is not on the escalate list and the title is not on the known-bad ' +
          'list: held for the morning digest',
      ]);
    });

    it('gives every decision at least one non-empty reason', () => {
      const instants = [TUESDAY_10_00, TUESDAY_23_40, SATURDAY_02_14, '2026-12-25T11:00:00Z'];
      const titles = ['Foo', '[ON-CALL] Foo', 'Serious alert 1', 'ransomware'];
      for (const createdTimeUtc of instants) {
        for (const title of titles) {
          for (const severity of ['High', 'Medium', 'Low', 'Informational'] as const) {
            for (const status of ['New', 'Active', 'Closed'] as const) {
              decideAt(createdTimeUtc, { title, severity, status });
            }
          }
        }
      }
    });
  });

  describe('the example trigger bodies', () => {
    function decideExample(name: string): Decision {
      const parsed = parseSentinelTrigger(readExample(name));
      assert.ok(parsed.ok);
      return decide(parsed.event.incident, londonPolicy());
    }

    it('escalates the Saturday-night High incident', () => {
      const decision = decideExample('incident-high-saturday-night.json');
      assert.equal(decision.action, 'escalate');
      assert.match(
        decision.reasons[0] ?? '',
        /^Saturday 02:14 Europe\/London is outside business hours/,
      );
    });

    it('ignores the Tuesday-morning High incident', () => {
      assert.equal(decideExample('incident-high-tuesday-morning.json').action, 'ignore');
    });

    it('holds the weeknight Medium incident', () => {
      assert.equal(decideExample('incident-medium-weeknight.json').action, 'hold');
    });
  });
});
