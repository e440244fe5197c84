import { type DisplayStyle, shownValue } from './displayStyles';

// The pieces a scenario track is played with, shared by the room's tiles and the product table: points
// interpolated, seeded noise (counters never go down), redraw cadences, and the value the page holds while a
// tile is stuck or the page frozen.

export type Spans = readonly (readonly [number, number])[] | undefined;

export interface TrackShape {
  points: readonly (readonly [number, number])[];
  noisePct?: number;
  unreadable?: Spans;
  stuck?: Spans;
  refreshSec?: number | readonly [number, number];
}

export function interpolate(points: readonly (readonly [number, number])[], sec: number): number {
  const first = points[0]!;
  if (sec <= first[0]) return first[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    if (sec <= x1) {
      const [x0, y0] = points[i - 1]!;
      return y0 + ((y1 - y0) * (sec - x0)) / (x1 - x0);
    }
  }
  return points[points.length - 1]![1];
}

export const inSpans = (spans: Spans, sec: number) =>
  spans?.some(([from, to]) => sec >= from && sec <= to) ?? false;

/** Start of the span that holds `sec` after its first second (the page keeps what it showed at `from`). */
export const heldFrom = (spans: Spans, sec: number): number | undefined =>
  spans?.find(([from, to]) => sec > from && sec <= to)?.[0];

/**
 * Which steps a redraw lands on: one at a random phase within the first interval, then every `refresh`
 * seconds (or a seeded random interval in [min, max]). Step 0 is always drawn (the page loaded).
 */
export function redrawSteps(
  refresh: number | readonly [number, number],
  random: () => number,
  stepSec: number,
  stepCount: number,
): Uint8Array {
  const interval = () =>
    typeof refresh === 'number' ? refresh : refresh[0] + random() * (refresh[1] - refresh[0]);
  const drawn = new Uint8Array(stepCount);
  drawn[0] = 1;
  let at = random() * interval();
  const end = (stepCount - 1) * stepSec;
  while (at <= end) {
    drawn[Math.min(stepCount - 1, Math.ceil(at / stepSec - 1e-9))] = 1;
    at += interval();
  }
  return drawn;
}

/**
 * A track's true value at every step, rounded by `round`. On a counter the noise scales each step's
 * increment, so the total never goes down and follows the points' slope; on a gauge it scales the value.
 */
export function trackValues(
  track: TrackShape,
  counter: boolean,
  random: () => number,
  stepSec: number,
  stepCount: number,
  round: (value: number) => number,
): Float64Array {
  const noise = (track.noisePct ?? 0) / 100;
  const jitter = () => 1 + (random() * 2 - 1) * noise;
  const values = new Float64Array(stepCount);
  if (counter) {
    let total = interpolate(track.points, 0);
    values[0] = round(total);
    for (let i = 1; i < stepCount; i++) {
      const increment = interpolate(track.points, i * stepSec) - interpolate(track.points, (i - 1) * stepSec);
      total += Math.max(0, increment * jitter());
      values[i] = round(total);
    }
  } else {
    for (let i = 0; i < stepCount; i++) {
      values[i] = round(Math.max(0, interpolate(track.points, i * stepSec) * jitter()));
    }
  }
  return values;
}

/**
 * What the page shows at every step: a value is drawn only on a redraw step (`redraws`, every step when
 * absent), held while its tile is `stuck` or the page frozen, and written in `style` (`1.52万` is 15200).
 */
export function shownSeries(
  values: Float64Array,
  stepSec: number,
  redraws: Uint8Array | undefined,
  stuck: Spans,
  freezes: Spans,
  style: DisplayStyle | undefined,
): Float64Array {
  const stepCount = values.length;
  const shown = new Float64Array(stepCount);
  // The last value written and how it read back: repeated values are common and formatting is not free.
  let lastValue = Number.NaN;
  let lastShown = Number.NaN;
  for (let i = 0; i < stepCount; i++) {
    const sec = i * stepSec;
    const held =
      i > 0 &&
      ((redraws !== undefined && redraws[i] === 0) ||
        heldFrom(stuck, sec) !== undefined ||
        heldFrom(freezes, sec) !== undefined);
    if (held) {
      shown[i] = shown[i - 1]!;
      continue;
    }
    if (values[i] !== lastValue) {
      lastValue = values[i]!;
      lastShown = style ? shownValue(lastValue, style) : lastValue;
    }
    shown[i] = lastShown;
  }
  return shown;
}
