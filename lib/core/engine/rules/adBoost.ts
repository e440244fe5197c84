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

// Buy traffic (投流) at a peak while conversion is good. There is no spend metric on the page, so the rule
// reads the two things spend should follow: traffic above its recent level and conversion at least as
// good as the room's so far (practice: add spend at peaks with good conversion, ~30 % when ROI is strong).
// The conversion window stretches to hold several changes of the order count at its own cadence.

export const adBoostParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 900, ttlSec: 180 }),
    windowSec: field(intIn(60, 1200), 300),
    trafficLiftPct: field(numberIn(5, 300), 20),
    conversionLiftPct: field(numberIn(-50, 200), 0),
    minOrders: field(intIn(1, 10000), 5),
    raisePct: field(intIn(5, 200), 30),
  }),
);
export type AdBoostParams = z.infer<ReturnType<typeof adBoostParams>>;

export const adBoost = defineRule({
  id: 'ad-boost',
  severity: 'act',
  priority: 60,
  onTick: false,
  checkEverySec: 5,
  reads: ['viewers', 'orders', 'buyers', 'productClicks'],
  paramsSchema: adBoostParams,
  create(params: AdBoostParams, room: RoomStats) {
    const viewers = room.meanOver(S.viewers, params.windowSec);
    const level = room.ewma(S.viewers, 900);
    let window = params.windowSec;
    return {
      check() {
        if (room.historySec < params.windowSec * 2) return HOLD;
        const lift = viewers.mean / level.value;
        if (!(lift >= 1 + params.trafficLiftPct / 100)) {
          return lift < 1 + params.trafficLiftPct / 200 ? CLEAR : HOLD;
        }
        window = room.windowFor(ordersSeries(room), params.windowSec);
        if (room.historySec < window * 2) return HOLD;
        const recent = windowConversion(room, window);
        const before = cumulativeConversion(room, window);
        const orders = room.delta(ordersSeries(room), window);
        if (!(orders >= params.minOrders) || !(recent >= before * (1 + params.conversionLiftPct / 100))) {
          return HOLD;
        }
        return FIRE;
      },
      propose() {
        const recent = { rate: windowConversion(room, window) };
        const before = { rate: cumulativeConversion(room, window) };
        return {
          title: 'cue.ad-boost.title',
          detail: 'cue.ad-boost.detail',
          params: {
            viewers: round(viewers.mean),
            level: round(level.value),
            conversionPct: round(recent.rate * 100, 1),
            beforePct: round(before.rate * 100, 1),
            raisePct: params.raisePct,
          },
          evidence: [
            {
              metric: 'viewers',
              from: round(level.value),
              to: round(viewers.mean),
              windowSec: params.windowSec,
            },
            {
              metric: 'conversionRate',
              from: round(before.rate, 4),
              to: round(recent.rate, 4),
              windowSec: window,
            },
          ],
          outcome: 'gmv',
        };
      },
    };
  },
});
