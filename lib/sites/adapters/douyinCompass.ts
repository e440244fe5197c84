import type { SiteAdapter } from '../siteAdapter';
import { queryKey } from '../urlPattern';

// Douyin 电商罗盘 live screens (直播大屏) and the 来客 eos live screen, from PLATFORMS.md. Their tile labels
// are public, so the label reader does the work; the adapters only key the room.
// UNVERIFIED: checked only against test/fixtures/sites; set `verified: true` once checked on the live site.

export const douyinCompassSelectors = {} as const;

export const douyinCompassAdapter: SiteAdapter = {
  id: 'douyin-compass',
  name: '抖音电商罗盘 直播大屏',
  verified: false,
  urlPatterns: ['https://compass.jinritemai.com/screen/*'],
  roomKey: (url) => queryKey(url, ['live_room_id', 'room_id']) ?? `${url.host}${url.pathname}`,
  selectorRegistry: Object.values(douyinCompassSelectors),
};

export const douyinEosSelectors = {
  room: { selector: '[data-room-id]', fixture: 'douyin-eos-screen.html', expectCount: 1 },
} as const;

export const douyinEosAdapter: SiteAdapter = {
  id: 'douyin-eos',
  name: '抖音来客 直播数据大屏',
  verified: false,
  urlPatterns: ['https://eos.douyin.com/dp/liveScreen*'],
  roomKey: (url) => queryKey(url, ['room_id']) ?? `${url.host}${url.pathname}`,
  metricRoots: [douyinEosSelectors.room.selector],
  selectorRegistry: Object.values(douyinEosSelectors),
};
