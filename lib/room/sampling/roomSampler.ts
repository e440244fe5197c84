import type { RoomReader, RoomReading } from '../sites/labelReader';

// Turns a room reader into a stream of readings: read from the MutationObserver callback itself (it is
// already batched, and timers are throttled in background tabs — DESIGN.md §6), post only what changed,
// and post the full reading on a heartbeat so the background knows the room is still there.

export interface TimedReading {
  ts: number;
  reading: RoomReading;
}

export interface RoomSamplerOptions {
  reader: Pick<RoomReader, 'read' | 'metricArea'> & Partial<Pick<RoomReader, 'relocate'>>;
  now: () => number;
  post: (sample: TimedReading) => void;
  heartbeatMs?: number;
  /** What to observe; by default the reader's metric area, followed when it moves. */
  observeRoot?: Node;
  /** A failed post or read (e.g. the extension context went away) stops the sampler and lands here. */
  onError?: (error: unknown) => void;
}

/**
 * What a change is judged by: values, capped flags, product, end flag, title and each failed metric's raw text.
 * Readings come from one reader, so keys are always in the same order; health's lists follow the values, and a
 * failure's reason follows its text.
 */
export const readingKey = (reading: RoomReading): string =>
  JSON.stringify(reading, (key, value) => (key === 'reason' ? undefined : value));

const addsElement = (record: MutationRecord) => {
  for (const node of record.addedNodes) if (node.nodeType === 1) return true;
  return false;
};

/** Starts observing and heartbeating; returns `stop()`. The first reading is posted at once. */
export function startRoomSampler({
  reader,
  now,
  post,
  heartbeatMs = 1000,
  observeRoot,
  onError,
}: RoomSamplerOptions): () => void {
  let last: string | undefined;
  let observed: Node | null = null;
  let stopped = false;

  // New elements (tiles rendered, a panel swapped in) may hold metrics the reader has not located yet:
  // look again at once rather than on the reader's periodic rescan. Text-only changes cost nothing extra.
  const observer = new MutationObserver((records) => {
    if (records.some(addsElement)) reader.relocate?.();
    sample(false);
  });

  const follow = () => {
    const target = observeRoot ?? reader.metricArea();
    if (target === observed) return;
    observer.disconnect();
    observer.observe(target, { subtree: true, characterData: true, childList: true });
    observed = target;
  };

  const sample = (heartbeat: boolean) => {
    if (stopped) return;
    try {
      const reading = reader.read();
      follow();
      const key = readingKey(reading);
      if (!heartbeat && key === last) return;
      last = key;
      post({ ts: now(), reading });
    } catch (error) {
      stop();
      onError?.(error);
    }
  };

  const timer = setInterval(() => sample(true), heartbeatMs);
  function stop() {
    stopped = true;
    observer.disconnect();
    clearInterval(timer);
  }
  sample(true);
  return stop;
}
