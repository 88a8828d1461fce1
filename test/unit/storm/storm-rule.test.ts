import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import pino from 'pino';

import type { Incident } from '../../../src/intake/incident';
import { IncidentIntake, type IntakeResult } from '../../../src/intake/incident-intake';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { londonPolicy, makeIncident } from '../fixtures';

const MINUTE = 60_000;

/** The real intake and store, in memory: what the webhook runs for each incident. */
function harness() {
  const store = new SqliteStore(':memory:');
  const intake = new IncidentIntake({
    store,
    escalation: {
      chain: [{ target: 'primary', afterMs: 0 }],
      unansweredAfterMs: 5 * MINUTE,
      callLimits: [],
      tickMs: 1000,
    },
    policy: londonPolicy(),
    clock: () => new Date('2026-06-06T03:00:00Z'),
    logger: pino({ level: 'silent' }),
  });
  const receive = (overrides: Partial<Incident>, eventId = randomUUID()) =>
    intake.receive({
      eventId,
      kind: 'Create',
      source: 'webhook',
      incident: makeIncident({
        id: randomUUID(),
        severity: 'Low',
        title: 'Noisy rule',
        ...overrides,
      }),
    });
  return { store, receive };
}

/** `n` Low incidents, `gapMs` apart in creation time, from `start`. */
async function burst(
  receive: ReturnType<typeof harness>['receive'],
  n: number,
  start: string,
  gapMs: number,
): Promise<IntakeResult[]> {
  const results: IntakeResult[] = [];
  for (let i = 0; i < n; i += 1) {
    const at = new Date(Date.parse(start) + i * gapMs).toISOString();
    results.push(await receive({ createdTimeUtc: at, lastModifiedTimeUtc: at }));
  }

  return results;
}

describe('storm rule', function () {
  it('10 incidents in 30 min are held; the 11th opens one storm', async function () {
    const { receive, store } = harness();
    const results = await burst(receive, 11, '2026-06-06T01:02:00.000Z', 2 * MINUTE);

    assert.deepEqual(
      results.slice(0, 10).map((r) => r.decision.action),
      Array(10).fill('hold'),
    );
    const eleventh = results[10]!;
    assert.equal(eleventh.decision.action, 'escalate');
    assert.notEqual(eleventh.openedEscalationId, null);
    assert.ok(
      eleventh.decision.reasons.includes(
        '11 Low/Medium incidents between 02:02 and 02:22 Europe/London (more than 10 in 30 min)',
      ),
      eleventh.decision.reasons.join('\n'),
    );
    assert.ok(!eleventh.decision.reasons.some((r) => r.includes('held for the morning digest')));
    assert.equal((await store.escalationsToPage()).length, 1);
  });

  it('one created exactly 30:00 earlier is outside the window; 29:59 inside', async function () {
    const outside = harness();
    await burst(outside.receive, 10, '2026-06-06T01:00:00.000Z', 0);
    const at30 = await outside.receive({ createdTimeUtc: '2026-06-06T01:30:00.000Z' });
    assert.equal(at30.decision.action, 'hold');

    const inside = harness();
    await burst(inside.receive, 10, '2026-06-06T01:00:00.000Z', 0);
    const at2959 = await inside.receive({ createdTimeUtc: '2026-06-06T01:29:59.000Z' });
    assert.equal(at2959.decision.action, 'escalate');
  });

  it('counts an incident once, however often it is updated', async function () {
    const { receive } = harness();
    const id = randomUUID();
    for (let i = 0; i < 12; i += 1) {
      const update = await receive({
        id,
        createdTimeUtc: '2026-06-06T01:00:00.000Z',
        description: `update ${i}`,
      });
      assert.equal(update.decision.action, 'hold');
    }

    const others = await burst(receive, 9, '2026-06-06T01:01:00.000Z', MINUTE);
    assert.ok(others.every((r) => r.decision.action === 'hold'));
  });

  it('later incidents join the open storm and page nobody again', async function () {
    const { receive, store } = harness();
    const results = await burst(receive, 30, '2026-06-06T01:00:00.000Z', MINUTE);

    assert.equal(results.filter((r) => r.openedEscalationId !== null).length, 1);
    assert.match(results[29]!.decision.reasons.at(-1)!, /joined the open storm \(30 incidents/);
    const [escalation] = await store.escalationsToPage();
    const record = await store.engine.escalation(escalation!.id);
    const storm = await store.engine.storm(record!.stormId!);
    assert.equal(storm?.count, 30);
    assert.deepEqual(
      storm?.groups.map((g) => [g.title, g.count]),
      [['Noisy rule', 30]],
    );
  });

  it('a High incident inside a storm pages on its own and is not counted', async function () {
    const { receive } = harness();
    await burst(receive, 10, '2026-06-06T01:00:00.000Z', MINUTE);
    const high = await receive({ severity: 'High', createdTimeUtc: '2026-06-06T01:10:30.000Z' });
    assert.equal(high.decision.action, 'escalate');
    assert.ok(!high.decision.reasons.some((r) => r.includes('incidents between')));

    const eleventh = await receive({ createdTimeUtc: '2026-06-06T01:11:00.000Z' });
    assert.equal(eleventh.decision.action, 'escalate');
    assert.match(eleventh.decision.reasons.at(-1)!, /^11 Low\/Medium incidents/);
  });

  it('two bursts separated by a quiet gap open two storms', async function () {
    const { receive } = harness();
    const first = await burst(receive, 11, '2026-06-06T00:00:00.000Z', MINUTE);
    const second = await burst(receive, 11, '2026-06-06T01:10:00.000Z', MINUTE);

    assert.equal(first.filter((r) => r.openedEscalationId !== null).length, 1);
    assert.equal(second.filter((r) => r.openedEscalationId !== null).length, 1);
  });

  it('a storm spanning the October DST change counts by real elapsed time', async function () {
    // 2026-10-25: 01:59 BST is 00:59 UTC and is followed by 01:00 GMT at 01:00 UTC.
    const { receive } = harness();
    const results = await burst(receive, 11, '2026-10-25T00:50:00.000Z', 2 * MINUTE);

    assert.equal(results[10]!.decision.action, 'escalate');
    assert.ok(
      results[10]!.decision.reasons.includes(
        '11 Low/Medium incidents between 01:50 and 01:10 Europe/London (more than 10 in 30 min)',
      ),
      results[10]!.decision.reasons.join('\n'),
    );
  });

  it('a storm running into business hours takes none created after 09:00', async function () {
    const { receive, store } = harness();
    // Monday 2026-06-08: 07:40 to 07:59 UTC is 08:40 to 08:59 BST; business starts at 09:00.
    const night = await burst(receive, 11, '2026-06-08T07:40:00.000Z', 110_000);
    const morning = await burst(receive, 5, '2026-06-08T08:00:00.000Z', MINUTE);

    assert.equal(night[10]!.decision.action, 'escalate');
    assert.ok(morning.every((r) => r.decision.action === 'ignore'));
    const [escalation] = await store.escalationsToPage();
    const record = await store.engine.escalation(escalation!.id);
    assert.equal((await store.engine.storm(record!.stormId!))?.count, 11);
  });
});
