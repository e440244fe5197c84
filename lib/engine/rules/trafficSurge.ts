import { z } from '../../zodMini';
import type { RoomStats } from '../roomStats';
import { commonFields, defineRule, field, intIn, numberIn } from '../ruleDefinition';
import { createTrafficShift } from './trafficShift';

// Traffic surging: put the hero product (爆款) up and push the close (逼单) with a countdown.

export const trafficSurgeParams = z.object({
  ...commonFields({ cooldownSec: 300, ttlSec: 120 }),
  surgePct: field(numberIn(5, 500), 35, 'Surge threshold: short mean this % above the baseline'),
  rearmPct: field(numberIn(0, 100), 15, 'Re-arm when back within this % of the baseline'),
  fastWindowSec: field(intIn(3, 120), 10, 'Short window, seconds'),
  baselineHalfLifeSec: field(intIn(30, 1800), 180, 'Baseline half-life, seconds'),
  minViewers: field(intIn(0, 100000), 30, 'Ignore rooms below this many viewers'),
  minHistorySec: field(intIn(10, 1800), 45, 'History needed before judging, seconds'),
  countdownSec: field(intIn(10, 600), 60, 'Close countdown (逼单), seconds'),
});
export type TrafficSurgeParams = z.infer<typeof trafficSurgeParams>;

export const trafficSurge = defineRule({
  id: 'traffic-surge',
  severity: 'act',
  priority: 90,
  onTick: false,
  paramsSchema: trafficSurgeParams,
  create(params: TrafficSurgeParams, room: RoomStats) {
    const shift = createTrafficShift(1, { ...params, thresholdPct: params.surgePct }, room);
    return {
      check: shift.check,
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
