import { strict as assert } from 'node:assert';

import { blindness, type HeartbeatInput } from '../../../src/intake/heartbeat-rule';

const NOW = new Date('2026-06-06T03:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

function input(overrides: Partial<HeartbeatInput> = {}): HeartbeatInput {
  return {
    now: NOW,
    silentForMs: 6 * 60 * 60_000,
    pollFailingForMs: 10 * 60_000,
    poll: { failingSince: null, lastSuccessAt: ago(1) },
    lastArrival: ago(30),
    ...overrides,
  };
}

describe('blindness (the heartbeat rule)', function () {
  it('sees Sentinel while polling works and incidents arrive', function () {
    assert.equal(blindness(input()), null);
  });

  it('is blind once polling has failed for pollFailingFor, since the last success', function () {
    const failing = { failingSince: ago(10), lastSuccessAt: ago(11) };
    assert.deepEqual(blindness(input({ poll: failing })), {
      reason: 'poll-failing',
      since: ago(11),
    });
    assert.equal(blindness(input({ poll: { ...failing, failingSince: ago(9) } })), null);
  });

  it('dates a poller that never worked from its first failure', function () {
    const never = { failingSince: ago(12), lastSuccessAt: null };
    assert.deepEqual(blindness(input({ poll: never })), { reason: 'poll-failing', since: ago(12) });
  });

  it('is blind when nothing arrived through any intake for silentFor', function () {
    assert.deepEqual(blindness(input({ lastArrival: ago(360) })), {
      reason: 'silent',
      since: ago(360),
    });
    assert.equal(blindness(input({ lastArrival: ago(359) })), null);
  });

  it('judges silence alone when polling is off', function () {
    assert.equal(blindness(input({ poll: null })), null);
    assert.equal(blindness(input({ poll: null, lastArrival: ago(400) }))?.reason, 'silent');
  });

  it('names the failing poll first when both hold', function () {
    const failing = { failingSince: ago(20), lastSuccessAt: ago(21) };
    const both = input({ poll: failing, lastArrival: ago(400) });
    assert.equal(blindness(both)?.reason, 'poll-failing');
  });
});
