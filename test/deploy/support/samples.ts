import path from 'node:path';

import { DateTime } from 'luxon';

import { loadConfig } from '../../../src/config/load-config';
import { SEVERITIES, STATUSES, type Incident } from '../../../src/intake/incident';
import type { EscalationPolicy } from '../../../src/rules/policy';
import { parseTitleMatcher } from '../../../src/rules/title-matcher';
import { repoRoot } from '../../unit/fixtures';
import type { IncidentRow } from './plan-evaluator';

/** A policy to compare the generator and the bot on, with the local dates worth sampling. */
export interface SamplePolicy {
  readonly name: string;
  readonly policy: EscalationPolicy;
  /** Local dates: a plain week, holidays, and the days the clocks change. */
  readonly dates: readonly string[];
}

/** The policy of oncall.example.yaml, read by the bot's own config loader. */
export function examplePolicy(): EscalationPolicy {
  const file = path.join(repoRoot(), 'oncall.example.yaml');
  return loadConfig({ ONCALL_CONFIG: file }, repoRoot()).policy;
}

/** Three policies that differ in zone, days, hours, holidays, titles and storm rule. */
export function samplePolicies(): SamplePolicy[] {
  const week = ['2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08', '2026-06-09'];
  return [
    {
      name: 'oncall.example.yaml (Europe/London)',
      policy: examplePolicy(),
      dates: [...week, '2026-03-29', '2026-10-25', '2026-12-24', '2026-12-25', '2026-12-28'],
    },
    {
      name: 'America/New_York, Sunday to Thursday, 07:30-19:15',
      policy: {
        timezone: 'America/New_York',
        businessHours: { days: new Set([7, 1, 2, 3, 4]), start: 7 * 60 + 30, end: 19 * 60 + 15 },
        holidays: new Set(['2026-03-08', '2026-11-26']),
        severities: new Set(['High', 'Medium']),
        titles: [
          '  Impossible travel activity ',
          '/wire\\s+transfer/',
          '/^(?<verb>disable)d?\\s+mfa$/im',
          '/caf\\x{e9} beacon/iu',
        ].map(parseTitleMatcher),
        preEscalatedPrefix: '[PAGE]',
        volume: { severities: new Set(['Low', 'Informational']), moreThan: 2, windowMs: 600_000 },
      },
      dates: [...week, '2026-03-08', '2026-11-01', '2026-11-26'],
    },
    {
      name: 'Australia/Lord_Howe (half-hour DST), titles only',
      policy: {
        timezone: 'Australia/Lord_Howe',
        businessHours: { days: new Set([1, 2, 3, 4, 5, 6]), start: 8 * 60, end: 17 * 60 + 30 },
        holidays: new Set(),
        severities: new Set(),
        titles: ['/^ransomware/i', 'Serious alert 1'].map(parseTitleMatcher),
        preEscalatedPrefix: '[ON-CALL]',
        volume: null,
      },
      dates: [...week, '2026-04-05', '2026-10-04'],
    },
  ];
}

/** Titles that hit and just miss every policy's exact titles, patterns and prefixes. */
export const SAMPLE_TITLES: readonly string[] = [
  'Serious alert 1',
  '  serious ALERT 1 ',
  'Serious alert 10',
  'Ransomware detected on FS01',
  'Possible ransomware',
  '[ON-CALL] Serious alert 1',
  '  [on-call] quiet title',
  '[ON-CALL]',
  'Quiet title [ON-CALL]',
  'impossible travel activity',
  'IMPOSSIBLE TRAVEL ACTIVITY\t',
  'Wire  transfer to a new payee',
  'Wire Transfer to a new payee',
  'Alert\ndisabled MFA',
  'Disabled  MFA now',
  'CAFÉ BEACON seen',
  '[page] wire transfer',
];

/** Local wall-clock instants, on each sample date, at and around the edges of the day. */
export function edgeInstants(sample: SamplePolicy, seconds: readonly number[] = [0]): string[] {
  const { start, end } = sample.policy.businessHours;
  const minutes = [0, start - 1, start, start + 1, 12 * 60, end - 1, end, end + 1, 1439];
  const instants = sample.dates.flatMap((date) =>
    minutes.flatMap((minute) =>
      seconds.map((second) =>
        toUtc(sample.policy.timezone, date, Math.floor(minute / 60), minute % 60, second),
      ),
    ),
  );
  return [...new Set(instants)].sort();
}

/** The edges to the second, and every half hour (UTC) of each sample date, DST hours included. */
export function sampleInstants(sample: SamplePolicy): string[] {
  const everyHalfHour = sample.dates.flatMap((date) =>
    Array.from({ length: 48 }, (_, i) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + i * 1_800_000).toISOString(),
    ),
  );
  return [...new Set([...edgeInstants(sample, [0, 59]), ...everyHalfHour])].sort();
}

/** One incident state for the bot and the same state as a SecurityIncident row for KQL. */
export interface SampleCase {
  readonly incident: Incident;
  readonly row: IncidentRow;
}

/** Every title, severity and status at each of the given instants. */
export function sampleCases(instants: readonly string[]): SampleCase[] {
  return instants.flatMap((createdTimeUtc, t) =>
    SAMPLE_TITLES.flatMap((title, n) =>
      SEVERITIES.flatMap((severity) =>
        STATUSES.map((status) =>
          sampleCase(`${t}-${n}-${severity}-${status}`, createdTimeUtc, {
            title,
            severity,
            status,
          }),
        ),
      ),
    ),
  );
}

/** One case with the given fields; the rest as a fresh incident has them. */
export function sampleCase(
  id: string,
  createdTimeUtc: string,
  fields: Pick<Incident, 'title' | 'severity' | 'status'>,
): SampleCase {
  const incident: Incident = {
    id,
    workspaceId: '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9',
    number: 1,
    description: '',
    owner: null,
    createdTimeUtc,
    lastModifiedTimeUtc: createdTimeUtc,
    url: null,
    classification: null,
    ...fields,
  };
  const row: IncidentRow = {
    IncidentName: id,
    Title: fields.title,
    Severity: fields.severity,
    Status: fields.status,
    CreatedTime: createdTimeUtc,
    RelatedAnalyticRuleIds: [],
  };
  return { incident, row };
}

function toUtc(zone: string, date: string, hour: number, minute: number, second: number) {
  const [year, month, day] = date.split('-').map(Number);
  const local = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone });
  return local.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}
