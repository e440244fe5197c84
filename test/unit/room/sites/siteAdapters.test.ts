// @vitest-environment happy-dom
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { douyinBuyinAdapter } from '../../../../lib/room/sites/adapters/douyinBuyin';
import { douyinCompassAdapter, douyinEosAdapter } from '../../../../lib/room/sites/adapters/douyinCompass';
import { genericAdapter } from '../../../../lib/room/sites/adapters/generic';
import { kuaishouAdapter } from '../../../../lib/room/sites/adapters/kuaishou';
import { ADAPTER_RECORDS } from '../../../../lib/room/sites/adapters/selectorRegistry';
import { taobaoAdapter } from '../../../../lib/room/sites/adapters/taobao';
import { tiktokShopAdapter } from '../../../../lib/room/sites/adapters/tiktokShop';
import type { SiteAdapter } from '../../../../lib/room/sites/siteAdapter';
import { adapterForUrl, SITE_ADAPTERS } from '../../../../lib/room/sites/siteRegistry';
import { FIXTURE_DIR, loadFixture, settledReading } from './loadFixture';

const read = (adapter: SiteAdapter, fixture: string) => settledReading(loadFixture(fixture), adapter);

describe('each adapter reads its fixture pages', () => {
  it('Kuaishou live helper: every tile, the product being explained (结束讲解), no goods text', () => {
    const reading = read(kuaishouAdapter, 'kuaishou-helper.html');
    expect(reading.metrics).toEqual({
      viewers: 1927,
      entries: 36000,
      avgWatchSec: 83,
      newFollowers: 856,
      gmv: 123500,
      orders: 1024,
      productClicks: 5678,
      conversionRate: 0.032,
    });
    expect(reading.product).toEqual({ name: '2号 加厚保暖手套', price: 59.9 });
    expect(reading.ended).toBe(false);
  });

  it('Kuaishou big screen: labels under numbers with units in brackets, (%) on a bare number', () => {
    const reading = read(kuaishouAdapter, 'kuaishou-screen.html');
    expect(reading.metrics).toEqual({
      gmv: 23500,
      viewers: 1102,
      entries: 87000,
      avgWatchSec: 135,
      conversionRate: 0.048,
      orders: null,
    });
    expect(reading.health.failed).toEqual([{ metric: 'orders', raw: '--', reason: 'dash' }]);
    expect(reading.product).toBeNull();
  });

  it('Kuaishou: the 直播结束 modal ends the live; a hidden template or a comment does not', () => {
    expect(read(kuaishouAdapter, 'kuaishou-ended.html').ended).toBe(true);
    const quiet = read(kuaishouAdapter, 'kuaishou-helper-quiet.html');
    expect(quiet.ended).toBe(false);
    expect(quiet.metrics).toEqual({ viewers: 312 });
  });

  it('Douyin Buyin: tiles, the 取消讲解 product with its id, nothing from goods rows or comments', () => {
    const reading = read(douyinBuyinAdapter, 'douyin-buyin-control.html');
    expect(reading.metrics).toEqual({
      viewers: 2318,
      entries: 45600,
      gmv: 89300,
      orders: 1206,
      buyers: 1115,
      newFollowers: 603,
      likes: 126000,
      comments: 3420,
    });
    expect(reading.product).toEqual({ id: '3591234567891', name: '加绒连帽卫衣', price: 129 });
    expect(read(douyinBuyinAdapter, 'douyin-buyin-ended.html').ended).toBe(true);
  });

  it('Douyin Compass screen: the longer, cumulative label wins over the five-minute panel', () => {
    const reading = read(douyinCompassAdapter, 'douyin-compass-screen.html');
    expect(reading.metrics).toEqual({
      gmv: 1234500,
      avgWatchSec: 65,
      entries: 120400,
      buyers: 8812,
      orders: 9530,
      conversionRate: 0.186,
      newFollowers: 2316,
      viewers: 3456,
    });
  });

  it('Douyin eos screen: 元 suffixes and label-then-number list items', () => {
    expect(read(douyinEosAdapter, 'douyin-eos-screen.html').metrics).toEqual({
      gmv: 7530.73,
      viewers: 659,
      avgWatchSec: 58,
      orders: 128,
      buyers: 117,
      conversionRate: 0.031,
      views: 659571,
    });
  });

  it('TikTok Shop LIVE Manager: English cards, K / M, the Unpin product; the metric picker is ignored', () => {
    const reading = read(tiktokShopAdapter, 'tiktok-live-manager.html');
    expect(reading.metrics).toEqual({
      gmv: 4087.01,
      orders: 1203,
      viewers: 2300,
      productClicks: 4640,
      avgWatchSec: 83,
      conversionRate: 0.048,
      newFollowers: 312,
      likes: 1200000,
      comments: null,
    });
    expect(reading.product).toEqual({ id: '1729384756102938476', name: 'Fleece-lined gloves', price: 12.5 });
  });

  it('Taobao live control: short labels in a table, per-mille, the 取消讲解 product', () => {
    const reading = read(taobaoAdapter, 'taobao-live-control.html');
    expect(reading.metrics).toEqual({
      gmv: 12345.6,
      viewers: 1234,
      entries: 23000,
      productClicks: 3456,
      conversionRate: 0.0125,
      avgWatchSec: 45,
    });
    expect(reading.product).toEqual({ name: '羊毛混纺大衣', price: 459 });
  });

  it('the generic reader alone reads the site pages the same way (adapters only narrow the search)', () => {
    for (const [adapter, fixture] of [
      [kuaishouAdapter, 'kuaishou-helper.html'],
      [douyinBuyinAdapter, 'douyin-buyin-control.html'],
      [tiktokShopAdapter, 'tiktok-live-manager.html'],
      [taobaoAdapter, 'taobao-live-control.html'],
    ] as const) {
      const generic = read(genericAdapter, fixture);
      const specific = read(adapter, fixture);
      expect(generic.metrics, fixture).toEqual(specific.metrics);
      expect(generic.product, fixture).toEqual(specific.product);
    }
  });
});

describe('the adapters added for the production matches', () => {
  it('Xiaohongshu live center: the common labels, its comment log left alone', () => {
    const reading = read(
      adapterForUrl(new URL('https://ark.xiaohongshu.com/live_center_control')),
      'xiaohongshu-live-center.html',
    );
    expect(reading.metrics).toEqual({
      viewers: 842,
      entries: 13600,
      gmv: 21380,
      orders: 163,
      newFollowers: 57,
    });
  });

  it('every production match is read by some adapter (none falls to the generic reader)', () => {
    const samples = [
      'https://channels.weixin.qq.com/platform/live/liveBuild',
      'https://ark.xiaohongshu.com/live_center_control',
      'https://seller-us.tiktok.com/compass/live-analytics',
    ];
    for (const href of samples) expect(adapterForUrl(new URL(href)).id, href).not.toBe('generic');
  });
});

describe('selector registries', () => {
  const fixtures = new Set(readdirSync(FIXTURE_DIR));
  const recordOf = (adapter: SiteAdapter) => {
    const record = ADAPTER_RECORDS[adapter.id];
    if (!record) throw new Error(`${adapter.id} has no selector registry`);
    return record;
  };
  const entriesOf = (adapter: SiteAdapter) => Object.values(recordOf(adapter).selectors);
  // Each page parsed once: the selectors only query it, and a saved page is large to parse.
  const parsed = new Map<string, Document>();
  const fixtureDoc = (name: string) => {
    const doc = parsed.get(name) ?? loadFixture(name);
    parsed.set(name, doc);
    return doc;
  };

  for (const adapter of SITE_ADAPTERS) {
    it(`${adapter.id}: every selector finds the expected elements in its fixture, and is marked unverified`, () => {
      expect(recordOf(adapter).verified).toBe(false);
      for (const { selector, fixture, expectCount } of entriesOf(adapter)) {
        expect(fixtures.has(fixture), fixture).toBe(true);
        // Open shadow roots count too (`<template shadowrootmode>` in a saved page).
        const doc = fixtureDoc(fixture);
        const templates = [...doc.querySelectorAll('template[shadowrootmode]')] as HTMLTemplateElement[];
        const count =
          doc.querySelectorAll(selector).length +
          templates.reduce((sum, t) => sum + t.content.querySelectorAll(selector).length, 0);
        expect(count, `${selector} in ${fixture}`).toBe(expectCount);
      }
    });
  }

  it('every adapter has a record, and the registry names no adapter that does not exist', () => {
    const ids = [...SITE_ADAPTERS, genericAdapter].map((a) => a.id);
    expect(Object.keys(ADAPTER_RECORDS).sort()).toEqual([...ids].sort());
    expect(ADAPTER_RECORDS.generic?.verified).toBe(true);
  });

  it('every selector an adapter uses is in its registry', () => {
    for (const adapter of SITE_ADAPTERS) {
      const registered = new Set(entriesOf(adapter).map((e) => e.selector));
      const used = [
        ...(adapter.metricRoots ?? []),
        ...(adapter.excludeRoots ?? []),
        ...(adapter.product?.listRoots ?? []),
        ...(adapter.product?.active ? [adapter.product.active] : []),
        ...(adapter.ended?.selectors ?? []),
        ...(adapter.productTables ?? []).flatMap((t) =>
          [...t.containers, t.row, t.headerCells, t.cellValue, t.id, t.name].filter((s) => s !== undefined),
        ),
      ];
      for (const selector of used) expect(registered.has(selector), `${adapter.id}: ${selector}`).toBe(true);
    }
  });
});

describe('adapterForUrl', () => {
  it('picks the site adapter by URL and keys the room', () => {
    const cases: [string, string, string][] = [
      ['https://zs.kwaixiaodian.com/page/helper?liveStreamId=abc123', 'kuaishou', 'liveStreamId=abc123'],
      [
        'https://buyin.jinritemai.com/dashboard/live/control',
        'douyin-buyin',
        'buyin.jinritemai.com/dashboard/live/control',
      ],
      ['https://fxg.jinritemai.com/ffa/content-tool/live/control?room_id=42', 'douyin-buyin', 'room_id=42'],
      [
        'https://compass.jinritemai.com/screen/anchor/shop?live_room_id=7001',
        'douyin-compass',
        'live_room_id=7001',
      ],
      ['https://eos.douyin.com/dp/liveScreen?room_id=9&tab=1&mode=main', 'douyin-eos', 'room_id=9'],
      ['https://shop.tiktok.com/streamer/live/product/dashboard?room_id=77', 'tiktok-shop', 'room_id=77'],
      [
        'https://seller-us.tiktok.com/compass/live-analytics',
        'tiktok-shop',
        'seller-us.tiktok.com/compass/live-analytics',
      ],
      ['https://liveplatform.taobao.com/restful/index/live/control?liveId=555', 'taobao', 'liveId=555'],
      ['https://shop.tiktok.com/workbench/live/overview?room_id=7311', 'tiktok-shop', 'room_id=7311'],
      [
        'https://channels.weixin.qq.com/platform/live/liveBuild',
        'wechat-channels',
        'channels.weixin.qq.com/platform/live/liveBuild',
      ],
      ['https://ark.xiaohongshu.com/live_center_control?roomId=88', 'xiaohongshu', 'roomId=88'],
      ['https://ark.xiaohongshu.com/live_screen/operation?roomId=88', 'xiaohongshu', 'roomId=88'],
      [
        'http://localhost:5178/mock-room/?scenario=evening-drop&speed=20',
        'generic',
        'localhost:5178/mock-room/?scenario=evening-drop',
      ],
      ['https://example.com/anything', 'generic', 'example.com/anything'],
    ];
    for (const [href, id, key] of cases) {
      const url = new URL(href);
      const adapter = adapterForUrl(url);
      expect(adapter.id, href).toBe(id);
      expect(adapter.roomKey(url), href).toBe(key);
    }
  });

  it('does not match look-alike hosts', () => {
    expect(adapterForUrl(new URL('https://zs.kwaixiaodian.com.evil.io/page/helper')).id).toBe('generic');
  });
});
