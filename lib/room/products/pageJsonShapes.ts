import { parseMetricText } from '../../core/metrics/parseMetricText';
import type { ProductMetricId, ProductMetricValues } from '../../core/products/productContract';
import type { PageJsonPath } from './pageJsonPaths';

// The page's own product data, as its JSON responses carry it. Written from PLATFORMS.md, not from captured
// traffic: UNVERIFIED field names, so each shape is read by aliases and fails closed — a response whose
// shape is not understood yields nothing (the caller shows its path in health) and the DOM stays the source.
// It is page data: every value is checked (a finite, non-negative number; a ratio within 0–1; an id of
// bounded length), never trusted. Douyin gives money in fen; TikTok in currency units, often as text.

export interface JsonProductRow {
  id: string;
  name?: string;
  price?: number;
  metrics: ProductMetricValues;
}

export type PageJsonResult =
  | { ok: true; rows: JsonProductRow[]; pinnedId?: string | null }
  | { ok: false; reason: 'not-json' | 'error-response' | 'unknown-shape' };

const ID_KEYS = ['product_id_str', 'product_id', 'productid', 'promotion_id', 'item_id', 'goods_id', 'id'];
const NAME_KEYS = ['title', 'product_name', 'name', 'goods_name', 'item_title'];
const PRICE_KEYS = ['price', 'sale_price', 'min_price', 'final_price', 'real_price', 'price_val'];
const PIN_KEYS = ['is_explaining', 'explaining', 'is_pinned', 'pinned', 'in_explain'];
/** Per-metric keys, compared lower-case; the first present wins. */
const METRIC_KEYS: Record<ProductMetricId, readonly string[]> = {
  impressions: [
    'product_show_ucnt',
    'show_ucnt',
    'product_show_cnt',
    'impression_cnt',
    'impressions',
    'show_cnt',
    'expose_ucnt',
  ],
  clicks: ['product_click_ucnt', 'click_ucnt', 'product_click_cnt', 'click_cnt', 'clicks'],
  ctr: ['product_show_click_ucnt_ratio', 'show_click_ucnt_ratio', 'ctr', 'click_rate', 'click_through_rate'],
  carts: ['add_cart_cnt', 'add_to_cart_cnt', 'cart_cnt', 'added_to_cart', 'add_cart_ucnt'],
  sold: ['pay_combo_cnt', 'sold_cnt', 'items_sold', 'pay_item_cnt', 'sales', 'sale_cnt'],
  gmv: ['pay_amt', 'gmv', 'pay_gmv', 'revenue', 'pay_order_gmv'],
  stock: ['stock_num', 'stock', 'available_stock', 'stock_cnt', 'inventory'],
  conversionRate: [
    'product_click_pay_ucnt_ratio',
    'click_pay_ucnt_ratio',
    'conversion_rate',
    'cvr',
    'click_to_order_rate',
  ],
  createdOrders: ['create_order_cnt', 'created_order_cnt', 'order_create_cnt'],
  unpaidOrders: ['unpaid_order_cnt', 'unpay_order_cnt', 'pending_payment_cnt', 'not_pay_order_cnt'],
  explainCount: ['explain_cnt', 'explain_times', 'explain_count', 'pin_cnt'],
};
/** Campaign stock, added to the stock (PLATFORMS.md: 库存告急 counts both). */
const CAMPAIGN_STOCK_KEYS = ['campaign_stock_num', 'activity_stock_num', 'campaign_stock', 'activity_stock'];
const MONEY = new Set<string>([...METRIC_KEYS.gmv, ...PRICE_KEYS]);
const RATIOS = new Set<ProductMetricId>(['ctr', 'conversionRate']);
/** Nested objects a product's numbers may sit in; their keys count as the product's own. */
const NESTS = [
  'stats',
  'metrics',
  'data',
  'product_info',
  'base_info',
  'product',
  'index',
  'indicators',
  'price_info',
];
const MAX_ID = 200;
const MAX_NAME = 500;
const MAX_DEPTH = 5;
const MAX_ROWS = 2000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A product object's fields, lower-cased, with nested stat objects flattened in (its own fields first). */
function fieldsOf(item: Obj): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const add = (o: Obj) => {
    for (const [k, v] of Object.entries(o)) if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), v);
  };
  add(item);
  for (const nest of NESTS) {
    const inner = item[nest];
    if (isObj(inner)) add(inner);
  }
  return out;
}

/** A number as the JSON gives it: a number, numeric text ("12.5", "$1,234.50", "3.2%"), or {value: …}. */
function numberOf(v: unknown, depth = 0): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    if (/^-?\d+(?:\.\d+)?$/.test(v.trim())) return Number(v);
    const parsed = parseMetricText(v);
    return parsed.ok ? parsed.value : undefined;
  }
  if (isObj(v) && depth < 2) {
    for (const key of ['value', 'amount', 'val', 'num', 'format_price'])
      if (key in v) return numberOf(v[key], depth + 1);
  }
  return undefined;
}

/** Douyin's money is in fen unless written as shown text ("¥12.50"). */
const inFen = (raw: unknown) => typeof raw !== 'string' || /^\s*\d+\s*$/.test(raw);

function idOf(fields: Map<string, unknown>): string | undefined {
  for (const key of ID_KEYS) {
    const v = fields.get(key);
    if (typeof v === 'string' && v.length > 0 && v.length <= MAX_ID && /^[\w.-]+$/.test(v)) return v;
    // A 19-digit id parsed as a JSON number has lost its last digits: never key by it.
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v);
  }
  return undefined;
}

function readRow(item: Obj, fen: boolean): JsonProductRow | undefined {
  const fields = fieldsOf(item);
  const id = idOf(fields);
  if (!id) return undefined;
  const metrics: ProductMetricValues = {};
  for (const [metric, keys] of Object.entries(METRIC_KEYS) as [ProductMetricId, readonly string[]][]) {
    const key = keys.find((k) => fields.has(k));
    if (!key) continue;
    const raw = fields.get(key);
    let value = numberOf(raw);
    if (value !== undefined && fen && MONEY.has(key) && inFen(raw)) value /= 100;
    if (value !== undefined && RATIOS.has(metric) && value > 1) value = undefined;
    metrics[metric] = value !== undefined && value >= 0 ? value : null;
  }
  const campaign = CAMPAIGN_STOCK_KEYS.map((k) => numberOf(fields.get(k))).find((v) => v !== undefined);
  if (campaign !== undefined && campaign > 0 && typeof metrics.stock === 'number') metrics.stock += campaign;
  const row: JsonProductRow = { id, metrics };
  const name = NAME_KEYS.map((k) => fields.get(k)).find((v) => typeof v === 'string' && v.trim());
  if (typeof name === 'string') row.name = name.trim().slice(0, MAX_NAME);
  const priceKey = PRICE_KEYS.find((k) => fields.has(k));
  if (priceKey) {
    const raw = fields.get(priceKey);
    let price = numberOf(raw);
    if (price !== undefined && fen && inFen(raw)) price /= 100;
    if (price !== undefined && price >= 0) row.price = price;
  }
  return row;
}

/** The array in the response that lists products: the one with the most objects carrying an id. */
function productArray(v: unknown, depth = 0): { list: Obj[]; score: number; key?: string } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let best: { list: Obj[]; score: number; key?: string } | undefined;
  if (Array.isArray(v)) {
    const list = v.filter(isObj);
    const score = list.slice(0, 50).filter((o) => idOf(fieldsOf(o)) !== undefined).length;
    if (score > 0) best = { list, score };
    return best;
  }
  if (!isObj(v)) return undefined;
  for (const [key, inner] of Object.entries(v)) {
    const found = productArray(inner, depth + 1);
    if (found && (!best || found.score > best.score)) best = { ...found, key };
    // An empty list under a product-ish key is a room with no products yet, not an unknown shape.
    if (!best && Array.isArray(inner) && inner.length === 0 && /product|promotion|goods|item|list/i.test(key))
      best = { list: [], score: 0, key };
  }
  return best;
}

/** Douyin (`st`, `status_code`) and TikTok (`code`) say a failed call in the body: nothing to read. */
function failedCall(body: Obj): boolean {
  for (const key of ['st', 'status_code', 'code']) {
    const v = body[key];
    if (v !== undefined && v !== 0 && v !== '0') return true;
  }
  return false;
}

function pinnedOf(rows: Obj[], ids: (string | undefined)[]): string | null | undefined {
  let seen = false;
  for (let i = 0; i < rows.length; i++) {
    const fields = fieldsOf(rows[i]!);
    for (const key of PIN_KEYS) {
      if (!fields.has(key)) continue;
      seen = true;
      const v = fields.get(key);
      if ((v === true || v === 1 || v === '1') && ids[i]) return ids[i]!;
    }
  }
  return seen ? null : undefined;
}

export function parsePageJson(kind: PageJsonPath['kind'], text: string): PageJsonResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  if (!isObj(body)) return { ok: false, reason: 'unknown-shape' };
  if (failedCall(body)) return { ok: false, reason: 'error-response' };
  if (kind === 'tiktok-pin') {
    const data = body.data;
    if (data === null || (isObj(data) && Object.keys(data).length === 0))
      return { ok: true, rows: [], pinnedId: null };
    if (!isObj(data)) return { ok: false, reason: 'unknown-shape' };
    const holder = [data, data.pinned_product, data.product, data.pin_product].find(
      (o): o is Obj => isObj(o) && idOf(fieldsOf(o)) !== undefined,
    );
    if (holder) return { ok: true, rows: [], pinnedId: idOf(fieldsOf(holder))! };
    return 'pinned_product' in data || 'product' in data
      ? { ok: true, rows: [], pinnedId: null }
      : { ok: false, reason: 'unknown-shape' };
  }
  const found = productArray(body.data ?? body);
  if (!found) return { ok: false, reason: 'unknown-shape' };
  const items = found.list.slice(0, MAX_ROWS);
  const rows: JsonProductRow[] = [];
  const ids: (string | undefined)[] = [];
  for (const item of items) {
    const row = readRow(item, kind === 'douyin-products');
    ids.push(row?.id);
    if (row) rows.push(row);
  }
  // Products without a single number we know: the fields were renamed. Fail closed.
  if (items.length > 0 && !rows.some((r) => Object.values(r.metrics).some((v) => typeof v === 'number')))
    return { ok: false, reason: 'unknown-shape' };
  const pinnedId = pinnedOf(items, ids);
  return pinnedId === undefined ? { ok: true, rows } : { ok: true, rows, pinnedId };
}
