import { builtOnFirstUse } from '../../builtOnFirstUse';
import { z } from '../../zodMini';
import type { RoomStats } from '../roomStats';
import { CLEAR, commonFields, defineRule, FIRE, field, intIn, type Proposal, round } from '../ruleDefinition';

// Run-of-show (排品): a `plan` event sets ordered slots with planned minutes. The current slot follows the
// product on samples when it matches a slot; without product information the slots advance by the clock.
// The rule cues the next product `leadSec` before a slot ends, and flags a slot that overruns.

export const planNextParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 20, ttlSec: 90 }),
    leadSec: field(intIn(10, 600), 60),
    overrunGraceSec: field(intIn(0, 1800), 60),
  }),
);
export type PlanNextParams = z.infer<ReturnType<typeof planNextParams>>;

export const planNext = defineRule({
  id: 'plan-next',
  severity: 'act',
  priority: 75,
  onTick: true,
  checkEverySec: 5,
  reads: [],
  paramsSchema: planNextParams,
  create(params: PlanNextParams, room: RoomStats) {
    let planSetAt = Number.NaN;
    let productKey = '';
    let slot = 0;
    let slotStart = 0;
    let cuedNext = false;
    let cuedOverrun = false;
    let pending: 'next' | 'overrun' = 'next';

    const enter = (index: number, ts: number) => {
      slot = index;
      slotStart = ts;
      cuedNext = false;
      cuedOverrun = false;
    };
    const matchSlot = (): number => {
      const plan = room.plan!;
      const product = room.product;
      if (!product) return -1;
      for (let i = 0; i < plan.length; i++) {
        const candidate = plan[(slot + i) % plan.length]!;
        if ((candidate.productId && candidate.productId === product.id) || candidate.name === product.name) {
          return (slot + i) % plan.length;
        }
      }
      return -1;
    };
    const slotEnd = () => slotStart + room.plan![slot]!.minutes * 60_000;

    return {
      check(now) {
        const plan = room.plan;
        if (!plan || plan.length === 0) return CLEAR;
        if (room.planSetAt !== planSetAt) {
          planSetAt = room.planSetAt;
          productKey = '';
          enter(0, planSetAt);
        }
        if (room.productSeen) {
          if (room.productKey !== productKey) {
            productKey = room.productKey;
            const index = matchSlot();
            if (index >= 0 && index !== slot) enter(index, Math.max(room.productSinceTs, planSetAt));
          }
        } else {
          while (slot < plan.length - 1 && now >= slotEnd()) enter(slot + 1, slotEnd());
        }
        const end = slotEnd();
        if (!cuedNext && slot < plan.length - 1 && now >= end - params.leadSec * 1000 && now < end) {
          pending = 'next';
          return FIRE;
        }
        if (!cuedOverrun && room.productSeen && now >= end + params.overrunGraceSec * 1000) {
          pending = 'overrun';
          return FIRE;
        }
        return CLEAR;
      },
      propose(now): Proposal {
        const plan = room.plan!;
        const current = plan[slot]!;
        const next = plan[slot + 1];
        const end = slotEnd();
        if (pending === 'next') {
          const inSec = Math.max(0, round((end - now) / 1000));
          return {
            severity: 'info',
            title: 'cue.plan-next.title',
            detail: 'cue.plan-next.detail',
            params: { next: next?.name ?? '', current: current.name, inSec },
            evidence: [
              {
                metric: 'productDwellSec',
                from: 0,
                to: round((now - slotStart) / 1000),
                windowSec: current.minutes * 60,
              },
            ],
            countdownSec: inSec,
            ttlSec: inSec + params.overrunGraceSec,
          };
        }
        const overSec = round((now - end) / 1000);
        return {
          title: next ? 'cue.plan-next.overrunTitle' : 'cue.plan-next.overrunLastTitle',
          detail: next ? 'cue.plan-next.overrunDetail' : 'cue.plan-next.overrunLastDetail',
          params: {
            current: current.name,
            next: next?.name ?? '',
            overSec,
            plannedSec: current.minutes * 60,
          },
          evidence: [
            {
              metric: 'productDwellSec',
              from: current.minutes * 60,
              to: round((now - slotStart) / 1000),
              windowSec: overSec,
            },
          ],
        };
      },
      fired() {
        if (pending === 'next') cuedNext = true;
        else cuedOverrun = true;
      },
    };
  },
});
