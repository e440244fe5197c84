import type { MetricUnit } from '../../core/metrics/metricCatalog';
import { labelKey } from '../../core/metrics/normalizeText';
import type { ProductMetricId } from '../../core/products/productContract';

// What a product list calls each per-product number, in the forms dashboards write it (PLATFORMS.md,
// Products): a table's header titles ("Product Impressions", 曝光人数) and a row's inline labels
// ("Clicks 87 | Added to cart 8", 库存 320). Compared as labelKey forms; the longest label wins, so
// "Product Impressions" is not read as "Impressions" of something else, nor 点击-成交转化率 as 点击人数.

const LABELS: Record<ProductMetricId, readonly string[]> = {
  impressions: [
    'Product Impressions',
    'Impressions',
    'Product views',
    '曝光人数',
    '曝光次数',
    '商品曝光',
    '曝光',
  ],
  clicks: ['Product clicks', 'Clicks', '点击人数', '点击次数', '商品点击', '点击'],
  ctr: ['CTR', 'Click-through rate', 'Product CTR', '曝光-点击率', '曝光点击率', '点击率'],
  carts: ['Added to cart', 'Add to cart', 'Add-to-cart', '加购人数', '加购', '加购件数'],
  sold: ['Items sold', 'Sold', '成交件数', '已售', '销量', '售出'],
  gmv: ['GMV', 'Revenue', 'Product GMV', '成交金额', '成交额', '销售额'],
  stock: ['Available stock', 'Stock', 'Inventory', '库存', '剩余库存', '可售库存'],
  conversionRate: ['Conversion rate', 'CO rate', '点击-成交转化率', '点击成交转化率', '成交转化率', '转化率'],
  createdOrders: ['Orders created', 'Created orders', '创建订单数', '下单数', '订单数'],
  unpaidOrders: ['Unpaid orders', '未支付订单数', '未支付订单', '压单数', '待支付'],
  explainCount: ['Times pinned', 'Pin count', '讲解次数'],
};

/** How each metric's text is parsed (parseMetricText's unit): rates are ratios, GMV is money, the rest counts. */
export const PRODUCT_METRIC_UNIT: Record<ProductMetricId, MetricUnit> = {
  impressions: 'views',
  clicks: 'clicks',
  ctr: 'ratio',
  carts: 'orders',
  sold: 'orders',
  gmv: 'currency',
  stock: 'orders',
  conversionRate: 'ratio',
  createdOrders: 'orders',
  unpaidOrders: 'orders',
  explainCount: 'orders',
};

/** Titles of the column holding the product itself (name, ID, link). */
const PRODUCT_TITLES = [
  'Product',
  'Products',
  'Product name',
  'Product info',
  '商品',
  '商品信息',
  '商品名称',
];

const BY_KEY = new Map<string, ProductMetricId>();
for (const [metric, labels] of Object.entries(LABELS) as [ProductMetricId, readonly string[]][])
  for (const label of labels) BY_KEY.set(labelKey(label), metric);
/** Label keys, longest first: the longest label that a text starts with is the one it names. */
const KEYS_LONGEST_FIRST = [...BY_KEY.keys()].sort((a, b) => b.length - a.length);
const PRODUCT_KEYS = new Set(PRODUCT_TITLES.map(labelKey));
/** A header title may carry a currency or a tip mark: "GMV ($)", "成交金额(元)", "CTR ⓘ". */
const TITLE_TAIL = /(?:\((?:[^)]{0,6})\)|（[^）]{0,6}）|[ⓘ?？*:：])+$/;

/** The metric a header title names exactly (after its currency or tip mark), or undefined. */
export function productMetricOfTitle(title: string): ProductMetricId | undefined {
  const key = labelKey(title).replace(TITLE_TAIL, '');
  return BY_KEY.get(key);
}

/** True for the title of the product column itself. */
export function isProductTitle(title: string): boolean {
  return PRODUCT_KEYS.has(labelKey(title).replace(TITLE_TAIL, ''));
}

/**
 * A row's inline "label value" text: `Clicks 87`, `库存 320`, `Added to cart: 8`, or a label alone (its
 * value in the next text). The label must start the text; whatever follows it is the value's text.
 */
export function splitLabelledText(text: string): { metric: ProductMetricId; rest: string } | undefined {
  const key = labelKey(text);
  for (const label of KEYS_LONGEST_FIRST) {
    if (!key.startsWith(label)) continue;
    const after = key.slice(label.length);
    // "Clicksfor…" is another word; the label must end at a digit, a sign, a colon or the text's end.
    if (after && !/^[:：\d¥$￥.,+-]/.test(after)) continue;
    return { metric: BY_KEY.get(label)!, rest: restAfter(text, label) };
  }
  return undefined;
}

/** The text after the prefix whose label form is `label`, in its own case and spacing ("$4.64K", not "$4.64k"). */
function restAfter(text: string, label: string): string {
  for (let i = 1; i <= text.length; i++) {
    if (labelKey(text.slice(0, i)) === label) return text.slice(i).replace(/^\s*[:：]?\s*/, '');
  }
  return '';
}
