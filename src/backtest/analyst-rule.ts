import { checkBusinessHours } from '../rules/business-hours';
import type { EscalationPolicy } from '../rules/policy';
import type { IncidentHistory } from './incident-history';

/**
 * What counts as "escalated by analysts": `either` (the default) is a TruePositive or an
 * owner set outside business hours; `both` asks for the two together.
 */
export const ANALYST_RULES = ['either', 'truepositive', 'owner', 'both'] as const;
/** One of {@link ANALYST_RULES}. */
export type AnalystRule = (typeof ANALYST_RULES)[number];

/** Classifications that say paging was not worth it. */
const NOISE: ReadonlySet<string> = new Set(['FalsePositive', 'BenignPositive']);

/** What analysts did with one incident, as the comparison reads it. */
export interface AnalystView {
  readonly escalated: boolean;
  /** Closed as FalsePositive or BenignPositive: a page for it would have been noise. */
  readonly dismissed: boolean;
}

/**
 * Reads an incident's history the way the chosen rule says. "Overnight" is the policy's
 * own notion: outside business hours in its zone, holidays and weekends included.
 */
export function analystView(
  history: IncidentHistory,
  rule: AnalystRule,
  policy: EscalationPolicy,
): AnalystView {
  const { classification } = history.latest;
  const truePositive = classification === 'TruePositive';
  // Reading the hours is the costly part: only when the rule needs it.
  const ownedOvernight = () =>
    history.ownerSince !== null && checkBusinessHours(history.ownerSince, policy).outside;
  const dismissed = classification !== null && NOISE.has(classification);
  return { escalated: combine(rule, truePositive, ownedOvernight), dismissed };
}

/** The rule in words, for the reports. */
export function describeAnalystRule(rule: AnalystRule): string {
  const texts: Record<AnalystRule, string> = {
    either: 'classified TruePositive, or given an owner outside business hours',
    truepositive: 'classified TruePositive',
    owner: 'given an owner outside business hours',
    both: 'classified TruePositive and given an owner outside business hours',
  };
  return texts[rule];
}

/** Reads a command-line value; null when it is not one of the rules. */
export function parseAnalystRule(value: string): AnalystRule | null {
  const rule = value.trim().toLowerCase().replace(/[-_ ]/g, '');
  return (ANALYST_RULES as readonly string[]).includes(rule) ? (rule as AnalystRule) : null;
}

function combine(rule: AnalystRule, truePositive: boolean, owned: () => boolean): boolean {
  switch (rule) {
    case 'truepositive':
      return truePositive;
    case 'owner':
      return owned();
    case 'both':
      return truePositive && owned();
    default:
      return truePositive || owned();
  }
}
