import type { Incident } from '../intake/incident';
import type { ExportRow } from './export-row';

/** What an export tells of one incident: the state it was created in, and how it ended. */
export interface IncidentHistory {
  readonly id: string;
  /** Its earliest row: the state the rules decide on, as the bot would have seen it first. */
  readonly created: Incident;
  /** Its latest row (greatest TimeGenerated): the outcome analysts left. */
  readonly latest: Incident;
  /** The latest row's classification; null while the incident is open. */
  readonly classification: string | null;
  /** When an owner was first set: the LastModifiedTime (UTC ISO) of that row, or null. */
  readonly ownerSince: string | null;
  readonly rows: number;
}

/** The incidents of an export, and those left out because they began before it. */
export interface ExportHistories {
  /** Incidents created inside the export, in creation order (then number, then id). */
  readonly incidents: readonly IncidentHistory[];
  /** Incidents created before the export's first row: their creation state is missing. */
  readonly createdBefore: number;
}

/** Rows are ingested seconds to minutes after the change they record. */
const INGESTION_SLACK_MS = 10 * 60_000;

interface Building {
  earliest: ExportRow;
  latest: ExportRow;
  owner: ExportRow | null;
  rows: number;
}

/**
 * Folds an export's rows into one history per incident, whatever order the rows come in
 * (the portal exports newest first). Keeps three rows per incident, not all of them.
 */
export class HistoryBuilder {
  readonly #byId = new Map<string, Building>();
  #firstRowAt = Number.POSITIVE_INFINITY;

  add(row: ExportRow): void {
    this.#firstRowAt = Math.min(this.#firstRowAt, row.timeGenerated);
    const owned = row.incident.owner !== null;
    const known = this.#byId.get(row.incident.id);
    if (known === undefined) {
      const owner = owned ? row : null;
      this.#byId.set(row.incident.id, { earliest: row, latest: row, owner, rows: 1 });
      return;
    }

    known.rows += 1;
    known.earliest = before(row, known.earliest) ? row : known.earliest;
    known.latest = before(known.latest, row) ? row : known.latest;
    if (owned && (known.owner === null || before(row, known.owner))) {
      known.owner = row;
    }
  }

  /** The histories so far, in creation order. */
  build(): ExportHistories {
    const since = this.#firstRowAt - INGESTION_SLACK_MS;
    const incidents: IncidentHistory[] = [];
    let createdBefore = 0;
    for (const [id, b] of this.#byId) {
      if (Date.parse(b.earliest.incident.createdTimeUtc) < since) {
        createdBefore += 1;
        continue;
      }

      incidents.push(toHistory(id, b));
    }

    return { incidents: incidents.sort(byCreation), createdBefore };
  }
}

function toHistory(id: string, b: Building): IncidentHistory {
  return {
    id,
    created: b.earliest.incident,
    latest: b.latest.incident,
    classification: b.latest.classification,
    ownerSince: b.owner?.incident.lastModifiedTimeUtc ?? null,
    rows: b.rows,
  };
}

/** Row order: ingestion time, then Sentinel's modification time, then place in the file. */
function before(a: ExportRow, b: ExportRow): boolean {
  if (a.timeGenerated !== b.timeGenerated) {
    return a.timeGenerated < b.timeGenerated;
  }

  const [x, y] = [a.incident.lastModifiedTimeUtc, b.incident.lastModifiedTimeUtc];
  return x !== y ? x < y : a.line < b.line;
}

function byCreation(a: IncidentHistory, b: IncidentHistory): number {
  const [x, y] = [a.created.createdTimeUtc, b.created.createdTimeUtc];
  if (x !== y) {
    return x < y ? -1 : 1;
  }

  return a.created.number - b.created.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
