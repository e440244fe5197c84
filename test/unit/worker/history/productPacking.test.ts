import { describe, expect, it } from 'vitest';
import type { LivecueDb } from '../../../../lib/store/database';
import { PRODUCT_BLOCK_ROWS } from '../../../../lib/store/productBlocks';
import {
  productRowPages,
  type SessionProductRows,
  sessionSnapshots,
  sessionSnapshotsByKey,
} from '../../../../lib/store/productQueries';
import type { ProductSnapshotRow } from '../../../../lib/store/productRows';
import { exportSessionsJson } from '../../../../lib/ui/history/exportJson';
import { importExportJson } from '../../../../lib/worker/history/importExport';
import {
  PACK_HOLD_MS,
  packProductSessions,
  packProductSnapshots,
} from '../../../../lib/worker/history/productPacking';
import { deleteSessions } from '../../../../lib/worker/history/retention';
import { createWriteQueue } from '../../../../lib/worker/writeQueue';
import { freshDb, sessionRow, T0 } from '../../historyFixtures';

// A session's older product snapshots are packed into blocks as the live goes on; a reader gets from the
// blocks and the rows after them exactly the rows the table holds. A snapshot the worker files at a time the
// pack already reaches drops the pack, and readers read the rows themselves until it is packed again.

const PRODUCTS = ['3621', '3622', '3623', '3624', '3625'];

/** `readings` readings of the product table, every 3 s, each filing the five products' changed values. */
function readingsOf(sessionId: string, readings: number, from = T0): ProductSnapshotRow[] {
  const rows: ProductSnapshotRow[] = [];
  for (let r = 0; r < readings; r++) {
    for (const [k, productId] of PRODUCTS.entries()) {
      const row: ProductSnapshotRow = {
        sessionId,
        productId,
        ts: from + r * 3000,
        metrics: { impressions: r * 10 + k, clicks: r + k, sold: r % 7 === 0 ? null : r },
      };
      if (r === 0) Object.assign(row, { name: `围巾 ${k}`, price: 59 + k });
      if (k === 1) row.sources = { impressions: 'json', clicks: 'dom' };
      rows.push(row);
    }
  }
  return rows;
}

async function liveSession(db: LivecueDb, readings: number) {
  const rows = readingsOf(sessionRow('live', T0).id, readings);
  const session = sessionRow('live', T0, { lastSampleAt: rows.at(-1)!.ts });
  await db.sessions.put(session);
  await db.productSnapshots.bulkPut(rows);
  return { session, rows };
}

const byKey = (a: ProductSnapshotRow, b: ProductSnapshotRow) =>
  a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : a.ts - b.ts;
/** The session's rows as the reader gives them, in the table's key order. */
const read = async (db: LivecueDb, sessionId: string) => (await sessionSnapshots(db, sessionId)).sort(byKey);
const stored = (db: LivecueDb, sessionId: string) => sessionSnapshotsByKey(db, sessionId).toArray();
/** Files snapshots the way the live worker does: through its write queue. */
const file = (db: LivecueDb, rows: ProductSnapshotRow[]) =>
  createWriteQueue(db).enqueue({ productSnapshots: rows });

describe('product packing', () => {
  it('packs a live session in whole blocks up to its last minutes, and the reader gives the same rows', async () => {
    const db = freshDb();
    const { session, rows } = await liveSession(db, 1000);
    expect(await packProductSessions(db)).toBeGreaterThan(0);

    const pack = (await db.productPacks.get(session.id))!;
    const blocks = await db.productBlocks.toArray();
    expect(pack.blocks).toBe(blocks.length);
    expect(blocks.length).toBeGreaterThan(1);
    expect(pack.lastTs).toBeLessThan(session.lastSampleAt - PACK_HOLD_MS);
    expect(pack.rows).toBe(blocks.reduce((sum, block) => sum + block.count, 0));
    for (const [i, block] of blocks.entries()) {
      expect(block.count).toBeLessThanOrEqual(PRODUCT_BLOCK_ROWS);
      // One reading's rows are never split between blocks.
      if (i > 0) expect(block.ts).toBeGreaterThan(blocks[i - 1]!.lastTs);
    }
    // The rows of the last minutes, and those not filling a block yet, stay rows.
    expect(rows.filter((row) => row.ts > pack.lastTs).length).toBeGreaterThan(0);
    expect(await read(db, session.id)).toStrictEqual(rows.sort(byKey));
    // Nothing new to pack: a second run packs nothing.
    expect(await packProductSessions(db)).toBe(0);
  });

  it('reads the rows themselves after a snapshot filed at an older time, and the next run packs again', async () => {
    const db = freshDb();
    const { session } = await liveSession(db, 1000);
    await packProductSessions(db);
    const pack = (await db.productPacks.get(session.id))!;
    // A reading after what the pack reaches leaves it as it is.
    const after = { sessionId: session.id, productId: '3622', ts: pack.lastTs + 1, metrics: { sold: 2 } };
    await file(db, [after]);
    expect(await db.productPacks.get(session.id)).toEqual(pack);
    expect(await read(db, session.id)).toStrictEqual(await stored(db, session.id));

    // One at a time the pack reaches (a resend after a long disconnect) drops its record; the blocks left
    // are never read, and the next run clears them before it packs the session again.
    const late: ProductSnapshotRow = {
      sessionId: session.id,
      productId: '3621',
      ts: T0 + 1500,
      metrics: { sold: 1 },
    };
    await file(db, [late]);
    expect(await db.productPacks.get(session.id)).toBeUndefined();
    expect(await read(db, session.id)).toStrictEqual(await stored(db, session.id));

    await db.productSnapshots.bulkPut(readingsOf(session.id, 500, session.lastSampleAt + 3000));
    await db.sessions.update(session.id, { lastSampleAt: session.lastSampleAt + 1500 * 1000 });
    await packProductSessions(db);
    const repacked = (await db.productPacks.get(session.id))!;
    expect(repacked.epoch).not.toBe(pack.epoch);
    expect(repacked.rows).toBe(
      (await db.productBlocks.toArray()).reduce((sum, block) => sum + block.count, 0),
    );
    expect(await read(db, session.id)).toStrictEqual(await stored(db, session.id));
    expect((await read(db, session.id)).filter((row) => row.ts === late.ts)).toEqual([late]);
  });

  it('packs an ended session to its end once, and again after it took readings', async () => {
    const db = freshDb();
    const { session } = await liveSession(db, 300);
    await db.sessions.update(session.id, { endedAt: session.lastSampleAt });
    expect(await packProductSessions(db)).toBe(1500);
    expect(await db.productPacks.get(session.id)).toMatchObject({
      rows: 1500,
      lastTs: session.lastSampleAt,
      finalAt: session.lastSampleAt,
    });
    expect(await packProductSessions(db)).toBe(0);
    // A live reopened after its end: the new readings are packed too.
    const more = readingsOf(session.id, 10, session.lastSampleAt + 3000);
    await db.productSnapshots.bulkPut(more);
    await db.sessions.update(session.id, { lastSampleAt: more.at(-1)!.ts, endedAt: more.at(-1)!.ts });
    expect(await packProductSessions(db)).toBe(50);
    expect(await read(db, session.id)).toStrictEqual(await stored(db, session.id));
  });

  it('gives a paged reader every row and pin in time order, blocks first, and the rows once the pack starts over', async () => {
    const db = freshDb();
    const { session, rows } = await liveSession(db, 1000);
    const pins = [0, 300, 990].map((r, i) => ({
      sessionId: session.id,
      ts: T0 + r * 3000,
      productId: PRODUCTS[i]!,
    }));
    await db.productPins.bulkPut(pins);
    await packProductSessions(db);
    const pages: SessionProductRows[] = [];
    for await (const page of productRowPages(db, session.id, 2000)) pages.push(page);
    expect(pages.length).toBeGreaterThan(2);
    const times = pages.flatMap((page) => page.snapshots.map((row) => row.ts));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(pages.flatMap((page) => page.snapshots).sort(byKey)).toStrictEqual([...rows].sort(byKey));
    expect(pages.flatMap((page) => page.pins)).toEqual(pins);

    // A late snapshot past the first page makes the pack start over while the reader is at its first page.
    const reading = productRowPages(db, session.id, 2000);
    const first = (await reading.next()).value as SessionProductRows;
    const pack = (await db.productPacks.get(session.id))!;
    const late = { sessionId: session.id, productId: '3625', ts: pack.lastTs - 1, metrics: { sold: 99 } };
    await file(db, [late]);
    await packProductSessions(db);
    expect((await db.productPacks.get(session.id))!.epoch).not.toBe(pack.epoch);
    const rest: ProductSnapshotRow[] = [];
    for await (const page of reading) rest.push(...page.snapshots);
    expect([...first.snapshots, ...rest].sort(byKey)).toStrictEqual(await stored(db, session.id));
  });

  it('bounds a run, and goes on where it stopped', async () => {
    const db = freshDb();
    const { session } = await liveSession(db, 2000);
    expect(await packProductSessions(db, 4000)).toBeLessThanOrEqual(4000 + PRODUCT_BLOCK_ROWS);
    const first = (await db.productPacks.get(session.id))!;
    await packProductSessions(db, 4000);
    const second = (await db.productPacks.get(session.id))!;
    expect(second.rows).toBeGreaterThan(first.rows);
    expect(await read(db, session.id)).toStrictEqual(await stored(db, session.id));
  });

  it('leaves a session with a snapshot a block cannot hold row by row', async () => {
    const db = freshDb();
    const { session } = await liveSession(db, 1000);
    const odd = { sessionId: session.id, productId: '3621', ts: T0 + 10, metrics: { sold: '3' } };
    await db.productSnapshots.put(odd as unknown as ProductSnapshotRow);
    await packProductSessions(db);
    expect(await db.productPacks.get(session.id)).toMatchObject({ flat: true, blocks: 0 });
    expect(await db.productBlocks.count()).toBe(0);
    expect(await read(db, session.id)).toStrictEqual(await stored(db, session.id));
    expect(await packProductSnapshots(db, session.id, Number.POSITIVE_INFINITY, { final: true })).toBe(0);
  });

  it('drops the packed copy with its session, and when an import adds snapshots to it', async () => {
    const db = freshDb();
    const { session } = await liveSession(db, 600);
    await db.sessions.update(session.id, { endedAt: session.lastSampleAt });
    await packProductSessions(db);
    const file = await (
      await exportSessionsJson(db, [session.id], () => {}, { now: () => T0 + 86_400_000 })
    ).text();

    // The file holds a snapshot this computer lost: importing it drops the pack, and the next run packs again.
    await db.productSnapshots.delete([session.id, '3622', T0 + 3000]);
    const imported = await importExportJson(db, file);
    expect(imported).toMatchObject({ ok: true, answer: { added: { products: 1 } } });
    expect(await db.productPacks.get(session.id)).toBeUndefined();
    expect(await db.productBlocks.count()).toBe(0);
    await packProductSessions(db);
    expect(await db.productPacks.get(session.id)).toMatchObject({ rows: 3000 });
    expect(await read(db, session.id)).toStrictEqual(await stored(db, session.id));

    await deleteSessions(db, [session.id]);
    expect(await db.productBlocks.count()).toBe(0);
    expect(await db.productPacks.count()).toBe(0);
  });
});
