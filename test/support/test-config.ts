import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { parse, stringify } from 'yaml';

const EXAMPLE = path.resolve(__dirname, '../../../oncall.example.yaml');

/** Writes the example config with top-level keys replaced; answers the file's path. */
export function writeConfig(dir: string, overrides: Record<string, unknown>): string {
  const config = { ...(parse(readFileSync(EXAMPLE, 'utf8')) as object), ...overrides };
  const file = path.join(dir, 'oncall.yaml');
  writeFileSync(file, stringify(config));
  return file;
}
