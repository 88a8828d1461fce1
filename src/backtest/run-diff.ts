import type { BacktestSummary } from './backtest-summary';

/** How this run differs from the previous one on the same export. */
export interface RunDiff {
  /** "3 fewer pages, 1 more miss", or that nothing changed. */
  readonly headline: string;
  /** What explains it: config lines changed, incidents paged or missed now or no longer. */
  readonly details: readonly string[];
  /** False when the previous run read another export or another version of it. */
  readonly sameExport: boolean;
}

const LISTED = 10;

/**
 * Compares two runs. `numberOf` names incidents the way analysts know them (their number)
 * in the lists of what changed.
 */
export function diffRuns(
  previous: BacktestSummary,
  current: BacktestSummary,
  numberOf: (incidentId: string) => string,
): RunDiff {
  const changes = [
    change(current.pages.total - previous.pages.total, 'page', 'pages'),
    change(current.matrix.missed - previous.matrix.missed, 'miss', 'misses'),
    change(current.pages.noise - previous.pages.noise, 'noise page', 'noise pages'),
  ].filter((text) => text !== null);
  const headline = changes.length > 0 ? changes.join(', ') : 'the same pages, misses and noise';
  const details = [
    ...configChanges(previous, current),
    ...idChanges('paged now', current.ids.paged, previous.ids.paged, numberOf),
    ...idChanges('no longer paged', previous.ids.paged, current.ids.paged, numberOf),
    ...idChanges('missed now', current.ids.missed, previous.ids.missed, numberOf),
    ...idChanges('no longer missed', previous.ids.missed, current.ids.missed, numberOf),
  ];
  const sameExport = previous.source.fingerprint === current.source.fingerprint;
  return { headline, details, sameExport };
}

function change(delta: number, one: string, many: string): string | null {
  if (delta === 0) {
    return null;
  }

  const size = Math.abs(delta);
  return `${size} ${delta > 0 ? 'more' : 'fewer'} ${size === 1 ? one : many}`;
}

function configChanges(previous: BacktestSummary, current: BacktestSummary): string[] {
  const before = new Set(previous.policy);
  const after = new Set(current.policy);
  const lines = [
    ...previous.policy.filter((line) => !after.has(line)).map((line) => `config was  ${line}`),
    ...current.policy.filter((line) => !before.has(line)).map((line) => `config now  ${line}`),
  ];
  if (previous.analystRule !== current.analystRule) {
    lines.push(`analyst rule ${previous.analystRule} → ${current.analystRule}`);
  }

  return lines;
}

function idChanges(
  label: string,
  ids: readonly string[],
  other: readonly string[],
  numberOf: (incidentId: string) => string,
): string[] {
  const known = new Set(other);
  const fresh = ids.filter((id) => !known.has(id));
  if (fresh.length === 0) {
    return [];
  }

  const shown = fresh.slice(0, LISTED).map(numberOf).join(', ');
  const more = fresh.length > LISTED ? ` and ${fresh.length - LISTED} more` : '';
  return [`${label}: ${shown}${more}`];
}
