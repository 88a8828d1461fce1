import { CloudAdapter, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import type { Request, Response, Server } from 'restify';

import { DryRunGateway } from '../channels/dry-run-gateway';
import { InfobipClient } from '../channels/infobip-client';
import { InfobipGateway } from '../channels/infobip-gateway';
import type { PhoneGateway } from '../channels/phone-gateway';
import { AgentsTeamsPublisher } from '../channels/teams-publisher';
import type { AppConfig } from '../config/app-config';
import { ConfigError, loadConfigFromProcess } from '../config/load-config';
import { DigestPoster } from '../digest/digest-poster';
import { EscalationEngine } from '../escalation/escalation-engine';
import { Heartbeat } from '../escalation/heartbeat';
import { BlindNotices } from '../escalation/heartbeat-notices';
import { Notifier } from '../escalation/notifier';
import { Pager } from '../escalation/pager';
import { ReportHandler } from '../escalation/report-handler';
import { IncidentIntake } from '../intake/incident-intake';
import { createPoller } from '../intake/poller/create-poller';
import { PhoneVerification } from '../roster/phone-verification';
import type { PhoneNumber } from '../roster/phone-number';
import { Roster } from '../roster/roster';
import type { Person, Role } from '../roster/roster-config';
import { SqliteStore } from '../store/sqlite-store';
import { CommandRouter } from '../teams/commands/command-router';
import { TeamsBot } from '../teams/teams-bot';
import type { Store } from '../store/store';
import { systemClock, type Clock } from '../time/clock';
import { createLogger } from './logger';
import { createServer } from './server';

/** Requests in flight get this long to finish when the bot is stopped. */
const SHUTDOWN_GRACE_MS = 5_000;

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
  const shadow = config.mode === 'shadow';
  const notifier = new Notifier({ store, phone, teams, zone, shadow, clock, logger });
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
    jobs: [new DigestPoster({ store, teams, policy: config.policy, shadow, clock, logger })],
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
    policy: config.policy,
    shadow,
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

  const watchers = intakeWatchers({
    config,
    store,
    intake,
    phone,
    teams,
    manager: () => roster.holder('manager'),
    wake: () => void engine.wake(),
    clock,
    logger,
  });
  watchWebhook(server, store, clock, logger);

  // A client that sends half a request must not hold a connection, or shutdown, for minutes.
  server.server.requestTimeout = 30_000;
  server.server.headersTimeout = 15_000;
  server.server.once('error', (err: NodeJS.ErrnoException) => {
    logger.error({ code: err.code, port: config.port }, 'cannot listen: is the port in use?');
    process.exit(1);
  });
  server.listen(config.port, () => {
    logger.info({ port: config.port, version: config.version }, 'listening');
    engine.start();
    watchers.forEach((watcher) => watcher.start());
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.server.closeIdleConnections();
    setTimeout(() => server.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      void Promise.allSettled(watchers.map((watcher) => watcher.stop()))
        .then(() => engine.stop())
        .finally(() => store.close())
        .finally(() => process.exit(0));
    });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

/** Something main starts after listening and stops before the store closes. */
interface Watcher {
  start(): void;
  stop(): Promise<void>;
}

/** The poller and the heartbeat, as `intake` configures them; none for a webhook-only bot. */
function intakeWatchers(deps: {
  config: AppConfig;
  store: Store;
  intake: IncidentIntake;
  phone: PhoneGateway;
  teams: AgentsTeamsPublisher;
  manager: () => Promise<Person | null>;
  wake: () => void;
  clock: Clock;
  logger: Logger;
}): Watcher[] {
  const { config, store, clock, logger } = deps;
  const { poll, heartbeat } = config.intake;
  const watchers: Watcher[] = [];
  if (poll !== null) {
    const { workspaceId, everyMs, authenticate } = poll;
    logger.info({ workspaceId, everyMs, authenticate }, 'polling Sentinel');
    if (!authenticate) {
      logger.warn('LOGS_ENDPOINT is plain http on loopback: no token is sent (local testing)');
    }

    const onEscalation = deps.wake;
    watchers.push(
      createPoller({ config: poll, intake: deps.intake, store, onEscalation, clock, logger }),
    );
  }

  if (heartbeat !== null) {
    const zone = config.policy.timezone;
    const notices = new BlindNotices({ ...deps, zone });
    watchers.push(
      new Heartbeat({ config: heartbeat, polling: poll !== null, store, notices, clock, logger }),
    );
  }

  return watchers;
}

/** Records each answer of the incident webhook on the webhook's health, for /healthz. */
function watchWebhook(server: Server, store: Store, clock: Clock, logger: Logger): void {
  server.on('after', (req: Request, res: Response) => {
    if (req.method !== 'POST' || req.getPath() !== '/api/incidents') {
      return;
    }

    const at = clock();
    const status = res.statusCode;
    const message = `POST /api/incidents answered ${status}`;
    const saved =
      status < 400
        ? store.recordIntakeSuccess('webhook', at)
        : store.recordIntakeFailure('webhook', { at, code: `HTTP_${status}`, message });
    saved.catch((err: unknown) => logger.error({ err }, 'webhook outcome not stored'));
  });
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

  if (config.mode === 'shadow') {
    logger.warn('shadow mode: no call and no SMS goes out; cards say who would have been called');
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
  if (config.mode === 'shadow') {
    return new DryRunGateway(logger, 'shadow');
  }

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
