import { strict as assert } from 'node:assert';

import pino from 'pino';

import { ChannelError } from '../../../src/channels/channel-error';
import type { PhoneGateway, SmsMessage } from '../../../src/channels/phone-gateway';
import type { PhoneNumber } from '../../../src/roster/phone-number';
import {
  CODE_TTL_MINUTES,
  MAX_CODE_ATTEMPTS,
  PhoneVerification,
  RESEND_AFTER_SECONDS,
} from '../../../src/roster/phone-verification';
import { SqliteStore } from '../../../src/store/sqlite-store';

const RILEY = { personId: 'teams:29:1riley', teamsUserId: '29:1riley', name: 'Riley Responder' };
const PHONE = '+442079460123' as PhoneNumber;
const T0 = new Date('2026-06-06T01:00:00Z');

/** A phone gateway that keeps the texts it is given. */
class RecordingGateway implements PhoneGateway {
  readonly dryRun = false;
  readonly texts: SmsMessage[] = [];
  refuse = false;

  async call(): Promise<never> {
    throw new Error('no calls expected');
  }

  async sendSms(sms: SmsMessage) {
    if (this.refuse) {
      throw new ChannelError('infobip /sms/3/messages: 400 bad number', { refused: true });
    }

    this.texts.push(sms);
    return { status: 'accepted' as const, providerId: 'p1' };
  }
}

describe('PhoneVerification', () => {
  let store: SqliteStore;
  let gateway: RecordingGateway;
  let now: Date;
  let verification: PhoneVerification;
  const lastCode = () => /\b(\d{6})\b/.exec(gateway.texts.at(-1)?.text ?? '')?.[1] ?? '';
  const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

  beforeEach(() => {
    store = new SqliteStore(':memory:');
    gateway = new RecordingGateway();
    now = T0;
    verification = new PhoneVerification({
      store,
      phone: gateway,
      clock: () => now,
      logger: pino({ level: 'silent' }),
    });
  });

  afterEach(async () => {
    await store.close();
  });

  it('texts a 6-digit code to the number and keeps only its hash', async () => {
    const outcome = await verification.start(RILEY, PHONE);

    assert.equal(gateway.texts.length, 1);
    assert.equal(gateway.texts[0]?.to, PHONE);
    const code = lastCode();
    assert.match(code, /^\d{6}$/);
    assert.deepEqual(outcome, {
      kind: 'sent',
      expiresAt: new Date(T0.getTime() + CODE_TTL_MINUTES * 60_000),
    });
    const pending = await store.pendingPhone(RILEY.personId);
    assert.ok(pending);
    assert.match(pending.codeHash, /^[0-9a-f]{64}$/);
    assert.ok(!pending.codeHash.includes(code));
  });

  it('confirms the number with the right code, once', async () => {
    await verification.start(RILEY, PHONE);
    const code = lastCode();

    assert.deepEqual(await verification.verify(RILEY.personId, code), {
      kind: 'verified',
      phone: PHONE,
    });
    assert.equal((await store.registeredPhone(RILEY.personId))?.phone, PHONE);
    assert.deepEqual(await verification.verify(RILEY.personId, code), { kind: 'none' });
  });

  it(`allows ${MAX_CODE_ATTEMPTS} tries, then even the right code is refused`, async () => {
    await verification.start(RILEY, PHONE);
    const code = lastCode();
    const wrong = otherThan(code);

    for (let left = MAX_CODE_ATTEMPTS - 1; left > 0; left -= 1) {
      assert.deepEqual(await verification.verify(RILEY.personId, wrong), {
        kind: 'wrong',
        triesLeft: left,
      });
    }

    assert.deepEqual(await verification.verify(RILEY.personId, wrong), { kind: 'locked' });
    assert.deepEqual(await verification.verify(RILEY.personId, code), { kind: 'locked' });
    assert.equal(await store.registeredPhone(RILEY.personId), null);
  });

  it(`refuses a code after ${CODE_TTL_MINUTES} minutes`, async () => {
    await verification.start(RILEY, PHONE);
    const code = lastCode();
    now = new Date(T0.getTime() + CODE_TTL_MINUTES * 60_000);

    assert.deepEqual(await verification.verify(RILEY.personId, code), { kind: 'expired' });
    assert.equal(await store.registeredPhone(RILEY.personId), null);
  });

  it('accepts a code just before it expires', async () => {
    await verification.start(RILEY, PHONE);
    now = new Date(T0.getTime() + CODE_TTL_MINUTES * 60_000 - 1000);

    assert.equal((await verification.verify(RILEY.personId, lastCode())).kind, 'verified');
  });

  it('replaces the pending code when the person registers again', async () => {
    await verification.start(RILEY, PHONE);
    const first = lastCode();
    now = new Date(T0.getTime() + RESEND_AFTER_SECONDS * 1000);
    await verification.start(RILEY, '+442079460124' as PhoneNumber);
    const second = lastCode();

    if (first !== second) {
      assert.equal((await verification.verify(RILEY.personId, first)).kind, 'wrong');
    }

    assert.deepEqual(await verification.verify(RILEY.personId, second), {
      kind: 'verified',
      phone: '+442079460124',
    });
  });

  it(`sends no new code within ${RESEND_AFTER_SECONDS} s of the last`, async () => {
    await verification.start(RILEY, PHONE);
    now = new Date(T0.getTime() + 30_000);

    assert.deepEqual(await verification.start(RILEY, PHONE), {
      kind: 'too-soon',
      retryAt: new Date(T0.getTime() + RESEND_AFTER_SECONDS * 1000),
    });
    assert.equal(gateway.texts.length, 1);
  });

  it('keeps the confirmed number while a new one waits for its code', async () => {
    await verification.start(RILEY, PHONE);
    await verification.verify(RILEY.personId, lastCode());
    await verification.start(RILEY, '+442079460124' as PhoneNumber);

    assert.equal((await store.registeredPhone(RILEY.personId))?.phone, PHONE);
  });

  it('throws the channel error when the SMS is refused, and stores no code', async () => {
    gateway.refuse = true;

    await assert.rejects(verification.start(RILEY, PHONE), ChannelError);
    assert.equal(await store.pendingPhone(RILEY.personId), null);
    gateway.refuse = false;
    assert.equal((await verification.start(RILEY, PHONE)).kind, 'sent');
  });
});
