import { describe, expect, it } from 'vitest';
import {
  productRowsPage,
  productRowsSince,
  sessionPins,
  sessionSnapshotPages,
  sessionSnapshots,
} from '../../../lib/store/productQueries';
import type { ProductSnapshotRow } from '../../../lib/store/productRows';
import { freshDbsDeletedAfterEach } from '../liveCueFixtures';

// The product rows the pages and the worker read: a whole session by the table's own key, or the stretch
// from a time on by the time index.

const db = freshDbsDeletedAfterEach();

const row = (sessionId: string, productId: string, ts: number): ProductSnapshotRow => ({
  sessionId,
  productId,
  ts,
  metrics: { sold: ts },
});
const ids = (rows: ProductSnapshotRow[]) => rows.map((r) => `${r.sessionId}/${r.productId}@${r.ts}`).sort();

describe('product rows of a session', () => {
  // Sessions whose ids begin alike sit side by side in the key order: none may leak into another's read.
  const stored = [
    row('s1', 'b', 1000),
    row('s1', 'a', 2000),
    row('s1', 'a', 1000),
    row('s10', 'a', 1500),
    row('s0', 'z', 500),
    row('s1', '', 3000),
  ];

  it('reads every snapshot of the session and none of its neighbours', async () => {
    const d = db();
    await d.productSnapshots.bulkPut(stored);
    expect(ids(await sessionSnapshots(d, 's1'))).toEqual(['s1/@3000', 's1/a@1000', 's1/a@2000', 's1/b@1000']);
    expect(ids(await sessionSnapshots(d, 's'))).toEqual([]);
  });

  it('reads every snapshot of the session a page at a time by its own key, each once', async () => {
    const d = db();
    await d.productSnapshots.bulkPut(stored);
    for (const limit of [1, 2, 3, 4, 5]) {
      const pages: ProductSnapshotRow[][] = [];
      for await (const page of sessionSnapshotPages(d, 's1', limit)) pages.push(page);
      expect(pages.every((page) => page.length <= limit)).toBe(true);
      expect(pages.flat().map((r) => `${r.sessionId}/${r.productId}@${r.ts}`)).toEqual([
        's1/@3000',
        's1/a@1000',
        's1/a@2000',
        's1/b@1000',
      ]);
    }
    const none: ProductSnapshotRow[][] = [];
    for await (const page of sessionSnapshotPages(d, 's', 2)) none.push(page);
    expect(none).toEqual([[]]);
  });

  it('reads the stretch from a time on, or the whole session from -Infinity, with its pin changes', async () => {
    const d = db();
    await d.productSnapshots.bulkPut(stored);
    await d.productPins.bulkPut([
      { sessionId: 's1', ts: 1000, productId: 'a' },
      { sessionId: 's1', ts: 2500, productId: null },
      { sessionId: 's10', ts: 1200, productId: 'a' },
    ]);
    const all = await productRowsSince(d, 's1', Number.NEGATIVE_INFINITY);
    expect(ids(all.snapshots)).toEqual(ids(stored.filter((r) => r.sessionId === 's1')));
    expect(all.pins.map((p) => p.ts)).toEqual([1000, 2500]);
    const since = await productRowsSince(d, 's1', 2000);
    expect(since.snapshots.map((r) => r.ts)).toEqual([2000, 3000]);
    expect(since.pins.map((p) => p.ts)).toEqual([2500]);
    // The snapshots from a time on beside every pin change (a reader that watches only the newest rows).
    const pinsFromStart = await productRowsSince(d, 's1', 2000, Number.NEGATIVE_INFINITY);
    expect(pinsFromStart.pins.map((p) => p.ts)).toEqual([1000, 2500]);
    expect((await sessionPins(d, 's1')).map((p) => p.ts)).toEqual([1000, 2500]);
  });

  it('reads a session page by page in time order, never splitting the rows of one time, pins beside them', async () => {
    const d = db();
    // Three products changing at times 0–99; at time 50 a table of 12 rows (more than a page holds).
    const rows: ProductSnapshotRow[] = [];
    for (let ts = 0; ts < 100; ts++)
      for (const p of ['a', 'b', 'c']) if ((ts + p.charCodeAt(0)) % 2) rows.push(row('s1', p, ts));
    for (let i = 0; i < 12; i++) rows.push(row('s1', `big${i}`, 50));
    await d.productSnapshots.bulkPut([...rows, row('s10', 'a', 1), row('s0', 'a', 2)]);
    // Pin changes before the first snapshot, between two, at one, and after the last.
    const pinTimes = [-5, 20, 33.5, 50, 99, 140];
    await d.productPins.bulkPut([
      ...pinTimes.map((ts) => ({ sessionId: 's1', ts, productId: 'a' })),
      { sessionId: 's10', ts: 3, productId: 'a' },
    ]);

    const pages: ProductSnapshotRow[][] = [];
    const pinsRead: number[] = [];
    let from = Number.NEGATIVE_INFINITY;
    for (;;) {
      const page = await productRowsPage(d, 's1', from, 10);
      pages.push(page.snapshots);
      // A page's pin changes lie in its own stretch of time: from where it starts to where the next does.
      for (const pin of page.pins) {
        expect(pin.ts).toBeGreaterThanOrEqual(from);
        if (page.next !== null) expect(pin.ts).toBeLessThan(page.next);
        pinsRead.push(pin.ts);
      }
      if (page.next === null) break;
      // The next page starts after every time this one holds.
      expect(page.next).toBeGreaterThan(page.snapshots.at(-1)!.ts);
      from = page.next;
    }
    expect(pinsRead).toEqual(pinTimes);
    // Every row of the session once, in time order, and each time's rows in one page.
    const read = pages.flat();
    expect(ids(read)).toEqual(ids(rows));
    expect(read.map((r) => r.ts)).toEqual([...read.map((r) => r.ts)].sort((a, b) => a - b));
    const pageOfTime = new Map<number, number>();
    pages.forEach((page, i) => {
      for (const r of page) {
        expect(pageOfTime.get(r.ts) ?? i).toBe(i);
        pageOfTime.set(r.ts, i);
      }
    });
    expect(pages.find((page) => page.some((r) => r.ts === 50))!.length).toBeGreaterThanOrEqual(12);
    expect(await productRowsPage(d, 'nobody', Number.NEGATIVE_INFINITY, 10)).toEqual({
      snapshots: [],
      pins: [],
      next: null,
    });
  });
});
