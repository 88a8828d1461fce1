import type Database from 'better-sqlite3';

import type { IncidentRow } from './sqlite-rows';
import { GroupCommit } from './group-commit';
import { insertSteps } from './sqlite-steps';
import { SqliteStorms } from './sqlite-storms';
import type { RecordEventInput, RecordEventResult, StoredDecision } from './store';

/**
 * Records one incident event in one transaction: the event, the incident's state, its
 * decision, an escalation at most once per incident (a unique constraint) and the storm rule.
 */
export class SqliteIncidentRecorder {
  readonly #db: Database.Database;
  readonly #storms: SqliteStorms;
  readonly #record: Database.Transaction<(input: RecordEventInput) => RecordEventResult>;
  readonly #recordAll: Database.Transaction<
    (inputs: readonly RecordEventInput[]) => RecordEventResult[]
  >;
  readonly #group: GroupCommit<RecordEventInput, RecordEventResult>;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#storms = new SqliteStorms(db);
    this.#record = db.transaction((input: RecordEventInput) => this.#recordTx(input));
    this.#recordAll = db.transaction((inputs: readonly RecordEventInput[]) =>
      inputs.map((input) => this.#recordTx(input)),
    );
    this.#group = new GroupCommit(
      (inputs) => this.#durably(() => this.#recordAll.immediate(inputs)),
      (input) => this.#durably(() => this.#record.immediate(input)),
    );
  }

  /**
   * Records an event in an immediate transaction shared with the events that arrived in the
   * same turn of the event loop; answers once that transaction has committed.
   */
  record(input: RecordEventInput): Promise<RecordEventResult> {
    return this.#group.run(input);
  }

  /**
   * An accepted incident must survive a power cut, not only a crash: its commit syncs the
   * disk (FULL). Other writes stay at NORMAL. better-sqlite3 is synchronous, so nothing else
   * commits in between.
   */
  #durably<T>(commit: () => T): T {
    this.#db.pragma('synchronous = FULL');
    try {
      return commit();
    } finally {
      this.#db.pragma('synchronous = NORMAL');
    }
  }

  #recordTx(input: RecordEventInput): RecordEventResult {
    const { event, fingerprint, receivedAt } = input;
    const seen = this.#db
      .prepare('SELECT incident_id, action, reasons FROM incident_events WHERE event_id = ?')
      .get(event.eventId) as
      { incident_id: string; action: StoredDecision['action']; reasons: string } | undefined;
    if (seen && seen.incident_id !== event.incident.id) {
      return { kind: 'conflict', incidentId: seen.incident_id };
    }

    if (seen) {
      return { kind: 'duplicate', decision: toDecision(seen) };
    }

    const current = this.#db
      .prepare('SELECT * FROM incidents WHERE id = ?')
      .get(event.incident.id) as IncidentRow | undefined;
    // Same state, or an older one delivered late: nothing new to decide on.
    const stale = current && event.incident.lastModifiedTimeUtc < current.last_modified_utc;
    if (current && (current.fingerprint === fingerprint || stale)) {
      const stored = toDecision(current);
      this.#insertEvent(input, true, stored);
      return { kind: 'duplicate', decision: stored };
    }

    const decision = { action: input.decision.action, reasons: input.decision.reasons };
    this.#upsertIncident(input);
    this.#insertEvent(input, false, decision);
    if (decision.action !== 'escalate') {
      const storm = input.volume === null ? null : this.#storms.count(input, input.volume);
      const openedEscalationId = storm?.kind === 'opened' ? storm.escalationId : null;
      return { kind: 'recorded', decision, openedEscalationId, existingEscalation: null, storm };
    }

    const plan = input.newEscalation;
    const opened = this.#db
      .prepare(
        `INSERT INTO escalations (id, incident_id, state, reasons, display_title, opened_at, chain)
         VALUES (?, ?, 'open', ?, ?, ?, ?)
         ON CONFLICT (incident_id) DO NOTHING`,
      )
      .run(
        plan.id,
        event.incident.id,
        JSON.stringify(decision.reasons),
        input.decision.displayTitle,
        receivedAt.toISOString(),
        JSON.stringify({ steps: plan.chain, unansweredAfterMs: plan.unansweredAfterMs }),
      );
    if (opened.changes === 1) {
      insertSteps(this.#db, plan.id, plan.steps);
      return {
        kind: 'recorded',
        decision,
        openedEscalationId: plan.id,
        existingEscalation: null,
        storm: null,
      };
    }

    const existing = this.#db
      .prepare('SELECT id, opened_at FROM escalations WHERE incident_id = ?')
      .get(event.incident.id) as { id: string; opened_at: string };
    return {
      kind: 'recorded',
      decision,
      openedEscalationId: null,
      existingEscalation: { id: existing.id, openedAt: existing.opened_at },
      storm: null,
    };
  }

  #upsertIncident(input: RecordEventInput): void {
    const i = input.event.incident;
    const at = input.receivedAt.toISOString();
    this.#db
      .prepare(
        `INSERT INTO incidents (id, workspace_id, number, title, description, severity, status,
           owner, created_utc, last_modified_utc, url, classification, fingerprint, action, reasons,
           display_title, first_seen_at, updated_at)
         VALUES (@id, @workspaceId, @number, @title, @description, @severity, @status, @owner,
           @createdTimeUtc, @lastModifiedTimeUtc, @url, @classification, @fingerprint, @action,
           @reasons,
           @displayTitle, @at, @at)
         ON CONFLICT (id) DO UPDATE SET
           title = excluded.title, description = excluded.description,
           severity = excluded.severity, status = excluded.status, owner = excluded.owner,
           last_modified_utc = excluded.last_modified_utc, url = excluded.url,
           classification = excluded.classification,
           fingerprint = excluded.fingerprint, action = excluded.action,
           reasons = excluded.reasons, display_title = excluded.display_title,
           updated_at = excluded.updated_at`,
      )
      .run({
        ...i,
        fingerprint: input.fingerprint,
        action: input.decision.action,
        reasons: JSON.stringify(input.decision.reasons),
        displayTitle: input.decision.displayTitle,
        at,
      });
  }

  #insertEvent(input: RecordEventInput, duplicate: boolean, decision: StoredDecision): void {
    const { event } = input;
    this.#db
      .prepare(
        `INSERT INTO incident_events (event_id, incident_id, kind, source, fingerprint,
           duplicate, action, reasons, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        event.eventId,
        event.incident.id,
        event.kind,
        event.source,
        input.fingerprint,
        duplicate ? 1 : 0,
        decision.action,
        JSON.stringify(decision.reasons),
        input.receivedAt.toISOString(),
      );
  }
}

function toDecision(row: { action: StoredDecision['action']; reasons: string }): StoredDecision {
  return { action: row.action, reasons: JSON.parse(row.reasons) as string[] };
}
