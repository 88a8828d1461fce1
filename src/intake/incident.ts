/** Sentinel incident severities, in Sentinel's spelling. */
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Sentinel incident statuses. */
export const STATUSES = ['New', 'Active', 'Closed'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

/**
 * One Sentinel incident at one moment, whatever intake brought it. Text fields are the
 * attacker-influenced originals: every view makes them safe itself.
 */
export interface Incident {
  /** Sentinel's incident name (a guid), the same on every event and table row. */
  readonly id: string;
  readonly workspaceId: string;
  readonly number: number;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly status: IncidentStatus;
  /** Who owns it in Sentinel, when someone does. */
  readonly owner: string | null;
  /** Creation instant, UTC ISO 8601. Every hour rule reads this, never the event time. */
  readonly createdTimeUtc: string;
  readonly lastModifiedTimeUtc: string;
  readonly url: string | null;
  /** How analysts closed it ("TruePositive", "FalsePositive", ...); null while open. */
  readonly classification: string | null;
}

/** One delivery of an incident's state: the idempotency key and what it carried. */
export interface IncidentEvent {
  /** Unique per trigger event; a redelivery carries the same id. */
  readonly eventId: string;
  readonly kind: 'Create' | 'Update';
  /** Which intake brought it: the Logic App webhook, or polling the SecurityIncident table. */
  readonly source: 'webhook' | 'poll';
  readonly incident: Incident;
}
