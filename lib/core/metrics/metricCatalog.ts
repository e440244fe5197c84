// The canonical metrics of DESIGN.md §2: ids, kinds, units and the labels dashboards use for them.
// Plain data with no imports, so the content script can carry it cheaply.

export const METRIC_IDS = [
  'viewers',
  'entries',
  'views',
  'gmv',
  'orders',
  'buyers',
  'productClicks',
  'comments',
  'likes',
  'newFollowers',
  'avgWatchSec',
  'conversionRate',
] as const;

export type MetricId = (typeof METRIC_IDS)[number];

/** gauge: a level that can go up and down; counter: a running total that only grows in a session. */
export type MetricKind = 'gauge' | 'counter';
export type MetricUnit =
  | 'people'
  | 'views'
  | 'currency'
  | 'orders'
  | 'clicks'
  | 'comments'
  | 'likes'
  | 'seconds'
  | 'ratio';

export interface MetricInfo {
  kind: MetricKind;
  unit: MetricUnit;
  /** Labels seen on dashboards, Chinese first, then English; matched after normalising case and spaces. */
  labels: readonly string[];
}

/**
 * Kinds alone, for code that needs no labels (the engine, exports): importing only this keeps the label
 * lists out of the background bundle.
 */
export const METRIC_KIND: Record<MetricId, MetricKind> = {
  viewers: 'gauge',
  entries: 'counter',
  views: 'counter',
  gmv: 'counter',
  orders: 'counter',
  buyers: 'counter',
  productClicks: 'counter',
  comments: 'counter',
  likes: 'counter',
  newFollowers: 'counter',
  avgWatchSec: 'gauge',
  conversionRate: 'gauge',
};

export const METRICS: Record<MetricId, MetricInfo> = {
  viewers: {
    kind: 'gauge',
    unit: 'people',
    labels: [
      '在线人数',
      '实时在线人数',
      '实时观看人数',
      '在线观众',
      '当前在线',
      '在线',
      '人在线',
      '人在看',
      'Viewers',
      'Current viewers',
      'Online viewers',
    ],
  },
  entries: {
    kind: 'counter',
    unit: 'people',
    labels: [
      '进入人数',
      '进房人数',
      '进入直播间人数',
      '累计观众数',
      '累计观看人数',
      '进入',
      '人进入直播间',
      '进入直播间',
      '人看过',
      'Entries',
      'Unique viewers',
    ],
  },
  views: {
    kind: 'counter',
    unit: 'views',
    labels: ['累计观看人次', '观看人次', '累计观看', 'Views', 'Total views'],
  },
  gmv: {
    kind: 'counter',
    unit: 'currency',
    labels: [
      '成交金额',
      '累计成交金额',
      '直播间成交金额',
      '直播成交金额',
      '成交额',
      '销售额',
      'GMV',
      'Revenue',
      'Attributed GMV',
    ],
  },
  orders: {
    kind: 'counter',
    unit: 'orders',
    labels: ['成交件数', '成交订单数', '订单数', '累计订单数', 'Orders', 'Items sold'],
  },
  buyers: { kind: 'counter', unit: 'people', labels: ['成交人数', 'Buyers', 'Customers'] },
  productClicks: {
    kind: 'counter',
    unit: 'clicks',
    labels: ['商品点击次数', '商品点击人数', '商品点击', '点击', 'Product clicks'],
  },
  comments: { kind: 'counter', unit: 'comments', labels: ['评论次数', '评论数', 'Comments'] },
  likes: { kind: 'counter', unit: 'likes', labels: ['点赞数', '本场点赞', 'Likes'] },
  newFollowers: {
    kind: 'counter',
    unit: 'people',
    labels: ['新增粉丝', '新增粉丝数', '累计新增粉丝', '新增关注', '涨粉', 'New followers'],
  },
  avgWatchSec: {
    kind: 'gauge',
    unit: 'seconds',
    labels: [
      '人均观看时长',
      '人均停留时长',
      'Avg. watch time',
      'Average watch time',
      'Avg watch time',
      'Avg. viewing duration per view',
      'Avg. viewing duration',
      'Average viewing duration',
    ],
  },
  conversionRate: {
    kind: 'gauge',
    unit: 'ratio',
    labels: ['成交转化率', '点击-成交转化率', '商品点击-成交率', '商品转化率', 'CTOR', 'Conversion rate'],
  },
};

export const isMetricId = (value: unknown): value is MetricId =>
  typeof value === 'string' && (METRIC_IDS as readonly string[]).includes(value);
