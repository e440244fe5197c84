import { describe, expect, it } from 'vitest';
import { newSettleState, SETTLE_MS, settle } from '../../../../lib/room/sites/valueSettle';

const view = (text: string) => ({ text, settled: true });

describe('settle: only settled values, never a frame of an animation', () => {
  it('takes a plain change at once', () => {
    const page = { animated: false };
    const state = newSettleState(view('100'), 0, page);
    expect(settle(state, view('100'), 0, page).text).toBe('100');
    expect(settle(state, view('120'), 1000, page)).toMatchObject({ text: '120', waiting: false });
  });

  it('holds a count-up until it stops, then takes where it stopped', () => {
    const page = { animated: false };
    const state = newSettleState(view('1000'), 0, page);
    settle(state, view('1000'), 0, page);
    settle(state, view('1003'), 1000, page); // the first frame of a count-up looks like a plain change…
    let at = 1000;
    for (const frame of ['1050', '1300', '1700', '1950', '2000']) {
      at += 16;
      expect(settle(state, view(frame), at, page)).toMatchObject({ waiting: true });
    }
    expect(page.animated).toBe(true);
    expect(settle(state, view('2000'), at + SETTLE_MS, page)).toMatchObject({ text: '2000', waiting: false });
    // …and from then on every change on the page waits for its animation to end.
    expect(settle(state, view('2004'), at + 5000, page)).toMatchObject({ text: '2000', waiting: true });
    expect(settle(state, view('2004'), at + 5000 + SETTLE_MS, page).text).toBe('2004');
  });

  it('never takes a view that says it is moving', () => {
    const page = { animated: false };
    const state = newSettleState(view('5'), 0, page);
    expect(settle(state, { text: '', settled: false }, 1000, page)).toMatchObject({
      text: null,
      waiting: true,
    });
  });

  it('a fast-forwarded scenario (a second of scenario time per step) is not an animation', () => {
    const page = { animated: false };
    const state = newSettleState(view('1'), 0, page);
    for (let step = 1; step < 20; step++)
      expect(settle(state, view(String(step)), step * 1000, page).text).toBe(String(step));
    expect(page.animated).toBe(false);
  });
});
