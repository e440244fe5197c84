import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SampleRow } from '../../../../lib/store/rows';
import { packBlock, unpackBlock } from '../../../../lib/store/sampleBlocks';
import { sampleBlockJson } from '../../../../lib/ui/history/sampleBlockJson';

// The JSON export writes packed samples from their columns: the text must be the very text
// JSON.stringify gives for the unpacked rows (the export's schema and import read it as before).

const metricValue = fc.oneof(
  fc.constant(null),
  fc.double(), // NaN, ±Infinity and -0 included: JSON writes null and 0
  fc.integer(),
);
const product = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.record(
    { id: fc.string(), name: fc.string(), price: fc.double({ noNaN: true, min: 0, max: 1e6 }) },
    { requiredKeys: ['name'] },
  ),
);
const health = fc.record({
  parsed: fc.subarray(['viewers', 'gmv', 'orders']),
  failed: fc.subarray(['likes']),
  missing: fc.subarray(['comments']),
});
const metricKey = fc.constantFrom('viewers', 'gmv', 'orders', 'conversionRate', 'say "hi"\n', '点赞');
const rowAt = (sessionId: string, ts: number, keys: fc.Arbitrary<string>) =>
  fc
    .record(
      {
        sessionId: fc.constant(sessionId),
        ts: fc.constant(ts),
        metrics: fc.dictionary(keys, metricValue),
        capped: fc.subarray(['viewers', 'entries']),
        product,
        health,
        src: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('load-a:12')),
      },
      { requiredKeys: ['sessionId', 'ts', 'metrics'] },
    )
    // Plain objects as IndexedDB hands them back; an explicit `product: undefined` survives a clone.
    .map((row) => structuredClone(row)) as fc.Arbitrary<SampleRow>;
const blockOf = (keys: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.integer({ min: 1, max: 40 }), fc.string())
    .chain(([n, room]) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => rowAt(`douyin:${room}:1000`, 1000 + i * 1000, keys))),
    )
    .map((rows) => packBlock(rows));

const stringified = (rows: SampleRow[]) => JSON.stringify(rows).slice(1, -1);

describe('sampleBlockJson', () => {
  it('writes a block as JSON.stringify writes its rows', () => {
    fc.assert(
      fc.property(blockOf(metricKey), (block) => {
        expect(sampleBlockJson(block)).toBe(stringified(unpackBlock(block)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the order JSON gives keys that look like numbers', () => {
    fc.assert(
      fc.property(blockOf(fc.constantFrom('viewers', '7', '12', '01')), (block) => {
        expect(sampleBlockJson(block)).toBe(stringified(unpackBlock(block)));
      }),
    );
  });

  it('writes a stored sample the way the export always has', () => {
    const block = packBlock([
      {
        sessionId: 'douyin:r1:1000',
        ts: 1000,
        metrics: { viewers: 1200, gmv: null, conversionRate: 0.031 },
        product: { id: 'p1', name: '羊绒围巾 "灰"', price: 199 },
        health: { parsed: ['viewers'], failed: [], missing: ['gmv'] },
      },
      { sessionId: 'douyin:r1:1000', ts: 2000, metrics: { viewers: Number.NaN }, capped: ['viewers'] },
    ]);
    expect(JSON.parse(`[${sampleBlockJson(block)}]`)).toEqual([
      {
        sessionId: 'douyin:r1:1000',
        ts: 1000,
        metrics: { viewers: 1200, gmv: null, conversionRate: 0.031 },
        product: { id: 'p1', name: '羊绒围巾 "灰"', price: 199 },
        health: { parsed: ['viewers'], failed: [], missing: ['gmv'] },
      },
      { sessionId: 'douyin:r1:1000', ts: 2000, metrics: { viewers: null }, capped: ['viewers'] },
    ]);
  });
});
