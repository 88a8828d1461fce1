import type { Page } from './verdicts';

/** Pages of one night or week, and the misses of the same stretch. */
export interface PageCount {
  readonly key: string;
  readonly pages: number;
  /** Pages for incidents analysts escalated (noise pages excluded). */
  readonly real: number;
  readonly noise: number;
  readonly missed: number;
}

type MutableCount = { -readonly [K in keyof PageCount]: PageCount[K] };
type Field = Exclude<keyof PageCount, 'key'>;

/** Counts pages and misses under keys (nights), every key present even when nothing came. */
export class PageCounts {
  readonly #counts = new Map<string, MutableCount>();

  constructor(keys: readonly string[]) {
    keys.forEach((key) => this.#counts.set(key, empty(key)));
  }

  /** Counts a page under its night. */
  addPage(key: string, page: Page): void {
    this.#bump(key, 'pages');
    if (page.real) {
      this.#bump(key, 'real');
    }

    if (page.noise) {
      this.#bump(key, 'noise');
    }
  }

  /** Counts a missed incident under its night. */
  addMiss(key: string): void {
    this.#bump(key, 'missed');
  }

  /** The counts, in the order their keys were first given. */
  rows(): PageCount[] {
    return [...this.#counts.values()];
  }

  #bump(key: string, field: Field): void {
    const count = this.#counts.get(key) ?? empty(key);
    count[field] += 1;
    this.#counts.set(key, count);
  }
}

/** Sums counts under coarser keys: nights into weeks. */
export function rollUp(rows: readonly PageCount[], keyOf: (row: PageCount) => string): PageCount[] {
  const out = new Map<string, MutableCount>();
  for (const row of rows) {
    const key = keyOf(row);
    const sum = out.get(key) ?? empty(key);
    sum.pages += row.pages;
    sum.real += row.real;
    sum.noise += row.noise;
    sum.missed += row.missed;
    out.set(key, sum);
  }

  return [...out.values()];
}

function empty(key: string): MutableCount {
  return { key, pages: 0, real: 0, noise: 0, missed: 0 };
}
