import { expect, it } from 'vitest';
import { METRIC_IDS, METRIC_KIND, METRICS } from '../../../../lib/core/metrics/metricCatalog';

it('keeps the label-free kinds in step with the full catalogue', () => {
  for (const id of METRIC_IDS) expect(METRIC_KIND[id]).toBe(METRICS[id].kind);
  expect(Object.keys(METRIC_KIND).sort()).toEqual([...METRIC_IDS].sort());
});
