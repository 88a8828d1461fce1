import type { EscalationPolicy } from '../rules/policy';
import { analystView, type AnalystRule, type AnalystView } from './analyst-rule';
import type { Replay, ReplayedIncident } from './replay';

/** What the rules did with an incident: its own page, a storm's, held, or left to the day. */
export type RulesOutcome = 'paged' | 'storm' | 'held' | 'ignored';

/**
 * Where an incident falls in the confusion matrix. `caught`: woken and escalated by
 * analysts; `extra`: woken, not escalated; `missed`: held, escalated; `quiet`: neither.
 */
export type MatrixCell = 'caught' | 'extra' | 'missed' | 'quiet';

/** One incident, judged against what analysts did. */
export interface IncidentVerdict {
  readonly replayed: ReplayedIncident;
  readonly rules: RulesOutcome;
  /** Null for incidents in business hours: what analysts did there is not compared. */
  readonly analysts: AnalystView | null;
  /** Null for incidents in business hours: the staffed SOC had them, the matrix leaves them. */
  readonly cell: MatrixCell | null;
}

/** One page the rules would have sent: an incident's own escalation, or a storm's. */
export interface Page {
  readonly kind: 'incident' | 'storm';
  /** The incident whose arrival sent the page. */
  readonly opener: ReplayedIncident;
  /** How many incidents the page covers: 1, or the storm's members. */
  readonly incidents: number;
  /** Closed as FalsePositive/BenignPositive: the incident, or every incident of the storm. */
  readonly noise: boolean;
  /** Not noise, and analysts escalated the incident or one of the storm's. */
  readonly real: boolean;
}

/** The verdict on every incident, and the pages, in creation order. */
export interface Judgement {
  readonly verdicts: readonly IncidentVerdict[];
  readonly pages: readonly Page[];
}

/** Judges a replay: what the rules did next to what analysts did, per incident and page. */
export function judge(replay: Replay, rule: AnalystRule, policy: EscalationPolicy): Judgement {
  const verdicts = replay.incidents.map((replayed) => {
    const rules = outcomeOf(replayed, replay.stormOf(replayed.history.id));
    const analysts = rules === 'ignored' ? null : analystView(replayed.history, rule, policy);
    return { replayed, rules, analysts, cell: analysts === null ? null : cellOf(rules, analysts) };
  });
  const byId = new Map(verdicts.map((v) => [v.replayed.history.id, v]));
  const pages = verdicts
    .filter((v) => v.replayed.action === 'escalate')
    .map((v) => pageOf(v, replay, byId));
  return { verdicts, pages };
}

/** The page an escalating incident sends: its own, or that of the storm it opened. */
function pageOf(
  v: IncidentVerdict,
  replay: Replay,
  byId: ReadonlyMap<string, IncidentVerdict>,
): Page {
  const stormId = replay.stormOf(v.replayed.history.id);
  const storm = stormId === null ? undefined : replay.storms.get(stormId);
  if (storm === undefined) {
    const { escalated, dismissed: noise } = v.analysts ?? { escalated: false, dismissed: false };
    return { kind: 'incident', opener: v.replayed, incidents: 1, noise, real: escalated && !noise };
  }

  const members = storm.members.flatMap((id) => byId.get(id) ?? []);
  const noise = members.every((m) => m.analysts?.dismissed === true);
  const real = !noise && members.some((m) => m.analysts?.escalated === true);
  return { kind: 'storm', opener: v.replayed, incidents: members.length, noise, real };
}

function outcomeOf(replayed: ReplayedIncident, stormId: string | null): RulesOutcome {
  if (stormId !== null) {
    return 'storm';
  }

  if (replayed.action === 'escalate') {
    return 'paged';
  }

  return replayed.action === 'hold' ? 'held' : 'ignored';
}

function cellOf(rules: RulesOutcome, analysts: AnalystView): MatrixCell {
  const woken = rules !== 'held';
  if (woken) {
    return analysts.escalated ? 'caught' : 'extra';
  }

  return analysts.escalated ? 'missed' : 'quiet';
}
