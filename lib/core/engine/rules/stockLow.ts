import { builtOnFirstUse } from '../../builtOnFirstUse';
import { PM } from '../../products/productBook';
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
  type Proposal,
  type RuleLevel,
  round,
} from '../ruleDefinition';

// 库存告急: the product being explained will sell out within minutes at its current pace, or its stock is
// under the floor (Douyin's own filter flags stock under 10). Say the last pieces aloud (a real close), get
// stock added or the next product ready; once sold out, switch — a sold-out product on screen only loses
// the room. Cued once per explain span and level (low, then sold out); a restock re-arms it.

export const stockLowParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 30, ttlSec: 180 }),
    /** Cue when the stock lasts at most this many minutes at the recent sell rate. */
    runOutMin: field(intIn(1, 60), 5),
    /** …or when the stock is under this many items. */
    floor: field(intIn(0, 100000), 10),
    /** The sell rate is the items sold over this window. */
    rateWindowSec: field(intIn(60, 1800), 180),
    /** Items sold in the window needed to trust the rate. */
    minSold: field(intIn(1, 10000), 3),
  }),
);
export type StockLowParams = z.infer<ReturnType<typeof stockLowParams>>;

const LOW = 1;
const SOLD_OUT = 2;

export const stockLow = defineRule({
  id: 'stock-low',
  severity: 'act',
  priority: 80,
  onTick: false,
  checkEverySec: 5,
  keyed: true,
  reads: [],
  paramsSchema: stockLowParams,
  create(params: StockLowParams, room: RoomStats) {
    /** Per product: the explain span (its start) and level last cued. */
    const cued = new Map<string, { spanFrom: number; level: number }>();
    let level = 0;
    let perMin = Number.NaN;
    let rateFrom = Number.NaN;
    // The history's snapshot at the rate window's start last check: the window rolls forward, so the next
    // search starts there (a hint only speeds indexAt up, whatever product it came from).
    let fromHint = -1;

    const judge = (now: number): number => {
      const product = productOnScreen(room);
      if (!product?.known(PM.stock)) return 0;
      const stock = product.value(PM.stock);
      if (stock <= 0) return SOLD_OUT;
      rateFrom = Math.max(now - params.rateWindowSec * 1000, product.firstSeenAt);
      // The pace while explained is the one that empties the stock: once a minute in, judge by it alone.
      const spanFrom = product.openSpan?.from ?? Number.NaN;
      if (now - spanFrom >= 60_000) rateFrom = Math.max(rateFrom, spanFrom);
      const from = rateFrom;
      let sold = Number.NaN;
      if (product.known(PM.sold)) {
        fromHint = product.indexAt(from, fromHint);
        sold = product.value(PM.sold) - product.valueAtIndex(PM.sold, fromHint);
      }
      perMin = sold >= params.minSold && now > from ? (sold * 60_000) / (now - from) : Number.NaN;
      if (stock < params.floor) return LOW;
      return perMin > 0 && stock / perMin <= params.runOutMin ? LOW : 0;
    };

    return {
      check(now): RuleLevel {
        level = judge(now);
        const product = productOnScreen(room);
        if (!product) return CLEAR;
        const spanFrom = product.openSpan?.from ?? room.productSinceTs;
        const before = cued.get(product.id);
        if (before && before.spanFrom === spanFrom && before.level >= level) {
          // Restocked well above the floor and the runway: the same span may be cued again.
          const stock = product.value(PM.stock);
          const runway = perMin > 0 ? stock / perMin : Number.POSITIVE_INFINITY;
          if (stock >= 2 * Math.max(1, params.floor) && runway > 2 * params.runOutMin)
            cued.delete(product.id);
          return CLEAR;
        }
        return level > 0 ? FIRE : CLEAR;
      },
      propose(now): Proposal {
        const product = productOnScreen(room)!;
        const stock = product.value(PM.stock);
        const windowSec = Math.round((now - rateFrom) / 1000);
        const stockBefore = product.valueAt(PM.stock, now - windowSec * 1000);
        const known = !Number.isNaN(perMin);
        const leftSec = known && stock > 0 ? round((stock / perMin) * 60) : 0;
        return {
          key: productKey(product),
          severity: level === SOLD_OUT ? 'urgent' : 'act',
          title:
            level === SOLD_OUT
              ? 'cue.stock-low.titleSoldOut'
              : known
                ? 'cue.stock-low.title'
                : 'cue.stock-low.titleFloor',
          detail: level === SOLD_OUT ? 'cue.stock-low.detailSoldOut' : 'cue.stock-low.detail',
          params: {
            ...productParams(product),
            stock,
            perMin: known ? round(perMin, 1) : 0,
            leftSec,
            floor: params.floor,
          },
          evidence: [
            {
              metric: 'productStock',
              productId: product.id,
              from: Number.isNaN(stockBefore) ? stock : stockBefore,
              to: stock,
              windowSec,
            },
            ...(known
              ? [
                  {
                    metric: 'productSellPerMin' as const,
                    productId: product.id,
                    from: 0,
                    to: round(perMin, 1),
                    windowSec,
                  },
                ]
              : []),
          ],
          outcome: 'orders',
        };
      },
      fired() {
        const product = productOnScreen(room);
        if (!product) return;
        cued.set(product.id, { spanFrom: product.openSpan?.from ?? room.productSinceTs, level });
      },
    };
  },
});
