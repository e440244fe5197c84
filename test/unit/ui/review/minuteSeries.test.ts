import { describe, expect, it } from 'vitest';
import type { SampleRow } from '../../../../lib/store/rows';
import { minuteSeries } from '../../../../lib/ui/review/minuteSeries';
import { productSlots } from '../../../../lib/ui/review/productSlots';

const START = Date.UTC(2026, 10, 24, 12, 0, 0);
const at = (sec: number, metrics: SampleRow['metrics'], product?: SampleRow['product']): SampleRow => ({
  sessionId: 's',
  ts: START + sec * 1000,
  metrics,
  ...(product !== undefined ? { product } : {}),
});

describe('minuteSeries', () => {
  const samples = [
    at(0, { viewers: 100, gmv: 500, conversionRate: 0.02 }),
    at(30, { viewers: 200, gmv: 800 }),
    at(70, { viewers: 300, gmv: 1400, conversionRate: 0.03 }),
    // Minute 2 has no reading at all.
    at(190, { viewers: null, gmv: 2000 }),
  ];

  it('averages viewers per minute and takes the GMV gained in each minute', () => {
    const series = minuteSeries(samples, START);
    expect(series.minutes).toEqual([0, 1, 2, 3].map((m) => (START + m * 60_000) / 1000));
    expect(series.viewers).toEqual([150, 300, null, null]);
    expect(series.gmvPerMinute).toEqual([0, 600, null, 600]);
    expect(series.conversion).toEqual([0.02, 0.03, null, null]);
  });

  it('never shows a negative sale when a counter dips (a page re-render, a re-attribution)', () => {
    const series = minuteSeries([at(0, { gmv: 1000 }), at(60, { gmv: 900 }), at(120, { gmv: 1200 })], START);
    expect(series.gmvPerMinute).toEqual([0, 0, 200]);
  });

  it('covers the session up to its end even without late samples', () => {
    expect(minuteSeries([at(0, { viewers: 1 })], START, START + 5 * 60_000).minutes).toHaveLength(6);
  });
});

describe('productSlots', () => {
  it('joins consecutive samples of one product and splits on a change, a gap or no product', () => {
    const scarf = { id: 'p1', name: '羊绒围巾' };
    const gloves = { name: 'Gloves' };
    const slots = productSlots([
      at(0, {}, scarf),
      at(10, {}, { ...scarf, name: '羊绒围巾 (renamed)' }),
      at(20, {}, gloves),
      at(30, {}, gloves),
      at(40, {}, null),
      at(50, {}, gloves),
      at(500, {}, gloves),
    ]);
    expect(slots.map((slot) => [slot.name, (slot.from - START) / 1000, (slot.to - START) / 1000])).toEqual([
      ['羊绒围巾', 0, 10],
      ['Gloves', 20, 30],
      ['Gloves', 50, 50],
      ['Gloves', 500, 500],
    ]);
    expect(slots[0]?.productId).toBe('p1');
  });
});
