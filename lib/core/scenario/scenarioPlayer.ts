import type { RoomComment } from '../comments/roomComment';
import type { Product } from '../messages/sample';
import { METRIC_IDS, METRICS, type MetricId } from '../metrics/metricCatalog';
import { mixSeed, mulberry32 } from './mulberry32';
import { createProductTablePlayer, type ProductTableStep } from './productTablePlayer';
import type { Scenario } from './scenarioSchema';
import { heldFrom, inSpans, redrawSteps, shownSeries, trackValues } from './trackSeries';

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
  /** The product table as the page shows it (scenarios with a `catalog`). */
  productTable?: ProductTableStep;
  /** True at the last step when the room shows its end-of-live signal. */
  ended?: boolean;
}

/** A comment as the room's reader takes it: drawn at the step that holds it, stamped with that step's time. */
export interface ScenarioComment extends RoomComment {
  /** The step (seconds) whose page first shows it. */
  sec: number;
}

export interface ScenarioPlayer {
  readonly startTs: number;
  readonly stepCount: number;
  valuesAt(sec: number): {
    metrics: ScenarioMetrics;
    product: Product | null;
    productTable?: ProductTableStep;
  };
  /** Every step from 0 to durationSec, stepSec apart, skipping the scenario's silences. */
  samples(): Iterable<ScenarioStep>;
  /** Whether the reader sees the page at `sec` (false inside a silence). */
  isSilent(sec: number): boolean;
  /** Whether the whole page is frozen at `sec` (inside a freeze, after its first second). */
  isFrozen(sec: number): boolean;
  /**
   * The comments the reader sees, in order: each shown at the first step at or after its `at`, stamped with
   * that step's time and a millisecond more for each one before it in the step (the content script makes
   * times strictly increasing the same way). None is seen inside a silence or a freeze.
   */
  comments(): readonly ScenarioComment[];
}

/** Whole people, clicks and orders; money in cents; ratios to 4 places — as a dashboard would show them. */
function roundFor(metric: MetricId, value: number): number {
  const unit = METRICS[metric].unit;
  if (unit === 'currency') return Math.round(value * 100) / 100;
  if (unit === 'ratio') return Math.round(value * 10000) / 10000;
  return Math.round(value);
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
    const values = trackValues(track, METRICS[metric].kind === 'counter', random, stepSec, stepCount, (v) =>
      roundFor(metric, v),
    );
    const redraws =
      track.refreshSec !== undefined
        ? redrawSteps(
            track.refreshSec,
            mulberry32(mixSeed(scenario.seed, metricIndex + 1, 1)),
            stepSec,
            stepCount,
          )
        : pageRedraws;
    series.set(
      metric,
      shownSeries(values, stepSec, redraws, track.stuck, scenario.freezes, scenario.display?.[metric]),
    );
  });

  const productTable = createProductTablePlayer(scenario, stepSec, stepCount);
  const catalog = new Map(scenario.catalog?.map((product) => [product.id, product]));
  const products = scenario.products ?? [];
  const productAt = (sec: number): Product | null => {
    let current: Product | null = null;
    for (const p of products) {
      if (p.at > sec) break;
      if (p.id === null) {
        current = null;
        continue;
      }
      // A pin of a catalog product takes its name and price from the catalog.
      const listed = p.id !== undefined ? catalog.get(p.id) : undefined;
      const price = p.price ?? listed?.price;
      current = {
        name: p.name ?? listed?.name ?? p.id ?? '',
        ...(p.id !== undefined && { id: p.id }),
        ...(price !== undefined && { price }),
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
    const product = productAt(frozenAt ?? index * stepSec);
    if (!productTable) return { metrics, product };
    return { metrics, product, productTable: productTable.at(index) };
  };

  const isSilent = (sec: number) => inSpans(scenario.silences, sec);
  const isFrozen = (sec: number) => heldFrom(scenario.freezes, sec) !== undefined;

  let shownComments: ScenarioComment[] | undefined;
  const comments = (): readonly ScenarioComment[] => {
    if (shownComments) return shownComments;
    shownComments = [];
    let lastTs = Number.NEGATIVE_INFINITY;
    for (const comment of scenario.comments ?? []) {
      const sec = Math.min(stepCount - 1, Math.ceil(comment.at / stepSec - 1e-9)) * stepSec;
      if (isSilent(sec) || isFrozen(sec)) continue;
      const ts = Math.max(Math.round(startTs + sec * 1000), lastTs + 1);
      lastTs = ts;
      shownComments.push({ sec, ts, user: comment.user, text: comment.text });
    }
    return shownComments;
  };

  return {
    startTs,
    stepCount,
    valuesAt,
    isSilent,
    isFrozen,
    comments,
    *samples() {
      for (let i = 0; i < stepCount; i++) {
        const sec = i * stepSec;
        if (isSilent(sec)) continue;
        const { metrics, product, productTable: table } = valuesAt(sec);
        const step: ScenarioStep = { sec, ts: Math.round(startTs + sec * 1000), metrics, product };
        if (table) step.productTable = table;
        if (i === stepCount - 1 && scenario.ended !== false) step.ended = true;
        yield step;
      }
    },
  };
}
