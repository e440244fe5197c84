import { bit, type RoomStats, S, type SeriesObserver } from './roomStats';
import { CLEAR, FIRE, HOLD, type RuleLevel, round } from './ruleDefinition';
import type { Evidence } from './types';

// Shared by traffic-drop and traffic-surge: a one-sided CUSUM on the viewer count, one observation per
// redraw of the number (a change, or the same number again once the page has had time to redraw), so a
// 5 s dashboard and a 1 s one weigh the same evidence. Each observation is compared with an exponentially weighted level of the
// room; what exceeds an allowance accumulates, and a cue fires once the sum passes a threshold taken from
// the room's own noise (its mean relative deviation, measured as it goes) and the change is at least
// `thresholdPct`. Bounded noise stays under the allowance and never accumulates; a slow slide is followed
// by the level. After a cue the tracker learns the new level before judging again.

export interface TrafficShiftParams {
  /** The smallest change worth a cue, in % of the room's level. */
  thresholdPct: number;
  rearmPct: number;
  baselineHalfLifeSec: number;
  /** The CUSUM threshold in multiples of the room's noise. */
  evidenceSigmas: number;
  minViewers: number;
  minHistorySec: number;
}

export interface TrafficShift {
  check(now: number): RuleLevel;
  /** The level when the room was last normal, the viewers now, and the seconds between. */
  evidence(now: number): Evidence;
  /** The cue was created: learn the new level before judging again. */
  fired(now: number): void;
}

/** Noise within this many sigmas of the level is allowance, never evidence. */
const ALLOWANCE_SIGMAS = 2;
/** Observations needed before the room's noise is known. */
const MIN_OBSERVATIONS = 8;
/** A room whose number barely moves still has rounding: never assume less than 1 % noise. */
const MIN_NOISE = 0.01;
const NOISE_HALF_LIFE_SEC = 300;
/** Mean absolute deviation → standard deviation (normal noise). */
const MAD_TO_SIGMA = 1.25;
/** After a cue, follow the new level quickly for this long (and at least four redraws). */
const RELEARN_SEC = 20;
const RELEARN_HALF_LIFE_SEC = 3;

const decay = (dtSec: number, halfLifeSec: number) => 1 - 2 ** (-dtSec / halfLifeSec);

/** `decay(dt, halfLife)` for one half-life, remembering the last interval: most redraws are equally spaced. */
class Decay {
  private dt = Number.NaN;
  private weight = 0;
  constructor(private readonly halfLifeSec: number) {}
  of(dtSec: number): number {
    if (dtSec !== this.dt) {
      this.dt = dtSec;
      this.weight = decay(dtSec, this.halfLifeSec);
    }
    return this.weight;
  }
}

class ViewerCusum implements SeriesObserver {
  level = Number.NaN;
  value = Number.NaN;
  lastTs = Number.NaN;
  count = 0;
  meanAbs = 0;
  sum = 0;
  normalTs = Number.NaN;
  normalLevel = Number.NaN;
  relearnUntil = Number.NEGATIVE_INFINITY;
  private epoch = 0;
  private readonly levelDecay: Decay;
  private readonly noiseDecay = new Decay(NOISE_HALF_LIFE_SEC);

  constructor(
    private readonly direction: -1 | 1,
    private readonly params: TrafficShiftParams,
    private readonly room: RoomStats,
  ) {
    this.levelDecay = new Decay(params.baselineHalfLifeSec);
  }

  noise(): number {
    return Math.max(MIN_NOISE, MAD_TO_SIGMA * this.meanAbs);
  }

  observe(ts: number, x: number, changed: boolean): void {
    const room = this.room;
    // Stale numbers are no evidence; after a stale stretch the room is learnt afresh.
    if ((room.staleMask & bit(S.viewers)) !== 0) return;
    if (this.epoch !== room.staleEpoch[S.viewers] || Number.isNaN(this.level) || !(this.level > 0)) {
      this.epoch = room.staleEpoch[S.viewers]!;
      this.restart(ts, x);
      return;
    }
    const dt = (ts - this.lastTs) / 1000;
    if (!(dt > 0)) return;
    // An unchanged number is a new observation only once the page would have redrawn it.
    if (!changed) {
      const redraw = room.anyChangeGapSec;
      if (dt < (Number.isNaN(redraw) ? 1 : Math.max(1, redraw))) return;
    }
    const z = (x - this.level) / this.level;
    if (ts < this.relearnUntil) {
      this.level += decay(dt, RELEARN_HALF_LIFE_SEC) * (x - this.level);
      this.sum = 0;
      this.normalTs = ts;
      this.normalLevel = this.level;
      this.lastTs = ts;
      this.value = x;
      return;
    }
    const noise = this.noise();
    const warm = this.count >= MIN_OBSERVATIONS;
    if (warm) {
      const allowance = Math.max(ALLOWANCE_SIGMAS * noise, this.params.thresholdPct / 400);
      this.sum = Math.max(0, this.sum + this.direction * z - allowance);
    }
    if (this.sum === 0) {
      this.normalTs = ts;
      this.normalLevel = this.level;
    }
    const deviation = warm ? Math.min(Math.abs(z), 3 * noise) : Math.abs(z);
    const weight = Math.max(1 / (this.count + 1), this.noiseDecay.of(dt));
    this.meanAbs += weight * (deviation - this.meanAbs);
    this.level += this.levelDecay.of(dt) * (x - this.level);
    this.count++;
    this.lastTs = ts;
    this.value = x;
  }

  private restart(ts: number, x: number) {
    this.level = x;
    this.value = x;
    this.lastTs = ts;
    this.count = 0;
    this.meanAbs = 0;
    this.sum = 0;
    this.normalTs = ts;
    this.normalLevel = x;
    this.relearnUntil = Number.NEGATIVE_INFINITY;
  }

  relearn(now: number) {
    const cadence = this.room.cadenceSec(S.viewers);
    this.relearnUntil = now + Math.max(RELEARN_SEC, Number.isNaN(cadence) ? 0 : 4 * cadence) * 1000;
    this.level = this.value;
    this.sum = 0;
  }
}

export function createTrafficShift(
  direction: -1 | 1,
  params: TrafficShiftParams,
  room: RoomStats,
): TrafficShift {
  const cusum = new ViewerCusum(direction, params, room);
  room.observe(S.viewers, cusum);
  const threshold = params.thresholdPct / 100;
  const rearm = params.rearmPct / 100;

  return {
    check(now) {
      if (cusum.count < MIN_OBSERVATIONS || room.historySec < params.minHistorySec) return HOLD;
      if (Number.isNaN(room.last[S.viewers]!)) return HOLD;
      if (Math.max(cusum.level, cusum.value) < params.minViewers) return HOLD;
      if (now < cusum.relearnUntil) return CLEAR;
      const shift = direction * (cusum.value / cusum.normalLevel - 1);
      const needed = Math.max(params.evidenceSigmas * cusum.noise(), threshold / 2);
      if (cusum.sum >= needed && shift >= threshold) return FIRE;
      if (cusum.sum === 0 && direction * (cusum.value / cusum.level - 1) < rearm) return CLEAR;
      return HOLD;
    },
    evidence(now) {
      return {
        metric: 'viewers',
        from: round(cusum.normalLevel),
        to: round(cusum.value),
        windowSec: Math.max(1, round((now - cusum.normalTs) / 1000)),
      };
    },
    fired(now) {
      cusum.relearn(now);
    },
  };
}
