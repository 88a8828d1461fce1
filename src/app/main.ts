import { CloudAdapter, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';

import { DryRunGateway } from '../channels/dry-run-gateway';
import { InfobipClient } from '../channels/infobip-client';
import { InfobipGateway } from '../channels/infobip-gateway';
import type { PhoneGateway } from '../channels/phone-gateway';
import { AgentsTeamsPublisher } from '../channels/teams-publisher';
import type { AppConfig } from '../config/app-config';
import { ConfigError, loadConfigFromProcess } from '../config/load-config';
import { Pager } from '../escalation/pager';
import { IncidentIntake } from '../intake/incident-intake';
import { Roster } from '../roster/roster';
import { SqliteStore } from '../store/sqlite-store';
import { TeamsBot } from '../teams/teams-bot';
import { systemClock } from '../time/clock';
import { createLogger } from './logger';
import { createServer } from './server';

/** Starts the bot: config, store, channels, server, and resumes escalations left open. */
async function main(): Promise<void> {
  const config = loadOrExit();
  const logger = createLogger(config.logLevel);
  announceModes(config, logger);

  const clock = systemClock;
  const store = new SqliteStore(config.databasePath);
  const adapter = new CloudAdapter(authConfiguration(config));
  const teams = new AgentsTeamsPublisher(adapter, config.bot?.clientId ?? '');
  const pager = new Pager({
    store,
    roster: new Roster(config.roster),
    phone: phoneGateway(config, logger),
    teams,
    policy: config.policy,
    clock,
    logger,
  });
  const intake = new IncidentIntake({ store, policy: config.policy, clock, logger });
  const bot = new TeamsBot({ store, clock, logger });
  const server = createServer({ config, store, intake, pager, adapter, bot, logger });

  server.listen(config.port, () => {
    logger.info({ port: config.port, version: config.version }, 'listening');
    void pager.wake();
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void pager
        .wake()
        .finally(() => store.close())
        .finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

function loadOrExit(): AppConfig {
  try {
    return loadConfigFromProcess();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }

    throw err;
  }
}

function announceModes(config: AppConfig, logger: Logger): void {
  if (config.usingExampleConfig) {
    logger.warn({ config: config.configPath }, 'oncall.yaml not found: using the example config');
  }

  if (config.infobip === null) {
    logger.warn(
      'dry-run: INFOBIP_BASE_URL or INFOBIP_API_KEY unset, calls and SMS are logged only',
    );
  }

  if (config.webhookToken === null) {
    logger.warn('WEBHOOK_TOKEN unset: the incident webhook is open to anyone who can reach it');
  }

  if (config.bot === null) {
    logger.warn('clientId unset: anonymous local mode, Bot Framework tokens are not checked');
  }
}

function phoneGateway(config: AppConfig, logger: Logger): PhoneGateway {
  if (config.infobip === null) {
    return new DryRunGateway(logger);
  }

  const client = new InfobipClient({
    baseUrl: config.infobip.baseUrl,
    apiKey: config.infobip.apiKey,
  });
  return new InfobipGateway(client, config.sender);
}

function authConfiguration(config: AppConfig): AuthConfiguration {
  if (config.bot === null) {
    return {} as AuthConfiguration;
  }

  return {
    clientId: config.bot.clientId,
    clientSecret: config.bot.clientSecret?.reveal(),
    tenantId: config.bot.tenantId ?? undefined,
  } as AuthConfiguration;
}

main().catch((err: unknown) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
