// The products contract: what crosses the boundaries for per-product work (DESIGN.md §1, next: products).
// The content script (DOM table reader and the main-world JSON observer) builds ProductTableReading
// objects; they ride on a Sample, the background validates them (lib/core/messages/sample.ts), files
// per-product snapshots only when a value changed, and feeds the engine `products` events. Plain data with
// no imports, so the content script can carry it cheaply.

/** Per-product numbers a dashboard's product list shows (PLATFORMS.md, Products). */
export const PRODUCT_METRIC_IDS = [
  /** Product impressions / 曝光人数 (counter). */
  'impressions',
  /** Product clicks / 点击人数 (counter). */
  'clicks',
  /** Click-through rate / 曝光-点击率 (ratio, 12.5% → 0.125). */
  'ctr',
  /** Added to cart (counter). */
  'carts',
  /** Items sold / 成交件数 (counter). */
  'sold',
  /** GMV / 成交金额 (counter, currency). */
  'gmv',
  /** Available stock / 库存 (gauge, items; may include campaign stock). */
  'stock',
  /** Click-to-order / 点击-成交转化率 (ratio). */
  'conversionRate',
  /** Orders created / 创建订单数 (counter). */
  'createdOrders',
  /** Orders created and not paid / 未支付订单数, 压单 (gauge). */
  'unpaidOrders',
  /** Times explained / 讲解次数 (counter). */
  'explainCount',
] as const;
export type ProductMetricId = (typeof PRODUCT_METRIC_IDS)[number];

export const PRODUCT_METRIC_KIND: Record<ProductMetricId, 'counter' | 'gauge'> = {
  impressions: 'counter',
  clicks: 'counter',
  ctr: 'gauge',
  carts: 'counter',
  sold: 'counter',
  gmv: 'counter',
  stock: 'gauge',
  conversionRate: 'gauge',
  createdOrders: 'counter',
  unpaidOrders: 'gauge',
  explainCount: 'counter',
};

/** Where a product value came from: the visible table (DOM) or the page's own JSON response. */
export type ProductValueSource = 'dom' | 'json';

export type ProductMetricValues = Partial<Record<ProductMetricId, number | null>>;

/** One product row as read: keyed by the platform's product id, never by its position in the list. */
export interface ProductRowReading {
  /** The platform's product id (the visible "ID: …", a row's data attribute, or the JSON's id). */
  id: string;
  name?: string;
  price?: number;
  /** Only values read now; a value that cannot be read is null (never 0), one not shown is absent. */
  metrics: ProductMetricValues;
  /** Which source each value of `metrics` came from (reconciled per value: JSON where richer, DOM otherwise). */
  sources?: Partial<Record<ProductMetricId, ProductValueSource>>;
}

export interface ProductTableHealth {
  /** Rows the reader knows of on this page (virtualised rows scrolled out keep their last value). */
  rowsKnown: number;
  /** Values taken from the DOM / from the page's JSON in this reading. */
  domValues: number;
  jsonValues: number;
  /** Page JSON responses on known paths whose shape was not understood (path only, clipped): ignored. */
  unknownShapes?: string[];
  /** Product cells found but not readable, with the raw text (clipped). */
  failed?: { id: string; metric: ProductMetricId; raw: string }[];
}

/** What a sample carries about the product list. */
export interface ProductTableReading {
  /** Rows whose values changed since the reading before (all known rows on the first after a connect). */
  rows: ProductRowReading[];
  /** The pinned / explained product's id; null when none is; absent when this page cannot tell. */
  pinnedId?: string | null;
  health: ProductTableHealth;
}

/** Bounds the background enforces on a sample's product table (the content script splits beyond them). */
export const MAX_PRODUCT_ROWS_PER_SAMPLE = 500;
export const MAX_PRODUCT_ID_CHARS = 200;
export const MAX_PRODUCT_NAME_CHARS = 500;
/** Entries of a health list (unknown shapes, failed cells) one reading carries, and their raw text's length. */
export const MAX_PRODUCT_HEALTH_ENTRIES = 50;
export const MAX_PRODUCT_HEALTH_RAW_CHARS = 200;

/**
 * The engine's products event (lib/core/engine/types.ts EngineEvent): a sample's product table, in order with
 * the samples, comments and actions of its session. The worker feeds the rows it stored (changed values
 * only); a scenario feeds what its page shows.
 */
export interface ProductsEvent {
  kind: 'products';
  ts: number;
  rows: readonly ProductRowReading[];
  /** As in ProductTableReading: absent when the page cannot tell which product is pinned. */
  pinnedId?: string | null;
}
