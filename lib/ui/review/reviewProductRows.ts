import { Dexie } from 'dexie';
import type { PlanSlot } from '../../core/engine/types';
import type { LivecueDb } from '../../store/database';
import {
  type SessionProductRows,
  sessionPins,
  sessionSnapshotPages,
  sessionSnapshots,
  sessionSnapshotsByKey,
} from '../../store/productQueries';
import type { ProductSnapshotRow } from '../../store/productRows';
import { type ProductReview, productReview } from './productReview';

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

/**
 * How far before the newest row held a refresh reads again: rows filed at the newest times may be written
 * again (a late reading's values are stated anew at the ledger's newest time).
 */
export const REREAD_MS = 60_000;

/** A session's product rows as a review refresh reads them: the stored rows, whole or as news since the last read. */
export interface ReviewProductRows {
  read(db: LivecueDb, sessionId: string): Promise<SessionProductRows>;
}

/**
 * Keeps the rows the last read gave, so a refresh of a running show reads only the newest stretch (from
 * REREAD_MS before the newest row held) and the session's row count, instead of the whole evening again
 * (~200k rows, seconds at every refresh). A count that does not add up (a late reading filed at an older
 * time, an import, a deletion) reads everything again. A row rewritten in place at an older time is not
 * seen: the ledger rewrites a row only at a time it already holds, with the values it held (a reading sent
 * again), and states changed values at its newest time.
 */
export function heldReviewRows(
  /** How the whole session is read: a page at a time (the page's own thread) or at once (a worker's). */
  loadWhole: (db: LivecueDb, sessionId: string) => Promise<SessionProductRows> = loadReviewProducts,
): ReviewProductRows {
  let held: { sessionId: string; snapshots: ProductSnapshotRow[]; newestTs: number } | undefined;

  const keep = (sessionId: string, rows: SessionProductRows) => {
    let newestTs = Number.NEGATIVE_INFINITY;
    for (const row of rows.snapshots) if (row.ts > newestTs) newestTs = row.ts;
    held = { sessionId, snapshots: rows.snapshots, newestTs };
    return rows;
  };

  return {
    async read(db, sessionId) {
      const before = held;
      if (!before || before.sessionId !== sessionId || !Number.isFinite(before.newestTs)) {
        return keep(sessionId, await loadWhole(db, sessionId));
      }
      const cutoff = before.newestTs - REREAD_MS;
      // One transaction: the count and the newest rows agree with each other.
      const [total, fresh, pins] = await db.transaction('r', db.productSnapshots, db.productPins, () =>
        Promise.all([
          sessionSnapshotsByKey(db, sessionId).count(),
          db.productSnapshots
            .where('[sessionId+ts]')
            .between([sessionId, cutoff], [sessionId, Dexie.maxKey], true, true)
            .toArray(),
          sessionPins(db, sessionId),
        ]),
      );
      const kept = before.snapshots.filter((row) => row.ts < cutoff);
      if (kept.length + fresh.length !== total) return keep(sessionId, await loadWhole(db, sessionId));
      for (const row of fresh) kept.push(row);
      return keep(sessionId, { snapshots: kept, pins });
    },
  };
}

/**
 * The session's product table at `end`, read and computed on the calling thread (the worker's, or the
 * page's); `rows` keeps what an earlier call read, so a refresh reads only what is new.
 */
export async function productTableOf(
  db: LivecueDb,
  sessionId: string,
  end: number,
  plan: readonly PlanSlot[],
  rows: ReviewProductRows = heldReviewRows(),
): Promise<ProductReview> {
  return productReview(await rows.read(db, sessionId), end, plan);
}
