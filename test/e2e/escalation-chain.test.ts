import { strict as assert } from 'node:assert';

import { at, channelMessage } from '../support/activities';
import { eventually } from '../support/bot-process';
import { ackInvoke } from '../support/card-activities';
import { incidentBody } from '../support/incidents';
import { NUMBERS, Scenario } from '../support/scenario';

const SAM = { id: '29:1sam', name: 'Sam Lee' };
const ALEX = { id: '29:1alex', name: 'Alex Analyst' };

describe('escalation-chain: repeat, move down the chain, stop on any acknowledgement', function () {
  this.timeout(30_000);
  let scenario: Scenario;

  beforeEach(async function () {
    scenario = new Scenario();
    await scenario.start();
  });

  afterEach(async function () {
    await scenario.stop();
  });

  it('walks the whole chain once when nobody answers, then tells the manager', async function () {
    const { escalationId } = await scenario.escalate();

    await eventually(() => scenario.state(escalationId) === 'unanswered', 15_000);
    await eventually(() => scenario.infobip.texts(NUMBERS.morgan).length === 2);

    scenario.expectCalls({ alex: 2, sam: 1, morgan: 1 });
    scenario.expectTexts({ morgan: 2 });
    const unanswered = JSON.stringify(scenario.infobip.texts(NUMBERS.morgan).map((t) => t.body));
    assert.match(unanswered, /UNANSWERED SOC escalation: incident 4711/);
    await eventually(() => scenario.cardUpdates().some((c) => c.includes('UNANSWERED')));
    const timeline = scenario.timeline(escalationId);
    assert.ok(timeline.some((line) => line.startsWith('step 3 (secondary): called Sam Lee')));
    assert.ok(timeline.includes('unanswered: the chain ended without an acknowledgement'));
  });

  it('stops when the called person presses 1', async function () {
    scenario.infobip.callees.set(NUMBERS.alex, 'press-1');
    const { escalationId } = await scenario.escalate();

    await eventually(() => scenario.state(escalationId) === 'acknowledged');
    await eventually(() => scenario.infobip.texts(NUMBERS.morgan).length === 2);
    await pastNextStep();

    scenario.expectCalls({ alex: 1 });
    // The acknowledgement can overtake the opening SMS: look at both, in any order.
    const acked = JSON.stringify(scenario.infobip.texts(NUMBERS.morgan).map((t) => t.body));
    assert.match(acked, /incident 4711 acknowledged by Alex Analyst after 0 min \(keypress\)/);
    await eventually(() => scenario.cardUpdates().some((c) => c.includes('Acknowledged by Alex')));
  });

  it('stops on the Acknowledge button, answering the invoke with the new card', async function () {
    scenario.infobip.callees.set(NUMBERS.alex, 'silent');
    const { escalationId } = await scenario.escalate();
    await eventually(() => scenario.infobip.calls().length === 1);

    const res = await scenario.activity(ackInvoke(scenario.connector.url, escalationId, SAM));
    const body = (await res.json()) as { statusCode: number; type: string; value: object };
    assert.equal(res.status, 200);
    assert.equal(body.statusCode, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(body.value), /Acknowledged by Sam Lee at \d\d:\d\d/);
    assert.doesNotMatch(JSON.stringify(body.value), /Action\.Execute/);

    const again = await scenario.activity(ackInvoke(scenario.connector.url, escalationId, SAM));
    assert.equal(again.status, 200);
    assert.deepEqual(((await again.json()) as { value: object }).value, body.value);

    await eventually(() => scenario.cardUpdates().some((c) => c.includes('Acknowledged by Sam')));
    await eventually(() => scenario.infobip.texts(NUMBERS.morgan).length === 2);
    await pastNextStep();
    scenario.expectCalls({ alex: 1 });
    scenario.expectTexts({ morgan: 2 });
    const texts = JSON.stringify(scenario.infobip.texts(NUMBERS.morgan).map((t) => t.body));
    assert.match(texts, /incident 4711 acknowledged by Sam Lee after 0 min \(teams\)/);
  });

  it('stops on "ACK <n>" by SMS from a roster number, and ignores strangers', async function () {
    const { escalationId } = await scenario.escalate(4711);
    await eventually(() => scenario.infobip.calls().length === 1);

    const stranger = await scenario.callback(
      'inbound-sms',
      inbound('m-1', '447700900123', 'ACK 4711'),
    );
    assert.equal(stranger.status, 200);
    assert.equal(scenario.state(escalationId), 'open');

    const reply = await scenario.callback('inbound-sms', inbound('m-2', NUMBERS.sam, 'a 4711'));
    assert.equal(reply.status, 200);
    await eventually(() => scenario.state(escalationId) === 'acknowledged');
    await eventually(() => scenario.infobip.texts(NUMBERS.morgan).length === 2);
    await pastNextStep();

    scenario.expectCalls({ alex: 1 });
    scenario.expectTexts({ morgan: 2 });
    assert.ok(scenario.timeline(escalationId).includes('acknowledged by Sam Lee (sms)'));
  });

  it('answers "not understood" at most 5 times a day to one number', async function () {
    for (let i = 0; i < 7; i += 1) {
      const res = await scenario.callback('inbound-sms', inbound(`m-${i}`, NUMBERS.sam, 'hello?'));
      assert.equal(res.status, 200);
    }

    await eventually(() => scenario.infobip.texts(NUMBERS.sam).length === 5);
    const again = await scenario.callback('inbound-sms', inbound('m-0', NUMBERS.sam, 'hello?'));
    assert.equal(again.status, 200);
    scenario.expectTexts({ sam: 5 });
    assert.match(JSON.stringify(scenario.infobip.texts(NUMBERS.sam)[0]?.body), /ACK <incident/);
  });

  it('applies a repeated report once, and refuses a wrong callback token', async function () {
    // The fake must not report this call itself: the test sends the reports.
    scenario.infobip.callees.set(NUMBERS.alex, 'silent');
    const { escalationId } = await scenario.escalate();
    await eventually(() => scenario.infobip.calls().length === 1);
    const call = scenario.infobip.calls()[0]!.body as {
      messages: { destinations: { messageId: string }[]; notifyUrl: string }[];
    };
    const message = call.messages[0]!;
    assert.match(message.notifyUrl, /\/api\/infobip\/voice-reports\?token=/);

    const wrong = message.notifyUrl.replace(/token=[^&]+/, 'token=nope');
    assert.equal(await scenario.infobip.report(wrong, 'x', NUMBERS.alex, 'press-1'), 401);

    const id = message.destinations[0]!.messageId;
    for (let i = 0; i < 2; i += 1) {
      assert.equal(
        await scenario.infobip.report(message.notifyUrl, id, NUMBERS.alex, 'press-1'),
        200,
      );
    }

    await eventually(() => scenario.state(escalationId) === 'acknowledged');
    const acks = scenario.timeline(escalationId).filter((line) => line.includes('acknowledged'));
    assert.deepEqual(acks, ['acknowledged by Alex Analyst (keypress)']);
  });

  it('moves to the next step at once when a call is rejected', async function () {
    scenario.infobip.callees.set(NUMBERS.alex, 'rejected');
    const { escalationId } = await scenario.escalate();

    await eventually(() => scenario.infobip.calls(NUMBERS.alex).length === 2, 1500);
    const [first, second] = scenario.infobip.calls(NUMBERS.alex);
    assert.ok(second!.at - first!.at < 1500, 'the second step did not wait for its time');
    assert.ok(scenario.timeline(escalationId).some((line) => /failed: .*REJECTED/.test(line)));
  });

  it('ends the escalation when Sentinel shows the incident owned', async function () {
    const { escalationId, incidentId } = await scenario.escalate();
    await eventually(() => scenario.infobip.calls().length === 1);

    const owned = incidentBody({ eventUniqueId: `owned-${incidentId}`, name: incidentId }) as {
      object: { properties: Record<string, unknown> };
    };
    owned.object.properties.owner = { assignedTo: 'Dana Day', email: 'dana@example.com' };
    const res = await scenario.postIncident(owned);
    assert.equal(res.status, 202);

    await eventually(() => scenario.state(escalationId) === 'acknowledged');
    await pastNextStep();
    scenario.expectCalls({ alex: 1 });
    assert.ok(scenario.timeline(escalationId).includes('taken in Sentinel (owned by Dana Day)'));
  });

  it('calls the new primary at the next step after a swap mid-escalation', async function () {
    const { escalationId } = await scenario.escalate();
    await eventually(() => scenario.infobip.calls(NUMBERS.alex).length === 1);

    const swap = channelMessage(scenario.connector.url, ALEX, ['oncall set ', at(SAM)]);
    assert.equal((await scenario.activity(swap)).status, 200);

    await eventually(
      () => scenario.timeline(escalationId).includes('step 2 (primary): called Sam Lee'),
      4000,
    );
    scenario.expectCalls({ alex: 1, sam: 1 });
  });

  it('never calls after an acknowledgement that races a step', async function () {
    scenario.infobip.callees.set(NUMBERS.alex, 'silent');
    const { escalationId } = await scenario.escalate();
    await eventually(() => scenario.infobip.calls().length === 1);
    const stepDue = scenario.bot.query<{ due_at: string }>(
      `SELECT due_at FROM escalation_steps WHERE escalation_id = '${escalationId}' AND idx = 1`,
    )[0]!.due_at;

    await new Promise((resolve) => setTimeout(resolve, Date.parse(stepDue) - Date.now()));
    const res = await scenario.activity(ackInvoke(scenario.connector.url, escalationId, SAM));
    assert.equal(res.status, 200);
    await pastNextStep();

    // Either the step won (its call was claimed first) or the acknowledgement did: no call is
    // ever claimed after the acknowledgement was stored.
    const [ended] = scenario.bot.query<{ ended_at: string }>(
      `SELECT ended_at FROM escalations WHERE id = '${escalationId}'`,
    );
    const claimed = scenario.bot.query<{ created_at: string }>(
      `SELECT created_at FROM outbound_messages
        WHERE escalation_id = '${escalationId}' AND channel = 'voice'`,
    );
    assert.equal(scenario.state(escalationId), 'acknowledged');
    assert.ok(claimed.every((call) => call.created_at <= ended!.ended_at));
    assert.equal(scenario.infobip.calls().length, claimed.length);
  });

  /** The chain's second step falls due 2 s after the first: wait past it. */
  async function pastNextStep(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 2500));
  }
});

function inbound(messageId: string, from: string, text: string): object {
  return {
    results: [
      {
        messageId,
        from,
        to: '442079460000',
        text,
        cleanText: text,
        keyword: text.split(' ')[0],
        receivedAt: new Date().toISOString(),
      },
    ],
    messageCount: 1,
    pendingMessageCount: 0,
  };
}
