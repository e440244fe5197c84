import { describe, expect, it } from 'vitest';
import type { ProductPinRow, ProductSnapshotRow } from '../../../../lib/store/productRows';
import { productReview } from '../../../../lib/ui/review/productReview';
import { productReviewFold } from '../../../../lib/ui/review/productReviewFold';

// A review of a running show folds the evening's settled rows once and only the newest ones at each
// refresh; its table is the one a fold of every row gives, refresh after refresh, whatever the reads say.

const T = Date.UTC(2026, 11, 7, 20);
const S = 'douyin:room:1';
const PRODUCTS = ['scarf', 'mug', 'hat', 'gloves', 'socks', 'bag'];
const plan = [
  { productId: 'scarf', name: '围巾', minutes: 10 },
  { productId: 'hat', name: '帽子', minutes: 5 },
];

/**
 * Thirty minutes of a product table read every 3 s: each reading files the products' changed values (the bag
 * first seen at 10 min); the pin moves every 5 minutes, off screen for a while at 20 min.
 */
function evening(): { snapshots: ProductSnapshotRow[]; pins: ProductPinRow[] } {
  const snapshots: ProductSnapshotRow[] = [];
  const pins: ProductPinRow[] = [];
  for (let s = 0; s < 1800; s += 3) {
    for (const [k, productId] of PRODUCTS.entries()) {
      if (productId === 'bag' && s < 600) continue;
      if ((s / 3 + k) % 4 === 0) continue;
      const sold = Math.floor((s * (k + 1)) / 40);
      const metrics: ProductSnapshotRow['metrics'] = { impressions: s * 30 + k, clicks: s + k, sold };
      if (k !== 2) metrics.gmv = sold * (59 + k);
      if (s % 60 === 0) metrics.stock = 500 - sold;
      const row: ProductSnapshotRow = { sessionId: S, productId, ts: T + s * 1000, metrics };
      if (s === 0 || (productId === 'bag' && s === 600))
        Object.assign(row, { name: `${productId}款`, price: 59 + k });
      snapshots.push(row);
    }
    if (s % 300 === 0)
      pins.push({ sessionId: S, ts: T + s * 1000, productId: s === 1200 ? null : PRODUCTS[(s / 300) % 6]! });
  }
  return { snapshots, pins };
}

/** How long before the newest row a read gives rows the ledger states anew later. */
const RESTATED_MS = 30_000;

/**
 * The session as a refresh at `now` reads it: the rows filed by then, those of the last 30 s with values and
 * pins the ledger states anew later (a late reading's changes restated at its newest time), in the order of
 * the table's key (product, then time), as a row-by-row read gives them.
 */
function readAt(now: number, all = evening()) {
  const snapshots = all.snapshots
    .filter((row) => row.ts <= now)
    .map((row) => (row.ts > now - RESTATED_MS ? { ...row, metrics: { ...row.metrics, sold: 0 } } : row))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : a.ts - b.ts));
  const pins = all.pins
    .filter((pin) => pin.ts <= now)
    .map((pin) => (pin.ts > now - RESTATED_MS ? { ...pin, productId: 'socks' } : pin));
  return { snapshots, pins };
}

describe('productReviewFold', () => {
  it('gives the table a fold of every row gives, at each refresh of a running show', () => {
    const fold = productReviewFold();
    let last = Number.NEGATIVE_INFINITY;
    let restatedPins = 0;
    for (let now = T + 20_000; now <= T + 1_800_000; now += 37_000) {
      const rows = readAt(now);
      restatedPins += rows.pins.filter((pin) => pin.ts > now - RESTATED_MS).length;
      // What a refresh vouches for: rows older than a minute before the newest it held last time.
      const unchangedBefore = last === Number.NEGATIVE_INFINITY ? last : last - 60_000;
      const table = fold.review(S, { ...rows, unchangedBefore }, now, plan);
      expect(table, `refresh at ${(now - T) / 1000} s`).toEqual(productReview(rows, now, plan));
      last = now;
    }
    expect(restatedPins).toBeGreaterThan(0);
  });

  it('starts over when a read vouches for less than it folded, or a pin moved at a settled time', () => {
    const fold = productReviewFold();
    const at = (now: number) => T + now * 1000;
    fold.review(S, { ...readAt(at(600)), unchangedBefore: Number.NEGATIVE_INFINITY }, at(600), plan);
    fold.review(S, { ...readAt(at(900)), unchangedBefore: at(540) }, at(900), plan);

    // A late reading filed at its own old time: the rows read whole again give a table with it.
    const all = evening();
    const late = all.snapshots.find((row) => row.productId === 'scarf' && row.ts === at(99))!;
    late.metrics = { ...late.metrics, sold: 9999, gmv: 9999 * 59 };
    const whole = readAt(at(930), all);
    expect(fold.review(S, { ...whole, unchangedBefore: Number.NEGATIVE_INFINITY }, at(930), plan)).toEqual(
      productReview(whole, at(930), plan),
    );
    fold.review(S, { ...whole, unchangedBefore: at(870) }, at(960), plan);

    // A pin filed late, at a time already folded: the pins say so.
    all.pins.push({ sessionId: S, ts: at(120), productId: 'mug' });
    const withPin = readAt(at(990), all);
    expect(fold.review(S, { ...withPin, unchangedBefore: at(900) }, at(990), plan)).toEqual(
      productReview(withPin, at(990), plan),
    );
  });

  it('folds another session on its own, and an empty one as an empty table', () => {
    const fold = productReviewFold();
    const rows = readAt(T + 900_000);
    fold.review(S, { ...rows, unchangedBefore: Number.NEGATIVE_INFINITY }, T + 900_000, plan);
    fold.review(S, { ...rows, unchangedBefore: T + 800_000 }, T + 900_000, plan);
    const other = { snapshots: rows.snapshots.filter((row) => row.productId === 'mug'), pins: [] };
    expect(fold.review('other', { ...other, unchangedBefore: T + 800_000 }, T + 900_000, [])).toEqual(
      productReview(other, T + 900_000, []),
    );
    expect(
      fold.review('none', { snapshots: [], pins: [], unchangedBefore: Number.NEGATIVE_INFINITY }, T, []),
    ).toEqual({ rows: [], slots: [], plannedNotShown: [] });
  });
});
