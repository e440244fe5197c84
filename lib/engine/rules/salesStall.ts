import { z } from 'zod';
import { type RoomStats, S } from '../roomStats';
import { CLEAR, commonFields, defineRule, FIRE, HOLD, round } from '../ruleDefinition';

// Sales stalled while people are watching: switch product or put a deal item up. Compares the order rate of
// the last window with the window before it (the last-N-minutes-vs-previous pattern of WeChat Channels).

export const salesStallParams = z.object({
  ...commonFields({ cooldownSec: 600, ttlSec: 180 }),
  windowSec: z.number().int().min(60).max(1200).default(180).describe('Recent window, seconds'),
  compareSec: z
    .number()
    .int()
    .min(120)
    .max(1800)
    .default(600)
    .describe('Window before it to compare with, seconds'),
  stallRatio: z
    .number()
    .min(0)
    .max(0.9)
    .default(0.3)
    .describe('Stalled when the recent rate is at most this × the earlier rate'),
  minOrdersBefore: z
    .number()
    .int()
    .min(1)
    .max(10000)
    .default(3)
    .describe('Orders needed in the earlier window'),
  minViewers: z
    .number()
    .int()
    .min(0)
    .max(100000)
    .default(30)
    .describe('Ignore rooms below this many viewers'),
});
export type SalesStallParams = z.infer<typeof salesStallParams>;

export const salesStall = defineRule({
  id: 'sales-stall',
  severity: 'act',
  priority: 70,
  onTick: false,
  paramsSchema: salesStallParams,
  create(params: SalesStallParams, room: RoomStats) {
    const viewers = room.meanOver(S.viewers, 30);
    const series = () => (!Number.isNaN(room.last[S.orders]) ? S.orders : S.gmv);
    let compare = params.compareSec;
    return {
      check() {
        const history = room.historySec;
        if (history < params.windowSec * 2) return HOLD;
        compare = Math.min(params.compareSec, history - params.windowSec);
        const s = series();
        const before = room.valueAgo(s, params.windowSec) - room.valueAgo(s, params.windowSec + compare);
        const recent = room.delta(s, params.windowSec);
        if (Number.isNaN(before) || Number.isNaN(recent)) return HOLD;
        if (s === S.orders ? before < params.minOrdersBefore : before <= 0) return HOLD;
        const ratio = recent / params.windowSec / (before / compare);
        if (ratio <= params.stallRatio) return viewers.mean >= params.minViewers ? FIRE : HOLD;
        return ratio >= 0.6 ? CLEAR : HOLD;
      },
      propose() {
        const s = series();
        const metric = s === S.orders ? 'orders' : 'gmv';
        const recent = room.delta(s, params.windowSec);
        const before = room.valueAgo(s, params.windowSec) - room.valueAgo(s, params.windowSec + compare);
        // Scale the earlier count to the recent window's length so the two numbers compare directly.
        const expected = (before * params.windowSec) / compare;
        return {
          title: metric === 'orders' ? 'cue.sales-stall.title' : 'cue.sales-stall.titleGmv',
          detail: room.product ? 'cue.sales-stall.detailProduct' : 'cue.sales-stall.detail',
          params: {
            windowSec: params.windowSec,
            recent: round(recent),
            expected: round(expected, 1),
            product: room.product?.name ?? '',
          },
          evidence: [{ metric, from: round(expected, 1), to: round(recent, 1), windowSec: params.windowSec }],
          outcome: metric,
        };
      },
    };
  },
});
