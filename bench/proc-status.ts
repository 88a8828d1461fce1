import { readFileSync } from 'node:fs';

/** Memory of a process as Linux reports it, in MB (MiB). */
export interface ProcMemory {
  /** Resident set size now (VmRSS). */
  readonly rssMB: number;
  /** The highest resident set size since the process started (VmHWM). */
  readonly peakMB: number;
}

/** Reads /proc/<pid>/status; null once the process is gone. */
export function procMemory(pid: number): ProcMemory | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }

  return { rssMB: field(text, 'VmRSS'), peakMB: field(text, 'VmHWM') };
}

/** Samples a process's memory every `everyMs` and keeps the highest value seen. */
export class RssSampler {
  #peakMB = 0;
  readonly #timer: NodeJS.Timeout;
  readonly #pid: number;

  constructor(pid: number, everyMs = 100) {
    this.#pid = pid;
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), everyMs);
  }

  /** Stops sampling; answers the peak, VmHWM included so a spike between samples counts. */
  stop(): number {
    clearInterval(this.#timer);
    this.#sample();
    return this.#peakMB;
  }

  #sample(): void {
    const memory = procMemory(this.#pid);
    if (memory !== null) {
      this.#peakMB = Math.max(this.#peakMB, memory.rssMB, memory.peakMB);
    }
  }
}

function field(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match === null ? 0 : Number(match[1]) / 1024;
}

/** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common architecture. */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far, user and system; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }

  // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}
