import type { SiteAdapter } from '../siteAdapter';
import { queryKey } from '../urlPattern';

// Douyin 巨量百应 / 抖店 live control page (直播中控台), from PLATFORMS.md: automation hooks are well known,
// tile labels are not. UNVERIFIED: checked only against test/fixtures/sites; set `verified: true` once
// someone has checked these selectors on the live site.

export const douyinBuyinSelectors = {
  goodsList: {
    selector: '#live-control-goods-list-container',
    fixture: 'douyin-buyin-control.html',
    expectCount: 1,
  },
  goodsItem: {
    selector: '.rpa_lc__live-goods__goods-item',
    fixture: 'douyin-buyin-control.html',
    expectCount: 3,
  },
  comments: { selector: '#input-comment-block-id', fixture: 'douyin-buyin-control.html', expectCount: 1 },
  liveTag: { selector: 'span[class^="liveTag"]', fixture: 'douyin-buyin-control.html', expectCount: 1 },
  summaryModal: { selector: '.auxo-modal', fixture: 'douyin-buyin-ended.html', expectCount: 1 },
} as const;

export const douyinBuyinAdapter: SiteAdapter = {
  id: 'douyin-buyin',
  name: '巨量百应 直播中控台',
  verified: false,
  urlPatterns: [
    'https://buyin.jinritemai.com/dashboard/live/control*',
    'https://fxg.jinritemai.com/ffa/buyin/dashboard/live/control*',
    'https://fxg.jinritemai.com/ffa/content-tool/live/control*',
  ],
  // The control page shows the account's current live; a room id appears in the query only sometimes.
  roomKey: (url) => queryKey(url, ['room_id', 'roomId', 'live_room_id']) ?? `${url.host}${url.pathname}`,
  excludeRoots: [
    douyinBuyinSelectors.goodsList.selector,
    douyinBuyinSelectors.comments.selector,
    douyinBuyinSelectors.liveTag.selector,
  ],
  product: {
    listRoots: [douyinBuyinSelectors.goodsList.selector],
    item: douyinBuyinSelectors.goodsItem.selector,
  },
  selectorRegistry: Object.values(douyinBuyinSelectors),
};
