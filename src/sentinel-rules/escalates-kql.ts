import { kqlString, kqlStringList } from './kql-text';
import type { EscalationPlan } from './rule-plan';

/**
 * The KQL condition of an open, after-hours incident worth a call on its own: not
 * Informational, and a listed severity or a known-bad title. Null when nothing is listed.
 */
export function escalatesKql(plan: EscalationPlan): string | null {
  const reasons = [
    ...(plan.severities.length > 0 ? [`Severity in~ ${kqlStringList(plan.severities)}`] : []),
    ...(plan.titles.exact.length > 0
      ? [`trim(@"\\s+", Title) in~ ${kqlStringList(plan.titles.exact)}`]
      : []),
    ...plan.titles.patterns.map((pattern) => `Title matches regex ${kqlString(pattern)}`),
  ];
  if (reasons.length === 0) {
    return null;
  }

  return `Severity !~ "Informational"\n    and (${reasons.join('\n        or ')})`;
}
