import { describe, expect, it } from 'vitest';
import { readMetricValues } from '../../../../lib/core/engine/readMetricValues';
import { METRIC_IDS } from '../../../../lib/core/metrics/metricCatalog';

describe('readMetricValues', () => {
  it('puts each metric at its place in METRIC_IDS, and every metric there is', () => {
    const metrics = Object.fromEntries(METRIC_IDS.map((id, i) => [id, 100 + i]));
    const out = new Float64Array(METRIC_IDS.length);
    readMetricValues(metrics, out);
    expect([...out]).toEqual(METRIC_IDS.map((_, i) => 100 + i));
  });

  it('reads a missing, null or non-finite number as unknown', () => {
    const out = new Float64Array(METRIC_IDS.length).fill(7);
    readMetricValues({ viewers: null, gmv: Number.POSITIVE_INFINITY, orders: 3 }, out);
    expect(out[METRIC_IDS.indexOf('viewers')]).toBeNaN();
    expect(out[METRIC_IDS.indexOf('gmv')]).toBeNaN();
    expect(out[METRIC_IDS.indexOf('entries')]).toBeNaN();
    expect(out[METRIC_IDS.indexOf('orders')]).toBe(3);
  });
});
