// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anyMatch, createProductTableReader } from '../../../../lib/room/products/productTableReader';
import { tiktokShopAdapter } from '../../../../lib/room/sites/adapters/tiktokShop';
import { createRoomReader } from '../../../../lib/room/sites/labelReader';
import { FIXTURE_DIR, loadFixture, mountFixture, steadyClock } from '../sites/loadFixture';

const expected = JSON.parse(
  readFileSync(resolve(FIXTURE_DIR, 'tiktok-live-dashboard-products.expected.json'), 'utf8'),
) as Record<string, { name: string; metrics: Record<string, number | null> }>;

/**
 * Reads until no row is left waiting (the first look at a big table goes over several budgeted reads; on a
 * busy machine a read's time budget covers fewer rows, so the count of reads is only a hang guard).
 */
function readAll(reader: ReturnType<typeof createProductTableReader>) {
  const changed = new Set<string>();
  for (let i = 0; i < 100_000; i++) {
    for (const id of reader.read()) changed.add(id);
    if (reader.pending() === 0) break;
  }
  return changed;
}

describe('the TikTok LIVE Dashboard product list', () => {
  it('reads every one of the 144 rows exactly as shown, keyed by the visible ID', () => {
    const doc = loadFixture('tiktok-live-dashboard-products.html');
    const reader = createProductTableReader(doc, tiktokShopAdapter.productTables!);
    const changed = readAll(reader);
    expect(changed.size).toBe(144);
    const rows = reader.rows();
    expect(rows.size).toBe(144);
    for (const [id, want] of Object.entries(expected)) {
      const row = rows.get(id);
      expect(row, id).toBeDefined();
      expect(row!.name).toBe(want.name);
      expect(row!.metrics).toEqual(want.metrics);
    }
    // A product nobody saw has no CTR: "--" is unreadable, never 0, and its raw text is kept.
    const unseen = Object.entries(expected).find(([, w]) => w.metrics.ctr === null)!;
    expect(rows.get(unseen[0])!.failed).toEqual([{ metric: 'ctr', raw: '--' }]);
    // The Dashboard has no pin controls: it cannot tell which product is pinned.
    expect(reader.pinnedId()).toBeUndefined();
  });

  it('never reads the Traffic source table (GMV and Impressions per channel) as products', () => {
    const doc = loadFixture('tiktok-live-dashboard-products.html');
    const reader = createProductTableReader(doc, tiktokShopAdapter.productTables!);
    readAll(reader);
    expect([...reader.rows().keys()].every((id) => /^\d{19}$/.test(id))).toBe(true);
  });

  it('leaves the room metrics as they were without the table (its GMV header is not the room GMV)', () => {
    const settled = (name: string) => {
      const reader = createRoomReader(loadFixture(name), tiktokShopAdapter, {}, { sampleNow: steadyClock() });
      let reading = reader.read({ scan: true });
      // The first look at a big page goes in slices; then a second read takes the values as settled.
      for (let i = 0; i < 50 && reading.looking; i++) reading = reader.read({ scan: true });
      return reader.read({ scan: true });
    };
    const plain = settled('tiktok-live-dashboard.html');
    expect(plain.metrics.gmv).toBe(4348.11);
    expect(settled('tiktok-live-dashboard-products.html').metrics).toEqual(plain.metrics);
  });

  it('re-reads only the row whose cell changed', async () => {
    const doc = mountFixture('tiktok-live-dashboard-products.html');
    const reader = createProductTableReader(doc, tiktokShopAdapter.productTables!);
    readAll(reader);
    const [id] = Object.keys(expected);
    const row = [...doc.querySelectorAll('tbody > tr.arco-table-tr')].find((tr) =>
      tr.textContent!.includes(`ID: ${id}`),
    )!;
    row.children[7]!.querySelector('.arco-table-cell-wrap-value')!.textContent = '1,999';
    await new Promise((r) => setTimeout(r, 0));
    expect(reader.pending()).toBe(1);
    expect([...reader.read()]).toEqual([id]);
    expect(reader.rows().get(id!)!.metrics.sold).toBe(1999);
  });

  it('still finds the table beside a stale hint whose selector is broken', () => {
    const doc = loadFixture('tiktok-live-dashboard-products.html');
    const hints = [{ containers: ['[broken'], row: 'li' }, ...tiktokShopAdapter.productTables!];
    expect(readAll(createProductTableReader(doc, hints)).size).toBe(144);
  });

  it('finds a table rendered after a first look at a page with none', () => {
    const doc = loadFixture('tiktok-live-dashboard-products.html');
    const page = doc.body.innerHTML;
    doc.body.innerHTML = '<main><p>加载中</p></main>';
    let t = 0;
    const reader = createProductTableReader(doc, tiktokShopAdapter.productTables!, { now: () => t });
    expect(readAll(reader).size).toBe(0);
    doc.body.innerHTML = page;
    t += 3000;
    expect(readAll(reader).size).toBe(144);
  });
});

describe('looking for a product list on a page with none', () => {
  it('asks for each container shape alone (an ID from the ID map), never one selector list over the page', () => {
    const doc = loadFixture('tiktok-live-dashboard.html');
    const asked: string[] = [];
    const byId: string[] = [];
    const querySelector = doc.querySelector.bind(doc);
    const getElementById = doc.getElementById.bind(doc);
    doc.querySelector = ((selector: string) => {
      asked.push(selector);
      return querySelector(selector);
    }) as typeof doc.querySelector;
    doc.getElementById = (id: string) => {
      byId.push(id);
      return getElementById(id);
    };
    const reader = createProductTableReader(doc, tiktokShopAdapter.productTables!);
    expect(reader.read().size).toBe(0);
    expect(asked).toContain('table');
    expect(asked.filter((s) => s.includes(','))).toEqual([]);
    expect(byId).toContain('product-list');
    expect(asked).not.toContain('#product-list');
  });

  it('answers whether any selector matches, skipping a bad one, under a document or an element', () => {
    const doc = new DOMParser().parseFromString(
      '<!doctype html><body><main><div id="goods"><p role="grid"></p></div></main></body>',
      'text/html',
    );
    expect(anyMatch(doc, ['[broken', '#goods'])).toBe(true);
    expect(anyMatch(doc, ['[broken', 'table', '#nowhere'])).toBe(false);
    expect(anyMatch(doc.querySelector('main')!, ['#goods'])).toBe(true);
    expect(anyMatch(doc.getElementById('goods')!, ['#goods', '[role="table"]'])).toBe(false);
    expect(anyMatch(doc.getElementById('goods')!, ['[role="table"]', '[role="grid"]'])).toBe(true);
    // Not a lone ID: asked as a selector.
    expect(anyMatch(doc, ['#goods > p'])).toBe(true);
  });
});
