import { z } from 'zod';
import type { RoomStats } from '../roomStats';
import { commonFields, defineRule } from '../ruleDefinition';
import { createTrafficShift } from './trafficShift';

// Traffic surging: put the hero product (爆款) up and push the close (逼单) with a countdown.

export const trafficSurgeParams = z.object({
  ...commonFields({ cooldownSec: 300, ttlSec: 120 }),
  surgePct: z
    .number()
    .min(5)
    .max(500)
    .default(35)
    .describe('Surge threshold: short mean this % above the baseline'),
  rearmPct: z.number().min(0).max(100).default(15).describe('Re-arm when back within this % of the baseline'),
  fastWindowSec: z.number().int().min(3).max(120).default(10).describe('Short window, seconds'),
  baselineHalfLifeSec: z
    .number()
    .int()
    .min(30)
    .max(1800)
    .default(180)
    .describe('Baseline half-life, seconds'),
  minViewers: z
    .number()
    .int()
    .min(0)
    .max(100000)
    .default(30)
    .describe('Ignore rooms below this many viewers'),
  minHistorySec: z
    .number()
    .int()
    .min(10)
    .max(1800)
    .default(45)
    .describe('History needed before judging, seconds'),
  countdownSec: z.number().int().min(10).max(600).default(60).describe('Close countdown (逼单), seconds'),
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
