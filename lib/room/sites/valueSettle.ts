import type { ValueView } from './valueView';

// Numbers animate: a count-up runs from the old value to the new one over half a second, a frame at a time.
// Only the settled value is ever reported, never a frame. Times are on the sample clock (the scenario clock
// in the e2e build), so a fast-forwarded mock room that steps a second of scenario time per frame is never
// taken for an animation.
//
// A slot's first change waits until its text held still while the page drew two frames (the sampler's settle
// check): the first frame of a count-up looks like any change, and a page may not have animated while we
// watched (its load count-up ended before the content script came). A change that held still alone proves the
// slot plain. Not on a page playing a scenario's time (the e2e mock room steps scenario seconds faster than it
// draws frames, so no frame check fits between its steps): there a change counts at once unless it bursts.
// A slot whose text changes twice within BURST_MS (animation frames come every 16 ms, or every 100–200 ms on
// a starved machine) animates: from then on, on that page, a change is reported once the text held still
// while the page drew two frames, and at least every MAX_HOLD_MS.
// An animation moves its text on every frame it draws, so two drawn frames without a move is its end,
// however fast or starved the machine; a dashboard that refreshes 4×/s (a change every ~250 ms, some closer)
// is reported ~2 frames after each change instead of once its numbers pause. Holding still is judged by
// frames, never by time: a starved tab can go half a second without a frame, and a count-up's middle frame
// must not pass for a settled value because none came to replace it. A slot proven plain reports a change at
// once (DESIGN.md §6: post from the observer callback, never behind a timer). What the reader finds on its
// first look waits until it held still (a page may be counting up as it loads).

export const BURST_MS = 250;
/** However busy a value is, it is reported at least this often: a number that never holds still still counts. */
export const MAX_HOLD_MS = 2000;

export interface SettleState {
  /** The last settled text, reported while a newer one is still moving; null before the first. */
  accepted: string | null;
  /** Since when a text other than `accepted` has been waiting; null when none is. */
  pendingSince: number | null;
  seen: string;
  changedAt: number;
  /** The number of the read that saw `seen` first (reads are numbered by the reader). */
  changedRead: number;
  animated: boolean;
  /** Found when the reader started: the page may have been counting up already, so its first text waits. */
  probation: boolean;
  /** A change of this slot held still across two drawn frames, alone: its later changes count at once. */
  plain: boolean;
  /** How many times the text moved since a newer text started waiting (one, for a plain change). */
  moves: number;
}

/** Shared by every slot of one page: pages animate all their counters alike. */
export interface PageMotion {
  animated: boolean;
  /**
   * The page plays a scenario's time (the e2e mock room, stepping scenario seconds faster than the page draws
   * frames): frames cannot show there that a change held still, so its changes are judged by the sample
   * clock alone, and a value's first change counts at once.
   */
  scenarioTime?: boolean;
}

/**
 * Which read this is, and after which read the page is known to have drawn two frames (null: not known,
 * e.g. a read from the observer callback). A text first seen at or before `drawnAfterRead` held still
 * across those frames.
 */
export interface FrameCheck {
  read: number;
  drawnAfterRead: number | null;
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
  read = 0,
): SettleState {
  return {
    accepted: null,
    pendingSince: now,
    seen: view.text,
    changedAt: page.animated || probation ? now : Number.NEGATIVE_INFINITY,
    changedRead: read,
    animated: false,
    probation,
    plain: false,
    moves: 0,
  };
}

/**
 * Feeds one reading of the slot; returns the text to report (null: none settled yet) and whether to wait
 * (the sampler then checks again once the page drew two frames).
 */
export function settle(
  state: SettleState,
  view: ValueView,
  now: number,
  page: PageMotion,
  frames: FrameCheck,
): { text: string | null; waiting: boolean; changed: boolean } {
  const changed = view.text !== state.seen;
  if (changed) {
    const gap = now - state.changedAt;
    if (gap >= 0 && gap < BURST_MS) {
      state.animated = true;
      page.animated = true;
    } else if (page.scenarioTime) state.probation = false;
    state.seen = view.text;
    state.changedAt = now;
    state.changedRead = frames.read;
  }
  if (view.settled && view.text === state.accepted) {
    state.pendingSince = null;
    return { text: state.accepted, waiting: false, changed };
  }
  if (state.pendingSince === null) {
    state.pendingSince = now;
    state.moves = 0;
  }
  if (changed) state.moves += 1;
  const still = frames.drawnAfterRead !== null && state.changedRead <= frames.drawnAfterRead;
  const overdue = now - state.pendingSince >= MAX_HOLD_MS;
  // A first text counts at once unless the page animates or the slot was found on the first look; a first
  // change waits to hold still (see above).
  const proving = !state.plain && (state.probation || (state.accepted !== null && !page.scenarioTime));
  const careful = state.animated || page.animated || proving;
  const waiting = !view.settled || (careful && !still && !overdue);
  if (!waiting) {
    // Only a change proves the slot plain: a first text that held still says nothing of how changes are drawn.
    if (state.accepted !== null && still && state.moves === 1 && !state.animated) state.plain = true;
    state.probation = false;
    state.accepted = view.text;
    state.pendingSince = null;
  }
  return { text: state.accepted, waiting, changed };
}
