import { strict as assert } from 'node:assert';

import { triggerBodyOf, type IncidentState } from '../fakes/fake-log-analytics';
import { eventually } from '../support/bot-process';
import { ONE_CALL, PollScenario, WORKSPACE, pollIntake } from './poller-scenario';

/** A night of incidents; a state listed twice is an incident updated later. */
const NIGHT: IncidentState[] = [
  state('0001', 9001, 'High', '2026-06-06T01:14:16.9825705Z', 'Suspicious sign-in'),
  state('0002', 9002, 'Medium', '2026-06-09T22:40:00Z', 'Multiple failed sign-ins'),
  state('0003', 9003, 'High', '2026-06-09T09:00:00Z', 'Impossible travel'),
  state('0004', 9004, 'Low', '2026-06-06T02:05:00Z', 'Ransomware behaviour on FS01'),
  { ...state('0005', 9005, 'High', '2026-06-06T02:30:00Z', 'Mass download'), status: 'Closed' },
  state('0006', 9006, 'Medium', '2026-06-06T03:00:00Z', 'Unusual mailbox rule'),
  {
    ...state('0006', 9006, 'High', '2026-06-06T03:00:00Z', 'Unusual mailbox rule'),
    lastModified: '2026-06-06T03:10:00Z',
  },
  state('0007', 9007, 'Informational', '2026-06-06T03:20:00Z', 'Scan from a known scanner'),
];

function state(
  suffix: string,
  number: number,
  severity: string,
  created: string,
  title: string,
): IncidentState {
  const name = `b7e6c5d4-0000-4e5f-8a9b-00000000${suffix}`;
  return { name, number, title, severity, status: 'New', created };
}

interface Outcome {
  decisions: { id: string; action: string; reasons: string }[];
  calls: string[];
  texts: string[];
  cards: number;
}

describe('poller-night-like-webhook: polling decides a night as the webhook does', function () {
  this.timeout(60_000);

  it('stores the same decisions and makes the same calls, texts and posts', async function () {
    const viaWebhook = await night(async (s) => {
      for (const incident of NIGHT) {
        const res = await s.postIncident(triggerBodyOf(incident, WORKSPACE));
        assert.equal(res.status, 202);
      }
    });
    const viaPolling = await night(async (s) => {
      NIGHT.forEach((incident) => s.logs.add(incident));
      await eventually(() => s.bot.query('SELECT id FROM incidents').length === 7, 8000);
    });

    assert.deepEqual(viaPolling.decisions, viaWebhook.decisions);
    assert.deepEqual(viaPolling.calls, viaWebhook.calls);
    assert.deepEqual(viaPolling.texts, viaWebhook.texts);
    assert.equal(viaPolling.cards, viaWebhook.cards);
    assert.deepEqual(
      viaPolling.decisions.map((d) => d.action),
      ['escalate', 'hold', 'ignore', 'escalate', 'hold', 'escalate', 'hold'],
    );
    assert.equal(viaPolling.calls.length, 3);
  });
});

/** Runs a bot through a night served by `serve`; answers what it decided and sent. */
async function night(serve: (s: PollScenario) => Promise<void>): Promise<Outcome> {
  const s = new PollScenario();
  await s.start({ ...ONE_CALL, ...pollIntake('5s') });
  try {
    await serve(s);
    await eventually(() => s.infobip.calls().length === 3 && s.posts().length === 3, 8000);
    await s.polls(2);
    s.expectCalls({ alex: 3 });
    s.expectTexts({ morgan: 3 });
    return {
      decisions: s.bot.query('SELECT id, action, reasons FROM incidents ORDER BY id'),
      calls: s.infobip
        .calls()
        .map((r) => JSON.stringify((r.body as { messages: { text: string }[] }).messages[0]?.text))
        .sort(),
      texts: [...s.smsTexts()].sort(),
      cards: s.posts().length,
    };
  } finally {
    await s.stop();
  }
}
