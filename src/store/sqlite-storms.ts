import type Database from 'better-sqlite3';

import { insertSteps } from './sqlite-steps';
import type { RecordEventInput, StormOutcome, VolumeInput } from './store';

interface OpenStorm {
  id: string;
  escalation_id: string;
  window_ms: number;
  last_created_utc: string;
}

/**
 * The storm rule's SQL, run inside the transaction that records an incident event. At most
 * one storm is open at a time: a partial unique index enforces it.
 */
export class SqliteStorms {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * Counts a qualifying incident once, then joins it to the open storm or opens a new one
   * when the window goes over the limit. Must run inside the caller's transaction.
   */
  count(input: RecordEventInput, volume: VolumeInput): StormOutcome | null {
    const { incident } = input.event;
    const t = incident.createdTimeUtc;
    const counted = this.#db
      .prepare(
        `INSERT INTO storm_counts (incident_id, created_utc) VALUES (?, ?)
         ON CONFLICT (incident_id) DO NOTHING`,
      )
      .run(incident.id, t);
    if (counted.changes === 0) {
      return null;
    }

    const open = this.#db.prepare(`SELECT * FROM storms WHERE state = 'open'`).get() as
      OpenStorm | undefined;
    if (open && Date.parse(t) - Date.parse(open.last_created_utc) < open.window_ms) {
      return this.#join(open, incident.id, t, input.receivedAt.toISOString());
    }

    if (open) {
      this.#db.prepare(`UPDATE storms SET state = 'closed' WHERE id = ?`).run(open.id);
    }

    return this.#maybeOpen(input, volume, t);
  }

  #join(storm: OpenStorm, incidentId: string, t: string, at: string): StormOutcome {
    this.#db
      .prepare('INSERT INTO storm_members (storm_id, incident_id, created_utc) VALUES (?, ?, ?)')
      .run(storm.id, incidentId, t);
    const { n } = this.#db
      .prepare(
        `UPDATE storms SET last_created_utc = max(last_created_utc, ?),
                           first_created_utc = min(first_created_utc, ?),
                           member_count = member_count + 1, last_joined_at = ?
          WHERE id = ? RETURNING member_count AS n`,
      )
      .get(t, t, at, storm.id) as { n: number };
    return {
      kind: 'joined',
      stormId: storm.id,
      escalationId: storm.escalation_id,
      count: n,
      reason: `joined the open storm (${n} incidents so far): no new page`,
    };
  }

  #maybeOpen(input: RecordEventInput, volume: VolumeInput, t: string): StormOutcome | null {
    const start = new Date(Date.parse(t) - volume.windowMs).toISOString();
    const inWindow = this.#db
      .prepare(
        `SELECT c.incident_id, c.created_utc FROM storm_counts c
          WHERE c.created_utc > ? AND c.created_utc <= ?
            AND NOT EXISTS (SELECT 1 FROM storm_members m WHERE m.incident_id = c.incident_id)
          ORDER BY c.created_utc`,
      )
      .all(start, t) as { incident_id: string; created_utc: string }[];
    const verdict = volume.verdict(inWindow.map((row) => ({ createdTimeUtc: row.created_utc })));
    if (!verdict.opens) {
      return null;
    }

    const plan = input.newEscalation;
    const stormId = volume.newStormId;
    const at = input.receivedAt.toISOString();
    this.#db
      .prepare(
        `INSERT INTO escalations (id, incident_id, state, reasons, display_title, opened_at,
           chain, storm_id)
         VALUES (?, ?, 'open', ?, ?, ?, ?, ?)`,
      )
      .run(
        plan.id,
        input.event.incident.id,
        JSON.stringify([verdict.reason]),
        `Storm: ${inWindow.length} incidents`,
        at,
        JSON.stringify({ steps: plan.chain, unansweredAfterMs: plan.unansweredAfterMs }),
        stormId,
      );
    insertSteps(this.#db, plan.id, plan.steps);
    const first = inWindow[0]?.created_utc ?? t;
    this.#db
      .prepare(
        `INSERT INTO storms (id, escalation_id, state, window_ms, opened_at, first_created_utc,
           last_created_utc, last_joined_at, member_count, carded_count)
         VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(stormId, plan.id, volume.windowMs, at, first, t, at, inWindow.length, inWindow.length);
    const member = this.#db.prepare(
      'INSERT INTO storm_members (storm_id, incident_id, created_utc) VALUES (?, ?, ?)',
    );
    inWindow.forEach((row) => member.run(stormId, row.incident_id, row.created_utc));
    return {
      kind: 'opened',
      stormId,
      escalationId: plan.id,
      count: inWindow.length,
      reason: verdict.reason,
    };
  }
}
