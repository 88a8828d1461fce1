import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';

import pino from 'pino';

import type { PollConfig } from '../../../src/config/app-config';
import { IncidentIntake } from '../../../src/intake/incident-intake';
import { createPoller } from '../../../src/intake/poller/create-poller';
import type { IncidentPoller } from '../../../src/intake/poller/incident-poller';
import type { LogsCredential } from '../../../src/intake/poller/logs-client';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { FakeLogAnalytics, redirectTo, type IncidentState } from '../../fakes/fake-log-analytics';
import { londonPolicy } from '../fixtures';

const WS = '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9';
const TOKEN = 'poller-test-token-5b0c7e';
const OVERLAP_MS = 60_000;

const credential: LogsCredential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

function night(number: number, overrides: Partial<IncidentState> = {}): IncidentState {
  return {
    name: `c0ffee00-0000-4000-8000-00000000${number}`,
    number,
    title: `Night incident ${number}`,
    severity: 'High',
    status: 'New',
    created: '2026-06-06T01:14:16Z',
    ...overrides,
  };
}

describe('IncidentPoller: watermark, health and log over the real SDK', function () {
  let fake: FakeLogAnalytics;
  let store: SqliteStore;
  let poller: IncidentPoller;
  let now: Date;
  let wakes: number;
  let log: string[];
  let makePoller: (intake?: Pick<IncidentIntake, 'receive'>) => IncidentPoller;

  beforeEach(async function () {
    fake = new FakeLogAnalytics(WS, TOKEN);
    await fake.start();
    store = new SqliteStore(':memory:');
    now = new Date();
    wakes = 0;
    log = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(chunk.toString('utf8'));
        done();
      },
    });
    const logger = pino({ level: 'debug' }, sink);
    const clock = () => now;
    const config: PollConfig = {
      workspaceId: WS,
      everyMs: 60_000,
      overlapMs: OVERLAP_MS,
      endpoint: 'https://api.loganalytics.io/v1',
      authenticate: true,
      retryBackoffMs: 10,
    };
    const intake = new IncidentIntake({
      store,
      escalation: { chain: [], unansweredAfterMs: 60_000, callLimits: [], tickMs: 1000 },
      policy: londonPolicy(),
      clock,
      logger,
    });
    makePoller = (receiver = intake) =>
      createPoller({
        config,
        intake: receiver,
        store,
        onEscalation: () => (wakes += 1),
        clock,
        logger,
        client: { credential, policies: redirectTo(fake) },
      });
    poller = makePoller();
  });

  afterEach(async function () {
    await poller.stop();
    await store.close();
    await fake.stop();
  });

  it('stores the incidents, wakes the engine, then moves the watermark', async function () {
    serve(night(1001));
    serve(night(1002, { severity: 'Low' }));
    const outcome = await poller.pollOnce();

    assert.equal(outcome.error, null);
    assert.deepEqual([outcome.recorded, outcome.rows], [2, 2]);
    assert.equal(wakes, 1);
    assert.deepEqual(await store.pollWatermark(WS), now);
    const window = fake.windows()[0];
    assert.equal(window?.from.getTime(), now.getTime() - OVERLAP_MS, 'a first poll looks back');
    assert.equal(fake.queries()[0]?.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('skips rows an earlier poll stored, without asking the intake again', async function () {
    serve(night(1003));
    await poller.pollOnce();
    const first = now;
    now = new Date(first.getTime() + 60_000);
    const again = await poller.pollOnce();

    assert.deepEqual([again.rows, again.seen, again.recorded, again.duplicates], [1, 1, 0, 0]);
    assert.equal(fake.windows()[1]?.from.getTime(), first.getTime() - OVERLAP_MS);
  });

  it('keeps the watermark after a partial result, and marks the intake', async function () {
    await poller.pollOnce();
    const watermark = await store.pollWatermark(WS);
    now = new Date(now.getTime() + 60_000);
    serve(night(1004));
    fake.queued.push('partial');
    const outcome = await poller.pollOnce();

    assert.equal(outcome.partial, true);
    assert.equal(outcome.recorded, 1);
    assert.deepEqual(await store.pollWatermark(WS), watermark);
    const [health] = await store.intakeHealth();
    assert.equal(health?.lastError?.code, 'PartialError');
    assert.equal(health?.failingSince, null);
    assert.equal(lines('partial poll result used: the window is polled again').length, 1);
  });

  it('logs a refused login once, records it, and never logs the token', async function () {
    await poller.pollOnce();
    const watermark = await store.pollWatermark(WS);
    fake.outage = 401;
    for (let i = 0; i < 3; i += 1) {
      now = new Date(now.getTime() + 60_000);
      assert.equal((await poller.pollOnce()).error?.code, 'LOGS_AUTH');
    }

    assert.deepEqual(await store.pollWatermark(WS), watermark);
    assert.equal(lines('polling Sentinel: authentication failed').length, 1);
    assert.equal(lines('poll failed again').length, 2);
    const [health] = await store.intakeHealth();
    assert.equal(health?.lastError?.code, 'LOGS_AUTH');
    assert.ok(health?.failingSince);

    fake.outage = null;
    await poller.pollOnce();
    assert.equal(lines('polling Sentinel recovered').length, 1);
    assert.ok(!log.join('').includes(TOKEN), 'the token is in the log');
  });

  it('does not move the watermark when storing fails', async function () {
    await poller.pollOnce();
    const watermark = await store.pollWatermark(WS);
    serve(night(1005));
    now = new Date(now.getTime() + 60_000);
    const broken = makePoller({
      receive: () => Promise.reject(new Error('disk I/O error')),
    });
    const outcome = await broken.pollOnce();

    assert.equal(outcome.error?.code, 'POLL_STORE');
    assert.match(outcome.error?.message ?? '', /^storing polled incidents: disk I\/O error/);
    assert.deepEqual(await store.pollWatermark(WS), watermark);
    assert.equal(lines('polling Sentinel: storing failed').length, 1);
  });

  /** A row ingested a second before the clock's reading. */
  function serve(state: IncidentState): void {
    fake.add(state, new Date(now.getTime() - 1000));
  }

  function lines(message: string): string[] {
    return log.filter((line) => line.includes(`"msg":"${message}"`));
  }
});
