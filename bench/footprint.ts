import { startRig, type BenchOptions } from './bench-setup';
import { progress } from './report';
import { median, sleep } from './timing';

const STARTS = 3;
const IDLE_MS = 3_000;

/** Start-up time (spawn to the first /healthz 200) and resident memory when idle. */
export interface Footprint {
  readonly ms: number;
  readonly idleRssMB: number;
}

/** Starts the bot three times on a fresh database; answers the medians. */
export async function measureFootprint(options: BenchOptions): Promise<Footprint> {
  const starts: number[] = [];
  const idle: number[] = [];
  for (let i = 1; i <= STARTS; i++) {
    const rig = await startRig({ label: `startup-${i}` }, options);
    try {
      starts.push(rig.bot.startupMs);
      await sleep(IDLE_MS);
      idle.push(rig.bot.memory()?.rssMB ?? 0);
    } finally {
      await rig.dispose();
    }
  }

  const list = (values: number[], unit: string) =>
    values.map((value) => `${value.toFixed(0)} ${unit}`).join(', ');
  progress(`footprint: start-up ${list(starts, 'ms')}; idle RSS ${list(idle, 'MB')}`);
  return { ms: median(starts), idleRssMB: median(idle) };
}
