import type { Incident } from '../intake/incident';
import type { ExportRow } from './export-row';

/** How an incident ended up: the parts of its latest row the reports show. */
export interface IncidentOutcome {
  readonly number: number;
  readonly status: Incident['status'];
  readonly owner: string | null;
  readonly url: string | null;
  /** "TruePositive", "FalsePositive", "BenignPositive", "Undetermined"; null while open. */
  readonly classification: string | null;
}

/** What an export tells of one incident: the state it was created in, and how it ended. */
export interface IncidentHistory {
  readonly id: string;
  /** Its earliest row: the state the rules decide on, as the bot would have seen it first. */
  readonly created: Incident;
  /** Its latest row (greatest TimeGenerated): the outcome analysts left. */
  readonly latest: IncidentOutcome;
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

/** Where a row stands among its incident's rows. */
interface RowKey {
  readonly timeGenerated: number;
  readonly modified: string;
  readonly line: number;
}

interface Building {
  earliest: Incident;
  earliestKey: RowKey;
  latestKey: RowKey;
  latest: IncidentOutcome;
  ownerKey: RowKey | null;
  rows: number;
}

/**
 * Folds an export's rows into one history per incident, whatever order the rows come in
 * (the portal exports newest first). Keeps the creation row and a few fields of two others.
 */
export class HistoryBuilder {
  readonly #byId = new Map<string, Building>();
  #firstRowAt = Number.POSITIVE_INFINITY;

  /** Takes one row, in any order. */
  add(row: ExportRow): void {
    this.#firstRowAt = Math.min(this.#firstRowAt, row.timeGenerated);
    const key = keyOf(row);
    const owned = row.incident.owner !== null ? key : null;
    const known = this.#byId.get(row.incident.id);
    if (known === undefined) {
      const earliest = detached(row.incident);
      this.#byId.set(earliest.id, {
        ...{ earliest, earliestKey: key, latestKey: key },
        ...{ latest: outcomeOf(row), ownerKey: owned, rows: 1 },
      });
      return;
    }

    known.rows += 1;
    if (before(key, known.earliestKey)) {
      known.earliest = detached(row.incident);
      known.earliestKey = key;
    }

    if (before(known.latestKey, key)) {
      known.latestKey = key;
      known.latest = outcomeOf(row);
    }

    if (owned !== null && (known.ownerKey === null || before(owned, known.ownerKey))) {
      known.ownerKey = owned;
    }
  }

  /** The histories so far, in creation order. */
  build(): ExportHistories {
    const since = this.#firstRowAt - INGESTION_SLACK_MS;
    const incidents: IncidentHistory[] = [];
    let createdBefore = 0;
    for (const [id, b] of this.#byId) {
      if (Date.parse(b.earliest.createdTimeUtc) < since) {
        createdBefore += 1;
        continue;
      }

      const ownerSince = b.ownerKey?.modified ?? null;
      const { latest, rows } = b;
      incidents.push({ id, created: b.earliest, latest, ownerSince, rows });
    }

    return { incidents: incidents.sort(byCreation), createdBefore };
  }
}

function keyOf(row: ExportRow): RowKey {
  const { timeGenerated, line } = row;
  return { timeGenerated, modified: row.incident.lastModifiedTimeUtc, line };
}

function outcomeOf(row: ExportRow): IncidentOutcome {
  const { number, status, owner, url } = row.incident;
  const classification = copy(row.classification);
  return { number, status, owner: copy(owner), url: copy(url), classification };
}

/**
 * The incident with its text in strings of their own. A CSV parser's cells are slices of a
 * 1 MB chunk of the file (and JSON.parse may slice the owner out of its cell): keeping one
 * title would keep its whole chunk alive, and so every chunk. Only the rows kept are copied.
 */
function detached(incident: Incident): Incident {
  const { id, workspaceId, title, description, url, owner } = incident;
  return {
    ...incident,
    ...{ id: copy(id), workspaceId: copy(workspaceId), title: copy(title) },
    ...{ description: copy(description), url: copy(url), owner: copy(owner) },
  };
}

function copy<T extends string | null>(text: T): T {
  return (text === null || text.length === 0 ? text : (' ' + text).slice(1)) as T;
}

/** Row order: ingestion time, then Sentinel's modification time, then place in the file. */
function before(a: RowKey, b: RowKey): boolean {
  if (a.timeGenerated !== b.timeGenerated) {
    return a.timeGenerated < b.timeGenerated;
  }

  return a.modified !== b.modified ? a.modified < b.modified : a.line < b.line;
}

function byCreation(a: IncidentHistory, b: IncidentHistory): number {
  const [x, y] = [a.created.createdTimeUtc, b.created.createdTimeUtc];
  if (x !== y) {
    return x < y ? -1 : 1;
  }

  return a.created.number - b.created.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
