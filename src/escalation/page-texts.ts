import type { Incident } from '../intake/incident';
import { forSms, forSpeech } from '../text/safe-text';

const SPOKEN_TITLE_MAX = 300;
const SPOKEN_REASONS_MAX = 600;
const SMS_TITLE_MAX = 100;

/** What the first call says. Safe for speech and within Infobip's 1,400 characters. */
export function callText(
  incident: Incident,
  displayTitle: string,
  reasons: readonly string[],
): string {
  const digits = String(incident.number).split('').join(', ');
  const title = forSpeech(displayTitle, SPOKEN_TITLE_MAX) || 'untitled';
  const why = forSpeech(reasons.join('; '), SPOKEN_REASONS_MAX);
  return [
    'This is a security escalation from the SOC on-call bot.',
    `Incident number ${digits}, severity ${incident.severity}.`,
    `${title}.`,
    `It escalated because ${why}.`,
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
