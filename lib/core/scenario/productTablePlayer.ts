import {
  PRODUCT_METRIC_IDS,
  PRODUCT_METRIC_KIND,
  type ProductMetricId,
  type ProductMetricValues,
  type ProductRowReading,
} from '../products/productContract';
import { type DisplayStyle, PRODUCT_DISPLAY_STYLES } from './displayStyles';
import { mixSeed, mulberry32 } from './mulberry32';
import type { Scenario, ScenarioCatalogProduct } from './scenarioSchema';
import { heldFrom, inSpans, redrawSteps, shownSeries, trackValues } from './trackSeries';

// Plays a scenario's product catalog as the dashboard's product table shows it: every product's values are
// precomputed per step (random access for the mock room), drawn when the table redraws, held while a value
// is stuck or the page frozen, written in the table's display style; values the page derives (GMV from items
// sold × price, CTR, click-to-order, stock from the initial stock) are derived from what it shows.

export interface ProductTableStep {
  /** Every listed catalog product with what the page shows now (null: unreadable). */
  rows: ProductRowReading[];
  /** The product pinned / being explained; null when none is. */
  pinnedId: string | null;
}

export interface ProductTablePlayer {
  at(index: number): ProductTableStep;
  /** The catalog products as listed, for a page that draws the whole list. */
  readonly products: readonly ScenarioCatalogProduct[];
}

/** Whole items and people; money in cents; ratios to 4 places. */
function roundProduct(metric: ProductMetricId, value: number): number {
  if (metric === 'gmv') return Math.round(value * 100) / 100;
  if (metric === 'ctr' || metric === 'conversionRate') return Math.round(value * 10000) / 10000;
  return Math.round(value);
}

/** The display style of each product metric in this scenario. */
export function productDisplayStyle(scenario: Scenario, metric: ProductMetricId): DisplayStyle {
  return scenario.productDisplay?.[metric] ?? PRODUCT_DISPLAY_STYLES[metric];
}

/** Seeds of product streams start here so they never share a room metric's stream. */
const PRODUCT_SEED_BASE = 1000;

interface PlayedProduct {
  product: ScenarioCatalogProduct;
  listedIndex: number;
  /** Shown value per metric per step (absent: the page does not show it). */
  shown: Partial<Record<ProductMetricId, Float64Array>>;
  /** Per metric: the metrics whose unreadable spans make it unreadable (itself, or the parts it derives from). */
  unreadableFrom: Partial<Record<ProductMetricId, readonly ProductMetricId[]>>;
}

export function createProductTablePlayer(
  scenario: Scenario,
  stepSec: number,
  stepCount: number,
): ProductTablePlayer | undefined {
  const catalog = scenario.catalog;
  if (!catalog) return undefined;
  const refresh = scenario.productRefreshSec ?? scenario.refreshSec;
  const tableRedraws =
    refresh !== undefined
      ? redrawSteps(refresh, mulberry32(mixSeed(scenario.seed, PRODUCT_SEED_BASE)), stepSec, stepCount)
      : undefined;

  const played: PlayedProduct[] = catalog.map((product, p) => {
    const raw: Partial<Record<ProductMetricId, Float64Array>> = {};
    PRODUCT_METRIC_IDS.forEach((metric, m) => {
      const track = product.metrics[metric];
      if (!track) return;
      const random = mulberry32(mixSeed(scenario.seed, PRODUCT_SEED_BASE + p + 1, m));
      raw[metric] = trackValues(
        track,
        PRODUCT_METRIC_KIND[metric] === 'counter',
        random,
        stepSec,
        stepCount,
        (v) => roundProduct(metric, v),
      );
    });
    const listedIndex = Math.min(stepCount - 1, Math.ceil((product.listedAt ?? 0) / stepSec - 1e-9));
    const unreadableFrom: PlayedProduct['unreadableFrom'] = {};
    for (const metric of PRODUCT_METRIC_IDS) if (raw[metric]) unreadableFrom[metric] = [metric];
    // A sold-out product sells no more: items sold stop at the initial stock, and stock is what is left.
    if (product.initialStock !== undefined && raw.sold) {
      const sold = raw.sold;
      const cap = sold[listedIndex]! + product.initialStock;
      for (let i = 0; i < stepCount; i++) sold[i] = Math.min(sold[i]!, cap);
      if (!raw.stock) {
        const stock = new Float64Array(stepCount);
        for (let i = 0; i < stepCount; i++) stock[i] = Math.max(0, cap - sold[i]!);
        raw.stock = stock;
        unreadableFrom.stock = [];
      }
    } else if (product.initialStock !== undefined && !raw.stock) {
      raw.stock = new Float64Array(stepCount).fill(product.initialStock);
      unreadableFrom.stock = [];
    }
    if (!raw.gmv && raw.sold && product.price !== undefined) {
      const sold = raw.sold;
      const price = product.price;
      raw.gmv = sold.map((items) => roundProduct('gmv', items * price));
      unreadableFrom.gmv = [];
    }
    const track = (metric: ProductMetricId) => product.metrics[metric];
    const shown: PlayedProduct['shown'] = {};
    PRODUCT_METRIC_IDS.forEach((metric, m) => {
      const values = raw[metric];
      if (!values) return;
      const own = track(metric);
      const redraws =
        own?.refreshSec !== undefined
          ? redrawSteps(
              own.refreshSec,
              mulberry32(mixSeed(scenario.seed, PRODUCT_SEED_BASE + p + 1, m, 1)),
              stepSec,
              stepCount,
            )
          : tableRedraws;
      shown[metric] = shownSeries(
        values,
        stepSec,
        redraws,
        own?.stuck,
        scenario.freezes,
        productDisplayStyle(scenario, metric),
      );
    });
    // Rates the page computes from what it shows (so they move only when their parts are redrawn).
    const ratio = (metric: ProductMetricId, top: ProductMetricId, bottom: ProductMetricId) => {
      if (shown[metric] || !shown[top] || !shown[bottom]) return;
      const a = shown[top]!;
      const b = shown[bottom]!;
      const style = productDisplayStyle(scenario, metric);
      shown[metric] = shownSeries(
        a.map((value, i) => (b[i]! > 0 ? roundProduct(metric, value / b[i]!) : 0)),
        stepSec,
        undefined,
        undefined,
        undefined,
        style,
      );
      unreadableFrom[metric] = [...(unreadableFrom[top] ?? []), ...(unreadableFrom[bottom] ?? [])];
    };
    ratio('ctr', 'clicks', 'impressions');
    ratio('conversionRate', 'sold', 'clicks');
    return { product, listedIndex, shown, unreadableFrom };
  });

  const pins = scenario.products ?? [];
  const pinnedAt = (sec: number): string | null => {
    let current: string | null = null;
    for (const pin of pins) {
      if (pin.at > sec) break;
      current = pin.id ?? null;
    }
    return current;
  };

  return {
    products: catalog,
    at(index) {
      const sec = index * stepSec;
      const rows: ProductRowReading[] = [];
      for (const { product, listedIndex, shown, unreadableFrom } of played) {
        if (index < listedIndex) continue;
        const metrics: ProductMetricValues = {};
        for (const metric of PRODUCT_METRIC_IDS) {
          const values = shown[metric];
          if (!values) continue;
          const unreadable = unreadableFrom[metric]!.some((part) =>
            inSpans(product.metrics[part]?.unreadable, sec),
          );
          metrics[metric] = unreadable ? null : values[index]!;
        }
        rows.push({
          id: product.id,
          name: product.name,
          ...(product.price !== undefined && { price: product.price }),
          metrics,
        });
      }
      // A frozen page keeps showing the pin it showed when it froze.
      return { rows, pinnedId: pinnedAt(heldFrom(scenario.freezes, sec) ?? sec) };
    },
  };
}
