import type { ProductReasonKey } from '../i18n/productMessages';
import { funnelTotals } from './funnelTotals';
import { PM, type ProductBook, type ProductRecord } from './productBook';

// "What to put up next" (排品 live): every product but the one on screen, ranked for the operator, each with
// its live funnel (impressions → clicks → carts → sold), stock, time explained and the one reason that
// placed it. The thinking of an operator running a 30-product evening: a product that sells or is clicked
// without being explained is demand waiting (put it up); one whose click-through or conversion beats the
// room's pitches well; one not explained yet deserves its slot; a deal item (福利款) holds a cooling room and
// the best seller (爆款) takes a peak; one explained long and fading, or just taken down, waits; a sold-out
// one never goes up again. Pure: the same book and time give the same list.

export interface ProductFunnel {
  impressions: number | null;
  clicks: number | null;
  carts: number | null;
  sold: number | null;
  /** clicks ÷ impressions (the page's CTR when it shows no counts). */
  ctr: number | null;
  /** carts ÷ clicks. */
  clickToCart: number | null;
  /** sold ÷ carts (sold ÷ clicks when carts are not shown: `clickToSold`). */
  cartToSold: number | null;
  clickToSold: number | null;
}

export interface ProductReason {
  key: ProductReasonKey;
  params: Record<string, string | number>;
}

export interface RankedProduct {
  id: string;
  name: string;
  price: number | null;
  /** 1 for the best next product; 0 for the product on screen. */
  rank: number;
  score: number;
  pinned: boolean;
  soldOut: boolean;
  funnel: ProductFunnel;
  stock: number | null;
  gmv: number | null;
  /** Items sold / clicks per minute over the recent window (null: not known yet). */
  sellPerMin: number | null;
  clicksPerMin: number | null;
  /** Seconds explained so far this session, and how many times it was put up. */
  explainedSec: number;
  explainCount: number;
  reason: ProductReason;
}

export interface ProductRanking {
  /** The product on screen now (pinned / being explained), or null. */
  pinned: RankedProduct | null;
  /** Every other product, best next first; sold-out ones last. */
  next: RankedProduct[];
  /** The room's click-through and click-to-order over all products (null: not enough impressions). */
  roomCtr: number | null;
  roomClickToSold: number | null;
}

export interface RankOptions {
  /** Recent window for rates (default 300 s). */
  windowSec?: number;
  /** How the room's traffic moves now (from the room-level rules): a cooling room wants a deal item. */
  roomTrend?: 'falling' | 'rising' | 'steady';
  /** Stock at or under this is "last pieces" (default 10, Douyin's 库存告急). */
  lowStock?: number;
  /** A product explained this long or more and fading waits (default 600 s). */
  longExplainedSec?: number;
  /** A product taken down this recently waits (default 300 s). */
  restSec?: number;
}

/** Impressions and clicks below these say nothing about a rate yet. */
const MIN_IMPRESSIONS = 100;
const MIN_CLICKS = 20;

const orNull = (value: number) => (Number.isFinite(value) ? value : null);
const ratio = (top: number, bottom: number) => (bottom > 0 && top >= 0 ? top / bottom : Number.NaN);
const pct = (value: number) => Math.round(value * 1000) / 10;
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

function funnelOf(product: ProductRecord): ProductFunnel {
  const impressions = product.value(PM.impressions);
  const clicks = product.value(PM.clicks);
  const carts = product.value(PM.carts);
  const sold = product.value(PM.sold);
  const ctr = impressions >= MIN_IMPRESSIONS ? ratio(clicks, impressions) : product.value(PM.ctr);
  return {
    impressions: orNull(impressions),
    clicks: orNull(clicks),
    carts: orNull(carts),
    sold: orNull(sold),
    ctr: orNull(ctr),
    clickToCart: orNull(ratio(carts, clicks)),
    cartToSold: orNull(ratio(sold, carts)),
    clickToSold: orNull(clicks >= MIN_CLICKS ? ratio(sold, clicks) : product.value(PM.conversionRate)),
  };
}

/** The room's click-through and click-to-order: all products' clicks over impressions, sold over clicks. */
export function roomRates(book: ProductBook): { ctr: number; clickToSold: number } {
  const { impressions, clicks, clicksWithSold, sold } = funnelTotals(book.products);
  return {
    ctr: impressions >= MIN_IMPRESSIONS ? clicks / impressions : Number.NaN,
    clickToSold: clicksWithSold >= MIN_CLICKS ? sold / clicksWithSold : Number.NaN,
  };
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function rankProducts(book: ProductBook, now: number, options: RankOptions = {}): ProductRanking {
  const windowSec = options.windowSec ?? 300;
  const lowStock = options.lowStock ?? 10;
  const longExplainedMs = (options.longExplainedSec ?? 600) * 1000;
  const restMs = (options.restSec ?? 300) * 1000;
  const room = roomRates(book);
  const prices = book.products.flatMap((p) => (p.price !== undefined && p.price > 0 ? [p.price] : []));
  const medianPrice = median(prices);
  let bestSold = Number.NEGATIVE_INFINITY;
  let bestSeller: ProductRecord | undefined;
  for (const product of book.products) {
    const sold = product.value(PM.sold);
    if (sold > bestSold && product.value(PM.stock) !== 0) {
      bestSold = sold;
      bestSeller = product;
    }
  }

  // The usual click rate of a product off screen: clicks well above it are interest of the product's own.
  const pinnedRecord = book.pinned;
  const clickRates: number[] = [];
  for (const product of book.products) {
    if (product === pinnedRecord) continue;
    const rate = product.ratePerMin(PM.clicks, windowSec, now);
    if (!Number.isNaN(rate)) clickRates.push(rate);
  }
  const usualClicks = median(clickRates);

  const line = (product: ProductRecord, pinned: boolean): RankedProduct => {
    const funnel = funnelOf(product);
    const stock = product.value(PM.stock);
    const soldOut = stock === 0;
    const sellPerMin = product.ratePerMin(PM.sold, windowSec, now);
    const clicksPerMin = product.ratePerMin(PM.clicks, windowSec, now);
    const explainedMs = product.explainedMs(now);
    const explainCount = Math.max(product.spans.length, product.value(PM.explainCount) || 0);
    // Each signal adds to the score; the one that adds (or takes) the most is the reason given.
    let score = 0;
    let reason: ProductReason = Number.isNaN(product.value(PM.sold))
      ? { key: 'rank.reason.noData', params: {} }
      : { key: 'rank.reason.steady', params: { sold: product.value(PM.sold) } };
    let weight = 0;
    const add = (points: number, key: ProductReasonKey, params: ProductReason['params'] = {}) => {
      score += points;
      if (Math.abs(points) > weight) {
        weight = Math.abs(points);
        reason = { key, params };
      }
    };
    if (pinned) {
      add(1, 'rank.reason.onScreen', {
        explainedSec: Math.round((now - (product.openSpan?.from ?? now)) / 1000),
        perMin: Number.isNaN(sellPerMin) ? 0 : oneDecimal(sellPerMin),
      });
    } else if (soldOut) {
      add(-1000, 'rank.reason.soldOut');
    } else {
      // Sales since it was last taken down only: the pitch's tail is not demand of its own.
      const downFor = now - product.lastExplainedTo;
      const sinceDown = Number.isNaN(downFor) ? windowSec : Math.min(windowSec, downFor / 1000);
      const unpinnedSell = sinceDown >= 60 ? product.ratePerMin(PM.sold, sinceDown, now) : Number.NaN;
      const unpinnedClicks = sinceDown >= 60 ? product.ratePerMin(PM.clicks, sinceDown, now) : Number.NaN;
      if (unpinnedSell >= 0.5) {
        add(40 + 10 * Math.min(5, unpinnedSell), 'rank.reason.sellsUnpinned', {
          perMin: oneDecimal(unpinnedSell),
        });
      } else if (unpinnedClicks >= 5 && unpinnedClicks >= 2 * usualClicks) {
        add(15 + 1.5 * Math.min(10, unpinnedClicks), 'rank.reason.clicksUnpinned', {
          perMin: oneDecimal(unpinnedClicks),
        });
      }
      const ctr = funnel.ctr;
      if (ctr !== null && (funnel.impressions ?? 0) >= MIN_IMPRESSIONS && ctr >= room.ctr * 1.5) {
        add(15 + 15 * Math.min(3, ctr / room.ctr - 1), 'rank.reason.clickThrough', {
          ctrPct: pct(ctr),
          roomPct: pct(room.ctr),
        });
      }
      const conv = funnel.clickToSold;
      if (conv !== null && (funnel.clicks ?? 0) >= MIN_CLICKS && conv >= room.clickToSold * 1.5) {
        add(12 + 10 * Math.min(3, conv / room.clickToSold - 1), 'rank.reason.converts', {
          convPct: pct(conv),
          roomPct: pct(room.clickToSold),
        });
      }
      if (stock > 0 && stock <= lowStock && sellPerMin > 0) {
        add(18, 'rank.reason.lastPieces', { stock });
      }
      if (product.spans.length === 0) add(16, 'rank.reason.notExplained');
      const price = product.price;
      if (options.roomTrend === 'falling' && price !== undefined && price <= medianPrice * 0.7) {
        add(35, 'rank.reason.dealForCoolingRoom', { price });
      }
      if (options.roomTrend === 'rising' && product === bestSeller && bestSold > 0) {
        add(35, 'rank.reason.heroForPeak', { sold: bestSold });
      }
      if (downFor < restMs) {
        add(-25, 'rank.reason.justExplained', { agoSec: Math.round(downFor / 1000) });
      } else if (explainedMs >= longExplainedMs && !(unpinnedSell >= 0.5)) {
        add(-20, 'rank.reason.fading', { explainedSec: Math.round(explainedMs / 1000) });
      }
    }
    return {
      id: product.id,
      name: product.name,
      price: product.price ?? null,
      rank: 0,
      score: Math.round(score * 10) / 10,
      pinned,
      soldOut,
      funnel,
      stock: orNull(stock),
      gmv: orNull(product.value(PM.gmv)),
      sellPerMin: orNull(sellPerMin),
      clicksPerMin: orNull(clicksPerMin),
      explainedSec: Math.round(explainedMs / 1000),
      explainCount,
      reason,
    };
  };

  const next: RankedProduct[] = [];
  for (const product of book.products) if (product !== pinnedRecord) next.push(line(product, false));
  // Best first; among equals the one first listed (the operator's own order).
  const order = new Map(book.products.map((p) => [p.id, p.index]));
  next.sort((a, b) => b.score - a.score || order.get(a.id)! - order.get(b.id)!);
  next.forEach((product, i) => {
    product.rank = i + 1;
  });
  return {
    pinned: pinnedRecord ? line(pinnedRecord, true) : null,
    next,
    roomCtr: orNull(room.ctr),
    roomClickToSold: orNull(room.clickToSold),
  };
}
