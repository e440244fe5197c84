// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createPageJsonFeed } from '../../../../lib/room/products/pageJsonFeed';
import { JSON_FRESH_MS } from '../../../../lib/room/products/productReconcile';
import { startProductWatch } from '../../../../lib/room/products/productWatch';
import { tiktokShopAdapter } from '../../../../lib/room/sites/adapters/tiktokShop';
import { mountFixture } from '../sites/loadFixture';

const tick = () => new Promise((r) => setTimeout(r, 0));
const GLOVES = '1729384756102938476';
const listResponse = (clicks: number) => ({
  path: '/api/v1/streamer_desktop/live_product/list?room_id=7&aid=253642',
  text: JSON.stringify({
    code: 0,
    data: { products: [{ product_id: GLOVES, stats: { click_cnt: clicks, impression_cnt: 40210 } }] },
  }),
});

function setup() {
  const doc = mountFixture('tiktok-live-manager-products.html');
  let t = 0;
  const now = () => t;
  const json = createPageJsonFeed(now);
  // A budget the clock never passes: the test's clock only moves when the test says.
  const watch = startProductWatch(doc, tiktokShopAdapter, { json, now });
  return { doc, json, watch, advance: (ms: number) => (t += ms) };
}

describe('the product list riding on samples', () => {
  it('sends every row first, then only the rows whose values changed', async () => {
    const { doc, watch } = setup();
    const first = watch.take()!;
    expect(first.rows.map((r) => r.id)).toEqual(['1729384756102938475', GLOVES, '1729384756102938477']);
    expect(first.pinnedId).toBe(GLOVES);
    expect(first.health).toMatchObject({ rowsKnown: 3, domValues: 12, jsonValues: 0 });
    expect(first.health.failed).toEqual([{ id: '1729384756102938477', metric: 'sold', raw: '--' }]);
    expect(watch.take()).toBeUndefined();
    doc.querySelector(`[data-product-id="${GLOVES}"] .productStock-Cx9Vb`)!.textContent = 'Stock: 11';
    await tick();
    const next = watch.take()!;
    expect(next.rows).toEqual([
      expect.objectContaining({ id: GLOVES, metrics: { clicks: 1200, carts: 164, sold: 58, stock: 11 } }),
    ]);
  });

  it('takes each value from the page JSON while it is fresh, the table otherwise, and says which', () => {
    const { json, watch, advance } = setup();
    watch.take();
    json.accept(listResponse(1234));
    const withJson = watch.take()!;
    expect(withJson.rows).toHaveLength(1);
    expect(withJson.rows[0]!.metrics).toEqual({
      impressions: 40210,
      clicks: 1234,
      carts: 164,
      sold: 58,
      stock: 12,
    });
    expect(withJson.rows[0]!.sources).toEqual({
      impressions: 'json',
      clicks: 'json',
      carts: 'dom',
      sold: 'dom',
      stock: 'dom',
    });
    expect(withJson.health).toMatchObject({ domValues: 3, jsonValues: 2 });
    // The page stopped polling: the table's clicks take over again; impressions only JSON ever had stay.
    advance(JSON_FRESH_MS + 1);
    const stale = watch.take()!;
    expect(stale.rows[0]!.metrics).toMatchObject({ clicks: 1200, impressions: 40210 });
    expect(stale.rows[0]!.sources).toMatchObject({ clicks: 'dom', impressions: 'json' });
  });

  it('sends every known row again after a reconnect, and an unknown JSON shape in health only', () => {
    const { json, watch } = setup();
    watch.take();
    expect(watch.take()).toBeUndefined();
    expect(watch.take({ all: true })!.rows).toHaveLength(3);
    json.accept({
      path: '/api/v1/streamer_desktop/live_product/list',
      text: '{"code":0,"data":{"x":[{"y":1}]}}',
    });
    const reading = watch.take()!;
    expect(reading.rows).toEqual([]);
    expect(reading.health.unknownShapes).toEqual(['/api/v1/streamer_desktop/live_product/list']);
  });

  it('sends nothing from a page without a product list', () => {
    document.body.innerHTML = '<div class="tile"><span>Viewers</span><span>1,204</span></div>';
    expect(startProductWatch(document, tiktokShopAdapter).take({ all: true })).toBeUndefined();
  });
});
