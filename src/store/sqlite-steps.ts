import type Database from 'better-sqlite3';

import type { PlannedStep } from '../escalation/chain';

/** Inserts the durable steps of a new escalation; runs inside the caller's transaction. */
export function insertSteps(
  db: Database.Database,
  escalationId: string,
  steps: readonly PlannedStep[],
): void {
  const insert = db.prepare(
    `INSERT INTO escalation_steps (escalation_id, idx, kind, target, due_at, state)
     VALUES (?, ?, ?, ?, ?, 'pending')`,
  );
  for (const step of steps) {
    insert.run(escalationId, step.idx, step.kind, step.target, step.dueAt.toISOString());
  }
}
