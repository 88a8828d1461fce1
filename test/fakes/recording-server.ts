import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake received. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
  /** When it arrived (ms since epoch). */
  readonly at: number;
}

/** An answer, or null to leave the request hanging (a provider that never answers). */
export type Route = (request: RecordedRequest) => { status: number; body: unknown } | null;

/** A local HTTP server on 127.0.0.1 that records every request and answers through `route`. */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  #server: http.Server | null = null;
  #route: Route;

  constructor(route: Route) {
    this.#route = route;
  }

  get url(): string {
    const address = this.#server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /** Replaces how the fake answers, for failure scenarios. */
  answerWith(route: Route): void {
    this.#route = route;
  }

  async start(): Promise<void> {
    this.#server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const request = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: text === '' ? null : (JSON.parse(text) as unknown),
          at: Date.now(),
        };
        this.requests.push(request);
        const answer = this.#route(request);
        if (answer === null) {
          return;
        }

        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }

  /** Requests to paths starting with `prefix`. */
  to(prefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(prefix));
  }
}
