/**
 * When the rules run and how far back they read, in minutes. A rule reads every incident whose
 * latest row arrived within `lookbackMinutes`, so rows that are ingested late are still seen.
 */
export interface QueryTiming {
  readonly frequencyMinutes: number;
  readonly lookbackMinutes: number;
  /** Incidents created longer ago are never escalated by a rule; also the grouping window. */
  readonly maxAgeMinutes: number;
}

/** Every 5 minutes, reading the last hour, escalating incidents up to a day old. */
export const DEFAULT_TIMING: QueryTiming = {
  frequencyMinutes: 5,
  lookbackMinutes: 60,
  maxAgeMinutes: 24 * 60,
};
