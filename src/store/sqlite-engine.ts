import type Database from 'better-sqlite3';

import type {
  Acknowledgement,
  DeliveryReport,
  EngineStore,
  EscalationRecord,
  StepRecord,
  StepState,
  StormSummary,
  TimelineEntry,
} from './engine-store';
import { toIncident, toOutbound, type IncidentRow, type OutboundRow } from './sqlite-rows';
import type { OutboundRecord } from './store';

interface StepRow {
  escalation_id: string;
  idx: number;
  kind: StepRecord['kind'];
  target: string | null;
  due_at: string;
  state: StepState;
}

interface EscalationRow extends IncidentRow {
  escalation_id: string;
  state: EscalationRecord['state'];
  escalation_reasons: string;
  escalation_title: string;
  opened_at: string;
  ended_at: string | null;
  chain: string;
  acknowledged_by: string | null;
  acknowledged_by_id: string | null;
  acknowledged_via: Acknowledgement['via'] | null;
  storm_id: string | null;
}

/** The engine's SQL on SQLite. Each method is one statement or one transaction. */
export class SqliteEngineQueries implements EngineStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async dueSteps(now: Date): Promise<StepRecord[]> {
    const rows = this.#db
      .prepare(
        `SELECT s.* FROM escalation_steps s JOIN escalations e ON e.id = s.escalation_id
          WHERE s.state = 'pending' AND s.due_at <= ? AND e.state = 'open'
          ORDER BY s.escalation_id, s.due_at, s.idx`,
      )
      .all(now.toISOString()) as StepRow[];
    return rows.map(toStep);
  }

  async claimStep(escalationId: string, idx: number, now: Date): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE escalation_steps SET state = 'running', ran_at = ?
          WHERE escalation_id = ? AND idx = ? AND state = 'pending'
            AND (SELECT state FROM escalations WHERE id = ?) = 'open'`,
      )
      .run(now.toISOString(), escalationId, idx, escalationId);
    return result.changes === 1;
  }

  async finishStep(escalationId: string, idx: number, state: StepState, note: string | null) {
    this.#db
      .prepare(
        'UPDATE escalation_steps SET state = ?, note = ? WHERE escalation_id = ? AND idx = ?',
      )
      .run(state, note, escalationId, idx);
  }

  async recoverInterrupted(startedBefore: Date): Promise<StepRecord[]> {
    const rows = this.#db
      .prepare(
        `UPDATE escalation_steps SET state = 'interrupted'
          WHERE state = 'running' AND ran_at < ? RETURNING *`,
      )
      .all(startedBefore.toISOString()) as StepRow[];
    return rows.map(toStep);
  }

  async advanceNextStep(escalationId: string, now: Date): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE escalation_steps SET due_at = ?
          WHERE escalation_id = ? AND due_at > ? AND idx = (
            SELECT min(idx) FROM escalation_steps WHERE escalation_id = ? AND state = 'pending')`,
      )
      .run(now.toISOString(), escalationId, now.toISOString(), escalationId);
    return result.changes === 1;
  }

  async postponeFinish(escalationId: string, notBefore: Date): Promise<void> {
    this.#db
      .prepare(
        `UPDATE escalation_steps SET due_at = ?
          WHERE escalation_id = ? AND kind = 'finish' AND state = 'pending' AND due_at < ?`,
      )
      .run(notBefore.toISOString(), escalationId, notBefore.toISOString());
  }

  async acknowledge(escalationId: string, ack: Acknowledgement): Promise<boolean> {
    const at = ack.at.toISOString();
    const run = this.#db.transaction(() => {
      const won = this.#db
        .prepare(
          `UPDATE escalations SET state = 'acknowledged', ended_at = ?, acknowledged_by = ?,
                  acknowledged_by_id = ?, acknowledged_via = ?
            WHERE id = ? AND state = 'open'`,
        )
        .run(at, ack.by, ack.byId, ack.via, escalationId);
      if (won.changes === 1) {
        this.#db
          .prepare(
            `UPDATE escalation_steps SET state = 'cancelled', note = 'acknowledged'
              WHERE escalation_id = ? AND state = 'pending'`,
          )
          .run(escalationId);
      }

      return won.changes === 1;
    });
    return run.immediate();
  }

  async markUnanswered(escalationId: string, at: Date): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE escalations SET state = 'unanswered', ended_at = ? WHERE id = ? AND state = 'open'`,
      )
      .run(at.toISOString(), escalationId);
    return result.changes === 1;
  }

  async addTimeline(escalationId: string, at: Date, text: string): Promise<void> {
    this.#db
      .prepare('INSERT INTO escalation_timeline (escalation_id, at, text) VALUES (?, ?, ?)')
      .run(escalationId, at.toISOString(), text);
  }

  async timeline(escalationId: string): Promise<TimelineEntry[]> {
    const rows = this.#db
      .prepare('SELECT at, text FROM escalation_timeline WHERE escalation_id = ? ORDER BY id')
      .all(escalationId) as { at: string; text: string }[];
    return rows.map((row) => ({ at: new Date(row.at), text: row.text }));
  }

  async escalation(id: string): Promise<EscalationRecord | null> {
    const row = this.#db
      .prepare(
        `SELECT e.id AS escalation_id, e.state, e.reasons AS escalation_reasons,
                e.display_title AS escalation_title, e.opened_at, e.ended_at, e.chain,
                e.acknowledged_by, e.acknowledged_by_id, e.acknowledged_via, e.storm_id, i.*
           FROM escalations e JOIN incidents i ON i.id = e.incident_id WHERE e.id = ?`,
      )
      .get(id) as EscalationRow | undefined;
    return row === undefined ? null : toEscalation(row);
  }

  async outboundById(messageId: string): Promise<OutboundRecord | null> {
    const row = this.#db.prepare('SELECT * FROM outbound_messages WHERE id = ?').get(messageId) as
      OutboundRow | undefined;
    return row === undefined ? null : toOutbound(row);
  }

  async recordReport(report: DeliveryReport): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE outbound_messages SET outcome = ?, dtmf = ?, reported_at = ?
          WHERE id = ? AND outcome IS NULL`,
      )
      .run(report.outcome, report.dtmf, report.at.toISOString(), report.messageId);
    return result.changes === 1;
  }

  async takenInSentinel() {
    return this.#db
      .prepare(
        `SELECT e.id, i.owner, i.status FROM escalations e JOIN incidents i ON i.id = e.incident_id
          WHERE e.state = 'open' AND (i.status = 'Closed' OR i.owner IS NOT NULL)`,
      )
      .all() as { id: string; owner: string | null; status: string }[];
  }

  async openEscalationByNumber(incidentNumber: number): Promise<string | null> {
    const row = this.#db
      .prepare(
        `SELECT e.id FROM escalations e JOIN incidents i ON i.id = e.incident_id
          WHERE i.number = ? AND e.state = 'open' ORDER BY e.opened_at DESC LIMIT 1`,
      )
      .get(incidentNumber) as { id: string } | undefined;
    return row?.id ?? null;
  }

  async storm(stormId: string): Promise<StormSummary | null> {
    const storm = this.#db.prepare('SELECT * FROM storms WHERE id = ?').get(stormId) as
      | {
          id: string;
          state: StormSummary['state'];
          first_created_utc: string;
          last_created_utc: string;
        }
      | undefined;
    if (storm === undefined) {
      return null;
    }

    const groups = this.#db
      .prepare(
        `SELECT min(i.display_title) AS title, count(*) AS n,
                group_concat(DISTINCT i.severity) AS severities,
                max(i.url) AS url
           FROM storm_members m JOIN incidents i ON i.id = m.incident_id
          WHERE m.storm_id = ?
          GROUP BY lower(trim(i.display_title))
          ORDER BY n DESC, title`,
      )
      .all(stormId) as { title: string; n: number; severities: string; url: string | null }[];
    const severities = this.#db
      .prepare(
        `SELECT i.severity, count(*) AS n
           FROM storm_members m JOIN incidents i ON i.id = m.incident_id
          WHERE m.storm_id = ? GROUP BY i.severity`,
      )
      .all(stormId) as { severity: string; n: number }[];
    return {
      id: storm.id,
      state: storm.state,
      count: groups.reduce((sum, g) => sum + g.n, 0),
      firstCreatedUtc: storm.first_created_utc,
      lastCreatedUtc: storm.last_created_utc,
      severities: Object.fromEntries(severities.map((row) => [row.severity, row.n])),
      groups: groups.map((g) => ({
        title: g.title,
        count: g.n,
        severities: g.severities.split(',').join('/'),
        url: g.url,
      })),
    };
  }

  async closeQuietStorms(now: Date): Promise<string[]> {
    const open = this.#db
      .prepare(
        `SELECT id, window_ms, last_created_utc, last_joined_at FROM storms WHERE state = 'open'`,
      )
      .all() as {
      id: string;
      window_ms: number;
      last_created_utc: string;
      last_joined_at: string;
    }[];
    // Quiet by creation time and by arrival: a backlog delivered late still joins its storm.
    const quietSince = (iso: string, windowMs: number) =>
      now.getTime() - Date.parse(iso) >= windowMs;
    const quiet = open.filter(
      (s) =>
        quietSince(s.last_created_utc, s.window_ms) && quietSince(s.last_joined_at, s.window_ms),
    );
    const close = this.#db.prepare(
      `UPDATE storms SET state = 'closed' WHERE id = ? AND state = 'open'`,
    );
    return quiet.filter((s) => close.run(s.id).changes === 1).map((s) => s.id);
  }

  async stormsToRefresh() {
    return this.#db
      .prepare(
        `SELECT id AS stormId, escalation_id AS escalationId, member_count AS count
           FROM storms WHERE member_count <> carded_count`,
      )
      .all() as { stormId: string; escalationId: string; count: number }[];
  }

  async markStormCarded(stormId: string, count: number): Promise<void> {
    this.#db.prepare('UPDATE storms SET carded_count = ? WHERE id = ?').run(count, stormId);
  }

  async setCalling(escalationId: string, calling: string): Promise<void> {
    this.#db.prepare('UPDATE escalations SET calling = ? WHERE id = ?').run(calling, escalationId);
  }

  async calling(escalationId: string): Promise<string | null> {
    const row = this.#db
      .prepare('SELECT calling FROM escalations WHERE id = ?')
      .get(escalationId) as { calling: string | null } | undefined;
    return row?.calling ?? null;
  }

  async waitingFor(recipient: string, exceptId: string): Promise<number> {
    const row = this.#db
      .prepare(
        `SELECT count(DISTINCT e.id) AS n FROM escalations e
           JOIN escalation_steps s ON s.escalation_id = e.id
          WHERE e.state = 'open' AND e.id <> ? AND s.state = 'skipped' AND s.note = ?`,
      )
      .get(exceptId, `rate-limited:${recipient}`) as { n: number };
    return row.n;
  }

  async countCalls(recipient: string, since: Date): Promise<number> {
    const row = this.#db
      .prepare(
        `SELECT count(*) AS n FROM outbound_messages
          WHERE recipient = ? AND channel = 'voice' AND created_at > ?`,
      )
      .get(recipient, since.toISOString()) as { n: number };
    return row.n;
  }

  async countNotUnderstood(phone: string, day: string): Promise<number> {
    const row = this.#db
      .prepare(
        `INSERT INTO sms_replies (phone, day, count) VALUES (?, ?, 1)
         ON CONFLICT (phone, day) DO UPDATE SET count = count + 1 RETURNING count`,
      )
      .get(phone, day) as { count: number };
    return row.count;
  }

  async rememberInbound(messageId: string, at: Date): Promise<boolean> {
    const result = this.#db
      .prepare(
        'INSERT INTO inbound_messages (id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
      )
      .run(messageId, at.toISOString());
    return result.changes === 1;
  }
}

function toStep(row: StepRow): StepRecord {
  return {
    escalationId: row.escalation_id,
    idx: row.idx,
    kind: row.kind,
    target: row.target,
    dueAt: new Date(row.due_at),
    state: row.state,
  };
}

function toEscalation(row: EscalationRow): EscalationRecord {
  const chain = JSON.parse(row.chain) as { unansweredAfterMs: number };
  const ack =
    row.acknowledged_via === null
      ? null
      : {
          by: row.acknowledged_by ?? 'someone',
          byId: row.acknowledged_by_id,
          via: row.acknowledged_via,
          at: new Date(row.ended_at ?? row.opened_at),
        };
  return {
    id: row.escalation_id,
    incident: toIncident(row),
    displayTitle: row.escalation_title,
    reasons: JSON.parse(row.escalation_reasons) as string[],
    state: row.state,
    openedAt: new Date(row.opened_at),
    endedAt: row.ended_at === null ? null : new Date(row.ended_at),
    ack,
    unansweredAfterMs: chain.unansweredAfterMs,
    stormId: row.storm_id,
  };
}
