import { describe, expect, it } from 'vitest';
import { type Sample, sampleSchema } from '../../../../lib/core/messages/sample';
import {
  MAX_PRODUCT_ROWS_PER_SAMPLE,
  type ProductTableReading,
} from '../../../../lib/core/products/productContract';

const base: Sample = {
  seq: 1,
  ts: 1_700_000_000_000,
  site: 'tiktok-shop',
  roomKey: 'r1',
  metrics: { viewers: 10 },
  health: { parsed: ['viewers'], failed: [], missing: [] },
};

const table: ProductTableReading = {
  rows: [
    {
      id: '1729384756102938475',
      name: 'Kids’ Rain Boots &amp; Socks',
      metrics: { impressions: 1520, ctr: 0.031, gmv: 120.5, stock: 12, sold: 4, carts: null },
      sources: { impressions: 'json', ctr: 'dom' },
    },
  ],
  pinnedId: '1729384756102938475',
  health: { rowsKnown: 144, domValues: 5, jsonValues: 1, unknownShapes: ['/api/v1/x/live_product/list'] },
};

describe('a sample carrying the product list', () => {
  it('accepts the rows the content script reads, typed by the contract', () => {
    const sample: Sample = { ...base, products: table };
    expect(sampleSchema.parse(sample).products).toEqual(table);
  });

  it('is optional: pages without a product list send none', () => {
    expect(sampleSchema.safeParse(base).success).toBe(true);
  });

  it('refuses a row without an id, an unknown metric, a non-finite value or too many rows', () => {
    const bad = (products: unknown) => sampleSchema.safeParse({ ...base, products }).success;
    const row = table.rows[0]!;
    expect(bad({ ...table, rows: [{ ...row, id: '' }] })).toBe(false);
    expect(bad({ ...table, rows: [{ ...row, metrics: { views: 1 } }] })).toBe(false);
    expect(bad({ ...table, rows: [{ ...row, metrics: { gmv: Number.NaN } }] })).toBe(false);
    expect(bad({ ...table, rows: [{ ...row, sources: { gmv: 'ocr' } }] })).toBe(false);
    expect(bad({ ...table, rows: Array.from({ length: MAX_PRODUCT_ROWS_PER_SAMPLE + 1 }, () => row) })).toBe(
      false,
    );
    expect(bad({ ...table, health: { rowsKnown: -1, domValues: 0, jsonValues: 0 } })).toBe(false);
    expect(bad({ ...table, rows: [] })).toBe(true);
    expect(bad({ ...table, pinnedId: null })).toBe(true);
  });
});
