import type { AnalystRule } from './analyst-rule';
import type { ExportIdentity } from './export-file';
import { nightOf, nightsBetween, weekOf } from './nights';
import { PageCounts, rollUp, type PageCount } from './page-counts';
import type { Judgement, MatrixCell, Page } from './verdicts';

/** The numbers of one backtest run: what the terminal shows and the next run compares to. */
export interface BacktestSummary {
  readonly version: 1;
  readonly source: ExportIdentity;
  readonly configPath: string;
  readonly policy: readonly string[];
  readonly analystRule: AnalystRule;
  readonly rows: { readonly read: number; readonly skipped: number };
  readonly incidents: {
    readonly replayed: number;
    readonly night: number;
    readonly businessHours: number;
    readonly createdBefore: number;
  };
  readonly period: { readonly firstNight: string; readonly lastNight: string; nights: number };
  readonly pages: {
    readonly total: number;
    readonly incident: number;
    readonly storm: number;
    readonly real: number;
    readonly noise: number;
    readonly perNight: number;
    readonly perWeek: number;
  };
  readonly matrix: Readonly<Record<MatrixCell, number>> & { readonly agreement: number };
  readonly nights: readonly PageCount[];
  readonly weeks: readonly PageCount[];
  readonly busiestNights: readonly PageCount[];
  readonly noisyTitles: readonly { readonly title: string; readonly pages: number }[];
  /** Incident ids, for telling which incidents a re-run changed. */
  readonly ids: { readonly paged: string[]; readonly missed: string[]; readonly noise: string[] };
}

/** What the summary needs besides the judgement. */
export interface SummaryContext {
  readonly source: ExportIdentity;
  readonly configPath: string;
  readonly policy: readonly string[];
  readonly timezone: string;
  readonly analystRule: AnalystRule;
  readonly rows: { readonly read: number; readonly skipped: number };
  readonly createdBefore: number;
}

const TOP = 10;

/** Counts a judgement into the run's summary. Nights and weeks are local to the policy's zone. */
export function summarise(judgement: Judgement, context: SummaryContext): BacktestSummary {
  const { verdicts, pages } = judgement;
  const zone = context.timezone;
  const cells = countCells(judgement);
  const missed = verdicts.filter((v) => v.cell === 'missed');
  const first = verdicts[0]?.replayed.history.created.createdTimeUtc;
  const last = verdicts.at(-1)?.replayed.history.created.createdTimeUtc;
  const range = first && last ? nightsBetween(nightOf(first, zone), nightOf(last, zone)) : [];
  const nightAt = (utc: string) => nightOf(utc, zone);
  const nights = new PageCounts(range);
  pages.forEach((p) => nights.addPage(nightAt(p.opener.history.created.createdTimeUtc), p));
  missed.forEach((v) => nights.addMiss(nightAt(v.replayed.history.created.createdTimeUtc)));
  const nightRows = nights.rows();
  const weeks = rollUp(nightRows, (n) => weekOf(n.key));
  const nightCount = Math.max(range.length, 1);
  const night = verdicts.filter((v) => v.cell !== null).length;
  return {
    version: 1,
    source: context.source,
    configPath: context.configPath,
    policy: context.policy,
    analystRule: context.analystRule,
    rows: context.rows,
    incidents: {
      replayed: verdicts.length,
      night,
      businessHours: verdicts.length - night,
      createdBefore: context.createdBefore,
    },
    period: { firstNight: range[0] ?? '', lastNight: range.at(-1) ?? '', nights: range.length },
    pages: {
      total: pages.length,
      incident: pages.filter((p) => p.kind === 'incident').length,
      storm: pages.filter((p) => p.kind === 'storm').length,
      real: pages.filter((p) => p.real).length,
      noise: pages.filter((p) => p.noise).length,
      perNight: round(pages.length / nightCount),
      perWeek: round((pages.length * 7) / nightCount),
    },
    matrix: { ...cells, agreement: night === 0 ? 1 : share(cells.caught + cells.quiet, night) },
    nights: nightRows,
    weeks,
    busiestNights: nightRows
      .filter((n) => n.pages > 0)
      .sort((a, b) => b.pages - a.pages || (a.key < b.key ? -1 : 1))
      .slice(0, TOP),
    noisyTitles: noisyTitles(pages),
    ids: {
      paged: pages.map((p) => p.opener.history.id),
      missed: missed.map((v) => v.replayed.history.id),
      noise: pages.filter((p) => p.noise).map((p) => p.opener.history.id),
    },
  };
}

/** The title a page is listed under: a storm by the title of the incident that opened it. */
function countCells(judgement: Judgement): Record<MatrixCell, number> {
  const cells = { caught: 0, extra: 0, missed: 0, quiet: 0 };
  for (const v of judgement.verdicts) {
    if (v.cell !== null) {
      cells[v.cell] += 1;
    }
  }

  return cells;
}

function noisyTitles(pages: readonly Page[]): { title: string; pages: number }[] {
  const counts = new Map<string, number>();
  for (const page of pages.filter((p) => p.noise)) {
    const name = page.opener.displayTitle;
    const title = page.kind === 'storm' ? `storms opened by: ${name}` : name;
    counts.set(title, (counts.get(title) ?? 0) + 1);
  }

  return [...counts]
    .map(([title, n]) => ({ title, pages: n }))
    .sort((a, b) => b.pages - a.pages || a.title.localeCompare(b.title))
    .slice(0, TOP);
}

/** A fraction to three decimals: 0.333 shows as 33.3 %. */
function share(part: number, whole: number): number {
  return Math.round((part / whole) * 1000) / 1000;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
