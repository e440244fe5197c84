import { builtOnFirstUse } from '../../builtOnFirstUse';
import { addToFunnel, emptyFunnel, funnelTotals } from '../../products/funnelTotals';
import { PM, type ProductRecord } from '../../products/productBook';
import { z } from '../../zodMini';
import { productKey, productOnScreen, productParams } from '../productOnScreen';
import type { RoomStats } from '../roomStats';
import {
  CLEAR,
  commonFields,
  defineRule,
  FIRE,
  field,
  intIn,
  numberIn,
  type Proposal,
  round,
} from '../ruleDefinition';

// 过款: the product on screen has stopped pulling. Its click-through (the pitch and the price's pull) or
// its click-to-order (the push to order) over the last minutes fell clearly below its own first minutes on
// screen, and below what the room's other products did while they were explained: the pitch is spent, move
// on (with the numbers). Cued once per explain span.

export const productFadingParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 60, ttlSec: 150 }),
    /** Its first minutes on screen: the rates it is compared with. */
    baselineSec: field(intIn(60, 1800), 120),
    /** The recent window. */
    recentSec: field(intIn(60, 1800), 120),
    /** Fading when the recent rate is at most this × its first minutes'. */
    fadeRatio: field(numberIn(0.05, 0.95), 0.6),
    /** …and at most this × the other products' rate while explained. */
    othersRatio: field(numberIn(0.1, 2), 1),
    /** Impressions each window needs before its click-through says anything. */
    minImpressions: field(intIn(10, 1_000_000), 200),
    /** Clicks each window needs before its click-to-order says anything… */
    minClicks: field(intIn(5, 1_000_000), 30),
    /**
     * …and the recent window must have been expected to bring at least this many clicks (for click-through)
     * or items sold (for click-to-order) at the first minutes' rate: a fall from 8 sales to 4 is noise.
     */
    minExpected: field(intIn(1, 100_000), 10),
  }),
);
export type ProductFadingParams = z.infer<ReturnType<typeof productFadingParams>>;

interface Fade {
  kind: 'ctr' | 'conversion';
  first: number;
  recent: number;
  others: number;
}

/** Clicks per impression and sold per click of every other product over its explain spans (whole session when none was explained). */
function othersRates(products: readonly ProductRecord[], skip: ProductRecord, now: number) {
  const totals = emptyFunnel();
  for (const product of products) {
    if (product === skip || product.spans.length === 0) continue;
    for (const span of product.spans) {
      const to = span.to ?? now;
      addToFunnel(
        totals,
        product.deltaBetween(PM.impressions, span.from, to),
        product.deltaBetween(PM.clicks, span.from, to),
        product.deltaBetween(PM.sold, span.from, to),
      );
    }
  }
  // No other product was explained with numbers to show: judge against the whole session instead.
  if (totals.impressions === 0) funnelTotals(products, skip, totals);
  return {
    ctr: totals.impressions > 0 ? totals.clicks / totals.impressions : Number.NaN,
    conversion: totals.clicksWithSold > 0 ? totals.sold / totals.clicksWithSold : Number.NaN,
  };
}

export const productFading = defineRule({
  id: 'product-fading',
  severity: 'act',
  priority: 55,
  onTick: false,
  // Two-minute windows: every 10 s is soon enough.
  checkEverySec: 10,
  keyed: true,
  reads: [],
  paramsSchema: productFadingParams,
  create(params: ProductFadingParams, room: RoomStats) {
    /** Per product: the explain span last cued. */
    const cued = new Map<string, number>();
    let fade: Fade | undefined;
    // The snapshots found at the four times last check, where this check's searches start: the span's
    // start and the end of its first minutes stay put, the recent window rolls forward by a step or two.
    let hintFrom = -1;
    let hintBaseEnd = -1;
    let hintRecentFrom = -1;
    let hintNow = -1;

    /** Rates of the product's first minutes of this span and of the recent window, when both say something. */
    const windows = (product: ProductRecord, from: number, now: number) => {
      const baseEnd = from + params.baselineSec * 1000;
      const recentFrom = now - params.recentSec * 1000;
      if (recentFrom < baseEnd) return undefined;
      // The history's snapshots at the four times, each found once for every metric read there.
      const atFrom = product.indexAt(from, hintFrom);
      const atBaseEnd = product.indexAt(baseEnd, hintBaseEnd);
      const atRecentFrom = product.indexAt(recentFrom, hintRecentFrom);
      const atNow = product.indexAt(now, hintNow);
      hintFrom = atFrom;
      hintBaseEnd = atBaseEnd;
      hintRecentFrom = atRecentFrom;
      hintNow = atNow;
      const delta = (metric: number, a: number, b: number) =>
        product.valueAtIndex(metric, b) - product.valueAtIndex(metric, a);
      const rate = (top: number, bottom: number, a: number, b: number, min: number) => {
        const below = delta(bottom, a, b);
        return below >= min ? delta(top, a, b) / below : Number.NaN;
      };
      const firstCtr = rate(PM.clicks, PM.impressions, atFrom, atBaseEnd, params.minImpressions);
      const firstConv = rate(PM.sold, PM.clicks, atFrom, atBaseEnd, params.minClicks);
      const recentImpressions = delta(PM.impressions, atRecentFrom, atNow);
      const recentClicks = delta(PM.clicks, atRecentFrom, atNow);
      return {
        firstCtr,
        recentCtr:
          recentImpressions * firstCtr >= params.minExpected
            ? rate(PM.clicks, PM.impressions, atRecentFrom, atNow, params.minImpressions)
            : Number.NaN,
        firstConv,
        recentConv:
          recentClicks * firstConv >= params.minExpected
            ? rate(PM.sold, PM.clicks, atRecentFrom, atNow, params.minClicks)
            : Number.NaN,
      };
    };

    return {
      check(now) {
        fade = undefined;
        const product = productOnScreen(room);
        if (!product) return CLEAR;
        const from = product.openSpan?.from ?? room.productSinceTs;
        if (Number.isNaN(from) || cued.get(product.id) === from) return CLEAR;
        if (!product.known(PM.impressions) && !product.known(PM.sold)) return CLEAR;
        // Sold out on screen is stock-low's cue (switch now), not a spent pitch.
        if (product.value(PM.stock) === 0) return CLEAR;
        const w = windows(product, from, now);
        if (!w) return CLEAR;
        const ctrFades = w.recentCtr <= params.fadeRatio * w.firstCtr;
        const convFades = w.recentConv <= params.fadeRatio * w.firstConv;
        if (!ctrFades && !convFades) return CLEAR;
        // Only now (rarely) look at the other products.
        const others = othersRates(room.products.products, product, now);
        if (ctrFades && product.known(PM.clicks) && w.recentCtr <= params.othersRatio * others.ctr) {
          fade = { kind: 'ctr', first: w.firstCtr, recent: w.recentCtr, others: others.ctr };
        } else if (
          convFades &&
          product.known(PM.sold) &&
          w.recentConv <= params.othersRatio * others.conversion
        ) {
          fade = { kind: 'conversion', first: w.firstConv, recent: w.recentConv, others: others.conversion };
        }
        return fade ? FIRE : CLEAR;
      },
      propose(now): Proposal {
        const product = productOnScreen(room)!;
        const f = fade!;
        const from = product.openSpan?.from ?? room.productSinceTs;
        const pct = (value: number) => round(value * 100, 1);
        return {
          key: productKey(product),
          title: f.kind === 'ctr' ? 'cue.product-fading.titleCtr' : 'cue.product-fading.titleConversion',
          detail: 'cue.product-fading.detail',
          params: {
            ...productParams(product),
            firstPct: pct(f.first),
            nowPct: pct(f.recent),
            othersPct: pct(f.others),
            explainedSec: round((now - from) / 1000),
            recentSec: params.recentSec,
          },
          evidence: [
            {
              metric: f.kind === 'ctr' ? 'productCtr' : 'productConversion',
              productId: product.id,
              from: pct(f.first),
              to: pct(f.recent),
              windowSec: params.recentSec,
            },
          ],
          outcome: 'orders',
        };
      },
      fired() {
        const product = productOnScreen(room);
        if (product) cued.set(product.id, product.openSpan?.from ?? room.productSinceTs);
      },
    };
  },
});
