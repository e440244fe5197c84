import type { PlanSlot } from '../engine/types';
import type { ProductBook, ProductRecord } from './productBook';

// The run-of-show checked against what was really pinned: for each plan slot the time its product was
// explained, and the products explained that the plan never named. A slot names its product by id (or, in
// plans without ids, by the product's name). Pure: for the panel's plan view and the review.

export interface PlanSlotCheck {
  /** Index of the slot in the plan. */
  index: number;
  name: string;
  productId: string | null;
  plannedSec: number;
  /** Seconds its product was explained so far (0: never pinned). */
  explainedSec: number;
  /** When its product was first pinned (NaN: never). */
  firstPinnedAt: number;
  pinned: boolean;
}

export interface UnplannedProduct {
  id: string;
  name: string;
  explainedSec: number;
  firstPinnedAt: number;
}

export interface PlanPinCheck {
  slots: PlanSlotCheck[];
  /** Slots whose product was never pinned. */
  neverPinned: PlanSlotCheck[];
  /** Products pinned that no slot names, in the order they were first pinned. */
  unplanned: UnplannedProduct[];
}

function productOf(slot: PlanSlot, book: ProductBook): ProductRecord | undefined {
  if (slot.productId) return book.get(slot.productId);
  return book.products.find((product) => product.name === slot.name);
}

export function checkPlanAgainstPins(
  plan: readonly PlanSlot[],
  book: ProductBook,
  now: number,
): PlanPinCheck {
  const planned = new Set<ProductRecord>();
  const slots = plan.map((slot, index): PlanSlotCheck => {
    const product = productOf(slot, book);
    if (product) planned.add(product);
    const explainedMs = product ? product.explainedMs(now) : 0;
    const firstPinnedAt = product?.spans[0]?.from ?? Number.NaN;
    return {
      index,
      name: slot.name,
      productId: slot.productId ?? product?.id ?? null,
      plannedSec: slot.minutes * 60,
      explainedSec: Math.round(explainedMs / 1000),
      firstPinnedAt,
      pinned: !Number.isNaN(firstPinnedAt),
    };
  });
  const unplanned = book.products
    .filter((product) => product.spans.length > 0 && !planned.has(product))
    .sort((a, b) => a.spans[0]!.from - b.spans[0]!.from)
    .map((product) => ({
      id: product.id,
      name: product.name,
      explainedSec: Math.round(product.explainedMs(now) / 1000),
      firstPinnedAt: product.spans[0]!.from,
    }));
  return { slots, neverPinned: slots.filter((slot) => !slot.pinned), unplanned };
}
