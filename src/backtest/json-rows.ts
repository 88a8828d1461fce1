import { createReadStream } from 'node:fs';

import { columnOf } from './export-columns';
import type { RawRow, RowProblem, RowSink } from './export-row';
import { JsonArraySplitter } from './json-array-splitter';

/**
 * Streams a JSON export (an array of row objects keyed by column name, as `az monitor
 * log-analytics query` writes it) to `sink`, one row at a time: a 100 MB export is never
 * held whole. A row that is not valid JSON is reported with its line and skipped.
 */
export function readJsonExport(file: string, sink: RowSink): Promise<void> {
  const splitter = new JsonArraySplitter((text, line) => sink(toRow(text, line)));
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
    input.on('data', (chunk) => {
      try {
        splitter.push(chunk as string);
      } catch (err) {
        input.destroy(err as Error);
      }
    });
    input.on('error', reject);
    input.on('end', () => {
      try {
        splitter.end();
        resolve();
      } catch (err) {
        reject(err as Error);
      }
    });
  });
}

function toRow(text: string, line: number): RawRow | RowProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { line, problem: `not valid JSON: ${(err as Error).message}` };
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, problem: 'is not an object of columns' };
  }

  const cells: Record<string, unknown> = {};
  for (const [name, cell] of Object.entries(value)) {
    const column = columnOf(name);
    if (column !== null) {
      cells[column] = cell;
    }
  }

  return { line, cells };
}
