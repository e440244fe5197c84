// Text as dashboards write it → one canonical form: fullwidth digits and punctuation become ASCII,
// odd spaces and minus signs become plain ones. Shared by the number parser and the label matcher.

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const SPACES = /[\s\u00a0\u3000]+/g;
const MINUSES = /[\u2212\ufe63\u2012\u2013]/g;

/** Fullwidth ASCII (U+FF01–FF5E) → ASCII, ￥ → ¥, odd spaces → one space, minus signs → '-'; trimmed. */
export function toHalfwidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0xffe5) out += '¥';
    else if (code === 0xffe0) out += '¢';
    else out += text[i];
  }
  return out.replace(ZERO_WIDTH, '').replace(MINUSES, '-').replace(SPACES, ' ').trim();
}

/** Halfwidth, lower case, no spaces at all: the form labels are compared in ("Avg. watch time" → "avg.watchtime"). */
export function labelKey(text: string): string {
  return toHalfwidth(text).toLowerCase().replace(/ /g, '');
}
