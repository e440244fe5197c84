import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricValues } from '../../lib/core/messages/sample';
import {
  FIXTURE_DIR,
  type HttpsFixtureServer,
  startHttpsFixtureServer,
} from '../../scripts/node/httpsFixtureServer';
import { type ExtensionBrowser, launchWithExtension } from '../../scripts/node/launchWithExtension';
import { readStoredTables, sizedForABusyMachine } from './extensionHarness';

// Every rendering of PLATFORMS.md "How the numbers are really drawn", each in its own fixture page served at
// a real dashboard URL over HTTPS, read by the built extension in Chromium and checked in what it stored:
// exact values, refusals instead of garbage, only settled values of animated numbers, one room per tab for
// same-origin frames, and a live that lasts through 已结束 tags.

const PAGES = {
  tiktok: 'https://shop.tiktok.com/workbench/live/overview?room_id=7311',
  tiktokSaved: 'https://shop.tiktok.com/workbench/live/overview?room_id=7623209740167809805&region=US',
  roller: 'https://eos.douyin.com/dp/liveScreen?room_id=4242&mode=main',
  chars: 'https://compass.jinritemai.com/screen/anchor/shop?live_room_id=7001',
  glued: 'https://buyin.jinritemai.com/dashboard/live/control?room_id=55',
  wechat: 'https://channels.weixin.qq.com/platform/live/liveBuild',
  frame: 'https://zs.kwaixiaodian.com/page/helper?liveStreamId=9001',
  tags: 'https://liveplatform.taobao.com/restful/index/live/control?liveId=555',
  antd: 'https://market.m.taobao.com/app/mtb/live-professional-screen/index?liveId=556',
};
const COUNT_UP = 'https://ark.xiaohongshu.com/live_screen/operation?roomId=88';

const fixture = (name: string) => readFileSync(join(FIXTURE_DIR, name), 'utf8');

const ROUTES: Record<string, string | ((url: URL) => string)> = {
  // Two builds of the same page: the label beside the digits (room 7311), and as the saved real pages draw it.
  'shop.tiktok.com/workbench/live/overview': (url) =>
    fixture(
      url.searchParams.get('room_id') === '7311' ? 'tiktok-live-dashboard.html' : 'tiktok-live-overview.html',
    ),
  'eos.douyin.com/dp/liveScreen': 'data-screen-roller.html',
  'compass.jinritemai.com/screen/anchor/shop': 'douyin-compass-chars.html',
  'buyin.jinritemai.com/dashboard/live/control': 'glued-header.html',
  'channels.weixin.qq.com/platform/live/liveBuild': 'wechat-channels-live.html',
  'zs.kwaixiaodian.com/page/helper': 'iframe-merged.html',
  'liveplatform.taobao.com/restful/index/live/control': 'ended-tags.html',
  'market.m.taobao.com/app/mtb/live-professional-screen/index': 'antd-statistic.html',
  'ark.xiaohongshu.com/live_screen/operation': 'count-up.html',
};

interface Stored {
  site: string;
  roomKey: string;
  endedAt?: number;
  samples: {
    ts: number;
    metrics: MetricValues;
    failed: { metric: string; raw: string; reason: string }[];
    sources?: Record<string, string>;
  }[];
}

async function storedRooms(panel: Page): Promise<Stored[]> {
  const tables = await readStoredTables(panel);
  return tables.sessions.map((session) => ({
    site: session.site,
    roomKey: session.roomKey,
    endedAt: session.endedAt,
    samples: tables.samples
      .filter((s) => s.sessionId === session.id)
      .sort((a, b) => a.ts - b.ts)
      .map((s) => ({
        ts: s.ts,
        metrics: s.metrics,
        failed: s.health?.failed ?? [],
        sources: s.health?.sources,
      })),
  }));
}

describe('real renderings, read by the built extension at their real URLs', () => {
  let server: HttpsFixtureServer;
  let browser: ExtensionBrowser;
  let panel: Page;
  const opened = new Map<string, Page>();

  const room = async (site: string, roomKey: string) =>
    (await storedRooms(panel)).filter((r) => r.site === site && r.roomKey === roomKey);
  // A value's first change waits for two drawn frames, and headless Chromium draws few for a page behind the
  // others (none for a second while a CSS transition ran): a test that changes a page brings it to the front
  // first, as an operator watches it. Polls keep the config's 20 s hang guard.
  const latest = async (site: string, roomKey: string) => (await room(site, roomKey)).at(-1)?.samples.at(-1);
  const settledTo = (site: string, roomKey: string, expected: MetricValues) =>
    expect
      .poll(async () => (await latest(site, roomKey))?.metrics, { timeout: 20_000, interval: 250 })
      .toEqual(expected);

  beforeAll(async () => {
    server = await startHttpsFixtureServer(ROUTES);
    browser = await launchWithExtension({ extraArgs: server.chromiumArgs });
    sizedForABusyMachine(browser.context);
    panel = await browser.context.newPage();
    await panel.goto(browser.extensionUrl('sidepanel.html'));
    for (const [name, url] of Object.entries(PAGES)) {
      const page = await browser.context.newPage();
      await page.goto(url);
      opened.set(name, page);
    }
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('TikTok LIVE Dashboard: the odometer GMV, split statistics, a TikTok duration; no follower count from Non-followers', async () => {
    await settledTo('tiktok-shop', 'room_id=7311', {
      gmv: 4348.11,
      viewers: 6380,
      orders: 1204,
      views: 25600,
      avgWatchSec: 102,
    });
  });

  it('an odometer rolling to a new value: only the settled values are stored, never a frame', async () => {
    const page = opened.get('tiktok')!;
    await page.bringToFront();
    await page.evaluate(() =>
      (window as unknown as { animateOdometer(t: string): void }).animateOdometer('4,391.67'),
    );
    await expect.poll(async () => (await latest('tiktok-shop', 'room_id=7311'))?.metrics.gmv).toBe(4391.67);
    const seen = new Set(
      (await room('tiktok-shop', 'room_id=7311')).flatMap((r) => r.samples.map((s) => s.metrics.gmv)),
    );
    expect([...seen].sort()).toEqual([4348.11, 4391.67]);
  });

  it('TikTok LIVE Dashboard as the saved pages draw it: the headline GMV, its label in a sibling branch, stored exactly from its odometer, the adapter named as its source', async () => {
    const site = 'tiktok-shop';
    const key = 'room_id=7623209740167809805';
    await settledTo(site, key, { gmv: 525, viewers: 6380, orders: 21, views: 7290, avgWatchSec: 21 });
    const first = await latest(site, key);
    expect(first?.sources).toEqual({ gmv: 'adapter' });
    expect(first?.failed).toEqual([]);
    const page = opened.get('tiktokSaved')!;
    await page.bringToFront();
    const odometer = (call: 'setOdometer' | 'animateOdometer', text: string) =>
      page.evaluate(
        ([name, value]) => (window as unknown as Record<string, (t: string) => void>)[name]!(value),
        [call, text] as const,
      );
    // The other saved pages' headlines: 14, and a larger one with separators, rolled to its next value.
    await odometer('setOdometer', '14');
    await expect.poll(async () => (await latest(site, key))?.metrics.gmv).toBe(14);
    await odometer('setOdometer', '12,345.62');
    await expect.poll(async () => (await latest(site, key))?.metrics.gmv).toBe(12345.62);
    await odometer('animateOdometer', '12,345.67');
    await expect.poll(async () => (await latest(site, key))?.metrics.gmv).toBe(12345.67);
    const rooms = await room(site, key);
    const gmvs = new Set(rooms.flatMap((r) => r.samples.map((s) => s.metrics.gmv)));
    // A value still rolling is left out of a sample, never a frame of it put in.
    gmvs.delete(undefined);
    expect([...gmvs].sort()).toEqual([12345.62, 12345.67, 14, 525]);
    // No other metric moved while the headline did.
    expect((await latest(site, key))?.metrics).toEqual({
      gmv: 12345.67,
      viewers: 6380,
      orders: 21,
      views: 7290,
      avgWatchSec: 21,
    });
  });

  it('a data-screen digit roller read from geometry, and rolled to a new value without a frame stored', async () => {
    await settledTo('douyin-eos', 'room_id=4242', { gmv: 86420, viewers: 3517, orders: 902 });
    const page = opened.get('roller')!;
    await page.bringToFront();
    await page.evaluate(() => {
      const w = window as unknown as { roll(el: Element, text: string): void };
      w.roll(document.querySelector('[data-roller="gmv"]')!, '91,375');
    });
    await expect.poll(async () => (await latest('douyin-eos', 'room_id=4242'))?.metrics.gmv).toBe(91375);
    const gmvs = new Set(
      (await room('douyin-eos', 'room_id=4242')).flatMap((r) => r.samples.map((s) => s.metrics.gmv)),
    );
    expect([...gmvs].sort()).toEqual([86420, 91375]);
  });

  /** Opens the count-up page in front, lets it settle, counts viewers up to 2046: the viewers values stored. */
  async function countUpStored(url: string, roomKey: string): Promise<unknown[]> {
    // In front, as an operator watches it: a background tab gets no animation frames, so its count-up stalls.
    const page = await browser.context.newPage();
    await page.bringToFront();
    await page.goto(url);
    await settledTo('xiaohongshu', roomKey, { viewers: 1288, gmv: 35120 });
    await page.evaluate(() =>
      (window as unknown as { countTo(k: string, v: number): Promise<void> }).countTo('viewers', 2046),
    );
    await expect.poll(async () => (await latest('xiaohongshu', roomKey))?.metrics.viewers).toBe(2046);
    // A metric still settling is left out of a sample (never a frame of it put in).
    const viewers = new Set(
      (await room('xiaohongshu', roomKey)).flatMap((r) => r.samples.map((s) => s.metrics.viewers)),
    );
    viewers.delete(undefined);
    return [...viewers].sort();
  }

  it('a count-up (from 0 on load, then old → new over half a second): only settled values are stored', async () => {
    expect(await countUpStored(COUNT_UP, 'roomId=88')).toEqual([1288, 2046]);
  });

  it('a count-up on a page seen still until then (its load count-up ended before we looked): no frame stored', async () => {
    const seenStill = `${COUNT_UP.replace('roomId=88', 'roomId=89')}&load=still`;
    expect(await countUpStored(seenStill, 'roomId=89')).toEqual([1288, 2046]);
  });

  it('Douyin 罗盘 per-character spans, an Ant Design statistic, a glued header', async () => {
    await settledTo('douyin-compass', 'live_room_id=7001', {
      gmv: 1593570000,
      entries: 234000,
      avgWatchSec: 65,
    });
    await settledTo('taobao', 'liveId=556', {
      gmv: 12809.5,
      viewers: 1927,
      conversionRate: 0.032,
      newFollowers: 12000,
    });
    await settledTo('douyin-buyin', 'room_id=55', {
      viewers: 2192,
      entries: 30696,
      likes: 126000,
      comments: 3402,
      orders: 87,
    });
  });

  it('WeChat Channels: tiles in the open shadow root of <wujie-app>', async () => {
    await settledTo('wechat-channels', 'channels.weixin.qq.com/platform/live/liveBuild', {
      viewers: 1316,
      entries: 21000,
      gmv: 38650.2,
      newFollowers: 421,
      likes: 56000,
    });
  });

  it('a same-origin frame merged into the tab’s one room', async () => {
    await settledTo('kuaishou', 'liveStreamId=9001', {
      viewers: 1088,
      gmv: 23001,
      buyers: 311,
      newFollowers: 96,
    });
    expect((await storedRooms(panel)).filter((r) => r.site === 'kuaishou')).toHaveLength(1);
    // A value changed inside the frame reaches the same room.
    const page = opened.get('frame')!;
    await page.bringToFront();
    await page
      .frameLocator('#data-frame')
      .locator('.tile-value')
      .first()
      .evaluate((el) => {
        el.textContent = '340';
      });
    await expect.poll(async () => (await latest('kuaishou', 'liveStreamId=9001'))?.metrics.buyers).toBe(340);
  });

  it('the live lasts through 已结束 on a coupon, a lucky bag and a product tag; a roller is never stored as 0123456789', async () => {
    await settledTo('taobao', 'liveId=555', { viewers: 1502, gmv: 8912 });
    const rooms = await storedRooms(panel);
    expect(rooms.find((r) => r.roomKey === 'liveId=555')?.endedAt).toBeUndefined();
    for (const r of rooms)
      for (const s of r.samples)
        for (const value of Object.values(s.metrics)) if (value !== null) expect(value).toBeLessThan(1e12);
  });
});
