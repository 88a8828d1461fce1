import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { parse, stringify } from 'yaml';

import type { AnalystRule } from '../../src/backtest/analyst-rule';
import { runBacktest, type BacktestRun } from '../../src/backtest/run-backtest';
import type { IncidentVerdict } from '../../src/backtest/verdicts';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';

/** The hand-made exports and the policy they are replayed with. */
export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/backtest');
export const FIXTURE_CONFIG = path.join(FIXTURES, 'oncall.yaml');

/** A fixture's path. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** A fresh temporary folder for a run's report and summary. */
export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'backtest-'));
}

/** The config of a file, as the bot would load it. */
export function configOf(file = FIXTURE_CONFIG): AppConfig {
  return loadConfig({ ONCALL_CONFIG: file }, process.cwd());
}

/** The fixture config with top-level keys replaced, written to `dir`; answers its path. */
export function editedConfig(dir: string, edit: (config: Record<string, unknown>) => void) {
  const config = parse(readFileSync(FIXTURE_CONFIG, 'utf8')) as Record<string, unknown>;
  edit(config);
  const file = path.join(dir, 'oncall.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

/** Options of {@link backtest}. */
export interface BacktestCase {
  readonly config?: string;
  readonly out?: string;
  readonly analystRule?: AnalystRule;
}

/** Runs the backtest on an export as the command does, the report going to a temp folder. */
export async function backtest(file: string, options: BacktestCase = {}): Promise<BacktestRun> {
  const out = options.out ?? path.join(tempDir(), 'report.html');
  return runBacktest(
    {
      source: { kind: 'file', path: file },
      config: options.config,
      out,
      analystRule: options.analystRule ?? 'either',
    },
    { config: configOf(options.config), now: new Date('2026-12-31T12:00:00Z') },
  );
}

/** The verdict on the incident with this number; throws when there is none. */
export function verdictOf(run: BacktestRun, number: number): IncidentVerdict {
  const found = run.judgement.verdicts.find((v) => v.replayed.history.latest.number === number);
  if (found === undefined) {
    throw new Error(`no incident #${number} in the run`);
  }

  return found;
}

/** The incident numbers of the verdicts that pass `test`, ascending. */
export function numbersWhere(run: BacktestRun, test: (v: IncidentVerdict) => boolean): number[] {
  return run.judgement.verdicts
    .filter(test)
    .map((v) => v.replayed.history.latest.number)
    .sort((a, b) => a - b);
}
