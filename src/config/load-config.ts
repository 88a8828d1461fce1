import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { ZodError } from 'zod';

import { parseDuration } from '../escalation/chain';
import { parsePhoneNumber } from '../roster/phone-number';
import type { Person, RosterConfig } from '../roster/roster-config';
import type { EscalationPolicy } from '../rules/policy';
import { parseTitleMatcher } from '../rules/title-matcher';
import type { VolumeRule } from '../rules/volume-rule';
import type { AppConfig, BotIdentity, InfobipConfig, IntakeConfig } from './app-config';
import { configFileSchema, WEEKDAYS, type ConfigFile } from './file-schema';
import { Secret } from './secret';

/** Start-up refused: every problem, each named by its path. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const DEFAULT_CONFIG = './oncall.yaml';
const LOG_LEVELS: ReadonlySet<string> = new Set([
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
]);
const EXAMPLE_CONFIG = 'oncall.example.yaml';

/** Reads the process environment and the config file it names. */
export function loadConfigFromProcess(): AppConfig {
  return loadConfig(process.env, process.cwd());
}

/**
 * Reads the given environment and config file, validates all of it and freezes the result.
 * Throws a {@link ConfigError} listing every problem found, not only the first.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): AppConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV?.trim().toLowerCase() === 'production';
  const file = locateConfigFile(env.ONCALL_CONFIG, cwd);
  const parsed = readConfigFile(file.path, problems);
  const port = parsePort(env.PORT, problems);
  const databasePath = parseDatabaseUrl(env.DATABASE_URL, cwd, problems);
  const webhookToken = nonEmpty(env.WEBHOOK_TOKEN);
  const bot = readBotIdentity(env);
  const infobip = readInfobip(env, problems);
  const callbacks = readCallbacks(env, problems);
  const tickMs = positiveInt(env, 'ENGINE_TICK_MS', 1000, problems);
  const logLevel = nonEmpty(env.LOG_LEVEL)?.toLowerCase() ?? 'info';
  if (!LOG_LEVELS.has(logLevel)) {
    problems.push(`LOG_LEVEL: "${logLevel}" is not one of ${[...LOG_LEVELS].join(', ')}`);
  }

  const logs = readLogsEndpoint(env, production, problems);

  if (production && webhookToken === null) {
    problems.push('WEBHOOK_TOKEN: required when NODE_ENV=production');
  }

  if (production && infobip !== null && callbacks.token === null) {
    problems.push('INFOBIP_CALLBACK_TOKEN: required with Infobip when NODE_ENV=production');
  }

  if (production && infobip === null && parsed?.mode !== 'shadow') {
    problems.push('INFOBIP_BASE_URL, INFOBIP_API_KEY: required when NODE_ENV=production');
  }

  if (production && file.isExample) {
    problems.push('ONCALL_CONFIG: oncall.yaml is missing; production never runs the example');
  }

  if (production && bot === null) {
    problems.push('clientId: anonymous mode is refused when NODE_ENV=production');
  }

  if (problems.length > 0 || parsed === null) {
    throw new ConfigError(problems);
  }

  return deepFreeze({
    version: readVersion(),
    production,
    port,
    logLevel,
    configPath: file.path,
    usingExampleConfig: file.isExample,
    databasePath,
    webhookToken: webhookToken === null ? null : new Secret(webhookToken),
    infobip,
    callbacks,
    mode: parsed.mode,
    escalation: {
      chain: parsed.chain.map((step) => ({
        target: step.call,
        afterMs: parseDuration(step.after) ?? 0,
      })),
      unansweredAfterMs: parseDuration(parsed.unansweredAfter) ?? 0,
      callLimits: parsed.callLimits.map((limit) => ({
        calls: limit.calls,
        withinMs: parseDuration(limit.within) ?? 0,
      })),
      tickMs,
    },
    bot,
    policy: toPolicy(parsed),
    roster: toRoster(parsed),
    sender: {
      callerId: parsePhoneNumber(parsed.infobip.callerId),
      smsSender: senderId(parsed.infobip.smsSender),
      language: parsed.infobip.language,
    },
    intake: toIntake(parsed.intake, logs),
  });
}

function locateConfigFile(
  configured: string | undefined,
  cwd: string,
): { path: string; isExample: boolean } {
  const explicit = nonEmpty(configured);
  if (explicit !== null) {
    return { path: path.resolve(cwd, explicit), isExample: false };
  }

  const preferred = path.resolve(cwd, DEFAULT_CONFIG);
  if (existsSync(preferred)) {
    return { path: preferred, isExample: false };
  }

  return { path: path.resolve(cwd, EXAMPLE_CONFIG), isExample: true };
}

function readConfigFile(file: string, problems: string[]): ConfigFile | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push(`ONCALL_CONFIG: cannot read ${file}: ${(err as NodeJS.ErrnoException).code}`);
    return null;
  }

  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    const where = err instanceof YAMLParseError ? ` at line ${err.linePos?.[0].line}` : '';
    problems.push(`${file}: not valid YAML${where}: ${(err as Error).message.split('\n')[0]}`);
    return null;
  }

  const result = configFileSchema.safeParse(raw ?? {});
  if (!result.success) {
    problems.push(...describeIssues(result.error));
    return null;
  }

  return result.data;
}

function describeIssues(error: ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${[...issue.path, key].join('.')}: unknown key`);
    }

    const where = issue.path.length === 0 ? '(top level)' : issue.path.join('.');
    return [`${where}: ${issue.message}`];
  });
}

function toPolicy(file: ConfigFile): EscalationPolicy {
  return {
    timezone: file.timezone,
    businessHours: {
      days: new Set(file.businessHours.days.map((day) => WEEKDAYS.indexOf(day) + 1)),
      start: toMinute(file.businessHours.start),
      end: toMinute(file.businessHours.end),
    },
    holidays: new Set(file.holidays),
    severities: new Set(file.escalate.severities),
    titles: file.escalate.titles.map(parseTitleMatcher),
    preEscalatedPrefix: file.escalate.preEscalatedPrefix.trim(),
    volume: volumeRule(file.escalate.volume),
  };
}

function volumeRule(volume: ConfigFile['escalate']['volume']): VolumeRule | null {
  if (volume === undefined) {
    return null;
  }

  return {
    severities: new Set(volume.severities),
    moreThan: volume.moreThan,
    windowMs: volume.withinMinutes * 60_000,
  };
}

function toRoster(file: ConfigFile): RosterConfig {
  const people: Person[] = file.people.map((p) => ({
    id: p.id,
    name: p.name,
    phone: parsePhoneNumber(p.phone),
    teamsUserId: p.teamsUserId ?? null,
  }));

  return {
    people,
    onCall: {
      primary: file.onCall.primary,
      secondary: file.onCall.secondary ?? null,
      manager: file.onCall.manager ?? null,
    },
  };
}

function toMinute(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** An SMS sender is a number (sent as digits) or an alphanumeric id of up to 11 characters. */
function senderId(sender: string): string {
  if (sender.trim().startsWith('+')) {
    return parsePhoneNumber(sender).slice(1);
  }

  return sender.trim();
}

function parsePort(value: string | undefined, problems: string[]): number {
  const raw = nonEmpty(value);
  if (raw === null) {
    return 3978;
  }

  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT: "${raw}" is not a port number`);
  }

  return port;
}

function parseDatabaseUrl(value: string | undefined, cwd: string, problems: string[]): string {
  const raw = nonEmpty(value) ?? 'file:./data/oncall.db';
  if (raw === 'file::memory:' || raw === ':memory:') {
    return ':memory:';
  }

  if (!raw.startsWith('file:')) {
    problems.push(`DATABASE_URL: "${raw.split(':')[0]}:" is not supported (use file:<path>)`);
    return '';
  }

  return path.resolve(cwd, raw.slice('file:'.length));
}

function readInfobip(env: NodeJS.ProcessEnv, problems: string[]): InfobipConfig | null {
  const baseUrl = nonEmpty(env.INFOBIP_BASE_URL);
  const apiKey = nonEmpty(env.INFOBIP_API_KEY);
  if (baseUrl === null || apiKey === null) {
    return null;
  }

  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    problems.push(`INFOBIP_BASE_URL: "${baseUrl}" is not an http(s) URL`);
  }

  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    apiKey: new Secret(apiKey),
    timeoutMs: positiveInt(env, 'INFOBIP_TIMEOUT_MS', 10_000, problems),
    retryBackoffMs: positiveInt(env, 'INFOBIP_RETRY_BACKOFF_MS', 500, problems),
  };
}

function readCallbacks(env: NodeJS.ProcessEnv, problems: string[]): AppConfig['callbacks'] {
  const publicUrl = nonEmpty(env.PUBLIC_URL);
  const token = nonEmpty(env.INFOBIP_CALLBACK_TOKEN);
  if (publicUrl !== null && !URL.canParse(publicUrl)) {
    problems.push(`PUBLIC_URL: "${publicUrl}" is not a URL`);
  }

  return {
    publicUrl: publicUrl === null ? null : publicUrl.replace(/\/+$/, ''),
    token: token === null ? null : new Secret(token),
  };
}

const DEFAULT_LOGS_ENDPOINT = 'https://api.loganalytics.io/v1';

interface LogsEndpoint {
  readonly endpoint: string;
  readonly authenticate: boolean;
  readonly retryBackoffMs: number;
}

/**
 * LOGS_ENDPOINT: https, or plain http on a loopback address for local testing, where no
 * token is sent. Production refuses plain http.
 */
function readLogsEndpoint(
  env: NodeJS.ProcessEnv,
  production: boolean,
  problems: string[],
): LogsEndpoint {
  const raw = (nonEmpty(env.LOGS_ENDPOINT) ?? DEFAULT_LOGS_ENDPOINT).replace(/\/+$/, '');
  const retryBackoffMs = positiveInt(env, 'LOGS_RETRY_BACKOFF_MS', 1000, problems);
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url === null || !/^https?:$/.test(url.protocol)) {
    problems.push(`LOGS_ENDPOINT: "${raw}" is not an http(s) URL`);
    return { endpoint: raw, authenticate: true, retryBackoffMs };
  }

  if (!/\/v\d+$/.test(url.pathname)) {
    problems.push(
      `LOGS_ENDPOINT: "${raw}" must end with the API version, as in ${DEFAULT_LOGS_ENDPOINT}`,
    );
  }

  const plain = url.protocol === 'http:';
  if (plain && !isLoopback(url.hostname)) {
    problems.push('LOGS_ENDPOINT: plain http is only for a loopback address (local testing)');
  }

  if (plain && production) {
    problems.push(
      'LOGS_ENDPOINT: plain http sends no token and is refused when NODE_ENV=production',
    );
  }

  return { endpoint: raw, authenticate: !plain, retryBackoffMs };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function toIntake(file: ConfigFile['intake'], logs: LogsEndpoint): IntakeConfig {
  const ms = (text: string) => parseDuration(text) ?? 0;
  const poll = file?.poll;
  const heartbeat = file?.heartbeat;
  return {
    poll:
      poll === undefined
        ? null
        : {
            workspaceId: poll.workspaceId.toLowerCase(),
            everyMs: ms(poll.every),
            overlapMs: ms(poll.overlap),
            ...logs,
          },
    heartbeat:
      heartbeat === undefined
        ? null
        : { silentForMs: ms(heartbeat.silentFor), pollFailingForMs: ms(heartbeat.pollFailingFor) },
  };
}

function readBotIdentity(env: NodeJS.ProcessEnv): BotIdentity | null {
  const clientId = nonEmpty(env.clientId);
  if (clientId === null) {
    return null;
  }

  const secret = nonEmpty(env.clientSecret);
  return {
    clientId,
    clientSecret: secret === null ? null : new Secret(secret),
    tenantId: nonEmpty(env.tenantId),
  };
}

function readVersion(): string {
  const manifest = path.resolve(__dirname, '../../../package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function positiveInt(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
): number {
  const raw = nonEmpty(env[name]);
  const value = raw === null ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    problems.push(`${name}: "${raw}" is not a positive whole number`);
  }

  return value;
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Secret)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }

  return value;
}
