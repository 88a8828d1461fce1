import { strict as assert } from 'node:assert';

import { FakeLogAnalytics } from '../fakes/fake-log-analytics';
import { eventually } from '../support/bot-process';
import { example } from '../support/incidents';
import { ONE_CALL, PollScenario, WORKSPACE, pollIntake } from './poller-scenario';

const BLIND = /^SOC bot cannot see Sentinel since .+ \(Europe\/London\): /;
const SEES = /^SOC bot sees Sentinel again since /;

/** Lets several heartbeat ticks and polls pass: a repeat would have been sent by then. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 2500));

describe('poller-heartbeat: one message when the bot goes blind, one when it sees', function () {
  describe('polling fails for longer than pollFailingFor', function () {
    const s = new PollScenario();

    before(async function () {
      await s.start({
        ...ONE_CALL,
        ...pollIntake('5s', { silentFor: '1h', pollFailingFor: '2s' }),
      });
      await s.polls(1);
    });

    after(async function () {
      await s.stop();
    });

    it('texts and posts once when an outage starts, however many polls fail', async function () {
      s.logs.outage = 503;
      await eventually(() => s.infobip.texts().length === 1, 8000);
      await settle();

      s.expectTexts({ morgan: 1 });
      assert.match(s.smsTexts()[0] ?? '', BLIND);
      assert.match(s.smsTexts()[0] ?? '', /polling Log Analytics keeps failing/);
      assert.equal(s.posts().length, 1);
      assert.match(s.posts()[0] ?? '', /The bot cannot see Sentinel/);
      const health = await s.health();
      assert.equal(health.sentinel.visible, false);
      assert.equal(health.sentinel.reason, 'poll-failing');
    });

    it('texts and posts once more when polling works again', async function () {
      s.logs.outage = null;
      await eventually(() => s.infobip.texts().length === 2, 8000);
      await settle();

      s.expectTexts({ morgan: 2 });
      assert.match(s.smsTexts()[1] ?? '', SEES);
      assert.equal(s.posts().length, 2);
      assert.match(s.posts()[1] ?? '', /The bot sees Sentinel again/);
      assert.equal((await s.health()).sentinel.visible, true);
    });

    it('never logs the manager number', function () {
      const log = s.bot.logs.join('\n');
      for (const secret of ['442079460009', '+44 20 7946 0009', '2079460009']) {
        assert.ok(!log.includes(secret), `log contains ${secret}`);
      }
    });
  });

  describe('the fake is stopped, and the bot restarts while blind', function () {
    const s = new PollScenario();

    before(async function () {
      await s.start({
        ...ONE_CALL,
        ...pollIntake('5s', { silentFor: '1h', pollFailingFor: '2s' }),
      });
      await s.polls(1);
    });

    after(async function () {
      await s.stop();
    });

    it('sends one "cannot see Sentinel" SMS, not a stream', async function () {
      await s.logs.stop();
      await eventually(() => s.infobip.texts().length === 1, 8000);
      await settle();
      s.expectTexts({ morgan: 1 });
      assert.match(s.smsTexts()[0] ?? '', BLIND);
    });

    it('sends nothing again after a restart that is still blind', async function () {
      await s.bot.kill();
      s.logs = new FakeLogAnalytics(WORKSPACE);
      s.logs.outage = 503;
      await s.logs.start();
      await s.startBot();
      await s.polls(2);
      await settle();
      s.expectTexts({ morgan: 1 });
      assert.equal(s.posts().length, 1);
    });

    it('tells the recovery once, from the new process', async function () {
      s.logs.outage = null;
      await eventually(() => s.infobip.texts().length === 2, 8000);
      await settle();
      s.expectTexts({ morgan: 2 });
      assert.match(s.smsTexts()[1] ?? '', SEES);
      assert.equal(s.posts().length, 2);
    });
  });

  describe('no incident arrives through any intake for silentFor', function () {
    const s = new PollScenario();

    before(async function () {
      await s.start({ ...ONE_CALL, intake: { heartbeat: { silentFor: '3s' } } });
    });

    after(async function () {
      await s.stop();
    });

    it('texts and posts once that the bot hears nothing', async function () {
      await eventually(() => s.infobip.texts().length === 1, 8000);
      await settle();
      s.expectTexts({ morgan: 1 });
      assert.match(s.smsTexts()[0] ?? '', /no incident has arrived through any intake/);
      assert.equal(s.posts().length, 1);
      assert.equal((await s.health()).sentinel.reason, 'silent');
      assert.equal(s.logs.queries().length, 0, 'without intake.poll nothing is polled');
    });

    it('recovers once when an incident arrives through the webhook', async function () {
      const res = await s.postIncident(example('incident-high-tuesday-morning.json'));
      assert.equal(res.status, 202);
      await eventually(() => s.infobip.texts().length === 2, 8000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      s.expectTexts({ morgan: 2 });
      assert.match(s.smsTexts()[1] ?? '', SEES);
      assert.equal(s.posts().length, 2);
    });
  });
});
