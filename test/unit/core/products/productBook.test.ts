import { describe, expect, it } from 'vitest';
import { DoubleSlab, PM, ProductBook, productMetricIndex } from '../../../../lib/core/products/productBook';
import { PRODUCT_METRIC_IDS, type ProductRowReading } from '../../../../lib/core/products/productContract';

// The product book: a fold of products events into what each product did, as the engine and the panel use it.

const T0 = Date.parse('2026-11-24T20:00:00Z');
const at = (sec: number) => T0 + sec * 1000;

describe('ProductBook', () => {
  it('keeps each product by id with its latest values, a value that cannot be read staying unknown', () => {
    const book = new ProductBook();
    book.apply({
      ts: at(0),
      rows: [
        { id: 'a', name: 'Scarf', price: 199, metrics: { impressions: 100, sold: 2, stock: 40 } },
        { id: 'b', name: 'Cup', metrics: { sold: 0 } },
      ],
      pinnedId: 'a',
    });
    // Changed values only: b's row is not repeated, a's stock became unreadable.
    book.apply({ ts: at(5), rows: [{ id: 'a', metrics: { sold: 3, stock: null } }] });
    const scarf = book.get('a')!;
    expect(scarf).toMatchObject({ name: 'Scarf', price: 199, firstSeenAt: at(0), updatedAt: at(5) });
    expect(scarf.value(PM.sold)).toBe(3);
    expect(scarf.value(PM.impressions)).toBe(100);
    expect(scarf.known(PM.stock)).toBe(false);
    expect(scarf.value(PM.stock)).toBeNaN();
    expect(book.products.map((p) => p.id)).toEqual(['a', 'b']);
    expect(book.get('b')!.value(PM.clicks)).toBeNaN();
  });

  it('takes a name and a price a redrawn row moves, and keeps them when it repeats them or leaves them out', () => {
    const book = new ProductBook();
    book.apply({ ts: at(0), rows: [{ id: 'a', name: 'Scarf', price: 199.9, metrics: { sold: 1 } }] });
    book.apply({ ts: at(3), rows: [{ id: 'a', name: 'Scarf', price: 199.9, metrics: { sold: 2 } }] });
    expect(book.get('a')).toMatchObject({ name: 'Scarf', price: 199.9, updatedAt: at(3) });
    book.apply({ ts: at(6), rows: [{ id: 'a', name: 'Wool scarf', price: 149.5, metrics: {} }] });
    expect(book.get('a')).toMatchObject({ name: 'Wool scarf', price: 149.5, updatedAt: at(6) });
    // An empty name is no name; a row without a price says nothing about it.
    book.apply({ ts: at(9), rows: [{ id: 'a', name: '', metrics: { sold: 3 } }] });
    expect(book.get('a')).toMatchObject({ name: 'Wool scarf', price: 149.5, updatedAt: at(9) });
    expect(book.get('a')!.value(PM.sold)).toBe(3);
  });

  it('reads each metric a row names into its own slot and skips a key that names none', () => {
    expect(PRODUCT_METRIC_IDS.map(productMetricIndex)).toEqual(PRODUCT_METRIC_IDS.map((id) => PM[id]));
    for (const key of ['', 'Sold', 'toString', '__proto__', 'viewers'])
      expect(productMetricIndex(key)).toBe(-1);
    const book = new ProductBook();
    const metrics = JSON.parse('{"__proto__": 5, "gmv": 12.5, "Sold": 3, "explainCount": 2}');
    book.apply({ ts: at(0), rows: [{ id: 'a', metrics }] });
    const product = book.get('a')!;
    expect(product.value(PM.gmv)).toBe(12.5);
    expect(product.value(PM.explainCount)).toBe(2);
    expect(product.value(PM.sold)).toBeNaN();
    expect(product.readMask).toBe((1 << PM.gmv) | (1 << PM.explainCount));
  });

  it('derives clicks from CTR × impressions when the table shows no clicks (TikTok)', () => {
    const book = new ProductBook();
    book.apply({ ts: at(0), rows: [{ id: 'a', metrics: { impressions: 2000, ctr: 0.0512 } }] });
    expect(book.get('a')!.value(PM.clicks)).toBe(102);
    book.apply({ ts: at(1), rows: [{ id: 'a', metrics: { ctr: null } }] });
    expect(book.get('a')!.known(PM.clicks)).toBe(false);
  });

  it('records explain spans from the pinned product, with time explained per product and in total', () => {
    const book = new ProductBook();
    const rows: ProductRowReading[] = [
      { id: 'a', metrics: {} },
      { id: 'b', metrics: {} },
    ];
    book.apply({ ts: at(0), rows, pinnedId: 'a' });
    expect(book.pinned).toBe(book.get('a'));
    book.apply({ ts: at(300), rows: [], pinnedId: 'b' });
    book.apply({ ts: at(400), rows: [] }); // this page cannot tell: the pin stands
    expect(book.pinned).toBe(book.get('b'));
    book.apply({ ts: at(420), rows: [], pinnedId: null });
    expect(book.pinned).toBeUndefined();
    // A product pinned before any row of it: its record starts with the pin.
    book.apply({ ts: at(500), rows: [], pinnedId: 'c' });
    expect(book.pinned).toMatchObject({ id: 'c', firstSeenAt: at(500) });
    book.apply({ ts: at(600), rows: [], pinnedId: 'a' });
    expect(book.pinned).toBe(book.get('a'));
    expect(book.get('a')!.spans).toEqual([
      { from: at(0), to: at(300) },
      { from: at(600), to: null },
    ]);
    expect(book.get('b')!.spans).toEqual([{ from: at(300), to: at(420) }]);
    expect(book.get('c')!.spans).toEqual([{ from: at(500), to: at(600) }]);
    expect(book).toMatchObject({ pinnedId: 'a', pinnedSince: at(600), pinKnown: true });
    expect(book.get('a')!.explainedMs(at(660))).toBe(360_000);
    expect(book.get('b')!.lastExplainedTo).toBe(at(420));
    expect(book.explainedMs(at(660))).toBe(580_000);
  });

  it('answers rates over any window from a history thinned to one snapshot per 10 s', () => {
    const book = new ProductBook();
    // 2 items a minute for 10 minutes, then 6 a minute; impressions every second.
    let sold = 0;
    for (let sec = 0; sec <= 900; sec++) {
      if (sec > 0 && sec % (sec <= 600 ? 30 : 10) === 0) sold++;
      book.apply({ ts: at(sec), rows: [{ id: 'a', metrics: { sold, impressions: sec * 10 } }] });
    }
    const a = book.get('a')!;
    expect(a.historyLength).toBeLessThan(100);
    expect(a.ratePerMin(PM.sold, 180, at(900))).toBeCloseTo(6, 0);
    expect(a.deltaBetween(PM.sold, at(0), at(600))).toBe(20);
    expect(a.valueAt(PM.impressions, at(300))).toBeGreaterThanOrEqual(2900);
    expect(a.valueAt(PM.impressions, at(300))).toBeLessThanOrEqual(3000);
    expect(a.valueAt(PM.sold, at(-1))).toBeNaN();
    // A product seen 20 s ago has no rate yet.
    book.apply({ ts: at(900), rows: [{ id: 'late', metrics: { sold: 3 } }] });
    expect(book.get('late')!.ratePerMin(PM.sold, 180, at(920))).toBeNaN();
  });

  it('keeps each past snapshot as it stood while the newest one moves with a table redrawn every 2 s', () => {
    const book = new ProductBook();
    for (let sec = 0; sec <= 60; sec += 2) {
      book.apply({ ts: at(sec), rows: [{ id: 'a', metrics: { impressions: sec, sold: sec >> 2 } }] });
    }
    const a = book.get('a')!;
    // One snapshot per 10 s: 0, 10, …, 50, and the newest at 60 (the latest values themselves).
    expect(a.historyLength).toBe(7);
    expect(a.valueAt(PM.impressions, at(15))).toBe(10);
    expect(a.valueAt(PM.sold, at(15))).toBe(2);
    expect(a.valueAt(PM.impressions, at(59))).toBe(50);
    expect(a.valueAt(PM.impressions, at(60))).toBe(60);
    // A row with nothing new leaves the history alone; the next change starts a new snapshot, the one at
    // 60 s keeping its values.
    book.apply({ ts: at(71), rows: [{ id: 'a', metrics: { impressions: 60 } }] });
    book.apply({ ts: at(72), rows: [{ id: 'a', metrics: { impressions: 99, sold: 30 } }] });
    expect(a.valueAt(PM.impressions, at(71))).toBe(60);
    expect(a.valueAt(PM.sold, at(71))).toBe(15);
    expect(a.valueAt(PM.impressions, at(72))).toBe(99);
    expect(a.deltaBetween(PM.sold, at(60), at(72))).toBe(15);
  });

  it('keeps in its history the metrics read at past times, each as it stood, and no other', () => {
    const book = new ProductBook();
    const metrics = (sec: number) => ({
      impressions: 100 * sec,
      clicks: 10 * sec,
      ctr: 0.1,
      sold: sec,
      gmv: 99 * sec,
      stock: 1000 - sec,
      unpaidOrders: sec % 7,
    });
    // Past the first chunk of snapshots (128), so a look back crosses chunks.
    for (let sec = 0; sec <= 2000; sec += 10)
      book.apply({ ts: at(sec), rows: [{ id: 'a', metrics: metrics(sec) }] });
    const a = book.get('a')!;
    expect(a.historyLength).toBe(201);
    for (const sec of [0, 10, 650, 1280, 1290, 1995, 2000]) {
      const then = metrics(sec - (sec % 10));
      expect(a.valueAt(PM.impressions, at(sec))).toBe(then.impressions);
      expect(a.valueAt(PM.clicks, at(sec))).toBe(then.clicks);
      expect(a.valueAt(PM.sold, at(sec))).toBe(then.sold);
      expect(a.valueAt(PM.stock, at(sec))).toBe(then.stock);
      expect(a.valueAt(PM.unpaidOrders, at(sec))).toBe(then.unpaidOrders);
    }
    // Read only as they stand now: no past values, though the latest is there.
    expect(a.valueAt(PM.gmv, at(650))).toBeNaN();
    expect(a.valueAt(PM.ctr, at(2000))).toBeNaN();
    expect(a.value(PM.gmv)).toBe(99 * 2000);
  });

  it('puts each row on its own product whatever order the table lists them in', () => {
    const book = new ProductBook();
    const row = (id: string, sold: number): ProductRowReading => ({ id, metrics: { sold } });
    book.apply({ ts: at(0), rows: [row('a', 1), row('b', 2), row('c', 3)] });
    book.apply({ ts: at(5), rows: [row('c', 30), row('a', 10), row('d', 40), row('b', 20)] });
    book.apply({ ts: at(9), rows: [row('b', 21), row('b', 22), row('a', 11)] });
    expect(book.products.map((p) => [p.id, p.index, p.value(PM.sold)])).toEqual([
      ['a', 0, 11],
      ['b', 1, 22],
      ['c', 2, 30],
      ['d', 3, 40],
    ]);
    expect(book.get('c')!.valueAt(PM.sold, at(4))).toBe(3);
  });

  it('finds the snapshot at a time from a hint as a search would, for a window rolling forward', () => {
    const book = new ProductBook();
    for (let sec = 0; sec <= 900; sec += 3) {
      book.apply({ ts: at(sec), rows: [{ id: 'a', metrics: { clicks: sec * 2, sold: sec >> 4 } }] });
    }
    const a = book.get('a')!;
    let hint = -1;
    for (let sec = -20; sec <= 960; sec += 7) {
      const i = a.indexAt(at(sec), hint);
      expect(i).toBe(a.indexAt(at(sec)));
      expect(a.valueAtIndex(PM.clicks, i)).toBe(a.valueAt(PM.clicks, at(sec)));
      hint = i;
    }
    // A hint past the time asked for (a window moved back) is ignored, not trusted.
    expect(a.indexAt(at(100), a.historyLength - 1)).toBe(a.indexAt(at(100)));
    expect(a.valueAtIndex(PM.sold, a.indexAt(at(-1), 5))).toBeNaN();
  });

  it('copies itself: events folded into the copy or the book leave the other as a fold of its own events', () => {
    /** A table redrawn every 2 s for `seconds` from `from`, the pin on `pinned`. */
    const redraws = (from: number, seconds: number, pinned: string | null) =>
      Array.from({ length: seconds / 2 }, (_, i) => ({
        ts: at(from + i * 2),
        rows: [
          { id: 'a', metrics: { impressions: (from + i * 2) * 10, sold: from + i, stock: 900 - i } },
          { id: 'b', metrics: { impressions: (from + i * 2) * 3, sold: Math.floor((from + i) / 3) } },
        ],
        pinnedId: pinned,
      }));
    /** What a book holds: latest values, pin spans, and its history at every second. */
    const state = (book: ProductBook, until: number) =>
      book.products.map((p) => ({
        id: p.id,
        last: [...p.last],
        spans: p.spans.map((span) => ({ ...span })),
        explainedMs: p.explainedMs(at(until)),
        history: Array.from({ length: until + 1 }, (_, s) => [
          p.valueAt(PM.sold, at(s)),
          p.valueAt(PM.stock, at(s)),
        ]),
      }));
    const foldOf = (events: ReturnType<typeof redraws>) => {
      const book = new ProductBook();
      for (const event of events) book.apply(event);
      return book;
    };
    // Past a history chunk's 128 snapshots, with the pin open on a when the copy is taken.
    const settled = redraws(0, 1400, 'a');
    const book = foldOf(settled);
    const copy = book.clone();
    const onCopy = redraws(1400, 200, 'b');
    for (const event of onCopy) copy.apply(event);
    const onBook = redraws(1400, 300, null);
    for (const event of onBook) book.apply(event);

    expect(state(copy, 1800)).toEqual(state(foldOf([...settled, ...onCopy]), 1800));
    expect(state(book, 1800)).toEqual(state(foldOf([...settled, ...onBook]), 1800));
    expect(copy.pinnedId).toBe('b');
    expect(book.pinnedId).toBeNull();
  });

  it('cuts history chunks from shared buffers without two chunks overlapping', () => {
    const slab = new DoubleSlab();
    const runs = [slab.take(3000), slab.take(1408), slab.take(100_000), slab.take(128)];
    for (const [i, run] of runs.entries()) run.fill(i + 1);
    expect(runs.map((run) => run.length)).toEqual([3000, 1408, 100_000, 128]);
    for (const [i, run] of runs.entries()) expect(run.every((value) => value === i + 1)).toBe(true);
  });
});
