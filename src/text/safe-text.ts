/*
 * Incident text is attacker-influenced. These functions turn it into text that is safe to
 * speak, text or show: no markup, no control characters, bounded length.
 */

const TAG = /<\/?[a-z!?][^>]*>?/gi;
const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/gi;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
const PICTOGRAPHS = /[\p{Extended_Pictographic}\p{So}\p{Sk}\u{FE0F}\u{20E3}]/gu;

/**
 * For text-to-speech: markup and SSML removed, URLs dropped, emoji and symbols removed,
 * and nothing left that a speech engine could read as SSML.
 */
export function forSpeech(text: string, max: number): string {
  const spoken = text
    .replace(TAG, ' ')
    .replace(URL_LIKE, ' ')
    .replace(INVISIBLE, ' ')
    .replace(PICTOGRAPHS, ' ')
    .replace(/&/g, ' and ')
    .replace(/[<>"{}[\]\\|^`~_*#=]/g, ' ');
  return truncate(collapse(spoken), max);
}

// GSM 03.38 basic set, less the characters that need an escape or switch encodings.
const GSM7 = /[^@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà\n]/g;

const SMS_REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201A\u2032`]/g, "'"],
  [/[\u201C\u201D\u201E\u2033]/g, '"'],
  [/[\u2013\u2014\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[[{]/g, '('],
  [/[\]}]/g, ')'],
];

/**
 * For SMS: only GSM-7 characters, so one emoji cannot switch the message to UCS-2 and
 * triple its cost. Markup is removed; URLs are kept out of attacker text.
 */
export function forSms(text: string, max: number): string {
  let plain = text.replace(TAG, ' ').replace(URL_LIKE, ' ').normalize('NFC');
  for (const [pattern, replacement] of SMS_REPLACEMENTS) {
    plain = plain.replace(pattern, replacement);
  }

  return truncate(collapse(plain.replace(GSM7, ' ')), max);
}

/**
 * For cards and chat: control and invisible characters removed and the length bounded.
 * Markup stays visible as text; views put this in plain-text runs, never in markdown.
 */
export function forDisplay(text: string, max: number): string {
  return truncate(collapse(text.replace(INVISIBLE, ' ')), max);
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts at a word boundary when one is near, and marks the cut with an ellipsis. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) {
    return text;
  }

  const cut = chars.slice(0, max - 3).join('');
  const space = cut.lastIndexOf(' ');
  const head = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${head.trimEnd()}...`;
}
