import type { Product } from '../messages/sample';
import { METRIC_IDS, METRICS, type MetricId } from '../metrics/metricCatalog';
import { shownValue } from './displayStyles';
import { mixSeed, mulberry32 } from './mulberry32';
import type { Scenario } from './scenarioSchema';

// Plays a scenario: every metric is precomputed at each step, so valuesAt() is random-access and the
// mock room (seeking by wall clock) and the CLI (walking every step) see the same numbers — the numbers
// the page shows: drawn only when the dashboard redraws, held while a tile is stuck or the page frozen,
// and rounded by the display style (`1.52万` is 15200).

export const DEFAULT_START_AT = '2026-01-01T00:00:00Z';

export type ScenarioMetrics = Partial<Record<MetricId, number | null>>;

export interface ScenarioStep {
  sec: number;
  ts: number;
  metrics: ScenarioMetrics;
  product: Product | null;
  /** True at the last step when the room shows its end-of-live signal. */
  ended?: boolean;
}

export interface ScenarioPlayer {
  readonly startTs: number;
  readonly stepCount: number;
  valuesAt(sec: number): { metrics: ScenarioMetrics; product: Product | null };
  /** Every step from 0 to durationSec, stepSec apart, skipping the scenario's silences. */
  samples(): Iterable<ScenarioStep>;
  /** Whether the reader sees the page at `sec` (false inside a silence). */
  isSilent(sec: number): boolean;
  /** Whether the whole page is frozen at `sec` (inside a freeze, after its first second). */
  isFrozen(sec: number): boolean;
}

function interpolate(points: readonly (readonly [number, number])[], sec: number): number {
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

/** Whole people, clicks and orders; money in cents; ratios to 4 places — as a dashboard would show them. */
function roundFor(metric: MetricId, value: number): number {
  const unit = METRICS[metric].unit;
  if (unit === 'currency') return Math.round(value * 100) / 100;
  if (unit === 'ratio') return Math.round(value * 10000) / 10000;
  return Math.round(value);
}

type Spans = readonly (readonly [number, number])[] | undefined;

const inSpans = (spans: Spans, sec: number) => spans?.some(([from, to]) => sec >= from && sec <= to) ?? false;

/** Start of the span that holds `sec` after its first second (the page keeps what it showed at `from`). */
const heldFrom = (spans: Spans, sec: number): number | undefined =>
  spans?.find(([from, to]) => sec > from && sec <= to)?.[0];

/**
 * Which steps a redraw lands on: one at a random phase within the first interval, then every `refresh`
 * seconds (or a seeded random interval in [min, max]). Step 0 is always drawn (the page loaded).
 */
function redrawSteps(
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

export function createScenarioPlayer(scenario: Scenario): ScenarioPlayer {
  const stepSec = scenario.stepSec;
  const stepCount = Math.floor(scenario.durationSec / stepSec) + 1;
  const startTs = Date.parse(scenario.startAt ?? DEFAULT_START_AT);
  const series = new Map<MetricId, Float64Array>();
  // One poll redraws every tile at once, unless a metric has its own cadence.
  const pageRedraws =
    scenario.refreshSec !== undefined
      ? redrawSteps(scenario.refreshSec, mulberry32(mixSeed(scenario.seed, 0)), stepSec, stepCount)
      : undefined;

  METRIC_IDS.forEach((metric, metricIndex) => {
    const track = scenario.metrics[metric];
    if (!track) return;
    const random = mulberry32(mixSeed(scenario.seed, metricIndex + 1));
    const noise = (track.noisePct ?? 0) / 100;
    const jitter = () => 1 + (random() * 2 - 1) * noise;
    const values = new Float64Array(stepCount);
    if (METRICS[metric].kind === 'counter') {
      // Noise scales each step's increment, so the total never goes down and follows the points' slope.
      let total = interpolate(track.points, 0);
      values[0] = roundFor(metric, total);
      for (let i = 1; i < stepCount; i++) {
        const increment =
          interpolate(track.points, i * stepSec) - interpolate(track.points, (i - 1) * stepSec);
        total += Math.max(0, increment * jitter());
        values[i] = roundFor(metric, total);
      }
    } else {
      for (let i = 0; i < stepCount; i++) {
        values[i] = roundFor(metric, Math.max(0, interpolate(track.points, i * stepSec) * jitter()));
      }
    }
    const redraws =
      track.refreshSec !== undefined
        ? redrawSteps(
            track.refreshSec,
            mulberry32(mixSeed(scenario.seed, metricIndex + 1, 1)),
            stepSec,
            stepCount,
          )
        : pageRedraws;
    const style = scenario.display?.[metric];
    const shown = new Float64Array(stepCount);
    // The last value written and how it read back: repeated values are common and formatting is not free.
    let lastValue = Number.NaN;
    let lastShown = Number.NaN;
    for (let i = 0; i < stepCount; i++) {
      const sec = i * stepSec;
      const held =
        i > 0 &&
        ((redraws !== undefined && redraws[i] === 0) ||
          heldFrom(track.stuck, sec) !== undefined ||
          heldFrom(scenario.freezes, sec) !== undefined);
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
    series.set(metric, shown);
  });

  const products = scenario.products ?? [];
  const productAt = (sec: number): Product | null => {
    let current: Product | null = null;
    for (const p of products) {
      if (p.at > sec) break;
      current = {
        name: p.name,
        ...(p.id !== undefined && { id: p.id }),
        ...(p.price !== undefined && { price: p.price }),
      };
    }
    return current;
  };

  const valuesAt = (sec: number) => {
    const index = Math.max(0, Math.min(stepCount - 1, Math.floor(sec / stepSec)));
    const metrics: ScenarioMetrics = {};
    for (const [metric, values] of series) {
      metrics[metric] = inSpans(scenario.metrics[metric]?.unreadable, index * stepSec)
        ? null
        : values[index]!;
    }
    // A frozen page keeps showing the product it showed when it froze.
    const frozenAt = heldFrom(scenario.freezes, index * stepSec);
    return { metrics, product: productAt(frozenAt ?? index * stepSec) };
  };

  const isSilent = (sec: number) => inSpans(scenario.silences, sec);
  const isFrozen = (sec: number) => heldFrom(scenario.freezes, sec) !== undefined;

  return {
    startTs,
    stepCount,
    valuesAt,
    isSilent,
    isFrozen,
    *samples() {
      for (let i = 0; i < stepCount; i++) {
        const sec = i * stepSec;
        if (isSilent(sec)) continue;
        const { metrics, product } = valuesAt(sec);
        const step: ScenarioStep = { sec, ts: Math.round(startTs + sec * 1000), metrics, product };
        if (i === stepCount - 1 && scenario.ended !== false) step.ended = true;
        yield step;
      }
    },
  };
}
