import type { SiteAdapter } from '../siteAdapter';
import { keyByQuery } from '../urlPattern';

// Kuaishou 快手小店 live helper (直播助手 / 中控台) and its big screen (直播大屏), from PLATFORMS.md.
// UNVERIFIED: written from public scraping projects and checked only against test/fixtures/sites
// (selectorRegistry.ts); set `verified: true` there once someone has checked these selectors on the
// live site.

const GOODS_SCROLLER = '[data-virtuoso-scroller]';

export const kuaishouAdapter: SiteAdapter = {
  id: 'kuaishou',
  urlPatterns: ['https://zs.kwaixiaodian.com/page/helper*', 'https://zs.kwaixiaodian.com/control*'],
  roomKey: keyByQuery('liveStreamId', 'liveId', 'streamId'),
  metricRoots: ['[class^="live-panel"]'],
  excludeRoots: [GOODS_SCROLLER, '[class^="list-item"]'],
  product: { listRoots: [GOODS_SCROLLER], item: 'div[data-index]' },
  // data-index is the row's place in the virtual list: rows are keyed by the 商品ID they show.
  productTables: [{ containers: [GOODS_SCROLLER], row: 'div[data-index]' }],
};
