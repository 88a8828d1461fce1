import { ROSTER_MIGRATION } from './roster-schema';
import { INTAKE_MIGRATION } from './sqlite-intake';

/**
 * Schema migrations, applied in order inside one transaction each. A migration is never
 * edited once released: add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    severity TEXT NOT NULL,
    status TEXT NOT NULL,
    owner TEXT,
    created_utc TEXT NOT NULL,
    last_modified_utc TEXT NOT NULL,
    url TEXT,
    classification TEXT,
    fingerprint TEXT NOT NULL,
    action TEXT NOT NULL,
    reasons TEXT NOT NULL,
    display_title TEXT NOT NULL,
    first_seen_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE incident_events (
    event_id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    duplicate INTEGER NOT NULL,
    action TEXT NOT NULL,
    reasons TEXT NOT NULL,
    received_at TEXT NOT NULL
  );

  CREATE INDEX incident_events_by_incident ON incident_events(incident_id);

  CREATE TABLE escalations (
    id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL UNIQUE REFERENCES incidents(id),
    state TEXT NOT NULL,
    reasons TEXT NOT NULL,
    display_title TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    paged_at TEXT,
    chain TEXT NOT NULL,
    calling TEXT,
    ended_at TEXT,
    acknowledged_by TEXT,
    acknowledged_by_id TEXT,
    acknowledged_via TEXT,
    storm_id TEXT
  );

  CREATE INDEX escalations_by_state ON escalations(state);

  CREATE TABLE storm_counts (
    incident_id TEXT PRIMARY KEY REFERENCES incidents(id),
    created_utc TEXT NOT NULL
  );

  CREATE INDEX storm_counts_by_time ON storm_counts(created_utc);

  CREATE TABLE storms (
    id TEXT PRIMARY KEY,
    escalation_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    window_ms INTEGER NOT NULL,
    opened_at TEXT NOT NULL,
    first_created_utc TEXT NOT NULL,
    last_created_utc TEXT NOT NULL,
    last_joined_at TEXT NOT NULL,
    member_count INTEGER NOT NULL,
    carded_count INTEGER NOT NULL
  );

  CREATE UNIQUE INDEX storms_one_open ON storms(state) WHERE state = 'open';

  CREATE TABLE storm_members (
    storm_id TEXT NOT NULL REFERENCES storms(id),
    incident_id TEXT NOT NULL UNIQUE REFERENCES incidents(id),
    created_utc TEXT NOT NULL
  );

  CREATE INDEX storm_members_by_storm ON storm_members(storm_id);

  CREATE TABLE digests (
    morning TEXT PRIMARY KEY,
    window_start TEXT NOT NULL,
    window_end TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    posted_at TEXT
  );

  CREATE TABLE escalation_steps (
    escalation_id TEXT NOT NULL REFERENCES escalations(id),
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    target TEXT,
    due_at TEXT NOT NULL,
    state TEXT NOT NULL,
    note TEXT,
    ran_at TEXT,
    PRIMARY KEY (escalation_id, idx)
  );

  CREATE INDEX escalation_steps_due ON escalation_steps(state, due_at);

  CREATE TABLE escalation_timeline (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    escalation_id TEXT NOT NULL REFERENCES escalations(id),
    at TEXT NOT NULL,
    text TEXT NOT NULL
  );

  CREATE INDEX escalation_timeline_by_escalation ON escalation_timeline(escalation_id);

  CREATE TABLE sms_replies (
    phone TEXT NOT NULL,
    day TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (phone, day)
  );

  CREATE TABLE inbound_messages (
    id TEXT PRIMARY KEY,
    received_at TEXT NOT NULL
  );

  CREATE TABLE outbound_messages (
    id TEXT PRIMARY KEY,
    escalation_id TEXT NOT NULL REFERENCES escalations(id),
    channel TEXT NOT NULL,
    purpose TEXT NOT NULL,
    recipient TEXT NOT NULL,
    status TEXT NOT NULL,
    provider_id TEXT,
    error TEXT,
    detail TEXT,
    outcome TEXT,
    dtmf TEXT,
    reported_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (escalation_id, channel, purpose)
  );

  CREATE INDEX outbound_by_recipient ON outbound_messages(recipient, channel, created_at);

  CREATE TABLE conversations (
    name TEXT PRIMARY KEY,
    reference TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  ROSTER_MIGRATION,
  INTAKE_MIGRATION,
];
