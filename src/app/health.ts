import type { AppConfig } from '../config/app-config';
import { SOC_CHANNEL } from '../escalation/pager';
import type { IntakeHealthRecord, IntakeName } from '../store/intake-store';
import type { Store } from '../store/store';
import { systemClock, type Clock } from '../time/clock';

const HOUR_MS = 60 * 60 * 1000;

/** One intake on /healthz. Instants are UTC ISO 8601. */
export interface IntakeHealthView {
  readonly lastSuccess: string | null;
  readonly lastError: {
    readonly at: string;
    readonly code: string;
    readonly message: string;
  } | null;
  /** Distinct incidents this intake delivered in the last hour. */
  readonly incidentsLastHour: number;
  /** Set while the intake keeps failing: its first failure since the last success. */
  readonly failingSince: string | null;
}

/** Whether the bot can see Sentinel, as the heartbeat rule judged it last. */
export interface SentinelView {
  readonly visible: boolean;
  readonly blindSince?: string;
  readonly reason?: string;
}

/** What GET /healthz answers. */
export interface HealthStatus {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly database: 'ok' | 'unavailable';
  readonly dryRun: boolean;
  /** "shadow": nothing is sent, views say what would have been. */
  readonly mode: 'live' | 'shadow';
  readonly teams: { readonly channelKnown: boolean; readonly hint?: string };
  readonly webhookAuth: boolean;
  /** Per intake; `poll` only while polling is configured. */
  readonly intakes: Partial<Record<IntakeName, IntakeHealthView>>;
  readonly sentinel: SentinelView;
}

/** Checks the database with a round trip and reads whether a Teams channel is known. */
export async function healthStatus(deps: {
  config: AppConfig;
  store: Store;
  clock?: Clock;
}): Promise<HealthStatus> {
  const { config, store } = deps;
  let database: HealthStatus['database'] = 'ok';
  let channelKnown = false;
  let intakes: HealthStatus['intakes'] = {};
  let sentinel: SentinelView = { visible: true };
  try {
    await store.ping();
    channelKnown = (await store.conversation(SOC_CHANNEL)) !== null;
    intakes = await intakeViews(config, store, (deps.clock ?? systemClock)());
    sentinel = await sentinelView(store);
  } catch {
    database = 'unavailable';
  }

  // A refused webhook request is the caller's fault; a failing poll is the bot's blindness.
  const failing = (intakes.poll?.failingSince ?? null) !== null;
  return {
    status: database === 'ok' && !failing && sentinel.visible ? 'ok' : 'degraded',
    version: config.version,
    database,
    dryRun: config.infobip === null || config.mode === 'shadow',
    mode: config.mode,
    teams: channelKnown
      ? { channelKnown }
      : { channelKnown, hint: 'Teams is not set up: add the bot to a team or say "oncall here"' },
    webhookAuth: config.webhookToken !== null,
    intakes,
    sentinel,
  };
}

async function intakeViews(
  config: AppConfig,
  store: Store,
  now: Date,
): Promise<HealthStatus['intakes']> {
  const records = await store.intakeHealth();
  const counts = await store.incidentsReceivedSince(new Date(now.getTime() - HOUR_MS));
  const names: IntakeName[] = config.intake.poll === null ? ['webhook'] : ['webhook', 'poll'];
  const view = (name: IntakeName): IntakeHealthView => {
    const record: IntakeHealthRecord | undefined = records.find((r) => r.intake === name);
    const error = record?.lastError ?? null;
    return {
      lastSuccess: record?.lastSuccessAt?.toISOString() ?? null,
      lastError: error === null ? null : { ...error, at: error.at.toISOString() },
      incidentsLastHour: counts[name] ?? 0,
      failingSince: record?.failingSince?.toISOString() ?? null,
    };
  };
  return Object.fromEntries(names.map((name) => [name, view(name)]));
}

async function sentinelView(store: Store): Promise<SentinelView> {
  const period = await store.openPeriod();
  if (period === null) {
    return { visible: true };
  }

  return { visible: false, blindSince: period.since.toISOString(), reason: period.reason };
}
