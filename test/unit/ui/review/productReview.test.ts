import { expect, it } from 'vitest';
import type { ProductPinRow, ProductSnapshotRow } from '../../../../lib/store/productRows';
import { productReview } from '../../../../lib/ui/review/productReview';

// The review's product table from stored rows: time on screen and what was earned there from the real pin
// spans, rates and stock at the end, and the plan beside what was really pinned.

const T = Date.UTC(2026, 11, 5, 20);
const S = 's';
const snap = (productId: string, sec: number, metrics: ProductSnapshotRow['metrics'], name?: string) => ({
  sessionId: S,
  productId,
  ts: T + sec * 1000,
  ...(name && { name, price: 100 }),
  metrics,
});
const pin = (sec: number, productId: string | null): ProductPinRow => ({
  sessionId: S,
  ts: T + sec * 1000,
  productId,
});

const snapshots: ProductSnapshotRow[] = [
  snap('a', 0, { impressions: 1000, clicks: 100, carts: 20, sold: 0, gmv: 0, stock: 50 }, 'Scarf'),
  snap('b', 0, { impressions: 500, clicks: 20, sold: 2, gmv: 200, stock: 30 }, 'Shirt'),
  snap('a', 300, { sold: 10, gmv: 1000, stock: 40 }),
  snap('b', 400, { sold: 3, gmv: 300 }),
  snap('b', 600, { sold: 13, gmv: 1300, stock: 20 }),
  snap('a', 900, { sold: 12, gmv: 1200, stock: 38 }),
];
const pins = [pin(0, 'a'), pin(360, 'b'), pin(660, null), pin(720, 'a')];

it('totals each product over its real pin spans, with rates and stock at the end', () => {
  const review = productReview({ snapshots, pins }, T + 1000_000);
  expect(review.rows.map((r) => [r.id, r.explainedSec, r.slots, r.slotGmv, r.slotSold, r.stockEnd])).toEqual([
    // a: 0–360 (+1000, +10) and 720–1000 (+200, +2); b: 360–660 (+1000 at 400→600: 300→1300).
    ['a', 360 + 280, 2, 1200, 12, 38],
    ['b', 300, 1, 1100, 11, 20],
  ]);
  expect(review.rows[0]).toMatchObject({ ctr: 0.1, clickToCart: 0.2, cartToSold: 0.6, gmv: 1200 });
  expect(review.slots.map((s) => [s.productId, (s.from - T) / 1000, (s.to - T) / 1000])).toEqual([
    ['a', 0, 360],
    ['b', 360, 660],
    ['a', 720, 1000],
  ]);
  expect(review.slots[0]?.name).toBe('Scarf');
});

it('puts the plan beside what was really pinned', () => {
  const plan = [
    { productId: 'a', name: 'Scarf', minutes: 10 },
    { name: 'Shirt', minutes: 5 },
    { productId: 'z', name: 'Gloves', minutes: 8 },
  ];
  const review = productReview({ snapshots, pins }, T + 1000_000, plan);
  expect(review.rows.map((r) => [r.id, r.plannedMin])).toEqual([
    ['a', 10],
    ['b', 5],
  ]);
  expect(review.plannedNotShown.map((slot) => slot.name)).toEqual(['Gloves']);
});

it('gives an empty table for a session without a product list', () => {
  expect(productReview({ snapshots: [], pins: [] }, T)).toEqual({ rows: [], slots: [], plannedNotShown: [] });
});
