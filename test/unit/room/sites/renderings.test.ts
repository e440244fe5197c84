// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../lib/room/sites/adapters/generic';
import type { SiteAdapter } from '../../../../lib/room/sites/siteAdapter';
import { adapterForUrl } from '../../../../lib/room/sites/siteRegistry';
import { mountFixture, settledReading } from './loadFixture';

// Numbers as real dashboards draw them (PLATFORMS.md "How the numbers are really drawn"), each read as a
// person sees it, in the fixture page of its rendering.

const readPage = (adapter: SiteAdapter = genericAdapter) => settledReading(document, adapter);

describe('renderings of real dashboards', () => {
  it('TikTok LIVE Dashboard: the odometer GMV without its spacers, Arco split statistics, TikTok durations', () => {
    mountFixture('tiktok-live-dashboard.html');
    const reading = readPage(
      adapterForUrl(new URL('https://shop.tiktok.com/workbench/live/overview?room_id=7')),
    );
    expect(reading.metrics).toEqual({
      gmv: 4348.11,
      viewers: 6380,
      orders: 1204,
      views: 25600,
      avgWatchSec: 102,
    });
    // Non-followers is a share of traffic, never new followers; no percent becomes a GMV.
    expect(reading.health.missing).toContain('newFollowers');
  });

  it('Douyin 罗盘: one element per character joined into one number; neither 今日用户支付金额 is the GMV', () => {
    mountFixture('douyin-compass-chars.html');
    expect(readPage().metrics).toEqual({ gmv: 1593570000, entries: 234000, avgWatchSec: 65 });
  });

  it('Ant Design statistics: prefix, int, decimal and suffix read as one value', () => {
    mountFixture('antd-statistic.html');
    expect(readPage().metrics).toEqual({
      gmv: 12809.5,
      viewers: 1927,
      conversionRate: 0.032,
      newFollowers: 12000,
    });
  });

  it('a header of values and labels as sibling nodes, and a line of parts split by separators', () => {
    mountFixture('glued-header.html');
    expect(readPage().metrics).toEqual({
      viewers: 2192,
      entries: 30696,
      likes: 126000,
      comments: 3402,
      orders: 87,
    });
  });

  it('WeChat Channels: tiles inside the open shadow root of <wujie-app>, its comments left alone', () => {
    mountFixture('wechat-channels-live.html');
    const reading = readPage(
      adapterForUrl(new URL('https://channels.weixin.qq.com/platform/live/liveBuild')),
    );
    expect(reading.metrics).toEqual({
      viewers: 1316,
      entries: 21000,
      gmv: 38650.2,
      newFollowers: 421,
      likes: 56000,
    });
  });

  it('a digit roller without layout is refused as implausible, never stored as 0123456789…', () => {
    mountFixture('data-screen-roller.html', { runScripts: true });
    const reading = readPage();
    expect(reading.metrics.gmv).toBeNull();
    expect(reading.health.failed.find((f) => f.metric === 'gmv')).toMatchObject({ reason: 'implausible' });
  });
});

describe('the end of the live', () => {
  it('已结束 on a coupon, a lucky bag or a product tag is not the end of the live', () => {
    mountFixture('ended-tags.html');
    const reading = readPage();
    expect(reading.ended).toBe(false);
    expect(reading.metrics).toEqual({ viewers: 1502, gmv: 8912 });
  });

  it('the page’s own ended state ends it', () => {
    mountFixture('live-ended-state.html');
    expect(readPage().ended).toBe(true);
  });
});
