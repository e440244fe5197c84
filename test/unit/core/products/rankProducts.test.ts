import { describe, expect, it } from 'vitest';
import { renderProductReason } from '../../../../lib/core/i18n/renderProductReason';
import { ProductBook } from '../../../../lib/core/products/productBook';
import type { ProductRowReading } from '../../../../lib/core/products/productContract';
import { rankProducts } from '../../../../lib/core/products/rankProducts';

// "What to put up next" for a small evening: the ranked list an operator reads beside the room.

const T0 = Date.parse('2026-11-24T20:00:00Z');
const at = (sec: number) => T0 + sec * 1000;

interface Plan {
  id: string;
  price: number;
  /** Per minute: impressions, clicks, items sold; and the stock at the start. */
  perMin: [number, number, number];
  stock: number;
}

/** Twenty minutes of a room, the table redrawn every 10 s, with pins at the given seconds. */
function evening(products: Plan[], pins: [number, string | null][]): ProductBook {
  const book = new ProductBook();
  for (let sec = 0; sec <= 1200; sec += 10) {
    const rows: ProductRowReading[] = products.map(({ id, price, perMin: [imp, clicks, sold], stock }) => {
      const soldNow = Math.min(stock, Math.floor((sold * sec) / 60));
      return {
        id,
        name: `款${id}`,
        price,
        metrics: {
          impressions: Math.floor((imp * sec) / 60),
          clicks: Math.floor((clicks * sec) / 60),
          sold: soldNow,
          stock: stock - soldNow,
        },
      };
    });
    const pin = [...pins].reverse().find(([from]) => from <= sec);
    book.apply({ ts: at(sec), rows, pinnedId: pin ? pin[1] : null });
  }
  return book;
}

describe('rankProducts', () => {
  const book = evening(
    [
      { id: 'on', price: 299, perMin: [400, 40, 3], stock: 500 },
      { id: 'hot', price: 99, perMin: [150, 20, 3], stock: 300 },
      { id: 'clicky', price: 129, perMin: [100, 25, 0.2], stock: 300 },
      { id: 'plain', price: 159, perMin: [100, 5, 0.1], stock: 300 },
      { id: 'gone', price: 59, perMin: [100, 10, 2], stock: 20 },
      { id: 'was', price: 199, perMin: [100, 5, 0.1], stock: 300 },
    ],
    [
      [0, 'was'],
      [1020, 'on'],
    ],
  );
  const ranking = rankProducts(book, at(1200));

  it('puts the product that sells without being explained first, and a sold-out one last', () => {
    expect(ranking.pinned).toMatchObject({
      id: 'on',
      rank: 0,
      pinned: true,
      reason: { key: 'rank.reason.onScreen' },
    });
    expect(ranking.next.map((p) => p.id)).toEqual(['hot', 'clicky', 'plain', 'was', 'gone']);
    expect(ranking.next[0]).toMatchObject({
      rank: 1,
      reason: { key: 'rank.reason.sellsUnpinned', params: { perMin: 3 } },
    });
    expect(ranking.next.at(-1)).toMatchObject({
      soldOut: true,
      stock: 0,
      reason: { key: 'rank.reason.soldOut' },
    });
    expect(ranking.next.find((p) => p.id === 'was')).toMatchObject({
      explainedSec: 1020,
      reason: { key: 'rank.reason.justExplained', params: { agoSec: 180 } },
    });
  });

  it("gives each product's live funnel with its rates", () => {
    const clicky = ranking.next.find((p) => p.id === 'clicky')!;
    expect(clicky.funnel).toMatchObject({ impressions: 2000, clicks: 500, ctr: 0.25 });
    expect(clicky.reason).toEqual({
      key: 'rank.reason.clickThrough',
      params: { ctrPct: 25, roomPct: expect.any(Number) },
    });
    expect(ranking.roomCtr).toBeCloseTo(105 / 950, 3);
    expect(clicky.sellPerMin).toBeCloseTo(0.2, 1);
  });

  it('in a cooling room, a deal item gains', () => {
    const cooling = rankProducts(book, at(1200), { roomTrend: 'falling' });
    const plain = (r: typeof ranking) => r.next.find((p) => p.id === 'hot')!.score;
    expect(plain(cooling)).toBeGreaterThan(plain(ranking));
  });

  it('reads its reason in Chinese and English', () => {
    expect(renderProductReason(ranking.next[0]!.reason, 'zh-CN')).toBe('没讲解也每分钟卖 3 件');
    expect(renderProductReason(ranking.next[0]!.reason, 'en')).toBe('Sells 3/min without being explained');
    const was = ranking.next.find((p) => p.id === 'was')!;
    expect(renderProductReason(was.reason, 'zh-CN')).toBe('3 分钟前刚讲过');
  });
});
