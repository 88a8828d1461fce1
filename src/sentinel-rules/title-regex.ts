export { readTitleEntry, type TitleEntry } from '../rules/title-matcher';

/** The inline RE2 flags the config's flags stand for; `u` changes nothing in RE2. */
const INLINE_FLAGS: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', u: '' };

/**
 * Writes a config pattern (RE2 syntax, as the bot compiles it) for KQL's `matches regex`: the
 * flags become an inline group and named groups take the `(?P<name>` form every RE2 knows.
 * Throws on lookaround and backreferences, which no RE2 accepts.
 */
export function toRe2(pattern: string, flags: string): string {
  const inline = [...new Set(flags)]
    .map((flag) => {
      const re2 = INLINE_FLAGS[flag];
      if (re2 === undefined) {
        throw new Error(`regex flag "${flag}" has no RE2 counterpart`);
      }

      return re2;
    })
    .sort()
    .join('');
  const body = rewriteBody(pattern);
  return inline === '' ? body : `(?${inline})${body}`;
}

function rewriteBody(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const rest = pattern.slice(i);
    if (/^\\([1-9]|k<)/.test(rest)) {
      throw new Error('backreferences are not supported by KQL regex (RE2)');
    }

    if (rest.startsWith('\\')) {
      out += rest.slice(0, 2);
      i += 2;
      continue;
    }

    if (/^\(\?<?[=!]/.test(rest)) {
      throw new Error('lookahead and lookbehind are not supported by KQL regex (RE2)');
    }

    if (/^\(\?<[A-Za-z_]/.test(rest)) {
      out += '(?P<';
      i += 3;
      continue;
    }

    out += pattern[i];
    i += 1;
  }

  return out;
}
