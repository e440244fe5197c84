import type { ValueView } from './valueView';

// Numbers animate: a count-up runs from the old value to the new one over half a second, a frame at a time.
// Only the settled value is ever reported, never a frame. Times are on the sample clock (the scenario clock
// in the e2e build), so a fast-forwarded mock room that steps a second of scenario time per frame is never
// taken for an animation.
//
// A slot is believed plain until its text changes twice within BURST_MS (faster than any dashboard refreshes;
// animation frames come every 16 ms, or every 100–200 ms on a starved machine): from then on, on that page,
// each change is reported once the text has held still for SETTLE_MS (and at least every MAX_HOLD_MS). A plain slot's change
// is reported at once (DESIGN.md §6: post from the observer callback, never behind a timer). What the reader
// finds on its first look waits until it held still (a page may be counting up as it loads), and the sampler
// holds its first post that long. On a careful slot, holding still is judged only by the sampler's settle
// check, which runs after the page drew frames: a starved tab can go half a second without a frame, and a
// count-up's middle frame must not pass for a settled value because none came to replace it.

export const BURST_MS = 250;
export const SETTLE_MS = 500;
/** However busy a value is, it is reported at least this often: a number that never holds still still counts. */
export const MAX_HOLD_MS = 2000;

export interface SettleState {
  /** The last settled text, reported while a newer one is still moving; null before the first. */
  accepted: string | null;
  /** Since when a text other than `accepted` has been waiting; null when none is. */
  pendingSince: number | null;
  seen: string;
  changedAt: number;
  animated: boolean;
  /** Found when the reader started: the page may have been counting up already, so its first text waits. */
  probation: boolean;
}

/** Shared by every slot of one page: pages animate all their counters alike. */
export interface PageMotion {
  animated: boolean;
}

/**
 * A slot just found. Its first text must hold still before it counts on a page known to animate, and on the
 * reader's first look at a page (which may be counting up as it loads); a slot found later on a calm page
 * counts at once.
 */
export function newSettleState(
  view: ValueView,
  now: number,
  page: PageMotion,
  probation = false,
): SettleState {
  return {
    accepted: null,
    pendingSince: now,
    seen: view.text,
    changedAt: page.animated || probation ? now : Number.NEGATIVE_INFINITY,
    animated: false,
    probation,
  };
}

/**
 * Feeds one reading of the slot; returns the text to report (null: none settled yet) and whether to wait.
 * `drawn`: the page has drawn frames since the wait began, so a careful slot that held still has settled.
 */
export function settle(
  state: SettleState,
  view: ValueView,
  now: number,
  page: PageMotion,
  drawn = true,
): { text: string | null; waiting: boolean; changed: boolean } {
  const changed = view.text !== state.seen;
  if (changed) {
    const gap = now - state.changedAt;
    if (gap >= 0 && gap < BURST_MS) {
      state.animated = true;
      page.animated = true;
    } else state.probation = false;
    state.seen = view.text;
    state.changedAt = now;
  }
  if (view.settled && view.text === state.accepted) {
    state.pendingSince = null;
    return { text: state.accepted, waiting: false, changed };
  }
  state.pendingSince ??= now;
  const quiet = drawn && (now - state.changedAt >= SETTLE_MS || now < state.changedAt);
  const overdue = now - state.pendingSince >= MAX_HOLD_MS;
  const careful = state.animated || page.animated || state.probation;
  const waiting = !view.settled || (careful && !quiet && !overdue);
  if (!waiting) {
    state.accepted = view.text;
    state.pendingSince = null;
  }
  return { text: state.accepted, waiting, changed };
}
