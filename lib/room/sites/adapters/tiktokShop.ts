import type { SiteAdapter } from '../siteAdapter';
import { keyByQuery } from '../urlPattern';

// TikTok Shop LIVE Manager / LIVE Screen / LIVE Dashboard and the seller compass, from PLATFORMS.md. Labels
// are English here but the page is localised, so the label reader stays the primary path; the Dashboard's
// odometer and Arco statistics are read by the value view. When the live ends the platform redirects to the
// session page. UNVERIFIED: checked only against
// test/fixtures/sites (selectorRegistry.ts); set `verified: true` there once someone has checked these
// selectors on the live site.

export const tiktokShopAdapter: SiteAdapter = {
  id: 'tiktok-shop',
  urlPatterns: [
    'https://shop.tiktok.com/streamer/live/*',
    'https://shop.tiktok.com/workbench/live/*',
    'https://seller-*.tiktok.com/compass/live-*',
  ],
  roomKey: keyByQuery('room_id', 'roomId', 'live_id'),
  metricRoots: ['#guide-step-2'],
  // The Dashboard's product and traffic-source tables name GMV and Impressions per row, not the room's.
  excludeRoots: ['.arco-table', '#product-list'],
  product: { active: '.pc_pin_product_unpin', item: '[data-tid^="m4b_"][data-product-id]' },
  productTables: [
    // LIVE Dashboard "Product List": columns mapped by their titles; the visible "ID: …" keys each row.
    {
      containers: ['.arco-table'],
      row: 'tbody > tr.arco-table-tr',
      headerCells: 'thead th',
      cellValue: '.arco-table-cell-wrap-value',
      id: 'span.opacity-50',
      name: 'a[href*="/view/product/"]',
    },
    // LIVE Manager's product panel: "Clicks 87 | Added to cart 8 | Items sold 0" and a Pin / Unpin button.
    { containers: ['#product-list', '[data-tid="m4b_table"]'], row: '[data-product-id]' },
  ],
  ended: {
    texts: ['liveended', 'thelivehasended'],
    urls: ['https://shop.tiktok.com/streamer/live/session*'],
  },
};
