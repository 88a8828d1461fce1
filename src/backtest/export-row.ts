import type { Incident } from '../intake/incident';
import { parseSecurityIncidentRow } from '../intake/poller/security-incident-row';
import { normaliseCell, USED_COLUMNS } from './export-columns';

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

/** Receives each row of an export, or the problem that made it unreadable, in file order. */
export type RowSink = (item: RawRow | RowProblem) => void;

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

/**
 * Reads one row through the same conversion as the poller, plus the columns only the
 * backtest needs. A row without TimeGenerated is ordered by its LastModifiedTime.
 */
export function parseExportRow(raw: RawRow): ExportRow | RowProblem {
  const cells = normaliseAll(raw.cells);
  const extra = extraProblem(cells);
  if (extra !== null) {
    return { line: raw.line, problem: extra };
  }

  const tenant = cells.TenantId as string | undefined;
  const parsed = parseSecurityIncidentRow(cells, tenant ?? 'export');
  if (!parsed.ok) {
    const problem = parsed.problem.replace(
      /: Invalid input: .*received undefined$/,
      ': is missing',
    );
    return { line: raw.line, problem };
  }

  const { incident } = parsed.event;
  const generated =
    (cells.TimeGenerated as string | Date | undefined) ?? incident.lastModifiedTimeUtc;
  const timeGenerated = new Date(generated).getTime();
  if (Number.isNaN(timeGenerated)) {
    return { line: raw.line, problem: 'TimeGenerated: is not a valid instant' };
  }

  const label = cells.Classification as string | undefined;
  return { line: raw.line, incident, timeGenerated, classification: classification(label) };
}

/** Whether a parse answered a problem rather than a row. */
export function isProblem(row: ExportRow | RowProblem): row is RowProblem {
  return 'problem' in row;
}

/** The columns the poller's conversion does not read, checked by hand: it runs per row. */
function extraProblem(cells: Readonly<Record<string, unknown>>): string | null {
  const { TenantId, TimeGenerated, Classification } = cells;
  if (TenantId !== undefined && (typeof TenantId !== 'string' || TenantId.length > 200)) {
    return 'TenantId: must be text of at most 200 characters';
  }

  if (TimeGenerated !== undefined && typeof TimeGenerated !== 'string') {
    return TimeGenerated instanceof Date ? null : 'TimeGenerated: is not a valid instant';
  }

  const badLabel = typeof Classification !== 'string' || Classification.length > 100;
  return Classification !== undefined && badLabel
    ? 'Classification: must be text of at most 100 characters'
    : null;
}

function normaliseAll(cells: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of USED_COLUMNS) {
    const value = normaliseCell(column, cells[column]);
    if (value !== undefined) {
      out[column] = value;
    }
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
