import { Dexie } from 'dexie';
import type { LivecueDb } from './database';
import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from './productRows';

// Reads of the product tables shared by the pages (panel ranking, review). Plain async functions, so a
// page wraps them in liveQuery and a test runs them on fake-indexeddb.

export interface SessionProductRows {
  snapshots: ProductSnapshotRow[];
  pins: ProductPinRow[];
}

/**
 * Every product snapshot of a session, by the table's own key (product, then time): a quarter faster than
 * the time index on a long evening (~192k rows in Chromium: 4.8 vs 6.2 s), which looks each row up again.
 */
export function sessionSnapshots(db: LivecueDb, sessionId: string): Promise<ProductSnapshotRow[]> {
  return (
    db.productSnapshots
      .where('[sessionId+productId+ts]')
      // [id] sorts before every [id, product, ts] and [id, []] after (an array after any string).
      .between([sessionId], [sessionId, []], true, true)
      .toArray()
  );
}

/** Each product's latest values in a session (one row per product, DB v6). */
export function sessionLatest(db: LivecueDb, sessionId: string): Promise<ProductLatestRow[]> {
  return db.productLatest
    .where('[sessionId+productId]')
    .between([sessionId], [sessionId, []], true, true)
    .toArray();
}

/**
 * A session's product rows at or after `sinceTs`, in time order; from -Infinity, all of them, ordered by
 * product then time (every reader groups them by time: productsEvents).
 */
export async function productRowsSince(
  db: LivecueDb,
  sessionId: string,
  sinceTs: number,
): Promise<SessionProductRows> {
  const from: [string, number | typeof Dexie.minKey] = [
    sessionId,
    Number.isFinite(sinceTs) ? sinceTs : Dexie.minKey,
  ];
  const to: [string, unknown] = [sessionId, Dexie.maxKey];
  const [snapshots, pins] = await Promise.all([
    Number.isFinite(sinceTs)
      ? db.productSnapshots.where('[sessionId+ts]').between(from, to, true, true).toArray()
      : sessionSnapshots(db, sessionId),
    db.productPins.where('[sessionId+ts]').between(from, to, true, true).toArray(),
  ]);
  return { snapshots, pins };
}
