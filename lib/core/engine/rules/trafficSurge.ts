import { builtOnFirstUse } from '../../builtOnFirstUse';
import { z } from '../../zodMini';
import type { RoomStats } from '../roomStats';
import { commonFields, defineRule, field, intIn, numberIn } from '../ruleDefinition';
import { createTrafficShift } from '../trafficShift';

// Traffic surging: put the hero product (爆款) up and push the close (逼单) with a countdown.

export const trafficSurgeParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 300, ttlSec: 120 }),
    surgePct: field(numberIn(5, 500), 20),
    rearmPct: field(numberIn(0, 100), 15),
    evidenceSigmas: field(numberIn(2, 20), 3),
    sharpWithinSec: field(intIn(5, 600), 30),
    baselineHalfLifeSec: field(intIn(30, 1800), 60),
    minViewers: field(intIn(0, 100000), 30),
    minHistorySec: field(intIn(10, 1800), 45),
    countdownSec: field(intIn(10, 600), 60),
  }),
);
export type TrafficSurgeParams = z.infer<ReturnType<typeof trafficSurgeParams>>;

export const trafficSurge = defineRule({
  id: 'traffic-surge',
  severity: 'act',
  priority: 90,
  onTick: false,
  reads: ['viewers'],
  paramsSchema: trafficSurgeParams,
  create(params: TrafficSurgeParams, room: RoomStats) {
    const shift = createTrafficShift(1, { ...params, thresholdPct: params.surgePct }, room);
    return {
      check: shift.check,
      fired: shift.fired,
      propose(now) {
        const evidence = shift.evidence(now);
        return {
          title: 'cue.traffic-surge.title',
          detail: 'cue.traffic-surge.detail',
          params: {
            from: evidence.from,
            to: evidence.to,
            windowSec: evidence.windowSec,
            countdownSec: params.countdownSec,
          },
          evidence: [evidence],
          countdownSec: params.countdownSec,
          outcome: 'gmv',
        };
      },
    };
  },
});
