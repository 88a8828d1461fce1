import type { BlindReason } from '../intake/heartbeat-rule';
import type { BlindPeriod } from '../store/intake-store';
import { forSms } from '../text/safe-text';
import { localTime } from './card-view';
import { formatDuration } from './chain';

const WHEN = 'ccc d LLL HH:mm';

const WHY: Readonly<Record<BlindReason, string>> = {
  'poll-failing': 'polling Log Analytics keeps failing',
  silent: 'no incident has arrived through any intake',
};

const CHECK: Readonly<Record<BlindReason, string>> = {
  'poll-failing': "Check the bot's access to the Log Analytics workspace and its /healthz.",
  silent: 'Check the Logic App that forwards incidents, and the poller on /healthz.',
};

/** The manager's SMS when a blind period opens: since when, and why. */
export function blindSms(period: BlindPeriod, zone: string): string {
  const since = localTime(period.since, zone, WHEN);
  return forSms(
    `SOC bot cannot see Sentinel since ${since} (${zone}): ${WHY[period.reason]}. ` +
      'Incidents may not reach on-call. ' +
      CHECK[period.reason],
    306,
  );
}

/** The manager's SMS when the bot sees Sentinel again. */
export function recoveredSms(period: BlindPeriod, zone: string): string {
  const recovered = period.recoveredAt ?? period.openedAt;
  return forSms(
    `SOC bot sees Sentinel again since ${localTime(recovered, zone, WHEN)} (${zone}). ` +
      `It was blind from ${localTime(period.since, zone, WHEN)}, ${blindFor(period)}.`,
    306,
  );
}

/** The SOC channel's card when a blind period opens. */
export function blindCard(period: BlindPeriod, zone: string): object {
  return card('Attention', 'The bot cannot see Sentinel', [
    ['Since', `${localTime(period.since, zone, WHEN)} ${zone}`],
    ['Why', WHY[period.reason]],
    ['What it means', 'Incidents may not reach on-call until this recovers.'],
    ['What to check', CHECK[period.reason]],
  ]);
}

/** The SOC channel's card when the bot sees Sentinel again. */
export function recoveredCard(period: BlindPeriod, zone: string): object {
  const recovered = period.recoveredAt ?? period.openedAt;
  return card('Good', 'The bot sees Sentinel again', [
    ['Since', `${localTime(recovered, zone, WHEN)} ${zone}`],
    ['Blind from', `${localTime(period.since, zone, WHEN)} ${zone}`],
    ['Blind for', blindFor(period)],
  ]);
}

function blindFor(period: BlindPeriod): string {
  const end = period.recoveredAt ?? period.openedAt;
  return formatDuration(Math.max(0, end.getTime() - period.since.getTime()));
}

/** An Adaptive Card (schema 1.5) with a coloured title and labelled plain-text lines. */
function card(color: string, title: string, lines: [string, string][]): object {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Large', color, wrap: true },
      ...lines.map(([label, value]) => ({
        type: 'RichTextBlock',
        inlines: [
          { type: 'TextRun', text: `${label}: `, weight: 'Bolder' },
          { type: 'TextRun', text: value },
        ],
      })),
    ],
  };
}
