import { fakeConnector } from '../test/fakes/fake-connector';
import { FakeInfobip } from '../test/fakes/fake-infobip';
import type { RecordingServer } from '../test/fakes/recording-server';
import { botAddedToTeam } from '../test/support/activities';
import { writeConfig } from '../test/support/test-config';
import { BenchBot } from './bench-bot';

const API_KEY = 'ib-key-bench-5e1f';
const CALLBACK_TOKEN = 'cb-token-bench-90d2';
export const WEBHOOK_TOKEN = 'wh-token-bench-c4a7';

/** Options every phase shares. */
export interface BenchOptions {
  /** Where bots write CPU profiles, or null for no profiling. */
  readonly profileDir: string | null;
}

/** A bot of the bench with the fakes it talks to. */
export interface BenchRig {
  readonly bot: BenchBot;
  readonly infobip: FakeInfobip;
  readonly connector: RecordingServer;
  /** Stops the bot (SIGTERM unless it was killed already), the fakes, and cleans up. */
  readonly dispose: () => Promise<void>;
}

/** How one rig's bot is configured: oncall.yaml keys on top of the example, env added. */
export interface RigSetup {
  readonly label: string;
  readonly config?: Record<string, unknown>;
  readonly env?: Record<string, string>;
  /** Adds the bot to a team first, so escalation cards are posted as in production. */
  readonly teams?: boolean;
}

/**
 * Starts the fake Infobip, the fake Bot Connector and a bot with a fresh database, the same
 * way the end-to-end tests do, with the webhook token set as production requires.
 */
export async function startRig(setup: RigSetup, options: BenchOptions): Promise<BenchRig> {
  const infobip = new FakeInfobip(API_KEY);
  const connector = fakeConnector();
  const bot = new BenchBot();
  await infobip.start();
  await connector.start();
  const publicUrl = await bot.reservePort();
  const dispose = async () => {
    await bot.dispose();
    await infobip.stop();
    await connector.stop();
  };

  try {
    await bot.start({
      label: setup.label,
      profileDir: options.profileDir,
      env: {
        ONCALL_CONFIG: writeConfig(bot.dir, setup.config ?? {}),
        INFOBIP_BASE_URL: infobip.url,
        INFOBIP_API_KEY: API_KEY,
        INFOBIP_CALLBACK_TOKEN: CALLBACK_TOKEN,
        PUBLIC_URL: publicUrl,
        WEBHOOK_TOKEN,
        ...setup.env,
      },
    });
    if (setup.teams) {
      await addToTeam(bot, connector);
    }
  } catch (err) {
    await dispose();
    throw err;
  }

  return { bot, infobip, connector, dispose };
}

async function addToTeam(bot: BenchBot, connector: RecordingServer): Promise<void> {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(botAddedToTeam(connector.url)),
  });
  if (res.status >= 300) {
    throw new Error(`adding the bot to a team answered ${res.status}`);
  }
}

/** Headers of a webhook request from the Logic App. */
export function webhookHeaders(): Record<string, string> {
  return { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` };
}
