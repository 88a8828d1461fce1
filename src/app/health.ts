import type { AppConfig } from '../config/app-config';
import { SOC_CHANNEL } from '../escalation/pager';
import type { Store } from '../store/store';

/** What GET /healthz answers. */
export interface HealthStatus {
  readonly status: 'ok' | 'degraded';
  readonly version: string;
  readonly database: 'ok' | 'unavailable';
  readonly dryRun: boolean;
  readonly teams: { readonly channelKnown: boolean; readonly hint?: string };
  readonly webhookAuth: boolean;
}

/** Checks the database with a round trip and reads whether a Teams channel is known. */
export async function healthStatus(deps: {
  config: AppConfig;
  store: Store;
}): Promise<HealthStatus> {
  const { config, store } = deps;
  let database: HealthStatus['database'] = 'ok';
  let channelKnown = false;
  try {
    await store.ping();
    channelKnown = (await store.conversation(SOC_CHANNEL)) !== null;
  } catch {
    database = 'unavailable';
  }

  return {
    status: database === 'ok' ? 'ok' : 'degraded',
    version: config.version,
    database,
    dryRun: config.infobip === null,
    teams: channelKnown
      ? { channelKnown }
      : { channelKnown, hint: 'Teams is not set up: add the bot to a team or say "oncall here"' },
    webhookAuth: config.webhookToken !== null,
  };
}
