import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../../..');

/** The built bot, started as a user would start it, in a child process. */
export class BotProcess {
  readonly logs: string[] = [];
  readonly dir: string;
  #child: ChildProcess | null = null;
  #exit: Promise<number | null> | null = null;
  #port = 0;

  constructor() {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'oncall-e2e-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get databaseFile(): string {
    return path.join(this.dir, 'oncall.db');
  }

  /** Starts `node dist/src/app/main.js` and waits until /healthz answers. */
  async start(env: Record<string, string>): Promise<void> {
    await this.reservePort();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/app/main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(this.#port),
        DATABASE_URL: `file:${this.databaseFile}`,
        ONCALL_CONFIG: path.join(ROOT, 'oncall.example.yaml'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.#exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    const collect = (chunk: Buffer) =>
      this.logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await this.#waitHealthy();
  }

  /** Picks the port before the start, for URLs the bot must know (PUBLIC_URL). Kept on restart. */
  async reservePort(): Promise<string> {
    if (this.#port === 0) {
      this.#port = await freePort();
    }

    return this.url;
  }

  /** Kills the process with SIGKILL: no shutdown handler runs. */
  async kill(): Promise<void> {
    this.#child?.kill('SIGKILL');
    await this.#exit;
  }

  /** Runs the bot expecting it to refuse to start; answers its exit code. */
  async startExpectingExit(env: Record<string, string>): Promise<number | null> {
    await this.start(env).catch(() => undefined);
    return this.#exit;
  }

  async stop(): Promise<void> {
    if (this.#child && this.#child.exitCode === null) {
      this.#child.kill('SIGTERM');
      await this.#exit;
    }
  }

  get alive(): boolean {
    return this.#child !== null && this.#child.exitCode === null;
  }

  /** Reads the bot's database read-only, as an operator would. */
  query<T>(sql: string): T[] {
    const db = new Database(this.databaseFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  }

  async #waitHealthy(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (this.#child?.exitCode !== null) {
        throw new Error(`bot exited: ${this.logs.join('\n')}`);
      }

      const ok = await fetch(`${this.url}/healthz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) {
        return;
      }

      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    throw new Error(`bot did not become healthy: ${this.logs.join('\n')}`);
  }
}

/** A free port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check` is true or the time is up; the bot works after it answers. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }

    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
