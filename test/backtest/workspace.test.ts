import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import Papa from 'papaparse';

import { runBacktest, type BacktestRun } from '../../src/backtest/run-backtest';
import type { LogsCredential } from '../../src/intake/poller/logs-client';
import { FakeLogAnalytics, redirectTo } from '../fakes/fake-log-analytics';
import type { RecordedRequest } from '../fakes/recording-server';
import { configOf, fixture, tempDir } from './support';

const WS = '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9';
const TOKEN = 'eyJ0eXAi.fake-token.for-backtest-tests';
const NOW = new Date('2026-06-10T12:00:00Z');

const TYPES: Readonly<Record<string, string>> = {
  TimeGenerated: 'datetime',
  CreatedTime: 'datetime',
  LastModifiedTime: 'datetime',
  IncidentNumber: 'int',
  Owner: 'dynamic',
};

const credential: LogsCredential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** The rows of a CSV fixture as Log Analytics answers them: typed columns, JSON in dynamics. */
function tableOf(file: string) {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  const names = parsed.meta.fields ?? [];
  const cell = (name: string, value: string) =>
    TYPES[name] === 'int' ? Number(value) : value === '' ? null : value;
  return {
    name: 'PrimaryResult',
    columns: names.map((name) => ({ name, type: TYPES[name] ?? 'string' })),
    rows: parsed.data.map((row) => names.map((name) => cell(name, row[name] ?? ''))),
  };
}

describe("backtest --workspace: the poller's client against the fake Log Analytics", function () {
  let fake: FakeLogAnalytics;

  const run = (days = 30): Promise<BacktestRun> =>
    runBacktest(
      {
        source: { kind: 'workspace', workspaceId: WS, days },
        config: undefined,
        out: path.join(tempDir(), 'workspace.html'),
        analystRule: 'either',
      },
      {
        config: configOf(),
        now: NOW,
        logsClient: { credential, policies: redirectTo(fake) },
      },
    );

  beforeEach(async function () {
    fake = new FakeLogAnalytics(WS, TOKEN);
    await fake.start();
  });

  afterEach(async function () {
    await fake.stop();
  });

  it('asks for every row of the incidents created in the window', async function () {
    const table = tableOf(fixture('night-shift.csv'));
    fake.answerWith(() => ({ status: 200, body: { tables: [table] } }));
    const result = await run(30);

    const query = fake.requests[0] as RecordedRequest;
    const body = query.body as { query: string; timespan: string };
    assert.equal(query.path, `/v1/workspaces/${WS}/query`);
    assert.equal(query.headers.authorization, `Bearer ${TOKEN}`);
    assert.match(
      body.query,
      /^SecurityIncident\n\| where CreatedTime >= datetime\(2026-05-11T12:00:00\.000Z\)/,
    );
    assert.doesNotMatch(body.query, /arg_max/);
    assert.equal(body.timespan, '2026-05-11T12:00:00.000Z/2026-06-10T12:00:00.000Z');

    assert.deepEqual(result.summary.rows, { read: 17, skipped: 0 });
    assert.equal(result.summary.pages.total, 3);
    assert.deepEqual(result.summary.matrix, {
      caught: 2,
      extra: 1,
      missed: 2,
      quiet: 1,
      agreement: 0.5,
    });
    assert.match(result.summary.source.label, /workspace 3b1e6c0e-.*last 30 days/);
  });

  it('uses a partial answer and says so', async function () {
    const table = tableOf(fixture('night-shift.csv'));
    const error = { code: 'PartialError', message: 'Query exceeded a resource limit.' };
    fake.answerWith(() => ({ status: 200, body: { tables: [table], error } }));
    const result = await run();
    assert.equal(result.summary.incidents.replayed, 7);
    assert.deepEqual(result.warnings, [
      'Log Analytics answered part of the rows only ' +
        '(PartialError: Query exceeded a resource limit.)',
    ]);
  });

  it("fails with the poller's code when the identity may not read it", async function () {
    fake.answerWith(() => ({
      status: 403,
      body: { error: { code: 'InsufficientAccessError', message: 'no access' } },
    }));
    await assert.rejects(run(), (err: Error & { code?: string }) => err.code === 'LOGS_AUTH');
  });
});
