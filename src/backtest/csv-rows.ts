import { createReadStream } from 'node:fs';

import { parse, type CsvError, type Info } from 'csv-parse';

import { AppError } from '../errors/app-error';
import { columnOf, isLocalTimeHeader, REQUIRED_COLUMNS } from './export-columns';
import type { RawRow, RowProblem } from './export-row';

/** Receives each row of an export, or the problem that made it unreadable, in file order. */
export type RowSink = (item: RawRow | RowProblem) => void;

/** A header cell the backtest reads: its position and its column in Sentinel's spelling. */
interface UsedColumn {
  readonly index: number;
  readonly column: string;
}

/**
 * Streams a CSV export (header row first, RFC 4180 quoting: commas and newlines inside
 * quotes) to `sink`. A bad row is reported and skipped; a header that lacks a required
 * column, or gives times in a local zone, refuses the file with EXPORT_COLUMNS.
 */
export function readCsvExport(file: string, sink: RowSink): Promise<void> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  let header: string[] | null = null;
  let used: UsedColumn[] = [];
  let lastLine = 0;
  return new Promise((resolve, reject) => {
    parser.on('data', ({ record, info }: { record: string[]; info: Info }) => {
      const line = info.lines - newlinesIn(record);
      lastLine = info.lines;
      if (header !== null) {
        sink(toRow(record, header.length, used, line));
        return;
      }

      try {
        used = usedColumns(record);
        header = record;
      } catch (err) {
        parser.destroy(err as Error);
      }
    });
    parser.on('skip', (err: CsvError) => sink({ line: lastLine + 1, problem: skipped(err) }));
    parser.on('error', reject);
    parser.on('end', resolve);
    const input = createReadStream(file);
    input.on('error', (err) => parser.destroy(err));
    input.pipe(parser);
  });
}

function toRow(record: string[], width: number, used: UsedColumn[], line: number) {
  if (record.length !== width) {
    return { line, problem: `has ${record.length} fields where the header has ${width}` };
  }

  const cells: Record<string, string> = {};
  for (const { index, column } of used) {
    cells[column] = record[index] ?? '';
  }

  return { line, cells };
}

function usedColumns(header: readonly string[]): UsedColumn[] {
  const used = header.flatMap((name, index) => {
    const column = columnOf(name);
    return column === null ? [] : [{ index, column, name }];
  });
  const local = used.filter((u) => isLocalTimeHeader(u.name)).map((u) => u.name);
  if (local.length > 0) {
    const message =
      `columns ${local.join(', ')} are in a local time zone: set the portal's display ` +
      'time zone to UTC and export again';
    throw new AppError('EXPORT_COLUMNS', message, { safe: true });
  }

  const missing = REQUIRED_COLUMNS.filter((c) => !used.some((u) => u.column === c));
  if (missing.length > 0) {
    const message =
      `the header has no ${missing.join(', ')} column: export SecurityIncident with all ` +
      'columns (reference: sentinel.md section 3)';
    throw new AppError('EXPORT_COLUMNS', message, { safe: true });
  }

  return used;
}

/** How many lines a record spans beyond its first: newlines quoted inside its cells. */
function newlinesIn(record: readonly string[]): number {
  let count = 0;
  for (const cell of record) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) {
      count += 1;
    }
  }

  return count;
}

function skipped(err: CsvError): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'a quote opened in this row is never closed: the rest of the file could not be read';
  }

  return `not valid CSV (${err.code}): ${err.message.split(' at line')[0]}`;
}
