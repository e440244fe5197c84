import { describe, expect, it } from 'vitest';
import { productRowsSince, sessionSnapshots } from '../../../lib/store/productQueries';
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
  });
});
