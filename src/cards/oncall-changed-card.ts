import { forDisplay } from '../text/safe-text';
import { adaptiveCard } from './adaptive-card';

/** What the on-call-changed card shows. Names are raw; the card makes them safe. */
export interface OnCallChangedView {
  /** "Primary", "Manager". */
  readonly role: string;
  readonly person: string;
  /** Who held the role before, or null when nobody did. */
  readonly previous: string | null;
  readonly changedBy: string;
  /** When it was changed, already in local time ("Sat 6 Jun 2026 01:00 Europe/London"). */
  readonly changedAt: string;
  /** When it ends, already in local time, or "until changed". */
  readonly until: string;
  /** Shadow mode: the card says so. */
  readonly shadow?: boolean;
}

/**
 * The Adaptive Card (schema 1.5) posted in the SOC channel when someone changes who is on
 * call in chat. Every name is a plain-text run: a display name never renders as markdown.
 */
export function onCallChangedCard(view: OnCallChangedView): object {
  return adaptiveCard(
    [
      { type: 'TextBlock', text: 'On-call changed', weight: 'Bolder', size: 'Large', wrap: true },
      runs([
        [name(view.person), { weight: 'Bolder' }],
        [` is now ${view.role.toLowerCase()} on call.`, {}],
      ]),
      labelled(view.role, name(view.person)),
      labelled('Until', view.until),
      labelled('Before', view.previous === null ? 'nobody' : name(view.previous)),
      labelled('Changed by', name(view.changedBy)),
      labelled('Changed at', view.changedAt),
    ],
    view.shadow,
  );
}

function labelled(label: string, value: string): object {
  return runs([
    [`${label}: `, { weight: 'Bolder' }],
    [value, {}],
  ]);
}

function runs(parts: [string, Record<string, string>][]): object {
  return {
    type: 'RichTextBlock',
    inlines: parts.map(([text, style]) => ({ type: 'TextRun', text, ...style })),
  };
}

function name(text: string): string {
  return forDisplay(text, 100) || 'someone unnamed';
}
