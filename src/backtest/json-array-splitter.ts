import { AppError } from '../errors/app-error';

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

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
