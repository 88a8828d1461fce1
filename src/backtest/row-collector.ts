import { isProblem, parseExportRow, type RowProblem, type RowSink } from './export-row';
import { HistoryBuilder, type ExportHistories } from './incident-history';

/**
 * Takes an export's rows as they stream in: each is parsed at once and folded into its
 * incident's history, and each bad one is kept with its line. Nothing else is held.
 */
export class RowCollector {
  readonly #builder = new HistoryBuilder();
  readonly #problems: RowProblem[] = [];
  #read = 0;

  /** The sink to hand a reader. */
  readonly sink: RowSink = (item) => {
    this.#read += 1;
    const row = 'cells' in item ? parseExportRow(item) : item;
    if (isProblem(row)) {
      this.#problems.push(row);
      return;
    }

    this.#builder.add(row);
  };

  /** Rows seen, bad ones included. */
  get read(): number {
    return this.#read;
  }

  /** The skipped rows, by line. */
  get problems(): readonly RowProblem[] {
    return [...this.#problems].sort((a, b) => a.line - b.line);
  }

  /** One history per incident of the rows so far. */
  histories(): ExportHistories {
    return this.#builder.build();
  }
}
