import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductRowReading, ProductTableReading } from '../../lib/core/products/productContract';
import { createScenarioPlayer } from '../../lib/core/scenario/scenarioPlayer';
import { parseScenario } from '../../lib/core/scenario/scenarioSchema';
import { type Harness, startHarness } from './extensionHarness';

// The mock room's product grid (virtualised, recycled rows, 讲解 buttons) and its product_list JSON (seen by the
// main-world tap) both reach the content script: what it sends on samples is mirrored to the page in the e2e
// build (`livecue:e2e-products`), and checked against the scenario's own numbers.

const IDS = Array.from({ length: 20 }, (_, i) => `35912345678${String(i).padStart(2, '0')}`);
const scenario = {
  name: 'product-grid',
  durationSec: 40,
  seed: 7,
  startAt: '2026-11-24T12:00:00Z',
  metrics: {
    viewers: { points: [[0, 1200]] },
    gmv: {
      points: [
        [0, 0],
        [40, 5000],
      ],
    },
  },
  catalog: IDS.map((id, i) => ({
    id,
    name: `${i + 1}号 冬季好物 ${i % 3 === 0 ? '加厚羽绒服' : '保暖手套'}`,
    price: 10 + i,
    initialStock: 500 + i,
    metrics: {
      impressions: {
        points: [
          [0, 0],
          [25, 3000 + i * 100],
          [40, 3000 + i * 100],
        ],
      },
      clicks: {
        points: [
          [0, 0],
          [25, 300 + i * 10],
          [40, 300 + i * 10],
        ],
      },
      carts: {
        points: [
          [0, 0],
          [25, 40 + i],
          [40, 40 + i],
        ],
      },
      sold: {
        points: [
          [0, 0],
          [25, 20 + i],
          [40, 20 + i],
        ],
      },
      createdOrders: {
        points: [
          [0, 0],
          [25, 26 + i],
          [40, 26 + i],
        ],
      },
      unpaidOrders: {
        points: [
          [0, 0],
          [25, 6],
          [40, 6],
        ],
      },
    },
  })),
  products: [
    { at: 0, id: IDS[0] },
    { at: 20, id: IDS[2] },
  ],
  ended: false,
};

interface Sent {
  rows: Map<string, ProductRowReading>;
  /** Per id, every source any of its values ever came from. */
  sources: Map<string, Set<string>>;
  pinnedId: string | null | undefined;
  unknownShapes: string[];
}

/** Every product table the content script sent so far, folded: each id's latest row. */
async function sent(page: Page): Promise<Sent> {
  const tables = (await page.evaluate(
    () => (window as unknown as { __sent: unknown[] }).__sent,
  )) as ProductTableReading[];
  const rows = new Map<string, ProductRowReading>();
  const sources = new Map<string, Set<string>>();
  let pinnedId: string | null | undefined;
  let unknownShapes: string[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      rows.set(row.id, row);
      const seen = sources.get(row.id) ?? new Set();
      for (const source of Object.values(row.sources ?? {})) seen.add(source);
      sources.set(row.id, seen);
    }
    if ('pinnedId' in table) pinnedId = table.pinnedId;
    unknownShapes = table.health.unknownShapes ?? unknownShapes;
  }
  return { rows, sources, pinnedId, unknownShapes };
}

describe('products in the mock room', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  const open = async (jsonShape: 'douyin' | 'renamed') => {
    const page = await harness.browser.context.newPage();
    await page.addInitScript(() => {
      const sink: unknown[] = [];
      (window as unknown as { __sent: unknown[] }).__sent = sink;
      window.addEventListener('message', (event) => {
        if ((event.data as { type?: string } | null)?.type === 'livecue:e2e-products')
          sink.push(event.data.table);
      });
    });
    await page.goto(harness.room.url);
    await page.waitForFunction(() => typeof window.mockRoom?.play === 'function');
    await page.evaluate(([s, shape]) => window.mockRoom.play(s, { speed: 2, jsonShape: shape as 'douyin' }), [
      scenario,
      jsonShape,
    ] as const);
    return page;
  };

  it('reads the drawn rows from the grid and the rest from the JSON, the pin as it switches, the values exactly', async () => {
    const page = await open('douyin');
    const final = createScenarioPlayer(
      (parseScenario(scenario) as { ok: true; scenario: never }).scenario,
    ).valuesAt(40).productTable!;
    // Past the pin switch at 20 s and the numbers' last change at 25 s (speed 2: 12.5 s).
    await expect.poll(async () => (await sent(page)).pinnedId, { timeout: 30_000 }).toBe(IDS[2]);
    const drawn = await page.evaluate(() => window.mockRoom.drawnProducts());
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(IDS.length);
    await expect
      .poll(
        async () => {
          const { rows } = await sent(page);
          return IDS.every((id) => {
            const want = final.rows.find((r) => r.id === id)!.metrics;
            const got = rows.get(id)?.metrics;
            return got?.sold === want.sold && got?.clicks === want.clicks && got?.stock === want.stock;
          });
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const { rows, sources } = await sent(page);
    // A row on screen: read from the grid while it moved faster than the JSON polls (the JSON, exact and
    // newer, once the numbers rest); a row never drawn: every value from the JSON.
    const shown = rows.get(drawn[0]!)!;
    expect(sources.get(drawn[0]!)).toContain('dom');
    const hiddenId = IDS.find((id) => !drawn.includes(id))!;
    const hidden = rows.get(hiddenId)!;
    expect(sources.get(hiddenId)).toEqual(new Set(['json']));
    // What only the JSON has (orders created, not paid) rides along for every product.
    expect(hidden.metrics.unpaidOrders).toBe(6);
    expect(shown.metrics.unpaidOrders).toBe(6);

    // Scrolling recycles the row elements: the rows drawn now are read by the ids they show.
    await page.evaluate(() => window.mockRoom.scrollProducts(12));
    const after = await page.evaluate(() => window.mockRoom.drawnProducts());
    expect(after).not.toEqual(drawn);
    // The operator explains another product: its button reads 取消讲解 and the pin follows.
    await page.locator(`.gridRow-z8x9c[data-product-id="${IDS[13]}"] button`).click();
    await expect.poll(async () => (await sent(page)).pinnedId, { timeout: 60_000 }).toBe(IDS[13]);
    await page.close();
  });

  it('with a JSON shape it does not know, says so in health and reads everything on screen from the grid', async () => {
    const page = await open('renamed');
    await expect
      .poll(async () => (await sent(page)).unknownShapes, { timeout: 30_000 })
      .toEqual(['/mock-room/api/live_screen/product_list']);
    const drawn = await page.evaluate(() => window.mockRoom.drawnProducts());
    await expect
      .poll(async () => (await sent(page)).rows.get(drawn[0]!)?.metrics.sold, { timeout: 30_000 })
      .toBe(20);
    const { rows } = await sent(page);
    for (const row of rows.values())
      expect(new Set(Object.values(row.sources ?? {}))).toEqual(new Set(['dom']));
    await page.close();
  });
});
