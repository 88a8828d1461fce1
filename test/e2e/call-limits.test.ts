import { strict as assert } from 'node:assert';

import { eventually } from '../support/bot-process';
import { Scenario } from '../support/scenario';

describe('call-limits: one number is not rung more than the limits allow', function () {
  this.timeout(30_000);
  const scenario = new Scenario();

  before(async function () {
    await scenario.start({
      chain: [{ call: 'primary', after: '0s' }],
      unansweredAfter: '30s',
      callLimits: [{ calls: 2, within: '3s' }],
    });
  });

  after(async function () {
    await scenario.stop();
  });

  it('bundles further escalations into the next call instead of ringing again', async function () {
    const first = await scenario.escalate(101);
    await scenario.escalate(102);
    await eventually(() => scenario.infobip.calls().length === 2);
    const held = [await scenario.escalate(103), await scenario.escalate(104)];
    await eventually(() =>
      held.every((e) => scenario.timeline(e.escalationId).some((l) => l.includes('not called'))),
    );
    scenario.expectCalls({ alex: 2 });

    const firstCallAt = scenario.infobip.calls()[0]!.at;
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, firstCallAt + 3200 - Date.now())),
    );
    await scenario.escalate(105);

    await eventually(() => scenario.infobip.calls().length === 3);
    scenario.expectCalls({ alex: 3 });
    const text = (scenario.infobip.calls()[2]!.body as { messages: { text: string }[] })
      .messages[0]!.text;
    assert.match(text, /Incident number 1, 0, 5/);
    assert.match(text, /2 more incidents are waiting\./);
    const note =
      'step 1 (primary): Alex Analyst not called again: 2 calls in the last 3 s; ' +
      'bundled into the next call';
    assert.ok(scenario.timeline(held[0]!.escalationId).includes(note));
    assert.equal(scenario.state(first.escalationId), 'open');
  });
});
