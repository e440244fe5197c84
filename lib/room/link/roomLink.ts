import type { RoomComment } from '../../core/comments/roomComment';
import type { BackgroundToRoom, RoomToBackground, SampleRefusal } from '../../core/messages/portProtocol';
import { MAX_COMMENTS_PER_SAMPLE, MAX_SAMPLES_PER_MESSAGE } from '../../core/messages/roomPortConstants';
import type { Sample } from '../../core/messages/sample';
import { SampleBuffer } from './sampleBuffer';

// The content script's side of the `livecue-room` port: sends samples, keeps the unacknowledged ones,
// reconnects when the worker goes away and resends them. Ports are injected so tests use a fake.
// The times of readings with numbers leave here strictly increasing, so the background never sees two
// readings of one page at one time or a page going back in time; what the background refuses, and whether
// another tab of the same room feeds its session instead, is kept as the link's health. Port messages go at
// most 10 in any second (DESIGN.md §6): each at once while the last second holds fewer, a burst's rest in one
// trailing message, every sample kept.

/** A clock that goes back further than this was set back: later readings keep the page's timeline. */
const CLOCK_STEP_BACK_MS = 1000;
/** Comments waiting for a reading with numbers to carry them: past this the oldest give way. */
const MAX_WAITING_COMMENTS = 5000;

export interface LinkHealth {
  /** Another tab of the same room feeds its session; this one's readings are refused meanwhile. */
  duplicate: boolean;
  feedingTabId?: number;
  /** Readings the background refused since the page loaded, by reason. */
  refused: Partial<Record<SampleRefusal, number>>;
  /** How far this page's clock was found set back (its readings keep their own timeline), ms. */
  clockSetBackMs: number;
}

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
  /** Called when the link's health changes (a refusal, becoming or ceasing to be a duplicate tab). */
  onHealth?: (health: LinkHealth) => void;
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
  /**
   * Comments read off the page: they go with the next reading that has numbers (its acknowledgement,
   * resend and refusal cover them), their times strictly increasing and never after that reading's.
   */
  addComments(comments: readonly RoomComment[]): void;
  post(message: RoomToBackground): void;
  pending(): number;
  health(): LinkHealth;
  /** How many times the port was opened: a change means a new worker may know nothing (send the whole product list). */
  connections?(): number;
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
  let lastTs = 0;
  let lastCommentTs = 0;
  let waitingComments: RoomComment[] = [];
  /** Added to every reading's time once the clock was set back, so times never go back. */
  let shiftMs = 0;
  const health: LinkHealth = { duplicate: false, refused: {}, clockSetBackMs: 0 };
  const onHealth =
    options.onHealth ??
    ((h: LinkHealth) => {
      if (h.duplicate)
        console.info('Livecue: another tab of this room is being read; this one is left alone.');
    });
  const report = () => onHealth({ ...health, refused: { ...health.refused } });
  let port: PortLike | undefined;
  let opened = 0;
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
        else if (typed.type === 'refused') {
          // The ack that follows drops them from the buffer; a resend meanwhile is refused again.
          health.refused[typed.reason] = (health.refused[typed.reason] ?? 0) + typed.seqs.length;
          report();
        } else if (typed.type === 'room.duplicate') {
          health.duplicate = typed.duplicate;
          health.feedingTabId = typed.feedingTabId;
          report();
        } else options.onMessage(typed);
      });
      next.onDisconnect.addListener(() => {
        if (port === next) port = undefined;
        reconnectLater();
      });
      port = next;
      opened += 1;
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
      let ts = partial.ts + shiftMs;
      // Readings with numbers make the page's timeline; one without (a page still loading, a blank
      // between shows) is never dated behind it, but neither does it move it.
      const readable = partial.health.parsed.length > 0;
      if (readable && ts < lastTs - CLOCK_STEP_BACK_MS) {
        shiftMs += lastTs + 1 - ts;
        health.clockSetBackMs = shiftMs;
        ts = lastTs + 1;
      }
      // Two readings in one millisecond: the later one a millisecond later.
      ts = Math.max(ts, lastTs + 1);
      const comments = readable ? waitingComments.splice(0, MAX_COMMENTS_PER_SAMPLE) : [];
      // A reading is never dated before the comments it carries (they were read before it).
      if (comments.length) ts = Math.max(ts, comments[comments.length - 1]!.ts);
      if (readable) lastTs = ts;
      const sample = { ...partial, ts, seq } as Sample;
      if (comments.length) sample.comments = comments;
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
    addComments(comments) {
      for (const comment of comments) {
        const ts = Math.max(comment.ts + shiftMs, lastCommentTs + 1);
        lastCommentTs = ts;
        waitingComments.push({ ...comment, ts });
      }
      if (waitingComments.length > MAX_WAITING_COMMENTS)
        waitingComments = waitingComments.slice(-MAX_WAITING_COMMENTS);
    },
    post,
    pending: () => buffer.size,
    connections: () => opened,
    health: () => ({ ...health, refused: { ...health.refused } }),
    close() {
      closed = true;
      port?.disconnect();
      port = undefined;
    },
  };
}
