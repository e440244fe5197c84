// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { startElementPicker } from '../../../../lib/room/sites/elementPicker';
import { selectorFor } from '../../../../lib/room/sites/selectorFor';

beforeEach(() => {
  document.body.innerHTML = `
    <div id="app">
      <div class="metricCard-x8Fk2"><span class="name--x7a1">实时在线人数</span><div class="data--p0q2"><span>1.2万</span></div></div>
      <div class="metricCard-x8Fk2"><span class="name--x7a1">成交金额</span><div class="data--p0q2"><span>¥3,400</span></div></div>
      <div class="ant-statistic" data-tid="m4b_stat_gmv"><span>¥9</span></div>
      <div id="k3j9x2Lq"><b aria-label="likes">88</b></div>
    </div>`;
});

describe('selectorFor', () => {
  it('builds selectors that match exactly the element and skip hashed class names', () => {
    const values = document.querySelectorAll('.data--p0q2 span');
    for (const el of [...values, document.querySelector('[data-tid] span')!, document.querySelector('b')!]) {
      const selector = selectorFor(el);
      expect(document.querySelectorAll(selector)).toHaveLength(1);
      expect(document.querySelector(selector)).toBe(el);
      expect(selector).not.toMatch(/x8Fk2|x7a1|p0q2|k3j9x2Lq/);
    }
    expect(selectorFor(document.querySelector('[data-tid] span')!)).toBe(
      'div[data-tid="m4b_stat_gmv"] > span',
    );
    expect(selectorFor(document.querySelector('b')!)).toBe('b[aria-label="likes"]');
    expect(selectorFor(document.getElementById('app')!)).toBe('#app');
  });
});

describe('startElementPicker', () => {
  it('outlines the element under the cursor, and a click picks it without reaching the page', () => {
    const onPick = vi.fn();
    const pageClick = vi.fn();
    document.addEventListener('click', pageClick);
    const stop = startElementPicker(document, { onPick, onCancel: vi.fn() });
    const target = document.querySelectorAll('.data--p0q2 span')[1]!;

    target.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    const box = document.querySelector('[data-livecue-picker]') as HTMLElement;
    expect(box.style.display).toBe('block');
    expect(box.textContent).toBe('¥3,400');
    expect(box.innerHTML).not.toContain('<span');

    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    expect(onPick).toHaveBeenCalledTimes(1);
    const [selector, sample] = onPick.mock.calls[0]!;
    expect(document.querySelector(selector)).toBe(target);
    expect(sample).toBe('¥3,400');
    expect(pageClick).not.toHaveBeenCalled();
    expect(document.querySelector('[data-livecue-picker]')).toBeNull();
    stop();
    document.removeEventListener('click', pageClick);
  });

  it('cancels on Escape and removes its outline; stop() does the same without a callback', () => {
    const onCancel = vi.fn();
    const onPick = vi.fn();
    startElementPicker(document, { onPick, onCancel });
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(document.querySelector('[data-livecue-picker]')).toBeNull();

    const stop = startElementPicker(document, { onPick, onCancel });
    stop();
    document.querySelector('b')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(onPick).not.toHaveBeenCalled();
    expect(document.querySelector('[data-livecue-picker]')).toBeNull();
  });
});
