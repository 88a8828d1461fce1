import { mkdirSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { Incident } from '../intake/incident';
import { MIGRATIONS } from './sqlite-schema';
import type {
  EscalationToPage,
  OutboundClaim,
  OutboundRecord,
  OutboundResult,
  RecordEventInput,
  RecordEventResult,
  Store,
  StoredDecision,
} from './store';

interface IncidentRow {
  id: string;
  workspace_id: string;
  number: number;
  title: string;
  description: string;
  severity: Incident['severity'];
  status: Incident['status'];
  owner: string | null;
  created_utc: string;
  last_modified_utc: string;
  url: string | null;
  fingerprint: string;
  action: StoredDecision['action'];
  reasons: string;
}

interface OutboundRow {
  id: string;
  escalation_id: string;
  channel: OutboundRecord['channel'];
  purpose: string;
  recipient: string;
  status: OutboundRecord['status'];
  provider_id: string | null;
  error: string | null;
  detail: string | null;
  created_at: string;
}

/** The embedded store: one SQLite file in WAL mode, through better-sqlite3. */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  readonly #record: Database.Transaction<(input: RecordEventInput) => RecordEventResult>;

  constructor(file: string) {
    if (file !== ':memory:') {
      mkdirSync(path.dirname(file), { recursive: true });
    }

    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('foreign_keys = ON');
    this.#migrate();
    this.#record = this.#db.transaction((input: RecordEventInput) => this.#recordTx(input));
  }

  async recordIncidentEvent(input: RecordEventInput): Promise<RecordEventResult> {
    return this.#record.immediate(input);
  }

  async escalationsToPage(): Promise<EscalationToPage[]> {
    const rows = this.#db
      .prepare(
        `SELECT e.id AS escalation_id, e.opened_at, e.reasons AS escalation_reasons,
                e.display_title, i.*
           FROM escalations e JOIN incidents i ON i.id = e.incident_id
          WHERE e.state = 'open' AND e.paged_at IS NULL
          ORDER BY e.opened_at`,
      )
      .all() as (IncidentRow & {
      escalation_id: string;
      opened_at: string;
      escalation_reasons: string;
      display_title: string;
    })[];

    return rows.map((row) => ({
      id: row.escalation_id,
      openedAt: row.opened_at,
      reasons: JSON.parse(row.escalation_reasons) as string[],
      displayTitle: row.display_title,
      incident: toIncident(row),
    }));
  }

  async markPaged(escalationId: string, at: Date): Promise<void> {
    this.#db
      .prepare('UPDATE escalations SET paged_at = ? WHERE id = ? AND paged_at IS NULL')
      .run(at.toISOString(), escalationId);
  }

  async claimOutbound(claim: OutboundClaim): Promise<boolean> {
    const at = claim.createdAt.toISOString();
    const result = this.#db
      .prepare(
        `INSERT INTO outbound_messages
           (id, escalation_id, channel, purpose, recipient, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'sending', ?, ?)
         ON CONFLICT (escalation_id, channel, purpose) DO NOTHING`,
      )
      .run(claim.id, claim.escalationId, claim.channel, claim.purpose, claim.recipient, at, at);
    return result.changes === 1;
  }

  async completeOutbound(id: string, result: OutboundResult): Promise<void> {
    this.#db
      .prepare(
        `UPDATE outbound_messages
            SET status = ?, provider_id = ?, error = ?, detail = ?, updated_at = ?
          WHERE id = ?`,
      )
      .run(
        result.status,
        result.providerId,
        result.error,
        result.detail === null ? null : JSON.stringify(result.detail),
        result.updatedAt.toISOString(),
        id,
      );
  }

  async outboundFor(escalationId: string): Promise<OutboundRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM outbound_messages WHERE escalation_id = ? ORDER BY created_at')
      .all(escalationId) as OutboundRow[];
    return rows.map((row) => ({
      id: row.id,
      escalationId: row.escalation_id,
      channel: row.channel,
      purpose: row.purpose,
      recipient: row.recipient,
      status: row.status,
      providerId: row.provider_id,
      error: row.error,
      detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, string>),
      createdAt: new Date(row.created_at),
    }));
  }

  async saveConversation(name: string, reference: unknown, at: Date): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO conversations (name, reference, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET reference = excluded.reference,
                                          updated_at = excluded.updated_at`,
      )
      .run(name, JSON.stringify(reference), at.toISOString());
  }

  async conversation(name: string): Promise<unknown> {
    const row = this.#db.prepare('SELECT reference FROM conversations WHERE name = ?').get(name) as
      { reference: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.reference) as unknown);
  }

  async ping(): Promise<void> {
    this.#db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  #recordTx(input: RecordEventInput): RecordEventResult {
    const { event, fingerprint, receivedAt } = input;
    const seen = this.#db
      .prepare('SELECT action, reasons FROM incident_events WHERE event_id = ?')
      .get(event.eventId) as { action: StoredDecision['action']; reasons: string } | undefined;
    if (seen) {
      return { kind: 'duplicate', decision: toDecision(seen) };
    }

    const current = this.#db
      .prepare('SELECT * FROM incidents WHERE id = ?')
      .get(event.incident.id) as IncidentRow | undefined;
    if (current && current.fingerprint === fingerprint) {
      const stored = toDecision(current);
      this.#insertEvent(input, true, stored);
      return { kind: 'duplicate', decision: stored };
    }

    const decision = { action: input.decision.action, reasons: input.decision.reasons };
    this.#upsertIncident(input);
    this.#insertEvent(input, false, decision);
    if (decision.action !== 'escalate') {
      return { kind: 'recorded', decision, openedEscalationId: null, existingEscalation: null };
    }

    const opened = this.#db
      .prepare(
        `INSERT INTO escalations (id, incident_id, state, reasons, display_title, opened_at)
         VALUES (?, ?, 'open', ?, ?, ?)
         ON CONFLICT (incident_id) DO NOTHING`,
      )
      .run(
        input.newEscalationId,
        event.incident.id,
        JSON.stringify(decision.reasons),
        input.decision.displayTitle,
        receivedAt.toISOString(),
      );
    if (opened.changes === 1) {
      return {
        kind: 'recorded',
        decision,
        openedEscalationId: input.newEscalationId,
        existingEscalation: null,
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
    };
  }

  #upsertIncident(input: RecordEventInput): void {
    const i = input.event.incident;
    const at = input.receivedAt.toISOString();
    this.#db
      .prepare(
        `INSERT INTO incidents (id, workspace_id, number, title, description, severity, status,
           owner, created_utc, last_modified_utc, url, fingerprint, action, reasons,
           display_title, first_seen_at, updated_at)
         VALUES (@id, @workspaceId, @number, @title, @description, @severity, @status, @owner,
           @createdTimeUtc, @lastModifiedTimeUtc, @url, @fingerprint, @action, @reasons,
           @displayTitle, @at, @at)
         ON CONFLICT (id) DO UPDATE SET
           title = excluded.title, description = excluded.description,
           severity = excluded.severity, status = excluded.status, owner = excluded.owner,
           last_modified_utc = excluded.last_modified_utc, url = excluded.url,
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

  #migrate(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.slice(version).forEach((sql, index) => {
      this.#db.transaction(() => {
        this.#db.exec(sql);
        this.#db.pragma(`user_version = ${version + index + 1}`);
      })();
    });
  }
}

function toDecision(row: { action: StoredDecision['action']; reasons: string }): StoredDecision {
  return { action: row.action, reasons: JSON.parse(row.reasons) as string[] };
}

function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    number: row.number,
    title: row.title,
    description: row.description,
    severity: row.severity,
    status: row.status,
    owner: row.owner,
    createdTimeUtc: row.created_utc,
    lastModifiedTimeUtc: row.last_modified_utc,
    url: row.url,
  };
}
