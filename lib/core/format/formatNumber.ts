import type { Locale } from '../i18n/translate';

// Counts people read, in two registers: `compact` for a tile glanced at (1.2万, 12.3k), `count` inside a
// sentence (1.23万, 12,345), and storage sizes.

const trimTo = (n: number, digits: number) => String(Number(n.toFixed(digits)));

/** A tile's number: 万 / 亿 in Chinese, k / M / B in English, one decimal where it matters. */
export function formatCompact(value: number, locale: Locale): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (locale === 'zh-CN') {
    if (abs >= 1e8) return `${sign}${trimTo(abs / 1e8, 2)}亿`;
    if (abs >= 1e4) return `${sign}${trimTo(abs / 1e4, abs >= 1e6 ? 0 : 1)}万`;
  } else {
    if (abs >= 1e9) return `${sign}${trimTo(abs / 1e9, 2)}B`;
    if (abs >= 1e6) return `${sign}${trimTo(abs / 1e6, 2)}M`;
    if (abs >= 1e4) return `${sign}${trimTo(abs / 1e3, 1)}k`;
  }
  return `${sign}${trimTo(abs, abs < 100 && !Number.isInteger(abs) ? 1 : 0)}`;
}

/** Built once: toLocaleString builds a formatter on every call (a cue's text is rendered on each panel update). */
let englishCount: Intl.NumberFormat | undefined;

/** A number inside a sentence: 万 / 亿 with up to two decimals in Chinese, grouped digits in English. */
export function formatCount(value: number, locale: Locale): string {
  const hundredths = (n: number) => String(Math.round(n * 100) / 100);
  if (locale === 'zh-CN') {
    if (Math.abs(value) >= 1e8) return `${hundredths(value / 1e8)}亿`;
    if (Math.abs(value) >= 1e4) return `${hundredths(value / 1e4)}万`;
    return String(value);
  }
  englishCount ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  return englishCount.format(value);
}

/** `1.5 MB`: binary units, one decimal under ten. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
