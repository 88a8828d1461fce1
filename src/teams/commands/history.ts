import type { EscalationSummary, OnCallOverride } from '../../store/roster-store';
import { outcomeText } from '../../escalation/outcome-text';
import { forDisplay } from '../../text/safe-text';
import type { Command } from './command';
import type { CommandDeps } from './command-context';
import { localTime, nameOf } from './reply-format';

type HistoryCommand = Extract<Command, { kind: 'history' }>;

interface Entry {
  readonly at: Date;
  readonly line: string;
}

/** `oncall history [n]`: the last n on-call changes and escalations, newest first. */
export async function showHistory(deps: CommandDeps, command: HistoryCommand): Promise<string> {
  const { store, timezone } = deps;
  const now = deps.clock();
  const overrides = await store.recentOverrides(command.limit);
  const escalations = await store.recentEscalations(command.limit);
  const entries = [
    ...overrides.map((o, i) => overrideEntry(o, overrides.slice(0, i), now, timezone)),
    ...escalations.map(escalationEntry),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, command.limit);
  if (entries.length === 0) {
    return 'No on-call changes and no escalations yet.';
  }

  return [
    `The last ${entries.length} on-call changes and escalations (newest first, ${timezone}):`,
    ...entries.map((entry) => `- ${localTime(entry.at, timezone)}: ${entry.line}`),
  ].join('\n');
}

/** `newer` are the overrides set after this one, newest first. */
function overrideEntry(
  override: OnCallOverride,
  newer: readonly OnCallOverride[],
  now: Date,
  zone: string,
): Entry {
  const until =
    override.until === null ? 'until changed' : `until ${localTime(override.until, zone)}`;
  const line =
    `${nameOf(override.setByName)} made ${nameOf(override.personName)} ${override.role} ` +
    `${until} (before: ${nameOf(override.previousName)}). ${outcome(override, newer, now, zone)}`;
  return { at: override.setAt, line };
}

function outcome(
  override: OnCallOverride,
  newer: readonly OnCallOverride[],
  now: Date,
  zone: string,
): string {
  const next = newer.filter((o) => o.role === override.role).at(-1);
  const end = override.until;
  if (next !== undefined && (end === null || next.setAt < end)) {
    return `Replaced ${localTime(next.setAt, zone)}.`;
  }

  if (end !== null && end <= now) {
    return 'Ended.';
  }

  return 'In force.';
}

function escalationEntry(escalation: EscalationSummary): Entry {
  const title = forDisplay(escalation.displayTitle, 80) || 'untitled';
  const line =
    `incident ${escalation.incidentNumber} (${escalation.severity}) escalated: ` +
    `"${title}". ${escalationOutcome(escalation)}`;
  return { at: escalation.openedAt, line };
}

function escalationOutcome(escalation: EscalationSummary): string {
  const text = outcomeText({
    ...escalation,
    acknowledgedBy: escalation.acknowledgedBy && forDisplay(escalation.acknowledgedBy, 60),
  });
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
