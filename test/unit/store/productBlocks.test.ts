import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRODUCT_METRIC_IDS } from '../../../lib/core/products/productContract';
import { isPackableSnapshot, packProductBlock, unpackProductBlock } from '../../../lib/store/productBlocks';
import type { ProductSnapshotRow } from '../../../lib/store/productRows';

// A block gives back exactly the snapshots packed into it: several products, changed values only (numbers,
// unreadable cells as null, metrics absent), names and prices on the rows that carry them, and each value's
// source where the row names it.

const metricValue = fc.oneof(
  fc.constant(null),
  fc.double({ noDefaultInfinity: true }),
  fc.integer({ min: 0, max: 1e9 }),
);
const rowAt = (ts: number) =>
  fc
    .record(
      {
        sessionId: fc.constant('douyin:r1:1000'),
        productId: fc.constantFrom('3621', '3622', 'a-b', ''),
        ts: fc.constant(ts),
        name: fc.string(),
        price: fc.double({ noNaN: true, min: 0, max: 1e6 }),
        metrics: fc.dictionary(fc.constantFrom(...PRODUCT_METRIC_IDS), metricValue),
        sources: fc.dictionary(fc.constantFrom(...PRODUCT_METRIC_IDS), fc.constantFrom('dom', 'json')),
      },
      { requiredKeys: ['sessionId', 'productId', 'ts', 'metrics'] },
    )
    // Plain objects, as IndexedDB hands rows back.
    .map((row) => structuredClone(row)) as fc.Arbitrary<ProductSnapshotRow>;
const rows = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rowAt(1000 + Math.floor(i / 3) * 3000))));

describe('product blocks', () => {
  it('give back exactly the snapshots packed into them', () => {
    fc.assert(
      fc.property(rows, (packed) => {
        expect(packed.every(isPackableSnapshot)).toBe(true);
        const block = packProductBlock(packed);
        expect(block).toMatchObject({ ts: packed[0]!.ts, lastTs: packed.at(-1)!.ts, count: packed.length });
        expect(unpackProductBlock(structuredClone(block))).toStrictEqual(packed);
      }),
    );
  });

  it('add their snapshots after those already gathered', () => {
    const a: ProductSnapshotRow = { sessionId: 's', productId: 'a', ts: 1, metrics: { sold: 1 } };
    const b: ProductSnapshotRow = { sessionId: 's', productId: 'b', ts: 2, metrics: { stock: null } };
    expect(unpackProductBlock(packProductBlock([b]), [a])).toStrictEqual([a, b]);
  });

  it('refuse a snapshot they could not give back exactly', () => {
    const row: ProductSnapshotRow = { sessionId: 's', productId: 'a', ts: 1, metrics: { sold: 3 } };
    expect(isPackableSnapshot(row)).toBe(true);
    const odd = (extra: object) => ({ ...row, ...extra }) as unknown as ProductSnapshotRow;
    expect(isPackableSnapshot(odd({ note: 'x' }))).toBe(false);
    expect(isPackableSnapshot(odd({ metrics: { sold: '3' } }))).toBe(false);
    expect(isPackableSnapshot(odd({ metrics: { followers: 3 } }))).toBe(false);
    expect(isPackableSnapshot(odd({ sources: { sold: 'ocr' } }))).toBe(false);
    expect(isPackableSnapshot(odd({ name: 5 }))).toBe(false);
    expect(isPackableSnapshot(odd({ price: '59' }))).toBe(false);
  });
});
