/** Options of an {@link AppError}. */
export interface AppErrorOptions {
  /** HTTP status when the error answers a request. Defaults to 500. */
  status?: number;
  /** Whether the message may be shown to users (HTTP answers, cards, SMS). */
  safe?: boolean;
  cause?: unknown;
}

/**
 * An error with a stable code. Only errors marked safe reach users with their message;
 * anything else becomes "unexpected error" plus a correlation id.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly safe: boolean;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? 500;
    this.safe = options.safe ?? false;
  }
}

/** A 4xx error whose message is meant for the caller. */
export function clientError(status: number, code: string, message: string): AppError {
  return new AppError(code, message, { status, safe: true });
}

/** Prefixes a step name to an error's message, so failures read like a trace. */
export function wrapError(step: string, err: unknown): AppError {
  if (err instanceof AppError) {
    return new AppError(err.code, `${step}: ${err.message}`, {
      status: err.status,
      safe: err.safe,
      cause: err,
    });
  }

  const message = err instanceof Error ? err.message : String(err);
  return new AppError('UNEXPECTED', `${step}: ${message}`, { cause: err });
}
