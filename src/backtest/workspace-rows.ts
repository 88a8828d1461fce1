import {
  LogsQueryResultStatus,
  type LogsQueryClient,
  type LogsTable,
} from '@azure/monitor-query-logs';
import type { RetryPolicy } from 'cockatiel';

import type { PollConfig } from '../config/app-config';
import { createLogsClient, type LogsClientSettings } from '../intake/poller/logs-client';
import { toPollError } from '../intake/poller/poll-error';
import { pollRetry } from '../intake/poller/poll-retry';
import { columnOf } from './export-columns';
import type { ExportIdentity } from './export-file';
import type { RowSink } from './export-row';

/** Which incidents to read from a workspace: those created in the last `days` days. */
export interface WorkspaceQuery {
  readonly workspaceId: string;
  readonly days: number;
  readonly now: Date;
}

/** The poller's query client and retry policy, borrowed for one large query. */
export interface WorkspaceSourceDeps {
  readonly client: Pick<LogsQueryClient, 'queryWorkspace'>;
  readonly retry: RetryPolicy;
  /** Per try; defaults to 5 minutes. */
  readonly timeoutMs?: number;
}

const DEFAULT_LOGS_ENDPOINT = 'https://api.loganalytics.io/v1';
const SERVER_TIMEOUT_S = 600;
const CLIENT_TIMEOUT_MS = 300_000;
const DAY_MS = 86_400_000;

/**
 * Every row of the incidents created since `start`: all their states, not only the latest,
 * so the replay sees each incident's creation and its outcome.
 */
export function backtestQuery(start: Date): string {
  return [
    'SecurityIncident',
    `| where CreatedTime >= datetime(${start.toISOString()})`,
    '| project TimeGenerated, TenantId, IncidentName, IncidentNumber, Title, Description,',
    '    Severity, Status, Classification, Owner, CreatedTime, LastModifiedTime, IncidentUrl',
    '| order by TimeGenerated asc',
  ].join('\n');
}

/**
 * Reads a workspace's SecurityIncident rows into `sink`, as an export would give them; "line"
 * is the row's place in the answer. Throws a PollError when the query fails after its
 * retries; a partial answer is used and answered as a warning.
 */
export async function readWorkspace(
  query: WorkspaceQuery,
  deps: WorkspaceSourceDeps,
  sink: RowSink,
): Promise<{ identity: ExportIdentity; warnings: string[] }> {
  const start = new Date(query.now.getTime() - query.days * DAY_MS);
  const answer = await deps.retry.execute(() => run(query, start, deps));
  const rows = toCells(answer.tables);
  rows.forEach((cells, index) => sink({ line: index + 1, cells }));
  const label = `workspace ${query.workspaceId}, incidents created in the last ${query.days} days`;
  const fingerprint = `workspace:${query.workspaceId}:${start.toISOString()}:${rows.length}`;
  return { identity: { label, fingerprint }, warnings: answer.warnings };
}

/**
 * {@link readWorkspace} through the poller's client: its endpoint, token and retry backoff
 * from `intake.poll` when the config has it, Log Analytics' public endpoint otherwise.
 */
export function readWorkspaceWith(
  query: WorkspaceQuery,
  poll: PollConfig | null,
  client: Pick<LogsClientSettings, 'credential' | 'policies'> | undefined,
  sink: RowSink,
): Promise<{ identity: ExportIdentity; warnings: string[] }> {
  const logs = createLogsClient({
    endpoint: poll?.endpoint ?? DEFAULT_LOGS_ENDPOINT,
    authenticate: poll?.authenticate ?? true,
    ...client,
  });
  const retry = pollRetry(poll?.retryBackoffMs ?? 1000);
  return readWorkspace(query, { client: logs, retry }, sink);
}

async function run(query: WorkspaceQuery, start: Date, deps: WorkspaceSourceDeps) {
  try {
    const result = await deps.client.queryWorkspace(
      query.workspaceId,
      backtestQuery(start),
      { startTime: start, endTime: query.now },
      {
        serverTimeoutInSeconds: SERVER_TIMEOUT_S,
        abortSignal: AbortSignal.timeout(deps.timeoutMs ?? CLIENT_TIMEOUT_MS),
      },
    );
    if (result.status === LogsQueryResultStatus.PartialFailure) {
      const { code, message } = result.partialError;
      const warning = `Log Analytics answered part of the rows only (${code}: ${message})`;
      return { tables: result.partialTables, warnings: [warning] };
    }

    return { tables: result.tables, warnings: [] as string[] };
  } catch (err) {
    throw toPollError(err);
  }
}

/** The primary table's rows keyed by column, the columns the backtest reads only. */
function toCells(tables: readonly LogsTable[]): Record<string, unknown>[] {
  const table = tables[0];
  if (table === undefined) {
    return [];
  }

  const columns = table.columnDescriptors.map((c) => columnOf(c.name ?? ''));
  return table.rows.map((cells) => {
    const row: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      if (column !== null) {
        row[column] = cells[i];
      }
    });
    return row;
  });
}
