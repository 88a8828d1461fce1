/**
 * `npm run bench`: the built bot in a child process against the fake Infobip and the fake
 * Bot Connector, each phase on a fresh SQLite database. Traffic goes to 127.0.0.1 only.
 * `npm run bench -- --profile` also writes a CPU profile of every bot process and prints
 * its heaviest functions; `-- --tick=1000` runs the webhook-to-call phase with another tick.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { measureFootprint } from './footprint';
import { IncidentFactory } from './incidents';
import { measureIntake } from './intake';
import { summariseProfile } from './profile-top';
import { machine, progress, rounded, table, writeResults, type BenchResults } from './report';
import { measureStorm } from './storm';
import { measureWebhookToCall } from './webhook-to-call';

const RESULTS_FILE = path.resolve(__dirname, '../../bench/results.json');
/** The engine's tick in the webhook-to-call phase; the README's figure is with this tick. */
const DEFAULT_TICK_MS = 20;
/** Every phase is bounded; this stops the whole run should one of them hang all the same. */
const RUN_WITHIN_MS = 15 * 60_000;

async function main(): Promise<void> {
  const profileDir = process.argv.includes('--profile')
    ? mkdtempSync(path.join(os.tmpdir(), 'oncall-bench-profiles-'))
    : null;
  const options = { profileDir };
  const tickMs = Number(flag('tick') ?? DEFAULT_TICK_MS);
  if (!Number.isInteger(tickMs) || tickMs <= 0) {
    throw new Error('--tick must be a positive whole number of milliseconds');
  }

  const factory = new IncidentFactory(100_001);

  progress('footprint: 3 starts on a fresh database');
  const startup = await measureFootprint(options);
  progress('intake: 10 s at 50 connections, bare restify then the bot (ignore, hold)');
  const intake = await measureIntake(factory, options);
  progress(`webhook to call: 500 night High incidents at 20/s, engine tick ${tickMs} ms`);
  const webhookToCall = await measureWebhookToCall(factory, options, tickMs);
  progress('storm: 10,000 night Low incidents at 50 connections');
  const storm = await measureStorm(factory, options);

  const results: BenchResults = rounded({
    machine: machine(),
    intake,
    webhookToCall,
    storm,
    startup,
  });
  writeResults(RESULTS_FILE, results);
  process.stdout.write(`${table(results, tickMs)}\n\nwritten: ${RESULTS_FILE}\n`);
  if (profileDir !== null) {
    printProfiles(profileDir);
  }
}

/** The value of `--name=value` on the command line. */
function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function printProfiles(dir: string): void {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    process.stdout.write(`\n${summariseProfile(path.join(dir, file))}`);
  }

  process.stdout.write(`\nprofiles kept in ${dir}\n`);
}

const watchdog = setTimeout(() => {
  process.stderr.write(`bench: not done within ${RUN_WITHIN_MS / 60_000} min, stopping\n`);
  process.exit(1);
}, RUN_WITHIN_MS);
watchdog.unref();

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
