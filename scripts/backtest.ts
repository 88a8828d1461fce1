/*
 * Replays a SecurityIncident export (or a workspace's last days) through the bot's own rules
 * and compares the pages with what analysts did. See the README, section "Backtest".
 * Run with `npm run backtest -- <export.csv|export.json> [--config oncall.yaml] [--out r.html]`.
 */
import { ConfigError, loadConfig } from '../src/config/load-config';
import { parseBacktestArgs } from '../src/backtest/backtest-options';
import { runBacktest } from '../src/backtest/run-backtest';
import { AppError } from '../src/errors/app-error';

/** Runs the command; answers the process exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const started = performance.now();
  const options = parseBacktestArgs(args);
  /* eslint-disable no-restricted-properties -- a command-line tool, not the running bot */
  const config = loadConfig(
    {
      ONCALL_CONFIG: options.config ?? process.env.ONCALL_CONFIG,
      LOGS_ENDPOINT: process.env.LOGS_ENDPOINT,
    },
    process.cwd(),
  );
  /* eslint-enable no-restricted-properties */
  if (config.usingExampleConfig) {
    process.stderr.write(`oncall.yaml not found: using ${config.configPath}\n`);
  }

  const run = await runBacktest(options, { config, now: new Date() });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${run.terminal}\nDone in ${seconds} s, peak memory ${peakMb} MB.\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const known = err instanceof ConfigError || err instanceof AppError;
      const text = err instanceof Error ? (known ? err.message : err.stack) : String(err);
      process.stderr.write(`${text}\n`);
      process.exitCode = known ? 2 : 1;
    },
  );
}
