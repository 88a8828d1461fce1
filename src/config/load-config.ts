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
import type { AppConfig, IntakeConfig } from './app-config';
import {
  nonEmpty,
  parseDatabaseUrl,
  parsePort,
  positiveInt,
  readBotIdentity,
  readCallbacks,
  readInfobip,
  readLogsEndpoint,
  type LogsEndpoint,
} from './env-readers';
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

function readVersion(): string {
  const manifest = path.resolve(__dirname, '../../../package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Secret)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }

  return value;
}
