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

export const productHotUnpinnedParams = z.object({
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
});
export type ProductHotUnpinnedParams = z.infer<typeof productHotUnpinnedParams>;

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
    const cuedAt = new Map<string, number>();
    let hot: Hot | undefined;
    // Per off-screen product this check: the stretch judged and its items sold and clicks per minute.
    let candidates: ProductRecord[] = [];
    let soldRates = new Float64Array(0);
    let clickRates = new Float64Array(0);
    let spans = new Float64Array(0);
    // Per product (by index): its history's snapshot at the window's start last check, where the next
    // check's search starts (the window rolls forward).
    let fromIndex = new Int32Array(0);

    return {
      check(now) {
        hot = undefined;
        const products = room.products.products;
        if (products.length < 3) return CLEAR;
        if (soldRates.length < products.length) {
          soldRates = new Float64Array(products.length * 2);
          clickRates = new Float64Array(products.length * 2);
          spans = new Float64Array(products.length * 2);
        }
        if (fromIndex.length < products.length) {
          const grown = new Int32Array(products.length * 2).fill(-1);
          grown.set(fromIndex);
          fromIndex = grown;
        }
        const onScreen = productOnScreen(room);
        candidates = [];
        let soldSum = 0;
        let soldCount = 0;
        let clickSum = 0;
        let clickCount = 0;
        for (const product of products) {
          if (product === onScreen) continue;
          const i = candidates.length;
          candidates.push(product);
          soldRates[i] = Number.NaN;
          clickRates[i] = Number.NaN;
          const downAt = product.lastExplainedTo;
          const from = Math.max(
            now - params.windowSec * 1000,
            product.firstSeenAt,
            Number.isNaN(downAt) ? Number.NEGATIVE_INFINITY : downAt + params.graceSec * 1000,
          );
          spans[i] = now - from;
          if (now - from < params.minWindowSec * 1000 || product.openSpan) continue;
          const minutes = (now - from) / 60_000;
          const at = product.indexAt(from, fromIndex[product.index]);
          fromIndex[product.index] = at;
          const sold = product.value(PM.sold) - product.valueAtIndex(PM.sold, at);
          const clicks = product.value(PM.clicks) - product.valueAtIndex(PM.clicks, at);
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
        for (let i = 0; i < candidates.length; i++) {
          const product = candidates[i]!;
          if (product.value(PM.stock) === 0) continue; // sold out: never put up again
          if (now - (cuedAt.get(product.id) ?? Number.NEGATIVE_INFINITY) < params.recueSec * 1000) continue;
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
        if (hot) cuedAt.set(hot.product.id, now);
      },
    };
  },
});
