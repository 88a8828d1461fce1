import { createReadStream } from 'node:fs';

import Papa from 'papaparse';

import { AppError } from '../errors/app-error';
import { columnOf, isLocalTimeHeader, REQUIRED_COLUMNS } from './export-columns';
import type { RawRow, RowProblem, RowSink } from './export-row';

/** A header cell the backtest reads: its position and its column in Sentinel's spelling. */
interface UsedColumn {
  readonly index: number;
  readonly column: string;
}

/**
 * Streams a CSV export (header row first, RFC 4180 quoting: commas and newlines inside
 * quotes) to `sink`. A bad row is reported with the line it starts on and skipped; a header
 * that lacks a required column, or gives times in a local zone, refuses the file.
 */
export function readCsvExport(file: string, sink: RowSink): Promise<void> {
  let used: UsedColumn[] | null = null;
  let width = 0;
  let line = 1;
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    input.on('error', reject);
    Papa.parse<string[]>(input, {
      delimiter: ',',
      step: (result, parser) => {
        const start = line;
        line += 1 + newlinesIn(result.data);
        if (isBlank(result.data)) {
          return;
        }

        if (used !== null) {
          sink(toItem(result, width, used, { start, end: line - 1 }));
          return;
        }

        try {
          used = usedColumns(result.data);
          width = result.data.length;
        } catch (err) {
          reject(err as Error);
          parser.abort();
        }
      },
      complete: () =>
        used === null
          ? reject(new AppError('EXPORT_FORMAT', `${file} is empty`, { safe: true }))
          : resolve(),
      error: (err: Error) => reject(err),
    });
  });
}

function toItem(
  result: Papa.ParseStepResult<string[]>,
  width: number,
  used: readonly UsedColumn[],
  lines: { start: number; end: number },
): RawRow | RowProblem {
  const { data: record, errors } = result;
  const error = errors[0];
  if (error !== undefined) {
    return { line: lines.start, problem: quoteProblem(error, lines) };
  }

  if (record.length !== width) {
    return {
      line: lines.start,
      problem: `has ${record.length} fields where the header has ${width}`,
    };
  }

  const cells: Record<string, string> = {};
  for (const { index, column } of used) {
    cells[column] = record[index] ?? '';
  }

  return { line: lines.start, cells };
}

function usedColumns(header: readonly string[]): UsedColumn[] {
  const used = header.flatMap((name, index) => {
    const column = columnOf(name);
    return column === null ? [] : [{ index, column }];
  });
  const local = header.filter(isLocalTimeHeader);
  if (local.length > 0) {
    const message =
      `columns ${local.join(', ')} are in a local time zone: set the portal's display ` +
      'time zone to UTC and export again';
    throw new AppError('EXPORT_COLUMNS', message, { safe: true });
  }

  const missing = REQUIRED_COLUMNS.filter((c) => !used.some((u) => u.column === c));
  if (missing.length > 0) {
    const message =
      `the CSV header has no ${missing.join(', ')} column: export SecurityIncident with ` +
      'all its columns';
    throw new AppError('EXPORT_COLUMNS', message, { safe: true });
  }

  return used;
}

function quoteProblem(error: Papa.ParseError, lines: { start: number; end: number }): string {
  if (error.code === 'MissingQuotes') {
    return 'a quote opened in this row is never closed: the rest of the file could not be read';
  }

  const span =
    lines.end > lines.start ? `: lines ${lines.start}-${lines.end} were read as one` : '';
  return `not valid CSV (${error.message})${span}`;
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

function isBlank(record: readonly string[]): boolean {
  return record.length === 1 && record[0]?.trim() === '';
}
