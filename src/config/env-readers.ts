import path from 'node:path';

import type { AppConfig, BotIdentity, InfobipConfig } from './app-config';
import { Secret } from './secret';

/*
 * Readers of single environment variables. Each reports problems by the variable's name
 * into the list it is given, so start-up can list every problem at once.
 */

export const DEFAULT_LOGS_ENDPOINT = 'https://api.loganalytics.io/v1';

export interface LogsEndpoint {
  readonly endpoint: string;
  readonly authenticate: boolean;
  readonly retryBackoffMs: number;
}

export function parsePort(value: string | undefined, problems: string[]): number {
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

export function parseDatabaseUrl(
  value: string | undefined,
  cwd: string,
  problems: string[],
): string {
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

export function readInfobip(env: NodeJS.ProcessEnv, problems: string[]): InfobipConfig | null {
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

export function readCallbacks(env: NodeJS.ProcessEnv, problems: string[]): AppConfig['callbacks'] {
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

/**
 * LOGS_ENDPOINT: https, or plain http on a loopback address for local testing, where no
 * token is sent. Production refuses plain http.
 */
export function readLogsEndpoint(
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

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function readBotIdentity(env: NodeJS.ProcessEnv): BotIdentity | null {
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

export function positiveInt(
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

export function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
