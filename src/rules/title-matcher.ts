/** One entry of the known-bad title list. */
export interface TitleMatcher {
  /** The entry as written in the config, for reasons and reports. */
  readonly source: string;
  matches(title: string): boolean;
}

const REGEX_ENTRY = /^\/(.+)\/([a-zA-Z]*)$/s;
const ALLOWED_FLAGS = /^[imsu]*$/;

/**
 * Parses a config entry: `/pattern/flags` is a regular expression, anything else an exact
 * title compared case-insensitively after trimming. Throws when the pattern is invalid.
 */
export function parseTitleMatcher(entry: string): TitleMatcher {
  const regex = REGEX_ENTRY.exec(entry);
  if (!regex) {
    const expected = normaliseTitle(entry);
    return { source: entry, matches: (title) => normaliseTitle(title) === expected };
  }

  const [, pattern = '', flags = ''] = regex;
  if (!ALLOWED_FLAGS.test(flags)) {
    throw new Error(`regex flags "${flags}" are not allowed (use i, m, s or u)`);
  }

  const compiled = new RegExp(pattern, flags);
  return { source: entry, matches: (title) => compiled.test(title) };
}

function normaliseTitle(title: string): string {
  return title.trim().toLocaleLowerCase('en');
}
