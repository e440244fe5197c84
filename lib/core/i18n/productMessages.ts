import { defineCatalog, type KeyOf } from './translate';

// What the ranked product list says about each product (lib/core/products/rankProducts.ts): one line on
// why it stands where it stands, and the product metrics' names. Params ending in `Sec` are durations,
// `Pct` percentages already multiplied by 100, `perMin` a rate per minute (renderProductReason.ts).

const en = {
  'product.metric.impressions': 'Impressions',
  'product.metric.clicks': 'Clicks',
  'product.metric.ctr': 'CTR',
  'product.metric.carts': 'Added to cart',
  'product.metric.sold': 'Items sold',
  'product.metric.gmv': 'GMV',
  'product.metric.stock': 'Available stock',
  'product.metric.conversionRate': 'Click-to-order',
  'product.metric.createdOrders': 'Orders created',
  'product.metric.unpaidOrders': 'Unpaid orders',
  'product.metric.explainCount': 'Times explained',
  'rank.reason.onScreen': 'On screen for {explainedSec}, selling {perMin}/min',
  'rank.reason.sellsUnpinned': 'Sells {perMin}/min without being explained',
  'rank.reason.clicksUnpinned': 'Clicked {perMin}/min without being explained',
  'rank.reason.clickThrough': 'Click-through {ctrPct}% vs room {roomPct}%',
  'rank.reason.converts': 'Click-to-order {convPct}% vs room {roomPct}%',
  'rank.reason.lastPieces': 'Stock {stock}: about to sell out — push the last pieces',
  'rank.reason.notExplained': 'Not explained yet',
  'rank.reason.dealForCoolingRoom': 'Deal item at {price} for a cooling room',
  'rank.reason.heroForPeak': 'Best seller ({sold} sold) for the traffic peak',
  'rank.reason.justExplained': 'Explained {agoSec} ago',
  'rank.reason.fading': 'Explained {explainedSec}, fading',
  'rank.reason.soldOut': 'Sold out: do not put it up again',
  'rank.reason.steady': '{sold} sold so far',
  'rank.reason.noData': 'No numbers yet',
};

const zh = {
  'product.metric.impressions': '曝光人数',
  'product.metric.clicks': '点击人数',
  'product.metric.ctr': '曝光-点击率',
  'product.metric.carts': '加购',
  'product.metric.sold': '成交件数',
  'product.metric.gmv': '成交金额',
  'product.metric.stock': '库存',
  'product.metric.conversionRate': '点击-成交转化率',
  'product.metric.createdOrders': '创建订单数',
  'product.metric.unpaidOrders': '未支付订单数',
  'product.metric.explainCount': '讲解次数',
  'rank.reason.onScreen': '讲解中 {explainedSec}，每分钟成交 {perMin} 件',
  'rank.reason.sellsUnpinned': '没讲解也每分钟卖 {perMin} 件',
  'rank.reason.clicksUnpinned': '没讲解也每分钟 {perMin} 次点击',
  'rank.reason.clickThrough': '点击率 {ctrPct}%，全场 {roomPct}%',
  'rank.reason.converts': '点击成交率 {convPct}%，全场 {roomPct}%',
  'rank.reason.lastPieces': '库存只剩 {stock}：马上卖完，逼单清最后几件',
  'rank.reason.notExplained': '还没讲过',
  'rank.reason.dealForCoolingRoom': '福利款 {price}，适合流量下滑时上',
  'rank.reason.heroForPeak': '爆款（已卖 {sold} 件），适合流量高峰时上',
  'rank.reason.justExplained': '{agoSec}前刚讲过',
  'rank.reason.fading': '已讲 {explainedSec}，热度在降',
  'rank.reason.soldOut': '已售罄：别再上了',
  'rank.reason.steady': '已卖 {sold} 件',
  'rank.reason.noData': '还没有数据',
};

export const productMessages = defineCatalog(en, zh);
export type ProductMessageKey = KeyOf<typeof productMessages>;
export type ProductReasonKey = Extract<ProductMessageKey, `rank.reason.${string}`>;
