import { z } from 'zod';

import type { Incident } from '../intake/incident';
import { parseSecurityIncidentRow } from '../intake/poller/security-incident-row';
import { normaliseCell } from './export-columns';

/** One row of an export as read from the file: its cells by column name. */
export interface RawRow {
  /** Where the row starts in the file (1-based); for JSON, the line its object opens on. */
  readonly line: number;
  readonly cells: Readonly<Record<string, unknown>>;
}

/** A row that was skipped, and why: reported with its line, never fatal. */
export interface RowProblem {
  readonly line: number;
  readonly problem: string;
}

/** One SecurityIncident row: the incident's state at one moment, and what analysts set. */
export interface ExportRow {
  readonly line: number;
  /** The state as the bot's intakes read it (the poller's row conversion). */
  readonly incident: Incident;
  /** When the row was ingested (UTC ms): orders the rows of one incident. */
  readonly timeGenerated: number;
  /** "TruePositive", "FalsePositive", "BenignPositive", "Undetermined", or null while open. */
  readonly classification: string | null;
}

const CLASSIFICATIONS = ['TruePositive', 'FalsePositive', 'BenignPositive', 'Undetermined'];

const extra = z.object({
  TenantId: z.string().max(200).optional(),
  TimeGenerated: z.union([z.date(), z.string()]).optional(),
  Classification: z.string().max(100).optional(),
});

/**
 * Reads one row through the same conversion as the poller, plus the columns only the
 * backtest needs. A row without TimeGenerated is ordered by its LastModifiedTime.
 */
export function parseExportRow(raw: RawRow): ExportRow | RowProblem {
  const cells = normaliseAll(raw.cells);
  const more = extra.safeParse(cells);
  if (!more.success) {
    const issue = more.error.issues[0];
    return { line: raw.line, problem: `${issue?.path.join('.')}: ${issue?.message}` };
  }

  const workspaceId = more.data.TenantId ?? 'export';
  const parsed = parseSecurityIncidentRow(cells, workspaceId);
  if (!parsed.ok) {
    return { line: raw.line, problem: parsed.problem };
  }

  const { incident } = parsed.event;
  const generated = more.data.TimeGenerated ?? incident.lastModifiedTimeUtc;
  const timeGenerated = new Date(generated).getTime();
  if (Number.isNaN(timeGenerated)) {
    return { line: raw.line, problem: 'TimeGenerated: is not a valid instant' };
  }

  return {
    line: raw.line,
    incident,
    timeGenerated,
    classification: classification(more.data.Classification),
  };
}

/** Whether a parse answered a problem rather than a row. */
export function isProblem(row: ExportRow | RowProblem): row is RowProblem {
  return 'problem' in row;
}

function normaliseAll(cells: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(cells)) {
    out[column] = normaliseCell(column, value);
  }

  return out;
}

/** Sentinel's spelling of a classification, whatever the case it came in. */
function classification(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '') {
    return null;
  }

  return CLASSIFICATIONS.find((c) => c.toLowerCase() === text.toLowerCase()) ?? text;
}
