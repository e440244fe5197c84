import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../../lib/core/engine/types';
import type { Sample } from '../../../../lib/core/messages/sample';
import { ProductBook } from '../../../../lib/core/products/productBook';
import type { ProductTableReading } from '../../../../lib/core/products/productContract';
import { rankRoomProducts } from '../../../../lib/core/products/roomRanking';
import { type LivecueDb, openLivecueDb } from '../../../../lib/store/database';
import { productsEvents } from '../../../../lib/store/productEvents';
import { productRowsSince } from '../../../../lib/store/productQueries';
import { deleteSessions } from '../../../../lib/worker/history/retention';
import { LiveSession } from '../../../../lib/worker/session/liveSession';
import { SessionRegistry } from '../../../../lib/worker/session/sessionRegistry';
import { loadSessionEvents } from '../../../../lib/worker/session/storedSessions';
import { createWriteQueue } from '../../../../lib/worker/writeQueue';

// A sample's product table through the session registry: filed beside the sample in its session, only
// what changed, never lost across a failing disk or a worker restart, folded in order with the samples.

const T0 = Date.UTC(2026, 11, 5, 12);
const SESSION = `tiktok:room-7:${T0}`;
const dbs: LivecueDb[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) await db.delete();
});

const tableOf = (stock: number, sold: number, pinnedId: string | null): ProductTableReading => ({
  rows: [
    { id: '1729', name: 'Cashmere scarf', price: 59, metrics: { stock, sold, impressions: 100 + sold * 10 } },
    { id: '1730', name: 'Silk shirt', price: 89, metrics: { stock: 30, sold: 0, impressions: 50 } },
  ],
  pinnedId,
  health: { rowsKnown: 2, domValues: 6, jsonValues: 0 },
});

let seq = 0;
function sampleAt(sec: number, products?: ProductTableReading): Sample {
  seq += 1;
  return {
    seq,
    ts: T0 + sec * 1000,
    site: 'tiktok',
    roomKey: 'room-7',
    metrics: { viewers: 200 + sec },
    health: { parsed: ['viewers'], failed: [], missing: [] },
    ...(products && { products }),
  };
}

function pipeline(db: LivecueDb) {
  const queue = createWriteQueue(db, { retryBaseMs: 5, maxBackoffMs: 20 });
  const registry = new SessionRegistry(db, queue, {
    settings: async () => ({ rules: {}, plan: [] }),
    wallNow: () => T0,
  });
  const ingest = async (samples: Sample[]) => {
    const filed = await registry.ingest(samples);
    await filed.durable;
    return filed;
  };
  return { queue, registry, ingest };
}

function freshDb() {
  const db = openLivecueDb(`products-${Math.random()}`);
  dbs.push(db);
  return db;
}

describe("filing a sample's product table", () => {
  it('stores each product by id beside the sample, then only the values that changed', async () => {
    const db = freshDb();
    const { ingest } = pipeline(db);
    await ingest([sampleAt(0, tableOf(50, 0, '1729'))]);
    await ingest([sampleAt(1, tableOf(48, 2, '1729'))]);
    await ingest([sampleAt(2)]);
    await ingest([sampleAt(3, tableOf(48, 2, '1730'))]);

    const snapshots = await db.productSnapshots.toArray();
    expect(snapshots.map(({ productId, ts, metrics }) => [productId, ts - T0, metrics])).toEqual([
      ['1729', 0, { impressions: 100, sold: 0, stock: 50 }],
      ['1729', 1000, { impressions: 120, sold: 2, stock: 48 }],
      ['1730', 0, { impressions: 50, sold: 0, stock: 30 }],
    ]);
    expect(snapshots[0]).toMatchObject({ sessionId: SESSION, name: 'Cashmere scarf', price: 59 });
    expect(snapshots[1]).not.toHaveProperty('name');
    expect((await db.productPins.toArray()).map(({ ts, productId }) => [ts - T0, productId])).toEqual([
      [0, '1729'],
      [3000, '1730'],
    ]);
    expect(await db.samples.count()).toBe(4);
  });

  it('a resent sample stores its products once, and its acknowledgement waits for them', async () => {
    const db = freshDb();
    const { ingest } = pipeline(db);
    const first = sampleAt(0, tableOf(50, 0, '1729'));
    await ingest([first]);
    await ingest([first]);
    expect(await db.productSnapshots.count()).toBe(2);
    expect(await db.productPins.count()).toBe(1);
  });

  it('keeps the rows in memory while the disk refuses them, and writes them when it recovers', async () => {
    const db = freshDb();
    const { ingest, queue } = pipeline(db);
    await ingest([sampleAt(0, tableOf(50, 0, '1729'))]);
    const put = vi
      .spyOn(db.productSnapshots, 'bulkPut')
      .mockRejectedValueOnce(new Error('QuotaExceededError'))
      .mockRejectedValueOnce(new Error('QuotaExceededError'));
    // Acknowledged only once durable: through two failed writes, the rows wait in memory and retry.
    await ingest([sampleAt(1, tableOf(47, 3, '1729'))]);
    expect(put).toHaveBeenCalledTimes(3);
    expect(queue.pending()).toBe(0);
    expect((await db.productSnapshots.toArray()).map((row) => row.metrics.stock)).toEqual([50, 47, 30]);
    expect(await db.samples.count()).toBe(2);
  });

  it('after a worker restart files against what is stored and refolds the products with the samples', async () => {
    const db = freshDb();
    const first = pipeline(db);
    await first.ingest([sampleAt(0, tableOf(50, 0, '1729'))]);
    await first.ingest([sampleAt(1, tableOf(45, 5, '1729'))]);
    await first.queue.flush();
    first.queue.stop();

    const second = pipeline(db);
    // The page reconnects and sends every row again, unchanged: nothing new is stored.
    await second.ingest([sampleAt(2, tableOf(45, 5, '1729'))]);
    await second.ingest([sampleAt(3, tableOf(44, 6, null))]);
    await second.queue.flush();
    const stock = (await db.productSnapshots.toArray()).map((row) => [
      row.productId,
      row.ts - T0,
      row.metrics.stock,
    ]);
    expect(stock).toEqual([
      ['1729', 0, 50],
      ['1729', 1000, 45],
      ['1729', 3000, 44],
      ['1730', 0, 30],
    ]);

    // What a refold feeds the engine: each sample, then the products it carried, in time order.
    const stored = await loadSessionEvents(db, SESSION);
    const session = (await db.sessions.get(SESSION))!;
    const live = new LiveSession(session, stored.samples, stored.actions, stored.comments, stored.products);
    const seen: EngineEvent[] = [];
    const step = live.engine.step;
    vi.spyOn(live.engine, 'step').mockImplementation((state, event) => {
      seen.push(event);
      return step(state, event);
    });
    live.refold();
    expect(seen.map((e) => `${e.kind}@${e.ts - T0}`)).toEqual([
      'sample@0',
      'products@0',
      'sample@1000',
      'products@1000',
      'sample@2000',
      'sample@3000',
      'products@3000',
    ]);
    expect(seen[6]).toEqual({
      kind: 'products',
      ts: T0 + 3000,
      rows: [{ id: '1729', metrics: { impressions: 160, sold: 6, stock: 44 } }],
      pinnedId: null,
    });
  });

  it("keeps each product's latest values beside its snapshots, so a restart reads only the recent snapshots", async () => {
    const db = freshDb();
    const first = pipeline(db);
    for (let sec = 0; sec < 6; sec++) await first.ingest([sampleAt(sec, tableOf(50 - sec, sec, '1729'))]);
    await first.queue.flush();
    first.queue.stop();
    // The latest values stored are what the snapshots add up to.
    expect(await db.productLatest.toArray()).toMatchObject([
      {
        sessionId: SESSION,
        productId: '1729',
        name: 'Cashmere scarf',
        price: 59,
        metrics: { stock: 45, sold: 5, impressions: 150 },
        setAt: { name: T0, stock: T0 + 5000, sold: T0 + 5000, impressions: T0 + 5000 },
      },
      { productId: '1730', metrics: { stock: 30, sold: 0, impressions: 50 }, setAt: { stock: T0 } },
    ]);

    // A restarted worker files the page's resent table against them, reading no snapshot older than the
    // reading (the head comes before the first fold), and stores nothing unchanged.
    const read = vi.spyOn(db.productSnapshots, 'where');
    const second = pipeline(db);
    await second.ingest([sampleAt(6, tableOf(45, 5, '1729'))]);
    expect(read.mock.calls.map(([index]) => index)).toEqual(['[sessionId+ts]']);
    await second.ingest([sampleAt(7, tableOf(44, 6, '1729'))]);
    await second.queue.flush();
    const stored = await db.productSnapshots.toArray();
    expect(stored.filter((row) => row.ts >= T0 + 6000).map((row) => [row.ts - T0, row.metrics])).toEqual([
      [7000, { stock: 44, sold: 6, impressions: 160 }],
    ]);
    expect((await db.productLatest.get([SESSION, '1729']))!.metrics).toEqual({
      stock: 44,
      sold: 6,
      impressions: 160,
    });
  });

  it("ranks the product list from the engine's own book, as a panel ranks the stored rows, once folded", async () => {
    const db = freshDb();
    const first = pipeline(db);
    // A minute and a half: the scarf up and selling for a minute, then the shirt.
    for (let sec = 0; sec < 90; sec++)
      await first.ingest([sampleAt(sec, tableOf(100 - sec, sec, sec < 60 ? '1729' : '1730'))]);
    await first.queue.flush();
    /** The stored rows folded into a book of the panel's own, ranked at `now` beside the room's open cues. */
    const rankedFromRows = async (now: number, registry: SessionRegistry) => {
      const book = new ProductBook();
      const { snapshots, pins } = await productRowsSince(db, SESSION, Number.NEGATIVE_INFINITY);
      for (const event of productsEvents(snapshots, pins)) book.apply(event);
      return rankRoomProducts(book, now, await registry.activeCuesOf('tiktok', 'room-7'));
    };
    const ranked = first.registry.productRanking(SESSION);
    expect(ranked?.pinned?.id).toBe('1730');
    expect(ranked?.next.map((product) => [product.id, product.explainedSec])).toEqual([['1729', 60]]);
    expect(ranked).toEqual(await rankedFromRows(T0 + 89_000, first.registry));
    // No engine here folds another session; a panel that connects is sent this one's list.
    expect(first.registry.productRanking('tiktok:room-7:1')).toBeUndefined();
    expect(first.registry.productsReading('tiktok:room-7:1')).toBe(false);
    expect(first.registry.liveSessionIds()).toEqual([SESSION]);
    first.queue.stop();

    // A restarted worker files the next reading before it folds: it ranks nothing until that fold.
    const second = pipeline(db);
    const filed = await second.registry.ingest([sampleAt(90, tableOf(10, 90, '1730'))]);
    expect(second.registry.productRanking(SESSION)).toBeUndefined();
    // Panels are told its list is being read, so they wait for it rather than read the rows themselves.
    expect(second.registry.productsReading(SESSION)).toBe(true);
    await filed.durable;
    await vi.waitFor(() => expect(second.registry.productRanking(SESSION)).toBeDefined());
    expect(second.registry.productsReading(SESSION)).toBe(false);
    expect(second.registry.productRanking(SESSION)).toEqual(
      await rankedFromRows(T0 + 90_000, second.registry),
    );
  });

  it('deleting a session deletes its product rows', async () => {
    const db = freshDb();
    const { ingest, queue } = pipeline(db);
    await ingest([sampleAt(0, tableOf(50, 0, '1729'))]);
    await queue.flush();
    await deleteSessions(db, [SESSION]);
    expect(await db.productSnapshots.count()).toBe(0);
    expect(await db.productLatest.count()).toBe(0);
    expect(await db.productPins.count()).toBe(0);
  });
});
