import { builtOnFirstUse } from '../../builtOnFirstUse';
import { PM } from '../../products/productBook';
import { z } from '../../zodMini';
import { productOnScreen } from '../productOnScreen';
import { type RoomStats, S } from '../roomStats';
import {
  CLEAR,
  commonFields,
  defineRule,
  FIRE,
  field,
  HOLD,
  intIn,
  numberIn,
  round,
} from '../ruleDefinition';

// About five minutes per product (practice): once a product has been up that long and its sales are fading,
// move on. A product that keeps selling stays up until twice the slot length. Without a plan only —
// with one, plan-next keeps the run-of-show. When the page's product table says which product is pinned,
// its real explain span is the time up and its own items sold the pace (the room's orders otherwise).

export const productDwellParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 120, ttlSec: 120 }),
    dwellSec: field(intIn(60, 3600), 300),
    fadeWindowSec: field(intIn(30, 600), 120),
    fadeRatio: field(numberIn(0, 1), 0.6),
  }),
);
export type ProductDwellParams = z.infer<ReturnType<typeof productDwellParams>>;

export const productDwell = defineRule({
  id: 'product-dwell',
  severity: 'act',
  priority: 50,
  onTick: false,
  checkEverySec: 5,
  reads: ['orders'],
  paramsSchema: productDwellParams,
  create(params: ProductDwellParams, room: RoomStats) {
    let key = '';
    let ordersAtStart = Number.NaN;
    const dwellSec = (now: number) => (now - room.productSinceTs) / 1000;
    // The fade window stretches to hold several changes of the order count at its own cadence.
    const fadeWindow = () => room.windowFor(S.orders, params.fadeWindowSec);
    const rates = (now: number) => {
      const product = productOnScreen(room);
      if (product?.known(PM.sold)) {
        const since = room.productSinceTs;
        const average =
          ((product.value(PM.sold) - product.valueAt(PM.sold, Math.max(since, product.firstSeenAt))) * 60) /
          dwellSec(now);
        const recent = product.ratePerMin(PM.sold, fadeWindow(), now);
        return { average, recent };
      }
      const average = ((room.last[S.orders]! - ordersAtStart) * 60) / dwellSec(now);
      const recent = room.ratePerMin(S.orders, fadeWindow());
      return { average, recent };
    };
    return {
      check(now) {
        if (room.productKey !== key) {
          key = room.productKey;
          ordersAtStart = room.last[S.orders]!;
        }
        if (!room.product || (room.plan && room.plan.length > 0)) return CLEAR;
        const dwell = dwellSec(now);
        if (dwell < params.dwellSec) return CLEAR;
        if (dwell >= params.dwellSec * 2) return FIRE;
        const { average, recent } = rates(now);
        if (Number.isNaN(average) || Number.isNaN(recent)) return FIRE;
        return recent <= params.fadeRatio * average ? FIRE : HOLD;
      },
      propose(now) {
        const dwell = round(dwellSec(now));
        const { average, recent } = rates(now);
        const known = !Number.isNaN(average) && !Number.isNaN(recent);
        return {
          title: 'cue.product-dwell.title',
          detail: known ? 'cue.product-dwell.detail' : 'cue.product-dwell.detailNoSales',
          params: {
            product: room.product?.name ?? '',
            dwellSec: dwell,
            recent: known ? round(recent, 1) : 0,
            average: known ? round(average, 1) : 0,
          },
          evidence: [
            { metric: 'productDwellSec', from: 0, to: dwell, windowSec: dwell },
            ...(known
              ? [
                  {
                    metric: 'orders' as const,
                    from: round(average, 1),
                    to: round(recent, 1),
                    windowSec: fadeWindow(),
                  },
                ]
              : []),
          ],
          outcome: 'orders',
        };
      },
    };
  },
});
