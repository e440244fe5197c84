import { DATA_STALE_DEFAULTS } from '../../core/engine/rules/dataStaleThresholds';
import { type StaleKind, type StalenessParams, staleMetricsOf } from '../../core/engine/staleness';
import { METRIC_IDS, METRICS, type MetricId, type MetricKind } from '../../core/metrics/metricCatalog';
import type { SampleRow } from '../../store/rows';

// Live metric tiles: the latest value of each metric, its recent curve and how much it moved, and whether
// the engine would call it stale (the tile greys out, saying why).

export const SPARKLINE_WINDOW_MS = 10 * 60 * 1000;
/** More points than a tile has pixels only costs time. */
const MAX_POINTS = 120;

export type SeriesPoint = readonly [ts: number, value: number];

export interface MetricTile {
  metric: MetricId;
  kind: MetricKind;
  value: number | null;
  /** The page showed a cap such as 10万+: the value is a lower bound. */
  capped: boolean;
  series: SeriesPoint[];
  /** Latest minus the first value in the window (for a counter: what it gained in the window). */
  change: number | null;
  /** change ÷ first value, null when the first value is 0 or missing. */
  changeRatio: number | null;
  /** Why the number is not live, as the engine judges it (the same rules that hold its cues back). */
  stale: Exclude<StaleKind, 'fresh'> | null;
}

/** Keeps the last point of each of `max` equal time buckets, so the curve keeps its end value. */
export function downsample(points: readonly SeriesPoint[], max = MAX_POINTS): SeriesPoint[] {
  if (points.length <= max) return [...points];
  const first = points[0]![0];
  const span = points[points.length - 1]![0] - first || 1;
  const buckets = new Map<number, SeriesPoint>();
  for (const point of points)
    buckets.set(Math.min(max - 1, Math.floor(((point[0] - first) / span) * max)), point);
  return [...buckets.values()];
}

/**
 * One tile per metric that has shown a number in the window, in catalog order.
 * `samples` are the session's samples, oldest first.
 */
export function buildMetricTiles(
  samples: readonly SampleRow[],
  now: number,
  windowMs = SPARKLINE_WINDOW_MS,
  staleness: StalenessParams = DATA_STALE_DEFAULTS,
): MetricTile[] {
  const since = now - windowMs;
  const latest = samples[samples.length - 1];
  const stale = staleMetricsOf(samples, now, staleness);
  const tiles: MetricTile[] = [];
  for (const metric of METRIC_IDS) {
    const points: SeriesPoint[] = [];
    for (const sample of samples) {
      const value = sample.metrics[metric];
      if (sample.ts >= since && typeof value === 'number') points.push([sample.ts, value]);
    }
    if (points.length === 0) continue;
    const latestValue = latest?.metrics[metric];
    const first = points[0]![1];
    const last = points[points.length - 1]![1];
    const change = points.length > 1 ? last - first : null;
    tiles.push({
      metric,
      kind: METRICS[metric].kind,
      // A metric the page stopped showing reads as unknown now, not as its last value.
      value: typeof latestValue === 'number' ? latestValue : null,
      capped: latest?.capped?.includes(metric) ?? false,
      series: downsample(points),
      change,
      changeRatio: change !== null && first !== 0 ? change / first : null,
      stale: stale.kind !== 'fresh' && stale.metrics.includes(metric) ? stale.kind : null,
    });
  }
  return tiles;
}
