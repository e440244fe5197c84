import type { Locale } from '../i18n/translate';
import { METRICS, type MetricId } from '../metrics/metricCatalog';

// Numbers the way each audience reads them: 万 for Chinese, k/M for English.

function compact(value: number, locale: Locale): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const trim = (n: number, digits: number) => String(Number(n.toFixed(digits)));
  if (locale === 'zh-CN') {
    if (abs >= 1e8) return `${sign}${trim(abs / 1e8, 2)}亿`;
    if (abs >= 1e4) return `${sign}${trim(abs / 1e4, abs >= 1e6 ? 0 : 1)}万`;
  } else {
    if (abs >= 1e9) return `${sign}${trim(abs / 1e9, 2)}B`;
    if (abs >= 1e6) return `${sign}${trim(abs / 1e6, 2)}M`;
    if (abs >= 1e4) return `${sign}${trim(abs / 1e3, 1)}k`;
  }
  return `${sign}${trim(abs, abs < 100 && !Number.isInteger(abs) ? 1 : 0)}`;
}

function duration(seconds: number, locale: Locale): string {
  const total = Math.round(Math.abs(seconds));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const sign = seconds < 0 ? '-' : '';
  if (locale === 'zh-CN') return m > 0 ? `${sign}${m}分${s}秒` : `${sign}${s}秒`;
  return m > 0 ? `${sign}${m}m ${s}s` : `${sign}${s}s`;
}

/** A metric's value as a tile shows it; `null` (unreadable) shows as a dash, never as 0. */
export function formatMetricValue(
  metric: MetricId,
  value: number | null,
  locale: Locale,
  capped = false,
): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const unit = METRICS[metric].unit;
  let text: string;
  if (unit === 'ratio') text = `${trimPercent(value * 100)}%`;
  else if (unit === 'seconds') text = duration(value, locale);
  else if (unit === 'currency') text = `¥${compact(value, locale)}`;
  else text = compact(value, locale);
  return capped ? `${text}+` : text;
}

function trimPercent(percent: number): string {
  return String(Number(percent.toFixed(Math.abs(percent) < 10 ? 2 : 1)));
}

/** A change with its sign: "+1.2万", "-35", "+0.5%" (a ratio's change in percentage points). */
export function formatMetricChange(metric: MetricId, change: number, locale: Locale): string {
  const text = formatMetricValue(metric, Math.abs(change), locale);
  return `${change < 0 ? '-' : '+'}${text}`;
}
