import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import { CloudAdapter, type AuthConfiguration } from '@microsoft/agents-hosting';
import pino from 'pino';

import { AgentsTeamsPublisher } from '../../../src/channels/teams-publisher';
import { DigestPoster } from '../../../src/digest/digest-poster';
import { SOC_CHANNEL } from '../../../src/escalation/notifier';
import type { Incident } from '../../../src/intake/incident';
import { IncidentIntake } from '../../../src/intake/incident-intake';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { fakeConnector } from '../../fakes/fake-connector';
import type { RecordingServer } from '../../fakes/recording-server';
import { CHANNEL, TEAM, TENANT } from '../../support/activities';
import { londonPolicy, makeIncident } from '../fixtures';

const policy = londonPolicy();
const logger = pino({ level: 'silent' });

describe('morning digest', function () {
  let connector: RecordingServer;
  let store: SqliteStore;
  let now: Date;
  const clock = () => now;

  beforeEach(async function () {
    connector = fakeConnector();
    await connector.start();
    store = new SqliteStore(':memory:');
    now = new Date('2026-06-05T20:00:00Z');
    await store.saveConversation(
      SOC_CHANNEL,
      {
        serviceUrl: connector.url,
        tenantId: TENANT,
        channelId: CHANNEL.id,
        teamId: TEAM.id,
        botId: '28:bot',
        botName: 'SOC Bot',
      },
      now,
    );
  });

  afterEach(async function () {
    await connector.stop();
    await store.close();
  });

  const poster = (shadow = false) =>
    new DigestPoster({
      store,
      teams: new AgentsTeamsPublisher(new CloudAdapter({} as AuthConfiguration), ''),
      policy,
      shadow,
      clock,
      logger,
    });
  const posts = () => connector.requests.filter((r) => r.path === '/v3/conversations');
  const digestText = (i = 0) => JSON.stringify(posts()[i]?.body);

  async function receive(overrides: Partial<Incident>): Promise<void> {
    const intake = new IncidentIntake({
      store,
      escalation: {
        chain: [{ target: 'primary', afterMs: 0 }],
        unansweredAfterMs: 60_000,
        callLimits: [],
        tickMs: 1000,
      },
      policy,
      clock,
      logger,
    });
    const created = overrides.createdTimeUtc ?? '2026-06-06T01:00:00.000Z';
    await intake.receive({
      eventId: randomUUID(),
      kind: 'Create',
      source: 'webhook',
      incident: makeIncident({ id: randomUUID(), lastModifiedTimeUtc: created, ...overrides }),
    });
  }

  it('posts Friday night to Monday at 09:00 Monday, each held incident once', async function () {
    await receive({
      number: 1,
      severity: 'Medium',
      title: 'Odd login',
      createdTimeUtc: '2026-06-05T19:00:00.000Z',
    });
    await receive({
      number: 2,
      severity: 'Low',
      title: 'odd login ',
      createdTimeUtc: '2026-06-06T23:00:00.000Z',
    });
    await receive({
      number: 3,
      severity: 'High',
      title: 'Malware',
      createdTimeUtc: '2026-06-07T02:00:00.000Z',
    });
    await receive({
      number: 4,
      severity: 'Low',
      title: 'Daytime',
      createdTimeUtc: '2026-06-05T10:00:00.000Z',
    });

    for (const at of ['2026-06-06T09:00:00Z', '2026-06-08T07:59:00Z']) {
      now = new Date(at);
      await poster().tick();
    }

    assert.equal(posts().length, 0);
    now = new Date('2026-06-08T08:00:00Z');
    await poster().tick();
    now = new Date('2026-06-08T09:00:00Z');
    await poster().tick();

    assert.equal(posts().length, 1);
    const text = digestText();
    assert.match(text, /2 held, 1 escalated, 0 storms/);
    assert.match(text, /2 × Odd login \(Medium\/Low\)/);
    assert.match(text, /#1 Fri 20:00/);
    assert.match(text, /#2 Sun 00:00/);
    assert.match(text, /#3 Malware: still open/);
    assert.doesNotMatch(text, /#4 /);
  });

  it('in shadow mode, compares what it would have paged with what analysts did', async function () {
    await receive({ number: 11, severity: 'High', title: 'Paged, then noise' });
    await receive({ number: 12, severity: 'Low', title: 'Held', classification: 'TruePositive' });
    await receive({ number: 13, severity: 'Low', title: 'Held, untouched' });
    await receive({
      id: 'noise-later',
      number: 14,
      severity: 'High',
      title: 'Paged',
      status: 'Closed',
      classification: 'FalsePositive',
    });
    now = new Date('2026-06-08T08:00:00Z');
    await poster(true).tick();

    const text = digestText();
    assert.match(text, /SHADOW MODE: nobody was called or texted/);
    assert.match(text, /Would have paged 1: 0 confirmed by analysts, 0 closed as noise, 1 not/);
    assert.match(text, /Held but escalated by analysts \(missed\): 1\./);
    assert.match(text, /Missed #12 Held \(TruePositive\)/);
  });

  it('posts once when two posters run at digest time, as after a restart', async function () {
    await receive({ number: 7, severity: 'Low', title: 'Held' });
    now = new Date('2026-06-08T08:00:05Z');

    await Promise.all([poster().tick(), poster().tick(), poster().tick()]);
    await poster().tick();

    assert.equal(posts().length, 1);
  });

  it('retries when Teams is unreachable, and posts once it answers', async function () {
    await receive({ number: 8, severity: 'Low', title: 'Held' });
    connector.answerWith(() => ({ status: 503, body: { error: { code: 'ServiceUnavailable' } } }));
    now = new Date('2026-06-08T08:00:00Z');
    await poster().tick();
    assert.equal(posts().length, 1);

    now = new Date('2026-06-08T08:00:10Z');
    await poster().tick();
    assert.equal(posts().length, 1, 'the retry waits for its backoff');

    connector.answerWith(ok);
    now = new Date('2026-06-08T08:01:00Z');
    await poster().tick();
    await poster().tick();
    assert.equal(posts().length, 2);
    assert.match(digestText(1), /1 held/);
  });

  it('covers the nights of a digest that was never posted', async function () {
    await receive({
      number: 9,
      severity: 'Low',
      title: 'Friday night',
      createdTimeUtc: '2026-06-05T20:00:00.000Z',
    });
    await receive({
      number: 10,
      severity: 'Low',
      title: 'Monday night',
      createdTimeUtc: '2026-06-08T20:00:00.000Z',
    });
    now = new Date('2026-06-05T08:30:00Z');
    await poster().tick();
    assert.equal(posts().length, 1);

    // The bot was down all of Monday: Tuesday's digest still lists Friday night's incident.
    now = new Date('2026-06-09T08:00:00Z');
    await poster().tick();
    assert.equal(posts().length, 2);
    assert.match(digestText(1), /#9 Fri 21:00/);
    assert.match(digestText(1), /#10 Mon 21:00/);
  });
});

function ok(request: { path: string; body: unknown }) {
  const channel = (request.body as { channelData?: { channel?: { id?: string } } }).channelData
    ?.channel?.id;
  return { status: 201, body: { id: `${channel};messageid=9001`, activityId: '9001' } };
}
