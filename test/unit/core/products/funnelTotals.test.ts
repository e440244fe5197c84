import { describe, expect, it } from 'vitest';
import { addToFunnel, emptyFunnel } from '../../../../lib/core/products/funnelTotals';

describe('the room funnel summed over products', () => {
  it('counts click-through only where impressions show, and click-to-order only where clicks show', () => {
    const totals = emptyFunnel();
    addToFunnel(totals, 1000, 50, 5);
    // A row whose impressions are unknown (NaN) still gives its clicks and sales to click-to-order.
    addToFunnel(totals, Number.NaN, 20, 2);
    // A row with impressions but no clicks column adds nothing to click-through.
    addToFunnel(totals, 500, Number.NaN, 1);
    expect(totals).toEqual({ impressions: 1000, clicks: 50, clicksWithSold: 70, sold: 7 });
  });
});
