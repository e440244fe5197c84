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

/** The convention a currency's markets write numbers in. */
export const CURRENCY_CONVENTION: Record<string, Convention> = {
  $: 'comma-group',
  us$: 'comma-group',
  s$: 'comma-group',
  hk$: 'comma-group',
  nt$: 'comma-group',
  usd: 'comma-group',
  sgd: 'comma-group',
  '£': 'comma-group',
  gbp: 'comma-group',
  '¥': 'comma-group',
  円: 'comma-group',
  元: 'comma-group',
  rmb: 'comma-group',
  cny: 'comma-group',
  jpy: 'comma-group',
  '₩': 'comma-group',
  '₹': 'comma-group',
  '฿': 'comma-group',
  บาท: 'comma-group',
  thb: 'comma-group',
  rm: 'comma-group',
  myr: 'comma-group',
  '₱': 'comma-group',
  php: 'comma-group',
  '€': 'dot-group',
  eur: 'dot-group',
  '₫': 'dot-group',
  đ: 'dot-group',
  vnd: 'dot-group',
  rp: 'dot-group',
  idr: 'dot-group',
};

/** Multiplier words of the markets' own languages: a power of ten, and the convention that language writes. */
export const LOCAL_MULTIPLIERS: Record<string, [number, Convention]> = {
  // Indonesian: ribu (thousand), juta (million), miliar (billion).
  rb: [3, 'dot-group'],
  ribu: [3, 'dot-group'],
  jt: [6, 'dot-group'],
  juta: [6, 'dot-group'],
  miliar: [9, 'dot-group'],
  // Vietnamese: nghìn / N (thousand), triệu / Tr (million), tỷ (billion).
  nghìn: [3, 'dot-group'],
  n: [3, 'dot-group'],
  tr: [6, 'dot-group'],
  triệu: [6, 'dot-group'],
  tỷ: [9, 'dot-group'],
  // Malay: J (juta, million), written the English way.
  j: [6, 'comma-group'],
  // German Mio. / Mrd., Spanish and Portuguese mil (thousand).
  mio: [6, 'dot-group'],
  mrd: [9, 'dot-group'],
  mil: [3, 'dot-group'],
  // Polish tys. / mln / mld, Dutch and Italian mln / mld, Portuguese mil / mi / bi, French Md, English bn.
  tys: [3, 'dot-group'],
  mln: [6, 'dot-group'],
  mld: [9, 'dot-group'],
  mi: [6, 'dot-group'],
  bi: [9, 'dot-group'],
  md: [9, 'dot-group'],
  bn: [9, 'comma-group'],
  // Thai: พัน (thousand), หมื่น (ten thousand), แสน (hundred thousand), ล้าน (million).
  พัน: [3, 'comma-group'],
  หมื่น: [4, 'comma-group'],
  แสน: [5, 'comma-group'],
  ล้าน: [6, 'comma-group'],
};

/** Decimal digits of other scripts (Thai ๑๒๓, Arabic-Indic, Devanagari…) by their zero. */
const DIGIT_ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xed0, 0x1040, 0x17e0];
const SCRIPT_DIGIT =
  /[\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0e50-\u0e59\u0ed0-\u0ed9\u1040-\u1049\u17e0-\u17e9]/g;
/** A numeral that is no decimal digit: a superscript `³`, a fraction `½`, a circled `①`, a Roman `Ⅻ`. */
const OTHER_NUMERAL = /[^\P{N}0-9]/u;

/** Other scripts' decimal digits as ASCII; undefined when a numeral that is no plain digit remains (`12³`). */
export function asciiDigits(text: string): string | undefined {
  const out = text.replace(SCRIPT_DIGIT, (c) => {
    const code = c.charCodeAt(0);
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9)!;
    return String(code - zero);
  });
  return OTHER_NUMERAL.test(out) ? undefined : out;
}
