import { createHash } from 'node:crypto';

import { describeAnalystRule } from './analyst-rule';
import type { BacktestSummary } from './backtest-summary';
import { CHART_INIT, chartLibrary } from './chart-script';
import type { RowProblem } from './export-row';
import { MAX_TABLE_ROWS, missedTable, noiseTable, table, topTables } from './html-tables';
import { escapeHtml, incidentText, jsonForScript } from './html-text';
import { nightLabel } from './nights';
import { REPORT_STYLE } from './report-style';
import type { RunDiff } from './run-diff';
import type { Judgement } from './verdicts';

/** Everything one report shows. */
export interface ReportInput {
  readonly summary: BacktestSummary;
  readonly judgement: Judgement;
  /** The comparison with the previous run, or why there is none. */
  readonly diff: RunDiff | string;
  readonly problems: readonly RowProblem[];
  readonly warnings: readonly string[];
  readonly timezone: string;
  readonly generatedAt: Date;
}

/**
 * The report as one self-contained HTML page: styles, data and Chart.js inline, nothing
 * fetched. Its content security policy runs only its own two scripts, by hash, so even a
 * title that slipped past escaping could not run.
 */
export function htmlReport(input: ReportInput): string {
  const { summary: s, judgement, timezone } = input;
  const scripts = [chartLibrary(), CHART_INIT];
  const hashes = scripts.map((text) => `'sha256-${sha256(text)}'`).join(' ');
  const csp = `default-src 'none'; script-src ${hashes}; style-src 'unsafe-inline'; img-src data:`;
  const missed = judgement.verdicts.filter((v) => v.cell === 'missed');
  const noise = judgement.pages.filter((p) => p.noise);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backtest: ${escapeHtml(s.source.label)}</title>
<style>${REPORT_STYLE}</style></head><body>
<h1>Backtest of the on-call rules</h1>
<p class="sub">${escapeHtml(s.source.label)}, replayed with ${escapeHtml(s.configPath)} on
${escapeHtml(input.generatedAt.toISOString())}</p>
${cards(s)}
${since(input.diff)}
<h2>Agreement with analysts</h2>
${matrix(s)}
<h2>Pages per night</h2>
<div class="chart"><canvas id="pages-per-night" role="img"
 aria-label="pages per night, stacked by what analysts concluded"></canvas></div>
${topTables(s)}
<h2>Missed: analysts escalated, the rules held (${missed.length})</h2>
${missedTable(missed, timezone)}
<h2>Noise: paged, closed FalsePositive or BenignPositive (${noise.length})</h2>
${noiseTable(noise, timezone)}
${rules(s)}
${skipped(input.problems, input.warnings)}
${TERMS}
<script type="application/json" id="backtest-data">${jsonForScript(chartData(s))}</script>
${scripts.map((text) => `<script>${text}</script>`).join('\n')}
</body></html>
`;
}

function cards(s: BacktestSummary): string {
  const card = (value: string, label: string) =>
    `<div class="card"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`;
  return `<div class="cards">${[
    card(String(s.pages.total), `pages (${s.pages.storm} storms)`),
    card(String(s.pages.perNight), 'pages a night'),
    card(String(s.pages.perWeek), 'pages a week'),
    card(String(s.matrix.missed), 'missed'),
    card(String(s.pages.noise), 'noise pages'),
    card(`${(s.matrix.agreement * 100).toFixed(1)} %`, 'agreement'),
  ].join('')}</div>`;
}

function since(diff: RunDiff | string): string {
  if (typeof diff === 'string') {
    return `<p class="since">Since the last run: ${escapeHtml(diff)}</p>`;
  }

  const other = diff.sameExport ? '' : ' (the previous run read another version of the export)';
  const details = diff.details.map((d) => `<li>${incidentText(d, 1000)}</li>`).join('');
  return `<div class="since"><b>Since the last run: ${escapeHtml(diff.headline + other)}</b>
<ul>${details}</ul></div>`;
}

function matrix(s: BacktestSummary): string {
  const m = s.matrix;
  const td = (cell: keyof typeof m, label: string) =>
    `<td class="${cell}">${m[cell]} ${label}</td>`;
  return `<table class="matrix"><thead><tr><th></th><th>analysts escalated</th>
<th>analysts did not</th></tr></thead><tbody>
<tr><th>rules woke someone</th>${td('caught', 'caught')}${td('extra', 'extra')}</tr>
<tr><th>rules held</th>${td('missed', 'missed')}${td('quiet', 'quiet')}</tr>
</tbody></table>
<p>Agreement ${(m.agreement * 100).toFixed(1)} % over the ${s.incidents.night} incidents created
out of business hours; the ${s.incidents.businessHours} created in business hours went to the
staffed SOC and are left out. Escalated by analysts means:
${escapeHtml(describeAnalystRule(s.analystRule))}.</p>`;
}

function rules(s: BacktestSummary): string {
  const lines = s.policy.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join('\n');
  const before = s.incidents.createdBefore;
  return `<h2>Rules and config</h2>
<p>Replayed with <code>${escapeHtml(s.configPath)}</code> through the bot's own intake and rules
(an in-memory store; each incident decided on its earliest row, as it was created):</p>
<ul>${lines}
<li>escalated by analysts: ${escapeHtml(describeAnalystRule(s.analystRule))}</li></ul>
<p>${s.rows.read} rows read, ${s.rows.skipped} skipped; ${s.incidents.replayed} incidents
replayed${before > 0 ? `, and ${before} created before the export's first row left out` : ''}.</p>`;
}

function skipped(problems: readonly RowProblem[], warnings: readonly string[]): string {
  const rows = problems
    .slice(0, MAX_TABLE_ROWS)
    .map((p) => [String(p.line), incidentText(p.problem, 500)]);
  const warned = warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  return `<h2>Skipped rows (${problems.length})</h2>
${table(['line', 'problem'], rows, 'Every row was read.')}
${warned === '' ? '' : `<h3>Warnings</h3><ul>${warned}</ul>`}`;
}

function chartData(s: BacktestSummary) {
  return {
    labels: s.nights.map((n) => nightLabel(n.key).slice(0, -5)),
    real: s.nights.map((n) => n.real),
    noise: s.nights.map((n) => n.noise),
    other: s.nights.map((n) => n.pages - n.real - n.noise),
    missed: s.nights.map((n) => n.missed),
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

const TERMS = `<h2>How to read it</h2><dl class="terms">
<dt>page</dt><dd>An incident the rules escalate on its own, or a storm: the incident that opens a
storm pages once, the incidents that join it do not page again.</dd>
<dt>caught / extra</dt><dd>The rules woke someone (own page or storm), and analysts escalated the
incident / did not.</dd>
<dt>missed</dt><dd>Analysts escalated it, the rules held it for the morning digest.</dd>
<dt>noise page</dt><dd>A page for an incident closed FalsePositive or BenignPositive; a storm is
noise when all its incidents were.</dd>
<dt>night</dt><dd>Noon to noon in the config's time zone, named by its evening.</dd></dl>`;
