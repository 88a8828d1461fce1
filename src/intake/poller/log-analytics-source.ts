import {
  LogsQueryResultStatus,
  type LogsQueryClient,
  type LogsTable,
} from '@azure/monitor-query-logs';
import type { RetryPolicy } from 'cockatiel';

import type { FetchedRows, PollWindow, Row, SecurityIncidentSource } from './incident-source';
import { PollError, toPollError } from './poll-error';

/**
 * The latest row of each incident ingested in the window. `arg_max` on TimeGenerated, not on
 * IncidentName: every row of an incident has the same name (reference sentinel.md §5).
 */
export const SECURITY_INCIDENT_QUERY = [
  'SecurityIncident',
  '| summarize arg_max(TimeGenerated, *) by IncidentName',
  '| project IncidentName, IncidentNumber, Title, Description, Severity, Status, Owner,',
  '    Classification, CreatedTime, LastModifiedTime, IncidentUrl, TimeGenerated',
  '| order by LastModifiedTime asc',
].join('\n');

const SERVER_TIMEOUT_S = 60;
const CLIENT_TIMEOUT_MS = 90_000;

/** The SDK's client for one workspace, and how its queries are retried. */
export interface LogAnalyticsSourceDeps {
  readonly client: Pick<LogsQueryClient, 'queryWorkspace'>;
  readonly workspaceId: string;
  readonly retry: RetryPolicy;
  /** Per try; defaults to 90 s. */
  readonly timeoutMs?: number;
}

/** Reads SecurityIncident through `@azure/monitor-query-logs`, one bounded query per poll. */
export class LogAnalyticsSource implements SecurityIncidentSource {
  readonly #deps: LogAnalyticsSourceDeps;

  constructor(deps: LogAnalyticsSourceDeps) {
    this.#deps = deps;
  }

  async latestRows(window: PollWindow, signal: AbortSignal): Promise<FetchedRows> {
    const query = this.#deps.retry.execute(() => this.#query(window, signal), signal);
    return Promise.race([query, abandoned(signal)]);
  }

  async #query(window: PollWindow, signal: AbortSignal): Promise<FetchedRows> {
    const { client, workspaceId, timeoutMs = CLIENT_TIMEOUT_MS } = this.#deps;
    try {
      const result = await client.queryWorkspace(
        workspaceId,
        SECURITY_INCIDENT_QUERY,
        { startTime: window.from, endTime: window.to },
        {
          serverTimeoutInSeconds: SERVER_TIMEOUT_S,
          abortSignal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        },
      );
      if (result.status === LogsQueryResultStatus.PartialFailure) {
        const { code, message } = result.partialError;
        return { rows: toRows(result.partialTables), partialError: { code, message } };
      }

      return { rows: toRows(result.tables), partialError: null };
    } catch (err) {
      throw toPollError(err);
    }
  }
}

/** The primary table's rows as records keyed by column name. */
function toRows(tables: readonly LogsTable[]): Row[] {
  const table = tables[0];
  if (table === undefined) {
    return [];
  }

  const names = table.columnDescriptors.map((column) => column.name);
  return table.rows.map((cells) => Object.fromEntries(names.map((name, i) => [name, cells[i]])));
}

/** Rejects once `signal` aborts, so a shutdown does not wait out a backoff. */
function abandoned(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const stop = () => reject(new PollError('LOGS_TIMEOUT', 'poll abandoned at shutdown', {}));
    if (signal.aborted) {
      stop();
      return;
    }

    signal.addEventListener('abort', stop, { once: true });
  });
}
