import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SampleRow } from '../../../lib/store/rows';
import { isPackable, packBlock, unpackBlock } from '../../../lib/store/sampleBlocks';

// A block gives back exactly the rows packed into it: numbers, nulls and missing metrics, capped flags,
// products (or none, or null) and reader health, including fields that change mid-block.

const metricValue = fc.oneof(
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const product = fc.oneof(
  fc.constant(null),
  fc.record(
    { id: fc.string(), name: fc.string(), price: fc.double({ noNaN: true, min: 0, max: 1e6 }) },
    {
      requiredKeys: ['name'],
    },
  ),
);
const health = fc.record({
  parsed: fc.subarray(['viewers', 'gmv', 'orders']),
  failed: fc.subarray(['likes']),
  missing: fc.subarray(['comments']),
});
const rowAt = (ts: number) =>
  fc
    .record(
      {
        sessionId: fc.constant('douyin:r1:1000'),
        ts: fc.constant(ts),
        metrics: fc.dictionary(fc.constantFrom('viewers', 'gmv', 'orders', 'conversionRate'), metricValue),
        capped: fc.subarray(['viewers', 'entries']),
        product,
        health,
        src: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: ['sessionId', 'ts', 'metrics'] },
    )
    // Plain objects, as IndexedDB hands rows back (fast-check builds them without a prototype).
    .map((row) => structuredClone(row)) as fc.Arbitrary<SampleRow>;
const rows = fc
  .integer({ min: 1, max: 60 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rowAt(1000 + i * 1000))));

describe('sample blocks', () => {
  it('give back exactly the rows packed into them', () => {
    fc.assert(
      fc.property(rows, (packed) => {
        expect(unpackBlock(packBlock(packed))).toStrictEqual(packed);
      }),
    );
  });

  it('hold a block of stored samples in far fewer bytes of structure: one row, columns of numbers', () => {
    const stored: SampleRow[] = Array.from({ length: 600 }, (_, i) => ({
      sessionId: 's',
      ts: i * 1000,
      metrics: { viewers: 1000 + i, gmv: i % 50 === 0 ? null : 12.5 * i },
      product: { id: 'p1', name: '羊绒围巾', price: 199 },
      health: { parsed: ['viewers', 'gmv'], failed: [], missing: [] },
    }));
    const block = packBlock(stored);
    expect(block).toMatchObject({ sessionId: 's', ts: 0, count: 600 });
    expect(block.metrics.viewers!.values).toBeInstanceOf(Float64Array);
    expect(block.product).toHaveLength(1);
    expect(unpackBlock(block)).toStrictEqual(stored);
  });

  it('refuses rows with fields a block cannot carry', () => {
    expect(isPackable({ sessionId: 's', ts: 1, metrics: { viewers: 1 } })).toBe(true);
    expect(isPackable({ sessionId: 's', ts: 1, metrics: {}, src: 'load-a:7' })).toBe(true);
    expect(isPackable({ sessionId: 's', ts: 1, metrics: {}, src: 7 } as unknown as SampleRow)).toBe(false);
    expect(isPackable({ sessionId: 's', ts: 1, metrics: {}, note: 'x' } as unknown as SampleRow)).toBe(false);
    expect(isPackable({ sessionId: 's', ts: 1, metrics: { viewers: '1' } } as unknown as SampleRow)).toBe(
      false,
    );
  });
});
