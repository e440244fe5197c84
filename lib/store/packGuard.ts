import type { Table } from 'dexie';
import type { LivecueDb } from './database';
import type { ProductSnapshotRow } from './productRows';
import type { SampleRow } from './rows';
import { sessionRange } from './sessionRange';

// A live session's packs hold its product snapshots (productBlocks + productPacks, DB v7) and its samples
// (sampleBlocks + samplePacks with a `lastTs`) up to the pack's `lastTs`, and a restarted worker and the
// other readers take them without counting the session's rows (a count by key cost 0.35-0.6 s for the
// snapshots eight hours in, on every read, every restart and every packing run). So every writer keeps the
// packs true: a row filed at or before a pack's `lastTs` drops that pack's record in the writer's own
// transaction (blocks without a record are never read; the packer clears them before it packs the session
// again from its start), and readers read the session's rows meanwhile. An import drops a session's packs
// whole whatever the times (importExport.ts); rows only ever go with their whole session.

/** Drops a session's packed product snapshots, blocks and record; call inside a transaction holding both. */
export async function dropProductPack(db: LivecueDb, sessionId: string): Promise<void> {
  const [lower, upper] = sessionRange(sessionId);
  await Promise.all([
    db.productBlocks.where('[sessionId+ts]').between(lower, upper, true, true).delete(),
    db.productPacks.delete(sessionId),
  ]);
}

/** Each session's oldest row time among `rows`. */
function oldestBySession(rows: readonly { sessionId: string; ts: number }[]): Map<string, number> {
  const oldest = new Map<string, number>();
  for (const row of rows) {
    const seen = oldest.get(row.sessionId);
    if (seen === undefined || row.ts < seen) oldest.set(row.sessionId, row.ts);
  }
  return oldest;
}

/** Deletes the pack record of each session a row reaches back into (at or before its `lastTs`). */
function dropReachedPacks<Pack extends { lastTs?: number }>(
  packs: Table<Pack, string>,
  rows: readonly { sessionId: string; ts: number }[],
): Promise<unknown> {
  return Promise.all(
    [...oldestBySession(rows)].map(async ([sessionId, ts]) => {
      const pack = await packs.get(sessionId);
      if (pack?.lastTs !== undefined && ts <= pack.lastTs) await packs.delete(sessionId);
    }),
  );
}

/**
 * Writes snapshots (a row at a key already held replaces it) and drops the pack record of each session one of
 * them reaches back into; call inside a transaction holding productSnapshots and productPacks.
 */
export async function putProductSnapshots(db: LivecueDb, rows: readonly ProductSnapshotRow[]): Promise<void> {
  await Promise.all([
    db.productSnapshots.bulkPut(rows as ProductSnapshotRow[]),
    dropReachedPacks(db.productPacks, rows),
  ]);
}

/**
 * Writes samples and drops the live pack record (one with a `lastTs`) of each session one of them reaches back
 * into; call inside a transaction holding samples and samplePacks. An ended session's pack (no `lastTs`) is
 * checked by its readers' count instead (exportProgress.ts).
 */
export async function putSamples(db: LivecueDb, rows: readonly SampleRow[]): Promise<void> {
  await Promise.all([db.samples.bulkPut(rows as SampleRow[]), dropReachedPacks(db.samplePacks, rows)]);
}
