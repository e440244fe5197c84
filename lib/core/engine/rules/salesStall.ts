import { builtOnFirstUse } from '../../builtOnFirstUse';
import { z } from '../../zodMini';
import { RING_SECONDS, type RoomStats, S } from '../roomStats';
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

// Sales stalled while people are watching: switch product or put a deal item up. Compares the order rate of
// the last window with the window before it (the last-N-minutes-vs-previous pattern of WeChat Channels).
// Both windows stretch to hold several changes of the counter at its own cadence, so a dashboard that
// redraws orders once a minute, or a room that sells one every two, is not called stalled on a quiet gap.

export const salesStallParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 600, ttlSec: 180 }),
    windowSec: field(intIn(60, 1200), 180),
    compareSec: field(intIn(120, 1800), 600),
    stallRatio: field(numberIn(0, 0.9), 0.3),
    minOrdersBefore: field(intIn(1, 10000), 3),
    minViewers: field(intIn(0, 100000), 30),
  }),
);
export type SalesStallParams = z.infer<ReturnType<typeof salesStallParams>>;

export const salesStall = defineRule({
  id: 'sales-stall',
  severity: 'act',
  priority: 70,
  onTick: false,
  checkEverySec: 5,
  reads: ['orders', 'gmv', 'viewers'],
  paramsSchema: salesStallParams,
  create(params: SalesStallParams, room: RoomStats) {
    const viewers = room.meanOver(S.viewers, 30);
    const series = () => (!Number.isNaN(room.last[S.orders]) ? S.orders : S.gmv);
    let window = params.windowSec;
    let compare = params.compareSec;
    return {
      check() {
        const s = series();
        window = room.windowFor(s, params.windowSec);
        const history = room.historySec;
        if (history < window * 2) return HOLD;
        const scaledCompare = Math.round((params.compareSec * window) / params.windowSec);
        compare = Math.min(scaledCompare, history - window, RING_SECONDS - 1 - window);
        const before = room.valueAgo(s, window) - room.valueAgo(s, window + compare);
        const recent = room.delta(s, window);
        if (Number.isNaN(before) || Number.isNaN(recent)) return HOLD;
        if (s === S.orders ? before < params.minOrdersBefore : before <= 0) return HOLD;
        const ratio = recent / window / (before / compare);
        if (ratio <= params.stallRatio) return viewers.mean >= params.minViewers ? FIRE : HOLD;
        return ratio >= 0.6 ? CLEAR : HOLD;
      },
      propose() {
        const s = series();
        const metric = s === S.orders ? 'orders' : 'gmv';
        const recent = room.delta(s, window);
        const before = room.valueAgo(s, window) - room.valueAgo(s, window + compare);
        // Scale the earlier count to the recent window's length so the two numbers compare directly.
        const expected = (before * window) / compare;
        return {
          title: metric === 'orders' ? 'cue.sales-stall.title' : 'cue.sales-stall.titleGmv',
          detail: room.product ? 'cue.sales-stall.detailProduct' : 'cue.sales-stall.detail',
          params: {
            windowSec: window,
            recent: round(recent),
            expected: round(expected, 1),
            product: room.product?.name ?? '',
          },
          evidence: [{ metric, from: round(expected, 1), to: round(recent, 1), windowSec: window }],
          outcome: metric,
        };
      },
    };
  },
});
