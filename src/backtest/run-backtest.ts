import { writeFileSync } from 'node:fs';

import type { AppConfig } from '../config/app-config';
import type { LogsClientSettings } from '../intake/poller/logs-client';
import type { BacktestOptions } from './backtest-options';
import { summarise, type BacktestSummary } from './backtest-summary';
import { readExportFile, type ExportIdentity } from './export-file';
import { htmlReport } from './html-report';
import { readLastRun, summaryPathFor, writeLastRun } from './last-run';
import { policyLines } from './policy-lines';
import { replayIncidents } from './replay';
import { RowCollector } from './row-collector';
import { diffRuns, type RunDiff } from './run-diff';
import { terminalReport } from './terminal-report';
import { judge, type Judgement } from './verdicts';

/** What a run produced: the summary, the terminal text, and where the files went. */
export interface BacktestRun {
  readonly summary: BacktestSummary;
  readonly judgement: Judgement;
  /** A partial workspace answer, or storm bookkeeping that disagreed with the store. */
  readonly warnings: readonly string[];
  readonly terminal: string;
  readonly reportPath: string;
  readonly summaryPath: string;
}

/** What a run needs besides its options. */
export interface BacktestDeps {
  readonly config: Pick<AppConfig, 'policy' | 'escalation' | 'configPath' | 'intake'>;
  /** The instant of the run: the report's date, and the end of a workspace's window. */
  readonly now: Date;
  /** For `--workspace`: a credential and pipeline policies instead of the defaults (tests). */
  readonly logsClient?: Pick<LogsClientSettings, 'credential' | 'policies'>;
}

/**
 * Reads an export, replays it through the bot's intake, compares with the analysts, writes
 * the HTML report and this run's summary beside it, and answers the terminal text. Throws
 * an AppError (safe to show) when the export or workspace cannot be read at all.
 */
export async function runBacktest(
  options: BacktestOptions,
  deps: BacktestDeps,
): Promise<BacktestRun> {
  const { policy, escalation, configPath } = deps.config;
  const rows = new RowCollector();
  const { identity, warnings } = await readSource(options, deps, rows);
  const histories = rows.histories();
  const replay = await replayIncidents(histories.incidents, { policy, escalation });
  const judgement = judge(replay, options.analystRule, policy);
  const problems = rows.problems;
  const summary = summarise(judgement, {
    source: identity,
    configPath,
    policy: policyLines(policy),
    timezone: policy.timezone,
    analystRule: options.analystRule,
    rows: { read: rows.read, skipped: problems.length },
    createdBefore: histories.createdBefore,
  });
  const summaryPath = summaryPathFor(options.out);
  const diff = compareWithLast(summaryPath, summary, judgement);
  const allWarnings = [...warnings, ...replay.warnings];
  const report = { summary, judgement, diff, problems, warnings: allWarnings };
  writeFileSync(
    options.out,
    htmlReport({ ...report, timezone: policy.timezone, generatedAt: deps.now }),
  );
  writeLastRun(summaryPath, summary);
  const terminal = terminalReport(summary, {
    diff,
    problems,
    warnings: allWarnings,
    reportPath: options.out,
    summaryPath,
  });
  return {
    summary,
    judgement,
    warnings: allWarnings,
    terminal,
    reportPath: options.out,
    summaryPath,
  };
}

async function readSource(
  options: BacktestOptions,
  deps: BacktestDeps,
  rows: RowCollector,
): Promise<{ identity: ExportIdentity; warnings: string[] }> {
  const { source } = options;
  if (source.kind === 'file') {
    return { identity: await readExportFile(source.path, rows.sink), warnings: [] };
  }

  // Loaded only here: the Azure SDK and its identity library weigh 15 MB of memory.
  const { readWorkspaceWith } = await import('./workspace-rows.js');
  const query = { workspaceId: source.workspaceId, days: source.days, now: deps.now };
  return readWorkspaceWith(query, deps.config.intake.poll, deps.logsClient, rows.sink);
}

function compareWithLast(
  summaryPath: string,
  summary: BacktestSummary,
  judgement: Judgement,
): RunDiff | string {
  const last = readLastRun(summaryPath);
  if (!last.found) {
    return last.reason;
  }

  const numbers = new Map(
    judgement.verdicts.map((v) => [v.replayed.history.id, `#${v.replayed.history.latest.number}`]),
  );
  return diffRuns(last.summary, summary, (id) => numbers.get(id) ?? id);
}
