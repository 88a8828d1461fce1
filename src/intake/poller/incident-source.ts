/** The window of one poll: rows ingested (TimeGenerated) from `from` to `to`, both UTC. */
export interface PollWindow {
  readonly from: Date;
  readonly to: Date;
}

/** A row of a query answer: its cells by column name. */
export type Row = Readonly<Record<string, unknown>>;

/** What one query answered. */
export interface FetchedRows {
  /** The latest row of each incident ingested in the window. */
  readonly rows: readonly Row[];
  /** Set when the service answered only part: the rows are used and the window polled again. */
  readonly partialError: { readonly code: string; readonly message: string } | null;
}

/**
 * Reads Sentinel's SecurityIncident table. Throws a PollError when the query failed after
 * its retries; `signal` abandons the query at shutdown. Reading has no side effects.
 */
export interface SecurityIncidentSource {
  latestRows(window: PollWindow, signal: AbortSignal): Promise<FetchedRows>;
}
