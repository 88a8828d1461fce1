import type Database from 'better-sqlite3';

import type { PhoneNumber } from '../roster/phone-number';
import type { Role } from '../roster/roster-config';
import type {
  EscalationSummary,
  NewOverride,
  OnCallOverride,
  PendingPhone,
  RegisteredPhone,
  RosterStore,
} from './roster-store';

interface OverrideRow {
  id: number;
  role: Role;
  person_id: string;
  person_name: string;
  previous_person_id: string | null;
  previous_name: string | null;
  set_by: string;
  set_by_name: string;
  set_at: string;
  until: string | null;
}

interface PhoneRow {
  person_id: string;
  teams_user_id: string;
  name: string;
  phone: string;
  verified_at: string;
}

interface PendingRow {
  person_id: string;
  teams_user_id: string;
  name: string;
  phone: string;
  code_hash: string;
  attempts: number;
  created_at: string;
  expires_at: string;
}

interface EscalationRow {
  id: string;
  number: number;
  severity: string;
  display_title: string;
  state: string;
  opened_at: string;
  ended_at: string | null;
  acknowledged_by: string | null;
  acknowledged_via: string | null;
}

/** The roster's SQL on a better-sqlite3 database that has {@link ROSTER_MIGRATION} applied. */
export class SqliteRosterStore implements RosterStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  async saveOverride(override: NewOverride): Promise<OnCallOverride> {
    const result = this.#db
      .prepare(
        `INSERT INTO oncall_overrides (role, person_id, person_name, previous_person_id,
           previous_name, set_by, set_by_name, set_at, until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        override.role,
        override.personId,
        override.personName,
        override.previousPersonId,
        override.previousName,
        override.setById,
        override.setByName,
        override.setAt.toISOString(),
        override.until?.toISOString() ?? null,
      );
    return { ...override, id: Number(result.lastInsertRowid) };
  }

  async latestOverride(role: Role, at: Date): Promise<OnCallOverride | null> {
    const row = this.#db
      .prepare(
        `SELECT * FROM oncall_overrides WHERE role = ? AND set_at <= ?
          ORDER BY set_at DESC, id DESC LIMIT 1`,
      )
      .get(role, at.toISOString()) as OverrideRow | undefined;
    return row === undefined ? null : toOverride(row);
  }

  async recentOverrides(limit: number): Promise<OnCallOverride[]> {
    const rows = this.#db
      .prepare('SELECT * FROM oncall_overrides ORDER BY set_at DESC, id DESC LIMIT ?')
      .all(limit) as OverrideRow[];
    return rows.map(toOverride);
  }

  async recentEscalations(limit: number): Promise<EscalationSummary[]> {
    const rows = this.#db
      .prepare(
        `SELECT e.id, i.number, i.severity, e.display_title, e.state, e.opened_at, e.ended_at,
                e.acknowledged_by, e.acknowledged_via
           FROM escalations e JOIN incidents i ON i.id = e.incident_id
          ORDER BY e.opened_at DESC LIMIT ?`,
      )
      .all(limit) as EscalationRow[];
    return rows.map((row) => ({
      id: row.id,
      incidentNumber: row.number,
      severity: row.severity,
      displayTitle: row.display_title,
      state: row.state,
      openedAt: new Date(row.opened_at),
      endedAt: row.ended_at === null ? null : new Date(row.ended_at),
      acknowledgedBy: row.acknowledged_by,
      acknowledgedVia: row.acknowledged_via,
    }));
  }

  async registeredPhone(personId: string): Promise<RegisteredPhone | null> {
    const row = this.#db.prepare('SELECT * FROM roster_phones WHERE person_id = ?').get(personId);
    return row === undefined ? null : toRegistered(row as PhoneRow);
  }

  async registeredPhoneOfTeamsUser(teamsUserId: string): Promise<RegisteredPhone | null> {
    const row = this.#db
      .prepare('SELECT * FROM roster_phones WHERE teams_user_id = ?')
      .get(teamsUserId);
    return row === undefined ? null : toRegistered(row as PhoneRow);
  }

  async registeredPhonesByNumber(phone: PhoneNumber): Promise<RegisteredPhone[]> {
    const rows = this.#db
      .prepare('SELECT * FROM roster_phones WHERE phone = ? ORDER BY verified_at')
      .all(phone) as PhoneRow[];
    return rows.map(toRegistered);
  }

  async savePendingPhone(pending: PendingPhone): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO phone_verifications (person_id, teams_user_id, name, phone, code_hash,
           attempts, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET
           teams_user_id = excluded.teams_user_id, name = excluded.name,
           phone = excluded.phone, code_hash = excluded.code_hash,
           attempts = excluded.attempts, created_at = excluded.created_at,
           expires_at = excluded.expires_at`,
      )
      .run(
        pending.personId,
        pending.teamsUserId,
        pending.name,
        pending.phone,
        pending.codeHash,
        pending.attempts,
        pending.createdAt.toISOString(),
        pending.expiresAt.toISOString(),
      );
  }

  async pendingPhone(personId: string): Promise<PendingPhone | null> {
    const row = this.#db
      .prepare('SELECT * FROM phone_verifications WHERE person_id = ?')
      .get(personId) as PendingRow | undefined;
    return row === undefined ? null : toPending(row);
  }

  async countPhoneAttempt(
    personId: string,
    codeHash: string,
    maxAttempts: number,
  ): Promise<number | null> {
    const row = this.#db
      .prepare(
        `UPDATE phone_verifications SET attempts = attempts + 1
          WHERE person_id = ? AND code_hash = ? AND attempts < ?
          RETURNING attempts`,
      )
      .get(personId, codeHash, maxAttempts) as { attempts: number } | undefined;
    return row?.attempts ?? null;
  }

  async confirmPhone(
    personId: string,
    codeHash: string,
    at: Date,
  ): Promise<RegisteredPhone | null> {
    return this.#db.transaction(() => this.#confirmTx(personId, codeHash, at)).immediate();
  }

  #confirmTx(personId: string, codeHash: string, at: Date): RegisteredPhone | null {
    const pending = this.#db
      .prepare('DELETE FROM phone_verifications WHERE person_id = ? AND code_hash = ? RETURNING *')
      .get(personId, codeHash) as PendingRow | undefined;
    if (pending === undefined) {
      return null;
    }

    const previous = this.#db
      .prepare('SELECT phone FROM roster_phones WHERE person_id = ?')
      .get(personId) as { phone: string } | undefined;
    const verifiedAt = at.toISOString();
    // A Teams account belongs to one person: drop a row of another person with the same id.
    this.#db
      .prepare('DELETE FROM roster_phones WHERE teams_user_id = ? AND person_id <> ?')
      .run(pending.teams_user_id, personId);
    this.#db
      .prepare(
        `INSERT INTO roster_phones (person_id, teams_user_id, name, phone, verified_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (person_id) DO UPDATE SET
           teams_user_id = excluded.teams_user_id, name = excluded.name,
           phone = excluded.phone, verified_at = excluded.verified_at`,
      )
      .run(personId, pending.teams_user_id, pending.name, pending.phone, verifiedAt);
    this.#db
      .prepare(
        `INSERT INTO roster_phone_changes (person_id, teams_user_id, phone, previous_phone,
           changed_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(personId, pending.teams_user_id, pending.phone, previous?.phone ?? null, verifiedAt);

    return toRegistered({ ...pending, verified_at: verifiedAt });
  }
}

function toOverride(row: OverrideRow): OnCallOverride {
  return {
    id: row.id,
    role: row.role,
    personId: row.person_id,
    personName: row.person_name,
    previousPersonId: row.previous_person_id,
    previousName: row.previous_name,
    setById: row.set_by,
    setByName: row.set_by_name,
    setAt: new Date(row.set_at),
    until: row.until === null ? null : new Date(row.until),
  };
}

function toRegistered(row: PhoneRow): RegisteredPhone {
  return {
    personId: row.person_id,
    teamsUserId: row.teams_user_id,
    name: row.name,
    phone: row.phone as PhoneNumber,
    verifiedAt: new Date(row.verified_at),
  };
}

function toPending(row: PendingRow): PendingPhone {
  return {
    personId: row.person_id,
    teamsUserId: row.teams_user_id,
    name: row.name,
    phone: row.phone as PhoneNumber,
    codeHash: row.code_hash,
    attempts: row.attempts,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}
