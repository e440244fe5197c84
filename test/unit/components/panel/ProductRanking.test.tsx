// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUiI18n, I18nContext } from '../../../../components/common/i18nContext';
import { CueProduct, ProductRanking } from '../../../../components/panel/ProductRanking';
import { ProductBook } from '../../../../lib/core/products/productBook';
import { rankProducts } from '../../../../lib/core/products/rankProducts';

// The ranked product list as the operator reads it, and streamer mode's one product.

const T = Date.UTC(2026, 11, 5, 20);

function book() {
  const b = new ProductBook();
  b.apply({
    ts: T,
    rows: [
      {
        id: 'scarf',
        name: '羊绒围巾 <b>灰</b>',
        price: 199,
        metrics: { impressions: 4000, clicks: 200, carts: 40, sold: 10, stock: 60 },
      },
      {
        id: 'shirt',
        name: 'Silk shirt',
        price: 89,
        metrics: { impressions: 1000, clicks: 150, carts: 30, sold: 24, stock: 0 },
      },
      { id: 'mug', name: 'Mug', price: 19, metrics: { impressions: 500, clicks: 10, sold: 1, stock: 300 } },
    ],
    pinnedId: 'scarf',
  });
  return b;
}

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

const show = (node: preact.ComponentChild, locale: 'en' | 'zh-CN' = 'en') =>
  act(() => render(<I18nContext.Provider value={createUiI18n(locale)}>{node}</I18nContext.Provider>, root));

describe('ProductRanking', () => {
  it('says the list is being read while the worker reads the evening, then shows it', () => {
    show(<ProductRanking ranking={null} reading />, 'zh-CN');
    expect(root.querySelector('[data-testid="products-reading"]')?.textContent).toBe('正在读取本场商品数据…');
    expect(root.querySelector('[data-testid="product-ranking"]')?.getAttribute('aria-busy')).toBe('true');
    show(<ProductRanking ranking={rankProducts(book(), T + 120_000)} reading={false} />, 'zh-CN');
    expect(root.querySelector('[data-testid="products-reading"]')).toBeNull();
    expect(root.querySelectorAll('[data-testid="product-next"] [data-product-id]')).toHaveLength(2);
    // A room with no product list shows nothing.
    show(<ProductRanking ranking={null} />);
    expect(root.innerHTML).toBe('');
  });

  it('shows the product on screen, then the rest by rank with funnel, stock, explained time and reason', () => {
    const ranking = rankProducts(book(), T + 120_000);
    show(<ProductRanking ranking={ranking} />);
    const onScreen = root.querySelector('[data-testid="product-on-screen"] [data-product-id]')!;
    expect(onScreen.getAttribute('data-product-id')).toBe('scarf');
    expect(onScreen.getAttribute('data-pinned')).toBe('true');
    // Page text is text, never markup.
    expect(onScreen.querySelector('.product-name')?.textContent).toBe('羊绒围巾 <b>灰</b>');
    expect(onScreen.querySelector('b')).toBeNull();
    expect(onScreen.querySelector('.product-explained')?.textContent).toBe('Explained 2 min · 1×');
    const steps = [...onScreen.querySelectorAll('[data-step]')].map((li) => li.textContent);
    expect(steps).toEqual(['Impr. 4000', 'Clicks 2005%', 'Carts 4020%', 'Sold 1025%']);

    const next = [...root.querySelectorAll('[data-testid="product-next"] [data-product-id]')];
    expect(next.map((li) => [li.getAttribute('data-product-id'), li.getAttribute('data-rank')])).toEqual([
      ['mug', '1'],
      ['shirt', '2'],
    ]);
    expect(next[1]?.querySelector('[data-testid="product-stock"]')?.textContent).toBe('Sold out');
    expect(next[1]?.querySelector('[data-testid="product-reason"]')?.textContent).toBe(
      'Sold out: do not put it up again',
    );
    expect(next[0]?.querySelector('.product-explained')).toBeNull();
  });

  it('speaks Chinese, and shows nothing for a room without a product list', () => {
    show(<ProductRanking ranking={rankProducts(book(), T + 60_000)} />, 'zh-CN');
    expect(root.querySelector('h3')?.textContent).toContain('接下来上什么');
    expect(root.querySelector('[data-pinned] .product-rank')?.textContent).toBe('讲解中');
    show(<ProductRanking ranking={null} />);
    expect(root.querySelector('[data-testid="product-ranking"]')).toBeNull();
  });

  it('ranked again each second, a line shows what changed and the others are left as they were', () => {
    const b = book();
    show(<ProductRanking ranking={rankProducts(b, T + 60_000)} />);
    const line = (id: string) => root.querySelector(`[data-product-id="${id}"]`)!;
    const stockOf = (id: string) => line(id).querySelector('[data-testid="product-stock"]')?.textContent;
    expect(stockOf('mug')).toBe('Stock 300');
    // The mug's stock moves; the shirt's line reads the same a second later.
    b.apply({ ts: T + 61_000, rows: [{ id: 'mug', metrics: { stock: 297, sold: 4 } }] });
    const drawn: string[] = [];
    const seen = new MutationObserver((records) => {
      for (const record of records) {
        const id = (record.target instanceof Element ? record.target : record.target.parentElement)
          ?.closest('[data-product-id]')
          ?.getAttribute('data-product-id');
        if (id) drawn.push(id);
      }
    });
    seen.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    show(<ProductRanking ranking={rankProducts(b, T + 62_000)} />);
    seen.disconnect();
    expect(stockOf('mug')).toBe('Stock 297');
    expect(line('mug').querySelector('[data-step="sold"] .funnel-value')?.textContent).toBe('4');
    expect(new Set(drawn)).not.toContain('shirt');
    // The scarf on screen: its explained time moved a second, and shows it.
    expect(line('scarf').querySelector('.product-explained')?.textContent).toBe('Explained 1 min 2 s · 1×');
  });

  it("streamer mode shows the cue's product alone, large", () => {
    const ranking = rankProducts(book(), T + 60_000);
    show(<CueProduct product={ranking.next.find((p) => p.id === 'shirt')!} />);
    const focus = root.querySelector('[data-testid="cue-product"]')!;
    expect(focus.getAttribute('data-product-id')).toBe('shirt');
    expect(focus.textContent).toBe('Silk shirtSold out · ¥89');
  });
});
