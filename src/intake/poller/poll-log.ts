import type { Logger } from 'pino';

import type { PollError } from './poll-error';

const AUTH_HINT =
  "give the bot's identity the Log Analytics Reader role on the workspace, or check its login";
const MAX_REMEMBERED_ROWS = 1000;

interface Window {
  readonly from: Date;
  readonly to: Date;
}

/**
 * The poller's log lines. A failure is logged once when it starts or changes, not once per
 * poll; the same invalid row is warned about once. Tokens never reach these fields.
 */
export class PollLog {
  readonly #logger: Logger;
  #failing: string | null = null;
  readonly #warnedRows = new Set<string>();

  constructor(logger: Logger) {
    this.#logger = logger.child({ intake: 'poll' });
  }

  failed(error: PollError): void {
    const fields = { code: error.code, status: error.upstreamStatus, error: error.message };
    const repeated = this.#failing === error.code;
    this.#failing = error.code;
    if (repeated) {
      this.#logger.debug(fields, 'poll failed again');
      return;
    }

    if (error.auth) {
      this.#logger.error({ ...fields, hint: AUTH_HINT }, 'polling Sentinel: authentication failed');
      return;
    }

    if (error.code === 'POLL_STORE') {
      this.#logger.error({ ...fields, err: error.cause }, 'polling Sentinel: storing failed');
      return;
    }

    this.#logger.warn(fields, 'polling Sentinel failed');
  }

  succeeded(counts: Readonly<Record<string, unknown>>, window: Window): void {
    if (this.#failing !== null) {
      this.#logger.info({ after: this.#failing }, 'polling Sentinel recovered');
      this.#failing = null;
    }

    this.#logger.debug({ ...counts, ...span(window) }, 'poll done');
  }

  partial(error: { code: string; message: string }, window: Window): void {
    const fields = { code: error.code, error: error.message, ...span(window) };
    this.#logger.warn(fields, 'partial poll result used: the window is polled again');
  }

  invalidRow(incidentName: string | null, problem: string): void {
    const key = `${incidentName}|${problem}`;
    if (this.#warnedRows.has(key)) {
      return;
    }

    if (this.#warnedRows.size >= MAX_REMEMBERED_ROWS) {
      this.#warnedRows.clear();
    }

    this.#warnedRows.add(key);
    this.#logger.warn({ incidentName, problem }, 'SecurityIncident row skipped');
  }
}

function span(window: Window) {
  return { from: window.from.toISOString(), to: window.to.toISOString() };
}
