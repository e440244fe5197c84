import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductPackRow } from '../../lib/store/productBlocks';
import type { ProductPinRow, ProductSnapshotRow } from '../../lib/store/productRows';
import { PROJECT_ROOT } from '../../scripts/node/mockRoomServer';
import {
  type Harness,
  loadScenario,
  readStoredCues,
  readStoredTables,
  SCREENSHOT_DIR,
  sendCommandFrom,
  startHarness,
} from './extensionHarness';

// Products end to end in the built extension: the mock room's virtualised product grid and its
// product_list JSON, thirty products with pin switches and a stock run-down. The side panel ranks them
// live, the stock-low cue names its product (streamer mode shows that product alone), Done and Later act
// on it, every product is stored by id, and the review page shows the per-product table.

/** The product tables of the extension's database, read through an extension page. */
async function readProductTables(
  page: Page,
): Promise<{ snapshots: ProductSnapshotRow[]; pins: ProductPinRow[]; packs: ProductPackRow[] }> {
  return page.evaluate(`(async () => {
    const open = indexedDB.open('livecue');
    const db = await new Promise((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (name) => new Promise((resolve, reject) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tables = {
      snapshots: await all('productSnapshots'),
      pins: await all('productPins'),
      packs: await all('productPacks'),
    };
    db.close();
    return tables;
  })()`);
}

describe('products: what to put up next', () => {
  let harness: Harness;
  let panel: Page;
  let room: Page;
  const scenario = { ...loadScenario('products-stock-low'), durationSec: 1800, ended: false };
  const catalog = (scenario as unknown as { catalog: { id: string }[] }).catalog.map((p) => p.id);

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    harness = await startHarness();
    panel = await harness.openPanel();
    await panel.setViewportSize({ width: 420, height: 1400 });
    expect(
      (await sendCommandFrom(panel, { type: 'settings.update', patch: { locale: 'en', mode: 'operator' } }))
        .ok,
    ).toBe(true);
    // From the coat's turn on (it goes up at 20:00), slow enough that a busy machine's seconds between two
    // steps of a test are few of the scenario's: the stock-low cue lives 180 scenario seconds, and the test
    // acts on it after reading the stored tables. The opening plays at 30× (the ranking and the pin switches
    // read the same), from 7:00, as a room opened that far into its live: the product put up at 5:00 is on
    // screen for six more wall seconds (time for the first reading on a loaded machine), and three pins follow
    // by 20:00 (its first 420 s were fourteen more wall seconds of the same).
    room = await harness.openRoom(scenario, {
      speed: 30,
      speedChanges: [{ atSec: 1150, speed: 10 }],
      fromSec: 420,
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  const onScreen = () => panel.locator('[data-testid="product-on-screen"] [data-product-id]');

  it('ranks the products live with their funnels and follows the pin as it switches', async () => {
    await panel
      .locator('[data-testid="product-next"] [data-product-id]')
      .first()
      .waitFor({ timeout: 60_000 });
    const pinned = new Set<string>();
    await expect
      .poll(
        async () => {
          const id = (await onScreen().count()) ? await onScreen().getAttribute('data-product-id') : null;
          if (id) pinned.add(id);
          return pinned.size;
        },
        { timeout: 120_000, interval: 250 },
      )
      .toBeGreaterThanOrEqual(3);
    for (const id of pinned) expect(catalog).toContain(id);

    const ranked = '[data-testid="product-ranking"] [data-rank]:not([data-pinned])';
    const next = panel.locator(ranked);
    // One look at the list in one page task: a locator's evaluateAll finds the rows, then reads them in a second
    // call, and the panel re-ranking in between (every sample) mixes rows of two renders.
    const ranks = await panel.evaluate(
      (selector) =>
        [...document.querySelectorAll(selector)].map((row) => Number(row.getAttribute('data-rank'))),
      ranked,
    );
    expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    // Thirty products: the product on screen and twenty-nine ranked, each with a four-step funnel and a reason.
    expect(ranks.length + 1).toBe(catalog.length);
    // The worker ranks its engine's own book and pushes the list with each stored sample: a panel opened late
    // in a long evening shows it without folding every stored product row (panelStore.ts).
    // A port of its own, as a panel opening now: the list comes on connect, and again with each sample.
    const pushed = (await panel.evaluate(`new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'livecue-panel' });
      const none = setTimeout(() => resolve({ pinned: 0, next: 0 }), 20000);
      port.onMessage.addListener((message) => {
        if (message.type !== 'products' || !message.ranking) return;
        clearTimeout(none);
        port.disconnect();
        resolve({ pinned: message.ranking.pinned ? 1 : 0, next: message.ranking.next.length });
      });
    })`)) as { pinned: number; next: number };
    expect(pushed.pinned + pushed.next).toBe(catalog.length);
    const first = next.first();
    expect(await first.locator('[data-step]').count()).toBe(4);
    expect((await first.locator('[data-testid="product-reason"]').textContent())?.length).toBeGreaterThan(3);
    await panel
      .locator('[data-testid="product-ranking"]')
      .screenshot({ path: join(SCREENSHOT_DIR, 'panel-products.png') });
  }, 180_000);

  it("cues the pinned product's stock run-down by name; streamer mode shows that product; Done and Later work", async () => {
    const stockCue = panel.locator('[data-rule-id="stock-low"][data-cue-id]');
    await stockCue.first().waitFor({ timeout: 180_000 });

    // The operator hands the screen over at once: the cue lives 180 scenario seconds, 18 wall seconds at
    // this speed, and reading the database first took most of them on a loaded machine (the cue expired
    // before streamer mode showed it). What the screen showed is checked against the database afterwards.
    // Streamer mode: the cue to act on and the one product it names, nothing else of the list.
    await panel.locator('[data-testid="mode-toggle"]').click();
    const current = panel.locator('[data-testid="current-cue"]');
    await expect.poll(() => current.getAttribute('data-rule-id'), { timeout: 30_000 }).toBe('stock-low');
    const cueId = (await current.getAttribute('data-cue-id'))!;
    const cueProduct = panel.locator('[data-testid="cue-product"]');
    await expect.poll(() => cueProduct.getAttribute('data-product-id')).toBeTruthy();
    const shownProduct = await cueProduct.getAttribute('data-product-id');
    expect(await panel.locator('[data-testid="product-ranking"]').count()).toBe(0);

    // Later on the cue on screen: it leaves the screen, then comes back; Done on it the moment it is back as
    // the cue to act on (the panel shows only an active cue there), as a person does.
    const onScreen = panel.locator(`[data-testid="current-cue"][data-cue-id="${cueId}"]`);
    await onScreen.locator('[data-testid="cue-snooze"]').click();
    await onScreen.waitFor({ state: 'detached', timeout: 30_000 });
    await onScreen.locator('[data-testid="cue-done"]').click({ timeout: 60_000 });
    const statusOf = async (id: string) => (await readStoredCues(panel)).find((c) => c.id === id)?.status;
    await expect.poll(() => statusOf(cueId)).toBe('done');
    await panel.screenshot({ path: join(SCREENSHOT_DIR, 'panel-streamer-product.png') });
    await panel.locator('[data-testid="mode-toggle"]').click();
    await panel.locator('[data-testid="product-ranking"]').waitFor();

    // As stored: Later then Done on that cue, in that order; it names a product of the catalog, the one
    // the streamer saw.
    const { actions } = await readStoredTables(panel);
    expect(
      actions
        .filter((a) => a.type === 'cue' && a.cueId === cueId)
        .map((a) => (a as { action: string }).action),
    ).toEqual(['snooze', 'done']);
    const cues = await readStoredCues(panel);
    const stored = cues.find((c) => c.id === cueId)!;
    expect(stored.ruleId).toBe('stock-low');
    const productId = String(stored.params.productId);
    expect(catalog).toContain(productId);
    expect(shownProduct).toBe(productId);
    // The first stock-low cue named a product of the catalog too.
    expect(catalog).toContain(String(cues.find((c) => c.ruleId === 'stock-low')!.params.productId));

    // The run-down as stored: that product's stock, by id, only when it changed, falling.
    const { snapshots } = await readProductTables(panel);
    const stock = snapshots
      .filter((row) => row.productId === productId && typeof row.metrics.stock === 'number')
      .sort((a, b) => a.ts - b.ts)
      .map((row) => row.metrics.stock as number);
    expect(stock.length).toBeGreaterThan(3);
    expect(stock.at(-1)!).toBeLessThan(stock[0]!);
    for (let i = 1; i < stock.length; i++) expect(stock[i]).not.toBe(stock[i - 1]);
  }, 300_000);

  it('stores every product by its id and the pin switches, and the review page shows the product table', async () => {
    // Everything this test checks is stored by the time the stock-low cue (from 21:40) was acted on: every
    // product rode on the first readings, and the fourth pin went up at 20:00 (the room opened at 7:00 on
    // the one put up at 5:00). The rest of the play (about six
    // scenario minutes at 10×, a sample each) changes none of it, so the room stops here instead.
    const { sessions } = await readStoredTables(panel);
    const session = sessions.sort((a, b) => b.startedAt - a.startedAt)[0]!;
    const review = await harness.browser.context.newPage();
    const reviewWarnings: string[] = [];
    review.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') reviewWarnings.push(message.text());
    });
    await review.setViewportSize({ width: 1200, height: 1400 });
    await review.goto(harness.browser.extensionUrl(`review.html?session=${encodeURIComponent(session.id)}`));
    // The review of a running show follows it: its length grows as the show stores samples, and its chart
    // is redrawn in place, on the canvas it has, at each refresh.
    const length = review.locator('[data-figure="durationMs"]');
    const canvas = await review.locator('[data-testid="review-chart"] canvas').first().elementHandle();
    const drawing = () => canvas!.evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const firstDrawing = await drawing();
    const first = await length.textContent();
    await expect.poll(() => length.textContent(), { timeout: 20_000 }).not.toBe(first);
    expect(await canvas!.evaluate((c) => c.isConnected)).toBe(true);
    await expect.poll(drawing, { timeout: 10_000 }).not.toBe(firstDrawing);

    await room.evaluate(() => window.mockRoom.stop());
    expect(await room.evaluate(() => window.mockRoom.state().sec)).toBeGreaterThanOrEqual(1200);
    const { snapshots, pins } = await readProductTables(panel);
    expect(new Set(snapshots.map((row) => row.productId))).toEqual(new Set(catalog));
    expect(pins.filter((pin) => pin.productId !== null).length).toBeGreaterThanOrEqual(4);
    const rows = review.locator('[data-testid="review-products"] tr[data-product-id]');
    await rows.first().waitFor({ timeout: 20_000 });
    expect(await rows.count()).toBe(catalog.length);
    // The table was computed off the page's thread (which the side panel shares), by the review's worker.
    expect(review.workers().map((worker) => worker.url())).toEqual([
      expect.stringMatching(/\/assets\/productReviewWorker-[\w-]+\.js$/),
    ]);
    expect(reviewWarnings).toEqual([]);
    // The products put up first in the table, each with its time on screen.
    const explained = await rows.evaluateAll((trs) =>
      trs.map((tr) => Number(tr.getAttribute('data-explained-sec'))),
    );
    expect(explained.filter((sec) => sec > 0).length).toBeGreaterThanOrEqual(4);
    await review
      .locator('[data-testid="review-products"]')
      .screenshot({ path: join(SCREENSHOT_DIR, 'review-products.png') });

    // Packed into blocks (as the worker's alarm packs a long evening), the session reads back the same: the
    // review shows every product again, each on screen at least as long as before (the show goes on).
    const explainedBy = (): Promise<Record<string, number>> =>
      rows.evaluateAll((trs) =>
        Object.fromEntries(
          trs.map((tr) => [
            tr.getAttribute('data-product-id'),
            Number(tr.getAttribute('data-explained-sec')),
          ]),
        ),
      );
    const before = await explainedBy();
    await (await harness.browser.serviceWorker()).evaluate(() => globalThis.livecuePackProductsNow!());
    const [pack] = (await readProductTables(panel)).packs.filter((row) => row.sessionId === session.id);
    expect(pack!.rows).toBeGreaterThanOrEqual(snapshots.length);
    expect(pack!.blocks).toBeGreaterThan(0);
    await review.reload();
    await rows.first().waitFor({ timeout: 20_000 });
    const after = await explainedBy();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [id, sec] of Object.entries(before)) expect(after[id], id).toBeGreaterThanOrEqual(sec);
    expect(reviewWarnings).toEqual([]);
  }, 240_000);

  afterAll(() => {
    // The README's picture of the ranked list is refreshed on request only, so a test run leaves the tree clean.
    if (!process.env.LIVECUE_UPDATE_README_SCREENSHOTS) return;
    try {
      copyFileSync(
        join(SCREENSHOT_DIR, 'panel-products.png'),
        join(PROJECT_ROOT, 'test/screenshots/side-panel-products.png'),
      );
    } catch {
      // The first test failed before its screenshot: nothing to copy.
    }
  });
});
