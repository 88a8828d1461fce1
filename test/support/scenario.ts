import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import { fakeConnector } from '../fakes/fake-connector';
import { FakeInfobip } from '../fakes/fake-infobip';
import type { RecordingServer } from '../fakes/recording-server';
import { botAddedToTeam } from './activities';
import { BotProcess, eventually } from './bot-process';
import { incidentBody } from './incidents';
import { writeConfig } from './test-config';

export const API_KEY = 'ib-key-scenario-31c9';
export const CALLBACK_TOKEN = 'cb-token-scenario-77aa';
export const NUMBERS = {
  alex: '442079460001',
  sam: '442079460002',
  morgan: '442079460009',
} as const;
export type Name = keyof typeof NUMBERS;

/** The chain of the scenarios, in seconds instead of minutes. */
export const FAST_CHAIN = {
  chain: [
    { call: 'primary', after: '0s' },
    { call: 'primary', after: '2s' },
    { call: 'secondary', after: '4s' },
    { call: 'manager', after: '6s' },
  ],
  unansweredAfter: '2s',
};

/**
 * The real bot against a fake Infobip and a fake Bot Connector, with a fast chain. Asserts
 * per phone number which calls and SMS arrived: any message nobody expected fails.
 */
export class Scenario {
  readonly bot = new BotProcess();
  readonly infobip = new FakeInfobip(API_KEY);
  readonly connector: RecordingServer = fakeConnector();

  async start(config: Record<string, unknown> = FAST_CHAIN): Promise<void> {
    await this.infobip.start();
    await this.connector.start();
    await this.bot.reservePort();
    this.#configFile = writeConfig(this.bot.dir, config);
    await this.startBot();
    const res = await this.activity(botAddedToTeam(this.connector.url));
    assert.ok(res.status < 300);
  }

  /** (Re)starts the bot process on the same database and port. */
  async startBot(): Promise<void> {
    await this.bot.start({
      INFOBIP_BASE_URL: this.infobip.url,
      INFOBIP_API_KEY: API_KEY,
      INFOBIP_CALLBACK_TOKEN: CALLBACK_TOKEN,
      INFOBIP_TIMEOUT_MS: '500',
      INFOBIP_RETRY_BACKOFF_MS: '50',
      PUBLIC_URL: this.bot.url,
      ENGINE_TICK_MS: '100',
      ONCALL_CONFIG: this.#configFile,
      ...this.extraEnv(),
    });
  }

  /** More environment for the bot, for scenarios that add a fake of their own. */
  protected extraEnv(): Record<string, string> {
    return {};
  }

  async stop(): Promise<void> {
    await this.bot.stop();
    await this.infobip.stop();
    await this.connector.stop();
  }

  /** Posts a night High incident; answers its number and escalation id. */
  async escalate(incidentNumber = 4711): Promise<{ incidentId: string; escalationId: string }> {
    const incidentId = randomUUID();
    const res = await this.postIncident(
      incidentBody({ eventUniqueId: randomUUID(), name: incidentId, incidentNumber }),
    );
    assert.equal(res.status, 202);
    const escalationId = await this.escalationOf(incidentId);
    return { incidentId, escalationId };
  }

  postIncident(body: unknown): Promise<Response> {
    return fetch(`${this.bot.url}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  activity(activity: object): Promise<Response> {
    return fetch(`${this.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
  }

  /** Posts an Infobip callback to the bot, with the callback token unless told otherwise. */
  callback(path: string, body: unknown, token = CALLBACK_TOKEN): Promise<Response> {
    return fetch(`${this.bot.url}/api/infobip/${path}?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async escalationOf(incidentId: string): Promise<string> {
    let id = '';
    await eventually(() => {
      id =
        this.bot.query<{ id: string }>(
          `SELECT id FROM escalations WHERE incident_id = '${incidentId}'`,
        )[0]?.id ?? '';
      return id !== '';
    });
    return id;
  }

  state(escalationId: string): string {
    return (
      this.bot.query<{ state: string }>(
        `SELECT state FROM escalations WHERE id = '${escalationId}'`,
      )[0]?.state ?? 'missing'
    );
  }

  timeline(escalationId: string): string[] {
    return this.bot
      .query<{ text: string }>(
        `SELECT text FROM escalation_timeline WHERE escalation_id = '${escalationId}' ORDER BY id`,
      )
      .map((row) => row.text);
  }

  /** Exactly these numbers of calls per person, and none to anyone else. */
  expectCalls(expected: Partial<Record<Name, number>>): void {
    this.#expectPerNumber(
      'calls',
      (to) => this.infobip.calls(to).length,
      this.infobip.calls().length,
      expected,
    );
  }

  /** Exactly these numbers of SMS per person, and none to anyone else. */
  expectTexts(expected: Partial<Record<Name, number>>): void {
    this.#expectPerNumber(
      'SMS',
      (to) => this.infobip.texts(to).length,
      this.infobip.texts().length,
      expected,
    );
  }

  /** The card updates (PUT) the fake connector received. */
  cardUpdates(): string[] {
    return this.connector.requests
      .filter((r) => r.method === 'PUT')
      .map((r) => JSON.stringify(r.body));
  }

  #configFile = '';

  #expectPerNumber(
    what: string,
    count: (to: string) => number,
    total: number,
    expected: Partial<Record<Name, number>>,
  ): void {
    let sum = 0;
    for (const name of Object.keys(NUMBERS) as Name[]) {
      const want = expected[name] ?? 0;
      sum += want;
      assert.equal(count(NUMBERS[name]), want, `${what} to ${name}`);
    }

    assert.equal(total, sum, `${what} to numbers nobody expected`);
  }
}
