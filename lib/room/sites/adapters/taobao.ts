import type { SiteAdapter } from '../siteAdapter';
import { keyByQuery } from '../urlPattern';

// Taobao live control (淘宝直播中控台) and professional screen, from PLATFORMS.md: hooks are known, page
// labels are short (成交额, 在线, 进入, 点击). UNVERIFIED: checked only against test/fixtures/sites
// (selectorRegistry.ts); set `verified: true` there once someone has checked these selectors on the
// live site.

const GOODS_LIST = '#tcl-unique-virtual-list';

export const taobaoAdapter: SiteAdapter = {
  id: 'taobao',
  urlPatterns: [
    'https://liveplatform.taobao.com/restful/index/live/control*',
    'https://market.m.taobao.com/app/mtb/live-professional-screen/*',
  ],
  roomKey: keyByQuery('liveId', 'live_id', 'id'),
  excludeRoots: [GOODS_LIST, '.tc-comment-item'],
  product: { listRoots: [GOODS_LIST] },
  productTables: [{ containers: [GOODS_LIST], row: '.tcl-goods-item' }],
};
