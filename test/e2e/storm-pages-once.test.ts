import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import { eventually } from '../support/bot-process';
import { incidentBody } from '../support/incidents';
import { FAST_CHAIN, NUMBERS, Scenario } from '../support/scenario';

describe('storm-pages-once: a night burst of small incidents pages once', function () {
  this.timeout(30_000);
  const scenario = new Scenario();

  before(async function () {
    await scenario.start({
      ...FAST_CHAIN,
      chain: [{ call: 'primary', after: '0s' }],
      unansweredAfter: '30s',
    });
  });

  after(async function () {
    await scenario.stop();
  });

  it('calls once for 200 Low incidents, and the card lists every one', async function () {
    const start = Date.parse('2026-06-06T01:00:00.000Z');
    const answers: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const created = new Date(start + i * 5000).toISOString();
      const res = await scenario.postIncident(
        incidentBody({
          eventUniqueId: randomUUID(),
          name: randomUUID(),
          title: i % 4 === 0 ? 'Mailbox rule created' : 'Failed sign-ins from one IP',
          severity: i % 4 === 0 ? 'Medium' : 'Low',
          createdTimeUtc: created,
          incidentNumber: 5000 + i,
        }),
      );
      answers.push(((await res.json()) as { decision: { action: string } }).decision.action);
    }

    assert.equal(answers.filter((a) => a === 'escalate').length, 1);
    assert.equal(answers.indexOf('escalate'), 10);
    await eventually(() =>
      scenario.cardUpdates().some((card) => card.includes('200 incidents (150 Low, 50 Medium)')),
    ).catch((err: Error) => {
      throw new Error(`${err.message}: ${scenario.cardUpdates().at(-1)?.slice(0, 3000)}`);
    });
    scenario.expectCalls({ alex: 1 });
    scenario.expectTexts({ morgan: 1 });

    const call = scenario.infobip.calls(NUMBERS.alex)[0]!.body as { messages: { text: string }[] };
    // The call is composed when it is made: more incidents may have joined by then.
    assert.match(call.messages[0]!.text, /A storm: \d+ incidents arrived in \d+ minutes?\./);
    assert.match(call.messages[0]!.text, /Most frequent titles: Failed sign-ins from one IP, \d+/);
    const last = scenario.cardUpdates().at(-1)!;
    assert.match(last, /150 × /);
    assert.match(last, /50 × /);
    const stored = scenario.bot.query<{ n: number }>('SELECT count(*) AS n FROM storm_members');
    assert.equal(stored[0]?.n, 200);
  });
});
