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
    paged_at TEXT
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
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (escalation_id, channel, purpose)
  );

  CREATE TABLE conversations (
    name TEXT PRIMARY KEY,
    reference TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
];
