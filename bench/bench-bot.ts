import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import Database from 'better-sqlite3';

import { procMemory, type ProcMemory } from './proc-status';
import { freePort } from '../test/support/bot-process';

const ROOT = path.resolve(__dirname, '../..');
/** Children still running, killed should the bench exit early (a watchdog, a throw). */
const LIVE = new Set<ChildProcess>();

process.on('exit', () => LIVE.forEach((child) => child.kill('SIGKILL')));

/** Registers a child process of the bench to be killed if the bench exits before it. */
export function track(child: ChildProcess): void {
  LIVE.add(child);
  child.once('exit', () => LIVE.delete(child));
}
const HEALTHY_WITHIN_MS = 15_000;
const STOP_WITHIN_MS = 10_000;

/** How one bot process of the bench is started. */
export interface BotLaunch {
  /** Names the process in messages and its CPU profile. */
  readonly label: string;
  readonly env: Record<string, string>;
  /** When set, the bot writes a V8 CPU profile there on exit. */
  readonly profileDir: string | null;
}

/**
 * The built bot in a child process with its own temp dir: a fresh SQLite file and a log
 * file (logs go to a file so that reading them costs the bench nothing).
 */
export class BenchBot {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'oncall-bench-'));
  /** Milliseconds from spawning the process to its first /healthz 200. */
  startupMs = 0;
  #port = 0;
  #child: ChildProcess | null = null;
  #exit: Promise<void> = Promise.resolve();

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get pid(): number {
    return this.#child?.pid ?? 0;
  }

  get databaseFile(): string {
    return path.join(this.dir, 'oncall.db');
  }

  get logFile(): string {
    return path.join(this.dir, 'bot.log');
  }

  /** Picks the port first: the bot's PUBLIC_URL must name it before it starts. */
  async reservePort(): Promise<string> {
    this.#port = this.#port || (await freePort());
    return this.url;
  }

  async start(launch: BotLaunch): Promise<void> {
    await this.reservePort();
    const log = openSync(this.logFile, 'a');
    const started = performance.now();
    const child = spawn(process.execPath, [...profileArgs(launch), 'dist/src/app/main.js'], {
      cwd: ROOT,
      env: {
        PORT: String(this.#port),
        DATABASE_URL: `file:${this.databaseFile}`,
        ...launch.env,
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    track(child);
    this.#child = child;
    this.#exit = new Promise((resolve) => child.once('exit', () => resolve()));
    await this.#waitHealthy(launch.label);
    this.startupMs = performance.now() - started;
  }

  memory(): ProcMemory | null {
    return procMemory(this.pid);
  }

  /** Reads one number from the database, read-only, as an operator would. */
  count(sql: string): number {
    const db = new Database(this.databaseFile, { readonly: true, fileMustExist: true });
    try {
      return Number(db.prepare(sql).pluck().get() ?? 0);
    } finally {
      db.close();
    }
  }

  /** Reads one column of every row, read-only. */
  column(sql: string): string[] {
    const db = new Database(this.databaseFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).pluck().all() as string[];
    } finally {
      db.close();
    }
  }

  /** SIGKILL: a crash. Nothing of the bot's shutdown runs. */
  async kill(): Promise<void> {
    if (this.#running()) {
      this.#child?.kill('SIGKILL');
    }

    await this.#exit;
  }

  /** SIGTERM, as an operator stops it (and the CPU profile gets written); a crash if stuck. */
  async stop(): Promise<void> {
    if (!this.#running()) {
      return;
    }

    this.#child?.kill('SIGTERM');
    const stuck = setTimeout(() => this.#child?.kill('SIGKILL'), STOP_WITHIN_MS);
    await this.#exit;
    clearTimeout(stuck);
  }

  /** Stops the process if needed and removes its temp dir. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The end of the bot's log, for an error message. */
  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  #running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && !this.#child.signalCode;
  }

  async #waitHealthy(label: string): Promise<void> {
    const deadline = performance.now() + HEALTHY_WITHIN_MS;
    while (performance.now() < deadline) {
      if (!this.#running()) {
        throw new Error(`bot ${label} exited during start-up:\n${this.logTail()}`);
      }

      if ((await healthStatus(this.url)) === 200) {
        return;
      }

      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    throw new Error(`bot ${label} not healthy within ${HEALTHY_WITHIN_MS} ms:\n${this.logTail()}`);
  }
}

function profileArgs(launch: BotLaunch): string[] {
  if (launch.profileDir === null) {
    return [];
  }

  return [
    '--cpu-prof',
    `--cpu-prof-dir=${launch.profileDir}`,
    `--cpu-prof-name=${launch.label}.cpuprofile`,
  ];
}

/** The status of GET /healthz, or 0 while nothing answers. */
function healthStatus(base: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`${base}/healthz`, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}
