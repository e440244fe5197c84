import { bit, type RoomStats, S, type SeriesObserver } from './roomStats';
import { CLEAR, FIRE, HOLD, type RuleLevel, round } from './ruleDefinition';
import type { Evidence } from './types';

// Shared by traffic-drop and traffic-surge: one-sided CUSUMs on the viewer count, one observation per
// redraw of the number (a change, or the same number again once the page has had time to redraw), so a
// 5 s dashboard and a 1 s one weigh the same evidence. Each observation is compared with an exponentially
// weighted level of the room; what exceeds an allowance accumulates, and a cue fires once the sum passes a
// threshold taken from the room's own noise (its mean relative deviation, jumps left out) and the change
// is at least `thresholdPct`. Bounded noise stays under the allowance and never
// accumulates; a change that takes longer than `sharpWithinSec` is a trend the level follows, never a
// cue, so slides and climbs stay quiet. Both directions share the level and the noise, so
// a fall does not teach the surge side that the room is noisy; after either cue, the new level is learnt
// before judging again.

export interface TrafficShiftParams {
  /** The smallest change worth a cue, in % of the room's level. */
  thresholdPct: number;
  rearmPct: number;
  baselineHalfLifeSec: number;
  /** The CUSUM threshold in multiples of the room's noise. */
  evidenceSigmas: number;
  /** A change is sharp when it happened within this many seconds (four redraws at least); slower is a trend. */
  sharpWithinSec: number;
  minViewers: number;
  minHistorySec: number;
}

export interface TrafficShift {
  check(now: number): RuleLevel;
  /** Where the room stood when it was last normal, the viewers now, and the seconds between. */
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
/** A deviation beyond this many sigmas is a change, not noise: it does not teach the noise. */
const OUTLIER_SIGMAS = 4;
const NOISE_HALF_LIFE_SEC = 300;
/** Mean absolute deviation → standard deviation (normal noise). */
const MAD_TO_SIGMA = 1.25;
/** After a cue, follow the new level quickly for this long (and at least four redraws of the page). */
const RELEARN_SEC = 20;
const RELEARN_HALF_LIFE_SEC = 3;
/** Half-life of the quick level a change is measured from. */
const RECENT_HALF_LIFE_SEC = 5;

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

/** One direction's CUSUM. */
class Side {
  sum = 0;
  normalTs = Number.NaN;
  normalLevel = Number.NaN;
  constructor(
    readonly direction: -1 | 1,
    /** The smallest change worth a cue, as a fraction. */
    readonly threshold: number,
    readonly sharpWithinSec: number,
  ) {}
}

/** The room's viewer level and noise, with a CUSUM per side, fed every redraw. */
class ViewerLevel implements SeriesObserver {
  level = Number.NaN;
  /** A quick level (a few seconds): where the room stood just before a change, trend lag left out. */
  recent = Number.NaN;
  value = Number.NaN;
  lastTs = Number.NaN;
  count = 0;
  meanAbs = 0;
  relearnUntil = Number.NEGATIVE_INFINITY;
  readonly sides: Side[] = [];
  private epoch = 0;
  private readonly levelDecay: Decay;
  private readonly noiseDecay = new Decay(NOISE_HALF_LIFE_SEC);
  private readonly recentDecay = new Decay(RECENT_HALF_LIFE_SEC);

  constructor(
    private readonly room: RoomStats,
    halfLifeSec: number,
  ) {
    this.levelDecay = new Decay(halfLifeSec);
    room.observe(S.viewers, this);
  }

  noise(): number {
    return Math.max(MIN_NOISE, MAD_TO_SIGMA * this.meanAbs);
  }

  /** Seconds within which a change must happen to be sharp, at this page's redraw cadence. */
  sharpSec(side: Side): number {
    const redraw = this.room.anyChangeGapSec;
    return Math.max(side.sharpWithinSec, Number.isNaN(redraw) ? 0 : 4 * redraw);
  }

  side(direction: -1 | 1, threshold: number, sharpWithinSec: number): Side {
    const side = new Side(direction, threshold, sharpWithinSec);
    this.sides.push(side);
    return side;
  }

  observe(ts: number, x: number, changed: boolean): void {
    const room = this.room;
    // Stale numbers are no evidence; after a stale stretch the room is learnt afresh.
    if ((room.staleMask & bit(S.viewers)) !== 0) return;
    if (this.epoch !== room.staleEpoch[S.viewers] || !(this.level > 0)) {
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
    this.lastTs = ts;
    this.value = x;
    if (ts < this.relearnUntil) {
      this.level += decay(dt, RELEARN_HALF_LIFE_SEC) * (x - this.level);
      this.recent = this.level;
      for (const side of this.sides) this.normal(side, ts);
      return;
    }
    const noise = this.noise();
    const warm = this.count >= MIN_OBSERVATIONS;
    for (const side of this.sides) {
      if (warm) {
        const allowance = Math.max(ALLOWANCE_SIGMAS * noise, side.threshold / 4);
        side.sum = Math.max(0, side.sum + side.direction * z - allowance);
      }
      if (side.sum === 0) {
        side.normalTs = ts;
        side.normalLevel = this.recent;
      } else if (ts - side.normalTs > this.sharpSec(side) * 1000) {
        // Evidence gathered this slowly is a trend the level is following, not a sharp change.
        this.normal(side, ts);
      }
    }
    // The noise is learnt from deviations that look like noise: a jump (either way) teaches it nothing,
    // while the lag of a trend does, which keeps a slow slide under the allowance.
    const deviation = Math.abs(z);
    if (!warm || deviation <= OUTLIER_SIGMAS * noise) {
      const weight = Math.max(1 / (this.count + 1), this.noiseDecay.of(dt));
      this.meanAbs += weight * (deviation - this.meanAbs);
    }
    this.level += this.levelDecay.of(dt) * (x - this.level);
    this.recent += this.recentDecay.of(dt) * (x - this.recent);
    this.count++;
  }

  private normal(side: Side, ts: number) {
    side.sum = 0;
    side.normalTs = ts;
    side.normalLevel = this.recent;
  }

  private restart(ts: number, x: number) {
    this.level = x;
    this.recent = x;
    this.value = x;
    this.lastTs = ts;
    this.count = 0;
    this.meanAbs = 0;
    this.relearnUntil = Number.NEGATIVE_INFINITY;
    for (const side of this.sides) this.normal(side, ts);
  }

  relearn(now: number) {
    const redraw = this.room.anyChangeGapSec;
    this.relearnUntil = now + Math.max(RELEARN_SEC, Number.isNaN(redraw) ? 0 : 4 * redraw) * 1000;
    this.level = this.value;
    this.recent = this.value;
    for (const side of this.sides) this.normal(side, this.lastTs);
  }
}

export function createTrafficShift(
  direction: -1 | 1,
  params: TrafficShiftParams,
  room: RoomStats,
): TrafficShift {
  const viewers = room.shared(
    `viewer-level:${params.baselineHalfLifeSec}`,
    () => new ViewerLevel(room, params.baselineHalfLifeSec),
  );
  const threshold = params.thresholdPct / 100;
  const side = viewers.side(direction, threshold, params.sharpWithinSec);
  const rearm = params.rearmPct / 100;

  return {
    check(now) {
      if (viewers.count < MIN_OBSERVATIONS || room.historySec < params.minHistorySec) return HOLD;
      if (Number.isNaN(room.last[S.viewers]!)) return HOLD;
      if (Math.max(viewers.level, viewers.value) < params.minViewers) return HOLD;
      if (now < viewers.relearnUntil) return CLEAR;
      const shift = direction * (viewers.value / side.normalLevel - 1);
      const needed = Math.max(params.evidenceSigmas * viewers.noise(), threshold / 2);
      if (side.sum >= needed && shift >= threshold) return FIRE;
      if (side.sum === 0 && direction * (viewers.value / viewers.level - 1) < rearm) return CLEAR;
      return HOLD;
    },
    evidence(now) {
      return {
        metric: 'viewers',
        from: round(side.normalLevel),
        to: round(viewers.value),
        windowSec: Math.max(1, round((now - side.normalTs) / 1000)),
      };
    },
    fired(now) {
      viewers.relearn(now);
    },
  };
}
