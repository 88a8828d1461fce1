import type { Incident } from '../intake/incident';
import type { EscalationRecord, StormSummary } from '../store/engine-store';
import { forSms, forSpeech } from '../text/safe-text';

const SPOKEN_TITLE_MAX = 300;
const SPOKEN_REASONS_MAX = 600;
const SMS_TITLE_MAX = 100;

/** What the first call says. Safe for speech and within Infobip's 1,400 characters. */
export function callText(
  incident: Incident,
  displayTitle: string,
  reasons: readonly string[],
  waiting = 0,
): string {
  const digits = String(incident.number).split('').join(', ');
  const title = forSpeech(displayTitle, SPOKEN_TITLE_MAX) || 'untitled';
  return spokenPage(
    [`Incident number ${digits}, severity ${incident.severity}.`, `${title}.`],
    reasons,
    waiting,
  );
}

/** The frame of every call: who calls, what, why, what else waits, and how to acknowledge. */
function spokenPage(what: string[], reasons: readonly string[], waiting: number): string {
  const why = forSpeech(reasons.join('; '), SPOKEN_REASONS_MAX);
  const more = `${plural(waiting, 'more incident')} ${waiting === 1 ? 'is' : 'are'} waiting.`;
  return [
    'This is a security escalation from the SOC on-call bot.',
    ...what,
    `It escalated because ${why}.`,
    ...(waiting > 0 ? [more] : []),
    'Press 1 to acknowledge.',
  ].join(' ');
}

/** What the manager is texted when an escalation opens. */
export function managerOpenedSms(
  incident: Incident,
  displayTitle: string,
  calling: string,
): string {
  const title = forSms(displayTitle, SMS_TITLE_MAX) || 'untitled';
  return forSms(
    `SOC escalation: incident ${incident.number} (${incident.severity}) ${title}. ${calling}.`,
    306,
  );
}

/** What a storm's call says: how many incidents in how many minutes, and the top titles. */
export function stormCallText(
  storm: StormSummary,
  reasons: readonly string[],
  waiting = 0,
): string {
  const top = storm.groups
    .slice(0, 3)
    .map((g) => `${forSpeech(g.title, 80) || 'untitled'}, ${plural(g.count, 'time')}`)
    .join('; ');
  const minutes = plural(stormMinutes(storm), 'minute');
  return spokenPage(
    [`A storm: ${storm.count} incidents arrived in ${minutes}.`, `Most frequent titles: ${top}.`],
    reasons,
    waiting,
  );
}

/** What the manager is texted when a storm opens. */
export function stormOpenedSms(storm: StormSummary, calling: string): string {
  const top = forSms(storm.groups[0]?.title ?? '', 60);
  return forSms(
    `SOC storm: ${storm.count} incidents in ${stormMinutes(storm)} min, most often "${top}". ` +
      `${calling}.`,
    306,
  );
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Minutes from a storm's first to its last incident, at least 1. */
function stormMinutes(storm: StormSummary): number {
  const ms = Date.parse(storm.lastCreatedUtc) - Date.parse(storm.firstCreatedUtc);
  return Math.max(1, Math.round(ms / 60_000));
}

/** How SMS name an escalation: its incident, or its storm. */
function subject(escalation: EscalationRecord): string {
  return escalation.stormId === null
    ? `incident ${escalation.incident.number}`
    : `storm (${forSms(escalation.displayTitle, 60)})`;
}

/** What the manager is texted when someone acknowledges. */
export function ackedSms(escalation: EscalationRecord): string {
  const { ack } = escalation;
  if (ack === null) {
    return '';
  }

  const minutes = Math.max(
    0,
    Math.round((ack.at.getTime() - escalation.openedAt.getTime()) / 60_000),
  );
  const who =
    ack.via === 'sentinel' ? `taken in Sentinel (${ack.by})` : `acknowledged by ${ack.by}`;
  return forSms(
    `SOC escalation: ${subject(escalation)} ${who} after ${minutes} min (${ack.via}).`,
    306,
  );
}

/** What the manager is texted when the whole chain went unanswered. */
export function unansweredSms(escalation: EscalationRecord): string {
  const { incident } = escalation;
  const title = forSms(escalation.displayTitle, SMS_TITLE_MAX) || 'untitled';
  const what =
    escalation.stormId === null
      ? `incident ${incident.number} (${incident.severity}) ${title}`
      : subject(escalation);
  return forSms(
    `UNANSWERED SOC escalation: ${what}. Nobody acknowledged; no more calls will be made.`,
    306,
  );
}
