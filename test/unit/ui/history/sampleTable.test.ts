import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../../../lib/core/metrics/metricCatalog';
import type { SampleRow } from '../../../../lib/store/rows';
import {
  createSampleTable,
  metricValueOf,
  rateOf,
  type SampleTableRow,
} from '../../../../lib/ui/history/sampleTable';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);
const at = (ts: number, metrics: SampleRow['metrics'], extra: Partial<SampleRow> = {}): SampleRow => ({
  sessionId: 's',
  ts,
  metrics,
  ...extra,
});

/** The metrics a row has a value for, by name. */
const metricsOf = (row: SampleTableRow) =>
  Object.fromEntries(
    METRIC_IDS.filter((id) => metricValueOf(row, id) !== undefined).map((id) => [id, metricValueOf(row, id)]),
  );

describe('createSampleTable', () => {
  it('per second: one row per second, the last counter value, the mean of gauges', () => {
    const table = createSampleTable('second');
    const rows = [
      ...table.add([at(T0 + 100, { viewers: 100, gmv: 10 }), at(T0 + 600, { viewers: 200, gmv: 20 })]),
      ...table.add([at(T0 + 1200, { viewers: 300, gmv: null })]),
      ...table.finish(),
    ];
    expect(rows.map((row) => [row.ts, row.samples, metricsOf(row)])).toEqual([
      [T0, 2, { viewers: 150, gmv: 20 }],
      [T0 + 1000, 1, { viewers: 300 }],
    ]);
  });

  it('derives GPM, UV value and AOV from the same row', () => {
    const table = createSampleTable('second');
    const [row] = [
      ...table.add([at(T0, { gmv: 5000, views: 2000, entries: 1000, buyers: 40 })]),
      ...table.finish(),
    ];
    expect(row).toMatchObject({ gpm: 2500, uvValue: 5, aov: 125 });
    const [none] = [...table.add([at(T0 + 5000, { gmv: 5000, views: 0 })]), ...table.finish()];
    expect(none?.gpm).toBeUndefined();
    expect(none?.aov).toBeUndefined();
  });

  it('rates counters per minute over the trailing minute, across chunk boundaries', () => {
    const table = createSampleTable('second');
    const rows = [];
    // orders grow by 1 every 2 s → 30 per minute; fed in uneven chunks.
    const samples = Array.from({ length: 181 }, (_, i) =>
      at(T0 + i * 1000, { orders: Math.floor(i / 2), viewers: 10 }),
    );
    for (let i = 0; i < samples.length; i += 37) rows.push(...table.add(samples.slice(i, i + 37)));
    rows.push(...table.finish());
    expect(rows).toHaveLength(181);
    expect(rows[0]?.perMinute.every((rate) => rate === undefined)).toBe(true);
    // Within the first minute the reference is the first reading.
    expect(rateOf(rows[10]!, 'orders')).toBe(30);
    expect(rateOf(rows[120]!, 'orders')).toBe(30);
    expect(rateOf(rows[180]!, 'orders')).toBe(30);
    // Gauges get no rate.
    expect(rateOf(rows[180]!, 'viewers')).toBeUndefined();
  });

  it('per minute: a row per minute and rates between minutes', () => {
    const table = createSampleTable('minute');
    const samples = Array.from({ length: 180 }, (_, i) =>
      at(
        T0 + i * 1000,
        { gmv: i * 100, viewers: i < 60 ? 100 : 200 },
        { capped: i === 70 ? ['viewers'] : [] },
      ),
    );
    const rows = [...table.add(samples), ...table.finish()];
    expect(
      rows.map((row) => [row.ts, row.samples, metricValueOf(row, 'viewers'), metricValueOf(row, 'gmv')]),
    ).toEqual([
      [T0, 60, 100, 5900],
      [T0 + 60_000, 60, 200, 11_900],
      [T0 + 120_000, 60, 200, 17_900],
    ]);
    expect(rows.map((row) => rateOf(row, 'gmv'))).toEqual([undefined, 6000, 6000]);
    expect(rows[1]?.capped).toEqual(['viewers']);
  });
});
