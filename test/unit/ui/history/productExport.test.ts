import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ProductPinRow, ProductSnapshotRow } from '../../../../lib/store/productRows';
import { exportSessionsCsv } from '../../../../lib/ui/history/exportCsv';
import { exportSessionsJson } from '../../../../lib/ui/history/exportJson';
import { importExportJson } from '../../../../lib/worker/history/importExport';
import { readRuns } from '../../../../scripts/replay/readRuns';
import { dumpDb, freshDb, seedSession, T0 } from '../../historyFixtures';

// A session's product list through the exports: the JSON carries the stored rows (schema 3) and imports
// back adding only what is missing; the products CSV has one row per change with the product's whole
// state, formula-safe.

type LivecueDb = ReturnType<typeof freshDb>;

async function seedProducts(db: LivecueDb, sessionId: string) {
  const snapshots: ProductSnapshotRow[] = [
    {
      sessionId,
      productId: '1729',
      ts: T0,
      name: '=HYPERLINK("http://x","围巾")',
      price: 59,
      metrics: { stock: 50, sold: 0, impressions: 100, ctr: 0.05 },
      sources: { stock: 'json', sold: 'dom' },
    },
    {
      sessionId,
      productId: '1730',
      ts: T0,
      name: 'Silk shirt, "classic"',
      price: 89,
      metrics: { stock: 30 },
    },
    { sessionId, productId: '1729', ts: T0 + 2000, metrics: { stock: 47, sold: 3 } },
    { sessionId, productId: '1730', ts: T0 + 4000, metrics: { stock: null } },
  ];
  const pins: ProductPinRow[] = [
    { sessionId, ts: T0, productId: '1729' },
    { sessionId, ts: T0 + 3000, productId: '1730' },
    { sessionId, ts: T0 + 5000, productId: null },
  ];
  await db.productSnapshots.bulkPut(snapshots);
  await db.productPins.bulkPut(pins);
  return { snapshots, pins };
}

/** An exported session with its product rows, and another database holding the same session without them. */
async function fileAndSessionHere() {
  const source = freshDb();
  const { session } = await seedSession(source, 'r1', T0, 8);
  await seedProducts(source, session.id);
  const text = await (await exportSessionsJson(source, [session.id])).text();
  const db = freshDb();
  await seedSession(db, 'r1', T0, 8);
  return { session, text, db };
}

async function readCsv(blob: Blob) {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { rows: parsed.data, text };
}

describe('products in the exports', () => {
  it('the products CSV has a row per change and pin switch, each with the whole state, formula-safe', async () => {
    const db = freshDb();
    const { session } = await seedSession(db, 'r1', T0, 8);
    await seedProducts(db, session.id);
    const { products } = await exportSessionsCsv(db, [session.id], { resolution: 'second', chunkSize: 2 });
    const { rows, text } = await readCsv(products!);
    const brief = rows.map((r) => [Number(r.ts) - T0, r.product_id, r.stock, r.sold, r.pinned, r.changed]);
    expect(brief).toEqual([
      [0, '1729', '50', '0', '1', 'name price impressions ctr sold stock pinned'],
      [0, '1730', '30', '', '0', 'name price stock'],
      [2000, '1729', '47', '3', '1', 'sold stock'],
      [3000, '1729', '47', '3', '0', 'unpinned'],
      [3000, '1730', '30', '', '1', 'pinned'],
      [4000, '1730', '', '', '1', 'stock'],
      [5000, '1730', '', '', '0', 'unpinned'],
    ]);
    expect(rows[0]).toMatchObject({
      room: '羊绒围巾专场',
      product_price: '59',
      sources: 'stock:json sold:dom',
    });
    expect(rows[1]?.product_name).toBe('Silk shirt, "classic"');
    // The page's text can never run as a formula in a spreadsheet: it is written with a leading quote.
    expect(rows[0]?.product_name).toBe(`'=HYPERLINK("http://x","围巾")`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('a room read without a product list gets no products file', async () => {
    const db = freshDb();
    const { session } = await seedSession(db, 'r1', T0, 3);
    expect((await exportSessionsCsv(db, [session.id], { resolution: 'second' })).products).toBeNull();
  });

  it('the JSON carries the product rows, imports them back once, and the replay folds them', async () => {
    const source = freshDb();
    const { session } = await seedSession(source, 'r1', T0, 8);
    const { snapshots, pins } = await seedProducts(source, session.id);
    const text = await (await exportSessionsJson(source, [session.id], () => {}, { chunkSize: 2 })).text();
    const file = JSON.parse(text);
    expect(file.schemaVersion).toBe(3);
    expect(file.sessions[0].productSnapshots).toHaveLength(snapshots.length);
    expect(file.sessions[0].productPins).toEqual(pins);

    const target = freshDb();
    const first = await importExportJson(target, text);
    expect(first.ok && first.answer.added.products).toBe(snapshots.length + pins.length);
    // Imported sessions carry when they arrived here (retention counts from it); the rest is identical.
    const imported = await dumpDb(target);
    expect(imported.sessions.every((row) => typeof row.importedAt === 'number')).toBe(true);
    const sessions = imported.sessions.map(({ importedAt: _importedAt, ...row }) => row);
    expect({ ...imported, sessions }).toEqual(await dumpDb(source));
    const again = await importExportJson(target, text);
    expect(again.ok && again.answer.added.products).toBe(0);
    expect(again.ok && again.answer.alreadyHere.products).toBe(snapshots.length + pins.length);

    const read = readRuns(file, 'export.json');
    if (!read.ok) throw new Error(read.error);
    const kinds = read.runs[0]!.events.filter((e) => e.ts <= T0 + 5000).map((e) => `${e.kind}@${e.ts - T0}`);
    expect(kinds.filter((k) => k.startsWith('products'))).toEqual([
      'products@0',
      'products@2000',
      'products@3000',
      'products@4000',
      'products@5000',
    ]);
    expect(kinds.indexOf('products@2000')).toBe(kinds.indexOf('sample@2000') + 1);
  });

  it('adds only product rows missing here and never replaces one', async () => {
    const { session, text, db } = await fileAndSessionHere();
    await db.productSnapshots.put({
      sessionId: session.id,
      productId: '1729',
      ts: T0,
      metrics: { stock: 51 },
    });
    const result = await importExportJson(db, text);
    expect(result.ok && result.answer.added.products).toBe(6);
    expect((await db.productSnapshots.get([session.id, '1729', T0]))?.metrics).toEqual({ stock: 51 });
  });

  it('moves the latest values of the products it adds rows to, which a live session files against', async () => {
    const { session, text, db } = await fileAndSessionHere();
    // Here already: one newer value of 1729 than the file holds, with its latest values.
    await db.productSnapshots.put({
      sessionId: session.id,
      productId: '1729',
      ts: T0 + 9000,
      metrics: { stock: 40 },
    });
    await db.productLatest.put({
      sessionId: session.id,
      productId: '1729',
      metrics: { stock: 40 },
      setAt: { stock: T0 + 9000 },
    });
    expect((await importExportJson(db, text)).ok).toBe(true);
    expect(await db.productLatest.toArray()).toEqual([
      {
        sessionId: session.id,
        productId: '1729',
        name: '=HYPERLINK("http://x","围巾")',
        price: 59,
        // The newer stock stays; the file's other fields come in.
        metrics: { stock: 40, sold: 3, impressions: 100, ctr: 0.05 },
        setAt: { name: T0, price: T0, stock: T0 + 9000, sold: T0 + 2000, impressions: T0, ctr: T0 },
      },
      {
        sessionId: session.id,
        productId: '1730',
        name: 'Silk shirt, "classic"',
        price: 89,
        metrics: { stock: null },
        setAt: { name: T0, price: T0, stock: T0 + 4000 },
      },
    ]);
  });

  it('still imports a file of schema 2 (no products)', async () => {
    const source = freshDb();
    const { session } = await seedSession(source, 'r1', T0, 4);
    const file = JSON.parse(await (await exportSessionsJson(source, [session.id])).text());
    file.schemaVersion = 2;
    delete file.sessions[0].productSnapshots;
    delete file.sessions[0].productPins;
    const result = await importExportJson(freshDb(), JSON.stringify(file));
    expect(result.ok && result.answer.added.samples).toBe(4);
  });

  it.each([
    [
      'a snapshot twice',
      (s: Record<string, unknown[]>) => s.productSnapshots!.push(s.productSnapshots![0]),
      'sessions[0].productSnapshots[4].ts: a second snapshot of this product at this time',
    ],
    [
      'a snapshot before the session',
      (s: Record<string, { ts: number }[]>) => (s.productSnapshots![1]!.ts = T0 - 5000),
      "sessions[0].productSnapshots[1].ts: before the session's start",
    ],
    [
      'a value as text',
      (s: Record<string, { metrics: Record<string, unknown> }[]>) =>
        (s.productSnapshots![0]!.metrics.stock = '1.2万'),
      'sessions[0].productSnapshots[0].metrics.stock:',
    ],
    [
      'an unknown product metric',
      (s: Record<string, { metrics: Record<string, unknown> }[]>) =>
        (s.productSnapshots![0]!.metrics.rank = 1),
      'sessions[0].productSnapshots[0].metrics: Unrecognized key: "rank"',
    ],
    [
      'a pin filed under another session',
      (s: Record<string, { sessionId: string }[]>) => (s.productPins![0]!.sessionId = 'douyin:x:1'),
      'sessions[0].productPins[0].sessionId: expected the session id',
    ],
  ])('refuses a file with %s, naming the field, and writes nothing', async (_name, spoil, expected) => {
    const source = freshDb();
    const { session } = await seedSession(source, 'r1', T0, 8);
    await seedProducts(source, session.id);
    const file = JSON.parse(await (await exportSessionsJson(source, [session.id])).text());
    (spoil as (s: unknown) => void)(file.sessions[0]);
    const db = freshDb();
    const result = await importExportJson(db, JSON.stringify(file));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(expected);
    expect(await db.productSnapshots.count()).toBe(0);
    expect(await db.sessions.count()).toBe(0);
  });
});
