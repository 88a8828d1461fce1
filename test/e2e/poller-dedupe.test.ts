import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import { triggerBodyOf, type IncidentState } from '../fakes/fake-log-analytics';
import { eventually } from '../support/bot-process';
import { ONE_CALL, PollScenario, WORKSPACE, pollIntake } from './poller-scenario';

/** A state at 02:14 London on a Saturday night: High escalates. */
function nightIncident(number: number, overrides: Partial<IncidentState> = {}): IncidentState {
  return {
    name: randomUUID(),
    number,
    title: `Suspicious sign-in ${number}`,
    severity: 'High',
    status: 'New',
    created: '2026-06-06T01:14:16.9825705Z',
    ...overrides,
  };
}

describe('poller-dedupe: an incident is decided and paged once, whatever the intake', function () {
  const s = new PollScenario();
  let pages = { calls: 0, texts: 0, posts: 0 };

  before(async function () {
    await s.start({ ...ONE_CALL, ...pollIntake('5s') });
    await s.polls(1);
  });

  after(async function () {
    await s.stop();
  });

  const expectPages = async (calls: number, texts: number, posts: number) => {
    const want = {
      calls: pages.calls + calls,
      texts: pages.texts + texts,
      posts: pages.posts + posts,
    };
    const now = () => ({
      calls: s.infobip.calls().length,
      texts: s.infobip.texts().length,
      posts: s.posts().length,
    });
    await eventually(() => JSON.stringify(now()) === JSON.stringify(want), 5000).catch(() =>
      assert.deepEqual(now(), want),
    );
    // Two more polls: anything a repeat would send has had its chance.
    await s.polls(2);
    assert.deepEqual(now(), want);
    pages = want;
  };

  it('decides several rows of one incident in order, and pages once', async function () {
    const medium = nightIncident(6101, { severity: 'Medium' });
    await s.serve(medium);
    assert.equal(decision(medium.name), 'hold');
    await expectPages(0, 0, 0);

    const high = { ...medium, severity: 'High', lastModified: '2026-06-06T01:20:00Z' };
    await s.serve(high);
    assert.equal(decision(medium.name), 'escalate');
    await expectPages(1, 1, 1);

    // A comment only: a new row and a new event id, but nothing that matters changed.
    const commented = { ...high, lastModified: '2026-06-06T01:25:00Z' };
    await s.serve(commented);
    await expectPages(0, 0, 0);

    const events = s.events(medium.name);
    assert.deepEqual(
      events.map((e) => [e.source, e.duplicate]),
      [
        ['poll', 0],
        ['poll', 0],
        ['poll', 1],
      ],
      'each row is one event, however often the overlap reads it',
    );
  });

  it('answers the webhook duplicate for a state the poller brought first', async function () {
    const state = nightIncident(6102);
    await s.serve(state);
    await expectPages(1, 1, 1);

    const res = await s.postIncident(triggerBodyOf(state, WORKSPACE));
    const body = (await res.json()) as { duplicate?: boolean; decision: { action: string } };
    assert.equal(res.status, 200);
    assert.equal(body.duplicate, true);
    assert.equal(body.decision.action, 'escalate');
    await expectPages(0, 0, 0);
  });

  it('records the poll as a duplicate of a state the webhook brought first', async function () {
    const state = nightIncident(6103);
    const res = await s.postIncident(triggerBodyOf(state, WORKSPACE));
    assert.equal(res.status, 202);
    await expectPages(1, 1, 1);

    await s.serve(state);
    const events = s.events(state.name);
    assert.deepEqual(
      events.map((e) => [e.source, e.duplicate]),
      [
        ['webhook', 0],
        ['poll', 1],
      ],
    );
    await expectPages(0, 0, 0);
  });

  it('does not let an older polled row undo a newer webhook state', async function () {
    const created = nightIncident(6104);
    const closed = { ...created, status: 'Closed', lastModified: '2026-06-06T01:30:00Z' };
    const res = await s.postIncident(triggerBodyOf(closed, WORKSPACE));
    assert.equal(res.status, 202);
    assert.equal(decision(created.name), 'hold');

    // The row of the creation is ingested late: applied, it would escalate a closed incident.
    s.logs.add(created);
    await s.polls(3);
    const stored = s.bot.query<{ status: string }>(
      `SELECT status FROM incidents WHERE id = '${created.name}'`,
    );
    assert.deepEqual(stored, [{ status: 'Closed' }]);
    assert.deepEqual(
      s.events(created.name).map((e) => e.source),
      ['webhook'],
      'the stale row is not an event',
    );
    await expectPages(0, 0, 0);
  });

  it('keeps its watermark across a restart and polls on from it', async function () {
    const [before] = s.bot.query<{ watermark: string }>('SELECT watermark FROM poll_watermarks');
    assert.ok(before, 'a watermark is stored');
    await s.bot.kill();
    const [stored] = s.bot.query<{ watermark: string }>('SELECT watermark FROM poll_watermarks');
    const queriesBefore = s.logs.queries().length;

    // Ingested while the bot was down.
    const missed = nightIncident(6105);
    s.logs.add(missed);
    await s.startBot();
    await s.serve(missed);

    const first = s.logs.windows()[queriesBefore];
    assert.ok(first && stored);
    assert.equal(first.from.getTime(), new Date(stored.watermark).getTime() - 5000);
    await expectPages(1, 1, 1);
  });

  function decision(incidentId: string): string | undefined {
    return s.bot.query<{ action: string }>(
      `SELECT action FROM incidents WHERE id = '${incidentId}'`,
    )[0]?.action;
  }
});
