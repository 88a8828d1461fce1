import { AppError } from '../errors/app-error';
import { ANALYST_RULES, parseAnalystRule, type AnalystRule } from './analyst-rule';

/** Where the incidents come from: an export file, or a workspace read through Log Analytics. */
export type BacktestSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'workspace'; readonly workspaceId: string; readonly days: number };

/** What the command line asked for. */
export interface BacktestOptions {
  readonly source: BacktestSource;
  /** The config file; undefined: ONCALL_CONFIG, then ./oncall.yaml, then the example. */
  readonly config: string | undefined;
  readonly out: string;
  readonly analystRule: AnalystRule;
}

/** How to write the command, shown with every usage error. */
export const USAGE = [
  'usage: npm run backtest -- <export.csv|export.json> [options]',
  '       npm run backtest -- --workspace <workspace id> [--days 30] [options]',
  'options: --config <oncall.yaml>  --out <report.html>',
  `         --analyst-escalated ${ANALYST_RULES.join('|')}  (default either: TruePositive,`,
  '           or an owner set outside business hours)',
].join('\n');

const FLAGS = new Set(['--config', '--out', '--workspace', '--days', '--analyst-escalated']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the arguments after `npm run backtest --`; throws a USAGE error that says what's wrong. */
export function parseBacktestArgs(args: readonly string[]): BacktestOptions {
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }

    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    const value = inline ?? args[(i += 1)];
    if (!FLAGS.has(flag) || value === undefined || value.startsWith('--')) {
      throw usage(FLAGS.has(flag) ? `${flag} needs a value` : `unknown option ${flag}`);
    }

    values.set(flag, value);
  }

  return {
    source: source(positional, values),
    config: values.get('--config'),
    out: values.get('--out') ?? 'backtest-report.html',
    analystRule: analystRule(values.get('--analyst-escalated') ?? 'either'),
  };
}

function source(positional: string[], values: Map<string, string>): BacktestSource {
  const workspace = values.get('--workspace');
  if (workspace !== undefined) {
    if (positional.length > 0) {
      throw usage('give an export file or --workspace, not both');
    }

    if (!GUID.test(workspace.trim())) {
      throw usage(`--workspace "${workspace}" is not a workspace id (a guid)`);
    }

    return { kind: 'workspace', workspaceId: workspace.trim().toLowerCase(), days: days(values) };
  }

  if (values.has('--days')) {
    throw usage('--days goes with --workspace');
  }

  if (positional.length !== 1) {
    throw usage(positional.length === 0 ? 'no export given' : 'give one export file');
  }

  return { kind: 'file', path: positional[0] ?? '' };
}

function days(values: Map<string, string>): number {
  const text = values.get('--days') ?? '30';
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 730) {
    throw usage(`--days "${text}" is not a whole number of days from 1 to 730`);
  }

  return n;
}

function analystRule(text: string): AnalystRule {
  const rule = parseAnalystRule(text);
  if (rule === null) {
    throw usage(`--analyst-escalated "${text}" is not one of ${ANALYST_RULES.join(', ')}`);
  }

  return rule;
}

function usage(problem: string): AppError {
  return new AppError('USAGE', `${problem}\n${USAGE}`, { safe: true });
}
