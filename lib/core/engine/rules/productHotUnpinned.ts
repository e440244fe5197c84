import { builtOnFirstUse } from '../../builtOnFirstUse';
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

// A product not being explained sells, or is clicked, clearly above the rest of the list: demand without a
// pitch (viewers found it in the cart). Put it up and explain it. The tail of a pitch is not demand of its
// own: a product's sales in the minutes after it left the screen do not count. One cue per product, again
// after `recueSec` once it has cooled.

export const productHotUnpinnedParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 60, ttlSec: 180 }),
    windowSec: field(intIn(60, 1800), 300),
    /** The least stretch judged (a product just taken down waits for it). */
    minWindowSec: field(intIn(30, 1800), 120),
    /** Sales and clicks this soon after a product left the screen are its pitch's tail. */
    graceSec: field(intIn(0, 1800), 120),
    /** Items sold in the window, and this × the other off-screen products' mean. */
    minSold: field(intIn(1, 100000), 5),
    soldRatio: field(numberIn(1.5, 100), 3),
    /** …or clicks in the window, and this × the others' mean. */
    minClicks: field(intIn(1, 1_000_000), 40),
    clicksRatio: field(numberIn(1.5, 100), 3),
    /** A product cued is not cued again for this long. */
    recueSec: field(intIn(60, 7200), 900),
  }),
);
export type ProductHotUnpinnedParams = z.infer<ReturnType<typeof productHotUnpinnedParams>>;

interface Hot {
  product: ProductRecord;
  kind: 'sold' | 'clicks';
  perMin: number;
  othersPerMin: number;
  windowSec: number;
}

export const productHotUnpinned = defineRule({
  id: 'product-hot-unpinned',
  severity: 'act',
  priority: 60,
  onTick: false,
  // Judged over five minutes of thirty products or more: every 15 s is soon enough, and cheap.
  checkEverySec: 15,
  keyed: true,
  reads: [],
  paramsSchema: productHotUnpinnedParams,
  create(params: ProductHotUnpinnedParams, room: RoomStats) {
    const windowMs = params.windowSec * 1000;
    const graceMs = params.graceSec * 1000;
    const minWindowMs = params.minWindowSec * 1000;
    const recueMs = params.recueSec * 1000;
    let hot: Hot | undefined;
    // Per off-screen product this check (candidates[0, count)): the stretch judged and its items sold and
    // clicks per minute.
    const candidates: ProductRecord[] = [];
    let count = 0;
    let soldRates = new Float64Array(0);
    let clickRates = new Float64Array(0);
    let spans = new Float64Array(0);
    // Per product (by index): when it was last cued; its history's snapshot at the window's start last
    // check, that snapshot's items sold and clicks, and the times it stands between (its own and the next
    // snapshot's). Every snapshot but the newest is settled, so while the window starts within those times
    // the same snapshot stands with these values, and a check reads no history (NaN: look again).
    let cuedAt = new Float64Array(0);
    let fromIndex = new Int32Array(0);
    let fromTs = new Float64Array(0);
    let fromSold = new Float64Array(0);
    let fromClicks = new Float64Array(0);
    let nextTs = new Float64Array(0);

    /** Grows the per-product arrays to hold `n` products, keeping what they hold. */
    const grow = (n: number) => {
      const size = n * 2;
      soldRates = new Float64Array(size);
      clickRates = new Float64Array(size);
      spans = new Float64Array(size);
      const grownCued = new Float64Array(size).fill(Number.NEGATIVE_INFINITY);
      grownCued.set(cuedAt);
      cuedAt = grownCued;
      const grownIndex = new Int32Array(size).fill(-1);
      grownIndex.set(fromIndex);
      fromIndex = grownIndex;
      const grownSold = new Float64Array(size);
      grownSold.set(fromSold);
      fromSold = grownSold;
      const grownClicks = new Float64Array(size);
      grownClicks.set(fromClicks);
      fromClicks = grownClicks;
      const grownFromTs = new Float64Array(size).fill(Number.NaN);
      grownFromTs.set(fromTs);
      fromTs = grownFromTs;
      const grownNext = new Float64Array(size).fill(Number.NaN);
      grownNext.set(nextTs);
      nextTs = grownNext;
      candidates.length = size;
    };

    return {
      check(now) {
        hot = undefined;
        const products = room.products.products;
        if (products.length < 3) return CLEAR;
        if (soldRates.length < products.length) grow(products.length);
        const onScreen = productOnScreen(room);
        count = 0;
        let soldSum = 0;
        let soldCount = 0;
        let clickSum = 0;
        let clickCount = 0;
        for (let p = 0; p < products.length; p++) {
          const product = products[p]!;
          if (product === onScreen) continue;
          const i = count++;
          candidates[i] = product;
          soldRates[i] = Number.NaN;
          clickRates[i] = Number.NaN;
          // Its last pin / explain span: open (explained now), or when it ended.
          const explained = product.spans;
          const last = explained.length > 0 ? explained[explained.length - 1]! : undefined;
          const downAt = last !== undefined && last.to !== null ? last.to : Number.NaN;
          const from = Math.max(
            now - windowMs,
            product.firstSeenAt,
            Number.isNaN(downAt) ? Number.NEGATIVE_INFINITY : downAt + graceMs,
          );
          spans[i] = now - from;
          if (now - from < minWindowMs || (last !== undefined && last.to === null)) continue;
          const minutes = (now - from) / 60_000;
          const k = product.index;
          if (!(fromTs[k]! <= from && from < nextTs[k]!)) {
            const at = product.indexAt(from, fromIndex[k]);
            const n = product.historyLength;
            fromIndex[k] = at;
            fromSold[k] = product.valueAtIndex(PM.sold, at);
            fromClicks[k] = product.valueAtIndex(PM.clicks, at);
            fromTs[k] = at < 0 ? Number.NEGATIVE_INFINITY : product.tsAt(at);
            nextTs[k] = at + 1 < n - 1 ? product.tsAt(at + 1) : Number.NaN;
          }
          const sold = product.value(PM.sold) - fromSold[k]!;
          const clicks = product.value(PM.clicks) - fromClicks[k]!;
          if (sold >= 0) {
            soldRates[i] = sold / minutes;
            soldSum += soldRates[i]!;
            soldCount++;
          }
          if (clicks >= 0) {
            clickRates[i] = clicks / minutes;
            clickSum += clickRates[i]!;
            clickCount++;
          }
        }
        let best = 0;
        for (let i = 0; i < count; i++) {
          const product = candidates[i]!;
          if (product.value(PM.stock) === 0) continue; // sold out: never put up again
          if (now - cuedAt[product.index]! < recueMs) continue;
          const minutes = spans[i]! / 60_000;
          const sold = soldRates[i]!;
          if (sold * minutes >= params.minSold && soldCount >= 3) {
            const others = (soldSum - sold) / (soldCount - 1);
            const lift = sold / Math.max(others, 0.05);
            if (sold >= params.soldRatio * others && lift + 1000 > best) {
              best = lift + 1000; // sales outrank clicks
              hot = {
                product,
                kind: 'sold',
                perMin: sold,
                othersPerMin: others,
                windowSec: spans[i]! / 1000,
              };
            }
          }
          const clicks = clickRates[i]!;
          if (clicks * minutes >= params.minClicks && clickCount >= 3) {
            const others = (clickSum - clicks) / (clickCount - 1);
            const lift = clicks / Math.max(others, 0.5);
            if (clicks >= params.clicksRatio * others && lift > best) {
              best = lift;
              hot = {
                product,
                kind: 'clicks',
                perMin: clicks,
                othersPerMin: others,
                windowSec: spans[i]! / 1000,
              };
            }
          }
        }
        return hot ? FIRE : CLEAR;
      },
      propose(): Proposal {
        const h = hot!;
        return {
          key: productKey(h.product),
          title:
            h.kind === 'sold' ? 'cue.product-hot-unpinned.titleSold' : 'cue.product-hot-unpinned.titleClicks',
          detail: 'cue.product-hot-unpinned.detail',
          params: {
            ...productParams(h.product),
            perMin: round(h.perMin, 1),
            othersPerMin: round(h.othersPerMin, 1),
            windowSec: round(h.windowSec),
          },
          evidence: [
            {
              metric: h.kind === 'sold' ? 'productSellPerMin' : 'productClicksPerMin',
              productId: h.product.id,
              from: round(h.othersPerMin, 1),
              to: round(h.perMin, 1),
              windowSec: round(h.windowSec),
            },
          ],
          outcome: 'orders',
        };
      },
      fired(now) {
        if (hot) cuedAt[hot.product.index] = now;
      },
    };
  },
});
