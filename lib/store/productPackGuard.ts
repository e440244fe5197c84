import { Dexie } from 'dexie';
import type { LivecueDb } from './database';
import type { ProductSnapshotRow } from './productRows';

// A session's pack (productBlocks + productPacks, DB v7) holds its snapshots up to the pack's `lastTs`, and
// readers take it without counting the session's rows (a count by key cost 0.3–0.6 s eight hours in, on
// every read, every restart and every packing run). So every writer of snapshots keeps the pack true: one
// filed at or before a pack's `lastTs` drops that pack, blocks and record, in the writer's own transaction;
// the packer then packs the session again from its start, and readers read its rows meanwhile.

/** The tables a writer of snapshots holds: the snapshots and the packs it may have to drop. */
export const snapshotWriteTables = (db: LivecueDb) => [
  db.productSnapshots,
  db.productBlocks,
  db.productPacks,
];

/** Drops a session's packed copy (blocks and record); call inside a transaction holding snapshotWriteTables. */
export async function dropProductPack(db: LivecueDb, sessionId: string): Promise<void> {
  await Promise.all([
    db.productBlocks
      .where('[sessionId+ts]')
      .between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey], true, true)
      .delete(),
    db.productPacks.delete(sessionId),
  ]);
}

/**
 * Writes snapshots (a row at a key already held replaces it) and drops the pack record of each session one of
 * them reaches back into; call inside a transaction holding productSnapshots and productPacks.
 */
export async function putProductSnapshots(db: LivecueDb, rows: readonly ProductSnapshotRow[]): Promise<void> {
  const oldest = new Map<string, number>();
  for (const row of rows) {
    const seen = oldest.get(row.sessionId);
    if (seen === undefined || row.ts < seen) oldest.set(row.sessionId, row.ts);
  }
  await Promise.all([
    db.productSnapshots.bulkPut(rows as ProductSnapshotRow[]),
    ...[...oldest].map(async ([sessionId, ts]) => {
      const pack = await db.productPacks.get(sessionId);
      if (pack && ts <= pack.lastTs) await db.productPacks.delete(sessionId);
    }),
  ]);
}
