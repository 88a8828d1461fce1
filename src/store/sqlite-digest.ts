import type Database from 'better-sqlite3';

import type {
  AnalystVerdict,
  DigestClaim,
  DigestStore,
  HeldIncident,
  NightEscalation,
} from './digest-store';

/** The digest's SQL on SQLite. */
export class SqliteDigestQueries implements DigestStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async heldIncidents(from: Date, to: Date): Promise<HeldIncident[]> {
    const rows = this.#db
      .prepare(
        `SELECT number, display_title AS title, severity, created_utc AS createdUtc, url,
                status, owner, classification
           FROM incidents WHERE action = 'hold' AND created_utc >= ? AND created_utc < ?
          ORDER BY created_utc, number`,
      )
      .all(from.toISOString(), to.toISOString()) as (Omit<HeldIncident, 'analysts'> &
      AnalystVerdict)[];
    return rows.map(({ status, owner, classification, ...held }) => ({
      ...held,
      analysts: { status, owner, classification },
    }));
  }

  async nightEscalations(from: Date, to: Date): Promise<NightEscalation[]> {
    const rows = this.#db
      .prepare(
        `SELECT i.number, e.display_title, e.state, e.opened_at, e.ended_at, e.acknowledged_by,
                e.acknowledged_via, s.member_count, i.status, i.owner, i.classification
           FROM escalations e JOIN incidents i ON i.id = e.incident_id
           LEFT JOIN storms s ON s.id = e.storm_id
          WHERE e.opened_at >= ? AND e.opened_at < ?
          ORDER BY e.opened_at`,
      )
      .all(from.toISOString(), to.toISOString()) as ({
      number: number;
      display_title: string;
      state: string;
      opened_at: string;
      ended_at: string | null;
      acknowledged_by: string | null;
      acknowledged_via: string | null;
      member_count: number | null;
    } & AnalystVerdict)[];
    return rows.map((row) => ({
      incidentNumber: row.number,
      title: row.display_title,
      state: row.state,
      openedAt: new Date(row.opened_at),
      endedAt: row.ended_at === null ? null : new Date(row.ended_at),
      acknowledgedBy: row.acknowledged_by,
      acknowledgedVia: row.acknowledged_via,
      stormCount: row.member_count,
      analysts: { status: row.status, owner: row.owner, classification: row.classification },
    }));
  }

  async lastDigestEnd(): Promise<Date | null> {
    const row = this.#db
      .prepare(`SELECT max(window_end) AS end FROM digests WHERE state = 'posted'`)
      .get() as { end: string | null };
    return row.end === null ? null : new Date(row.end);
  }

  async claimDigest(
    morning: string,
    from: Date,
    to: Date,
    now: Date,
    leaseMs: number,
  ): Promise<DigestClaim> {
    const at = now.toISOString();
    const claim = this.#db.transaction((): DigestClaim => {
      this.#db
        .prepare(
          `INSERT INTO digests (morning, window_start, window_end, state, next_attempt_at)
           VALUES (?, ?, ?, 'pending', ?) ON CONFLICT (morning) DO NOTHING`,
        )
        .run(morning, from.toISOString(), to.toISOString(), at);
      const staleBefore = new Date(now.getTime() - leaseMs).toISOString();
      const won = this.#db
        .prepare(
          `UPDATE digests SET state = 'posting', attempts = attempts + 1, next_attempt_at = ?
            WHERE morning = ? AND ((state = 'pending' AND next_attempt_at <= ?)
                                   OR (state = 'posting' AND next_attempt_at <= ?))`,
        )
        .run(at, morning, at, staleBefore);
      if (won.changes === 1) {
        return 'claimed';
      }

      const { state } = this.#db
        .prepare('SELECT state FROM digests WHERE morning = ?')
        .get(morning) as {
        state: string;
      };
      return state === 'posted' ? 'posted' : state === 'posting' ? 'busy' : 'later';
    });
    return claim.immediate();
  }

  async markDigestPosted(morning: string, now: Date): Promise<void> {
    this.#db
      .prepare(
        `UPDATE digests SET state = 'posted', posted_at = ?, last_error = NULL WHERE morning = ?`,
      )
      .run(now.toISOString(), morning);
  }

  async attempts(morning: string): Promise<number | null> {
    const row = this.#db.prepare('SELECT attempts FROM digests WHERE morning = ?').get(morning) as
      { attempts: number } | undefined;
    return row?.attempts ?? null;
  }

  async markDigestFailed(morning: string, error: string, retryAt: Date): Promise<void> {
    this.#db
      .prepare(
        `UPDATE digests SET state = 'pending', last_error = ?, next_attempt_at = ?
          WHERE morning = ?`,
      )
      .run(error, retryAt.toISOString(), morning);
  }
}
