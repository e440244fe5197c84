import type { ProductRowReading, ProductsEvent } from '../core/products/productContract';
import type { ProductPinRow, ProductSnapshotRow } from './productRows';

// Stored product rows as the engine's products events: the one way both the worker's refold and the pages
// (panel ranking, review) turn the tables back into what was read, so every reader folds the same events.

/** A stored snapshot as the row of a products event. */
export function readingOf(row: ProductSnapshotRow): ProductRowReading {
  // Fields set one by one: a refold of a long session turns ~200k rows, and spreading optional parts
  // made an object per part.
  const reading: ProductRowReading = { id: row.productId, metrics: row.metrics };
  if (row.name !== undefined) reading.name = row.name;
  if (row.price !== undefined) reading.price = row.price;
  if (row.sources !== undefined) reading.sources = row.sources;
  return reading;
}

const byProductId = (a: ProductSnapshotRow, b: ProductSnapshotRow) =>
  a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;

/**
 * One products event per time that has a snapshot or a pin change, in time order; rows by product id (the
 * order the worker folds them live). A pin row sets `pinnedId`; a time without one leaves it absent.
 */
export function productsEvents(
  snapshots: readonly ProductSnapshotRow[],
  pins: readonly ProductPinRow[],
): ProductsEvent[] {
  const byTime = new Map<number, ProductSnapshotRow[]>();
  for (const row of snapshots) {
    const at = byTime.get(row.ts);
    if (at) at.push(row);
    else byTime.set(row.ts, [row]);
  }
  return productsEventsByTime(byTime, pins);
}

/** As productsEvents, from snapshots already grouped by time (any order of times and of rows within one). */
export function productsEventsByTime(
  byTime: ReadonlyMap<number, readonly ProductSnapshotRow[]>,
  pins: readonly ProductPinRow[],
): ProductsEvent[] {
  const pinAt = new Map(pins.map((pin) => [pin.ts, pin.productId]));
  const times = [...byTime.keys()];
  for (const ts of pinAt.keys()) if (!byTime.has(ts)) times.push(ts);
  times.sort((a, b) => a - b);
  const events: ProductsEvent[] = new Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const ts = times[i]!;
    const held = byTime.get(ts);
    const at = held === undefined ? [] : held.length > 1 ? [...held].sort(byProductId) : held;
    const event: ProductsEvent = { kind: 'products', ts, rows: at.map(readingOf) };
    if (pinAt.has(ts)) event.pinnedId = pinAt.get(ts)!;
    events[i] = event;
  }
  return events;
}
