import type { Secret } from '../config/secret';
import { ChannelError } from './channel-error';

export interface InfobipClientOptions {
  readonly baseUrl: string;
  readonly apiKey: Secret;
  /** Per request. A paging system never waits forever. */
  readonly timeoutMs?: number;
}

/** A small typed client of Infobip's HTTP API on fetch, with a timeout on every request. */
export class InfobipClient {
  readonly #baseUrl: string;
  readonly #apiKey: Secret;
  readonly #timeoutMs: number;

  constructor(options: InfobipClientOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** POSTs JSON and answers the parsed 2xx body. Throws a ChannelError otherwise. */
  async post<T>(path: string, body: unknown): Promise<T> {
    return this.#request<T>('POST', path, JSON.stringify(body));
  }

  /** GETs a path (query included) and answers the parsed 2xx body. */
  async get<T>(path: string): Promise<T> {
    return this.#request<T>('GET', path, undefined);
  }

  async #request<T>(method: string, path: string, body: string | undefined): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.#baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `App ${this.#apiKey.reveal()}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? 'timed out' : 'network error';
      throw new ChannelError(`infobip ${path}: ${reason}`, { refused: false, cause: err });
    }

    const text = await response.text().catch(() => '');
    if (!response.ok) {
      const refused = response.status >= 400 && response.status < 500 && response.status !== 429;
      throw new ChannelError(`infobip ${path}: ${response.status} ${describeError(text)}`, {
        refused,
        httpStatus: response.status,
      });
    }

    try {
      return JSON.parse(text) as T;
    } catch (err) {
      throw new ChannelError(`infobip ${path}: answer is not JSON`, { refused: false, cause: err });
    }
  }
}

/** Reads both of Infobip's error shapes: /tts's requestError and /sms/3's errorCode. */
function describeError(text: string): string {
  try {
    const body = JSON.parse(text) as {
      requestError?: { serviceException?: { messageId?: string; text?: string } };
      errorCode?: string;
      description?: string;
    };
    const service = body.requestError?.serviceException;
    if (service) {
      return `${service.messageId ?? ''} ${service.text ?? ''}`.trim().slice(0, 300);
    }

    return `${body.errorCode ?? ''} ${body.description ?? ''}`.trim().slice(0, 300);
  } catch {
    return text.slice(0, 100);
  }
}
