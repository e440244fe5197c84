// Writes a number the way dashboards do (DESIGN.md §3 display styles). The mock room uses it to draw
// values, and the parser's property tests use it to prove every style reads back.

import type { ProductMetricId } from '../products/productContract';

export const DISPLAY_STYLES = [
  'plain',
  'comma',
  'wan',
  'w',
  'k',
  'capped',
  'currency',
  'currency-wan',
  'percent',
  'duration',
] as const;

export type DisplayStyle = (typeof DISPLAY_STYLES)[number];

/**
 * How a product table writes each product metric unless a scenario says otherwise (`productDisplay`): the
 * TikTok LIVE Dashboard's table groups digits, writes CTR as a percentage and GMV with its currency.
 */
export const PRODUCT_DISPLAY_STYLES = {
  impressions: 'comma',
  clicks: 'comma',
  ctr: 'percent',
  carts: 'comma',
  sold: 'comma',
  gmv: 'currency',
  stock: 'comma',
  conversionRate: 'percent',
  createdOrders: 'comma',
  unpaidOrders: 'comma',
  explainCount: 'plain',
} as const satisfies Record<ProductMetricId, DisplayStyle>;

/** At and above this, the `capped` style writes `10万+`. */
export const CAP_AT = 100_000;

/** Up to `places` decimals, trailing zeros dropped: 1.20 → "1.2", 3.00 → "3". */
function trimmed(value: number, places: number): string {
  const fixed = value.toFixed(places);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function grouped(value: number, places: number): string {
  const [int, frac] = trimmed(value, places).split('.');
  const withCommas = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? withCommas : `${withCommas}.${frac}`;
}

function scaled(abs: number, threshold: number, divisor: number, places: number, suffix: string): string {
  if (abs < threshold) return trimmed(Math.round(abs), 0);
  return `${trimmed(abs / divisor, places)}${suffix}`;
}

function duration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}小时${m}分${s}秒`;
  if (m > 0) return `${m}分${s}秒`;
  return `${s}秒`;
}

/** `writeDisplayValue(12345, 'wan')` → "1.23万"; `(0.125, 'percent')` → "12.5%"; `(83, 'duration')` → "1分23秒". */
export function writeDisplayValue(value: number, style: DisplayStyle): string {
  if (!Number.isFinite(value)) return '--';
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  switch (style) {
    case 'plain':
      return sign + trimmed(abs, 2);
    case 'comma':
      return sign + grouped(abs, 2);
    case 'wan':
      return sign + scaled(abs, 10_000, 10_000, 2, '万');
    case 'w':
      return sign + scaled(abs, 10_000, 10_000, 1, 'w');
    case 'k':
      return sign + scaled(abs, 1_000, 1_000, 1, 'k');
    case 'capped':
      if (value >= CAP_AT) return '10万+';
      return sign + scaled(abs, 10_000, 10_000, 1, '万');
    case 'currency':
      return `${sign}¥${grouped(abs, 2)}`;
    case 'currency-wan':
      return abs < 10_000 ? `${sign}¥${grouped(abs, 2)}` : `${sign}¥${trimmed(abs / 10_000, 2)}万`;
    case 'percent':
      return `${sign}${trimmed(abs * 100, 2)}%`;
    case 'duration':
      return sign + duration(abs);
  }
}

/** How far a value read back from `writeDisplayValue(value, style)` may be from `value` (half the last digit shown). */
export function displayPrecision(value: number, style: DisplayStyle): number {
  const abs = Math.abs(value);
  switch (style) {
    case 'plain':
    case 'comma':
    case 'currency':
      return 0.005;
    case 'wan':
      return abs < 10_000 ? 0.5 : 50;
    case 'w':
      return abs < 10_000 ? 0.5 : 500;
    case 'k':
      return abs < 1_000 ? 0.5 : 50;
    case 'capped':
      return abs < 10_000 ? 0.5 : 500;
    case 'currency-wan':
      return abs < 10_000 ? 0.005 : 50;
    case 'percent':
      return 0.00005;
    case 'duration':
      return 0.5;
  }
}

/**
 * The number a reader gets back from `writeDisplayValue(value, style)` (what `parseMetricText` reads from
 * that text): what the page really shows, so `1.52万` is 15200 and `10万+` is 100000. The mock room and the
 * replay CLI both see this value. Read back by the style rather than by the general parser: scenarios call
 * it for every step of every metric.
 */
export function shownValue(value: number, style: DisplayStyle): number {
  if (!Number.isFinite(value)) return value;
  const text = writeDisplayValue(value, style);
  const negative = text.startsWith('-');
  const body = (negative ? text.slice(1) : text).replace(/[¥,]/g, '');
  let shown: number;
  switch (style) {
    case 'capped':
      if (body === '10万+') return CAP_AT;
      shown = scaledBack(body, '万', 4);
      break;
    case 'wan':
    case 'currency-wan':
      shown = scaledBack(body, '万', 4);
      break;
    case 'w':
      shown = scaledBack(body, 'w', 4);
      break;
    case 'k':
      shown = scaledBack(body, 'k', 3);
      break;
    case 'percent':
      shown = Number(`${body.slice(0, -1)}e-2`);
      break;
    case 'duration':
      // The reader reads a duration without its sign (scenario values are never negative anyway).
      return Math.round(Math.abs(value));
    default:
      shown = Number(body);
  }
  return negative && shown !== 0 ? -shown : shown;
}

/** `1.52万` → 15200 exactly (decimal exponent, never a binary multiplication). */
function scaledBack(body: string, suffix: string, exponent: number): number {
  return body.endsWith(suffix) ? Number(`${body.slice(0, -suffix.length)}e${exponent}`) : Number(body);
}
