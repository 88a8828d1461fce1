import { randomUUID } from 'node:crypto';

import type { LogsClientSettings } from '../../src/intake/poller/logs-client';
import { RecordingServer, type RecordedRequest } from './recording-server';

/** One state of a Sentinel incident, as both a SecurityIncident row and a trigger body tell it. */
export interface IncidentState {
  readonly name: string;
  readonly number: number;
  readonly title: string;
  readonly description?: string;
  readonly severity: string;
  readonly status: string;
  /** Who owns it: shown as `Owner.assignedTo`. */
  readonly owner?: string | null;
  /** How it was closed ("TruePositive", ...); absent while open. */
  readonly classification?: string;
  /** ISO 8601 instants. */
  readonly created: string;
  readonly lastModified?: string;
  readonly url?: string;
}

/** A row in the fake's SecurityIncident table. */
export interface StoredRow {
  readonly state: IncidentState;
  /** The row's ingestion time: what a query's timespan filters on. */
  readonly timeGenerated: Date;
}

/** An answer queued for the next query, ahead of normal service. */
export type QueuedAnswer = number | 'partial';

type Answer = { status: number; body: unknown };

const COLUMNS: [string, string][] = [
  ['IncidentName', 'string'],
  ['IncidentNumber', 'int'],
  ['Title', 'string'],
  ['Description', 'string'],
  ['Severity', 'string'],
  ['Status', 'string'],
  ['Owner', 'dynamic'],
  ['Classification', 'string'],
  ['CreatedTime', 'datetime'],
  ['LastModifiedTime', 'datetime'],
  ['IncidentUrl', 'string'],
  ['TimeGenerated', 'datetime'],
];

const ERRORS: Readonly<Record<number, [string, string]>> = {
  400: ['BadArgumentError', 'The request had some invalid properties'],
  401: ['AuthorizationRequiredError', 'Valid authentication was not provided'],
  403: ['InsufficientAccessError', 'The provided credentials have insufficient access'],
  404: ['WorkspaceNotFoundError', 'The workspace could not be found'],
  429: ['ThrottledError', 'Your request was throttled'],
  500: ['InternalServerError', 'An unexpected error occurred'],
  503: ['ServiceUnavailableError', 'The service is temporarily unavailable'],
};

/**
 * Speaks the Log Analytics query API (reference sentinel.md §4) for the poller's query:
 * `POST /v1/workspaces/{id}/query` answers `tables` of the latest row per incident in the
 * timespan, dynamic cells as JSON strings, datetimes with 7 fractional digits.
 */
export class FakeLogAnalytics extends RecordingServer {
  readonly rows: StoredRow[] = [];
  /** Answers for the next queries: an HTTP status, or a partial result. */
  readonly queued: QueuedAnswer[] = [];
  /** While set, every query is answered with this status (an outage). */
  outage: number | null = null;

  /** `token`: the bearer token every query must carry; null when none is expected (loopback). */
  constructor(
    readonly workspaceId: string,
    readonly token: string | null = null,
  ) {
    super((request) => this.#answer(request));
  }

  /** The endpoint the bot is given: the fake's URL with the API version. */
  get endpoint(): string {
    return `${this.url}/v1`;
  }

  /** Appends a row, ingested at `timeGenerated` (default: now). */
  add(state: IncidentState, timeGenerated = new Date()): void {
    this.rows.push({ state, timeGenerated });
  }

  queries(): RecordedRequest[] {
    return this.to('/v1/workspaces/');
  }

  /** The timespan of each query so far, oldest first. */
  windows(): { from: Date; to: Date }[] {
    return this.queries().map((r) => parseTimespan((r.body as { timespan?: string }).timespan));
  }

  #answer(request: RecordedRequest): Answer {
    const match = /^\/v1\/workspaces\/([^/]+)\/query$/.exec(request.path);
    if (request.method !== 'POST' || match === null) {
      return error(404, 'PathNotFoundError', `no route ${request.method} ${request.path}`);
    }

    const expected = this.token === null ? undefined : `Bearer ${this.token}`;
    if (request.headers.authorization !== expected) {
      return errorOf(401);
    }

    const queued = this.queued.shift() ?? this.outage;
    if (typeof queued === 'number') {
      return errorOf(queued);
    }

    if (decodeURIComponent(match[1] ?? '') !== this.workspaceId) {
      return errorOf(404);
    }

    const body = request.body as { query?: string; timespan?: string };
    if (!body.query?.includes('arg_max(TimeGenerated, *) by IncidentName')) {
      return error(400, 'BadArgumentError', 'this fake answers only the poller query');
    }

    const result = { tables: [this.#table(parseTimespan(body.timespan))] };
    return { status: 200, body: queued === 'partial' ? { ...result, error: PARTIAL } : result };
  }

  #table(window: { from: Date; to: Date }) {
    const latest = new Map<string, StoredRow>();
    for (const row of this.rows) {
      const t = row.timeGenerated.getTime();
      const current = latest.get(row.state.name);
      const inWindow = t >= window.from.getTime() && t <= window.to.getTime();
      if (inWindow && (current === undefined || current.timeGenerated.getTime() <= t)) {
        latest.set(row.state.name, row);
      }
    }

    return {
      name: 'PrimaryResult',
      columns: COLUMNS.map(([name, type]) => ({ name, type })),
      rows: [...latest.values()].map(toCells),
    };
  }
}

/**
 * Pipeline policies that keep the client's https endpoint, and so its bearer-token policy,
 * and send each signed try to `fake` over http (reference sentinel.md §4, position perRetry).
 */
export function redirectTo(fake: FakeLogAnalytics): NonNullable<LogsClientSettings['policies']> {
  return [
    {
      position: 'perRetry',
      policy: {
        name: 'test-redirect-to-fake',
        sendRequest: (request, next) => {
          const url = new URL(request.url);
          request.url = `${fake.url}${url.pathname}${url.search}`;
          request.allowInsecureConnection = true;
          return next(request);
        },
      },
    },
  ];
}

/** The Logic App trigger body (reference sentinel.md §1) of the same incident state. */
export function triggerBodyOf(state: IncidentState, workspaceId: string): object {
  return {
    eventUniqueId: randomUUID(),
    objectSchemaType: 'Incident',
    objectEventType:
      state.lastModified && state.lastModified !== state.created ? 'Update' : 'Create',
    workspaceId,
    object: {
      id: `/subscriptions/x/providers/Microsoft.SecurityInsights/Incidents/${state.name}`,
      name: state.name,
      type: 'Microsoft.SecurityInsights/Incidents',
      properties: {
        title: state.title,
        description: state.description ?? '',
        severity: state.severity,
        status: state.status,
        owner: ownerOf(state),
        classification: state.classification ?? null,
        createdTimeUtc: sevenDigits(state.created),
        lastModifiedTimeUtc: sevenDigits(state.lastModified ?? state.created),
        incidentNumber: state.number,
        incidentUrl: state.url ?? portalUrl(state.name),
      },
    },
  };
}

const PARTIAL = {
  code: 'PartialError',
  message: 'There were some errors when processing your query.',
  details: [{ code: 'EngineError', message: 'Query exceeded a resource limit on one node.' }],
};

function toCells(row: StoredRow): unknown[] {
  const { state } = row;
  return [
    state.name,
    state.number,
    state.title,
    state.description ?? '',
    state.severity,
    state.status,
    JSON.stringify(ownerOf(state)),
    state.classification ?? '',
    sevenDigits(state.created),
    sevenDigits(state.lastModified ?? state.created),
    state.url ?? portalUrl(state.name),
    sevenDigits(row.timeGenerated.toISOString()),
  ];
}

function ownerOf(state: IncidentState) {
  const assignedTo = state.owner ?? null;
  return { objectId: null, email: null, assignedTo, userPrincipalName: null };
}

function portalUrl(name: string): string {
  return `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/${name}`;
}

/** Log Analytics writes datetimes with 7 fractional digits. */
function sevenDigits(iso: string): string {
  return new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

function parseTimespan(timespan: string | undefined): { from: Date; to: Date } {
  const [from = '', to = ''] = (timespan ?? '').split('/');
  return { from: new Date(from), to: new Date(to) };
}

function errorOf(status: number): Answer {
  const [code, message] = ERRORS[status] ?? ['UnknownError', `status ${status}`];
  return error(status, code, message);
}

function error(status: number, code: string, message: string): Answer {
  const innererror = { code: `${code}Inner`, message };
  return { status, body: { error: { code, message, innererror } } };
}
