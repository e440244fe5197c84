import { effect, signal } from '@preact/signals';
import { afterEach, expect, it } from 'vitest';
import type { Cue } from '../../../../lib/core/engine/types';
import { PM, ProductBook } from '../../../../lib/core/products/productBook';
import { roomTrendOf } from '../../../../lib/core/products/roomRanking';
import { LivecueDb } from '../../../../lib/store/database';
import { productsEvents } from '../../../../lib/store/productEvents';
import type { ProductSnapshotRow } from '../../../../lib/store/productRows';
import { createProductFeed, type FoldedProducts } from '../../../../lib/ui/panel/productFeed';
import { panelRanking, productOfCue } from '../../../../lib/ui/panel/productRanking';

// The side panel's product list read from the database as the worker writes it: folded once, then only
// what is new, and ranked for what to put up next.

const T = Date.UTC(2026, 11, 5, 20);
const SESSION = `tiktok:room:${T}`;
const dbs: LivecueDb[] = [];
const disposers: (() => void)[] = [];
afterEach(async () => {
  for (const dispose of disposers.splice(0)) dispose();
  for (const db of dbs.splice(0)) await db.delete();
});

function until<T>(read: () => T, test: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const stop = effect(() => {
      const value = read();
      if (test(value)) {
        queueMicrotask(() => stop());
        resolve(value);
      }
    });
  });
}

const row = (productId: string, sec: number, metrics: ProductSnapshotRow['metrics'], name?: string) => ({
  sessionId: SESSION,
  productId,
  ts: T + sec * 1000,
  ...(name && { name, price: 99 }),
  metrics,
});

function feed() {
  const db = new LivecueDb(`feed-${Math.random()}`);
  dbs.push(db);
  const sessionId = signal<string | null>(SESSION);
  const products = createProductFeed(db, sessionId);
  disposers.push(products.dispose);
  return { db, sessionId, products: products.products };
}

const folded = (value: FoldedProducts | null, eventCount: number) =>
  (value?.book.eventCount ?? 0) >= eventCount;

it('folds what is stored, then each new row, into per-product state with pin spans', async () => {
  const { db, products } = feed();
  await db.productSnapshots.bulkPut([
    row('a', 0, { impressions: 1000, clicks: 50, sold: 5, stock: 40 }, 'Scarf'),
    row('b', 0, { impressions: 800, clicks: 120, sold: 30, stock: 9 }, 'Shirt'),
  ]);
  const first = await until(
    () => products.value,
    (v) => folded(v, 1),
  );
  expect(first!.book.get('b')!.value(PM.sold)).toBe(30);
  // A pin filed apart at a time already folded (an import) is still taken in.
  await db.productPins.put({ sessionId: SESSION, ts: T, productId: 'a' });
  await until(
    () => products.value,
    (v) => v?.book.pinnedId === 'a',
  );

  // As the worker writes them: a reading's rows and its pin change in one transaction.
  await db.transaction('rw', db.productSnapshots, db.productPins, async () => {
    await db.productSnapshots.put(row('b', 120, { sold: 36, stock: 3 }));
    await db.productPins.put({ sessionId: SESSION, ts: T + 120_000, productId: 'b' });
  });
  const second = await until(
    () => products.value,
    (v) => v?.book.pinnedId === 'b',
  );
  const book = second!.book;
  expect(book.get('b')!.value(PM.stock)).toBe(3);
  expect(book.pinnedId).toBe('b');
  expect(book.get('a')!.spans).toEqual([{ from: T, to: T + 120_000 }]);

  const ranking = panelRanking(second, T + 180_000, [])!;
  expect(ranking.pinned?.id).toBe('b');
  expect(ranking.next.map((p) => [p.id, p.rank])).toEqual([['a', 1]]);
  expect(ranking.pinned?.funnel).toMatchObject({ impressions: 800, clicks: 120, sold: 36 });
});

it('reads a long evening page by page into the same book as one fold of every row, then follows it', async () => {
  const db = new LivecueDb(`feed-${Math.random()}`);
  dbs.push(db);
  // Thirty products, each changing every few seconds over 20 minutes (~9k rows, several pages), and the pin
  // moving every 100 s, at times with and without a snapshot.
  const rows: ProductSnapshotRow[] = [];
  for (let sec = 0; sec < 1200; sec++)
    for (let p = 0; p < 30; p++)
      if ((sec + p) % 4 === 0)
        rows.push(row(`p${p}`, sec, { impressions: sec * 10 + p, sold: sec >> 4 }, `#${p}`));
  const pins = Array.from({ length: 12 }, (_, i) => ({
    sessionId: SESSION,
    ts: T + (i * 100 + (i % 2)) * 1000,
    productId: `p${(i * 7) % 30}`,
  }));
  await db.productSnapshots.bulkPut(rows);
  await db.productPins.bulkPut(pins);
  const feed = createProductFeed(db, signal<string | null>(SESSION));
  disposers.push(feed.dispose);
  const products = feed.products;
  const read = await until(
    () => products.value,
    (v) => v !== null,
  );
  const whole = new ProductBook();
  for (const event of productsEvents(rows, pins)) whole.apply(event);
  const state = (book: ProductBook) =>
    book.products.map((p) => [p.id, p.name, [...p.last], p.spans, p.historyLength, p.firstSeenAt]);
  expect(read!.book.eventCount).toBe(whole.eventCount);
  expect(state(read!.book)).toEqual(state(whole));
  expect(read!.book.pinnedId).toBe(whole.pinnedId);

  // Then only what is new: a later change, and a pin filed apart at a time already read (an import).
  await db.productSnapshots.put(row('p3', 1300, { impressions: 99_999 }));
  await db.productPins.put({ sessionId: SESSION, ts: T + 1_250_000, productId: 'p3' });
  const later = await until(
    () => products.value,
    (v) => v!.book.get('p3')!.value(PM.impressions) === 99_999 && v!.book.pinnedId === 'p3',
  );
  expect(later!.book.eventCount).toBe(whole.eventCount + 2);
});

it('moves the watched range forward on a long evening and still sees every change', async () => {
  const { db, products } = feed();
  // 2,100 changes of one product's impressions, then one more after the range moved.
  await db.productSnapshots.bulkPut(
    Array.from({ length: 2100 }, (_, i) =>
      row('a', i, { impressions: i + 1, stock: 500 - (i % 3) }, 'Scarf'),
    ),
  );
  await until(
    () => products.value,
    (v) => folded(v, 2100),
  );
  await db.productSnapshots.put(row('a', 2200, { impressions: 9999 }));
  const last = await until(
    () => products.value,
    (v) => folded(v, 2101),
  );
  expect(last!.book.get('a')!.value(PM.impressions)).toBe(9999);
  expect(last!.book.eventCount).toBe(2101);
});

it('starts afresh when the panel follows another session', async () => {
  const { db, sessionId, products } = feed();
  await db.productSnapshots.put(row('a', 0, { stock: 5 }, 'Scarf'));
  await until(
    () => products.value,
    (v) => folded(v, 1),
  );
  sessionId.value = 'other:session';
  const other = await until(
    () => products.value,
    (v) => v?.sessionId === 'other:session',
  );
  expect(other!.book.products).toEqual([]);
  expect(panelRanking(other, T, [])).toBeNull();
});

it('names the product a cue is about, by id first, and reads the room trend from its cues', async () => {
  const { db, products } = feed();
  await db.productSnapshots.bulkPut([row('a', 0, { stock: 5 }, 'Scarf'), row('b', 0, { stock: 7 }, 'Shirt')]);
  const value = await until(
    () => products.value,
    (v) => folded(v, 1),
  );
  const ranking = panelRanking(value, T + 1000, []);
  const cue = (params: Cue['params'], ruleId: Cue['ruleId'] = 'product-dwell') =>
    ({ id: 'c', ruleId, params }) as unknown as Cue;
  expect(productOfCue(cue({ productId: 'b', product: 'Scarf' }), ranking)?.id).toBe('b');
  expect(productOfCue(cue({ product: 'Scarf' }), ranking)?.id).toBe('a');
  expect(productOfCue(cue({}), ranking)).toBeNull();
  expect(roomTrendOf([cue({}, 'traffic-drop')])).toBe('falling');
  expect(roomTrendOf([cue({}, 'traffic-surge')])).toBe('rising');
  expect(roomTrendOf([])).toBe('steady');
});
