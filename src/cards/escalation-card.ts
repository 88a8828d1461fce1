import { forDisplay } from '../text/safe-text';

/** What an escalation card shows. Text fields are raw; the card makes them safe. */
export interface EscalationCardView {
  readonly incidentNumber: number;
  readonly severity: string;
  readonly title: string;
  /** Creation time in the SOC's zone, already formatted ("Sat 6 Jun 02:14 Europe/London"). */
  readonly createdLocal: string;
  readonly reasons: readonly string[];
  /** Who is being called, or why nobody is. */
  readonly calling: string;
  readonly url: string | null;
}

const SEVERITY_COLOUR: Readonly<Record<string, string>> = {
  High: 'Attention',
  Medium: 'Warning',
  Low: 'Accent',
};

/**
 * The Adaptive Card (schema 1.5) for a new escalation. Incident text goes into plain-text
 * runs, so markdown and links inside a title are shown, never rendered.
 */
export function escalationCard(view: EscalationCardView): object {
  const body: object[] = [
    {
      type: 'TextBlock',
      text: 'Security escalation',
      weight: 'Bolder',
      size: 'Large',
      color: SEVERITY_COLOUR[view.severity] ?? 'Default',
      wrap: true,
    },
    plainText(forDisplay(view.title, 300), { weight: 'Bolder' }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Severity', value: plainFact(view.severity) },
        { title: 'Incident', value: `#${view.incidentNumber}` },
        { title: 'Created', value: plainFact(view.createdLocal) },
        { title: 'Calling', value: plainFact(view.calling) },
      ],
    },
    { type: 'TextBlock', text: 'Why', weight: 'Bolder', wrap: true, spacing: 'Medium' },
    ...view.reasons.map((reason) => plainText(forDisplay(reason, 400), {})),
  ];

  const actions =
    view.url === null ? [] : [{ type: 'Action.OpenUrl', title: 'Open in Sentinel', url: view.url }];
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions,
  };
}

function plainText(text: string, style: Record<string, string>): object {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
}

/** Fact values render markdown; escape what could turn into a link or emphasis. */
function plainFact(text: string): string {
  return forDisplay(text, 200).replace(/([\\`*_[\]()<>#~|])/g, '\\$1');
}
