import type { ProductRowReading, ProductsEvent } from '../core/products/productContract';
import type { ProductPinRow, ProductSnapshotRow } from './productRows';

// Stored product rows as the engine's products events: the one way both the worker's refold and the pages
// (panel ranking, review) turn the tables back into what was read, so every reader folds the same events.

/** A stored snapshot as the row of a products event. */
export function readingOf(row: ProductSnapshotRow): ProductRowReading {
  return {
    id: row.productId,
    ...(row.name !== undefined && { name: row.name }),
    ...(row.price !== undefined && { price: row.price }),
    metrics: row.metrics,
    ...(row.sources !== undefined && { sources: row.sources }),
  };
}

const byTsThenProduct = (a: ProductSnapshotRow, b: ProductSnapshotRow) =>
  a.ts - b.ts || (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0);

/**
 * One products event per time that has a snapshot or a pin change, in time order; rows by product id (the
 * order the worker folds them live). A pin row sets `pinnedId`; a time without one leaves it absent.
 */
export function productsEvents(
  snapshots: readonly ProductSnapshotRow[],
  pins: readonly ProductPinRow[],
): ProductsEvent[] {
  const rows = [...snapshots].sort(byTsThenProduct);
  const pinAt = new Map(pins.map((pin) => [pin.ts, pin.productId]));
  const times = [...new Set([...rows.map((row) => row.ts), ...pinAt.keys()])].sort((a, b) => a - b);
  const events: ProductsEvent[] = [];
  let i = 0;
  for (const ts of times) {
    const at: ProductRowReading[] = [];
    while (i < rows.length && rows[i]!.ts === ts) at.push(readingOf(rows[i++]!));
    const event: ProductsEvent = { kind: 'products', ts, rows: at };
    if (pinAt.has(ts)) event.pinnedId = pinAt.get(ts)!;
    events.push(event);
  }
  return events;
}
