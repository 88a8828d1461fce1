import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parse, stringify } from 'yaml';

import { ConfigError, loadConfig } from '../../../src/config/load-config';
import { repoRoot } from '../fixtures';

const WS = '3B1E6C0E-2F6A-4D0B-9A43-51F3A8C2D7E9';

describe('loadConfig: intake and LOGS_ENDPOINT', function () {
  let dir: string;

  beforeEach(function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'intake-config-'));
  });

  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  /** The example config with `intake` set, loaded with `env`. */
  function load(intake: unknown, env: Record<string, string> = {}) {
    const example = parse(readFileSync(path.join(repoRoot(), 'oncall.example.yaml'), 'utf8'));
    const file = path.join(dir, 'oncall.yaml');
    writeFileSync(file, stringify({ ...example, ...(intake === undefined ? {} : { intake }) }));
    return loadConfig({ ONCALL_CONFIG: file, ...env }, dir);
  }

  function problems(intake: unknown, env: Record<string, string> = {}): string[] {
    try {
      load(intake, env);
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      return [...err.problems];
    }

    return assert.fail('expected a ConfigError');
  }

  it('turns polling and the heartbeat off without an intake key', function () {
    assert.deepEqual(load(undefined).intake, { poll: null, heartbeat: null });
  });

  it('reads the poll with its defaults, in seconds as well as minutes', function () {
    const { poll, heartbeat } = load({ poll: { workspaceId: WS } }).intake;
    assert.deepEqual(poll, {
      workspaceId: WS.toLowerCase(),
      everyMs: 60_000,
      overlapMs: 600_000,
      endpoint: 'https://api.loganalytics.io/v1',
      authenticate: true,
      retryBackoffMs: 1000,
    });
    assert.equal(heartbeat, null);

    const fast = load({ poll: { workspaceId: WS, every: '1s', overlap: '5s' } }).intake.poll;
    assert.deepEqual([fast?.everyMs, fast?.overlapMs], [1000, 5000]);
  });

  it('reads the heartbeat with its defaults', function () {
    assert.deepEqual(load({ heartbeat: {} }).intake.heartbeat, {
      silentForMs: 6 * 3_600_000,
      pollFailingForMs: 600_000,
    });
    assert.deepEqual(
      load({ heartbeat: { silentFor: '3s', pollFailingFor: '2s' } }).intake.heartbeat,
      {
        silentForMs: 3000,
        pollFailingForMs: 2000,
      },
    );
  });

  it('names every problem of the intake key', function () {
    const found = problems({
      poll: { workspaceId: 'soc-workspace', every: '0s', overlap: 'ten minutes', evrey: '1m' },
      heartbeat: { silentFor: '6 hours' },
    });
    assert.ok(found.includes('intake.poll.evrey: unknown key'), found.join('\n'));
    for (const field of ['workspaceId', 'every', 'overlap']) {
      assert.ok(
        found.some((p) => p.startsWith(`intake.poll.${field}:`)),
        field,
      );
    }

    assert.ok(found.some((p) => p.startsWith('intake.heartbeat.silentFor:')));
  });

  it('sends no token to a plain-http loopback LOGS_ENDPOINT', function () {
    const env = { LOGS_ENDPOINT: 'http://127.0.0.1:8080/v1/' };
    const poll = load({ poll: { workspaceId: WS } }, env).intake.poll;
    assert.deepEqual([poll?.endpoint, poll?.authenticate], ['http://127.0.0.1:8080/v1', false]);
  });

  it('refuses plain http in production, off loopback, and an endpoint without /v1', function () {
    const intake = { poll: { workspaceId: WS } };
    const production = problems(intake, {
      NODE_ENV: 'production',
      LOGS_ENDPOINT: 'http://localhost:8080/v1',
    });
    assert.ok(production.some((p) => /^LOGS_ENDPOINT: plain http .* refused/.test(p)));

    const remote = problems(intake, { LOGS_ENDPOINT: 'http://logs.example.com/v1' });
    assert.ok(
      remote.includes('LOGS_ENDPOINT: plain http is only for a loopback address (local testing)'),
    );

    const unversioned = problems(intake, { LOGS_ENDPOINT: 'https://api.loganalytics.us' });
    assert.ok(unversioned.some((p) => /must end with the API version/.test(p)));
  });
});
