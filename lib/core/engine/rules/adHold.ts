import { builtOnFirstUse } from '../../builtOnFirstUse';
import { z } from '../../zodMini';
import { cumulativeConversion, ordersSeries, windowConversion } from '../conversion';
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

// Stop or cut paid traffic when conversion collapses: clicks keep coming but orders do not (practice: below
// 80 % of target → cut; sizeable spend with zero conversions → stop). Clicks stand in for spend. The window
// stretches to hold several changes of clicks and orders at their own cadence.

export const adHoldParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 900, ttlSec: 180 }),
    windowSec: field(intIn(60, 1200), 300),
    collapseRatio: field(numberIn(0, 0.9), 0.5),
    minClicks: field(intIn(1, 100000), 30),
    minOrdersBefore: field(intIn(1, 100000), 10),
  }),
);
export type AdHoldParams = z.infer<ReturnType<typeof adHoldParams>>;

export const adHold = defineRule({
  id: 'ad-hold',
  severity: 'act',
  priority: 80,
  onTick: false,
  checkEverySec: 5,
  reads: ['orders', 'buyers', 'productClicks'],
  paramsSchema: adHoldParams,
  create(params: AdHoldParams, room: RoomStats) {
    let window = params.windowSec;
    return {
      check() {
        window = Math.max(
          room.windowFor(ordersSeries(room), params.windowSec),
          room.windowFor(S.productClicks, params.windowSec),
        );
        if (room.historySec < window * 2) return HOLD;
        if (!(room.valueAgo(ordersSeries(room), window) >= params.minOrdersBefore)) return HOLD;
        const before = cumulativeConversion(room, window);
        if (!(before > 0) || !(room.delta(S.productClicks, window) >= params.minClicks)) return HOLD;
        const recent = windowConversion(room, window);
        if (Number.isNaN(recent)) return HOLD;
        if (recent <= before * params.collapseRatio) return FIRE;
        return recent >= before * 0.8 ? CLEAR : HOLD;
      },
      propose() {
        const before = { rate: cumulativeConversion(room, window) };
        const recent = {
          rate: windowConversion(room, window),
          clicks: room.delta(S.productClicks, window),
        };
        return {
          title: recent.rate === 0 ? 'cue.ad-hold.titleZero' : 'cue.ad-hold.title',
          detail: 'cue.ad-hold.detail',
          params: {
            windowSec: window,
            conversionPct: round(recent.rate * 100, 1),
            beforePct: round(before.rate * 100, 1),
            clicks: round(recent.clicks),
          },
          evidence: [
            {
              metric: 'conversionRate',
              from: round(before.rate, 4),
              to: round(recent.rate, 4),
              windowSec: window,
            },
            { metric: 'productClicks', from: 0, to: round(recent.clicks), windowSec: window },
          ],
          outcome: 'gpm',
        };
      },
    };
  },
});
