import { strict as assert } from 'node:assert';

import { SqliteStore } from '../../../src/store/sqlite-store';

const T0 = new Date('2026-06-06T01:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const WS = '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9';

describe('SqliteStore: the intakes', function () {
  let store: SqliteStore;

  beforeEach(function () {
    store = new SqliteStore(':memory:');
  });

  afterEach(async function () {
    await store.close();
  });

  it('moves the poll watermark forward only', async function () {
    assert.equal(await store.pollWatermark(WS), null);
    await store.advancePollWatermark(WS, at(60), at(61));
    await store.advancePollWatermark(WS, at(30), at(62));
    assert.deepEqual(await store.pollWatermark(WS), at(60));

    await store.advancePollWatermark(WS, at(120), at(121));
    assert.deepEqual(await store.pollWatermark(WS), at(120));
    assert.equal(await store.pollWatermark('another-workspace'), null);
  });

  it('dates a failure streak from its first failure; a success ends it', async function () {
    const failure = (s: number) => ({ at: at(s), code: 'LOGS_AUTH', message: '401' });
    await store.recordIntakeSuccess('poll', at(0));
    await store.recordIntakeFailure('poll', failure(60));
    await store.recordIntakeFailure('poll', failure(120));

    const [failing] = await store.intakeHealth();
    assert.deepEqual(failing, {
      intake: 'poll',
      lastSuccessAt: at(0),
      lastError: failure(120),
      failingSince: at(60),
    });

    await store.recordIntakeSuccess('poll', at(180));
    const [working] = await store.intakeHealth();
    assert.equal(working?.failingSince, null);
    assert.deepEqual(working?.lastError, failure(120), 'the last error stays visible');
  });

  it('keeps the first watch instant', async function () {
    assert.deepEqual(await store.watchingSince(at(0)), at(0));
    assert.deepEqual(await store.watchingSince(at(50)), at(0));
  });

  it('opens one blind period at most, and ends it once', async function () {
    const first = await store.openBlindPeriod({
      id: 'p1',
      reason: 'poll-failing',
      since: at(0),
      openedAt: at(600),
    });
    const second = await store.openBlindPeriod({
      id: 'p2',
      reason: 'silent',
      since: at(10),
      openedAt: at(610),
    });
    assert.equal(first.id, 'p1');
    assert.deepEqual(second, first, 'the open period is answered');
    assert.equal((await store.openPeriod())?.id, 'p1');

    const closed = await store.closeBlindPeriod(at(700));
    assert.deepEqual(closed?.recoveredAt, at(700));
    assert.equal(await store.closeBlindPeriod(at(710)), null);
    assert.equal(await store.openPeriod(), null);

    const next = await store.openBlindPeriod({
      id: 'p3',
      reason: 'silent',
      since: at(800),
      openedAt: at(900),
    });
    assert.equal(next.id, 'p3', 'a later period opens after the first ended');
  });

  it('lets each notice be claimed once, and lists the notices still due', async function () {
    const period = { id: 'p1', reason: 'silent' as const, since: at(0), openedAt: at(60) };
    await store.openBlindPeriod(period);
    const claim = (kind: 'blind' | 'recovered', channel: 'sms' | 'teams') =>
      store.claimBlindNotice({
        periodId: 'p1',
        kind,
        channel,
        recipient: '+442079460009',
        messageId: `${kind}-${channel}`,
        at: at(61),
      });
    const due = async () => (await store.blindNoticesDue()).map((d) => `${d.period.id}:${d.kind}`);

    assert.deepEqual(await due(), ['p1:blind']);
    assert.equal(await claim('blind', 'sms'), true);
    assert.equal(await claim('blind', 'sms'), false);
    assert.deepEqual(await due(), ['p1:blind']);
    assert.equal(await claim('blind', 'teams'), true);
    assert.deepEqual(await due(), []);

    await store.closeBlindPeriod(at(120));
    assert.deepEqual(await due(), ['p1:recovered']);
    assert.equal(await claim('recovered', 'sms'), true);
    assert.equal(await claim('recovered', 'teams'), true);
    assert.equal(await claim('recovered', 'teams'), false);
    assert.deepEqual(await due(), []);
  });

  it('sends no recovery for a period whose blind notice never went out', async function () {
    await store.openBlindPeriod({ id: 'p1', reason: 'silent', since: at(0), openedAt: at(60) });
    await store.closeBlindPeriod(at(61));
    assert.deepEqual(await store.blindNoticesDue(), []);
  });
});
