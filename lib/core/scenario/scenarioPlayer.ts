import type { Product } from '../messages/sample';
import { METRIC_IDS, METRICS, type MetricId } from '../metrics/metricCatalog';
import { mixSeed, mulberry32 } from './mulberry32';
import type { Scenario } from './scenarioSchema';

// Plays a scenario: every metric is precomputed at each step, so valuesAt() is random-access and the
// mock room (seeking by wall clock) and the CLI (walking every step) see the same numbers.

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

const inSpans = (spans: readonly (readonly [number, number])[] | undefined, sec: number) =>
  spans?.some(([from, to]) => sec >= from && sec <= to) ?? false;

export function createScenarioPlayer(scenario: Scenario): ScenarioPlayer {
  const stepSec = scenario.stepSec;
  const stepCount = Math.floor(scenario.durationSec / stepSec) + 1;
  const startTs = Date.parse(scenario.startAt ?? DEFAULT_START_AT);
  const series = new Map<MetricId, Float64Array>();

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
    series.set(metric, values);
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
    return { metrics, product: productAt(index * stepSec) };
  };

  const isSilent = (sec: number) => inSpans(scenario.silences, sec);

  return {
    startTs,
    stepCount,
    valuesAt,
    isSilent,
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
