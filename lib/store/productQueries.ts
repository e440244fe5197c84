import type { LivecueDb } from './database';
import { PRODUCT_BLOCK_ROWS, type ProductPackRow, unpackProductBlock } from './productBlocks';
import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from './productRows';
import { sessionRange } from './sessionRange';

// Reads of the product tables shared by the pages (panel ranking, review). Plain async functions, so a
// page wraps them in liveQuery and a test runs them on fake-indexeddb.

export interface SessionProductRows {
  snapshots: ProductSnapshotRow[];
  pins: ProductPinRow[];
}

/**
 * Every product snapshot of a session: its packed blocks (productBlocks.ts) and the snapshots after them while
 * it has a pack whole (packAddsUp), so ~192k rows of a long evening come as ~100; otherwise (not packed
 * yet, its pack dropped by a snapshot filed at an older time or an import) every row by the table's own
 * key, a quarter faster than the time index (4.8 vs 6.2 s for ~192k rows in Chromium), which looks each
 * row up again. Readers group the rows by time themselves (productsEvents): the order is time order when
 * packed, product then time when not. A caller's transaction must hold the three tables (snapshotTables).
 */
export function sessionSnapshots(db: LivecueDb, sessionId: string): Promise<ProductSnapshotRow[]> {
  return db.transaction('r', snapshotTables(db), async () => {
    const pack = await addingUpPack(db, sessionId);
    if (!pack) return sessionSnapshotsByKey(db, sessionId).toArray();
    const [blocks, tail] = await Promise.all([
      sessionBlocks(db, sessionId).toArray(),
      rowsAfter(db, pack).toArray(),
    ]);
    const rows: ProductSnapshotRow[] = [];
    for (const block of blocks) unpackProductBlock(block, rows);
    for (const row of tail) rows.push(row);
    return rows;
  });
}

/** A session's packed blocks in time order. */
const sessionBlocks = (db: LivecueDb, sessionId: string) =>
  db.productBlocks.where('[sessionId+ts]').between(...sessionRange(sessionId), true, true);

/** A session's snapshots its pack does not hold, in time order. */
const rowsAfter = (db: LivecueDb, pack: ProductPackRow) =>
  db.productSnapshots
    .where('[sessionId+ts]')
    .between(...sessionRange(pack.sessionId, pack.lastTs), false, true);

/** The tables sessionSnapshots reads: a transaction around it must hold them. */
export const snapshotTables = (db: LivecueDb) => [db.productSnapshots, db.productBlocks, db.productPacks];

/** A session's product snapshots by the table's own key, to read or count. */
export function sessionSnapshotsByKey(db: LivecueDb, sessionId: string) {
  return (
    db.productSnapshots
      .where('[sessionId+productId+ts]')
      // [id] sorts before every [id, product, ts] and [id, []] after (an array after any string).
      .between([sessionId], [sessionId, []], true, true)
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
 * product then time (every reader groups them by time: productsEvents). `pinsSinceTs` reads the pin
 * changes from another time (a few per hour: a reader may take them all each time).
 */
export async function productRowsSince(
  db: LivecueDb,
  sessionId: string,
  sinceTs: number,
  pinsSinceTs = sinceTs,
): Promise<SessionProductRows> {
  const [snapshots, pins] = await Promise.all([
    Number.isFinite(sinceTs)
      ? db.productSnapshots
          .where('[sessionId+ts]')
          .between(...sessionRange(sessionId, sinceTs), true, true)
          .toArray()
      : sessionSnapshots(db, sessionId),
    sessionPins(db, sessionId, pinsSinceTs),
  ]);
  return { snapshots, pins };
}

/** A page of a session's product rows in time order (productRowsPage). */
export interface ProductRowsPage extends SessionProductRows {
  /** The time the next page starts at (inclusive), or null: no snapshot is stored after this page's. */
  next: number | null;
}

/**
 * About `limit` of a session's product snapshots from `fromTs` (inclusive) on, in time order, with the pin
 * changes of the same stretch of time (up to `next`; the last page's run to the end), for a reader that
 * folds a long evening page by page outside a live query (a live query over ~200k rows deep-copies each and
 * starts over at every write). A page ends before its last time's rows, which start the next one, so each
 * time's rows (one reading of the table) come together; a time with more rows than `limit` is read whole.
 */
export function productRowsPage(
  db: LivecueDb,
  sessionId: string,
  fromTs: number,
  limit: number,
  /** From after `fromTs`, not at it. */
  open = false,
): Promise<ProductRowsPage> {
  const byTime = db.productSnapshots.where('[sessionId+ts]');
  const [lower, upper] = sessionRange(sessionId, fromTs);
  const pinsUpTo = (next: number | null) =>
    db.productPins
      .where('[sessionId+ts]')
      .between(lower, next === null ? upper : [sessionId, next], !open, next === null)
      .toArray();
  return db.transaction('r', db.productSnapshots, db.productPins, async () => {
    const rows = await byTime.between(lower, upper, !open, true).limit(limit).toArray();
    if (rows.length < limit) return { snapshots: rows, pins: await pinsUpTo(null), next: null };
    const lastTs = rows[rows.length - 1]!.ts;
    if (rows[0]!.ts !== lastTs) {
      let end = rows.length;
      while (rows[end - 1]!.ts === lastTs) end--;
      return { snapshots: rows.slice(0, end), pins: await pinsUpTo(lastTs), next: lastTs };
    }
    const [all, after] = await Promise.all([
      byTime.equals([sessionId, lastTs]).toArray(),
      byTime.between([sessionId, lastTs], upper, false, true).first(),
    ]);
    const next = after?.ts ?? null;
    return { snapshots: all, pins: await pinsUpTo(next), next };
  });
}

/**
 * Rows per page for readers of a whole session's product list: each page is a short task of the reading
 * page's thread, which every extension page shares (a side panel waits behind a review's reads).
 */
export const PRODUCT_PAGE_ROWS = 4000;

/**
 * Every product snapshot of a session a page at a time, by the table's own key (product, then time): for a
 * reader that needs them all in no particular order, a quarter faster than pages of the time index.
 */
export async function* sessionSnapshotPages(
  db: LivecueDb,
  sessionId: string,
  limit = PRODUCT_PAGE_ROWS,
): AsyncGenerator<ProductSnapshotRow[]> {
  // [id] sorts before every [id, product, ts] and [id, []] after; each next page starts after the last key read.
  let lower: unknown[] = [sessionId];
  for (;;) {
    const page = await db.productSnapshots
      .where('[sessionId+productId+ts]')
      .between(lower, [sessionId, []], lower.length === 1, true)
      .limit(limit)
      .toArray();
    yield page;
    if (page.length < limit) return;
    const last = page[page.length - 1]!;
    lower = [sessionId, last.productId, last.ts];
  }
}

/** A session's pin / explained-product changes at or after `fromTs` (all by default), in time order (a few per hour). */
export function sessionPins(
  db: LivecueDb,
  sessionId: string,
  fromTs = Number.NEGATIVE_INFINITY,
): Promise<ProductPinRow[]> {
  return db.productPins
    .where('[sessionId+ts]')
    .between(...sessionRange(sessionId, fromTs), true, true)
    .toArray();
}

/** The session's pack when it is whole (packAddsUp), else null. */
function addingUpPack(db: LivecueDb, sessionId: string): Promise<ProductPackRow | null> {
  return db.transaction('r', snapshotTables(db), async () => {
    const pack = await db.productPacks.get(sessionId);
    return pack && !pack.flat && pack.blocks > 0 && (await packAddsUp(db, pack)) ? pack : null;
  });
}

/**
 * Whether a pack still holds what it says: its blocks all there. Its rows need no count: every writer of
 * snapshots drops a pack that a row it files reaches back into (packGuard.ts), rows only ever go with
 * their whole session, blocks and all, and the packer writes blocks and record in one transaction. Run
 * inside a transaction holding snapshotTables.
 */
export async function packAddsUp(db: LivecueDb, pack: ProductPackRow): Promise<boolean> {
  return (await sessionBlocks(db, pack.sessionId).count()) === pack.blocks;
}

/**
 * A session's product rows page by page in time order, each page's pin changes beside its snapshots, from its
 * first to its last: its packed blocks a few at a time while it has a pack whole (productBlocks.ts), then its rows
 * (productRowsPage). A pack started over meanwhile (a snapshot filed at an older time) is left at once for
 * the rows after the last block read.
 */
export async function* productRowPages(
  db: LivecueDb,
  sessionId: string,
  limit = PRODUCT_PAGE_ROWS,
): AsyncGenerator<SessionProductRows> {
  /** Every row dated after this is still to come. */
  let after = Number.NEGATIVE_INFINITY;
  const pack = await addingUpPack(db, sessionId);
  const perPage = Math.max(1, Math.floor(limit / PRODUCT_BLOCK_ROWS));
  while (pack) {
    const page = await db.transaction('r', [db.productBlocks, db.productPacks, db.productPins], async () => {
      if ((await db.productPacks.get(sessionId))?.epoch !== pack.epoch) return null;
      const blocks = await db.productBlocks
        .where('[sessionId+ts]')
        .between([sessionId, after], [sessionId, pack.lastTs], false, true)
        .limit(perPage)
        .toArray();
      if (blocks.length === 0) return null;
      const lastTs = blocks[blocks.length - 1]!.lastTs;
      const pins = await db.productPins
        .where('[sessionId+ts]')
        .between([sessionId, after], [sessionId, lastTs], false, true)
        .toArray();
      const snapshots: ProductSnapshotRow[] = [];
      for (const block of blocks) unpackProductBlock(block, snapshots);
      return { snapshots, pins, lastTs };
    });
    if (!page) break;
    yield { snapshots: page.snapshots, pins: page.pins };
    after = page.lastTs;
  }
  let from = after;
  let open = Number.isFinite(after);
  for (;;) {
    const page = await productRowsPage(db, sessionId, from, limit, open);
    yield page;
    if (page.next === null) return;
    from = page.next;
    open = false;
  }
}
