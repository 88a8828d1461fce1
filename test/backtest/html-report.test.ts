import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import Papa from 'papaparse';

import { escapeHtml, jsonForScript } from '../../src/backtest/html-text';
import { backtest, tempDir } from './support';

const URL = 'https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/';
const SCRIPT_TITLE = '<script>alert("pwned")</script> Ransomware';
const CELL_TITLE = "</td><script>document.title='x'</script>";

/** A night export whose titles and owner try to become markup. */
function hostileExport(): string {
  const row = (n: number, title: string, severity: string, changes: Record<string, string>) => ({
    TimeGenerated: `2026-06-06T0${n % 10}:00:30Z`,
    IncidentName: `00000000-0000-4000-8000-000000000${n}`,
    IncidentNumber: String(n),
    Title: title,
    Severity: severity,
    Status: 'New',
    Classification: '',
    Owner: '',
    CreatedTime: `2026-06-06T0${n % 10}:00:00Z`,
    LastModifiedTime: `2026-06-06T0${n % 10}:00:00Z`,
    IncidentUrl: `${URL}00000000-0000-4000-8000-000000000${n}`,
    ...changes,
  });
  const closed = (classification: string, owner: string) => ({
    TimeGenerated: '2026-06-08T10:00:30Z',
    LastModifiedTime: '2026-06-08T10:00:00Z',
    Status: 'Closed',
    Classification: classification,
    Owner: JSON.stringify({ assignedTo: owner }),
  });
  const owner = '<img src=x onerror=alert(1)>';
  const rows = [
    row(901, SCRIPT_TITLE, 'High', {}),
    row(901, SCRIPT_TITLE, 'High', closed('FalsePositive', owner)),
    row(902, CELL_TITLE, 'Medium', {}),
    row(902, CELL_TITLE, 'Medium', closed('TruePositive', owner)),
  ];
  const file = path.join(tempDir(), 'hostile.csv');
  writeFileSync(file, Papa.unparse(rows));
  return file;
}

describe('backtest: the HTML report', function () {
  let html: string;

  before(async function () {
    const run = await backtest(hostileExport());
    html = readFileSync(run.reportPath, 'utf8');
  });

  it('shows a title with <script> as text, in the noise and the missed tables', function () {
    assert.ok(!html.includes('<script>alert'), 'the script tag of a title reached the page');
    assert.ok(!html.includes("<script>document.title='x'"));
    assert.ok(!html.includes('<img src=x'));
    assert.ok(html.includes(escapeHtml(SCRIPT_TITLE).replace('Ransomware', '')));
    assert.ok(html.includes('&lt;/td&gt;&lt;script&gt;document.title=&#39;x&#39;&lt;/script&gt;'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('runs only its own scripts (data, Chart.js, the chart), allowed by hash', function () {
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.deepEqual(
      scripts.map((m) => m[1]),
      [' type="application/json" id="backtest-data"', '', ''],
    );
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp?.startsWith("default-src 'none'; script-src 'sha256-"));
    for (const m of scripts.slice(1)) {
      const hash = createHash('sha256')
        .update(m[2] ?? '')
        .digest('base64');
      assert.ok(csp?.includes(`'sha256-${hash}'`), 'an inline script is not allowed by hash');
    }
  });

  it('opens without a network: Chart.js inline, nothing loaded from anywhere', function () {
    assert.match(html, /Chart\.js v4\.\d+\.\d+/);
    assert.doesNotMatch(html, /<(script|img|link|iframe)[^>]+(src|href)=/i);
    assert.doesNotMatch(html, /@import|url\(/);
  });

  it('links each listed incident to its page in the portal', function () {
    const links = [...html.matchAll(/<a href="([^"]+)"[^>]*>#(\d+)<\/a>/g)].map((m) => [
      m[2],
      m[1],
    ]);
    assert.deepEqual(links, [
      ['902', `${URL}00000000-0000-4000-8000-000000000902`],
      ['901', `${URL}00000000-0000-4000-8000-000000000901`],
    ]);
    assert.ok(html.includes('target="_blank" rel="noopener noreferrer"'));
  });

  it('states the rules and the config that produced it', function () {
    assert.ok(html.includes('<code>timezone: Europe/London</code>'));
    assert.ok(html.includes('<code>escalate severities: High</code>'));
    assert.ok(html.includes('storm rule: more than 10 Low/Medium incidents within 30 min'));
    assert.ok(html.includes('test/fixtures/backtest/oncall.yaml'));
    assert.ok(!html.includes('+44'), 'the roster and its phone numbers stay out of the report');
  });

  it('keeps JSON for a script block free of anything that could end the block', function () {
    const text = jsonForScript({ title: '</script><!-- & \u2028' });
    assert.ok(!/[<>&\u2028]/.test(text));
    assert.deepEqual(JSON.parse(text), { title: '</script><!-- & \u2028' });
  });
});
