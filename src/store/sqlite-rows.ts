import type { Incident } from '../intake/incident';
import type { OutboundRecord, StoredDecision } from './store';

/** An `incidents` row. */
export interface IncidentRow {
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
  classification: string | null;
  fingerprint: string;
  action: StoredDecision['action'];
  reasons: string;
}

/** An `outbound_messages` row. */
export interface OutboundRow {
  id: string;
  escalation_id: string;
  channel: OutboundRecord['channel'];
  purpose: string;
  recipient: string;
  status: OutboundRecord['status'];
  provider_id: string | null;
  error: string | null;
  detail: string | null;
  outcome: string | null;
  dtmf: string | null;
  created_at: string;
}

/** The incident stored in a row. */
export function toIncident(row: IncidentRow): Incident {
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
    classification: row.classification,
  };
}

/** The outbound message stored in a row. */
export function toOutbound(row: OutboundRow): OutboundRecord {
  return {
    id: row.id,
    escalationId: row.escalation_id,
    channel: row.channel,
    purpose: row.purpose,
    recipient: row.recipient,
    status: row.status,
    providerId: row.provider_id,
    error: row.error,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, string>),
    outcome: row.outcome,
    dtmf: row.dtmf,
    createdAt: new Date(row.created_at),
  };
}
