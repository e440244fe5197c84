// How markets write one number: which mark groups thousands, which marks the decimals. Dashboards of the
// markets TikTok Shop sells in write `12.345.678` (Indonesia, Vietnam, most of the euro area), `12,345,678`
// (the US, the UK, China, Japan, Thailand, Malaysia, the Philippines) and `12 345 678` with a narrow or
// no-break space (France, Poland…). One mark followed by three digits is the hard case (`1.234`): it is read
// by what the value can be — a count is whole, a price has at most two decimals — and by the locale the text
// names (its currency, a multiplier word such as `jt`), never by a guess that could be 1000× off.

/** Which mark groups thousands; the other one marks decimals. */
export type Convention = 'comma-group' | 'dot-group';

/** What the number counts, for telling `1.234` apart: a count is whole, a price has at most two decimals. */
export type NumberKind = 'count' | 'currency' | 'other';

export interface DigitsContext {
  kind: NumberKind;
  /** The locale's convention, when the text says (its currency, a multiplier word); undefined when it does not. */
  convention?: Convention;
  /** A multiplier follows (`1.234万`, `12,3 jt`): the number is a decimal of it, not a whole count. */
  scaled: boolean;
}

const GROUPED = /^\d{1,3}(?:x\d{3})+$/;
const groupedBy = (integer: string, mark: string) => GROUPED.test(integer.split(mark).join('x'));
const decimalOf = (c: Convention | undefined) => (c === 'dot-group' ? ',' : '.');

/**
 * A number token (`1.234,5`, `12 345`, `1,234`) as plain JS digits (`1234.5`), or undefined when its marks
 * allow no single reading: groups of other than three digits, two decimal marks, a mark the locale never
 * writes there.
 */
export function canonicalDigits(token: string, context: DigitsContext): string | undefined {
  const spaced = token.includes(' ');
  const dots = token.split('.').length - 1;
  const commas = token.split(',').length - 1;
  if (spaced) {
    // Spaces group; one dot or comma after the last group marks the decimals (`1 234,56`).
    if (dots + commas > 1) return undefined;
    const mark = dots ? '.' : commas ? ',' : '';
    const [integer, fraction] = mark ? token.split(mark) : [token];
    if (fraction?.includes(' ')) return undefined;
    if (!groupedBy(integer!, ' ')) return undefined;
    return integer!.replace(/ /g, '') + (fraction === undefined ? '' : `.${fraction}`);
  }
  if (dots > 0 && commas > 0) {
    // Both marks: the last one is the decimal mark and appears once; the other groups.
    const decimal = token.lastIndexOf('.') > token.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [integer, fraction, extra] = token.split(decimal);
    if (extra !== undefined || !groupedBy(integer!, group)) return undefined;
    return `${integer!.split(group).join('')}.${fraction}`;
  }
  if (dots + commas === 0) return token;
  const mark = dots ? '.' : ',';
  if (dots + commas > 1) return groupedBy(token, mark) ? token.split(mark).join('') : undefined;
  // One mark: a thousands group or a decimal mark.
  const [integer, fraction] = token.split(mark) as [string, string];
  const decimal = `${integer}.${fraction}`;
  const localDecimal = mark === decimalOf(context.convention);
  if (!groupedBy(token, mark) || integer === '0' || integer === '') {
    // It cannot be a group: a dot is a decimal anywhere, a comma where the locale writes one or before a
    // multiplier (`12,3 M`), where nothing else could be meant.
    return mark === '.' || context.convention === 'dot-group' || context.scaled ? decimal : undefined;
  }
  const group = integer + fraction;
  if (context.scaled) return localDecimal ? decimal : group;
  // Three digits after the mark: never a count's decimals, never a price's (at most two in every market).
  if (context.kind === 'count') return group;
  if (context.kind === 'currency') {
    if (context.convention === undefined) return group;
    return localDecimal ? undefined : group;
  }
  return localDecimal ? decimal : group;
}

/** Currencies whose markets group with dots and mark decimals with a comma; every other one the parser knows writes `1,234.5`. */
const DOT_GROUP_CURRENCIES = new Set(['€', 'eur', '₫', 'đ', 'vnd', 'rp', 'idr']);

/** The convention a currency's markets write numbers in (its sign or code, lower case). */
export const currencyConvention = (sign: string): Convention =>
  DOT_GROUP_CURRENCIES.has(sign) ? 'dot-group' : 'comma-group';

/**
 * Multiplier words of the markets' own languages: word, power of ten, and `d` when that language writes
 * `1.234,5` (`c`: `1,234.5`). Indonesian rb/ribu, jt/juta, miliar; Vietnamese nghìn/N, Tr/triệu, tỷ; Malay
 * J (juta); German Mio./Mrd.; Spanish and Portuguese mil, mi, bi; Polish tys., mln, mld; Dutch and Italian
 * mln, mld; French Md; English bn; Thai พัน หมื่น แสน ล้าน.
 */
export const LOCAL_MULTIPLIERS: Record<string, [number, Convention]> = Object.fromEntries(
  'rb3d ribu3d jt6d juta6d miliar9d nghìn3d n3d tr6d triệu6d tỷ9d j6c mio6d mrd9d mil3d tys3d mln6d mld9d mi6d bi9d md9d bn9c พัน3c หมื่น4c แสน5c ล้าน6c'
    .split(' ')
    .map((w) => [w.slice(0, -2), [Number(w.at(-2)), w.endsWith('d') ? 'dot-group' : 'comma-group']]),
);

/** Thai digits (๐–๙), which Thai pages may use: read as ASCII digits. */
const THAI_DIGIT = /[\u0e50-\u0e59]/g;
/** A numeral that is no decimal digit: a superscript `³`, a fraction `½`, a circled `①`, a Roman `Ⅻ`. */
const OTHER_NUMERAL = /[^\P{N}0-9]/u;

/** Thai digits as ASCII; undefined when a numeral that is no plain digit remains (`12³`, `½`, `①`). */
export function asciiDigits(text: string): string | undefined {
  const out = text.replace(THAI_DIGIT, (c) => String(c.charCodeAt(0) - 0xe50));
  return OTHER_NUMERAL.test(out) ? undefined : out;
}
