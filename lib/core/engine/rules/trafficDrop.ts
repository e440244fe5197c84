import { builtOnFirstUse } from '../../builtOnFirstUse';
import { z } from '../../zodMini';
import type { RoomStats } from '../roomStats';
import { commonFields, defineRule, field, intIn, numberIn } from '../ruleDefinition';
import { createTrafficShift } from '../trafficShift';

// Viewers draining: switch to a deal item (福利款) and hold the price reveal (憋单) to keep people in.

export const trafficDropParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 180, ttlSec: 120 }),
    dropPct: field(numberIn(5, 90), 20),
    rearmPct: field(numberIn(0, 50), 10),
    evidenceSigmas: field(numberIn(2, 20), 3),
    sharpWithinSec: field(intIn(5, 600), 30),
    baselineHalfLifeSec: field(intIn(30, 1800), 60),
    minViewers: field(intIn(0, 100000), 30),
    minHistorySec: field(intIn(10, 1800), 45),
    holdSec: field(intIn(10, 600), 60),
  }),
);
export type TrafficDropParams = z.infer<ReturnType<typeof trafficDropParams>>;

export const trafficDrop = defineRule({
  id: 'traffic-drop',
  severity: 'urgent',
  priority: 100,
  onTick: false,
  reads: ['viewers'],
  paramsSchema: trafficDropParams,
  create(params: TrafficDropParams, room: RoomStats) {
    const shift = createTrafficShift(-1, { ...params, thresholdPct: params.dropPct }, room);
    return {
      check: shift.check,
      fired: shift.fired,
      propose(now) {
        const evidence = shift.evidence(now);
        return {
          title: 'cue.traffic-drop.title',
          detail: 'cue.traffic-drop.detail',
          params: {
            from: evidence.from,
            to: evidence.to,
            windowSec: evidence.windowSec,
            holdSec: params.holdSec,
          },
          evidence: [evidence],
          countdownSec: params.holdSec,
          outcome: 'viewers',
        };
      },
    };
  },
});
