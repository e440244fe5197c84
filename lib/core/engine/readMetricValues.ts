import type { MetricId } from '../metrics/metricCatalog';

// A sample's numbers into a row of series values, in METRIC_IDS order (NaN: unknown). Each metric is read
// by its name rather than by a key from the list: a named load is one step, a load by a varying key is a
// lookup each time, and on an 8-hour replay this read was a quarter of the engine's time.

const known = (raw: number | null | undefined): number =>
  typeof raw === 'number' && Number.isFinite(raw) ? raw : Number.NaN;

export function readMetricValues(metrics: Partial<Record<MetricId, number | null>>, out: Float64Array): void {
  out[0] = known(metrics.viewers);
  out[1] = known(metrics.entries);
  out[2] = known(metrics.views);
  out[3] = known(metrics.gmv);
  out[4] = known(metrics.orders);
  out[5] = known(metrics.buyers);
  out[6] = known(metrics.productClicks);
  out[7] = known(metrics.comments);
  out[8] = known(metrics.likes);
  out[9] = known(metrics.newFollowers);
  out[10] = known(metrics.avgWatchSec);
  out[11] = known(metrics.conversionRate);
}
