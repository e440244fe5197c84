import type { Locale } from '../i18n/translate';
import type { ProductMetricId } from '../products/productContract';
import { formatCompact } from './formatNumber';

// A product metric's value in a product list, the way each audience reads it (as formatMetricValue does for
// the room's tiles): rates as percentages, money with its sign, counts compact; unreadable is a dash.

export function formatProductMetricValue(
  metric: ProductMetricId,
  value: number | null | undefined,
  locale: Locale,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (metric === 'ctr' || metric === 'conversionRate') {
    const percent = value * 100;
    return `${Number(percent.toFixed(Math.abs(percent) < 10 ? 2 : 1))}%`;
  }
  if (metric === 'gmv') return `¥${formatCompact(value, locale)}`;
  return formatCompact(value, locale);
}
