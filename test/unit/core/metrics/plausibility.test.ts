import { describe, expect, it } from 'vitest';
import type { MetricId } from '../../../../lib/core/metrics/metricCatalog';
import { parseMetricText } from '../../../../lib/core/metrics/parseMetricText';
import { checkPlausible } from '../../../../lib/core/metrics/plausibility';

const gate = (metric: MetricId, raw: string) => checkPlausible(metric, parseMetricText(raw), raw);

describe('checkPlausible', () => {
  it('lets through what a room shows', () => {
    expect(gate('gmv', '¥1,234,567,890')).toEqual({ ok: true, value: 1234567890, capped: false });
    expect(gate('viewers', '2.3万')).toMatchObject({ ok: true, value: 23000 });
    expect(gate('conversionRate', '12.5%')).toMatchObject({ ok: true, value: 0.125 });
  });

  it('refuses a digit roller read as text, with the raw text', () => {
    expect(gate('gmv', '01234567890123456789')).toEqual({
      ok: false,
      reason: 'implausible',
      raw: '01234567890123456789',
    });
    expect(gate('viewers', '9876543210')).toMatchObject({ ok: false, reason: 'implausible' });
  });

  it('refuses magnitudes no room reaches and negative counts', () => {
    expect(gate('viewers', '1.23e38')).toMatchObject({ ok: false });
    expect(gate('viewers', '9亿')).toMatchObject({ ok: false, reason: 'implausible' });
    expect(gate('orders', '-12')).toMatchObject({ ok: false, reason: 'implausible' });
    expect(gate('avgWatchSec', '30天')).toMatchObject({ ok: false, reason: 'implausible' });
    expect(gate('gmv', '¥12亿')).toMatchObject({ ok: true, value: 1.2e9 });
    expect(gate('gmv', '1.2万亿')).toMatchObject({ ok: false, reason: 'implausible' });
  });

  it('passes failures through untouched', () => {
    expect(gate('gmv', '--')).toEqual({ ok: false, reason: 'dash', raw: '--' });
  });
});
