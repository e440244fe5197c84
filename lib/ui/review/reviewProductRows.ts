import type { PlanSlot } from '../../core/engine/types';
import type { LivecueDb } from '../../store/database';
import type { ProductPackRow } from '../../store/productBlocks';
import {
  type SessionProductRows,
  sessionPins,
  sessionSnapshotPages,
  sessionSnapshots,
  sessionSnapshotsByKey,
} from '../../store/productQueries';
import type { ProductSnapshotRow } from '../../store/productRows';
import { sessionRange } from '../../store/sessionRange';
import { REREAD_MS } from './heldTimeRows';
import type { ProductReview } from './productReview';
import { productReviewFold, type ReadProductRows } from './productReviewFold';

/**
 * The session's product rows, for the review's product table (empty when the room showed no list), read a
 * page at a time by the table's own key: one read of a long evening's ~200k rows held its thread for a
 * second.
 */
export async function loadReviewProducts(db: LivecueDb, sessionId: string): Promise<SessionProductRows> {
  const pins = sessionPins(db, sessionId);
  const snapshots: SessionProductRows['snapshots'] = [];
  for await (const page of sessionSnapshotPages(db, sessionId)) for (const row of page) snapshots.push(row);
  return { snapshots, pins: await pins };
}

/**
 * As loadReviewProducts, in one read: for a worker, whose thread no page shares (a long evening's rows come
 * about a fifth sooner than page by page).
 */
export async function loadReviewProductsAtOnce(
  db: LivecueDb,
  sessionId: string,
): Promise<SessionProductRows> {
  const [snapshots, pins] = await Promise.all([sessionSnapshots(db, sessionId), sessionPins(db, sessionId)]);
  return { snapshots, pins };
}

/** A session's product rows as a review refresh reads them: the stored rows, whole or as news since the last read. */
export interface ReviewProductRows {
  read(db: LivecueDb, sessionId: string): Promise<ReadProductRows>;
}

/** What a read's rows can trust of the session's product pack: no row at or before `lastTs` changes while `epoch` stays. */
interface TrustedPack {
  epoch: string;
  lastTs: number;
}

/**
 * A pack record whose epoch vouches for the rows it reaches (packGuard.ts: a writer that files a row at or
 * before its `lastTs` drops it, and a pack started again has another epoch); a flat pack reaches none.
 */
function trustedPack(record: ProductPackRow | undefined): TrustedPack | undefined {
  if (!record || record.flat || !Number.isFinite(record.lastTs)) return undefined;
  return { epoch: record.epoch, lastTs: record.lastTs };
}

/**
 * Keeps the rows the last read gave, so a refresh of a running show reads only the newest stretch instead of
 * the whole evening again (~200k rows, seconds at every refresh). What it keeps must be what the table still
 * holds. A session with a live pack vouches for it: rows up to the pack's `lastTs` are unchanged while the
 * pack's epoch is (its writers keep that true: packGuard.ts), so a refresh reads the rows after the older of
 * that time and REREAD_MS before the newest row held, and the pack record. A session without one says it by
 * its row count: a count that does not add up (a late reading filed at an older time, an import, a deletion)
 * reads everything again; a count by key cost ~0.5 s eight hours in, at every refresh. A row rewritten in
 * place at an older time is not seen by the count: the ledger rewrites a row only at a time it already
 * holds, with the values it held (a reading sent again), and states changed values at its newest time.
 */
export function heldReviewRows(
  /** How the whole session is read: a page at a time (the page's own thread) or at once (a worker's). */
  loadWhole: (db: LivecueDb, sessionId: string) => Promise<SessionProductRows> = loadReviewProducts,
): ReviewProductRows {
  let held:
    | { sessionId: string; snapshots: ProductSnapshotRow[]; newestTs: number; pack?: TrustedPack }
    | undefined;

  const keep = (
    sessionId: string,
    rows: SessionProductRows,
    pack: TrustedPack | undefined,
    unchangedBefore = Number.NEGATIVE_INFINITY,
  ): ReadProductRows => {
    let newestTs = Number.NEGATIVE_INFINITY;
    for (const row of rows.snapshots) if (row.ts > newestTs) newestTs = row.ts;
    held = { sessionId, snapshots: rows.snapshots, newestTs, pack };
    return { ...rows, unchangedBefore };
  };

  /** The whole session; its pack record is read first, so a row filed between the two reads drops what it vouches for. */
  const readWhole = async (db: LivecueDb, sessionId: string) => {
    const pack = trustedPack(await db.productPacks.get(sessionId));
    return keep(sessionId, await loadWhole(db, sessionId), pack);
  };

  return {
    async read(db, sessionId) {
      const before = held;
      if (!before || before.sessionId !== sessionId || !Number.isFinite(before.newestTs)) {
        return readWhole(db, sessionId);
      }
      const vouched = before.pack;
      const from = Math.min(before.newestTs - REREAD_MS, vouched?.lastTs ?? Number.POSITIVE_INFINITY);
      // One transaction: the pack record (or the count) and the newest rows agree with each other.
      const [record, total, fresh, pins] = await db.transaction(
        'r',
        [db.productSnapshots, db.productPins, db.productPacks],
        () =>
          Promise.all([
            db.productPacks.get(sessionId),
            vouched ? undefined : sessionSnapshotsByKey(db, sessionId).count(),
            db.productSnapshots
              .where('[sessionId+ts]')
              .between(...sessionRange(sessionId, from), true, true)
              .toArray(),
            sessionPins(db, sessionId),
          ]),
      );
      const kept = before.snapshots.filter((row) => row.ts < from);
      const addsUp = vouched ? record?.epoch === vouched.epoch : kept.length + fresh.length === total;
      if (!addsUp) return readWhole(db, sessionId);
      for (const row of fresh) kept.push(row);
      return keep(sessionId, { snapshots: kept, pins }, trustedPack(record), from);
    },
  };
}

/** A session's product table, read and computed on the calling thread (the worker's, or the page's). */
export interface HeldProductTable {
  review(db: LivecueDb, sessionId: string, end: number, plan: readonly PlanSlot[]): Promise<ProductReview>;
}

/**
 * Keeps what each call read and folded, so a refresh of a running show reads only the newest rows
 * (heldReviewRows) and folds only those (productReviewFold.ts).
 */
export function heldProductTable(
  loadWhole: (db: LivecueDb, sessionId: string) => Promise<SessionProductRows> = loadReviewProducts,
): HeldProductTable {
  const rows = heldReviewRows(loadWhole);
  const fold = productReviewFold();
  return {
    async review(db, sessionId, end, plan) {
      return fold.review(sessionId, await rows.read(db, sessionId), end, plan);
    },
  };
}
