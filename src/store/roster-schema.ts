/**
 * The roster's tables: chat overrides of on-call roles, numbers people registered through
 * chat, and the codes that confirm them. The config file stays the source of policy; these
 * rows are the changes made in Teams, each with who made it, when, and the value before.
 */
export const ROSTER_MIGRATION = `
  CREATE TABLE oncall_overrides (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    role TEXT NOT NULL,
    person_id TEXT NOT NULL,
    person_name TEXT NOT NULL,
    previous_person_id TEXT,
    previous_name TEXT,
    set_by TEXT NOT NULL,
    set_by_name TEXT NOT NULL,
    set_at TEXT NOT NULL,
    until TEXT
  );

  CREATE INDEX oncall_overrides_by_role ON oncall_overrides(role, set_at);

  CREATE TABLE roster_phones (
    person_id TEXT PRIMARY KEY,
    teams_user_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    verified_at TEXT NOT NULL
  );

  CREATE TABLE roster_phone_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id TEXT NOT NULL,
    teams_user_id TEXT NOT NULL,
    phone TEXT NOT NULL,
    previous_phone TEXT,
    changed_at TEXT NOT NULL
  );

  CREATE TABLE phone_verifications (
    person_id TEXT PRIMARY KEY,
    teams_user_id TEXT NOT NULL,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
`;
