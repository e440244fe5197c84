import { METRIC_IDS, METRICS } from '../../core/metrics/metricCatalog';
import { labelKey } from '../../core/metrics/normalizeText';

// What any text that names a metric must contain, as a pattern on the page's raw text: the start of some catalog
// label in the spelling a page may use (upper case, fullwidth letters, spaces or zero-width marks between
// characters, another minus sign). The label walk asks a container's whole text against it before going into it,
// so it must never miss a label that matchLabel would find (it may let through text that is none).

const BETWEEN = '[\\s\\u200b-\\u200d\\u2060\\ufeff]*';
const MINUS_FORMS = '\\-\\u2212\\ufe63\\u2012\\u2013\\uff0d';
const escapeForPattern = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** formsOf's answers: the catalog's 515 label characters are 78 distinct ones. */
const forms = new Map<string, string>();

/** Every raw character that labelKey turns into `c`, as a pattern. */
function formsOf(c: string): string {
  let pattern = forms.get(c);
  if (pattern === undefined) {
    pattern = formsOfChar(c);
    forms.set(c, pattern);
  }
  return pattern;
}

function formsOfChar(c: string): string {
  const code = c.charCodeAt(0);
  // Most label characters (CJK) have no other case and no fullwidth form.
  if (code > 0x7e && c.length === 1 && c !== '¥' && c !== '¢' && c.toUpperCase() === c) return c;
  if (c === '-') return `[${MINUS_FORMS}]`;
  const forms = new Set([c, c.toUpperCase()]);
  for (const f of [...forms]) {
    const code = f.charCodeAt(0);
    if (f.length === 1 && code >= 0x21 && code <= 0x7e) forms.add(String.fromCharCode(code + 0xfee0));
  }
  if (c === '¥') forms.add('\uffe5');
  if (c === '¢') forms.add('\uffe0');
  return forms.size === 1 ? escapeForPattern(c) : `[${[...forms].map(escapeForPattern).join('')}]`;
}

/** A character class's content for one character's pattern (`[aAａＡ]` → `aAａＡ`, `\.` stays). */
const inClass = (pattern: string) => (pattern.startsWith('[') ? pattern.slice(1, -1) : pattern);

/**
 * A pattern for texts that may hold one of `keys` (label keys, as labelKey writes them). It opens with a look
 * at the one character it stands on: only where that can start some key are the keys tried one by one (a big
 * container's text is tested whole, and most of its characters start none).
 */
export function keyHint(keys: Iterable<string>): RegExp {
  const unique = [...new Set(keys)].filter((k) => k.length > 0).sort((a, b) => b.length - a.length);
  const alternatives = unique.map((key) => [...key].map(formsOf).join(BETWEEN));
  if (unique.length === 0) return /(?:)/;
  const firsts = new Set(unique.map((key) => inClass(formsOf(String.fromCodePoint(key.codePointAt(0)!)))));
  return new RegExp(`(?=[${[...firsts].join('')}])(?:${alternatives.join('|')})`);
}

/**
 * How much of each label the hint asks for. A text holding a whole label holds its start, so a prefix misses
 * none; the whole labels made a pattern of 15k characters that cost the page ~15 ms to compile on its first use
 * (the reader's first look), their first three characters one of ~4k that tells the same texts apart on a page.
 */
const HINT_PREFIX_CHARS = 3;

/** Any text a metric label can be read from (matchLabel, whole, glued or one part of a line). */
export const LABEL_HINT = keyHint(
  METRIC_IDS.flatMap((id) =>
    METRICS[id].labels.map((label) => [...labelKey(label)].slice(0, HINT_PREFIX_CHARS).join('')),
  ),
);
