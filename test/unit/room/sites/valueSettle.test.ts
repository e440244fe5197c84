import { describe, expect, it } from 'vitest';
import { type FrameCheck, newSettleState, settle } from '../../../../lib/room/sites/valueSettle';

const view = (text: string) => ({ text, settled: true });
/** Read number `read`, from the observer callback: no frames known to be drawn. */
const observed = (read: number): FrameCheck => ({ read, drawnAfterRead: null });
/** Read number `read`, the settle check: the page drew two frames after read `after`. */
const checked = (read: number, after: number): FrameCheck => ({ read, drawnAfterRead: after });

describe('settle: only settled values, never a frame of an animation', () => {
  it('takes a value’s first change once it held still across two drawn frames, and its later changes at once', () => {
    const page = { animated: false };
    const state = newSettleState(view('100'), 0, page);
    expect(settle(state, view('100'), 0, page, observed(1)).text).toBe('100');
    // The first change could be a count-up's first frame (the page may have counted up before we watched).
    expect(settle(state, view('120'), 1000, page, observed(2))).toMatchObject({ text: '100', waiting: true });
    expect(settle(state, view('120'), 1033, page, checked(3, 2))).toMatchObject({
      text: '120',
      waiting: false,
    });
    // It held still alone: the value is plain.
    expect(settle(state, view('135'), 2000, page, observed(4))).toMatchObject({
      text: '135',
      waiting: false,
    });
    expect(page.animated).toBe(false);
  });

  it('a first change that moved again before it held still proves nothing: the next change waits too', () => {
    const page = { animated: false };
    const state = newSettleState(view('100'), 0, page);
    settle(state, view('100'), 0, page, observed(1));
    // A count-up starved of frames: its frames come more than BURST_MS apart.
    settle(state, view('180'), 1000, page, observed(2));
    settle(state, view('260'), 1300, page, checked(3, 2));
    expect(settle(state, view('260'), 1600, page, checked(4, 3))).toMatchObject({
      text: '260',
      waiting: false,
    });
    expect(settle(state, view('300'), 5000, page, observed(5))).toMatchObject({ text: '260', waiting: true });
  });

  it('holds a count-up until it held still across two drawn frames, then takes where it stopped', () => {
    const page = { animated: false };
    const state = newSettleState(view('1000'), 0, page);
    settle(state, view('1000'), 0, page, observed(1));
    settle(state, view('1003'), 1000, page, observed(2)); // the first frame of a count-up looks like a plain change…
    let at = 1000;
    let read = 2;
    for (const frame of ['1050', '1300', '1700', '1950', '2000']) {
      at += 16;
      read += 1;
      // Each frame moved since the last check began: still counting.
      expect(settle(state, view(frame), at, page, checked(read, read - 1))).toMatchObject({ waiting: true });
    }
    expect(page.animated).toBe(true);
    // Two frames drawn after the read that saw 2000, and it is still 2000: settled, ~33 ms after it stopped.
    expect(settle(state, view('2000'), at + 33, page, checked(read + 1, read))).toMatchObject({
      text: '2000',
      waiting: false,
    });
    // …and from then on every change on the page waits for two frames without a move.
    read += 1;
    expect(settle(state, view('2004'), at + 5000, page, observed(read + 1))).toMatchObject({
      text: '2000',
      waiting: true,
    });
    expect(settle(state, view('2004'), at + 5033, page, checked(read + 2, read + 1)).text).toBe('2004');
  });

  it('on an animating page, takes every value of a dashboard that refreshes four times a second', () => {
    const page = { animated: true };
    const state = newSettleState(view('500'), 0, page);
    let read = 0;
    const shown: (string | null)[] = [];
    for (let i = 1; i <= 40; i++) {
      const at = i * 240; // some refreshes come closer than BURST_MS
      read += 1;
      settle(state, view(String(500 + i)), at, page, observed(read));
      read += 1;
      shown.push(settle(state, view(String(500 + i)), at + 33, page, checked(read, read - 1)).text);
    }
    expect(shown).toEqual(Array.from({ length: 40 }, (_, i) => String(501 + i)));
  });

  it('a starved page that drew no frame takes nothing until MAX_HOLD_MS, however long it held still', () => {
    const page = { animated: true };
    const state = newSettleState(view('1'), 0, page);
    settle(state, view('1'), 0, page, checked(1, 0));
    expect(settle(state, view('1180'), 100, page, observed(2))).toMatchObject({ text: '1', waiting: true });
    expect(settle(state, view('1180'), 1600, page, observed(3))).toMatchObject({ text: '1', waiting: true });
    expect(settle(state, view('1180'), 2100, page, observed(4))).toMatchObject({
      text: '1180',
      waiting: false,
    });
  });

  it('never takes a view that says it is moving', () => {
    const page = { animated: false };
    const state = newSettleState(view('5'), 0, page);
    expect(settle(state, { text: '', settled: false }, 1000, page, checked(1, 0))).toMatchObject({
      text: null,
      waiting: true,
    });
  });

  it('a fast-forwarded scenario (a second of scenario time per step, faster than frames) is not an animation', () => {
    // On the scenario clock no frame check fits between two steps: every step counts at once.
    const page = { animated: false, scenarioTime: true };
    const state = newSettleState(view('0'), 0, page);
    for (let step = 1; step < 20; step++)
      expect(settle(state, view(String(step)), step * 1000, page, observed(step)).text).toBe(String(step));
    expect(page.animated).toBe(false);
  });
});
