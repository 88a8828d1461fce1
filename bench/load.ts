import { performance } from 'node:perf_hooks';

import autocannon from 'autocannon';

/** One closed-loop load: `connections` clients, each sending its next request on an answer. */
export interface LoadSpec {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly connections: number;
  /** Either a fixed time or a fixed number of requests (which then wins). */
  readonly seconds?: number;
  readonly amount?: number;
  /** The body of the next request; every call must make a new incident. */
  readonly body: () => string;
}

/** What a load measured. Latencies in ms. */
export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Wall time from the first request to the last answer. */
  readonly seconds: number;
  readonly statuses: ReadonlyMap<number, number>;
  /** The incident ids the answers with status 202 named. */
  readonly accepted: readonly string[];
  readonly errors: number;
}

const INCIDENT_ID = /"incidentId":"([^"]+)"/;
const REQUEST_TIMEOUT_S = 10;

/** Runs one load with autocannon; answers its figures and the incident ids accepted. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const statuses = new Map<number, number>();
  const accepted: string[] = [];
  const started = performance.now();
  const result = await autocannon({
    url: spec.url,
    method: 'POST',
    headers: spec.headers,
    connections: spec.connections,
    duration: spec.seconds ?? 10,
    amount: spec.amount,
    timeout: REQUEST_TIMEOUT_S,
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: spec.body() }),
        onResponse: (status, body) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const id = status === 202 ? INCIDENT_ID.exec(body)?.[1] : undefined;
          if (id !== undefined) {
            accepted.push(id);
          }
        },
      },
    ],
  });

  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: (performance.now() - started) / 1000,
    statuses,
    accepted,
    errors: result.errors,
  };
}

/** "202 x 1200, 500 x 3" */
export function describeStatuses(statuses: ReadonlyMap<number, number>): string {
  return [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status} x ${count}`)
    .join(', ');
}
