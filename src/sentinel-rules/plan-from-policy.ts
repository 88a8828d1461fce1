import type { Severity } from '../intake/incident';
import type { EscalationPolicy } from '../rules/policy';
import { KqlGenerationError } from './generation-error';
import type { EscalationPlan, HoursPlan, StormPlan, TitlePlan } from './rule-plan';
import { readTitleEntry, toRe2 } from './title-regex';

/** Guids of the two analytics rules: fixed, so each rule can leave the other's incidents alone. */
export const RULE_IDS = {
  escalation: '6aa1cd18-4d10-4746-91b5-e9f2a8d70ed8',
  storm: 'a1fa32a1-7143-4cc5-8c62-15173b7df7c4',
} as const;

const SEVERITY_ORDER: readonly Severity[] = ['Informational', 'Low', 'Medium', 'High'];

/** Both rule plans of one policy; `storm` is null when the policy has no volume rule. */
export interface SentinelPlans {
  readonly escalation: EscalationPlan;
  readonly storm: StormPlan | null;
}

/**
 * Turns the bot's policy into the structure the KQL is rendered from. Throws a
 * {@link KqlGenerationError} naming every config entry KQL cannot express.
 */
export function planFromPolicy(policy: EscalationPolicy): SentinelPlans {
  const problems: string[] = [];
  const prefix = policy.preEscalatedPrefix;
  if (prefix === '') {
    problems.push(
      "escalate.preEscalatedPrefix: must not be empty: the bot recognises the rules' " +
        'incidents by it',
    );
  }

  const titles = titlePlan(policy, problems);
  if (problems.length > 0) {
    throw new KqlGenerationError(problems);
  }

  const escalation: EscalationPlan = {
    filter: {
      openStatuses: ['New', 'Active'],
      prefix,
      ownRuleIds: [RULE_IDS.escalation, RULE_IDS.storm],
    },
    hours: hoursPlan(policy),
    severities: ordered(policy.severities),
    titles,
  };
  const volume = policy.volume;
  const storm: StormPlan | null =
    volume === null
      ? null
      : {
          escalation,
          severities: ordered(volume.severities),
          moreThan: volume.moreThan,
          windowMinutes: Math.round(volume.windowMs / 60_000),
        };
  return { escalation, storm };
}

function hoursPlan(policy: EscalationPolicy): HoursPlan {
  const hours = policy.businessHours;
  return {
    zone: policy.timezone,
    // ISO weekdays run 1 (Monday) to 7 (Sunday); KQL's dayofweek runs 0 (Sunday) to 6.
    businessDays: [...hours.days].map((day) => day % 7).sort((a, b) => a - b),
    startMinute: hours.start,
    endMinute: hours.end,
    holidays: [...policy.holidays].sort(),
  };
}

function titlePlan(policy: EscalationPolicy, problems: string[]): TitlePlan {
  const exact: string[] = [];
  const patterns: string[] = [];
  policy.titles.forEach((matcher, index) => {
    const entry = readTitleEntry(matcher.source);
    if (entry.kind === 'exact') {
      exact.push(entry.title);
      return;
    }

    try {
      patterns.push(toRe2(entry.pattern, entry.flags));
    } catch (err) {
      problems.push(`escalate.titles.${index}: "${matcher.source}": ${(err as Error).message}`);
    }
  });

  return { exact, patterns };
}

function ordered(severities: ReadonlySet<Severity>): Severity[] {
  return SEVERITY_ORDER.filter((severity) => severities.has(severity));
}
