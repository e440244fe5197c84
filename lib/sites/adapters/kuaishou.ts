import type { SiteAdapter } from '../siteAdapter';
import { queryKey } from '../urlPattern';

// Kuaishou 快手小店 live helper (直播助手 / 中控台) and its big screen (直播大屏), from PLATFORMS.md.
// UNVERIFIED: written from public scraping projects and checked only against test/fixtures/sites;
// set `verified: true` once someone has checked these selectors on the live site.

export const kuaishouSelectors = {
  metricPanel: { selector: '[class^="live-panel"]', fixture: 'kuaishou-helper.html', expectCount: 1 },
  goodsScroller: { selector: '[data-virtuoso-scroller]', fixture: 'kuaishou-helper.html', expectCount: 1 },
  goodsRow: {
    selector: '[data-virtuoso-scroller] div[data-index]',
    fixture: 'kuaishou-helper.html',
    expectCount: 4,
  },
  listItem: { selector: '[class^="list-item"]', fixture: 'kuaishou-helper.html', expectCount: 4 },
  endedModal: { selector: '.ant-modal-wrap', fixture: 'kuaishou-ended.html', expectCount: 1 },
} as const;

export const kuaishouAdapter: SiteAdapter = {
  id: 'kuaishou',
  name: '快手小店 直播助手 / 直播大屏',
  verified: false,
  urlPatterns: ['https://zs.kwaixiaodian.com/page/helper*', 'https://zs.kwaixiaodian.com/control*'],
  roomKey: (url) => queryKey(url, ['liveStreamId', 'liveId', 'streamId']) ?? `${url.host}${url.pathname}`,
  metricRoots: [kuaishouSelectors.metricPanel.selector],
  excludeRoots: [kuaishouSelectors.goodsScroller.selector, kuaishouSelectors.listItem.selector],
  product: {
    listRoots: [kuaishouSelectors.goodsScroller.selector],
    item: 'div[data-index]',
  },
  selectorRegistry: Object.values(kuaishouSelectors),
};
