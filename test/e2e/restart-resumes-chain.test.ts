import { strict as assert } from 'node:assert';

import { eventually } from '../support/bot-process';
import { NUMBERS, Scenario } from '../support/scenario';

describe('restart-resumes-chain: SIGKILL mid-chain neither skips nor repeats a call', function () {
  this.timeout(40_000);
  let scenario: Scenario;

  beforeEach(async function () {
    scenario = new Scenario();
    await scenario.start();
  });

  afterEach(async function () {
    await scenario.stop();
  });

  it('runs the latest missed step at start-up and the later ones at their time', async function () {
    const openedAt = Date.now();
    const { escalationId } = await scenario.escalate();
    await eventually(() => scenario.timeline(escalationId).some((l) => l.includes('called')));

    await scenario.bot.kill();
    // Steps 2 (2 s) and 3 (4 s) fall due while the process is dead.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    const restartedAt = Date.now();
    await scenario.startBot();

    await eventually(() => scenario.infobip.calls(NUMBERS.sam).length === 1, 3000);
    const samCall = scenario.infobip.calls(NUMBERS.sam)[0]!;
    assert.ok(samCall.at - restartedAt < 2500, 'the latest due step runs at start-up');
    scenario.expectCalls({ alex: 1, sam: 1 });

    await eventually(() => scenario.state(escalationId) === 'unanswered', 10_000);
    scenario.expectCalls({ alex: 1, sam: 1, morgan: 1 });
    const morganCall = scenario.infobip.calls(NUMBERS.morgan)[0]!;
    assert.ok(morganCall.at - openedAt >= 5900, 'step 4 waits for its own time (6 s)');

    const timeline = scenario.timeline(escalationId);
    assert.ok(timeline.some((line) => /^step 2 \(primary\) missed: it fell due at/.test(line)));
    const states = () =>
      scenario.bot
        .query<{ state: string }>(
          `SELECT state FROM escalation_steps
            WHERE escalation_id = '${escalationId}' ORDER BY idx`,
        )
        .map((s) => s.state)
        .join(' ');
    await eventually(() => !states().includes('running'));
    assert.equal(states(), 'done missed done done done');
  });

  it('never repeats a step that a killed process left running', async function () {
    scenario.infobip.ttsFailures.push('hang');
    const { escalationId } = await scenario.escalate();
    await eventually(() => scenario.infobip.calls().length === 1);

    await scenario.bot.kill();
    await scenario.startBot();

    await eventually(() =>
      scenario
        .timeline(escalationId)
        .includes('step 1 (primary) was interrupted by a restart: not repeated'),
    );
    await eventually(
      () => scenario.timeline(escalationId).includes('step 2 (primary): called Alex Analyst'),
      4000,
    );
    scenario.expectCalls({ alex: 2 });
    const steps = scenario.bot.query<{ idx: number; state: string }>(
      `SELECT idx, state FROM escalation_steps
        WHERE escalation_id = '${escalationId}' AND idx < 2 ORDER BY idx`,
    );
    assert.deepEqual(
      steps.map((s) => s.state),
      ['interrupted', 'done'],
    );
  });

  it('does not call twice when the first attempt failed but reached Infobip', async function () {
    // A 500 after Infobip accepted the call: the retry asks the logs first and finds it.
    scenario.infobip.ttsFailures.push(500);
    scenario.infobip.knownCallsFromFailures = true;
    const { escalationId } = await scenario.escalate();

    await eventually(() => scenario.timeline(escalationId).some((l) => l.includes('called')));
    assert.equal(scenario.infobip.calls().length, 1);
    assert.equal(scenario.infobip.to('/tts/3/logs').length, 1);
  });

  it('retries a 429 and a hung request with backoff, after checking the logs', async function () {
    scenario.infobip.ttsFailures.push(429, 'hang');
    const { escalationId } = await scenario.escalate();

    await eventually(() => scenario.timeline(escalationId).some((l) => l.includes('called')), 5000);
    assert.equal(scenario.infobip.calls().length, 3);
    assert.equal(scenario.infobip.to('/tts/3/logs').length, 2);
    assert.ok(scenario.bot.alive);
  });
});
