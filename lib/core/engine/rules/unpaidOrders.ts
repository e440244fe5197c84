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

// 压单: orders created and not paid pile up on a product (the dashboards' own 未支付订单数 and their 压单
// filter). A few unpaid orders are normal for a moment; many, for a minute or more, are sales about to be
// lost: push to close ("N of you have ordered and not paid — pay now, the stock is held for 5 minutes"),
// and for a product off screen, pop it back up. One cue per pile; it re-arms once the pile has cleared.

export const unpaidOrdersParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 60, ttlSec: 180 }),
    /** Unpaid orders on one product worth a cue… */
    minUnpaid: field(intIn(1, 100000), 10),
    /** …that stayed at or above that for this long. */
    holdSec: field(intIn(0, 1800), 60),
    /** The pile has cleared when unpaid orders fall under this × minUnpaid. */
    clearRatio: field(numberIn(0, 1), 0.5),
  }),
);
export type UnpaidOrdersParams = z.infer<ReturnType<typeof unpaidOrdersParams>>;

export const unpaidOrders = defineRule({
  id: 'unpaid-orders',
  severity: 'act',
  priority: 72,
  onTick: false,
  checkEverySec: 5,
  keyed: true,
  reads: [],
  paramsSchema: unpaidOrdersParams,
  create(params: UnpaidOrdersParams, room: RoomStats) {
    /** Per product: since when its unpaid orders are at or above the floor. */
    const pileSince = new Map<string, number>();
    const cued = new Set<string>();
    let pending: ProductRecord | undefined;

    return {
      check(now) {
        pending = undefined;
        // A page without an unpaid-orders column costs nothing.
        if ((room.products.shownMask & (1 << PM.unpaidOrders)) === 0) return CLEAR;
        let most = 0;
        for (const product of room.products.products) {
          const unpaid = product.value(PM.unpaidOrders);
          if (Number.isNaN(unpaid)) {
            // Unknown is not cleared: the pile is not watched until it can be read again.
            pileSince.delete(product.id);
            continue;
          }
          if (unpaid < params.minUnpaid) {
            pileSince.delete(product.id);
            if (unpaid < params.minUnpaid * params.clearRatio) cued.delete(product.id);
            continue;
          }
          let since = pileSince.get(product.id);
          if (since === undefined) {
            since = now;
            pileSince.set(product.id, now);
          }
          if (cued.has(product.id) || now - since < params.holdSec * 1000) continue;
          if (unpaid > most) {
            most = unpaid;
            pending = product;
          }
        }
        return pending ? FIRE : CLEAR;
      },
      propose(now): Proposal {
        const product = pending!;
        const unpaid = product.value(PM.unpaidOrders);
        const heldSec = round((now - pileSince.get(product.id)!) / 1000);
        const onScreen = productOnScreen(room) === product;
        const before = product.valueAt(PM.unpaidOrders, now - heldSec * 1000);
        return {
          key: productKey(product),
          title: 'cue.unpaid-orders.title',
          detail: onScreen ? 'cue.unpaid-orders.detail' : 'cue.unpaid-orders.detailOffScreen',
          params: { ...productParams(product), unpaid, heldSec },
          evidence: [
            {
              metric: 'productUnpaid',
              productId: product.id,
              from: Number.isNaN(before) ? unpaid : before,
              to: unpaid,
              windowSec: heldSec,
            },
          ],
          outcome: 'orders',
        };
      },
      fired() {
        if (pending) cued.add(pending.id);
      },
    };
  },
});
