import { RE2JS } from 're2js';

/** One entry of the known-bad title list. */
export interface TitleMatcher {
  /** The entry as written in the config, for reasons and reports. */
  readonly source: string;
  matches(title: string): boolean;
}

const REGEX_ENTRY = /^\/(.+)\/([a-zA-Z]*)$/s;

/** A config title entry split the way the bot reads it. */
export type TitleEntry =
  | { readonly kind: 'exact'; readonly title: string }
  | { readonly kind: 'regex'; readonly pattern: string; readonly flags: string };

/** Splits a known-bad title entry: `/pattern/flags` is a pattern, anything else exact. */
export function readTitleEntry(entry: string): TitleEntry {
  const regex = REGEX_ENTRY.exec(entry);
  if (!regex) {
    return { kind: 'exact', title: entry.trim() };
  }

  return { kind: 'regex', pattern: regex[1] ?? '', flags: regex[2] ?? '' };
}
const ALLOWED_FLAGS = /^[imsu]*$/;

/**
 * Parses a config entry: `/pattern/flags` is a regular expression (RE2 syntax: no
 * backreferences or lookaround), anything else an exact title compared case-insensitively
 * after trimming. Throws when the pattern is invalid.
 */
export function parseTitleMatcher(entry: string): TitleMatcher {
  const read = readTitleEntry(entry);
  if (read.kind === 'exact') {
    const expected = normaliseTitle(read.title);
    return { source: entry, matches: (title) => normaliseTitle(title) === expected };
  }

  const { pattern, flags } = read;
  if (!ALLOWED_FLAGS.test(flags)) {
    throw new Error(`regex flags "${flags}" are not allowed (use i, m, s or u)`);
  }

  // RE2 runs in linear time: a careless pattern cannot freeze the bot on a long title.
  const compiled = RE2JS.compile(pattern, toRe2Flags(flags));
  return { source: entry, matches: (title) => compiled.matcher(title).find() };
}

function toRe2Flags(flags: string): number {
  const bits: Record<string, number> = {
    i: RE2JS.CASE_INSENSITIVE,
    m: RE2JS.MULTILINE,
    s: RE2JS.DOTALL,
    u: 0,
  };
  return [...flags].reduce((all, flag) => all | (bits[flag] ?? 0), 0);
}

function normaliseTitle(title: string): string {
  return title.trim().toLocaleLowerCase('en');
}
