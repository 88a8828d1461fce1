import type { IncidentStatus, Severity } from '../intake/incident';

/**
 * Business hours as the KQL rules test them. Days are KQL `dayofweek` numbers (0 = Sunday ...
 * 6 = Saturday), minutes count from local midnight, and `endMinute` is exclusive.
 */
export interface HoursPlan {
  readonly zone: string;
  readonly businessDays: readonly number[];
  readonly startMinute: number;
  readonly endMinute: number;
  /** Local dates, yyyy-MM-dd, outside business hours all day. */
  readonly holidays: readonly string[];
}

/** The known-bad titles: exact titles (trimmed, compared case-insensitively) and RE2 patterns. */
export interface TitlePlan {
  readonly exact: readonly string[];
  /** RE2 syntax with inline flags, e.g. `(?i)^ransomware`. */
  readonly patterns: readonly string[];
}

/** What the incidents a rule reads must look like before any other test. */
export interface IncidentFilter {
  readonly openStatuses: readonly IncidentStatus[];
  /**
   * Titles starting with this (case-insensitive, after leading spaces) are left alone, unless
   * Informational: decide() holds those like any other Informational incident.
   */
  readonly prefix: string;
  /** Ids of our own analytics rules: incidents they raised are never read again. */
  readonly ownRuleIds: readonly string[];
}

/** Rule (a): an open incident created outside business hours that is worth a call. */
export interface EscalationPlan {
  readonly filter: IncidentFilter;
  readonly hours: HoursPlan;
  readonly severities: readonly Severity[];
  readonly titles: TitlePlan;
}

/** Rule (b): more than `moreThan` held incidents created within a sliding window. */
export interface StormPlan {
  readonly escalation: EscalationPlan;
  readonly severities: readonly Severity[];
  readonly moreThan: number;
  readonly windowMinutes: number;
}
