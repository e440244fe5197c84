import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import type { SessionProductRows } from '../../../../lib/store/productQueries';
import type { ProductSnapshotRow } from '../../../../lib/store/productRows';
import {
  heldReviewRows,
  loadReviewProducts,
  loadReviewProductsAtOnce,
  REREAD_MS,
} from '../../../../lib/ui/review/reviewProductRows';

// A review open while the show goes on refreshes its product table every few seconds: it keeps the rows it
// read and reads again only the newest stretch and the session's row count, and reads everything again
// whenever the count says something was filed elsewhere.

const T = Date.UTC(2026, 11, 7, 20);
const SESSION = `douyin:room:${T}`;
let db: LivecueDb;

const snapshot = (productId: string, ts: number, sold: number): ProductSnapshotRow => ({
  sessionId: SESSION,
  productId,
  ts,
  metrics: { sold, impressions: sold * 40 },
});

/** Rows by key, so two reads compare whatever order they came in. */
const byKey = (rows: SessionProductRows) =>
  Object.fromEntries(rows.snapshots.map((row) => [`${row.productId}@${row.ts}`, row.metrics]));

/** A refresh's rows, checked to be `length` of them and the same a whole read gives. */
async function refreshedAsWhole(rows: ReturnType<typeof heldReviewRows>, length: number) {
  const refreshed = await rows.read(db, SESSION);
  expect(refreshed.snapshots).toHaveLength(length);
  expect(byKey(refreshed)).toEqual(byKey(await loadReviewProducts(db, SESSION)));
  return refreshed;
}

beforeEach(async () => {
  db = new LivecueDb(`review-rows-${Math.random()}`);
  // Ten minutes of two products, a row every 10 s each.
  const rows: ProductSnapshotRow[] = [];
  for (let s = 0; s < 600; s += 10)
    rows.push(snapshot('scarf', T + s * 1000, s), snapshot('mug', T + s * 1000, s / 2));
  await db.productSnapshots.bulkPut(rows);
  await db.productPins.put({ sessionId: SESSION, ts: T, productId: 'scarf' });
});
afterEach(async () => {
  await db.delete();
});

it('reads the whole session first, then the rows filed since, and gives what a whole read gives', async () => {
  const rows = heldReviewRows();
  expect((await rows.read(db, SESSION)).snapshots).toHaveLength(120);

  await db.productSnapshots.bulkPut([snapshot('scarf', T + 600_000, 61), snapshot('mug', T + 600_000, 31)]);
  await db.productPins.put({ sessionId: SESSION, ts: T + 600_000, productId: 'mug' });
  const refreshed = await refreshedAsWhole(rows, 122);
  expect(refreshed.pins.map((pin) => pin.productId)).toEqual(['scarf', 'mug']);
});

it('reads the newest stretch again, where a late reading restates values', async () => {
  const rows = heldReviewRows();
  await rows.read(db, SESSION);
  // The ledger states a late reading's changes anew at its newest time: a row rewritten there.
  await db.productSnapshots.put(snapshot('scarf', T + 590_000, 70));
  await db.productSnapshots.put(snapshot('mug', T + 590_000 - REREAD_MS + 10_000, 9));

  await refreshedAsWhole(rows, 120);
});

it('reads everything again when a row was filed at an older time, or one went away', async () => {
  const rows = heldReviewRows();
  await rows.read(db, SESSION);
  // A late reading filed whole at its own time, long before the newest.
  await db.productSnapshots.put(snapshot('scarf', T + 5_000, 3));
  await refreshedAsWhole(rows, 121);

  await db.productSnapshots.delete([SESSION, 'mug', T]);
  await refreshedAsWhole(rows, 120);
});

it('keeps the older rows it read: only the newest stretch and the count are read again', async () => {
  const rows = heldReviewRows();
  await rows.read(db, SESSION);
  // Rewritten in place long before the newest row (the ledger never does this: a reading sent again
  // carries the values it held), so the count is the same and the refresh keeps what it read.
  await db.productSnapshots.put(snapshot('scarf', T + 10_000, 999));

  const refreshed = byKey(await rows.read(db, SESSION));
  expect(refreshed[`scarf@${T + 10_000}`]).toEqual({ sold: 10, impressions: 400 });
  expect(byKey(await loadReviewProducts(db, SESSION))[`scarf@${T + 10_000}`]).toEqual({
    sold: 999,
    impressions: 39_960,
  });
});

it('reads another session whole, and a session with no product rows as empty', async () => {
  const rows = heldReviewRows();
  await rows.read(db, SESSION);
  const other = `${SESSION}-other`;
  await db.productSnapshots.put({ ...snapshot('hat', T, 4), sessionId: other });

  expect((await rows.read(db, other)).snapshots.map((row) => row.productId)).toEqual(['hat']);
  expect(await rows.read(db, 'no-such-session')).toEqual({ snapshots: [], pins: [] });
  expect(await rows.read(db, 'no-such-session')).toEqual({ snapshots: [], pins: [] });
});

it('reads the whole session only when it must: first, and when the count does not add up', async () => {
  // The review's worker reads it at once; the page, a page at a time: the same rows either way.
  expect(byKey(await loadReviewProductsAtOnce(db, SESSION))).toEqual(
    byKey(await loadReviewProducts(db, SESSION)),
  );
  const whole = vi.fn(loadReviewProductsAtOnce);
  const rows = heldReviewRows(whole);
  await rows.read(db, SESSION);
  await db.productSnapshots.put(snapshot('scarf', T + 600_000, 61));
  await rows.read(db, SESSION);
  expect(whole).toHaveBeenCalledTimes(1);

  await db.productSnapshots.put(snapshot('mug', T + 1_000, 0));
  expect((await rows.read(db, SESSION)).snapshots).toHaveLength(122);
  expect(whole).toHaveBeenCalledTimes(2);
});
