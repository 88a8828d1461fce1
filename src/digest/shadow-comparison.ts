import type { AnalystVerdict, HeldIncident, NightEscalation } from '../store/digest-store';
import { forDisplay } from '../text/safe-text';

const NOISE = new Set(['FalsePositive', 'BenignPositive']);
const LISTED_MISSES = 10;

/** Analysts took it seriously: classified TruePositive, or someone took ownership. */
export function escalatedByAnalysts(verdict: AnalystVerdict): boolean {
  return verdict.classification === 'TruePositive' || verdict.owner !== null;
}

/** Shadow mode's comparison of what the bot would have paged with what analysts did. */
export function shadowComparison(
  escalations: readonly NightEscalation[],
  held: readonly HeldIncident[],
): string[] {
  const confirmed = escalations.filter((e) => escalatedByAnalysts(e.analysts)).length;
  const noise = escalations.filter((e) => NOISE.has(e.analysts.classification ?? '')).length;
  const untouched = escalations.length - confirmed - noise;
  const misses = held.filter((incident) => escalatedByAnalysts(incident.analysts));
  return [
    `Would have paged ${escalations.length}: ${confirmed} confirmed by analysts, ` +
      `${noise} closed as noise, ${untouched} not looked at yet.`,
    `Held but escalated by analysts (missed): ${misses.length}.`,
    ...misses
      .slice(0, LISTED_MISSES)
      .map(
        (m) =>
          `Missed #${m.number} ${forDisplay(m.title, 100)} ` +
          `(${m.analysts.classification ?? `owned by ${m.analysts.owner}`})`,
      ),
  ];
}
