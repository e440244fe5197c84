import type { SiteAdapter } from '../siteAdapter';
import { queryKey } from '../urlPattern';

// Taobao live control (淘宝直播中控台) and professional screen, from PLATFORMS.md: hooks are known, page
// labels are short (成交额, 在线, 进入, 点击). UNVERIFIED: checked only against test/fixtures/sites; set
// `verified: true` once someone has checked these selectors on the live site.

export const taobaoSelectors = {
  goodsList: { selector: '#tcl-unique-virtual-list', fixture: 'taobao-live-control.html', expectCount: 1 },
  explainButton: {
    selector: '[data-tblalog-id="jiangJie"]',
    fixture: 'taobao-live-control.html',
    expectCount: 3,
  },
  comment: { selector: '.tc-comment-item', fixture: 'taobao-live-control.html', expectCount: 4 },
} as const;

export const taobaoAdapter: SiteAdapter = {
  id: 'taobao',
  name: '淘宝直播 中控台',
  verified: false,
  urlPatterns: [
    'https://liveplatform.taobao.com/restful/index/live/control*',
    'https://market.m.taobao.com/app/mtb/live-professional-screen/*',
  ],
  roomKey: (url) => queryKey(url, ['liveId', 'live_id', 'id']) ?? `${url.host}${url.pathname}`,
  excludeRoots: [taobaoSelectors.goodsList.selector, taobaoSelectors.comment.selector],
  product: { listRoots: [taobaoSelectors.goodsList.selector] },
  selectorRegistry: Object.values(taobaoSelectors),
};
