import type { Product } from '../messages/sample';
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

const sameProduct = (a: Product | null, b: Product | null) =>
  a === b || (a !== null && b !== null && a.id === b.id && a.name === b.name && a.price === b.price);

/** True when two readings show the same values, product, end flag and title (health follows the values). */
export function sameReading(a: RoomReading, b: RoomReading): boolean {
  if (a.ended !== b.ended || a.title !== b.title || !sameProduct(a.product, b.product)) return false;
  if (a.capped.length !== b.capped.length || a.capped.some((id, i) => b.capped[i] !== id)) return false;
  const keys = Object.keys(a.metrics) as (keyof RoomReading['metrics'])[];
  if (keys.length !== Object.keys(b.metrics).length) return false;
  if (!keys.every((k) => k in b.metrics && Object.is(a.metrics[k], b.metrics[k]))) return false;
  const fa = a.health.failed;
  const fb = b.health.failed;
  return fa.length === fb.length && fa.every((f, i) => f.metric === fb[i]?.metric && f.raw === fb[i]?.raw);
}

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
  let last: RoomReading | null = null;
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
      if (!heartbeat && last && sameReading(last, reading)) return;
      last = reading;
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
