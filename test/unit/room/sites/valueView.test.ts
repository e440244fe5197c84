// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { sharingTexts } from '../../../../lib/room/sites/pageText';
import { planValue } from '../../../../lib/room/sites/valueView';
import { mountFixture } from './loadFixture';

// happy-dom has no layout: give each element the box a browser would, from the roller's own transform.
function layOutRollers(doc: Document, rowPx = 40) {
  const box = (top: number, height: number, left = 0) =>
    ({ top, bottom: top + height, left, right: left + 20, width: 20, height, x: left, y: top }) as DOMRect;
  doc.querySelectorAll<HTMLElement>('.roller-col').forEach((col, i) => {
    col.getBoundingClientRect = () => box(0, rowPx, i * 20);
    const strip = col.firstElementChild as HTMLElement;
    [...strip.children].forEach((digit, d) => {
      (digit as HTMLElement).getBoundingClientRect = () => {
        const shift = Number(/translateY\((-?[\d.]+)px\)/.exec(strip.style.transform)?.[1] ?? 0);
        return box(d * rowPx + shift, rowPx, i * 20);
      };
    });
  });
}

describe('planValue: the text a person sees', () => {
  it('reads a digit roller’s shown digits from geometry', () => {
    mountFixture('data-screen-roller.html', { runScripts: true });
    layOutRollers(document);
    const gmv = document.querySelector('[data-roller="gmv"]')!;
    expect(planValue(gmv).read()).toEqual({ text: '86,420', settled: true });
  });

  it('says a roller between two digits is not settled, and reads it once it comes to rest', () => {
    mountFixture('data-screen-roller.html', { runScripts: true });
    layOutRollers(document);
    const orders = document.querySelector('[data-roller="orders"]')!;
    const plan = planValue(orders);
    const strip = orders.querySelector('.roller-strip') as HTMLElement;
    strip.style.transform = 'translateY(-380px)'; // halfway between 9 and 10
    expect(plan.read().settled).toBe(false);
    strip.style.transform = 'translateY(-120px)';
    expect(plan.read()).toEqual({ text: '302', settled: true });
  });

  it('skips an odometer’s hidden spacers and keeps its formatting marks', () => {
    mountFixture('tiktok-live-dashboard.html');
    const odometer = document.querySelector('.odometer')!;
    expect(odometer.textContent).toBe('84,838488.8181');
    expect(planValue(odometer).read()).toEqual({ text: '4,348.11', settled: true });
  });

  it('prefers the value the platform gives in aria-label over the animated digits', () => {
    document.body.innerHTML =
      '<div aria-label="12,345"><span aria-hidden="true">1</span><span aria-hidden="true">2</span></div>';
    expect(planValue(document.body.firstElementChild!).read().text).toBe('12,345');
  });

  it('reads digits a page hid only from screen readers when nothing else shows', () => {
    document.body.innerHTML = '<div><span aria-hidden="true">9</span><span aria-hidden="true">8</span></div>';
    expect(planValue(document.body.firstElementChild!).read().text).toBe('98');
  });

  it('notices when the structure under it changed', () => {
    document.body.innerHTML = '<div><span>1</span><span>2</span></div>';
    const el = document.body.firstElementChild!;
    const plan = planValue(el);
    expect(plan.stale()).toBe(false);
    el.firstElementChild!.replaceWith(document.createElement('span'));
    expect(plan.stale()).toBe(true);
  });
});

describe('planValue within one shared read', () => {
  /** Counts getComputedStyle calls, by pseudo-element ('' for the element itself). */
  const countStyles = () => {
    const counts = new Map<string, number>();
    const original = window.getComputedStyle;
    window.getComputedStyle = ((el: Element, pseudo?: string | null) => {
      counts.set(pseudo ?? '', (counts.get(pseudo ?? '') ?? 0) + 1);
      return original.call(window, el, pseudo);
    }) as typeof window.getComputedStyle;
    return { counts, restore: () => (window.getComputedStyle = original) };
  };

  it('asks each element for its style and its CSS-drawn text once, however often the value is viewed', () => {
    document.body.innerHTML =
      '<div id="v"><span class="cur">¥</span><span><b>1</b><b>2</b></span><span>,</span><span><b>3</b><b>4</b></span></div>';
    const value = document.getElementById('v')!;
    const spy = countStyles();
    try {
      const texts = sharingTexts(() => [planValue(value).read().text, planValue(value).read().text]);
      expect(texts).toEqual(['¥12,34', '¥12,34']);
      // 9 elements: once each for the element, its ::before and its ::after.
      expect(spy.counts.get('')).toBe(9);
      expect(spy.counts.get('::before')).toBe(9);
      expect(spy.counts.get('::after')).toBe(9);
      // A later read asks again: the page may have changed since.
      spy.counts.clear();
      sharingTexts(() => planValue(value).read());
      expect(spy.counts.get('::before')).toBe(9);
    } finally {
      spy.restore();
    }
  });
});
