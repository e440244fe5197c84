import { Dexie } from 'dexie';
import type { LivecueDb } from './database';
import type { ProductPinRow, ProductSnapshotRow } from './productRows';

// Reads of the product tables shared by the pages (panel ranking, review). Plain async functions, so a
// page wraps them in liveQuery and a test runs them on fake-indexeddb.

export interface SessionProductRows {
  snapshots: ProductSnapshotRow[];
  pins: ProductPinRow[];
}

/** A session's product rows at or after `sinceTs`, in time order (all of them from -Infinity). */
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
    db.productSnapshots.where('[sessionId+ts]').between(from, to, true, true).toArray(),
    db.productPins.where('[sessionId+ts]').between(from, to, true, true).toArray(),
  ]);
  return { snapshots, pins };
}
