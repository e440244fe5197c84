import { type RoomStats, S } from './roomStats';
import { CLEAR, FIRE, HOLD, type RuleLevel, round } from './ruleDefinition';
import type { Evidence } from './types';

// Shared by traffic-drop and traffic-surge: a short windowed mean of viewers against an EWMA baseline.
// A shift is sharp only if the short mean leaves the baseline by more than the threshold; bounded noise
// (±8 %) cannot, and a slow slide is absorbed by the baseline.

export interface TrafficShiftParams {
  thresholdPct: number;
  rearmPct: number;
  fastWindowSec: number;
  baselineHalfLifeSec: number;
  minViewers: number;
  minHistorySec: number;
}

export interface TrafficShift {
  check(now: number): RuleLevel;
  /** The baseline when the room was last normal, the viewers now, and the seconds between. */
  evidence(now: number): Evidence;
}

export function createTrafficShift(
  direction: -1 | 1,
  params: TrafficShiftParams,
  room: RoomStats,
): TrafficShift {
  const fast = room.meanOver(S.viewers, params.fastWindowSec);
  const baseline = room.ewma(S.viewers, params.baselineHalfLifeSec);
  const fireRatio = 1 + (direction * params.thresholdPct) / 100;
  const rearmRatio = 1 + (direction * params.rearmPct) / 100;
  let normalTs = Number.NaN;
  let normalBaseline = Number.NaN;

  return {
    check(now) {
      const mean = fast.mean;
      const base = baseline.value;
      if (Number.isNaN(mean) || Number.isNaN(base) || room.historySec < params.minHistorySec) return HOLD;
      if (Math.max(mean, base) < params.minViewers) return HOLD;
      const ratio = mean / base;
      if (direction * (ratio - rearmRatio) <= 0) {
        normalTs = now;
        normalBaseline = base;
        return CLEAR;
      }
      return direction * (ratio - fireRatio) >= 0 ? FIRE : HOLD;
    },
    evidence(now) {
      const since = !Number.isNaN(normalTs) ? (now - normalTs) / 1000 : room.historySec;
      return {
        metric: 'viewers',
        from: round(!Number.isNaN(normalBaseline) ? normalBaseline : baseline.value),
        to: round(!Number.isNaN(room.last[S.viewers]!) ? room.last[S.viewers]! : fast.mean),
        windowSec: Math.max(params.fastWindowSec, round(since)),
      };
    },
  };
}
