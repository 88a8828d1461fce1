import type { RecordedRequest } from '../test/fakes/recording-server';
import { startRig, webhookHeaders, type BenchOptions } from './bench-setup';
import { createdTime, type IncidentFactory } from './incidents';
import { progress } from './report';
import { percentile, sleep, waitUntil } from './timing';

const COUNT = 500;
const PER_SECOND = 20;
const CALLS_WITHIN_MS = 30_000;
const PRIMARY = '442079460001';

/** Milliseconds from sending the webhook to the fake Infobip receiving the call. */
export interface CallLatency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * Sends 500 night High incidents at a steady 20 per second, without waiting for answers
 * (Sentinel does not wait either), and times each one until its call reaches Infobip. The
 * chain has one immediate call and per-number limits too high to bundle calls.
 */
export async function measureWebhookToCall(
  factory: IncidentFactory,
  options: BenchOptions,
  tickMs: number,
): Promise<CallLatency> {
  const rig = await startRig(
    {
      label: 'webhook-to-call',
      config: {
        chain: [{ call: 'primary', after: '0s' }],
        callLimits: [{ calls: 100_000, within: '1h' }],
      },
      env: { ENGINE_TICK_MS: String(tickMs) },
      teams: true,
    },
    options,
  );
  // Infobip reports an unanswered call only after the ring time, well after this run.
  rig.infobip.callees.set(PRIMARY, 'silent');
  try {
    const sentAt = await sendSteadily(rig.bot.url, factory);
    await waitUntil(() => rig.infobip.calls().length >= COUNT, CALLS_WITHIN_MS);
    const latencies = matchCalls(rig.infobip.calls(), sentAt);
    const missing = COUNT - latencies.length;
    progress(`webhook to call: ${latencies.length} of ${COUNT} calls arrived, ${missing} missing`);
    if (latencies.length === 0) {
      throw new Error('no call reached the fake Infobip');
    }

    const sorted = latencies.sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? 0 };
  } finally {
    await rig.dispose();
  }
}

/** Sends on a fixed schedule; answers when each incident number was sent (ms since epoch). */
async function sendSteadily(
  botUrl: string,
  factory: IncidentFactory,
): Promise<Map<number, number>> {
  const sentAt = new Map<number, number>();
  const answers: Promise<number>[] = [];
  const start = Date.now();
  for (let i = 0; i < COUNT; i++) {
    await sleep(start + (i * 1000) / PER_SECOND - Date.now());
    const incident = factory.next('escalate', createdTime('escalate', i, new Date()));
    sentAt.set(incident.number, Date.now());
    const answer = fetch(`${botUrl}/api/incidents`, {
      method: 'POST',
      headers: webhookHeaders(),
      body: incident.body,
    }).then(
      (res) => res.status,
      () => 0,
    );
    answers.push(answer);
  }

  const refused = (await Promise.all(answers)).filter((status) => status !== 202).length;
  if (refused > 0) {
    progress(`webhook to call: ${refused} of ${COUNT} webhooks not answered 202`);
  }

  return sentAt;
}

/** The first call of each incident, matched by the digits the call text speaks. */
function matchCalls(calls: readonly RecordedRequest[], sentAt: Map<number, number>): number[] {
  const latencies: number[] = [];
  const seen = new Set<number>();
  for (const call of calls) {
    const text = (call.body as { messages: { text: string }[] }).messages[0]?.text ?? '';
    const digits = /Incident number ((?:\d, )*\d),/.exec(text)?.[1];
    const number = Number(digits?.replaceAll(', ', '') ?? NaN);
    const sent = sentAt.get(number);
    if (sent === undefined || seen.has(number)) {
      continue;
    }

    seen.add(number);
    latencies.push(call.at - sent);
  }

  return latencies;
}
