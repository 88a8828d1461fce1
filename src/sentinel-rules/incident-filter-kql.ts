import { kqlString, kqlStringList } from './kql-text';
import type { IncidentFilter } from './rule-plan';

/**
 * The first KQL steps of every rule: the latest state of each incident seen within `lookback`
 * (a KQL timespan), created within `maxAge`, open, and not raised by the on-call rules.
 */
export function incidentFilterKql(
  filter: IncidentFilter,
  lookback: string,
  maxAge: string,
): string[] {
  const ownRules = filter.ownRuleIds
    .map((id) => `tostring(RelatedAnalyticRuleIds) contains ${kqlString(id)}`)
    .join('\n    or ');
  return [
    'SecurityIncident',
    `| where TimeGenerated > ago(${lookback})`,
    '| summarize arg_max(TimeGenerated, *) by IncidentName',
    `| where CreatedTime > ago(${maxAge})`,
    `| where Status in ${kqlStringList(filter.openStatuses)}`,
    // decide() holds a pre-escalated Informational incident like any other Informational one.
    `| where not(trim_start(@"\\s+", Title) startswith ${kqlString(filter.prefix)})`,
    '    or Severity =~ "Informational"',
    `| where not(${ownRules})`,
  ];
}
