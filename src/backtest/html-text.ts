import { forDisplay } from '../text/safe-text';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe for HTML element content and quoted attribute values: every character
 * that markup gives meaning to becomes an entity. Incident text always goes through this.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Incident text for the report: control and invisible characters removed, length bounded,
 * then escaped. Markup in a title is shown as the text it is.
 */
export function incidentText(text: string, max = 300): string {
  return escapeHtml(forDisplay(text, max));
}

/**
 * A value as JSON inside a `<script type="application/json">` block: `<`, `>` and `&` are
 * written as \u escapes, so no text in it can close the block or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A link to an incident in the portal; plain text when it has no http(s) URL. */
export function incidentLink(url: string | null, label: string): string {
  if (url === null || !/^https?:\/\//i.test(url)) {
    return escapeHtml(label);
  }

  const href = escapeHtml(url);
  return `<a href="${href}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
}
