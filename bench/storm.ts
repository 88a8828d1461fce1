import { DateTime } from 'luxon';

import { startRig, webhookHeaders, type BenchOptions } from './bench-setup';
import { createdTime, type IncidentFactory } from './incidents';
import { describeStatuses, runLoad } from './load';
import { RssSampler } from './proc-status';
import { progress } from './report';
import { sleep } from './timing';

const COUNT = 10_000;
const CONNECTIONS = 50;
/** Time left to the engine after the last answer, for the storm page to go out. */
const SETTLE_MS = 5_000;

/** An alert storm: how long accepting it took, what it paged, what it stored and cost. */
export interface StormFigures {
  readonly seconds: number;
  readonly pages: number;
  readonly stored: number;
  readonly peakRssMB: number;
}

/**
 * 10,000 night Low incidents, created within five minutes of last night's 02:00 in London,
 * sent as fast as the bot answers them (50 connections). Pages are calls that reached the
 * fake Infobip; the bot's memory is sampled every 100 ms.
 */
export async function measureStorm(
  factory: IncidentFactory,
  options: BenchOptions,
): Promise<StormFigures> {
  const rig = await startRig({ label: 'storm', teams: true }, options);
  const sampler = new RssSampler(rig.bot.pid);
  try {
    const night = lastNight('Europe/London');
    let seq = 0;
    const load = await runLoad({
      url: `${rig.bot.url}/api/incidents`,
      headers: webhookHeaders(),
      connections: CONNECTIONS,
      amount: COUNT,
      body: () => factory.next('storm', createdTime('storm', seq++, night)).body,
    });
    await sleep(SETTLE_MS);
    const peakRssMB = sampler.stop();
    const pages = rig.infobip.calls().length;
    const stored = rig.bot.count('SELECT count(*) FROM incidents');
    progress(
      `storm: ${describeStatuses(load.statuses)} in ${load.seconds.toFixed(1)} s ` +
        `(${Math.round(load.rps)} req/s, p99 ${load.p99} ms); ${pages} calls, ` +
        `${rig.infobip.texts().length} SMS, ${rig.connector.requests.length} Teams requests`,
    );
    return { seconds: load.seconds, pages, stored, peakRssMB };
  } finally {
    sampler.stop();
    await rig.dispose();
  }
}

/** The latest 02:00 in `zone` that has passed: a recent night, whatever time the bench runs. */
function lastNight(zone: string): Date {
  const now = DateTime.now().setZone(zone);
  const today = now.startOf('day').set({ hour: 2 });
  return (today > now ? today.minus({ days: 1 }) : today).toJSDate();
}
