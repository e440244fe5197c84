import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import { putProductSnapshots } from '../../../../lib/store/packGuard';
import type { SessionProductRows } from '../../../../lib/store/productQueries';
import type { ProductSnapshotRow } from '../../../../lib/store/productRows';
import { REREAD_MS } from '../../../../lib/ui/review/heldTimeRows';
import {
  heldReviewRows,
  loadReviewProducts,
  loadReviewProductsAtOnce,
} from '../../../../lib/ui/review/reviewProductRows';
import { packProductSnapshots } from '../../../../lib/worker/history/productPacking';

// A review open while the show goes on refreshes its product table every few seconds: it keeps the rows it
// read and reads again only the newest stretch, and reads everything again whenever the session's product
// pack (while it has one) or else its row count says something was filed elsewhere.

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
  // What it kept is as the read before gave it: a fold may keep what it made of those rows.
  expect(refreshed.unchangedBefore).toBe(T + 590_000 - REREAD_MS);
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
  const none = { snapshots: [], pins: [], unchangedBefore: Number.NEGATIVE_INFINITY };
  expect(await rows.read(db, 'no-such-session')).toEqual(none);
  expect(await rows.read(db, 'no-such-session')).toEqual(none);
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

describe('a session whose older rows are packed as the live goes on', () => {
  const LIVE = `${SESSION}-live`;
  const PRODUCTS = 20;
  /** Ten minutes of twenty products, a row each every 2 s: 6,000 rows. */
  const liveRow = (p: number, s: number, sold = s): ProductSnapshotRow => ({
    sessionId: LIVE,
    productId: `p${p}`,
    ts: T + s * 1000,
    metrics: { sold, impressions: sold * 40 },
  });
  /** Files rows the way the worker's write queue does (packGuard.ts), in its transaction. */
  const file = (rows: ProductSnapshotRow[]) =>
    db.transaction('rw', db.productSnapshots, db.productPacks, () => putProductSnapshots(db, rows));
  const wholeRead = async () => byKey(await loadReviewProducts(db, LIVE));

  beforeEach(async () => {
    const rows: ProductSnapshotRow[] = [];
    for (let s = 0; s < 600; s += 2) for (let p = 0; p < PRODUCTS; p++) rows.push(liveRow(p, s));
    await file(rows);
    // The alarm's packing eight minutes in: whole blocks before then, the rest row by row.
    await packProductSnapshots(db, LIVE, T + 480_000);
    expect((await db.productPacks.get(LIVE))?.lastTs).toBeLessThan(T + 480_000);
  });

  it('reads the rows after the pack, and sees one filed late after it but before the newest stretch', async () => {
    const whole = vi.fn(loadReviewProducts);
    const rows = heldReviewRows(whole);
    expect((await rows.read(db, LIVE)).snapshots).toHaveLength(6000);
    const lastTs = (await db.productPacks.get(LIVE))!.lastTs;
    // A reading sent again late: after the pack, more than REREAD_MS before the newest row.
    await file([liveRow(3, (lastTs - T) / 1000 + 3, 500)]);
    await file([liveRow(0, 600), liveRow(1, 600)]);

    const refreshed = await rows.read(db, LIVE);
    expect(refreshed.snapshots).toHaveLength(6003);
    expect(refreshed.unchangedBefore).toBe(lastTs);
    expect(byKey(refreshed)).toEqual(await wholeRead());
    expect(whole).toHaveBeenCalledTimes(1);
  });

  it('reads everything again once a row reached into the pack, or the session was packed again', async () => {
    const whole = vi.fn(loadReviewProducts);
    const rows = heldReviewRows(whole);
    await rows.read(db, LIVE);
    // A late reading whose changes are filed at its own old time: the writer drops the pack record.
    await file([liveRow(7, 5, 99)]);
    expect(await db.productPacks.get(LIVE)).toBeUndefined();
    expect(byKey(await rows.read(db, LIVE))).toEqual(await wholeRead());
    expect(whole).toHaveBeenCalledTimes(2);

    // Packed again from its start; a refresh takes the new pack's word (its count adds up)…
    await packProductSnapshots(db, LIVE, T + 480_000);
    await rows.read(db, LIVE);
    expect(whole).toHaveBeenCalledTimes(2);
    // …and once a row reaches into it and it is packed once more (another epoch), reads everything again.
    await file([liveRow(2, 1, 77)]);
    await packProductSnapshots(db, LIVE, T + 480_000);
    expect(await db.productPacks.get(LIVE)).toBeDefined();
    expect(byKey(await rows.read(db, LIVE))).toEqual(await wholeRead());
    expect(whole).toHaveBeenCalledTimes(3);
  });

  it('takes the pack at its word: the rows before it are not counted again', async () => {
    const rows = heldReviewRows();
    await rows.read(db, LIVE);
    // Put straight into the table, past the guard every writer goes through: a refresh trusts the pack.
    await db.productSnapshots.put(liveRow(4, 11, 999));
    await db.productSnapshots.put(liveRow(4, 10, 999));

    const refreshed = byKey(await rows.read(db, LIVE));
    expect(refreshed[`p4@${T + 10_000}`]).toEqual({ sold: 10, impressions: 400 });
    expect(refreshed[`p4@${T + 11_000}`]).toBeUndefined();
    expect(Object.keys(await wholeRead())).toHaveLength(6001);
  });
});
