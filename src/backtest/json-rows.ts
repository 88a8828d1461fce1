import { createReadStream } from 'node:fs';

import { AppError } from '../errors/app-error';
import type { RowSink } from './csv-rows';
import { columnOf } from './export-columns';
import type { RawRow, RowProblem } from './export-row';

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

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

/**
 * Cuts the text of a top-level JSON array into the texts of its elements, with the line
 * each starts on. Only strings and brackets are tracked; each element is parsed by JSON.parse.
 */
export class JsonArraySplitter {
  readonly #emit: (text: string, line: number) => void;
  #depth = 0;
  #inString = false;
  #escaped = false;
  #line = 1;
  #done = false;
  #parts: string[] = [];
  #active = false;
  #elementLine = 0;

  constructor(emit: (text: string, line: number) => void) {
    this.#emit = emit;
  }

  /** Feeds the next piece of the text. Throws when the text is not an array. */
  push(chunk: string): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk.charCodeAt(i);
      if (this.#inString) {
        this.#stringChar(c);
        continue;
      }

      if (c === NEWLINE) {
        this.#line += 1;
      }

      if (c <= 32 || c === 0xfeff) {
        continue;
      }

      if (this.#depth === 1 && !this.#active && c !== COMMA && c !== CLOSE_ARRAY) {
        this.#active = true;
        this.#elementLine = this.#line;
        start = i;
      }

      const ended = this.#structural(c);
      if (ended && this.#active) {
        this.#finish(this.#parts.join('') + chunk.slice(start, i));
      }
    }

    if (this.#active) {
      this.#parts.push(chunk.slice(start));
    }
  }

  /** Called at the end of the text: throws when the array was not closed. */
  end(): void {
    if (!this.#done) {
      const message = `the JSON export ends inside its array (line ${this.#line}): truncated?`;
      throw new AppError('EXPORT_FORMAT', message, { safe: true });
    }
  }

  #stringChar(c: number): void {
    if (this.#escaped) {
      this.#escaped = false;
    } else if (c === BACKSLASH) {
      this.#escaped = true;
    } else if (c === QUOTE) {
      this.#inString = false;
    }
  }

  /** Tracks depth; answers true when `c` ends the current element (a comma or the end). */
  #structural(c: number): boolean {
    if (this.#depth === 0) {
      this.#open(c);
      return false;
    }

    if (c === QUOTE) {
      this.#inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      this.#depth += 1;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      this.#depth -= 1;
      this.#done = this.#depth === 0;
      return this.#done;
    }

    return c === COMMA && this.#depth === 1;
  }

  #open(c: number): void {
    if (c !== OPEN_ARRAY || this.#done) {
      const message =
        'a JSON export must be one array of row objects (as `az monitor log-analytics ' +
        'query` writes it)';
      throw new AppError('EXPORT_FORMAT', message, { safe: true });
    }

    this.#depth = 1;
  }

  #finish(text: string): void {
    this.#parts = [];
    this.#active = false;
    this.#emit(text, this.#elementLine);
  }
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
