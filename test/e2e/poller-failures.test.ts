import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import type { IncidentState } from '../fakes/fake-log-analytics';
import { eventually } from '../support/bot-process';
import { ONE_CALL, PollScenario, pollIntake } from './poller-scenario';

/** A Tuesday-morning state: ignored, so these cases page nobody. */
function dayIncident(number: number): IncidentState {
  return {
    name: randomUUID(),
    number,
    title: `Failed sign-ins ${number}`,
    severity: 'High',
    status: 'New',
    created: '2026-06-09T09:00:00Z',
  };
}

describe('poller-failures: partial results, throttling and a refused login', function () {
  const s = new PollScenario();
  const logLines = (message: string) => s.bot.logs.filter((l) => l.includes(`"msg":"${message}"`));
  const stored = (name: string) =>
    s.bot.query<{ id: string }>(`SELECT id FROM incidents WHERE id = '${name}'`).length === 1;

  before(async function () {
    await s.start({ ...ONE_CALL, ...pollIntake('5s') });
    await s.polls(1);
  });

  after(async function () {
    await s.stop();
    s.expectCalls({});
    s.expectTexts({});
  });

  it('uses a partial result, warns, and polls the same window again', async function () {
    const state = dayIncident(7101);
    s.logs.add(state);
    s.logs.queued.push('partial');
    const first = s.logs.queries().length;
    await eventually(() => stored(state.name), 5000);
    await s.polls(1);

    const [partial, again] = s.logs.windows().slice(first);
    assert.ok(partial && again);
    assert.equal(again.from.getTime(), partial.from.getTime(), 'the watermark did not move');
    assert.equal(logLines('partial poll result used: the window is polled again').length, 1);
    const poll = (await s.health()).intakes.poll;
    assert.equal(poll?.lastError?.code, 'PartialError');
    assert.equal(poll?.failingSince, null, 'a partial result still sees Sentinel');

    await s.polls(1);
    const [, , next] = s.logs.windows().slice(first);
    assert.ok(next && next.from > partial.from, 'a complete poll moves the watermark on');
  });

  it('retries a 429 and then a 503 within the same poll, with backoff', async function () {
    const state = dayIncident(7102);
    s.logs.add(state);
    s.logs.queued.push(429, 503);
    const first = s.logs.queries().length;
    await eventually(() => stored(state.name), 5000);

    const [throttled, unavailable, served] = s.logs.queries().slice(first);
    assert.ok(throttled && unavailable && served);
    assert.deepEqual(
      [unavailable.body, served.body],
      [throttled.body, throttled.body],
      'the same query, so the same poll, retried',
    );
    assert.ok(unavailable.at - throttled.at >= 30, 'it backed off before retrying');
    assert.equal(logLines('polling Sentinel failed').length, 0, 'a cured failure is not an error');
  });

  it('reports a refused login once in the log and on /healthz, then recovery', async function () {
    s.logs.outage = 401;
    const first = s.logs.queries().length;
    await s.polls(4);

    const tries = s.logs.queries().slice(first);
    const bodies = new Set(tries.map((r) => JSON.stringify(r.body)));
    assert.equal(bodies.size, tries.length, 'a 401 is not retried within a poll');
    assert.equal(logLines('polling Sentinel: authentication failed').length, 1);
    const health = await s.health();
    assert.equal(health.status, 'degraded');
    assert.equal(health.intakes.poll?.lastError?.code, 'LOGS_AUTH');
    assert.match(health.intakes.poll?.lastError?.message ?? '', /401/);
    assert.ok(health.intakes.poll?.failingSince);

    s.logs.outage = null;
    await eventually(() => logLines('polling Sentinel recovered').length === 1, 5000);
    const recovered = await s.health();
    assert.equal(recovered.status, 'ok');
    assert.equal(recovered.intakes.poll?.failingSince, null);
    assert.equal(logLines('polling Sentinel: authentication failed').length, 1);
  });

  it('shows per intake its last success and the incidents of the last hour', async function () {
    const health = await s.health();
    assert.equal(health.intakes.poll?.incidentsLastHour, 2);
    assert.ok(health.intakes.poll?.lastSuccess);
    assert.deepEqual(health.intakes.webhook, {
      lastSuccess: null,
      lastError: null,
      incidentsLastHour: 0,
      failingSince: null,
    });

    const refused = await s.postIncident({ objectSchemaType: 'Alert' });
    assert.equal(refused.status, 400);
    const after = await s.healthWhen((h) => h.intakes.webhook?.lastError !== null);
    assert.equal(after.intakes.webhook?.lastError?.code, 'HTTP_400');
    assert.equal(after.status, 'ok', 'a refused webhook request does not degrade the bot');
  });

  it('sends no token to a plain-http loopback endpoint', function () {
    assert.ok(s.logs.queries().length > 5);
    assert.ok(s.logs.queries().every((r) => r.headers.authorization === undefined));
  });
});
