// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createProductTableReader } from '../../../../lib/room/products/productTableReader';
import { douyinBuyinAdapter } from '../../../../lib/room/sites/adapters/douyinBuyin';
import { douyinCompassAdapter } from '../../../../lib/room/sites/adapters/douyinCompass';
import { kuaishouAdapter } from '../../../../lib/room/sites/adapters/kuaishou';
import { taobaoAdapter } from '../../../../lib/room/sites/adapters/taobao';
import { tiktokShopAdapter } from '../../../../lib/room/sites/adapters/tiktokShop';
import type { SiteAdapter } from '../../../../lib/room/sites/siteAdapter';
import { loadFixture, mountFixture } from '../sites/loadFixture';

const readerFor = (adapter: SiteAdapter, root: ParentNode) => {
  const reader = createProductTableReader(root, adapter.productTables ?? []);
  reader.read(ALL);
  return reader;
};
/** Read every changed row at once (the reader's budget paces a real page, not a test). */
const ALL = Number.POSITIVE_INFINITY;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('product lists on each dashboard', () => {
  it('TikTok LIVE Manager: "Clicks 87 | Added to cart 8 | Items sold 0", stock, and the Unpin button', () => {
    const reader = readerFor(tiktokShopAdapter, loadFixture('tiktok-live-manager-products.html'));
    expect(Object.fromEntries(reader.rows())).toEqual({
      '1729384756102938475': {
        name: 'Cashmere Scarf, Unisex & Extra Long',
        price: 19.99,
        metrics: { clicks: 87, carts: 8, sold: 0, stock: 1204 },
        failed: [],
        at: expect.any(Number),
      },
      '1729384756102938476': {
        name: 'Fleece-Lined Touchscreen Gloves (Black, One Size)',
        price: 12.5,
        metrics: { clicks: 1200, carts: 164, sold: 58, stock: 12 },
        failed: [],
        at: expect.any(Number),
      },
      '1729384756102938477': {
        name: 'Wool Socks "Cabin" 3 Pairs',
        price: 9,
        metrics: { clicks: 0, carts: 0, sold: null, stock: 0 },
        failed: [{ metric: 'sold', raw: '--' }],
        at: expect.any(Number),
      },
    });
    expect(reader.pinnedId()).toBe('1729384756102938476');
  });

  it('Douyin 罗盘 大屏 商品 tab: columns by title in this build’s own order, 讲解中 marks the explained one', () => {
    const reader = readerFor(douyinCompassAdapter, loadFixture('douyin-compass-products.html'));
    const rows = reader.rows();
    expect([...rows.keys()]).toEqual(['3591234567890', '3591234567891', '3591234567892']);
    expect(rows.get('3591234567890')).toEqual({
      name: '冬季加厚羽绒服 男女同款 <限时>',
      metrics: {
        gmv: 12000,
        sold: 40,
        impressions: 15200,
        clicks: 1203,
        ctr: 0.079,
        conversionRate: 0.033,
        stock: 320,
        explainCount: 2,
      },
      failed: [],
      at: expect.any(Number),
    });
    expect(rows.get('3591234567891')!.name).toBe('加绒连帽卫衣');
    expect(rows.get('3591234567892')!.metrics.conversionRate).toBeNull();
    expect(reader.pinnedId()).toBe('3591234567891');
  });

  it('Kuaishou: a react-virtuoso list read by 商品ID; recycled rows file under their new product, scrolled-out ones keep theirs', async () => {
    const doc = mountFixture('kuaishou-goods-virtuoso.html');
    const reader = readerFor(kuaishouAdapter, doc);
    expect(reader.rows().get('2233445566702')!.metrics).toEqual({
      clicks: 4410,
      sold: 310,
      gmv: 18600,
      stock: 88,
    });
    expect(reader.pinnedId()).toBe('2233445566702');
    // Scrolling down: virtuoso reuses the first row element for product 14 (data-index 13).
    const first = doc.querySelector('[data-index="10"]')!;
    first.setAttribute('data-index', '13');
    first.querySelector('.goods-name--U8i9o')!.textContent = '14号 羊毛袜三双装';
    first.querySelector('.goods-id--Zq1Wx')!.textContent = '商品ID 2233445566704';
    first.querySelector('.goods-data--Ka2Sd')!.innerHTML =
      '<span>点击人数 77</span><span>成交件数 5</span><span>成交金额 ¥149.5</span><span>库存 56</span>';
    await tick();
    expect([...reader.read(ALL)]).toEqual(['2233445566704']);
    expect(reader.rows().get('2233445566704')!.metrics).toEqual({
      clicks: 77,
      sold: 5,
      gmv: 149.5,
      stock: 56,
    });
    expect(reader.rows().get('2233445566701')!.metrics.clicks).toBe(1203);
    expect(reader.rows().size).toBe(4);
    // The explained product's button switches back: none is explained now.
    doc.querySelector('[data-index="11"] button span')!.textContent = '开始讲解';
    await tick();
    reader.read(ALL);
    expect(reader.pinnedId()).toBeNull();
  });

  it('Douyin 百应 中控台: goods items keyed by data-rbd-draggable-id, 取消讲解 marks the explained one', () => {
    const reader = readerFor(douyinBuyinAdapter, loadFixture('douyin-buyin-control.html'));
    expect(reader.rows().get('3591234567891')).toMatchObject({
      name: '加绒连帽卫衣',
      price: 129,
      metrics: { gmv: 34000 },
    });
    expect(reader.rows().get('3591234567892')!.metrics.gmv).toBe(5120);
    expect(reader.pinnedId()).toBe('3591234567891');
  });

  it('Taobao 中控台: goods without numbers still give the list and the explained product', () => {
    const reader = readerFor(taobaoAdapter, loadFixture('taobao-live-control.html'));
    expect(reader.rows().size).toBe(3);
    expect(reader.pinnedId()).toBe('name:羊毛混纺大衣');
  });
});
