import type { RoomReader, RoomReading } from '../sites/labelReader';
import { MAX_HOLD_MS } from '../sites/valueSettle';
import { afterDrawnFrames } from './afterDrawnFrames';

// Turns a room reader into a stream of readings. One MutationObserver watches the document, its open shadow
// roots and same-origin frames (structure and text) and each value node (its attributes: a roller moves by
// `style`); the reader is told what changed and read from the observer callback itself (already batched, and
// timers are throttled in background tabs — DESIGN.md §6). Only a changed reading is posted; in a quiet room the
// full reading goes on a heartbeat so the background knows the room is still there, and the heartbeat's read is
// the only one that may walk the page.

export interface TimedReading {
  ts: number;
  reading: RoomReading;
}

export interface RoomSamplerOptions {
  reader: Pick<
    RoomReader,
    'read' | 'reads' | 'noteMutations' | 'noteMotionEnd' | 'noteFrameLoad' | 'targets'
  >;
  now: () => number;
  post: (sample: TimedReading) => void;
  heartbeatMs?: number;
  /** The first post may wait this long (none by default: values found on the first look wait for themselves). */
  startupMs?: number;
  /** A failed post or read (e.g. the extension context went away) stops the sampler and lands here. */
  onError?: (error: unknown) => void;
}

/**
 * What a change is judged by: values, capped flags, product, end flag, title and each failed metric's raw text.
 * Readings come from one reader, so keys are always in the same order; health's lists follow the values, and a
 * failure's reason follows its text.
 */
export const readingKey = (reading: RoomReading): string =>
  JSON.stringify(reading, (key, value) =>
    key === 'reason' || key === 'settling' || key === 'looking' ? undefined : value,
  );

const VALUE_ATTRIBUTES = ['style', 'class', 'hidden', 'aria-hidden', 'aria-label', 'title', 'aria-valuetext'];
const MOTION_EVENTS = ['transitionend', 'transitioncancel', 'animationend'] as const;

/** Starts observing and heartbeating; returns `stop()`. */
export function startRoomSampler({
  reader,
  now,
  post,
  heartbeatMs = 1000,
  startupMs = 0,
  onError,
}: RoomSamplerOptions): () => void {
  let last: string | undefined;
  let lastPostAt = Number.NEGATIVE_INFINITY;
  let version = -1;
  let stopped = false;
  let warm = startupMs <= 0;
  let settleWait: (() => void) | undefined;
  let lookTimer: ReturnType<typeof setTimeout> | undefined;
  const listened = new Set<Node>();

  const observer = new MutationObserver((records) => {
    if (reader.noteMutations(records)) sample(false);
  });
  const onMotionEnd = (event: Event) => {
    if (reader.noteMotionEnd(event.target)) sample(false);
  };
  // Load events do not bubble, but a capturing listener on the root sees a frame's.
  const onLoad = (event: Event) => {
    const target = event.target as Element | null;
    if (target?.tagName === 'IFRAME' && reader.noteFrameLoad(target)) sample(false);
  };

  const follow = () => {
    const targets = reader.targets();
    if (targets.version === version) return;
    version = targets.version;
    const pending = observer.takeRecords();
    if (pending.length) reader.noteMutations(pending);
    observer.disconnect();
    for (const root of targets.roots) {
      observer.observe(root, { subtree: true, childList: true, characterData: true });
      if (!listened.has(root)) {
        listened.add(root);
        for (const type of MOTION_EVENTS) root.addEventListener(type, onMotionEnd, true);
        root.addEventListener('load', onLoad, true);
      }
    }
    for (const value of targets.values) {
      if (value.nodeType === 1)
        observer.observe(value, { subtree: true, attributes: true, attributeFilter: VALUE_ATTRIBUTES });
    }
  };

  // Only the settle check, after the page drew two frames, may take an animating value as settled
  // (valueSettle.ts): it reads again, saying after which read the frames were drawn.
  function sample(heartbeat: boolean, drawnAfterRead: number | null = null) {
    if (stopped) return;
    try {
      const reading = reader.read({ scan: heartbeat, drawnAfterRead });
      follow();
      if (reading.looking && !lookTimer) {
        // The first look goes on in the next task, leaving the page its turn in between.
        lookTimer = setTimeout(() => {
          lookTimer = undefined;
          sample(true);
        }, 0);
      }
      // A value still moving is checked again once the page drew two frames: a value that moved meanwhile
      // starts the next check from there. One check at a time (a change during it is judged by it).
      if (reading.settling && !settleWait) {
        const from = reader.reads();
        settleWait = afterDrawnFrames(
          document,
          (drew) => {
            settleWait = undefined;
            sample(false, drew ? from : null);
          },
          MAX_HOLD_MS,
        );
      }
      if (!warm) return;
      // Values found, none settled yet (the page may be counting up as it loads): nothing to say until they are.
      if (reading.settling && reading.health.parsed.length === 0 && reading.health.failed.length === 0)
        return;
      const key = readingKey(reading);
      if (key === last) {
        // An unchanged reading goes only as the heartbeat of a quiet room: while changes flow they say the room
        // is there, and a heartbeat must not take the slot of the next change (posts are ≤ 10 a second).
        if (!heartbeat || performance.now() - lastPostAt < heartbeatMs * 0.9) return;
      }
      last = key;
      lastPostAt = performance.now();
      post({ ts: now(), reading });
    } catch (error) {
      stop();
      onError?.(error);
    }
  }

  const timer = setInterval(() => sample(true), heartbeatMs);
  const startup = warm
    ? undefined
    : setTimeout(() => {
        warm = true;
        sample(true);
      }, startupMs);
  function stop() {
    stopped = true;
    observer.disconnect();
    clearInterval(timer);
    clearTimeout(startup);
    settleWait?.();
    clearTimeout(lookTimer);
    for (const root of listened)
      for (const type of MOTION_EVENTS) root.removeEventListener(type, onMotionEnd, true);
    listened.clear();
  }
  // The first read (the reader's first look at the page) in a task of its own, not in the one that loaded the
  // script and found the comment list: together they made one long task on a big page.
  lookTimer = setTimeout(() => {
    lookTimer = undefined;
    sample(true);
  }, 0);
  return stop;
}
