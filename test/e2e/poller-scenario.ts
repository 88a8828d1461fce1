import { FakeLogAnalytics, type IncidentState } from '../fakes/fake-log-analytics';
import { eventually } from '../support/bot-process';
import { Scenario } from '../support/scenario';

/** The workspace the poller scenarios poll. */
export const WORKSPACE = '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9';

/** One call step and no repeats: every escalation is one call, one SMS and one card. */
export const ONE_CALL = {
  chain: [{ call: 'primary', after: '0s' }],
  unansweredAfter: '1h',
  callLimits: [{ calls: 100, within: '1h' }],
};

/** `intake` polling every second, with the heartbeat when given. */
export function pollIntake(
  overlap = '5s',
  heartbeat?: { silentFor: string; pollFailingFor?: string },
): { intake: object } {
  const poll = { workspaceId: WORKSPACE, every: '1s', overlap };
  return { intake: heartbeat === undefined ? { poll } : { poll, heartbeat } };
}

/** /healthz as the poller scenarios read it. */
export interface Health {
  status: string;
  intakes: Record<
    string,
    {
      lastSuccess: string | null;
      lastError: { code: string; message: string } | null;
      incidentsLastHour: number;
      failingSince: string | null;
    }
  >;
  sentinel: { visible: boolean; blindSince?: string; reason?: string };
}

/**
 * The scenario of test/support with a fake Log Analytics, polled over loopback http without
 * a token (the bot's local-testing path) through the real SDK. `logs` may be replaced
 * between bot restarts, to come back on another port.
 */
export class PollScenario extends Scenario {
  logs = new FakeLogAnalytics(WORKSPACE);

  override async start(config: Record<string, unknown>): Promise<void> {
    await this.logs.start();
    await super.start(config);
  }

  protected override extraEnv(): Record<string, string> {
    return { LOGS_ENDPOINT: this.logs.endpoint, LOGS_RETRY_BACKOFF_MS: '50' };
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.logs.stop();
  }

  async health(): Promise<Health> {
    return (await (await fetch(`${this.bot.url}/healthz`)).json()) as Health;
  }

  /** /healthz once `check` accepts it. */
  async healthWhen(check: (health: Health) => boolean, timeoutMs = 5000): Promise<Health> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const health = await this.health();
      if (check(health) || Date.now() > deadline) {
        return health;
      }

      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until the fake has answered `count` more queries than now. */
  async polls(count: number, timeoutMs = 8000): Promise<void> {
    const target = this.logs.queries().length + count;
    await eventually(() => this.logs.queries().length >= target, timeoutMs);
  }

  /** Adds a row and waits until the bot has stored an event of that state. */
  async serve(state: IncidentState, timeGenerated = new Date()): Promise<void> {
    this.logs.add(state, timeGenerated);
    const modified = new Date(state.lastModified ?? state.created).toISOString();
    const eventId = `poll:${state.name}:${modified}`;
    await eventually(() => this.events(state.name).some((e) => e.event_id === eventId), 8000);
  }

  /** The stored events of an incident, oldest first. */
  events(incidentId: string): { event_id: string; source: string; duplicate: number }[] {
    return this.bot.query(
      `SELECT event_id, source, duplicate FROM incident_events
        WHERE incident_id = '${incidentId}' ORDER BY rowid`,
    );
  }

  /** Cards posted as new threads in the SOC channel. */
  posts(): string[] {
    return this.connector
      .to('/v3/conversations')
      .filter((r) => r.method === 'POST' && r.path === '/v3/conversations')
      .map((r) => JSON.stringify(r.body));
  }

  /** The SMS texts sent so far, oldest first. */
  smsTexts(): string[] {
    return this.infobip
      .texts()
      .map((r) => (r.body as { messages: { content: { text: string } }[] }).messages[0])
      .map((m) => m?.content.text ?? '');
  }
}
