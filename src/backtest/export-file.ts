import { closeSync, openSync, readSync, statSync } from 'node:fs';

import { AppError } from '../errors/app-error';
import { readCsvExport } from './csv-rows';
import type { RowSink } from './export-row';
import { readJsonExport } from './json-rows';

/** The two shapes of a SecurityIncident export. */
export type ExportFormat = 'csv' | 'json';

/** What identifies an export between runs: a re-run compares only like with like. */
export interface ExportIdentity {
  readonly label: string;
  readonly fingerprint: string;
}

/**
 * Streams an export file's rows to `sink`, CSV or JSON by its first character. Throws an
 * AppError (safe to show) when the file cannot be read or is not an export at all.
 */
export async function readExportFile(file: string, sink: RowSink): Promise<ExportIdentity> {
  const stat = statOf(file);
  const format = sniffFormat(file);
  await (format === 'json' ? readJsonExport(file, sink) : readCsvExport(file, sink));
  return { label: file, fingerprint: `${format}:${stat.size}:${stat.mtimeMs}` };
}

/** JSON when the first character that is not blank opens an array or an object. */
export function sniffFormat(file: string): ExportFormat {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(256);
    const read = readSync(fd, head, 0, head.length, 0);
    const text = head
      .subarray(0, read)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const first = text.trimStart()[0];
    return first === '[' || first === '{' ? 'json' : 'csv';
  } finally {
    closeSync(fd);
  }
}

function statOf(file: string) {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) {
      throw new AppError('EXPORT_UNREADABLE', `${file} is not a file`, { safe: true });
    }

    return stat;
  } catch (err) {
    if (err instanceof AppError) {
      throw err;
    }

    const code = (err as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new AppError('EXPORT_UNREADABLE', `cannot read ${file}: ${code}`, { safe: true });
  }
}
