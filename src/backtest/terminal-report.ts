import { forDisplay } from '../text/safe-text';
import { describeAnalystRule } from './analyst-rule';
import type { BacktestSummary } from './backtest-summary';
import type { RowProblem } from './export-row';
import { nightLabel } from './nights';
import type { RunDiff } from './run-diff';

/** Everything the terminal summary shows besides the numbers. */
export interface TerminalExtras {
  /** The comparison with the previous run, or why there is none. */
  readonly diff: RunDiff | string;
  readonly problems: readonly RowProblem[];
  readonly warnings: readonly string[];
  readonly reportPath: string;
  readonly summaryPath: string;
}

const SHOWN_PROBLEMS = 20;
const n = (value: number) => value.toLocaleString('en-GB');
/** "1 night", "3 nights". */
const count = (value: number, one: string, many = `${one}s`) =>
  `${n(value)} ${value === 1 ? one : many}`;

/**
 * The run as a few lines for a terminal. Titles are incident text: control characters are
 * removed, so an export cannot move the cursor or recolour the terminal.
 */
export function terminalReport(summary: BacktestSummary, extras: TerminalExtras): string {
  return [
    ...header(summary),
    '',
    ...pages(summary),
    '',
    ...matrix(summary),
    '',
    ...tops(summary),
    ...since(extras.diff),
    ...skipped(extras.problems),
    ...extras.warnings.map((w) => `warning: ${w}`),
    `Report: ${extras.reportPath} (summary for the next run: ${extras.summaryPath})`,
  ].join('\n');
}

function header(s: BacktestSummary): string[] {
  const { incidents: i, period } = s;
  const before = i.createdBefore > 0 ? `; ${n(i.createdBefore)} created before it, left out` : '';
  const [first, last] = [nightLabel(period.firstNight), nightLabel(period.lastNight)];
  const nights = count(period.nights, 'night');
  const span = period.nights === 0 ? 'no incidents' : `${nights}, ${first} to ${last}`;
  return [
    `Backtest of ${s.source.label}`,
    `  config     ${s.configPath} (${s.policy[0] ?? ''})`,
    `  analysts   escalated = ${describeAnalystRule(s.analystRule)}`,
    `  read       ${count(s.rows.read, 'row')}, ${n(s.rows.skipped)} skipped`,
    `  period     ${span}`,
    `  incidents  ${n(i.replayed)}: ${n(i.night)} out of hours, ${n(i.businessHours)} in ` +
      `business hours${before}`,
  ];
}

function pages(s: BacktestSummary): string[] {
  const p = s.pages;
  return [
    `Pages      ${n(p.total)} (${count(p.incident, 'incident')}, ${count(p.storm, 'storm')}): ` +
      `${p.perNight} a night, ${p.perWeek} a week`,
    `           ${n(p.real)} for incidents analysts escalated, ${n(p.noise)} noise ` +
      '(closed FalsePositive or BenignPositive)',
  ];
}

function matrix(s: BacktestSummary): string[] {
  const m = s.matrix;
  const cell = (value: number, label: string) => `${n(value)} ${label}`.padStart(18);
  return [
    `${''.padEnd(22)}${'analysts escalated'.padStart(18)}${'did not'.padStart(18)}`,
    `${'rules woke someone'.padEnd(22)}${cell(m.caught, 'caught')}${cell(m.extra, 'extra')}`,
    `${'rules held'.padEnd(22)}${cell(m.missed, 'missed')}${cell(m.quiet, 'quiet')}`,
    s.incidents.night === 0
      ? 'agreement: no incident was created out of business hours'
      : `agreement ${(m.agreement * 100).toFixed(1)} % of the ${n(s.incidents.night)} ` +
        'incidents created out of business hours',
  ];
}

function tops(s: BacktestSummary): string[] {
  const nights = s.busiestNights.slice(0, 5).map((x) => `${nightLabel(x.key)} (${x.pages})`);
  const titles = s.noisyTitles.slice(0, 5).map((t) => `"${forDisplay(t.title, 60)}" (${t.pages})`);
  return [
    `Busiest nights:  ${nights.join(', ') || 'none'}`,
    `Noisiest titles: ${titles.join(', ') || 'none'}`,
  ];
}

function since(diff: RunDiff | string): string[] {
  if (typeof diff === 'string') {
    return [`Since the last run: ${diff}`];
  }

  const other = diff.sameExport ? '' : ' (the previous run read another version of the export)';
  return [`Since the last run: ${diff.headline}${other}`, ...diff.details.map((d) => `  ${d}`)];
}

function skipped(problems: readonly RowProblem[]): string[] {
  if (problems.length === 0) {
    return [];
  }

  const shown = problems
    .slice(0, SHOWN_PROBLEMS)
    .map((p) => `  line ${p.line}: ${forDisplay(p.problem, 200)}`);
  const more = problems.length - shown.length;
  return [
    `Skipped rows (${n(problems.length)}):`,
    ...shown,
    ...(more > 0 ? [`  ... and ${n(more)} more: all are listed in the report`] : []),
  ];
}
