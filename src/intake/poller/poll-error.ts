import { AppError } from '../../errors/app-error';

/** Stable codes of a failed poll, as the log and /healthz show them. */
export type PollErrorCode =
  | 'LOGS_AUTH'
  | 'LOGS_THROTTLED'
  | 'LOGS_UNAVAILABLE'
  | 'LOGS_UNREACHABLE'
  | 'LOGS_TIMEOUT'
  | 'LOGS_REFUSED'
  | 'LOGS_FAILED'
  | 'POLL_STORE';

const MAX_MESSAGE = 300;
const IDENTITY_ERRORS = new Set([
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
  'AuthenticationRequiredError',
]);
const NETWORK_CODES = new Set([
  'REQUEST_SEND_ERROR',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
]);

/**
 * A poll of Log Analytics that failed. `retryable` marks what a retry may cure (429, 5xx,
 * network); `auth` marks a credential or permission problem, which needs a person.
 */
export class PollError extends AppError {
  declare readonly code: PollErrorCode;
  readonly upstreamStatus: number | null;
  readonly retryable: boolean;
  /** What the service's Retry-After asked for, in ms. */
  readonly retryAfterMs: number | null;

  constructor(
    code: PollErrorCode,
    message: string,
    options: { upstreamStatus?: number | null; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(code, clip(message), { cause: options.cause });
    this.name = 'PollError';
    this.upstreamStatus = options.upstreamStatus ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.retryable = RETRYABLE.has(code);
  }

  get auth(): boolean {
    return this.code === 'LOGS_AUTH';
  }
}

const RETRYABLE: ReadonlySet<PollErrorCode> = new Set([
  'LOGS_THROTTLED',
  'LOGS_UNAVAILABLE',
  'LOGS_UNREACHABLE',
  'LOGS_TIMEOUT',
]);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  response?: { headers?: { get(name: string): string | undefined } };
}

/** Names what went wrong with a query, from the SDK's or the credential's error. */
export function toPollError(err: unknown): PollError {
  if (err instanceof PollError) {
    return err;
  }

  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkError;
  const message = e.message ?? String(err);
  if (IDENTITY_ERRORS.has(e.name ?? '')) {
    return new PollError('LOGS_AUTH', `no token for Log Analytics: ${message}`, { cause: err });
  }

  const status = e.statusCode ?? null;
  if (status !== null) {
    const label = `Log Analytics answered ${status}${e.code ? ` ${e.code}` : ''}: ${message}`;
    const retryAfterMs = retryAfter(e.response?.headers?.get('retry-after'));
    return new PollError(statusCode(status), label, {
      upstreamStatus: status,
      retryAfterMs,
      cause: err,
    });
  }

  if (e.name === 'AbortError' || e.name === 'TimeoutError') {
    return new PollError('LOGS_TIMEOUT', 'query timed out', { cause: err });
  }

  if (NETWORK_CODES.has(e.code ?? '')) {
    return new PollError('LOGS_UNREACHABLE', `cannot reach Log Analytics: ${message}`, {
      cause: err,
    });
  }

  return new PollError('LOGS_FAILED', message, { cause: err });
}

function statusCode(status: number): PollErrorCode {
  if (status === 401 || status === 403) {
    return 'LOGS_AUTH';
  }

  if (status === 429) {
    return 'LOGS_THROTTLED';
  }

  return status >= 500 || status === 408 ? 'LOGS_UNAVAILABLE' : 'LOGS_REFUSED';
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
function retryAfter(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '') {
    return null;
  }

  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }

  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** One line, bounded: messages end up on /healthz. */
function clip(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_MESSAGE ? line : `${line.slice(0, MAX_MESSAGE - 3)}...`;
}
