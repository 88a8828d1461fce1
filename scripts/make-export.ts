/*
 * Writes a synthetic SecurityIncident export for the backtest benchmark: every column of the
 * table (reference sentinel.md §3), several rows per incident, night bursts, analysts' owners
 * and classifications. Deterministic for a seed. Not for committing: 100,000 rows is ~150 MB.
 * Run: node dist/scripts/make-export.js --rows 100000 --days 90 --format csv --out /tmp/x.csv
 */
import { closeSync, openSync, writeSync } from 'node:fs';

import Papa from 'papaparse';

type Cells = Record<string, string | number>;

const COLUMNS = [
  'TenantId',
  'TimeGenerated',
  'IncidentName',
  'IncidentNumber',
  'Title',
  'Description',
  'Severity',
  'Status',
  'Classification',
  'ClassificationReason',
  'ClassificationComment',
  'Owner',
  'ProviderName',
  'ProviderIncidentId',
  'FirstActivityTime',
  'LastActivityTime',
  'FirstModifiedTime',
  'LastModifiedTime',
  'CreatedTime',
  'ClosedTime',
  'AlertIds',
  'BookmarkIds',
  'Comments',
  'Labels',
  'Tasks',
  'RelatedAnalyticRuleIds',
  'IncidentUrl',
  'AdditionalData',
  'ModifiedBy',
  'SourceSystem',
  'Type',
];

/** Title, severity, and how often it comes, as weights: most incidents are small. */
const TITLES: [string, string, number][] = [
  ['Failed sign-ins from one IP', 'Low', 30],
  ['Mailbox forwarding rule created', 'Medium', 10],
  ['Impossible travel, "risky" sign-in', 'Medium', 10],
  ['Suspicious PowerShell, encoded command', 'Low', 15],
  ['Serious alert 1', 'Medium', 1],
  ['Ransomware behaviour detected on host', 'High', 1],
  ['Mass file download, SharePoint', 'Medium', 8],
  ['New admin account created', 'High', 2],
  ['Anomalous token usage', 'Low', 12],
  ['Malware detected\non endpoint', 'Medium', 5],
  ['[ON-CALL] Known-bad IP contacted', 'High', 1],
  ['Port scan from internal host', 'Informational', 20],
];
const TITLE_WEIGHT = TITLES.reduce((sum, t) => sum + t[2], 0);
const PEOPLE = ['alex@contoso.com', 'sam@contoso.com', 'kim@contoso.com'];
const WORKSPACE = '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9';
const HOUR = 3_600_000;

/** A small deterministic generator (mulberry32): the same seed gives the same export. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Options {
  rows: number;
  days: number;
  format: 'csv' | 'json';
  out: string;
  seed: number;
  start: string;
}

function parseOptions(args: readonly string[]): Options {
  const get = (flag: string, fallback: string) => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
  };
  const format = get('--format', 'csv');
  if (format !== 'csv' && format !== 'json') {
    throw new Error('--format is csv or json');
  }

  return {
    rows: Number(get('--rows', '100000')),
    days: Number(get('--days', '90')),
    format,
    out: get('--out', `backtest-export.${format}`),
    seed: Number(get('--seed', '7')),
    start: get('--start', '2026-03-02T00:00:00Z'),
  };
}

/** Log Analytics writes datetimes with 7 fractional digits. */
function at(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

function guid(next: () => number): string {
  const hex = () => Math.floor(next() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

/** Creation instants: steady through the day, plus a burst of small incidents some nights. */
function creations(options: Options, next: () => number): { ms: number; burst: boolean }[] {
  const incidents = Math.round(options.rows / 4.5);
  const start = Date.parse(options.start);
  const span = options.days * 24 * HOUR;
  const out = Array.from({ length: incidents }, () => ({
    ms: createdAt(start, span, next),
    burst: false,
  }));
  for (let day = 3; day < options.days; day += 6) {
    const burstAt = start + day * 24 * HOUR + 2 * HOUR + Math.floor(next() * 2 * HOUR);
    const size = 12 + Math.floor(next() * 20);
    for (let i = 0; i < size && out.length > 0; i += 1) {
      out[Math.floor(next() * out.length)] = { ms: burstAt + i * 60_000, burst: true };
    }
  }

  return out.sort((a, b) => a.ms - b.ms);
}

/** A creation instant, three times likelier in working hours (08-18 UTC, Monday-Friday). */
function createdAt(start: number, span: number, next: () => number): number {
  for (;;) {
    const ms = start + Math.floor(next() * span);
    const date = new Date(ms);
    const working =
      date.getUTCDay() % 6 !== 0 && date.getUTCHours() >= 8 && date.getUTCHours() < 18;
    if (working || next() < 0.33) {
      return ms;
    }
  }
}

/** 09:00 UTC of the next weekday after an instant: when the day shift picks incidents up. */
function nextMorning(ms: number): number {
  const date = new Date(ms);
  date.setUTCHours(9, 0, 0, 0);
  while (date.getTime() <= ms || date.getUTCDay() % 6 === 0) {
    date.setUTCDate(date.getUTCDate() + 1);
  }

  return date.getTime();
}

function pickTitle(next: () => number): [string, string] {
  let r = next() * TITLE_WEIGHT;
  for (const [title, severity, weight] of TITLES) {
    r -= weight;
    if (r < 0) {
      return [title, severity];
    }
  }

  return ['Failed sign-ins from one IP', 'Low'];
}

function classify(severity: string, next: () => number): string {
  const r = next();
  const truePositive = { High: 0.4, Medium: 0.12, Low: 0.04, Informational: 0.01 }[severity] ?? 0;
  if (r < truePositive) {
    return 'TruePositive';
  }

  return r < 0.55 ? 'BenignPositive' : r < 0.85 ? 'FalsePositive' : 'Undetermined';
}

/** One state of an incident: what one row of the table holds. */
interface State {
  readonly name: string;
  readonly number: number;
  readonly title: string;
  readonly severity: string;
  readonly created: number;
  readonly owner: string;
  readonly status: string;
  readonly classification: string;
  readonly closed: string;
  readonly by: string;
}

/** The rows of one incident: created, owned, commented on, closed (most of them). */
function incidentRows(number: number, created: number, burst: boolean, next: () => number) {
  const [title, severity] = burst ? ['Failed sign-ins from one IP', 'Low'] : pickTitle(next);
  const classification = classify(severity, next);
  const night = new Date(created).getUTCHours() < 8 || new Date(created).getUTCHours() >= 18;
  const quick = classification === 'TruePositive' && night && next() < 0.6;
  const later = night ? nextMorning(created) : created + 1.5 * HOUR;
  const ownedAt = quick ? created + 0.3 * HOUR * next() : later + HOUR * next();
  const closedAt = ownedAt + HOUR * (1 + next() * 20);
  const owner = pick(PEOPLE, next);
  const base: State = {
    ...{ name: guid(next), number, title, severity, created, owner: '', status: 'New' },
    ...{ classification: '', closed: '', by: 'Microsoft Sentinel' },
  };
  const active = { ...base, status: 'Active', owner, by: owner };
  const states = [base, active];
  for (let c = Math.floor(next() * 5); c > 0; c -= 1) {
    states.push(active);
  }

  if (next() < 0.9) {
    states.push({ ...active, status: 'Closed', classification, closed: at(closedAt) });
  }

  const step = (closedAt - ownedAt) / Math.max(states.length - 2, 1);
  const times = states.map((_, i) => (i === 0 ? created : ownedAt + step * (i - 1)));
  return states.map((s, i) => toCells(s, times[i] ?? created, i));
}

function pick<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(next() * list.length)] as T;
}

function toCells(s: State, modified: number, index: number): Cells {
  const portal = 'https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident';
  const url = `${portal}/${s.name}`;
  const owner = {
    objectId: null,
    email: s.owner || null,
    assignedTo: s.owner || null,
    userPrincipalName: s.owner || null,
  };
  const data = {
    alertsCount: 1,
    bookmarksCount: 0,
    commentsCount: index,
    alertProductNames: ['Azure Sentinel'],
    tactics: ['InitialAccess'],
    techniques: ['T1078'],
  };
  return {
    TenantId: WORKSPACE,
    TimeGenerated: at(modified + 20_000),
    IncidentName: s.name,
    IncidentNumber: s.number,
    Title: s.title,
    Description: `Generated for the backtest benchmark: ${s.title}, see the alert for details.`,
    Severity: s.severity,
    Status: s.status,
    Classification: s.classification,
    ClassificationReason: s.classification ? 'SuspiciousActivity' : '',
    ClassificationComment: '',
    Owner: JSON.stringify(owner),
    ProviderName: 'Azure Sentinel',
    ProviderIncidentId: String(s.number),
    FirstActivityTime: at(s.created - 60_000),
    LastActivityTime: at(s.created),
    FirstModifiedTime: at(s.created),
    LastModifiedTime: at(modified),
    CreatedTime: at(s.created),
    ClosedTime: s.closed,
    AlertIds: JSON.stringify([`${s.name.slice(0, 24)}000000000001`]),
    BookmarkIds: '[]',
    Comments: '[]',
    Labels: '[]',
    Tasks: '[]',
    RelatedAnalyticRuleIds: JSON.stringify([`/subscriptions/x/alertRules/${s.name}`]),
    IncidentUrl: url,
    AdditionalData: JSON.stringify(data),
    ModifiedBy: s.by,
    SourceSystem: 'Azure',
    Type: 'SecurityIncident',
  };
}

function write(options: Options, rows: Cells[]): void {
  const fd = openSync(options.out, 'w');
  const batch = 2000;
  const csv = options.format === 'csv';
  writeSync(fd, csv ? `${Papa.unparse([COLUMNS])}\r\n` : '[\n');
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    const text = csv
      ? `${Papa.unparse(part, { columns: COLUMNS, header: false })}\r\n`
      : part.map((r, j) => `${i + j === 0 ? '' : ',\n'}${JSON.stringify(r)}`).join('');
    writeSync(fd, text);
  }

  writeSync(fd, csv ? '' : '\n]\n');
  closeSync(fd);
}

function main(args: readonly string[]): void {
  const options = parseOptions(args);
  const next = random(options.seed);
  const rows: Cells[] = [];
  for (const [i, c] of creations(options, next).entries()) {
    if (rows.length >= options.rows) {
      break;
    }

    rows.push(...incidentRows(10_000 + i, c.ms, c.burst, next));
  }

  // Newest first, as the portal lists them; the backtest must not rely on the order.
  rows.length = Math.min(rows.length, options.rows);
  rows.sort((a, b) => (String(a.TimeGenerated) < String(b.TimeGenerated) ? 1 : -1));
  write(options, rows);
  process.stdout.write(`wrote ${rows.length} rows to ${options.out}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2));
}
