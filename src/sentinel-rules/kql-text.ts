/** A KQL string literal in double quotes; throws on control characters a title never needs. */
export function kqlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    out += escapeChar(ch);
  }

  return `${out}"`;
}

/** A parenthesised list of KQL string literals, as `in` and `in~` take it. */
export function kqlStringList(values: readonly string[]): string {
  return `(${values.map(kqlString).join(', ')})`;
}

/** A KQL timespan literal for whole minutes: `1d`, `2h` or `90m`. */
export function kqlMinutes(minutes: number): string {
  if (minutes > 0 && minutes % 1440 === 0) {
    return `${minutes / 1440}d`;
  }

  if (minutes > 0 && minutes % 60 === 0) {
    return `${minutes / 60}h`;
  }

  return `${minutes}m`;
}

/** An ISO 8601 duration in whole minutes, as analytics rules take it: 90 becomes PT1H30M. */
export function isoMinutes(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const time = `${hours > 0 ? `${hours}H` : ''}${rest > 0 ? `${rest}M` : ''}`;
  if (minutes === 0) {
    return 'PT0M';
  }

  return `P${days > 0 ? `${days}D` : ''}${time === '' ? '' : `T${time}`}`;
}

function escapeChar(ch: string): string {
  switch (ch) {
    case '\\':
      return '\\\\';
    case '"':
      return '\\"';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      if (/\p{Cc}/u.test(ch)) {
        throw new Error(`control character U+${ch.codePointAt(0)?.toString(16)} in a KQL string`);
      }

      return ch;
  }
}
