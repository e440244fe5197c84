import type { SiteAdapter } from '../siteAdapter';
import { queryKey } from '../urlPattern';

// TikTok Shop LIVE Manager / LIVE Screen, from PLATFORMS.md. Labels are English here but the page is
// localised, so the label reader stays the primary path. UNVERIFIED: checked only against
// test/fixtures/sites; set `verified: true` once someone has checked these selectors on the live site.

export const tiktokShopSelectors = {
  metricGrid: { selector: '#guide-step-2', fixture: 'tiktok-live-manager.html', expectCount: 1 },
  pinned: { selector: '.pc_pin_product_unpin', fixture: 'tiktok-live-manager.html', expectCount: 1 },
  pinButtons: {
    selector: '.pc_pin_product_pin, .pc_pin_product_unpin',
    fixture: 'tiktok-live-manager.html',
    expectCount: 3,
  },
  productRow: {
    selector: '[data-tid^="m4b_"][data-product-id]',
    fixture: 'tiktok-live-manager.html',
    expectCount: 3,
  },
} as const;

export const tiktokShopAdapter: SiteAdapter = {
  id: 'tiktok-shop',
  name: 'TikTok Shop LIVE Manager',
  verified: false,
  urlPatterns: [
    'https://shop.tiktok.com/streamer/live/*',
    'https://shop.tiktok.com/workbench/live/*',
    'https://seller-*.tiktok.com/compass/live-*',
  ],
  roomKey: (url) => queryKey(url, ['room_id', 'roomId', 'live_id']) ?? `${url.host}${url.pathname}`,
  metricRoots: [tiktokShopSelectors.metricGrid.selector],
  product: {
    active: tiktokShopSelectors.pinned.selector,
    item: tiktokShopSelectors.productRow.selector,
  },
  ended: { texts: ['liveended', 'thelivehasended'] },
  selectorRegistry: Object.values(tiktokShopSelectors),
};
