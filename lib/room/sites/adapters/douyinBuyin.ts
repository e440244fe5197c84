import type { SiteAdapter } from '../siteAdapter';
import { keyByQuery } from '../urlPattern';

// Douyin 巨量百应 / 抖店 live control page (直播中控台), from PLATFORMS.md: automation hooks are well known,
// tile labels are not. UNVERIFIED: checked only against test/fixtures/sites (selectorRegistry.ts); set
// `verified: true` there once someone has checked these selectors on the live site.

const GOODS_LIST = '#live-control-goods-list-container';

export const douyinBuyinAdapter: SiteAdapter = {
  id: 'douyin-buyin',
  urlPatterns: [
    'https://buyin.jinritemai.com/dashboard/live/control*',
    'https://fxg.jinritemai.com/ffa/buyin/dashboard/live/control*',
    'https://fxg.jinritemai.com/ffa/content-tool/live/control*',
  ],
  // The control page shows the account's current live; a room id appears in the query only sometimes.
  roomKey: keyByQuery('room_id', 'roomId', 'live_room_id'),
  excludeRoots: [GOODS_LIST, '#input-comment-block-id', 'span[class^="liveTag"]'],
  product: { listRoots: [GOODS_LIST], item: '.rpa_lc__live-goods__goods-item' },
  productTables: [{ containers: [GOODS_LIST], row: '.rpa_lc__live-goods__goods-item' }],
};
