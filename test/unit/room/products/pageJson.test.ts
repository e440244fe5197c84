import { describe, expect, it } from 'vitest';
import { createPageJsonFeed } from '../../../../lib/room/products/pageJsonFeed';
import { pageJsonPathOf } from '../../../../lib/room/products/pageJsonPaths';
import { parsePageJson } from '../../../../lib/room/products/pageJsonShapes';

const douyinList = {
  st: 0,
  msg: '',
  data: {
    product_list: [
      {
        product_id: '3591234567890',
        title: '冬季加厚羽绒服',
        price: 29900,
        stock_num: 300,
        campaign_stock_num: 20,
        explain_cnt: 2,
        is_explaining: false,
        product_show_ucnt: 15234,
        product_click_ucnt: 1203,
        product_show_click_ucnt_ratio: 0.079,
        product_click_pay_ucnt_ratio: 0.033,
        pay_amt: 1234567,
        pay_combo_cnt: 40,
        create_order_cnt: 46,
        unpaid_order_cnt: 6,
      },
      {
        product_id: '3591234567891',
        title: '加绒连帽卫衣',
        price: { value: 12900 },
        stock_num: '8',
        is_explaining: true,
        product_show_ucnt: { value: 88700 },
        pay_amt: '3400000',
        pay_combo_cnt: 263,
      },
    ],
  },
};

describe('the page JSON shapes', () => {
  it('Douyin product_list: every metric by its field, money in fen, stock with campaign stock, the explained one', () => {
    const result = parsePageJson('douyin-products', JSON.stringify(douyinList));
    expect(result).toEqual({
      ok: true,
      pinnedId: '3591234567891',
      rows: [
        {
          id: '3591234567890',
          name: '冬季加厚羽绒服',
          price: 299,
          metrics: {
            impressions: 15234,
            clicks: 1203,
            ctr: 0.079,
            sold: 40,
            gmv: 12345.67,
            stock: 320,
            conversionRate: 0.033,
            createdOrders: 46,
            unpaidOrders: 6,
            explainCount: 2,
          },
        },
        {
          id: '3591234567891',
          name: '加绒连帽卫衣',
          price: 129,
          metrics: { impressions: 88700, sold: 263, gmv: 34000, stock: 8 },
        },
      ],
    });
  });

  it('TikTok live_product/list: nested stats, money as shown text, no explain flag (pin comes from pin/get)', () => {
    const body = {
      code: 0,
      message: 'success',
      data: {
        products: [
          {
            product_id: '1729384756102938476',
            title: 'Fleece-Lined Gloves',
            price: { sale_price: '12.50', format_price: '$12.50' },
            stock: 12,
            stats: { click_cnt: 1200, add_to_cart_cnt: 164, sold_cnt: 58, gmv: '$725.00', ctr: '3.2%' },
          },
        ],
      },
    };
    const result = parsePageJson('tiktok-products', JSON.stringify(body));
    expect(result).toEqual({
      ok: true,
      rows: [
        {
          id: '1729384756102938476',
          name: 'Fleece-Lined Gloves',
          price: 12.5,
          metrics: { clicks: 1200, carts: 164, sold: 58, gmv: 725, stock: 12, ctr: 0.032 },
        },
      ],
    });
    expect(
      parsePageJson('tiktok-pin', JSON.stringify({ code: 0, data: { product_id: '1729384756102938476' } })),
    ).toEqual({ ok: true, rows: [], pinnedId: '1729384756102938476' });
    expect(parsePageJson('tiktok-pin', JSON.stringify({ code: 0, data: null }))).toEqual({
      ok: true,
      rows: [],
      pinnedId: null,
    });
  });

  it('fails closed: renamed fields, a lost 19-digit id, an error body, not JSON', () => {
    const renamed = { st: 0, data: { product_list: [{ product_id: '1', exposure_people: 5, hits: 2 }] } };
    expect(parsePageJson('douyin-products', JSON.stringify(renamed))).toEqual({
      ok: false,
      reason: 'unknown-shape',
    });
    expect(parsePageJson('douyin-products', JSON.stringify({ st: 0, data: { cards: [{ a: 1 }] } }))).toEqual({
      ok: false,
      reason: 'unknown-shape',
    });
    // JSON.parse has already rounded a bare 19-digit number: such a row is never keyed by it.
    const lostId = '{"st":0,"data":{"product_list":[{"product_id":3591234567890123456,"pay_amt":100}]}}';
    expect(parsePageJson('douyin-products', lostId)).toEqual({ ok: false, reason: 'unknown-shape' });
    expect(parsePageJson('douyin-products', JSON.stringify({ st: 621000601, msg: 'no auth' }))).toEqual({
      ok: false,
      reason: 'error-response',
    });
    expect(parsePageJson('douyin-products', '<html>')).toEqual({ ok: false, reason: 'not-json' });
    // No products yet is a shape we know.
    expect(parsePageJson('douyin-products', JSON.stringify({ st: 0, data: { product_list: [] } }))).toEqual({
      ok: true,
      rows: [],
    });
  });

  it('a value that is no number, negative or a ratio above 1 is unreadable (null), never 0', () => {
    const body = {
      st: 0,
      data: {
        product_list: [
          {
            product_id: '7',
            pay_combo_cnt: 'abc',
            stock_num: -3,
            product_show_click_ucnt_ratio: 7.9,
            product_click_ucnt: 5,
          },
        ],
      },
    };
    const result = parsePageJson('douyin-products', JSON.stringify(body));
    expect(result.ok && result.rows[0]!.metrics).toEqual({ sold: null, stock: null, ctr: null, clicks: 5 });
  });
});

describe('the page JSON feed (what the isolated world accepts from the tap)', () => {
  it('takes only watched paths, parses by the path (never by what the message says), and keeps unknown shapes for health', () => {
    let t = 1000;
    const feed = createPageJsonFeed(() => t);
    const path = '/compass_api/author/live/live_screen/product_list?room_id=7';
    expect(feed.accept({ path, text: JSON.stringify(douyinList) })).toBe(true);
    expect([...feed.takeChanged()]).toEqual(['3591234567890', '3591234567891']);
    expect(feed.rows().get('3591234567890')!.row.metrics.gmv).toBe(12345.67);
    expect(feed.pinned()).toEqual({ id: '3591234567891', at: 1000 });
    // The same response again changes nothing.
    t = 2000;
    expect(feed.accept({ path, text: JSON.stringify(douyinList) })).toBe(false);
    expect(feed.takeChanged().size).toBe(0);
    // Not a watched path, not a message at all, a kind the page made up: dropped.
    expect(feed.accept({ path: '/api/other', text: JSON.stringify(douyinList) })).toBe(false);
    expect(feed.accept('hello')).toBe(false);
    expect(feed.accept({ path, text: 42, kind: 'tiktok-pin' })).toBe(false);
    expect(feed.accept({ path, text: JSON.stringify({ st: 0, data: { weird: [{ x: 1 }] } }) })).toBe(true);
    expect(feed.unknownShapes()).toEqual(['/compass_api/author/live/live_screen/product_list']);
  });

  it('knows the dashboards’ paths and nothing else', () => {
    expect(pageJsonPathOf('/compass_api/author/live/live_screen/product_list')?.kind).toBe('douyin-products');
    expect(pageJsonPathOf('/mock-room/api/live_screen/product_list')?.kind).toBe('douyin-products');
    expect(pageJsonPathOf('/api/v1/streamer_desktop/live_product/list')?.kind).toBe('tiktok-products');
    expect(pageJsonPathOf('/api/v1/streamer_desktop/pin/get')?.kind).toBe('tiktok-pin');
    expect(pageJsonPathOf('/compass_api/author/live/live_screen/product_list_extra')).toBeUndefined();
    expect(pageJsonPathOf('/api/comments')).toBeUndefined();
  });
});
