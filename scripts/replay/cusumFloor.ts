import type { RuleId } from '../../lib/core/engine/types';
import { median } from './gradeRuns';
import type { ReplayRun } from './readRuns';

// The floor of detection for traffic-drop and traffic-surge on a set of labelled runs: a textbook one-sided
// CUSUM on the viewer count, one observation per redraw (a changed number), standardised by the mean and
// spread of the observations of the minute before (lagged 5 s), restarted after an alarm either way or a
// 20 s standstill, with
// its allowance k and threshold h tuned on these very runs — the fastest such a detector gets with no
// alarm inside any quiet span. It has no operational limits (minimum room, history, cooldowns, a minimum
// change worth a cue); the bench quotes the engine's delay against it.

export interface FloorResult {
  rule: 'traffic-drop' | 'traffic-surge';
  /** Median seconds from each expected change to the floor detector's alarm; null if it found none. */
  medianDelaySec: number | null;
  delays: number[];
  /** The tuned allowance and threshold, in standard deviations of the minute before. */
  k: number;
  h: number;
  /** Expected changes the tuned detector still missed (none when a zero-false, all-found setting exists). */
  misses: number;
}

interface Series {
  run: ReplayRun;
  /** Seconds from the run start and the viewer count, one per sample with a number. */
  sec: Float64Array;
  viewers: Float64Array;
}

const REFERENCE_SEC = 60;
const LAG_SEC = 5;
const K_GRID = [0.25, 0.5, 1, 1.5, 2, 3];
const H_MAX = 200;
const GAP_SEC = 20;

/** One observation per redraw: a sample whose viewer count differs from the one before. */
function seriesOf(run: ReplayRun): Series {
  const sec: number[] = [];
  const viewers: number[] = [];
  for (const event of run.events) {
    if (event.kind !== 'sample') continue;
    const value = event.metrics.viewers;
    if (typeof value !== 'number' || value === viewers[viewers.length - 1]) continue;
    sec.push((event.ts - run.startedAt) / 1000);
    viewers.push(value);
  }
  return { run, sec: Float64Array.from(sec), viewers: Float64Array.from(viewers) };
}

/**
 * Alarm times (seconds) of the CUSUM in `direction` on one series. Both directions run (same k and h) and
 * an alarm of either restarts the reference from after it, as a detector that learnt the change would.
 */
function alarms(series: Series, direction: -1 | 1, k: number, h: number): number[] {
  const { sec, viewers } = series;
  const out: number[] = [];
  let up = 0;
  let down = 0;
  // Sliding reference window [t − LAG − REFERENCE, t − LAG] over the samples, by two indices.
  let lo = 0;
  let hi = 0;
  let total = 0;
  let squares = 0;
  const restart = (from: number) => {
    lo = from;
    hi = from;
    total = 0;
    squares = 0;
    up = 0;
    down = 0;
  };
  for (let i = 0; i < sec.length; i++) {
    const t = sec[i]!;
    // A number that stood still this long was stale (a frozen page, a lost tile): start afresh after it.
    if (i > 0 && t - sec[i - 1]! > GAP_SEC) restart(i);
    while (hi < i && sec[hi]! <= t - LAG_SEC) {
      total += viewers[hi]!;
      squares += viewers[hi]! * viewers[hi]!;
      hi++;
    }
    while (lo < hi && sec[lo]! < t - LAG_SEC - REFERENCE_SEC) {
      total -= viewers[lo]!;
      squares -= viewers[lo]! * viewers[lo]!;
      lo++;
    }
    const n = hi - lo;
    if (n < 5) continue;
    const mean = total / n;
    // Rounded or redrawn-slowly numbers repeat: never less than 1 % (and one count) of spread.
    const sd = Math.max(Math.sqrt(Math.max(0, squares / n - mean * mean)), 0.01 * mean, 1);
    const z = (viewers[i]! - mean) / sd;
    up = Math.max(0, up + z - k);
    down = Math.max(0, down - z - k);
    if (up > h || down > h) {
      if ((direction > 0 ? up : down) > h) out.push(t);
      restart(i + 1);
    }
  }
  return out;
}

function judge(all: Series[], rule: FloorResult['rule'], k: number, h: number) {
  const direction = rule === 'traffic-drop' ? -1 : 1;
  let falseAlarms = 0;
  const delays: number[] = [];
  let misses = 0;
  for (const series of all) {
    const expects = series.run.expect.filter((e) => e.rule === rule);
    const quiet = series.run.quiet.filter((q) => q.rule === rule);
    if (expects.length === 0 && quiet.length === 0) continue;
    const times = alarms(series, direction, k, h);
    for (const t of times) if (quiet.some((q) => t >= q.from && t <= q.to)) falseAlarms++;
    for (const e of expects) {
      const hit = times.find((t) => t >= e.from && t <= e.from + e.within);
      if (hit === undefined) misses++;
      else delays.push(hit - e.from);
    }
  }
  return { falseAlarms, delays, misses };
}

/** The floor for one rule: for each allowance, the least threshold with no false alarm; the best of those. */
export function cusumFloor(runs: readonly ReplayRun[], rule: FloorResult['rule']): FloorResult {
  const all = runs.map(seriesOf);
  let best: FloorResult | undefined;
  for (const k of K_GRID) {
    // False alarms fall as h grows: bisect to the least h with none.
    let low = 0;
    let high = H_MAX;
    if (judge(all, rule, k, high).falseAlarms > 0) continue;
    for (let i = 0; i < 20; i++) {
      const mid = (low + high) / 2;
      if (judge(all, rule, k, mid).falseAlarms > 0) low = mid;
      else high = mid;
    }
    const { delays, misses } = judge(all, rule, k, high);
    const candidate: FloorResult = { rule, medianDelaySec: median(delays), delays, k, h: high, misses };
    const better =
      !best ||
      candidate.misses < best.misses ||
      (candidate.misses === best.misses &&
        (candidate.medianDelaySec ?? Number.POSITIVE_INFINITY) <
          (best.medianDelaySec ?? Number.POSITIVE_INFINITY));
    if (better) best = candidate;
  }
  return best ?? { rule, medianDelaySec: null, delays: [], k: Number.NaN, h: Number.NaN, misses: 0 };
}

/** The floor of every rule it is defined for, by rule id. */
export function cusumFloors(runs: readonly ReplayRun[]): Partial<Record<RuleId, FloorResult>> {
  return {
    'traffic-drop': cusumFloor(runs, 'traffic-drop'),
    'traffic-surge': cusumFloor(runs, 'traffic-surge'),
  };
}
