import { DateTime } from 'luxon';

import { SEVERITIES, type Severity } from '../../../src/intake/incident';
import type { VolumeRule } from '../../../src/rules/volume-rule';
import { sampleCase, type SampleCase, type SamplePolicy } from './samples';

const TITLES = [
  'Quiet title',
  'Serious alert 1',
  'Wire transfer to a new payee',
  'Ransomware detected',
  '[ON-CALL] Quiet title',
  '  [page] quiet title',
];

/** A small deterministic generator, so every run samples the same incidents. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * Bursts of incidents: one on a night outside business hours, one at noon on a business day,
 * spaced by fractions of the storm window so that windows open and stay shut at their edges.
 */
export function stormCases(sample: SamplePolicy, rule: VolumeRule, seed: number): SampleCase[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const night = local(sample, firstDate(sample, false), 1);
  const noon = local(sample, firstDate(sample, true), 12);
  const step = rule.windowMs / (rule.moreThan + 2);
  const cases: SampleCase[] = [];
  for (const start of [night, noon]) {
    let t = start;
    for (let i = 0; i < 6 * (rule.moreThan + 2); i += 1) {
      t += next() < 0.08 ? rule.windowMs : Math.round(pick([0, step / 8, step / 4, step / 2]));
      const severity: Severity = next() < 0.8 ? pick([...rule.severities]) : pick(SEVERITIES);
      const status = next() < 0.1 ? 'Closed' : pick(['New', 'Active'] as const);
      const title = next() < 0.7 ? 'Quiet title' : pick(TITLES);
      const id = `storm-${seed}-${cases.length}`;
      cases.push(sampleCase(id, new Date(t).toISOString(), { title, severity, status }));
    }
  }

  return cases;
}

function local(sample: SamplePolicy, date: string, hour: number): number {
  const [year, month, day] = date.split('-').map(Number);
  return DateTime.fromObject(
    { year, month, day, hour },
    { zone: sample.policy.timezone },
  ).toMillis();
}

/** The first sample date that is (or is not) a business day. */
function firstDate(sample: SamplePolicy, business: boolean): string {
  const { days } = sample.policy.businessHours;
  const found = sample.dates.find((date) => {
    const weekday = DateTime.fromISO(date, { zone: sample.policy.timezone }).weekday;
    return (days.has(weekday) && !sample.policy.holidays.has(date)) === business;
  });
  return found ?? sample.dates[0] ?? '';
}
