import type Database from 'better-sqlite3';

import type { BlindReason } from '../intake/heartbeat-rule';
import type {
  BlindNoticeClaim,
  BlindNoticeKind,
  BlindNoticeResult,
  BlindPeriod,
  IntakeError,
  IntakeHealthRecord,
  IntakeName,
  IntakeStore,
  KnownIncident,
  PolledRowKey,
} from './intake-store';

/**
 * The intakes' tables. `blind_periods.open` is 1 while a period is open and NULL after: its
 * UNIQUE constraint allows one open period at most. A notice is claimed by its primary key.
 */
export const INTAKE_MIGRATION = `
  CREATE TABLE poll_watermarks (
    workspace_id TEXT PRIMARY KEY,
    watermark TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE intake_health (
    intake TEXT PRIMARY KEY,
    last_success_at TEXT,
    last_error_at TEXT,
    last_error_code TEXT,
    last_error_message TEXT,
    failing_since TEXT
  );

  CREATE TABLE heartbeat_watch (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    since TEXT NOT NULL
  );

  CREATE TABLE blind_periods (
    id TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    since TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    recovered_at TEXT,
    open INTEGER UNIQUE CHECK (open = 1)
  );

  CREATE TABLE blind_notices (
    period_id TEXT NOT NULL REFERENCES blind_periods(id),
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    provider_id TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (period_id, kind, channel)
  );

  CREATE INDEX incident_events_by_received ON incident_events(received_at);
`;

interface HealthRow {
  intake: IntakeName;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  failing_since: string | null;
}

interface PeriodRow {
  id: string;
  reason: BlindReason;
  since: string;
  opened_at: string;
  recovered_at: string | null;
}

/** The intakes' SQL on SQLite. Each method is one statement. */
export class SqliteIntakeQueries implements IntakeStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async pollWatermark(workspaceId: string): Promise<Date | null> {
    const row = this.#db
      .prepare('SELECT watermark FROM poll_watermarks WHERE workspace_id = ?')
      .get(workspaceId) as { watermark: string } | undefined;
    return row === undefined ? null : new Date(row.watermark);
  }

  async advancePollWatermark(workspaceId: string, to: Date, at: Date): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO poll_watermarks (workspace_id, watermark, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (workspace_id) DO UPDATE
           SET watermark = excluded.watermark, updated_at = excluded.updated_at
           WHERE excluded.watermark > poll_watermarks.watermark`,
      )
      .run(workspaceId, to.toISOString(), at.toISOString());
  }

  async knownIncidents(rows: readonly PolledRowKey[]): Promise<Map<string, KnownIncident>> {
    const select = this.#db.prepare(
      `SELECT last_modified_utc,
              EXISTS (SELECT 1 FROM incident_events WHERE event_id = ?) AS seen
         FROM incidents WHERE id = ?`,
    );
    const known = new Map<string, KnownIncident>();
    for (const { incidentId, eventId } of rows) {
      const row = select.get(eventId, incidentId) as
        { last_modified_utc: string; seen: number } | undefined;
      if (row !== undefined) {
        known.set(incidentId, {
          lastModifiedUtc: row.last_modified_utc,
          eventSeen: row.seen === 1,
        });
      }
    }

    return known;
  }

  async recordIntakeSuccess(intake: IntakeName, at: Date): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO intake_health (intake, last_success_at) VALUES (?, ?)
         ON CONFLICT (intake) DO UPDATE
           SET last_success_at = excluded.last_success_at, failing_since = NULL`,
      )
      .run(intake, at.toISOString());
  }

  async recordIntakeFailure(intake: IntakeName, error: IntakeError): Promise<void> {
    const at = error.at.toISOString();
    this.#db
      .prepare(
        `INSERT INTO intake_health (intake, last_error_at, last_error_code, last_error_message,
           failing_since)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (intake) DO UPDATE
           SET last_error_at = excluded.last_error_at,
               last_error_code = excluded.last_error_code,
               last_error_message = excluded.last_error_message,
               failing_since = coalesce(intake_health.failing_since, excluded.failing_since)`,
      )
      .run(intake, at, error.code, error.message, at);
  }

  async intakeHealth(): Promise<IntakeHealthRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM intake_health ORDER BY intake')
      .all() as HealthRow[];
    return rows.map(toHealth);
  }

  async incidentsReceivedSince(since: Date): Promise<Partial<Record<IntakeName, number>>> {
    const rows = this.#db
      .prepare(
        `SELECT source, count(DISTINCT incident_id) AS n FROM incident_events
          WHERE received_at >= ? GROUP BY source`,
      )
      .all(since.toISOString()) as { source: IntakeName; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.source, row.n]));
  }

  async lastIncidentArrival(): Promise<Date | null> {
    const row = this.#db.prepare('SELECT max(received_at) AS at FROM incident_events').get() as {
      at: string | null;
    };
    return row.at === null ? null : new Date(row.at);
  }

  async watchingSince(at: Date): Promise<Date> {
    this.#db
      .prepare('INSERT INTO heartbeat_watch (id, since) VALUES (1, ?) ON CONFLICT DO NOTHING')
      .run(at.toISOString());
    const row = this.#db.prepare('SELECT since FROM heartbeat_watch WHERE id = 1').get() as {
      since: string;
    };
    return new Date(row.since);
  }

  async openBlindPeriod(candidate: Omit<BlindPeriod, 'recoveredAt'>): Promise<BlindPeriod> {
    this.#db
      .prepare(
        `INSERT INTO blind_periods (id, reason, since, opened_at, open) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT (open) DO NOTHING`,
      )
      .run(
        candidate.id,
        candidate.reason,
        candidate.since.toISOString(),
        candidate.openedAt.toISOString(),
      );
    return (await this.openPeriod()) ?? { ...candidate, recoveredAt: null };
  }

  async closeBlindPeriod(at: Date): Promise<BlindPeriod | null> {
    const row = this.#db
      .prepare(
        `UPDATE blind_periods SET recovered_at = ?, open = NULL WHERE open = 1
         RETURNING id, reason, since, opened_at, recovered_at`,
      )
      .get(at.toISOString()) as PeriodRow | undefined;
    return row === undefined ? null : toPeriod(row);
  }

  async openPeriod(): Promise<BlindPeriod | null> {
    const row = this.#db.prepare('SELECT * FROM blind_periods WHERE open = 1').get() as
      PeriodRow | undefined;
    return row === undefined ? null : toPeriod(row);
  }

  async blindNoticesDue(): Promise<{ period: BlindPeriod; kind: BlindNoticeKind }[]> {
    const rows = this.#db
      .prepare(
        `SELECT p.*, 'blind' AS kind FROM blind_periods p
          WHERE p.open = 1 AND ${noticeCount('blind')} < 2
         UNION ALL
         SELECT p.*, 'recovered' AS kind FROM blind_periods p
          WHERE p.open IS NULL AND ${noticeCount('blind')} > 0
            AND ${noticeCount('recovered')} < 2
         ORDER BY opened_at`,
      )
      .all() as (PeriodRow & { kind: BlindNoticeKind })[];
    return rows.map((row) => ({ period: toPeriod(row), kind: row.kind }));
  }

  async claimBlindNotice(claim: BlindNoticeClaim): Promise<boolean> {
    const at = claim.at.toISOString();
    const result = this.#db
      .prepare(
        `INSERT INTO blind_notices (period_id, kind, channel, recipient, message_id, status,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'sending', ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(claim.periodId, claim.kind, claim.channel, claim.recipient, claim.messageId, at, at);
    return result.changes === 1;
  }

  async completeBlindNotice(
    claim: Pick<BlindNoticeClaim, 'periodId' | 'kind' | 'channel'>,
    result: BlindNoticeResult,
  ): Promise<void> {
    this.#db
      .prepare(
        `UPDATE blind_notices SET status = ?, provider_id = ?, error = ?, updated_at = ?
          WHERE period_id = ? AND kind = ? AND channel = ?`,
      )
      .run(
        result.status,
        result.providerId,
        result.error,
        result.at.toISOString(),
        claim.periodId,
        claim.kind,
        claim.channel,
      );
  }
}

function noticeCount(kind: BlindNoticeKind): string {
  return `(SELECT count(*) FROM blind_notices n WHERE n.period_id = p.id AND n.kind = '${kind}')`;
}

function toHealth(row: HealthRow): IntakeHealthRecord {
  const lastError =
    row.last_error_at === null
      ? null
      : {
          at: new Date(row.last_error_at),
          code: row.last_error_code ?? 'UNKNOWN',
          message: row.last_error_message ?? '',
        };
  return {
    intake: row.intake,
    lastSuccessAt: row.last_success_at === null ? null : new Date(row.last_success_at),
    lastError,
    failingSince: row.failing_since === null ? null : new Date(row.failing_since),
  };
}

function toPeriod(row: PeriodRow): BlindPeriod {
  return {
    id: row.id,
    reason: row.reason,
    since: new Date(row.since),
    openedAt: new Date(row.opened_at),
    recoveredAt: row.recovered_at === null ? null : new Date(row.recovered_at),
  };
}
