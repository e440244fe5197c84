import type { SiteAdapter } from '../siteAdapter';
import { keyByQuery } from '../urlPattern';

// Xiaohongshu (小红书) ark live center and live screen, from PLATFORMS.md (low confidence: URLs only). The
// label reader does the work; the adapter only keys the room. UNVERIFIED: checked only against
// test/fixtures/sites (selectorRegistry.ts); set `verified: true` there once checked on the live site.

export const xiaohongshuAdapter: SiteAdapter = {
  id: 'xiaohongshu',
  urlPatterns: [
    'https://ark.xiaohongshu.com/live_center_control*',
    'https://ark.xiaohongshu.com/live_screen/*',
  ],
  roomKey: keyByQuery('roomId', 'room_id', 'liveId'),
};
