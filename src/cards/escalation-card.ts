import { forDisplay } from '../text/safe-text';
import { adaptiveCard } from './adaptive-card';

/** Where the escalation stands, as the card's status line shows it. */
export type CardState = 'open' | 'acknowledged' | 'unanswered';

/** What an escalation card shows. Text fields are raw; the card makes them safe. */
export interface EscalationCardView {
  readonly escalationId: string;
  readonly incidentNumber: number;
  readonly severity: string;
  readonly title: string;
  /** Creation time in the SOC's zone, already formatted ("Sat 6 Jun 02:14 Europe/London"). */
  readonly createdLocal: string;
  readonly reasons: readonly string[];
  /** Who is being called, or why nobody is. */
  readonly calling: string;
  readonly url: string | null;
  readonly state: CardState;
  /** "Acknowledged by Sam Lee at 02:14", "Unanswered: nobody acknowledged", or null. */
  readonly statusLine: string | null;
  /** Timeline lines, oldest first, already formatted with their local times. */
  readonly timeline: readonly string[];
  /** Set for a storm: its incidents grouped by title. */
  readonly storm: StormCardView | null;
  /** Shadow mode: nobody is called; the card says who would have been. */
  readonly shadow?: boolean;
}

/** A storm's incidents as its card lists them. */
export interface StormCardView {
  readonly count: number;
  /** "8 Low, 3 Medium". */
  readonly severities: string;
  /** "01:02 to 01:29 Europe/London". */
  readonly span: string;
  readonly groups: readonly {
    title: string;
    count: number;
    severities: string;
    url: string | null;
  }[];
}

const STORM_GROUPS = 25;

/** The verb of the Acknowledge button, for Action.Execute and the Action.Submit fallback. */
export const ACK_VERB = 'ack';

const SEVERITY_COLOUR: Readonly<Record<string, string>> = {
  High: 'Attention',
  Medium: 'Warning',
  Low: 'Accent',
};

const TIMELINE_LINES = 12;

/**
 * The Adaptive Card (schema 1.5) of an escalation, in every state. Incident text goes into
 * plain-text runs, so markdown and links inside a title are shown, never rendered.
 */
export function escalationCard(view: EscalationCardView): object {
  const body: object[] = [
    heading(view),
    plainText(forDisplay(view.title, 300) || 'untitled', { weight: 'Bolder' }),
    ...(view.statusLine === null ? [] : [plainText(view.statusLine, { weight: 'Bolder' })]),
    {
      type: 'FactSet',
      facts: [
        { title: 'Severity', value: plainFact(view.severity) },
        ...(view.storm === null
          ? [
              { title: 'Incident', value: `#${view.incidentNumber}` },
              { title: 'Created', value: plainFact(view.createdLocal) },
            ]
          : [
              { title: 'Incidents', value: `${view.storm.count}` },
              { title: 'Created', value: plainFact(view.storm.span) },
            ]),
        { title: view.shadow ? 'Would have called' : 'Calling', value: plainFact(view.calling) },
      ],
    },
    section('Why'),
    ...view.reasons.map((reason) => plainText(forDisplay(reason, 400), {})),
    ...stormSection(view.storm),
    ...timelineSection(view.timeline),
  ];

  return adaptiveCard(body, view.shadow, actions(view));
}

function heading(view: EscalationCardView): object {
  const text = {
    open: 'Security escalation',
    acknowledged: 'Security escalation: acknowledged',
    unanswered: 'Security escalation: UNANSWERED',
  }[view.state];
  const colour = view.state === 'acknowledged' ? 'Good' : SEVERITY_COLOUR[view.severity];
  return {
    type: 'TextBlock',
    text,
    weight: 'Bolder',
    size: 'Large',
    color: colour ?? 'Default',
    wrap: true,
  };
}

function stormSection(storm: StormCardView | null): object[] {
  if (storm === null) {
    return [];
  }

  const shown = storm.groups.slice(0, STORM_GROUPS).map((group) => ({
    type: 'RichTextBlock',
    inlines: [
      { type: 'TextRun', text: `${group.count} × `, weight: 'Bolder' },
      {
        type: 'TextRun',
        text: forDisplay(group.title, 120) || 'untitled',
        ...(group.url === null ? {} : { selectAction: { type: 'Action.OpenUrl', url: group.url } }),
      },
      { type: 'TextRun', text: ` (${group.severities})`, isSubtle: true },
    ],
  }));
  const hidden = storm.groups.slice(STORM_GROUPS);
  const rest = hidden.reduce((sum, group) => sum + group.count, 0);
  const more =
    hidden.length === 0
      ? []
      : [plainText(`and ${rest} more incidents under ${hidden.length} other titles`, {})];
  const summary = `${storm.count} incidents (${storm.severities}), ${storm.span}`;
  return [section('Incidents'), plainText(summary, { weight: 'Bolder' }), ...shown, ...more];
}

function timelineSection(lines: readonly string[]): object[] {
  if (lines.length === 0) {
    return [];
  }

  const shown = lines.slice(-TIMELINE_LINES).map((line) => plainText(forDisplay(line, 200), {}));
  return [section('Timeline'), ...shown];
}

function actions(view: EscalationCardView): object[] {
  const open =
    view.url === null ? [] : [{ type: 'Action.OpenUrl', title: 'Open in Sentinel', url: view.url }];
  if (view.state !== 'open') {
    return open;
  }

  const data = { verb: ACK_VERB, escalationId: view.escalationId };
  const acknowledge = {
    type: 'Action.Execute',
    title: 'Acknowledge',
    verb: ACK_VERB,
    data,
    style: 'positive',
    fallback: { type: 'Action.Submit', title: 'Acknowledge', data },
  };
  return [acknowledge, ...open];
}

function section(title: string): object {
  return { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' };
}

function plainText(text: string, style: Record<string, string>): object {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
}

/** Fact values render markdown; escape what could turn into a link or emphasis. */
function plainFact(text: string): string {
  return forDisplay(text, 200).replace(/([\\`*_[\]()<>#~|])/g, '\\$1');
}
