import type { Incident } from '../intake/incident';
import type { EscalationRecord } from '../store/engine-store';
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
  const why = forSpeech(reasons.join('; '), SPOKEN_REASONS_MAX);
  return [
    'This is a security escalation from the SOC on-call bot.',
    `Incident number ${digits}, severity ${incident.severity}.`,
    `${title}.`,
    `It escalated because ${why}.`,
    waiting > 0
      ? `${waiting} more ${waiting === 1 ? 'incident is' : 'incidents are'} waiting.`
      : '',
    'Press 1 to acknowledge.',
  ]
    .filter(Boolean)
    .join(' ');
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

/** What the manager is texted when someone acknowledges. */
export function ackedSms(escalation: EscalationRecord): string {
  const { ack, incident } = escalation;
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
    `SOC escalation: incident ${incident.number} ${who} after ${minutes} min (${ack.via}).`,
    306,
  );
}

/** What the manager is texted when the whole chain went unanswered. */
export function unansweredSms(escalation: EscalationRecord): string {
  const { incident } = escalation;
  const title = forSms(escalation.displayTitle, SMS_TITLE_MAX) || 'untitled';
  return forSms(
    `UNANSWERED SOC escalation: incident ${incident.number} (${incident.severity}) ${title}. ` +
      'Nobody acknowledged; no more calls will be made.',
    306,
  );
}
