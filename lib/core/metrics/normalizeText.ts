// Text as dashboards write it → one canonical form: fullwidth digits and punctuation become ASCII,
// odd spaces and minus signs become plain ones. Shared by the number parser and the label matcher.

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
// `\s` already covers U+00A0 and U+3000.
const SPACES = /\s+/g;
const MINUSES = /[\u2212\ufe63\u2012\u2013]/g;
const FULLWIDTH = /[\uff01-\uff5e\uffe0\uffe5]/g;

/** Fullwidth ASCII (U+FF01–FF5E) → ASCII, ￥ → ¥, odd spaces → one space, minus signs → '-'; trimmed. */
export function toHalfwidth(text: string): string {
  return text
    .replace(FULLWIDTH, (c) =>
      c === '\uffe5' ? '¥' : c === '\uffe0' ? '¢' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(ZERO_WIDTH, '')
    .replace(MINUSES, '-')
    .replace(SPACES, ' ')
    .trim();
}

/** Halfwidth, lower case, no spaces at all: the form labels are compared in ("Avg. watch time" → "avg.watchtime"). */
export function labelKey(text: string): string {
  return toHalfwidth(text).toLowerCase().replace(/ /g, '');
}
