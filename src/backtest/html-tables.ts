import { DateTime } from 'luxon';

import { escapeHtml, incidentLink, incidentText } from './html-text';
import type { BacktestSummary } from './backtest-summary';
import { nightLabel } from './nights';
import type { IncidentVerdict, Page } from './verdicts';

/** At most this many rows per incident table: a report stays quick to open. */
export const MAX_TABLE_ROWS = 1000;

/** An HTML table; cells are HTML already escaped by the caller. */
export function table(headers: readonly string[], rows: readonly string[][], empty: string) {
  if (rows.length === 0) {
    return `<p class="empty">${escapeHtml(empty)}</p>`;
  }

  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The incidents analysts escalated and the rules held, with why the rules held them. */
export function missedTable(missed: readonly IncidentVerdict[], zone: string): string {
  const rows = missed.slice(0, MAX_TABLE_ROWS).map((v) => {
    const h = v.replayed.history;
    return [
      incidentLink(h.latest.url, `#${h.latest.number}`),
      escapeHtml(localTime(h.created.createdTimeUtc, zone)),
      incidentText(v.replayed.displayTitle),
      escapeHtml(h.created.severity),
      incidentText(analystsSummary(v, zone)),
      incidentText(v.replayed.reasons.at(-1) ?? ''),
    ];
  });
  const headers = ['incident', 'created', 'title', 'severity', 'analysts', 'why the rules held it'];
  return table(headers, rows, 'No misses.') + cutNote(missed.length);
}

/** The pages for incidents analysts closed as FalsePositive or BenignPositive. */
export function noiseTable(pages: readonly Page[], zone: string): string {
  const rows = pages.slice(0, MAX_TABLE_ROWS).map((p) => {
    const h = p.opener.history;
    const kind = p.kind === 'storm' ? `storm of ${p.incidents}` : 'incident';
    return [
      incidentLink(h.latest.url, `#${h.latest.number}`),
      escapeHtml(localTime(h.created.createdTimeUtc, zone)),
      escapeHtml(kind),
      incidentText(p.opener.displayTitle),
      escapeHtml(h.created.severity),
      escapeHtml(h.latest.classification ?? 'open'),
    ];
  });
  const headers = ['incident', 'paged at', 'page', 'title', 'severity', 'closed as'];
  return table(headers, rows, 'No noise pages.') + cutNote(pages.length);
}

/** Busiest nights, noisiest titles and pages per week, side by side. */
export function topTables(summary: BacktestSummary): string {
  const nights = summary.busiestNights.map((n) => [
    escapeHtml(nightLabel(n.key)),
    String(n.pages),
    String(n.noise),
    String(n.missed),
  ]);
  const titles = summary.noisyTitles.map((t) => [incidentText(t.title), String(t.pages)]);
  const weeks = summary.weeks.map((w) => [
    escapeHtml(w.key),
    String(w.pages),
    String(w.real),
    String(w.noise),
    String(w.missed),
  ]);
  return [
    '<div class="tops"><section><h3>Busiest nights</h3>',
    table(['night of', 'pages', 'noise', 'missed'], nights, 'No pages.'),
    '</section><section><h3>Titles causing most noise</h3>',
    table(['title', 'noise pages'], titles, 'No noise.'),
    '</section><section><h3>Pages per week</h3>',
    table(['week', 'pages', 'real', 'noise', 'missed'], weeks, 'No incidents.'),
    '</section></div>',
  ].join('\n');
}

/** Local time as people read it: "Sat 6 Jun 2026 02:14". */
export function localTime(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone).toFormat('ccc d LLL yyyy HH:mm');
}

function analystsSummary(v: IncidentVerdict, zone: string): string {
  const h = v.replayed.history;
  const parts = [h.latest.classification ?? h.latest.status];
  if (h.ownerSince !== null && h.latest.owner !== null) {
    parts.push(`owner ${h.latest.owner} from ${localTime(h.ownerSince, zone)}`);
  }

  return parts.join(', ');
}

function cutNote(total: number): string {
  if (total <= MAX_TABLE_ROWS) {
    return '';
  }

  return `<p class="note">The first ${MAX_TABLE_ROWS} of ${total} are listed.</p>`;
}
