import type { LivecueDb } from '../../store/database';
import {
  isPackableSnapshot,
  PRODUCT_BLOCK_ROWS,
  type ProductPackRow,
  packProductBlock,
} from '../../store/productBlocks';
import { packAddsUp } from '../../store/productQueries';
import type { ProductSnapshotRow } from '../../store/productRows';
import type { SessionRow } from '../../store/rows';
import { sessionRange } from '../../store/sessionRange';

// Packs sessions' product snapshots into blocks (lib/store/productBlocks.ts) as the live goes on, so a worker
// restarted late in a long evening, a review and a side panel read ~100 rows instead of ~200k. Runs on the
// packing alarm (setupSamplePacking.ts), a block at a time and a bounded batch per run. A live session's
// last minutes stay row by row; an ended session is packed to its end once. Each step's blocks and pack
// record are written in one transaction, so a worker stopped halfway leaves a whole pack.

/** A live session's snapshots this recent stay row by row: the newest readings are the ones still moving. */
export const PACK_HOLD_MS = 2 * 60_000;
/** Snapshots packed per alarm run at most (ten blocks: the live writer waits behind a run for a fraction of a second). */
export const PACK_ROWS_PER_RUN = 20_000;

const emptyPack = (sessionId: string): ProductPackRow => ({
  sessionId,
  lastTs: Number.NEGATIVE_INFINITY,
  rows: 0,
  blocks: 0,
  epoch: crypto.randomUUID(),
});

/**
 * Packs a session's snapshots dated before `before` (all of them when `final`) into whole blocks, after those
 * packed already, `maxRows` at most; a last partial block waits for more rows unless `final`. A session whose
 * pack its writers dropped (a snapshot filed at an older time than it reaches, an import into the session:
 * packGuard.ts), or whose pack misses a block, is packed again from its start. A snapshot a block cannot give back exactly leaves the
 * session flat (read row by row). Returns the rows packed.
 */
export function packProductSnapshots(
  db: LivecueDb,
  sessionId: string,
  before: number,
  { final = false, maxRows = PACK_ROWS_PER_RUN }: { final?: boolean; maxRows?: number } = {},
): Promise<number> {
  const [lowest, highest] = sessionRange(sessionId);
  const upper: [string, unknown] = final ? highest : [sessionId, before];
  const byTime = db.productSnapshots.where('[sessionId+ts]');
  return db.transaction('rw', [db.productSnapshots, db.productBlocks, db.productPacks], async () => {
    const held = await db.productPacks.get(sessionId);
    if (held?.flat) return 0;
    let pack = held ?? emptyPack(sessionId);
    const unpacked = () => byTime.between([sessionId, pack.lastTs], upper, false, final);
    // A pack missing a block is started over (readers read row by row meanwhile). One a late snapshot reached
    // back into is gone already: its writer dropped it (packGuard.ts).
    const startOver = pack.rows > 0 && !(await packAddsUp(db, pack));
    if (startOver) {
      await db.productBlocks.where('[sessionId+ts]').between(lowest, highest).delete();
      pack = emptyPack(sessionId);
      await db.productPacks.put(pack);
    }
    // Then cheap: most runs find less than a block's worth of new rows.
    if (!final && (await unpacked().count()) <= PRODUCT_BLOCK_ROWS) return 0;
    let packed = 0;
    while (packed < maxRows) {
      let rows: ProductSnapshotRow[] = await unpacked()
        .limit(PRODUCT_BLOCK_ROWS + 1)
        .toArray();
      if (rows.length === 0) break;
      if (rows.length > PRODUCT_BLOCK_ROWS) {
        // A block ends before its last time's rows, which start the next one: a reading is never split.
        const lastTs = rows[rows.length - 1]!.ts;
        let end = rows.length;
        while (end > 0 && rows[end - 1]!.ts === lastTs) end--;
        rows = end > 0 ? rows.slice(0, end) : await byTime.equals([sessionId, lastTs]).toArray();
      } else if (!final) break;
      if (!rows.every(isPackableSnapshot)) {
        await db.productBlocks.where('[sessionId+ts]').between(lowest, highest).delete();
        await db.productPacks.put({ ...emptyPack(sessionId), flat: true });
        return packed;
      }
      // A first block leaves none of an earlier pack behind (a reader counts them).
      if (pack.blocks === 0) await db.productBlocks.where('[sessionId+ts]').between(lowest, highest).delete();
      await db.productBlocks.put(packProductBlock(rows));
      pack = {
        ...pack,
        lastTs: rows[rows.length - 1]!.ts,
        rows: pack.rows + rows.length,
        blocks: pack.blocks + 1,
      };
      packed += rows.length;
    }
    if (packed > 0) await db.productPacks.put(pack);
    return packed;
  });
}

/**
 * One alarm's packing of product snapshots: every live session up to its last minutes, and each ended session
 * once to its end (again if it took readings after). Returns the rows packed.
 */
export async function packProductSessions(db: LivecueDb, maxRows = PACK_ROWS_PER_RUN): Promise<number> {
  const sessions = await db.sessions.toArray();
  const packs = await db.productPacks.bulkGet(sessions.map((session) => session.id));
  let packed = 0;
  for (const [i, session] of sessions.entries()) {
    if (packed >= maxRows) break;
    const pack = packs[i];
    if (pack?.flat || (session.endedAt !== undefined && pack?.finalAt === session.lastSampleAt)) continue;
    packed += await packSession(db, session, maxRows - packed);
  }
  return packed;
}

async function packSession(db: LivecueDb, session: SessionRow, maxRows: number): Promise<number> {
  if (session.endedAt === undefined)
    return packProductSnapshots(db, session.id, session.lastSampleAt - PACK_HOLD_MS, { maxRows });
  const packed = await packProductSnapshots(db, session.id, Number.POSITIVE_INFINITY, {
    final: true,
    maxRows,
  });
  // Packed to its end: not looked at again until it takes a reading after it (a reopened live).
  await db.transaction('rw', db.productPacks, async () => {
    const now = (await db.productPacks.get(session.id)) ?? emptyPack(session.id);
    const whole = packed < maxRows;
    if (whole && !now.flat) await db.productPacks.put({ ...now, finalAt: session.lastSampleAt });
  });
  return packed;
}

/** Every session's snapshots packed to their newest, live or not (for tests: the alarm holds the newest back). */
export async function packEverySessionNow(db: LivecueDb): Promise<number> {
  let packed = 0;
  for (const id of (await db.sessions.toCollection().primaryKeys()) as string[]) {
    packed += await packProductSnapshots(db, id, Number.POSITIVE_INFINITY, {
      final: true,
      maxRows: Number.POSITIVE_INFINITY,
    });
  }
  return packed;
}
