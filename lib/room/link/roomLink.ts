import type { BackgroundToRoom, RoomToBackground } from '../../core/messages/portProtocol';
import { MAX_SAMPLES_PER_MESSAGE } from '../../core/messages/roomPortConstants';
import type { Sample } from '../../core/messages/sample';
import { SampleBuffer } from './sampleBuffer';

// The content script's side of the `livecue-room` port: sends samples, keeps the unacknowledged ones,
// reconnects when the worker goes away and resends them. Ports are injected so tests use a fake.

export interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface RoomLinkOptions {
  connect: () => PortLike;
  onMessage: (message: BackgroundToRoom) => void;
  /** False once the extension was reloaded or removed: stop quietly instead of throwing. */
  isContextValid: () => boolean;
  /** Reconnect delays after consecutive failures, ms. */
  backoffMs?: number[];
  schedule?: (fn: () => void, ms: number) => void;
  /**
   * At most this many port messages in any second (10, DESIGN.md §6): each goes at once while the last second
   * holds fewer, a burst's rest goes in one trailing message when the window frees up.
   */
  postsPerSecond?: number;
  /** Schedules the trailing post; setTimeout by default. */
  later?: (fn: () => void, ms: number) => void;
  /** Monotonic ms; performance.now() by default. */
  clock?: () => number;
}

export interface RoomLink {
  send(sample: Omit<Sample, 'seq'>): void;
  post(message: RoomToBackground): void;
  pending(): number;
  close(): void;
}

export function createRoomLink(options: RoomLinkOptions): RoomLink {
  const buffer = new SampleBuffer();
  const backoff = options.backoffMs ?? [0, 100, 500, 1000, 2000, 5000];
  const schedule = options.schedule ?? ((fn, ms) => setTimeout(fn, ms));
  const later = options.later ?? ((fn, ms) => setTimeout(fn, ms));
  const clock = options.clock ?? (() => performance.now());
  const perSecond = options.postsPerSecond ?? 10;
  /** When the last `perSecond` messages went, oldest first. */
  const recent: number[] = [];
  let outbox: Sample[] = [];
  let trailing = false;
  let seq = 0;
  let port: PortLike | undefined;
  let failures = 0;
  let closed = false;

  const open = () => {
    if (closed || !options.isContextValid()) return;
    try {
      const next = options.connect();
      next.onMessage.addListener((message) => {
        failures = 0;
        const typed = message as BackgroundToRoom;
        if (typed.type === 'ack') buffer.ack(typed.upTo);
        else options.onMessage(typed);
      });
      next.onDisconnect.addListener(() => {
        if (port === next) port = undefined;
        reconnectLater();
      });
      port = next;
      outbox = [];
      // Whatever the previous worker never acknowledged goes again; the background ignores duplicates.
      for (const samples of buffer.chunks(MAX_SAMPLES_PER_MESSAGE)) {
        next.postMessage({ type: 'samples', samples } satisfies RoomToBackground);
      }
    } catch {
      port = undefined;
      reconnectLater();
    }
  };

  const reconnectLater = () => {
    if (closed || !options.isContextValid()) return;
    const delay = backoff[Math.min(failures, backoff.length - 1)] ?? 1000;
    failures += 1;
    schedule(open, delay);
  };

  const post = (message: RoomToBackground) => {
    if (!port) return;
    try {
      port.postMessage(message);
    } catch {
      port = undefined;
      reconnectLater();
    }
  };

  const flush = () => {
    if (outbox.length === 0) return;
    const batch = outbox;
    outbox = [];
    recent.push(clock());
    if (recent.length > perSecond) recent.shift();
    // Without a port they stay in the buffer and go with the reconnect's resend.
    for (let i = 0; i < batch.length; i += MAX_SAMPLES_PER_MESSAGE)
      post({ type: 'samples', samples: batch.slice(i, i + MAX_SAMPLES_PER_MESSAGE) });
  };

  open();
  return {
    send(partial) {
      seq += 1;
      const sample = { ...partial, seq } as Sample;
      buffer.push(sample);
      outbox.push(sample);
      if (trailing) return;
      const wait = recent.length < perSecond ? 0 : recent[0]! + 1000 - clock();
      if (wait <= 0) {
        flush();
        return;
      }
      trailing = true;
      later(() => {
        trailing = false;
        flush();
      }, wait);
    },
    post,
    pending: () => buffer.size,
    close() {
      closed = true;
      port?.disconnect();
      port = undefined;
    },
  };
}
