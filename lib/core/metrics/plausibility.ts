import type { MetricId } from './metricCatalog';
import { toHalfwidth } from './normalizeText';
import type { ParsedMetric } from './parseMetricText';

// The gate between a parsed number and a stored one: never store a number the page did not show. A digit
// roller's column of 0–9, an odometer's spacers read as digits, a negative or fractional count or a
// magnitude no live room reaches are refused with the raw text, so health can show exactly what was on the page.

/** The largest value each metric can take in one live session (generous: the biggest rooms on record × 10). */
export const METRIC_MAX: Record<MetricId, number> = {
  viewers: 5e7,
  entries: 2e9,
  views: 1e10,
  gmv: 1e12,
  orders: 1e9,
  buyers: 1e9,
  productClicks: 1e10,
  comments: 1e10,
  likes: 1e11,
  newFollowers: 1e8,
  avgWatchSec: 86_400,
  conversionRate: 1,
};

/** Metrics that count people or things: a count is a whole number (`12.5` viewers is a misread, not a value). */
const WHOLE: Record<MetricId, boolean> = {
  viewers: true,
  entries: true,
  views: true,
  gmv: false,
  orders: true,
  buyers: true,
  productClicks: true,
  comments: true,
  likes: true,
  newFollowers: true,
  avgWatchSec: false,
  conversionRate: false,
};

/** The digits of a roller column or a spacer run: ten digits in a row, up or down. */
const DIGIT_RUN = /0123456789|9876543210/;

/** The parsed value, or a refusal (`implausible`, with the raw text) when no room could show it. */
export function checkPlausible(metric: MetricId, parsed: ParsedMetric, raw: string): ParsedMetric {
  if (!parsed.ok) return parsed;
  const digits = toHalfwidth(raw).replace(/\D/g, '');
  if (
    DIGIT_RUN.test(digits) ||
    parsed.value < 0 ||
    parsed.value > METRIC_MAX[metric] ||
    !Number.isFinite(parsed.value) ||
    (WHOLE[metric] && !Number.isInteger(parsed.value))
  ) {
    return { ok: false, reason: 'implausible', raw };
  }
  return parsed;
}
