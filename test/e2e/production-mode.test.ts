import { strict as assert } from 'node:assert';

import { BotProcess } from '../support/bot-process';
import { botAddedToTeam } from '../support/activities';

const PRODUCTION = {
  NODE_ENV: 'production',
  WEBHOOK_TOKEN: 'prod-hook-token-5e1a',
  clientId: '0d9b1a6e-5f3c-4b2a-9e8d-7c6b5a4f3e2d',
  clientSecret: 'prod-client-secret-77',
  tenantId: 'a7d3e5f1-0000-4000-8000-00000000c0de',
  INFOBIP_BASE_URL: 'http://127.0.0.1:9',
  INFOBIP_API_KEY: 'prod-infobip-key-31',
  INFOBIP_CALLBACK_TOKEN: 'prod-callback-token-62',
};

describe('production-mode: secrets required, Bot Framework tokens checked', function () {
  it('refuses to start without WEBHOOK_TOKEN and clientId, naming both', async function () {
    const bot = new BotProcess();
    const code = await bot.startExpectingExit({ NODE_ENV: 'production' });
    const output = bot.logs.join('\n');

    assert.equal(code, 2);
    assert.match(output, /WEBHOOK_TOKEN: required/);
    assert.match(output, /clientId: anonymous mode is refused/);
    assert.match(output, /INFOBIP_BASE_URL, INFOBIP_API_KEY: required/);
  });

  describe('with an Entra identity', function () {
    const bot = new BotProcess();

    before(async function () {
      await bot.start(PRODUCTION);
    });

    after(async function () {
      await bot.stop();
    });

    const cases: [string, Record<string, string>][] = [
      ['no Authorization header', {}],
      ['a malformed header', { authorization: 'Basic Zm9vOmJhcg==' }],
      ['a forged, unsigned token', { authorization: `Bearer ${forgedToken()}` }],
    ];
    for (const [name, headers] of cases) {
      it(`answers 401 to an activity with ${name}, and keeps running`, async function () {
        const res = await fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(botAddedToTeam('http://127.0.0.1:9')),
        });

        assert.equal(res.status, 401);
        const body = (await res.json()) as { error: { code: string; message: string } };
        assert.deepEqual(body.error, {
          code: 'UNAUTHORIZED',
          message: 'missing or invalid Bot Framework token',
        });
        assert.ok(bot.alive);
        const health = await fetch(`${bot.url}/healthz`);
        assert.equal(health.status, 200);
        assert.equal(
          ((await health.json()) as { teams: { channelKnown: boolean } }).teams.channelKnown,
          false,
        );
      });
    }

    it('requires the webhook token', async function () {
      const res = await fetch(`${bot.url}/api/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });

      assert.equal(res.status, 401);
    });

    it('never logs the client secret or the webhook token', function () {
      const log = bot.logs.join('\n');
      for (const secret of [
        'clientSecret',
        'WEBHOOK_TOKEN',
        'INFOBIP_API_KEY',
        'INFOBIP_CALLBACK_TOKEN',
      ]) {
        assert.ok(!log.includes(PRODUCTION[secret as keyof typeof PRODUCTION]), secret);
      }
    });
  });
});

/** A JWT-shaped token with an "alg: none" header: no signature at all. */
function forgedToken(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return [
    encode({ alg: 'none', typ: 'JWT' }),
    encode({
      aud: PRODUCTION.clientId,
      iss: 'https://api.botframework.com',
      serviceurl: 'http://127.0.0.1:9',
      nbf: now - 60,
      exp: now + 3600,
    }),
    '',
  ].join('.');
}
