import { PM, type ProductRecord } from './productBook';

// The room's funnel summed over its products, as both the ranking and the fading rule read it: a product
// counts towards click-through only where it shows impressions, and towards click-to-order only where it
// shows clicks, so a table without one column does not drag the rates down.

export interface FunnelTotals {
  impressions: number;
  clicks: number;
  /** Clicks of the products that show items sold: the base of click-to-order. */
  clicksWithSold: number;
  sold: number;
}

/** Adds one product's impressions, clicks and items sold (or their change over a span) to `totals`. */
export function addToFunnel(totals: FunnelTotals, impressions: number, clicks: number, sold: number): void {
  if (impressions > 0 && clicks >= 0) {
    totals.impressions += impressions;
    totals.clicks += clicks;
  }
  if (clicks > 0 && sold >= 0) {
    totals.clicksWithSold += clicks;
    totals.sold += sold;
  }
}

export const emptyFunnel = (): FunnelTotals => ({ impressions: 0, clicks: 0, clicksWithSold: 0, sold: 0 });

/** The funnel of every product but `skip`, from their latest values, added to `totals` (a new one by default). */
export function funnelTotals(
  products: Iterable<ProductRecord>,
  skip?: ProductRecord,
  totals: FunnelTotals = emptyFunnel(),
): FunnelTotals {
  for (const product of products) {
    if (product === skip) continue;
    addToFunnel(totals, product.value(PM.impressions), product.value(PM.clicks), product.value(PM.sold));
  }
  return totals;
}
