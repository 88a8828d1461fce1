import { readFileSync, writeFileSync } from 'node:fs';

import type { BacktestSummary } from './backtest-summary';

/** The previous run's summary, or why there is none to compare with. */
export type LastRun =
  | { readonly found: true; readonly summary: BacktestSummary }
  | { readonly found: false; readonly reason: string };

/** Where a report's summary is kept: beside it, `report.html` → `report.json`. */
export function summaryPathFor(reportPath: string): string {
  return /\.html?$/i.test(reportPath)
    ? reportPath.replace(/\.html?$/i, '.json')
    : `${reportPath}.json`;
}

/** Reads the summary a previous run left; never throws. */
export function readLastRun(file: string): LastRun {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'first run: nothing to compare with' : `cannot read ${file}: ${code}`;
    return { found: false, reason };
  }

  try {
    const summary = JSON.parse(text) as Partial<BacktestSummary>;
    if (summary.version !== 1 || summary.pages === undefined || summary.ids === undefined) {
      return { found: false, reason: `${file} is not a backtest summary: not compared` };
    }

    return { found: true, summary: summary as BacktestSummary };
  } catch {
    return { found: false, reason: `${file} is not valid JSON: not compared` };
  }
}

/** Keeps this run's summary for the next one. */
export function writeLastRun(file: string, summary: BacktestSummary): void {
  writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
}
