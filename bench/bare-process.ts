import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { track } from './bench-bot';

const WITHIN_MS = 10_000;

/** The bare restify server of bare-server.ts, in its own process like the bot. */
export class BareProcess {
  readonly #child: ChildProcess;
  readonly #port: Promise<number>;

  constructor() {
    this.#child = spawn(process.execPath, [path.join(__dirname, 'bare-server.js')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    track(this.#child);
    this.#port = firstPort(this.#child);
  }

  async url(): Promise<string> {
    return `http://127.0.0.1:${await this.#port}`;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
      return;
    }

    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill('SIGTERM');
    const stuck = setTimeout(() => this.#child.kill('SIGKILL'), WITHIN_MS);
    await exited;
    clearTimeout(stuck);
  }
}

function firstPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bare server did not start')), WITHIN_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
}
