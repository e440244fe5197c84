// Each site adapter's paperwork: its display name, whether anyone has checked it on the live site, and every
// selector it relies on with the fixture page it must match and how many elements it finds there
// (checked by test/unit/sites). Imported only by tests, so none of it ships in the content script.

/** One selector an adapter relies on, the fixture page it must match and how many elements it finds there. */
export interface SelectorEntry {
  selector: string;
  fixture: string;
  expectCount: number;
}

export interface AdapterRecord {
  name: string;
  /** False until someone checked the adapter's selectors on the live site. */
  verified: boolean;
  selectors: Record<string, SelectorEntry>;
}

const entry = (selector: string, fixture: string, expectCount: number): SelectorEntry => ({
  selector,
  fixture,
  expectCount,
});

/** By adapter id, one per adapter; the generic one has no selectors and is verified by construction. */
export const ADAPTER_RECORDS: Record<string, AdapterRecord> = {
  kuaishou: {
    name: '快手小店 直播助手 / 直播大屏',
    verified: false,
    selectors: {
      metricPanel: entry('[class^="live-panel"]', 'kuaishou-helper.html', 1),
      goodsScroller: entry('[data-virtuoso-scroller]', 'kuaishou-helper.html', 1),
      goodsRow: entry('[data-virtuoso-scroller] div[data-index]', 'kuaishou-helper.html', 4),
      listItem: entry('[class^="list-item"]', 'kuaishou-helper.html', 4),
      goodsRowShown: entry('div[data-index]', 'kuaishou-goods-virtuoso.html', 3),
      endedModal: entry('.ant-modal-wrap', 'kuaishou-ended.html', 1),
    },
  },
  'douyin-buyin': {
    name: '巨量百应 直播中控台',
    verified: false,
    selectors: {
      goodsList: entry('#live-control-goods-list-container', 'douyin-buyin-control.html', 1),
      goodsItem: entry('.rpa_lc__live-goods__goods-item', 'douyin-buyin-control.html', 3),
      comments: entry('#input-comment-block-id', 'douyin-buyin-control.html', 1),
      liveTag: entry('span[class^="liveTag"]', 'douyin-buyin-control.html', 1),
      summaryModal: entry('.auxo-modal', 'douyin-buyin-ended.html', 1),
    },
  },
  'douyin-compass': { name: '抖音电商罗盘 直播大屏', verified: false, selectors: {} },
  'douyin-eos': {
    name: '抖音来客 直播数据大屏',
    verified: false,
    selectors: { room: entry('[data-room-id]', 'douyin-eos-screen.html', 1) },
  },
  'tiktok-shop': {
    name: 'TikTok Shop LIVE Manager',
    verified: false,
    selectors: {
      metricGrid: entry('#guide-step-2', 'tiktok-live-manager.html', 1),
      pinned: entry('.pc_pin_product_unpin', 'tiktok-live-manager.html', 1),
      pinButtons: entry('.pc_pin_product_pin, .pc_pin_product_unpin', 'tiktok-live-manager.html', 3),
      productRow: entry('[data-tid^="m4b_"][data-product-id]', 'tiktok-live-manager.html', 3),
      productPanel: entry('[data-tid="m4b_table"]', 'tiktok-live-manager.html', 1),
      productList: entry('#product-list', 'tiktok-live-manager-products.html', 1),
      productListRow: entry('[data-product-id]', 'tiktok-live-manager-products.html', 3),
      dashboardTables: entry('.arco-table', 'tiktok-live-dashboard-products.html', 2),
      dashboardTableRow: entry('tbody > tr.arco-table-tr', 'tiktok-live-dashboard-products.html', 147),
      dashboardTableHeader: entry('thead th', 'tiktok-live-dashboard-products.html', 12),
      dashboardCellValue: entry('.arco-table-cell-wrap-value', 'tiktok-live-dashboard-products.html', 1164),
      dashboardProductId: entry('span.opacity-50', 'tiktok-live-dashboard-products.html', 144),
      dashboardProductLink: entry('a[href*="/view/product/"]', 'tiktok-live-dashboard-products.html', 144),
    },
  },
  'wechat-channels': {
    name: '视频号助手 直播中控',
    verified: false,
    selectors: {
      microFrontend: entry('wujie-app.wujie_iframe', 'wechat-channels-live.html', 1),
      comment: entry('.live-message-item-container', 'wechat-channels-live.html', 2),
    },
  },
  xiaohongshu: { name: '小红书 直播中控 / 直播大屏', verified: false, selectors: {} },
  taobao: {
    name: '淘宝直播 中控台',
    verified: false,
    selectors: {
      goodsList: entry('#tcl-unique-virtual-list', 'taobao-live-control.html', 1),
      explainButton: entry('[data-tblalog-id="jiangJie"]', 'taobao-live-control.html', 3),
      goodsItem: entry('.tcl-goods-item', 'taobao-live-control.html', 3),
      comment: entry('.tc-comment-item', 'taobao-live-control.html', 4),
    },
  },
  generic: { name: 'Any live dashboard', verified: true, selectors: {} },
};
