import type { SiteAdapter } from '../siteAdapter';
import { keyByQuery } from '../urlPattern';

// Douyin 电商罗盘 live screens (直播大屏) and the 来客 eos live screen, from PLATFORMS.md. Their tile labels
// are public, so the label reader does the work; the adapters only key the room.
// UNVERIFIED: checked only against test/fixtures/sites (selectorRegistry.ts); set `verified: true` there
// once checked on the live site.

export const douyinCompassAdapter: SiteAdapter = {
  id: 'douyin-compass',
  urlPatterns: ['https://compass.jinritemai.com/screen/*'],
  roomKey: keyByQuery('live_room_id', 'room_id'),
};

export const douyinEosAdapter: SiteAdapter = {
  id: 'douyin-eos',
  urlPatterns: ['https://eos.douyin.com/dp/liveScreen*'],
  roomKey: keyByQuery('room_id'),
  metricRoots: ['[data-room-id]'],
};
