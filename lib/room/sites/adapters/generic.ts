import { E2E_MATCHES } from '../platformMatches';
import type { SiteAdapter } from '../siteAdapter';
import { queryKey } from '../urlPattern';

// Any page with no adapter of its own (including the mock room): the label reader alone, no hints.
// Verified by construction: it relies on nothing site-specific.

const ROOM_PARAMS = ['live_room_id', 'room_id', 'roomId', 'liveId', 'live_id', 'liveStreamId', 'scenario'];

export const genericAdapter: SiteAdapter = {
  id: 'generic',
  urlPatterns: [...E2E_MATCHES],
  roomKey: (url) => {
    const key = queryKey(url, ROOM_PARAMS);
    return `${url.host}${url.pathname}${key ? `?${key}` : ''}`;
  },
};
