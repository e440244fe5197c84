// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
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
