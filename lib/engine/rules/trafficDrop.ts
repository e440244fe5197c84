import { z } from 'zod';
import type { RoomStats } from '../roomStats';
import { commonFields, defineRule } from '../ruleDefinition';
import { createTrafficShift } from './trafficShift';

// Viewers draining: switch to a deal item (福利款) and hold the price reveal (憋单) to keep people in.

export const trafficDropParams = z.object({
  ...commonFields({ cooldownSec: 180, ttlSec: 120 }),
  dropPct: z
    .number()
    .min(5)
    .max(90)
    .default(25)
    .describe('Drop threshold: short mean this % below the baseline'),
  rearmPct: z.number().min(0).max(50).default(10).describe('Re-arm when back within this % of the baseline'),
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
  holdSec: z
    .number()
    .int()
    .min(10)
    .max(600)
    .default(60)
    .describe('Hold the price reveal (憋单) for, seconds'),
});
export type TrafficDropParams = z.infer<typeof trafficDropParams>;

export const trafficDrop = defineRule({
  id: 'traffic-drop',
  severity: 'urgent',
  priority: 100,
  onTick: false,
  paramsSchema: trafficDropParams,
  create(params: TrafficDropParams, room: RoomStats) {
    const shift = createTrafficShift(-1, { ...params, thresholdPct: params.dropPct }, room);
    return {
      check: shift.check,
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
