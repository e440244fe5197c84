import { describe, expect, it } from 'vitest';
import type { RankedProduct } from '../../../../lib/core/products/rankProducts';
import { sameProductLine } from '../../../../lib/ui/panel/productRanking';

// Whether a product's line reads the same after the list is ranked again: the panel draws a line again only
// when it does not.

const line = (): RankedProduct => ({
  id: 'scarf',
  name: 'Scarf',
  price: 199,
  rank: 2,
  score: 0.61,
  pinned: false,
  soldOut: false,
  funnel: {
    impressions: 4000,
    clicks: 200,
    carts: 40,
    sold: 10,
    ctr: 0.05,
    clickToCart: 0.2,
    cartToSold: 0.25,
    clickToSold: 0.05,
  },
  stock: 60,
  gmv: 1990,
  sellPerMin: 1.5,
  clicksPerMin: 12,
  explainedSec: 120,
  explainCount: 1,
  reason: { key: 'rank.reason.converts', params: { perMin: 1.5 } },
});

describe('sameProductLine', () => {
  it('holds when only what the line does not show moved (its score and rates)', () => {
    expect(
      sameProductLine(line(), { ...line(), score: 0.7, sellPerMin: 2, clicksPerMin: 20, gmv: 2189 }),
    ).toBe(true);
    expect(sameProductLine(line(), line())).toBe(true);
  });

  it('fails on any change the line shows', () => {
    const changes: Partial<RankedProduct>[] = [
      { id: 'shirt' },
      { name: 'Scarf (grey)' },
      { price: 189 },
      { rank: 3 },
      { pinned: true },
      { soldOut: true },
      { stock: 59 },
      { stock: null },
      { explainedSec: 121 },
      { explainCount: 2 },
      { funnel: { ...line().funnel, carts: 41 } },
      { funnel: { ...line().funnel, cartToSold: 0.3 } },
      { reason: { ...line().reason, key: 'rank.reason.fading' } },
      { reason: { ...line().reason, params: { perMin: 2 } } },
      { reason: { ...line().reason, params: { perMin: 1.5, left: 3 } } },
    ];
    for (const change of changes) {
      expect(sameProductLine(line(), { ...line(), ...change }), JSON.stringify(change)).toBe(false);
      expect(sameProductLine({ ...line(), ...change }, line()), JSON.stringify(change)).toBe(false);
    }
  });
});
