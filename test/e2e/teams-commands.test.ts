import { strict as assert } from 'node:assert';

import { fakeConnector } from '../fakes/fake-connector';
import { fakeInfobip } from '../fakes/fake-infobip';
import type { RecordedRequest, RecordingServer } from '../fakes/recording-server';
import {
  at,
  BOT,
  botAddedToTeam,
  CHANNEL,
  channelMessage,
  personalMessage,
  type MessagePart,
  type TeamsUser,
} from '../support/activities';
import { BotProcess, eventually } from '../support/bot-process';
import { example } from '../support/incidents';

const API_KEY = 'ib-key-commands-3c9d';
const WEBHOOK_TOKEN = 'hook-token-commands-71ae';

const ALEX: TeamsUser = { id: '29:1alex', name: 'Alex Analyst' };
const SAM: TeamsUser = { id: '29:1sam', name: 'Sam Lee' };
const RILEY: TeamsUser = { id: '29:1riley', name: 'Riley Q Responder' };
const STRANGER: TeamsUser = { id: '29:1casey', name: 'Casey Stranger' };
const RILEY_PHONE = '+44 20 7946 0123';
const RILEY_DIGITS = '442079460123';

interface SmsBody {
  messages: { destinations: { to: string }[]; content: { text: string } }[];
}

interface TtsBody {
  messages: { destinations: { to: string }[] }[];
}

interface OverrideRow {
  person_id: string;
  previous_person_id: string | null;
  set_by: string;
  set_by_name: string;
  set_at: string;
  until: string | null;
}

describe('teams-commands: oncall set, who, register, verify and history in Teams', function () {
  const bot = new BotProcess();
  let infobip: RecordingServer;
  let connector: RecordingServer;
  let code = '';
  const env = () => ({
    INFOBIP_BASE_URL: infobip.url,
    INFOBIP_API_KEY: API_KEY,
    WEBHOOK_TOKEN,
  });

  const inChannel = (from: TeamsUser, ...parts: MessagePart[]) =>
    say(channelMessage(connector.url, from, parts));
  const inChat = (from: TeamsUser, ...parts: MessagePart[]) =>
    say(personalMessage(connector.url, from, parts));
  const overrides = () => bot.query<OverrideRow>('SELECT * FROM oncall_overrides ORDER BY id');
  const cardPosts = () =>
    connector.requests.filter(
      (r) => r.path === '/v3/conversations' && JSON.stringify(r.body).includes('On-call changed'),
    );

  before(async function () {
    infobip = fakeInfobip(API_KEY);
    connector = fakeConnector();
    await infobip.start();
    await connector.start();
    await bot.start(env());
    await post(botAddedToTeam(connector.url));
  });

  after(async function () {
    await bot.stop();
    await infobip.stop();
    await connector.stop();
  });

  describe('help and malformed commands always get an answer', function () {
    it('lists every command for "oncall help", "/oncall" and a bare mention', async function () {
      for (const reply of [
        await inChannel(ALEX, 'oncall help'),
        await inChat(ALEX, '/oncall'),
        await inChannel(ALEX, ''),
      ]) {
        for (const command of ['who', 'set @person', 'register', 'verify', 'history', 'here']) {
          assert.match(reply, new RegExp(`^oncall ${command}.* - `, 'm'), reply);
        }
      }
    });

    const cases: [string, MessagePart[], RegExp][] = [
      ['an unknown command', ['oncall frobnicate'], /I don't know the command "oncall frobnicate"/],
      ['an impossible time', ['oncall set ', at(SAM), ' until 25:00'], /neither a 24-hour time/],
      ['a bad duration', ['oncall set ', at(SAM), ' for ages'], /"ages" is not a duration/],
      ['a date that has begun', ['oncall set ', at(SAM), ' until 2020-01-01'], /has begun/],
      ['a national number', ['oncall register 020 7946 0123'], /international number/],
      ['a short code', ['oncall verify 123'], /the code has 6 digits/],
      ['a bad history count', ['oncall history lots'], /not a number of entries/],
      ['who with extra words', ['oncall who is it'], /takes nothing after it/],
      ['plain chatter', ['hello there'], /only understand oncall commands/],
    ];
    for (const [name, parts, expected] of cases) {
      it(`answers ${name} with what is wrong`, async function () {
        assert.match(await inChannel(ALEX, ...parts), expected);
        assert.equal(overrides().length, 0);
      });
    }
  });

  describe('here', function () {
    it('moves escalations to the channel it is said in, and only in a channel', async function () {
      assert.match(await inChat(ALEX, 'oncall here'), /works in a team channel/);
      assert.match(await inChannel(SAM, 'oncall here'), /posted to this channel from now on/);

      const [row] = bot.query<{ reference: string }>('SELECT reference FROM conversations');
      assert.equal(
        (JSON.parse(row?.reference ?? '{}') as { channelId: string }).channelId,
        CHANNEL.id,
      );
    });
  });

  describe('who', function () {
    it('tells the config holders in a personal chat, without a mention', async function () {
      const reply = await inChat(SAM, 'oncall who');

      assert.match(reply, /times in Europe\/London/);
      assert.match(reply, /^Primary: Alex Analyst, until changed\. From the config/m);
      assert.match(reply, /^Secondary: Sam Lee, until changed\. From the config/m);
      assert.match(reply, /^Manager: Morgan Manager, until changed\. From the config/m);
    });
  });

  describe('refusals', function () {
    it('refuses a sender who is not on the roster, politely', async function () {
      const reply = await inChannel(STRANGER, 'oncall set ', at(SAM));

      assert.match(reply, /^Sorry, only people on the on-call roster can change who is on call/);
      assert.match(reply, /oncall register/);
      assert.equal(overrides().length, 0);
    });

    it('refuses to set someone unknown and says how to fix it', async function () {
      const reply = await inChannel(ALEX, 'oncall set ', at(STRANGER));

      assert.match(reply, /can't put Casey Stranger on call: they are not on the roster/);
      assert.match(reply, /oncall register \+44/);
      assert.match(reply, /teamsUserId "29:1casey"/);
      assert.equal(overrides().length, 0);
    });

    it('never takes the bot itself as the target', async function () {
      const reply = await inChannel(ALEX, 'oncall set ', at(BOT));

      assert.match(reply, /mention the person to put on call/);
      assert.equal(overrides().length, 0);
    });

    it('does not read a typed name as a person', async function () {
      const reply = await inChannel(ALEX, 'oncall set Sam Lee');

      assert.match(reply, /by their @mention only/);
      assert.equal(overrides().length, 0);
    });
  });

  describe('register and verify', function () {
    it('texts a 6-digit code to the number and stores only its hash', async function () {
      const reply = await inChat(RILEY, `oncall register ${RILEY_PHONE}`);

      assert.match(reply, /texted a 6-digit code to \+44\*+23/);
      const sms = infobip
        .to('/sms/3/messages')
        .map((r) => (r.body as SmsBody).messages[0]!)
        .find((m) => m.destinations[0]?.to === RILEY_DIGITS);
      assert.ok(sms, 'no SMS to the registered number');
      code = /\b(\d{6})\b/.exec(sms.content.text)?.[1] ?? '';
      assert.match(code, /^\d{6}$/);
      const [pending] = bot.query<{ code_hash: string; person_id: string }>(
        'SELECT code_hash, person_id FROM phone_verifications',
      );
      assert.ok(pending);
      assert.equal(pending.person_id, 'teams:29:1riley');
      assert.ok(!pending.code_hash.includes(code));
    });

    it('neither sets nor takes orders from an unconfirmed number', async function () {
      const asTarget = await inChannel(ALEX, 'oncall set ', at(RILEY));
      const asSender = await inChannel(RILEY, 'oncall set ', at(SAM));

      assert.match(
        asTarget,
        /can't put Riley Q Responder on call yet: their number is not confirmed/,
      );
      assert.match(asSender, /^Sorry, only people on the on-call roster/);
      assert.match(asSender, /not confirmed yet/);
      assert.equal(overrides().length, 0);
    });

    it('counts a wrong code as one of 5 tries', async function () {
      const wrong = code === '000000' ? '111111' : '000000';
      assert.match(await inChat(RILEY, `oncall verify ${wrong}`), /not right\. 4 tries left/);
    });

    it('confirms the number with the right code', async function () {
      const reply = await inChat(RILEY, `oncall verify ${code}`);

      assert.match(reply, /Thanks, Riley Q Responder: \+44\*+23 is confirmed/);
      const rows = bot.query<{ person_id: string; phone: string }>('SELECT * FROM roster_phones');
      assert.deepEqual(
        rows.map((r) => [r.person_id, r.phone]),
        [['teams:29:1riley', '+442079460123']],
      );
      assert.equal(bot.query('SELECT * FROM phone_verifications').length, 0);
      assert.match(await inChat(RILEY, `oncall verify ${code}`), /No number of yours is waiting/);
    });
  });

  describe('set', function () {
    it('sets a person whose name is split into several mentions, for 8 hours', async function () {
      const posts = cardPosts().length;
      const reply = await inChannel(ALEX, 'oncall set ', at(RILEY, 'split'), ' for 8h');

      assert.match(reply, /^Done: Riley Q Responder is primary on call from now, until \w{3} \d/);
      assert.match(reply, /Changed by Alex Analyst; before: Alex Analyst\./);
      assert.match(reply, /posted the change in the SOC channel/);
      const [row] = overrides();
      assert.ok(row);
      assert.equal(row.person_id, 'teams:29:1riley');
      assert.equal(row.previous_person_id, 'alex');
      assert.equal(row.set_by, 'alex');
      assert.equal(Date.parse(row.until ?? '') - Date.parse(row.set_at), 8 * 3600_000);

      await eventually(() => cardPosts().length === posts + 1);
      const card = cardPosts().at(-1)!.body as { channelData: { channel: { id: string } } };
      assert.equal(card.channelData.channel.id, CHANNEL.id);
      const text = JSON.stringify(card);
      for (const expected of ['Riley Q Responder', 'Alex Analyst', '"version":"1.5"', 'TextRun']) {
        assert.ok(text.includes(expected), `card lacks ${expected}`);
      }
    });

    it('says who is on call now, until when and who set it', async function () {
      const reply = await inChannel(SAM, '/oncall who');

      assert.match(
        reply,
        /^Primary: Riley Q Responder, since \w{3} .+, until \w{3} .+\. Set in Teams by Alex/m,
      );
      assert.match(reply, /^Manager: Morgan Manager/m);
    });

    it('calls the newly set person for the next after-hours escalation', async function () {
      const res = await fetch(`${bot.url}/api/incidents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(example('incident-high-saturday-night.json')),
      });
      assert.equal(res.status, 202);

      await eventually(() => calls().length > 0);
      assert.equal((calls()[0]!.body as TtsBody).messages[0]?.destinations[0]?.to, RILEY_DIGITS);
    });

    it('sets a person whose mention has no text', async function () {
      const reply = await inChannel(ALEX, 'oncall set ', at(SAM, 'no-text'));

      assert.match(reply, /^Done: Sam Lee is primary on call from now, until changed\./);
      assert.match(reply, /before: Riley Q Responder/);
      const row = overrides().at(-1);
      assert.ok(row);
      assert.equal(row.person_id, 'sam');
      assert.equal(row.previous_person_id, 'teams:29:1riley');
      assert.equal(row.until, null);
    });
  });

  describe('history', function () {
    it('lists the on-call changes and escalations, newest first, with outcomes', async function () {
      const reply = await inChannel(ALEX, 'oncall history');
      const lines = reply.split('\n').slice(1);

      assert.match(reply, /^The last 3 on-call changes and escalations/);
      assert.equal(lines.length, 3);
      assert.match(lines[0]!, /Alex Analyst made Sam Lee primary until changed .*In force\./);
      const escalated = /incident 4711 \(High\) escalated: "Suspicious sign-in.*"\. Still open\./;
      assert.match(lines[1]!, escalated);
      assert.match(lines[2]!, /Alex Analyst made Riley Q Responder primary until .*Replaced/);
    });

    it('lists only the last n', async function () {
      const reply = await inChat(SAM, 'oncall history 1');

      assert.equal(reply.split('\n').length, 2);
      assert.match(reply, /made Sam Lee primary/);
    });
  });

  describe('after a restart', function () {
    before(async function () {
      await bot.stop();
      await bot.start(env());
    });

    it('keeps every change', async function () {
      const reply = await inChat(RILEY, 'oncall who');

      assert.match(reply, /^Primary: Sam Lee, since .+, until changed\. Set in Teams by Alex/m);
      assert.equal(overrides().length, 2);
      assert.match(await inChat(RILEY, 'oncall history 5'), /Riley Q Responder primary/);
    });
  });

  describe('logs', function () {
    it('never logs the registered number or the code', function () {
      const log = bot.logs.join('\n');
      assert.match(code, /^\d{6}$/);
      for (const secret of [RILEY_DIGITS, '2079460123', '7946 0123', API_KEY]) {
        assert.ok(!log.includes(secret), `log contains ${secret}`);
      }

      assert.doesNotMatch(log, new RegExp(`\\b${code}\\b`), 'log contains the code');
    });
  });

  function calls(): RecordedRequest[] {
    return infobip.to('/tts/3/advanced');
  }

  async function post(activity: object): Promise<void> {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.ok(res.status < 300, `status ${res.status}`);
  }

  /** Sends an activity and answers the text of the bot's replies to it. */
  async function say(activity: object): Promise<string> {
    const before = connector.requests.length;
    await post(activity);
    const replies = () =>
      connector.requests
        .slice(before)
        .filter((r) => /^\/v3\/conversations\/[^/]+\/activities/.test(r.path))
        .map((r) => r.body as { text?: string; textFormat?: string })
        .filter((body) => typeof body.text === 'string');
    await eventually(() => replies().length > 0);
    assert.ok(replies().every((body) => body.textFormat === 'plain'));
    return replies()
      .map((body) => body.text)
      .join('\n');
  }
});
