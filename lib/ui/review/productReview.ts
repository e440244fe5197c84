import { checkPlanAgainstPins } from '../../core/engine/planCheck';
import type { PlanSlot } from '../../core/engine/types';
import { ProductBook } from '../../core/products/productBook';
import type { ProductMetricId } from '../../core/products/productContract';
import { rankProducts } from '../../core/products/rankProducts';
import { productsEvents } from '../../store/productEvents';
import type { SessionProductRows } from '../../store/productQueries';
import type { ProductSnapshotRow } from '../../store/productRows';
import type { ProductSlot } from './productSlots';

// The review's per-product table (复盘): for each product of the session, how long it was explained, the
// GMV and items sold during its slots (the real pin / explain spans), its funnel rates and stock at the
// end, and what the run-of-show planned for it. Pure: the same rows give the same table.

export interface ProductReviewRow {
  id: string;
  name: string;
  price: number | null;
  explainedSec: number;
  /** Times it was put up (pin spans). */
  slots: number;
  /** GMV / items sold gained while it was on screen (null: its numbers were not shown). */
  slotGmv: number | null;
  slotSold: number | null;
  /** Whole-session totals as last shown. */
  gmv: number | null;
  sold: number | null;
  ctr: number | null;
  clickToCart: number | null;
  cartToSold: number | null;
  clickToSold: number | null;
  stockEnd: number | null;
  /** Minutes the run-of-show gave it (null: not in the plan). */
  plannedMin: number | null;
}

export interface ProductReview {
  rows: ProductReviewRow[];
  /** The chart's product slots: the real pin spans, in time order. */
  slots: ProductSlot[];
  /** Planned products that were never put up (by id or name). */
  plannedNotShown: PlanSlot[];
}

/** One product's value of a counter over time, exactly as stored (not thinned). */
export type Steps = [ts: number, value: number][];

/** The counter's value at `ts`: the last reading at or before it, else its first reading (seen later). */
function valueAt(steps: Steps, ts: number): number | null {
  if (steps.length === 0) return null;
  let value = steps[0]![1];
  for (const [at, v] of steps) {
    if (at > ts) break;
    value = v;
  }
  return value;
}

/** Each product's stored gmv and items sold, in time order. */
export type ProductSteps = Map<string, Record<'gmv' | 'sold', Steps>>;

/** Adds snapshots (in time order) to each product's steps. */
export function addSteps(steps: ProductSteps, snapshots: readonly ProductSnapshotRow[]): void {
  for (const row of snapshots) {
    let own = steps.get(row.productId);
    if (!own) {
      own = { gmv: [], sold: [] };
      steps.set(row.productId, own);
    }
    for (const metric of ['gmv', 'sold'] as const satisfies readonly ProductMetricId[]) {
      const value = row.metrics[metric];
      if (typeof value === 'number') own[metric].push([row.ts, value]);
    }
  }
}

/** Snapshots in time order (a copy). */
export const inTimeOrder = (snapshots: readonly ProductSnapshotRow[]): ProductSnapshotRow[] =>
  [...snapshots].sort((a, b) => a.ts - b.ts);

export function productReview(
  rows: SessionProductRows,
  end: number,
  plan: readonly PlanSlot[] = [],
): ProductReview {
  const book = new ProductBook();
  for (const event of productsEvents(rows.snapshots, rows.pins)) book.apply(event);
  const steps: ProductSteps = new Map();
  addSteps(steps, inTimeOrder(rows.snapshots));
  return reviewOfBook(book, (id) => steps.get(id), end, plan);
}

/** The table from a book folded with every row and pin of the session, and each product's steps. */
export function reviewOfBook(
  book: ProductBook,
  stepsOf: (productId: string) => Record<'gmv' | 'sold', Steps> | undefined,
  end: number,
  plan: readonly PlanSlot[],
): ProductReview {
  const ranking = rankProducts(book, end);
  const ranked = new Map(
    [...(ranking.pinned ? [ranking.pinned] : []), ...ranking.next].map((p) => [p.id, p]),
  );
  // The run-of-show against the real pins: the engine's own check, so the review and the panel agree.
  const planCheck = checkPlanAgainstPins(plan, book, end);
  const plannedMin = new Map<string, number>();
  for (const slot of planCheck.slots) {
    if (slot.productId === null) continue;
    plannedMin.set(slot.productId, (plannedMin.get(slot.productId) ?? 0) + plan[slot.index]!.minutes);
  }

  const slots: ProductSlot[] = [];
  const table = book.products.map((product): ProductReviewRow => {
    const own = stepsOf(product.id) ?? { gmv: [], sold: [] };
    let slotGmv: number | null = null;
    let slotSold: number | null = null;
    let explainedMs = 0;
    for (const span of product.spans) {
      const to = span.to ?? Math.max(span.from, end);
      explainedMs += to - span.from;
      slots.push({ from: span.from, to, productId: product.id, name: product.name });
      const gained = (series: Steps) => {
        const a = valueAt(series, span.from);
        const b = valueAt(series, to);
        return a === null || b === null ? null : Math.max(0, b - a);
      };
      const gmv = gained(own.gmv);
      const sold = gained(own.sold);
      if (gmv !== null) slotGmv = (slotGmv ?? 0) + gmv;
      if (sold !== null) slotSold = (slotSold ?? 0) + sold;
    }
    const line = ranked.get(product.id);
    return {
      id: product.id,
      name: product.name,
      price: product.price ?? null,
      explainedSec: Math.round(explainedMs / 1000),
      slots: product.spans.length,
      slotGmv,
      slotSold,
      gmv: line?.gmv ?? null,
      sold: line?.funnel.sold ?? null,
      ctr: line?.funnel.ctr ?? null,
      clickToCart: line?.funnel.clickToCart ?? null,
      cartToSold: line?.funnel.cartToSold ?? null,
      clickToSold: line?.funnel.clickToSold ?? null,
      stockEnd: line?.stock ?? null,
      plannedMin: plannedMin.get(product.id) ?? null,
    };
  });
  // The products that earned most while on screen first, then those explained longest, then the rest.
  table.sort(
    (a, b) =>
      (b.slotGmv ?? -1) - (a.slotGmv ?? -1) ||
      b.explainedSec - a.explainedSec ||
      (b.gmv ?? -1) - (a.gmv ?? -1),
  );
  const plannedNotShown = planCheck.neverPinned.map((slot) => plan[slot.index]!);
  return { rows: table, slots: slots.sort((a, b) => a.from - b.from), plannedNotShown };
}
