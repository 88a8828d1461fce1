import { forDisplay } from '../text/safe-text';
import { adaptiveCard } from './adaptive-card';

/** Held incidents that share a title. */
export interface DigestGroup {
  readonly title: string;
  readonly severities: string;
  readonly incidents: readonly { number: number; time: string; url: string | null }[];
}

/** What the morning digest shows. Text is raw; the card makes it safe. */
export interface DigestView {
  /** "Fri 5 Jun 18:00 to Mon 8 Jun 09:00 Europe/London". */
  readonly span: string;
  readonly heldCount: number;
  readonly groups: readonly DigestGroup[];
  /** One line per escalation of the night, outcome included. */
  readonly escalations: readonly string[];
  /** One line per storm of the night, with its count. */
  readonly storms: readonly string[];
  /** Shadow mode: the card says so, and compares with what analysts did by morning. */
  readonly shadow?: boolean;
  /** Shadow mode: what the bot would have paged against what analysts did. */
  readonly comparison?: readonly string[];
}

/** Incidents listed one by one; past this, the card gives counts only. */
const LISTED_INCIDENTS = 300;

/** The morning digest as an Adaptive Card (schema 1.5). */
export function digestCard(view: DigestView): object {
  const summary =
    `${view.heldCount} held, ${view.escalations.length} escalated, ` +
    `${view.storms.length} ${view.storms.length === 1 ? 'storm' : 'storms'}`;
  return adaptiveCard(
    [
      { type: 'TextBlock', text: 'Night digest', weight: 'Bolder', size: 'Large', wrap: true },
      plain(view.span),
      plain(summary, 'Bolder'),
      ...section('Shadow comparison', view.comparison ?? []),
      ...section('Storms', view.storms),
      ...section('Escalations', view.escalations),
      ...heldSection(view),
    ],
    view.shadow,
  );
}

function heldSection(view: DigestView): object[] {
  if (view.groups.length === 0) {
    return [heading('Held incidents'), plain('None.')];
  }

  let budget = LISTED_INCIDENTS;
  const blocks = view.groups.flatMap((group) => {
    const listed = group.incidents.slice(0, Math.max(0, budget));
    budget -= listed.length;
    const hidden = group.incidents.length - listed.length;
    const title = `${group.incidents.length} × ${forDisplay(group.title, 150) || 'untitled'}`;
    return [
      plain(`${title} (${group.severities})`, 'Bolder'),
      ...(listed.length === 0 ? [] : [incidentRuns(listed)]),
      ...(hidden === 0 ? [] : [plain(`and ${hidden} more under this title`)]),
    ];
  });
  return [heading('Held incidents'), ...blocks];
}

function incidentRuns(incidents: DigestGroup['incidents']): object {
  const inlines = incidents.flatMap((incident, index) => [
    ...(index === 0 ? [] : [{ type: 'TextRun', text: ' · ', isSubtle: true }]),
    {
      type: 'TextRun',
      text: `#${incident.number} ${incident.time}`,
      ...(incident.url === null
        ? {}
        : { selectAction: { type: 'Action.OpenUrl', url: incident.url } }),
    },
  ]);
  return { type: 'RichTextBlock', inlines };
}

function section(title: string, lines: readonly string[]): object[] {
  return lines.length === 0 ? [] : [heading(title), ...lines.map((line) => plain(line))];
}

function heading(text: string): object {
  return { type: 'TextBlock', text, weight: 'Bolder', wrap: true, spacing: 'Medium' };
}

function plain(text: string, weight?: string): object {
  const run = { type: 'TextRun', text: forDisplay(text, 400), ...(weight ? { weight } : {}) };
  return { type: 'RichTextBlock', inlines: [run] };
}
