import { mkdirSync } from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { PhoneNumber } from '../roster/phone-number';
import type { Role } from '../roster/roster-config';
import type { EngineStore } from './engine-store';
import type { DigestStore } from './digest-store';
import { SqliteDigestQueries } from './sqlite-digest';
import { SqliteEngineQueries } from './sqlite-engine';
import { SqliteIncidentRecorder } from './sqlite-incident-recorder';
import { toIncident, toOutbound, type IncidentRow, type OutboundRow } from './sqlite-rows';
import type {
  EscalationSummary,
  NewOverride,
  OnCallOverride,
  PendingPhone,
  RegisteredPhone,
} from './roster-store';
import { SqliteRosterStore } from './sqlite-roster';
import type {
  BlindNoticeClaim,
  BlindNoticeKind,
  BlindNoticeResult,
  BlindPeriod,
  IntakeError,
  IntakeHealthRecord,
  IntakeName,
  KnownIncident,
  PolledRowKey,
} from './intake-store';
import { SqliteIntakeQueries } from './sqlite-intake';
import { memoizePrepare } from './prepared-statements';
import { MIGRATIONS } from './sqlite-schema';
import type {
  EscalationToPage,
  OutboundClaim,
  OutboundRecord,
  OutboundResult,
  RecordEventInput,
  RecordEventResult,
  Store,
} from './store';

/** The embedded store: one SQLite file in WAL mode, through better-sqlite3. */
export class SqliteStore implements Store {
  readonly #db: Database.Database;
  /** The escalation engine's queries, on the same connection. */
  readonly engine: EngineStore;
  /** The morning digest's queries, on the same connection. */
  readonly digests: DigestStore;
  readonly #recorder: SqliteIncidentRecorder;

  constructor(file: string) {
    if (file !== ':memory:') {
      mkdirSync(path.dirname(file), { recursive: true });
    }

    this.#db = memoizePrepare(new Database(file));
    this.#db.pragma('journal_mode = WAL');
    // NORMAL survives a crash of the process; the intake raises it to FULL for its commits.
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.pragma('foreign_keys = ON');
    this.#migrate();
    this.engine = new SqliteEngineQueries(this.#db);
    this.digests = new SqliteDigestQueries(this.#db);
    this.#recorder = new SqliteIncidentRecorder(this.#db);
  }

  async recordIncidentEvent(input: RecordEventInput): Promise<RecordEventResult> {
    return this.#recorder.record(input);
  }

  async escalationsToPage(): Promise<EscalationToPage[]> {
    const rows = this.#db
      .prepare(
        `SELECT e.id AS escalation_id, e.opened_at, e.reasons AS escalation_reasons,
                e.display_title, i.*
           FROM escalations e JOIN incidents i ON i.id = e.incident_id
          WHERE e.paged_at IS NULL
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
    return rows.map(toOutbound);
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

  #migrate(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.slice(version).forEach((sql, index) => {
      this.#db.transaction(() => {
        this.#db.exec(sql);
        this.#db.pragma(`user_version = ${version + index + 1}`);
      })();
    });
  }

  // The roster's queries (sqlite-roster.ts), on the same connection, made when first used.
  #rosterQueries: SqliteRosterStore | null = null;

  get #roster(): SqliteRosterStore {
    this.#rosterQueries ??= new SqliteRosterStore(this.#db);
    return this.#rosterQueries;
  }

  async saveOverride(override: NewOverride): Promise<OnCallOverride> {
    return this.#roster.saveOverride(override);
  }

  async latestOverride(role: Role, at: Date): Promise<OnCallOverride | null> {
    return this.#roster.latestOverride(role, at);
  }

  async recentOverrides(limit: number): Promise<OnCallOverride[]> {
    return this.#roster.recentOverrides(limit);
  }

  async recentEscalations(limit: number): Promise<EscalationSummary[]> {
    return this.#roster.recentEscalations(limit);
  }

  async registeredPhone(personId: string): Promise<RegisteredPhone | null> {
    return this.#roster.registeredPhone(personId);
  }

  async registeredPhoneOfTeamsUser(teamsUserId: string): Promise<RegisteredPhone | null> {
    return this.#roster.registeredPhoneOfTeamsUser(teamsUserId);
  }

  async registeredPhonesByNumber(phone: PhoneNumber): Promise<RegisteredPhone[]> {
    return this.#roster.registeredPhonesByNumber(phone);
  }

  async savePendingPhone(pending: PendingPhone): Promise<void> {
    return this.#roster.savePendingPhone(pending);
  }

  async pendingPhone(personId: string): Promise<PendingPhone | null> {
    return this.#roster.pendingPhone(personId);
  }

  async countPhoneAttempt(
    personId: string,
    codeHash: string,
    maxAttempts: number,
  ): Promise<number | null> {
    return this.#roster.countPhoneAttempt(personId, codeHash, maxAttempts);
  }

  async confirmPhone(
    personId: string,
    codeHash: string,
    at: Date,
  ): Promise<RegisteredPhone | null> {
    return this.#roster.confirmPhone(personId, codeHash, at);
  }

  // The intakes' queries (sqlite-intake.ts), on the same connection, made when first used.
  #intakeQueries: SqliteIntakeQueries | null = null;

  get #intake(): SqliteIntakeQueries {
    this.#intakeQueries ??= new SqliteIntakeQueries(this.#db);
    return this.#intakeQueries;
  }

  async pollWatermark(workspaceId: string): Promise<Date | null> {
    return this.#intake.pollWatermark(workspaceId);
  }

  async advancePollWatermark(workspaceId: string, to: Date, at: Date): Promise<void> {
    return this.#intake.advancePollWatermark(workspaceId, to, at);
  }

  async knownIncidents(rows: readonly PolledRowKey[]): Promise<Map<string, KnownIncident>> {
    return this.#intake.knownIncidents(rows);
  }

  async recordIntakeSuccess(intake: IntakeName, at: Date): Promise<void> {
    return this.#intake.recordIntakeSuccess(intake, at);
  }

  async recordIntakeFailure(intake: IntakeName, error: IntakeError): Promise<void> {
    return this.#intake.recordIntakeFailure(intake, error);
  }

  async intakeHealth(): Promise<IntakeHealthRecord[]> {
    return this.#intake.intakeHealth();
  }

  async incidentsReceivedSince(since: Date): Promise<Partial<Record<IntakeName, number>>> {
    return this.#intake.incidentsReceivedSince(since);
  }

  async lastIncidentArrival(): Promise<Date | null> {
    return this.#intake.lastIncidentArrival();
  }

  async watchingSince(at: Date): Promise<Date> {
    return this.#intake.watchingSince(at);
  }

  async openBlindPeriod(candidate: Omit<BlindPeriod, 'recoveredAt'>): Promise<BlindPeriod> {
    return this.#intake.openBlindPeriod(candidate);
  }

  async closeBlindPeriod(at: Date): Promise<BlindPeriod | null> {
    return this.#intake.closeBlindPeriod(at);
  }

  async openPeriod(): Promise<BlindPeriod | null> {
    return this.#intake.openPeriod();
  }

  async blindNoticesDue(): Promise<{ period: BlindPeriod; kind: BlindNoticeKind }[]> {
    return this.#intake.blindNoticesDue();
  }

  async claimBlindNotice(claim: BlindNoticeClaim): Promise<boolean> {
    return this.#intake.claimBlindNotice(claim);
  }

  async completeBlindNotice(
    claim: Pick<BlindNoticeClaim, 'periodId' | 'kind' | 'channel'>,
    result: BlindNoticeResult,
  ): Promise<void> {
    return this.#intake.completeBlindNotice(claim, result);
  }
}
