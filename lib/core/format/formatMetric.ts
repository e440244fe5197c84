import type { Locale } from '../i18n/translate';
import { METRICS, type MetricId } from '../metrics/metricCatalog';
import { formatDuration } from './formatDuration';
import { formatCompact } from './formatNumber';

// A metric's value on a tile, the way each audience reads it: 万 for Chinese, k/M for English.

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
  else if (unit === 'seconds') text = formatDuration(value, locale, 'compact');
  else if (unit === 'currency') text = `¥${formatCompact(value, locale)}`;
  else text = formatCompact(value, locale);
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
