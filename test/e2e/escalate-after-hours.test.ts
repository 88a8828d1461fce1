import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { fakeConnector } from '../fakes/fake-connector';
import { fakeInfobip } from '../fakes/fake-infobip';
import type { RecordedRequest, RecordingServer } from '../fakes/recording-server';
import { botAddedToTeam, CHANNEL } from '../support/activities';
import { BotProcess, eventually } from '../support/bot-process';
import { example, incidentBody } from '../support/incidents';
import { writeConfig } from '../support/test-config';

const API_KEY = 'ib-key-4f9c2e7a1b';
const WEBHOOK_TOKEN = 'hook-token-8d2b6c1e9f';
const PRIMARY = '442079460001';
const MANAGER = '442079460009';
const BARRIER_MARK = 'Barrier incident';

interface TtsBody {
  messages: {
    from: string;
    destinations: { to: string; messageId: string }[];
    text: string;
    language: string;
    maxDtmf: number;
  }[];
}

interface SmsBody {
  messages: { sender: string; destinations: { to: string }[]; content: { text: string } }[];
}

describe('escalate-after-hours: a night incident calls, texts and posts once', function () {
  const bot = new BotProcess();
  let infobip: RecordingServer;
  let connector: RecordingServer;

  const postIncident = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${bot.url}/api/incidents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${WEBHOOK_TOKEN}`,
        'content-type': 'application/json',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const isBarrier = (r: RecordedRequest) => JSON.stringify(r.body).includes(BARRIER_MARK);
  const postActivity = (body: unknown, type = 'application/json') =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const calls = () => infobip.to('/tts/3/advanced').filter((r) => !isBarrier(r));
  const texts = () => infobip.to('/sms/3/messages').filter((r) => !isBarrier(r));
  const posts = () =>
    connector.requests.filter((r) => r.path === '/v3/conversations' && !isBarrier(r));
  const allPages = () => infobip.requests.length + connector.requests.length;
  const incidentCount = () => bot.query<{ n: number }>('SELECT count(*) AS n FROM incidents')[0]?.n;

  before(async function () {
    infobip = fakeInfobip(API_KEY);
    connector = fakeConnector();
    await infobip.start();
    await connector.start();
    await bot.start({
      INFOBIP_BASE_URL: infobip.url,
      INFOBIP_API_KEY: API_KEY,
      WEBHOOK_TOKEN,
      LOG_LEVEL: 'debug',
      // Many escalations call the same primary here; the per-number limits have their own test.
      ONCALL_CONFIG: writeConfig(bot.dir, { callLimits: [{ calls: 100, within: '1h' }] }),
    });
  });

  after(async function () {
    await bot.stop();
    await infobip.stop();
    await connector.stop();
  });

  it('learns the SOC channel when added to a team', async function () {
    const health = async () =>
      (await (await fetch(`${bot.url}/healthz`)).json()) as {
        teams: { channelKnown: boolean };
      };
    assert.equal((await health()).teams.channelKnown, false);

    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(botAddedToTeam(connector.url)),
    });

    assert.ok(res.status < 300, `status ${res.status}`);
    assert.equal((await health()).teams.channelKnown, true);
  });

  it('escalates a Saturday-night High incident: one call, one SMS, one post', async function () {
    const res = await postIncident(example('incident-high-saturday-night.json'));
    const body = (await res.json()) as {
      incidentId: string;
      decision: { action: string; reasons: string[] };
    };

    assert.equal(res.status, 202);
    assert.equal(body.incidentId, 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b');
    assert.equal(body.decision.action, 'escalate');
    assert.ok(body.decision.reasons.includes('severity High is on the escalate list'));
    assert.ok(
      body.decision.reasons.some((r) => r.startsWith('Saturday 02:14 Europe/London is outside')),
    );

    await eventually(() => calls().length === 1 && texts().length === 1 && posts().length === 1);

    const call = (calls()[0]?.body as TtsBody).messages[0]!;
    assert.equal(call.from, '442079460000');
    assert.equal(call.destinations[0]?.to, PRIMARY);
    assert.match(call.destinations[0]?.messageId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(call.language, 'en');
    assert.equal(call.maxDtmf, 1);
    assert.match(call.text, /security escalation/i);
    assert.match(call.text, /Incident number 4, 7, 1, 1, severity High/);
    assert.match(call.text, /Suspicious sign-in followed by mass file download/);
    assert.match(call.text, /Saturday 02:14/);
    assert.match(call.text, /Press 1 to acknowledge\.$/);

    const sms = (texts()[0]?.body as SmsBody).messages[0]!;
    assert.equal(sms.destinations[0]?.to, MANAGER);
    assert.equal(sms.sender, '442079460000');
    assert.match(sms.content.text, /4711/);
    assert.match(sms.content.text, /High/);
    assert.match(sms.content.text, /Suspicious sign-in/);
    assert.match(sms.content.text, /Calling Alex Analyst/);

    const post = posts()[0]!.body as {
      isGroup: boolean;
      channelData: { channel: { id: string } };
      activity: { attachments: { contentType: string; content: { version: string } }[] };
    };
    assert.equal(post.isGroup, true);
    assert.equal(post.channelData.channel.id, CHANNEL.id);
    const card = post.activity.attachments[0]!;
    assert.equal(card.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(card.content.version, '1.5');
    const cardText = JSON.stringify(card.content);
    for (const expected of [
      'High',
      '#4711',
      'Suspicious sign-in',
      '"title":"Calling","value":"Alex Analyst"',
      'portal.azure.com',
    ]) {
      assert.ok(cardText.includes(expected), `card lacks ${expected}`);
    }

    const statuses = () =>
      bot
        .query<{ channel: string; status: string }>(
          'SELECT channel, status FROM outbound_messages ORDER BY channel',
        )
        .map((m) => `${m.channel}:${m.status}`)
        .join(' ');
    await eventually(() => statuses() === 'sms:accepted teams:accepted voice:accepted');
  });

  it('sends nothing again when the same event is delivered twice', async function () {
    const res = await postIncident(example('incident-high-saturday-night.json'));
    const body = (await res.json()) as { duplicate: boolean; decision: { action: string } };

    assert.equal(res.status, 200);
    assert.equal(body.duplicate, true);
    assert.equal(body.decision.action, 'escalate');
    await expectNothingMoreThan(1, 1, 1);
  });

  it('sends nothing again for a new event with nothing new', async function () {
    const body = example('incident-high-saturday-night.json');
    body.eventUniqueId = randomUUID();
    const res = await postIncident(body);

    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { duplicate: boolean }).duplicate, true);
    await expectNothingMoreThan(1, 1, 1);
  });

  it('ignores a Tuesday 10:00 High incident and sends nothing', async function () {
    const res = await postIncident(example('incident-high-tuesday-morning.json'));
    const body = (await res.json()) as { decision: { action: string; reasons: string[] } };

    assert.equal(res.status, 202);
    assert.equal(body.decision.action, 'ignore');
    assert.ok(body.decision.reasons[0]?.startsWith('Tuesday 10:00 Europe/London is inside'));
    await expectNothingMoreThan(1, 1, 1);
  });

  it('escalates an update that raises a held incident to High, once', async function () {
    const medium = example('incident-medium-weeknight.json');
    const held = await postIncident(medium);
    assert.equal(held.status, 202);
    assert.equal(((await held.json()) as { decision: { action: string } }).decision.action, 'hold');

    const raised = incidentBody({
      eventUniqueId: randomUUID(),
      name: 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b',
      title: 'Multiple failed sign-ins',
      severity: 'High',
      createdTimeUtc: '2026-06-09T22:40:00.0000000Z',
      lastModifiedTimeUtc: '2026-06-09T23:05:00.0000000Z',
      incidentNumber: 4713,
    });
    const res = await postIncident(raised);
    assert.equal(res.status, 202);
    assert.equal(
      ((await res.json()) as { decision: { action: string } }).decision.action,
      'escalate',
    );
    await eventually(() => calls().length === 2 && texts().length === 2 && posts().length === 2);

    const again = await postIncident({ ...raised, eventUniqueId: randomUUID() });
    assert.equal(again.status, 200);

    const late = incidentBody({
      eventUniqueId: randomUUID(),
      name: 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b',
      severity: 'Low',
      createdTimeUtc: '2026-06-09T22:40:00.0000000Z',
      lastModifiedTimeUtc: '2026-06-09T22:41:00.0000000Z',
      incidentNumber: 4713,
    });
    const stale = await postIncident(late);
    assert.equal(stale.status, 200, 'an older state delivered late changes nothing');
    const [stored] = bot.query<{ severity: string }>(
      `SELECT severity FROM incidents WHERE id = 'a1b2c3d4-0003-4e5f-8a9b-0c1d2e3f4a5b'`,
    );
    assert.equal(stored?.severity, 'High');
    await expectNothingMoreThan(2, 2, 2);
  });

  it('accepts hostile incident text and makes it safe to speak and text', async function () {
    const title =
      '<speak><break time="30s"/></speak> [ON-CALL] 🔥 <b>pwned</b> http://evil.example/x ' +
      'Ransomware '.repeat(450);
    const res = await postIncident(
      incidentBody({
        eventUniqueId: randomUUID(),
        name: randomUUID(),
        title,
        incidentNumber: 9001,
      }),
    );
    assert.equal(res.status, 202);
    await eventually(() => calls().length === 3 && texts().length === 3 && posts().length === 3);

    const text = (calls()[2]?.body as TtsBody).messages[0]!.text;
    assert.ok(text.length <= 1400, `call text is ${text.length} characters`);
    assert.doesNotMatch(text, /[<>&]|evil\.example|🔥/u);
    const sms = (texts()[2]?.body as SmsBody).messages[0]!.content.text;
    assert.ok(sms.length <= 306);
    assert.doesNotMatch(sms, /[<>]|🔥|evil\.example/u);
  });

  describe('bad input gets a clear 4xx and stores nothing', function () {
    const cases: [string, () => Promise<Response>, number, RegExp][] = [
      ['missing token', () => postIncident(incidentBody({}), { authorization: '' }), 401, /token/],
      [
        'wrong token',
        () => postIncident(incidentBody({}), { authorization: 'Bearer nope' }),
        401,
        /token/,
      ],
      ['malformed JSON', () => postIncident('{"eventUniqueId": '), 400, /JSON/i],
      [
        'wrong shape',
        () => postIncident({ eventUniqueId: 'x', objectSchemaType: 'Incident' }),
        400,
        /objectEventType|workspaceId|object/,
      ],
      [
        'unknown severity',
        () =>
          postIncident(
            incidentBody({ eventUniqueId: randomUUID(), name: randomUUID(), severity: 'Critical' }),
          ),
        400,
        /object\.properties\.severity/,
      ],
      [
        'alert trigger body',
        () =>
          postIncident({ SystemAlertId: randomUUID(), AlertDisplayName: 'x', Severity: 'High' }),
        400,
        /alert trigger/,
      ],
      [
        'not JSON',
        () => postIncident('severity=High', { 'content-type': 'text/plain' }),
        415,
        /application\/json/,
      ],
      [
        'over 1 MiB',
        () =>
          postIncident(incidentBody({ eventUniqueId: randomUUID(), title: 'x'.repeat(1_100_000) })),
        413,
        /over 1048576 bytes/,
      ],
      [
        'a gzip body (it could unpack to gigabytes)',
        () =>
          postIncident(gzipSync(JSON.stringify(incidentBody({}))) as never, {
            'content-encoding': 'gzip',
          }),
        415,
        /compressed/,
      ],
      [
        'an impossible creation time',
        () =>
          postIncident(
            incidentBody({
              eventUniqueId: randomUUID(),
              createdTimeUtc: '+275760-09-13T00:00:00Z',
            }),
          ),
        400,
        /object\.properties\.createdTimeUtc/,
      ],
      [
        'an offset out of range',
        () =>
          postIncident(
            incidentBody({
              eventUniqueId: randomUUID(),
              createdTimeUtc: '2026-06-09T22:40:00+99:99',
            }),
          ),
        400,
        /createdTimeUtc/,
      ],
      [
        'an eventUniqueId reused for another incident',
        () =>
          postIncident(
            incidentBody({
              eventUniqueId: '6f1c1b4e-6a1e-4c59-9a55-0c2a8c1e7d01',
              name: randomUUID(),
            }),
          ),
        409,
        /already used for another incident/,
      ],
      ...[
        [
          'a message without a service URL',
          { type: 'message', text: 'hi', conversation: { id: 'a' } },
        ],
        [
          'an activity without a type',
          { serviceUrl: 'http://127.0.0.1:9', conversation: { id: 'a' } },
        ],
        ['text that is a number', { ...botAddedToTeam('http://127.0.0.1:9'), text: 42 }],
        ['an empty object', {}],
      ].map(([name, activity]): [string, () => Promise<Response>, number, RegExp] => [
        `/api/messages: ${name as string}`,
        () => postActivity(activity),
        400,
        /invalid activity/,
      ]),
      [
        '/api/messages: not JSON',
        () => postActivity('hello', 'text/plain'),
        415,
        /application\/json/,
      ],
    ];

    for (const [name, send, status, message] of cases) {
      it(`${name}: ${status}`, async function () {
        const before = incidentCount();
        const res = await send();
        const body = (await res.json()) as { error: { code: string; message: string } };

        assert.equal(res.status, status);
        assert.match(body.error.message, message);
        assert.ok(body.error.code.length > 0);
        assert.equal(incidentCount(), before);
        assert.ok(bot.alive);
      });
    }
  });

  describe('logs', function () {
    it('never logs a phone number, the API key or the webhook token', function () {
      const log = bot.logs.join('\n');
      assert.ok(bot.logs.length > 10);
      for (const secret of [
        API_KEY,
        WEBHOOK_TOKEN,
        PRIMARY,
        MANAGER,
        '+44 20 7946',
        '2079460001',
      ]) {
        assert.ok(!log.includes(secret), `log contains ${secret}`);
      }
    });
  });

  /**
   * A later escalation is the barrier: the bot pages in order, so once the barrier's three
   * pages arrive, anything an earlier request caused has arrived too.
   */
  async function expectNothingMoreThan(callCount: number, smsCount: number, postCount: number) {
    const before = allPages();
    const barrier = incidentBody({
      eventUniqueId: randomUUID(),
      name: randomUUID(),
      title: BARRIER_MARK,
    });
    const res = await postIncident(barrier);
    assert.equal(res.status, 202);
    await eventually(() => allPages() >= before + 3);

    assert.equal(calls().length, callCount);
    assert.equal(texts().length, smsCount);
    assert.equal(posts().length, postCount);
  }
});
