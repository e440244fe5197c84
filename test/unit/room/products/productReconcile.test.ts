import { describe, expect, it } from 'vitest';
import { JSON_FRESH_MS, reconcileRow } from '../../../../lib/room/products/productReconcile';

const dom = (at: number) => ({
  name: 'Gloves',
  price: 12.5,
  metrics: { clicks: 1200, sold: 58, ctr: null },
  failed: [{ metric: 'ctr' as const, raw: '--' }],
  at,
});
const json = (at: number) => ({
  at,
  row: {
    id: 'g',
    name: 'Gloves (JSON)',
    price: 12.49,
    metrics: { clicks: 1234, unpaidOrders: 6, ctr: 0.031 },
  },
});

describe('reconciling a product’s values', () => {
  it('JSON where it has the value and is fresh, the table for the rest', () => {
    expect(reconcileRow('g', dom(100), json(200), 1000)).toEqual({
      id: 'g',
      name: 'Gloves',
      price: 12.49,
      metrics: { clicks: 1234, sold: 58, ctr: 0.031, unpaidOrders: 6 },
      sources: { clicks: 'json', sold: 'dom', ctr: 'json', unpaidOrders: 'json' },
    });
  });

  it('the table where it changed after the JSON came, or the JSON is old; JSON-only values stay', () => {
    const newer = reconcileRow('g', dom(300), json(200), 1000);
    expect(newer.metrics).toEqual({ clicks: 1200, sold: 58, ctr: null, unpaidOrders: 6 });
    expect(newer.sources).toEqual({ clicks: 'dom', sold: 'dom', ctr: 'dom', unpaidOrders: 'json' });
    const old = reconcileRow('g', dom(100), json(200), 200 + JSON_FRESH_MS + 1);
    expect(old.metrics.clicks).toBe(1200);
  });

  it('the same number from both is the table’s: a JSON poll that only catches up changes nothing', () => {
    const same = { ...json(200), row: { ...json(200).row, metrics: { clicks: 1200 } } };
    expect(reconcileRow('g', dom(100), same, 1000).sources).toEqual({
      clicks: 'dom',
      sold: 'dom',
      ctr: 'dom',
    });
  });

  it('a row only one source has (scrolled out of the list, or not in the JSON) comes from it', () => {
    expect(reconcileRow('g', undefined, json(0), 10 * JSON_FRESH_MS).metrics).toEqual({
      clicks: 1234,
      ctr: 0.031,
      unpaidOrders: 6,
    });
    expect(reconcileRow('g', dom(0), undefined, 0).sources).toEqual({
      clicks: 'dom',
      sold: 'dom',
      ctr: 'dom',
    });
  });
});
