import { strict as assert } from 'node:assert';

import { LogAnalyticsSource } from '../../../src/intake/poller/log-analytics-source';
import {
  createLogsClient,
  type LogsClientSettings,
  type LogsCredential,
} from '../../../src/intake/poller/logs-client';
import { PollError } from '../../../src/intake/poller/poll-error';
import { pollRetry } from '../../../src/intake/poller/poll-retry';
import { FakeLogAnalytics, redirectTo, type IncidentState } from '../../fakes/fake-log-analytics';

const WS = '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9';
const TOKEN = 'eyJ0eXAi.fake-token.for-tests-only';
const HTTPS_ENDPOINT = 'https://api.loganalytics.io/v1';

const STATE: IncidentState = {
  name: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
  number: 4711,
  title: 'Suspicious sign-in',
  severity: 'High',
  status: 'New',
  owner: 'Sam Lee',
  created: '2026-06-06T01:14:16.9825705Z',
};

/** A credential that hands out a fixed token and counts the requests for one. */
function tokenCredential(): LogsCredential & { requests: string[][] } {
  const requests: string[][] = [];
  return {
    requests,
    getToken: async (scopes: string | string[]) => {
      requests.push([scopes].flat());
      return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

describe('LogAnalyticsSource: the real SDK against the fake Log Analytics', function () {
  const never = new AbortController().signal;
  let fake: FakeLogAnalytics;
  let window: { from: Date; to: Date };

  beforeEach(function () {
    window = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 1000) };
  });

  const source = (settings: Partial<LogsClientSettings> = {}) =>
    new LogAnalyticsSource({
      client: createLogsClient({
        endpoint: HTTPS_ENDPOINT,
        authenticate: true,
        policies: redirectTo(fake),
        ...settings,
      }),
      workspaceId: WS,
      retry: pollRetry(10),
    });

  afterEach(async function () {
    await fake.stop();
  });

  describe('over https with a bearer token', function () {
    beforeEach(async function () {
      fake = new FakeLogAnalytics(WS, TOKEN);
      await fake.start();
      fake.add(STATE, new Date(Date.now() - 30_000));
      fake.add({ ...STATE, status: 'Active' }, new Date(Date.now() - 10_000));
    });

    it('sends the token and reads the latest row per incident, cells typed', async function () {
      const credential = tokenCredential();
      const fetched = await source({ credential }).latestRows(window, never);

      assert.equal(fake.queries()[0]?.headers.authorization, `Bearer ${TOKEN}`);
      assert.deepEqual(credential.requests[0], ['https://api.loganalytics.io/.default']);
      assert.equal(fetched.partialError, null);
      assert.equal(fetched.rows.length, 1);
      const row = fetched.rows[0] ?? {};
      assert.equal(row.Status, 'Active');
      assert.deepEqual(row.Owner, {
        objectId: null,
        email: null,
        assignedTo: 'Sam Lee',
        userPrincipalName: null,
      });
      assert.ok(row.CreatedTime instanceof Date);
      const body = fake.queries()[0]?.body as { query: string; timespan: string };
      assert.match(body.query, /summarize arg_max\(TimeGenerated, \*\) by IncidentName/);
      assert.equal(body.timespan, `${window.from.toISOString()}/${window.to.toISOString()}`);
    });

    it('answers a partial result with its error', async function () {
      fake.queued.push('partial');
      const fetched = await source({ credential: tokenCredential() }).latestRows(window, never);
      assert.equal(fetched.rows.length, 1);
      assert.equal(fetched.partialError?.code, 'PartialError');
    });

    it('retries 429 and 5xx, then answers', async function () {
      fake.queued.push(429, 500, 503);
      const fetched = await source({ credential: tokenCredential() }).latestRows(window, never);
      assert.equal(fetched.rows.length, 1);
      assert.equal(fake.queries().length, 4);
    });

    it('gives up after three retries with a retryable error', async function () {
      fake.outage = 503;
      const err = await rejection(
        source({ credential: tokenCredential() }).latestRows(window, never),
      );
      assert.equal(err.code, 'LOGS_UNAVAILABLE');
      assert.equal(err.upstreamStatus, 503);
      assert.equal(fake.queries().length, 4);
    });

    it('does not retry a refused token', async function () {
      const wrong: LogsCredential = {
        getToken: async () => ({ token: 'wrong', expiresOnTimestamp: Date.now() + 3_600_000 }),
      };
      const err = await rejection(source({ credential: wrong }).latestRows(window, never));
      assert.equal(err.code, 'LOGS_AUTH');
      assert.equal(err.auth, true);
      assert.match(err.message, /401 AuthorizationRequiredError/);
      assert.equal(fake.queries().length, 1);
    });

    it('names a credential that cannot get a token as an auth failure', async function () {
      const unavailable: LogsCredential = {
        getToken: async () => {
          const err = new Error('no managed identity endpoint found');
          err.name = 'CredentialUnavailableError';
          throw err;
        },
      };
      const err = await rejection(source({ credential: unavailable }).latestRows(window, never));
      assert.equal(err.code, 'LOGS_AUTH');
      assert.match(err.message, /^no token for Log Analytics: no managed identity/);
      assert.equal(fake.queries().length, 0);
    });

    it('names a missing workspace as refused, without retrying', async function () {
      const other = new LogAnalyticsSource({
        client: createLogsClient({
          endpoint: HTTPS_ENDPOINT,
          authenticate: true,
          credential: tokenCredential(),
          policies: redirectTo(fake),
        }),
        workspaceId: '00000000-0000-4000-8000-000000000000',
        retry: pollRetry(10),
      });
      const err = await rejection(other.latestRows(window, never));
      assert.equal(err.code, 'LOGS_REFUSED');
      assert.equal(fake.queries().length, 1);
    });
  });

  describe('over plain http on loopback', function () {
    beforeEach(async function () {
      fake = new FakeLogAnalytics(WS, null);
      await fake.start();
      fake.add(STATE);
    });

    it('sends no token and asks the credential for none', async function () {
      const credential = tokenCredential();
      const loopback = new LogAnalyticsSource({
        client: createLogsClient({ endpoint: fake.endpoint, authenticate: false, credential }),
        workspaceId: WS,
        retry: pollRetry(10),
      });
      const fetched = await loopback.latestRows(window, never);

      assert.equal(fetched.rows.length, 1);
      assert.equal(fake.queries()[0]?.headers.authorization, undefined);
      assert.equal(credential.requests.length, 0);
    });

    it('is abandoned at once when the poller stops', async function () {
      fake.outage = 503;
      const stop = new AbortController();
      const slow = new LogAnalyticsSource({
        client: createLogsClient({ endpoint: fake.endpoint, authenticate: false }),
        workspaceId: WS,
        retry: pollRetry(5000),
      });
      const started = Date.now();
      const pending = rejection(slow.latestRows(window, stop.signal));
      setTimeout(() => stop.abort(), 50);
      await pending;
      assert.ok(Date.now() - started < 2000);
    });
  });
});

async function rejection(work: Promise<unknown>): Promise<PollError> {
  try {
    await work;
  } catch (err) {
    assert.ok(err instanceof PollError, `expected a PollError, got ${String(err)}`);
    return err;
  }

  return assert.fail('expected a rejection');
}
