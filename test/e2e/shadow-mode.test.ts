import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import { channelMessage } from '../support/activities';
import { eventually } from '../support/bot-process';
import { incidentBody } from '../support/incidents';
import { FAST_CHAIN, Scenario } from '../support/scenario';

const ALEX = { id: '29:1alex', name: 'Alex Analyst' };

describe('shadow-mode: everything runs, nothing is sent to Infobip', function () {
  this.timeout(30_000);
  const scenario = new Scenario();

  before(async function () {
    await scenario.start({ ...FAST_CHAIN, mode: 'shadow' });
  });

  after(async function () {
    await scenario.stop();
  });

  it('posts a card that says who would have been called, and calls nobody', async function () {
    const { escalationId } = await scenario.escalate();
    await eventually(() =>
      scenario.timeline(escalationId).some((l) => l === 'step 2 (primary): called Alex Analyst'),
    );

    assert.equal(scenario.infobip.requests.length, 0);
    const post = JSON.stringify(
      scenario.connector.requests.find((r) => r.path === '/v3/conversations')?.body,
    );
    assert.match(post, /SHADOW MODE: nobody was called or texted/);
    assert.match(post, /"title":"Would have called","value":"Alex Analyst"/);
    assert.match(post, /severity High is on the escalate list/);

    const health = (await (await fetch(`${scenario.bot.url}/healthz`)).json()) as {
      mode: string;
      dryRun: boolean;
    };
    assert.equal(health.mode, 'shadow');
    assert.equal(health.dryRun, true);
  });

  it('reports the running totals against what analysts did', async function () {
    const closed = incidentBody({
      eventUniqueId: randomUUID(),
      name: randomUUID(),
      severity: 'Medium',
      title: 'Held, then confirmed by an analyst',
      incidentNumber: 6100,
      createdTimeUtc: lastSundayNight(),
    }) as { object: { properties: Record<string, unknown> } };
    closed.object.properties.status = 'Closed';
    closed.object.properties.classification = 'TruePositive';
    assert.equal((await scenario.postIncident(closed)).status, 202);

    const res = await scenario.activity(
      channelMessage(scenario.connector.url, ALEX, ['oncall shadow report 3650']),
    );
    assert.equal(res.status, 200);
    await eventually(() => replies().some((r) => r.includes('not a number of days from 1 to 365')));

    await scenario.activity(channelMessage(scenario.connector.url, ALEX, ['oncall shadow report']));
    await eventually(() => replies().some((r) => /Would have paged \d+/.test(r)));
    const totals = replies().find((r) => /Would have paged \d+/.test(r))!;
    assert.match(totals, /^Shadow mode is on\. The last 30 days:/);
    assert.match(totals, /Held but escalated by analysts \(missed\): 1\./);
    assert.match(totals, /Missed #6100 Held, then confirmed by an analyst \(TruePositive\)/);
  });

  /** 03:00 UTC on the last Sunday: outside business hours, inside the report's 30 days. */
  function lastSundayNight(): string {
    const day = new Date();
    day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 7) % 7 || 7));
    return `${day.toISOString().slice(0, 10)}T03:00:00.000Z`;
  }

  function replies(): string[] {
    return scenario.connector.requests
      .filter((r) => r.method === 'POST' && r.path.includes('/activities'))
      .map((r) => (r.body as { text?: string }).text ?? '');
  }
});
