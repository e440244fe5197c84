import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductSnapshotRow } from '../../lib/store/productRows';
import { PRODUCTION_BUILD } from '../../scripts/bench/benchStart';
import {
  FIXTURE_DIR,
  type HttpsFixtureServer,
  startHttpsFixtureServer,
} from '../../scripts/node/httpsFixtureServer';
import { type ExtensionBrowser, launchWithExtension } from '../../scripts/node/launchWithExtension';
import { ensureFreshProductionBuild, readStoredTables, sizedForABusyMachine } from './extensionHarness';

// The TikTok Shop LIVE Dashboard's "Product List" (144 products, an arco table) as the saved real page draws
// it, served at its real URL over HTTPS to the production build, and checked in what the worker stored: every
// product's six values exactly as shown, keyed by its visible ID; rows a virtualised table drops keep their
// values, rows it draws again (recycled, reordered) store nothing new, and a changed row stores only itself.

const ROOM = '7623209740167809805';
const PAGE_URL = `https://shop.tiktok.com/workbench/live/overview?room_id=${ROOM}&region=US`;
const FIXTURE = 'tiktok-live-dashboard-products.html';

type Metrics = Record<string, number | null>;
const expected = JSON.parse(
  readFileSync(join(FIXTURE_DIR, 'tiktok-live-dashboard-products.expected.json'), 'utf8'),
) as Record<string, { name: string; metrics: Metrics }>;
const IDS = Object.keys(expected);

/** The product snapshots the extension stored, read through an extension page. */
async function storedSnapshots(page: Page): Promise<ProductSnapshotRow[]> {
  return page.evaluate(`(async () => {
    const open = indexedDB.open('livecue');
    const db = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise((resolve, reject) => {
      const request = db.transaction('productSnapshots').objectStore('productSnapshots').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows;
  })()`);
}

interface Product {
  name?: string;
  metrics: Metrics;
  /** How many snapshots were filed for it. */
  filed: number;
}

/** Each product of the room's session: its snapshots (changed values only) merged in time order. */
async function storedProducts(panel: Page): Promise<Map<string, Product>> {
  const { sessions } = await readStoredTables(panel);
  const ours = new Set(
    sessions.filter((s) => s.site === 'tiktok-shop' && s.roomKey === `room_id=${ROOM}`).map((s) => s.id),
  );
  const products = new Map<string, Product>();
  const rows = (await storedSnapshots(panel))
    .filter((r) => ours.has(r.sessionId))
    .sort((a, b) => a.ts - b.ts);
  for (const row of rows) {
    const product = products.get(row.productId) ?? { metrics: {}, filed: 0 };
    product.filed++;
    if (row.name !== undefined) product.name = row.name;
    Object.assign(product.metrics, row.metrics);
    products.set(row.productId, product);
  }
  return products;
}

/** The samples the room's session stored so far (a reading went by when this grows). */
async function sampleCount(panel: Page): Promise<number> {
  const { sessions, samples } = await readStoredTables(panel);
  const ours = new Set(sessions.filter((s) => s.roomKey === `room_id=${ROOM}`).map((s) => s.id));
  return samples.filter((s) => ours.has(s.sessionId)).length;
}

/** The page's product rows (the table whose rows show "ID: …"). */
const PRODUCT_ROWS = `tbody > tr.arco-table-tr`;

describe('the TikTok LIVE Dashboard product list, saved from the real page, read by the production build', () => {
  let server: HttpsFixtureServer;
  let browser: ExtensionBrowser;
  let panel: Page;
  let room: Page;

  beforeAll(async () => {
    // The production build of the current sources: what an operator installs.
    await ensureFreshProductionBuild(PRODUCTION_BUILD);
    server = await startHttpsFixtureServer({ 'shop.tiktok.com/workbench/live/overview': FIXTURE });
    browser = await launchWithExtension({ extensionDir: PRODUCTION_BUILD, extraArgs: server.chromiumArgs });
    sizedForABusyMachine(browser.context);
    panel = await browser.context.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    room = await browser.context.newPage();
    await room.goto(PAGE_URL);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A product's row element in the page, found by the ID it shows. */
  const setCells = (id: string, cells: Record<number, string>) =>
    room.evaluate(
      ([selector, productId, values]) => {
        const row = [...document.querySelectorAll(selector)].find((tr) =>
          tr.textContent!.includes(`ID: ${productId}`),
        );
        if (!row) throw new Error(`no row shows ID ${productId}`);
        for (const [index, text] of Object.entries(values))
          row.children[Number(index)]!.querySelector('.arco-table-cell-wrap-value')!.textContent = text;
      },
      [PRODUCT_ROWS, id, cells] as const,
    );

  /** Waits until `n` more samples of the room were stored: readings after a change went by. */
  const samplesGoBy = async (n: number) => {
    const before = await sampleCount(panel);
    await expect
      .poll(() => sampleCount(panel), { timeout: 20_000, interval: 250 })
      .toBeGreaterThan(before + n);
  };

  it('stores every one of the 144 rows’ six values exactly as shown, keyed by the visible ID, each filed once', async () => {
    await expect
      .poll(async () => (await storedProducts(panel)).size, { timeout: 60_000, interval: 500 })
      .toBe(IDS.length);
    // Past the first look (the table is read over several budgeted slices), nothing more is filed.
    await samplesGoBy(2);
    const products = await storedProducts(panel);
    expect([...products.keys()].sort()).toEqual([...IDS].sort());
    for (const [id, want] of Object.entries(expected)) {
      const got = products.get(id)!;
      expect(got.metrics, id).toEqual(want.metrics);
      expect(got.name, id).toBe(want.name);
      // Stored once, whole: never a partial or a wrong value first and corrected later.
      expect(got.filed, id).toBe(1);
    }
    // A product nobody saw shows CTR "--": stored as unreadable, never as 0.
    expect(IDS.some((id) => expected[id]!.metrics.ctr === null)).toBe(true);
  });

  it('rows a virtualised table drops keep their values; a row still drawn that changes files only itself', async () => {
    const kept = IDS.slice(0, 20);
    const dropped = IDS.slice(20);
    // Scrolled: the table draws only its first 20 products.
    await room.evaluate(
      ([selector, keep]) => {
        for (const tr of document.querySelectorAll(selector))
          if (tr.textContent!.includes('ID: ') && !keep.some((id) => tr.textContent!.includes(`ID: ${id}`)))
            tr.remove();
      },
      [PRODUCT_ROWS, kept] as const,
    );
    const changed = kept[3]!;
    // Items sold and stock move together as an order lands; impressions grow.
    await setCells(changed, { 2: '40.1K', 6: '1,719', 7: '273' });
    await expect
      .poll(async () => (await storedProducts(panel)).get(changed)?.metrics.sold, { timeout: 20_000 })
      .toBe(273);
    await samplesGoBy(2);
    const products = await storedProducts(panel);
    expect(products.get(changed)).toEqual({
      name: expected[changed]!.name,
      metrics: { ...expected[changed]!.metrics, impressions: 40100, stock: 1719, sold: 273 },
      filed: 2,
    });
    for (const id of [...kept.filter((k) => k !== changed), ...dropped]) {
      expect(products.get(id)?.metrics, id).toEqual(expected[id]!.metrics);
      expect(products.get(id)?.filed, id).toBe(1);
    }
  });

  it('rows drawn again (new elements, another order) store nothing new; a redrawn row that changed files only itself', async () => {
    const changedBefore = IDS[3]!;
    const redrawnChanged = IDS[100]!;
    // The table draws all 144 again from the saved page's markup, newest first, in fresh elements.
    await room.evaluate(
      async ([selector, html]) => {
        const saved = new DOMParser().parseFromString(html, 'text/html');
        const fresh = [...saved.querySelectorAll(selector)].filter((tr) => tr.textContent!.includes('ID: '));
        const body = [...document.querySelectorAll('tbody')].find((b) => b.textContent!.includes('ID: '))!;
        for (const tr of [...body.children]) tr.remove();
        for (const tr of fresh.reverse()) body.append(document.importNode(tr, true));
      },
      [PRODUCT_ROWS, readFileSync(join(FIXTURE_DIR, FIXTURE), 'utf8')] as const,
    );
    // The saved markup shows product 3 as it was before its order: that is a change back, filed as one.
    await setCells(redrawnChanged, { 4: '$99,999.99', 5: '1,001' });
    await expect
      .poll(async () => (await storedProducts(panel)).get(redrawnChanged)?.metrics.gmv, { timeout: 20_000 })
      .toBe(99999.99);
    await expect
      .poll(async () => (await storedProducts(panel)).get(changedBefore)?.metrics.sold, { timeout: 20_000 })
      .toBe(expected[changedBefore]!.metrics.sold);
    await samplesGoBy(2);
    const products = await storedProducts(panel);
    expect(products.size).toBe(IDS.length);
    expect(products.get(redrawnChanged)).toEqual({
      name: expected[redrawnChanged]!.name,
      metrics: { ...expected[redrawnChanged]!.metrics, gmv: 99999.99, carts: 1001 },
      filed: 2,
    });
    expect(products.get(changedBefore)?.metrics).toEqual(expected[changedBefore]!.metrics);
    expect(products.get(changedBefore)?.filed).toBe(3);
    for (const id of IDS.filter((i) => i !== redrawnChanged && i !== changedBefore)) {
      expect(products.get(id)?.metrics, id).toEqual(expected[id]!.metrics);
      expect(products.get(id)?.filed, id).toBe(1);
    }
  });
});
