import { CloudAdapter, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';

import { DryRunGateway } from '../channels/dry-run-gateway';
import { InfobipClient } from '../channels/infobip-client';
import { InfobipGateway } from '../channels/infobip-gateway';
import type { PhoneGateway } from '../channels/phone-gateway';
import { AgentsTeamsPublisher } from '../channels/teams-publisher';
import type { AppConfig } from '../config/app-config';
import { ConfigError, loadConfigFromProcess } from '../config/load-config';
import { EscalationEngine } from '../escalation/escalation-engine';
import { Notifier } from '../escalation/notifier';
import { Pager } from '../escalation/pager';
import { ReportHandler } from '../escalation/report-handler';
import { IncidentIntake } from '../intake/incident-intake';
import { PhoneVerification } from '../roster/phone-verification';
import type { PhoneNumber } from '../roster/phone-number';
import { Roster } from '../roster/roster';
import type { Role } from '../roster/roster-config';
import { SqliteStore } from '../store/sqlite-store';
import { CommandRouter } from '../teams/commands/command-router';
import { TeamsBot } from '../teams/teams-bot';
import { systemClock } from '../time/clock';
import { createLogger } from './logger';
import { createServer } from './server';

const ROLES: ReadonlySet<string> = new Set(['primary', 'secondary', 'manager']);

/** Starts the bot: config, store, channels, server, and resumes escalations left open. */
async function main(): Promise<void> {
  const config = loadOrExit();
  const logger = createLogger(config.logLevel);
  announceModes(config, logger);

  const clock = systemClock;
  const zone = config.policy.timezone;
  const store = new SqliteStore(config.databasePath);
  const adapter = new CloudAdapter(authConfiguration(config));
  const teams = new AgentsTeamsPublisher(adapter, config.bot?.clientId ?? '');
  const phone = phoneGateway(config, logger);
  const roster = new Roster({ config: config.roster, store, clock });
  const resolve = (target: string) =>
    ROLES.has(target) ? roster.holder(target as Role) : roster.personById(target);
  const notifier = new Notifier({ store, phone, teams, zone, clock, logger });
  const pager = new Pager({
    store,
    notifier,
    holder: (role) => roster.holder(role),
    clock,
    logger,
  });
  const engine = new EscalationEngine({
    store,
    pager,
    notifier,
    phone,
    resolve,
    zone,
    tickMs: config.escalation.tickMs,
    callLimits: config.escalation.callLimits,
    clock,
    logger,
  });
  const reports = new ReportHandler({
    store,
    engine,
    notifier,
    phone,
    personByPhone: (digits) => roster.personByPhone(`+${digits}` as PhoneNumber),
    zone,
    clock,
    logger,
  });
  const intake = new IncidentIntake({
    store,
    escalation: config.escalation,
    policy: config.policy,
    clock,
    logger,
  });
  const verification = new PhoneVerification({ store, phone, clock, logger });
  const commands = new CommandRouter({
    roster,
    verification,
    store,
    teams,
    timezone: zone,
    clock,
    logger,
  });
  const bot = new TeamsBot({ store, clock, logger, commands });
  const cardActions = { engine, notifier, logger };
  const server = createServer({
    config,
    store,
    intake,
    engine,
    reports,
    cardActions,
    adapter,
    bot,
    logger,
  });

  server.listen(config.port, () => {
    logger.info({ port: config.port, version: config.version }, 'listening');
    engine.start();
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      void engine
        .stop()
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

  if (config.infobip !== null && config.callbacks.publicUrl === null) {
    logger.warn('PUBLIC_URL unset: Infobip cannot report call outcomes, keypresses or replies');
  }

  if (config.webhookToken === null) {
    logger.warn('WEBHOOK_TOKEN unset: the incident webhook is open to anyone who can reach it');
  }

  if (config.callbacks.token === null) {
    logger.warn('INFOBIP_CALLBACK_TOKEN unset: the Infobip callbacks are open');
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
    timeoutMs: config.infobip.timeoutMs,
  });
  return new InfobipGateway({
    client,
    sender: config.sender,
    reports: reportUrls(config),
    initialBackoffMs: config.infobip.retryBackoffMs,
  });
}

function reportUrls(config: AppConfig) {
  const { publicUrl, token } = config.callbacks;
  const url = (path: string) => {
    if (publicUrl === null) {
      return null;
    }

    const query = token === null ? '' : `?token=${encodeURIComponent(token.reveal())}`;
    return `${publicUrl}${path}${query}`;
  };
  return { voice: url('/api/infobip/voice-reports'), sms: url('/api/infobip/sms-reports') };
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
