import { strict as assert } from 'node:assert';

import pino from 'pino';

import type { PhoneGateway, SmsMessage } from '../../../src/channels/phone-gateway';
import type { TeamsPublisher } from '../../../src/channels/teams-publisher';
import { Heartbeat } from '../../../src/escalation/heartbeat';
import { BlindNotices } from '../../../src/escalation/heartbeat-notices';
import { SOC_CHANNEL } from '../../../src/escalation/notifier';
import type { PhoneNumber } from '../../../src/roster/phone-number';
import { SqliteStore } from '../../../src/store/sqlite-store';

const MANAGER = {
  id: 'morgan',
  name: 'Morgan Manager',
  phone: '+442079460009' as PhoneNumber,
  teamsUserId: null,
};
const T0 = new Date('2026-06-06T01:00:00Z');
const MINUTE = 60_000;
const logger = pino({ level: 'silent' });

/** Keeps what the bot would have texted and posted. */
class Outbox implements PhoneGateway, TeamsPublisher {
  readonly dryRun = false;
  readonly texts: SmsMessage[] = [];
  readonly cards: object[] = [];

  async call(): Promise<never> {
    throw new Error('no calls expected');
  }

  async sendSms(sms: SmsMessage) {
    this.texts.push(sms);
    return { status: 'accepted' as const, providerId: sms.messageId };
  }

  async post(_reference: unknown, card: object) {
    this.cards.push(card);
    return {
      conversationId: `c;messageid=${this.cards.length}`,
      activityId: `${this.cards.length}`,
    };
  }

  async update(): Promise<void> {}
}

describe('Heartbeat: blind once, recovered once, resting on the store', function () {
  let store: SqliteStore;
  let outbox: Outbox;
  let now: Date;

  /** A heartbeat as one process would run it; several share the store like instances. */
  const heartbeat = () =>
    new Heartbeat({
      config: { silentForMs: 360 * MINUTE, pollFailingForMs: 10 * MINUTE },
      polling: true,
      store,
      notices: new BlindNotices({
        store,
        phone: outbox,
        teams: outbox,
        manager: async () => MANAGER,
        zone: 'Europe/London',
        clock: () => now,
        logger,
      }),
      clock: () => now,
      logger,
    });
  const minutes = (m: number) => new Date(T0.getTime() + m * MINUTE);
  const pollFails = (m: number) =>
    store.recordIntakeFailure('poll', { at: minutes(m), code: 'LOGS_AUTH', message: '401' });

  beforeEach(async function () {
    store = new SqliteStore(':memory:');
    outbox = new Outbox();
    now = T0;
    await store.saveConversation(SOC_CHANNEL, { channelId: '19:soc' }, T0);
    await store.recordIntakeSuccess('poll', minutes(0));
  });

  afterEach(async function () {
    await store.close();
  });

  it('says nothing while polling has failed for less than pollFailingFor', async function () {
    await pollFails(1);
    now = minutes(10);
    await heartbeat().check();
    assert.deepEqual([outbox.texts.length, outbox.cards.length], [0, 0]);
  });

  it('tells once that it is blind, across ticks, restarts and instances', async function () {
    await pollFails(1);
    const first = heartbeat();
    for (let m = 11; m <= 40; m += 1) {
      now = minutes(m);
      await pollFails(m);
      await first.check();
      await heartbeat().check();
    }

    assert.equal(outbox.texts.length, 1);
    assert.equal(outbox.cards.length, 1);
    const text = outbox.texts[0]?.text ?? '';
    assert.equal(outbox.texts[0]?.to, MANAGER.phone);
    assert.match(text, /^SOC bot cannot see Sentinel since Sat 6 Jun 02:00 \(Europe\/London\)/);
    assert.match(text, /polling Log Analytics keeps failing/);
    assert.ok(text.length <= 306);
    assert.match(JSON.stringify(outbox.cards[0]), /The bot cannot see Sentinel/);
  });

  it('tells once that it sees again, when a poll succeeds', async function () {
    await pollFails(1);
    now = minutes(12);
    await heartbeat().check();
    await store.recordIntakeSuccess('poll', minutes(25));
    for (let m = 25; m <= 30; m += 1) {
      now = minutes(m);
      await heartbeat().check();
    }

    assert.equal(outbox.texts.length, 2);
    assert.equal(outbox.cards.length, 2);
    assert.match(outbox.texts[1]?.text ?? '', /^SOC bot sees Sentinel again since Sat 6 Jun 02:25/);
    assert.match(outbox.texts[1]?.text ?? '', /blind from Sat 6 Jun 02:00, 25 min\.$/);
    assert.equal(await store.openPeriod(), null);
  });

  it('counts silence from the first watch when no incident ever arrived', async function () {
    await heartbeat().check();
    now = minutes(359);
    await heartbeat().check();
    assert.equal(outbox.texts.length, 0);

    now = minutes(360);
    await store.recordIntakeSuccess('poll', now);
    await heartbeat().check();
    assert.equal(outbox.texts.length, 1);
    assert.match(outbox.texts[0]?.text ?? '', /no incident has arrived through any intake/);
  });

  it('records a notice it could not deliver, and does not send it again', async function () {
    await store.close();
    store = new SqliteStore(':memory:');
    await store.recordIntakeSuccess('poll', minutes(0));
    await pollFails(1);
    now = minutes(12);
    await heartbeat().check();
    now = minutes(13);
    await heartbeat().check();

    assert.equal(outbox.texts.length, 1);
    assert.equal(outbox.cards.length, 0, 'no Teams channel is known');
    assert.deepEqual(await store.blindNoticesDue(), []);
  });
});
