import { BareProcess } from './bare-process';
import { startRig, webhookHeaders, type BenchOptions, type BenchRig } from './bench-setup';
import { createdTime, type IncidentFactory, type IncidentKind } from './incidents';
import { describeStatuses, runLoad, type LoadResult } from './load';
import { cpuSeconds } from './proc-status';
import { progress } from './report';

const SECONDS = 10;
const WARM_UP_SECONDS = 2;
const CONNECTIONS = 50;

/** Figures of one path of the bot under load. Latencies in ms. */
export interface PathFigures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly ratio: number;
}

/** Intake throughput, bot against bare restify; `lost` is 202s missing from the database. */
export interface IntakeFigures {
  readonly bare: { readonly rps: number };
  readonly ignore: PathFigures;
  readonly hold: PathFigures;
  readonly lost: number;
}

/**
 * 10 s at 50 connections on the bare server, then on the bot with business-hours incidents
 * (ignore) and night Medium ones (hold), each after a short warm-up. Then the bot is killed
 * with SIGKILL and every incident it answered 202 for is looked up in its database.
 */
export async function measureIntake(
  factory: IncidentFactory,
  options: BenchOptions,
): Promise<IntakeFigures> {
  const bodies = (kind: IncidentKind) => {
    let seq = 0;
    return () => factory.next(kind, createdTime(kind, seq++, new Date())).body;
  };
  const bare = await measureBare(bodies('ignore'));
  const rig = await startRig({ label: 'intake' }, options);
  try {
    const url = `${rig.bot.url}/api/incidents`;
    const spec = { url, headers: webhookHeaders(), connections: CONNECTIONS };
    const load = (kind: IncidentKind, seconds: number) =>
      withCpu(rig.bot.pid, () => runLoad({ ...spec, seconds, body: bodies(kind) }));
    const warm = await load('ignore', WARM_UP_SECONDS);
    const ignore = await load('ignore', SECONDS);
    report('bot, ignore path', ignore);
    const hold = await load('hold', SECONDS);
    report('bot, hold path', hold);
    const lost = await countLost(rig, [warm, ignore, hold], options);
    return {
      bare: { rps: bare.rps },
      ignore: { ...figures(ignore), ratio: ignore.rps / bare.rps },
      hold: { ...figures(hold), ratio: hold.rps / bare.rps },
      lost,
    };
  } finally {
    await rig.dispose();
  }
}

async function measureBare(body: () => string): Promise<LoadResult> {
  const bare = new BareProcess();
  try {
    const url = `${await bare.url()}/api/incidents`;
    const spec = { url, headers: webhookHeaders(), connections: CONNECTIONS, body };
    await runLoad({ ...spec, seconds: WARM_UP_SECONDS });
    const result = await runLoad({ ...spec, seconds: SECONDS });
    report('bare restify', result);
    return result;
  } finally {
    await bare.stop();
  }
}

/** Crashes the bot (unless profiling, which needs a clean exit), then reads its database. */
async function countLost(
  rig: BenchRig,
  loads: readonly LoadResult[],
  options: BenchOptions,
): Promise<number> {
  await (options.profileDir === null ? rig.bot.kill() : rig.bot.stop());
  const stored = new Set(rig.bot.column('SELECT id FROM incidents'));
  const accepted = loads.flatMap((load) => load.accepted);
  const lost = accepted.filter((id) => !stored.has(id)).length;
  const actions = rig.bot
    .column(`SELECT action || ' x ' || count(*) FROM incidents GROUP BY action`)
    .join(', ');
  progress(
    `intake: ${accepted.length} answered 202, ${stored.size} stored (${actions}), ` +
      `${lost} lost after ${options.profileDir === null ? 'SIGKILL' : 'SIGTERM'}`,
  );
  return lost;
}

function figures(load: LoadResult): Omit<PathFigures, 'ratio'> {
  return { rps: load.rps, p50: load.p50, p99: load.p99 };
}

function report(what: string, load: LoadResult & { cpu?: number }): void {
  const cpu = load.cpu === undefined ? '' : `; bot CPU ${Math.round(load.cpu * 100)} % of a core`;
  progress(
    `intake: ${what}: ${Math.round(load.rps)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms ` +
      `(${describeStatuses(load.statuses)}; ${load.errors} errors${cpu})`,
  );
}

/** Runs a load and adds the share of one core the process used meanwhile. */
async function withCpu(
  pid: number,
  run: () => Promise<LoadResult>,
): Promise<LoadResult & { cpu: number }> {
  const before = cpuSeconds(pid);
  const result = await run();
  return { ...result, cpu: (cpuSeconds(pid) - before) / result.seconds };
}
