import type { RoomComment } from '../../core/comments/roomComment';
import { classifierFor } from '../../core/engine/commentClassifier';
import type { Cue, PlanSlot } from '../../core/engine/types';
import type { SampleRefusal } from '../../core/messages/portProtocol';
import { isReadable } from '../../core/messages/readable';
import { roomIdOf } from '../../core/messages/roomId';
import type { Sample } from '../../core/messages/sample';
import type { UnreadRoom } from '../../core/messages/statusAnswer';
import type { ActionRow, CommentRow, SessionRow } from '../../store/rows';
import { type SessionTiming, sessionIdFor } from './decideSession';
import { LiveSession } from './liveSession';
import { type Placement, placeSample } from './placeSample';
import { fileSampleProducts, productsOf, takeNewerCues } from './productFiling';
import { type Batch, newBatch, type Room, type RoomCache } from './roomCache';
import { closedSession, reopenedSession, sourceOf, toSampleRow } from './sessionRows';
import { summaryWithSamples } from './sessionSummary';

// The path of a sample through the worker, top to bottom: grouped by room, run in the room's chain in time
// order, placed (placeSample), the session it goes to opened, reopened or closed as placed, its comments and
// itself folded into that session's engine, and its rows queued. Refusals are counted per room for health.

/** Readings dated this far inside a session's recorded time, on a clock this far behind, are a set-back clock. */
const CLOCK_BACK_TOLERANCE_MS = 5000;

/**
 * The earliest time a batch files a row at: its samples' and the comments they carry (read before them). A
 * session loaded to file the batch reads its stored rows from then on only (RoomCache.engineFor).
 */
function earliestOf(samples: readonly Sample[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const sample of samples) {
    earliest = Math.min(earliest, sample.ts);
    for (const comment of sample.comments ?? []) earliest = Math.min(earliest, comment.ts);
  }
  return earliest;
}

export interface Filed {
  /** Samples that will never be stored, by seq, with the reason the page is told. */
  refused: { seq: number; reason: SampleRefusal }[];
  /** Resolves once every other sample of the batch is durable. */
  durable: Promise<void>;
}

export interface FilingOptions {
  /** Rule settings frozen into each new session (so its refold and replay agree), and the run-of-show. */
  settings(): Promise<{ rules: Record<string, unknown>; plan: PlanSlot[] }>;
  timing: SessionTiming;
  wallNow: () => number;
}

/** Where a placed sample goes: its session, and the engine that folds it (none: stored unfolded). */
interface Target {
  session: SessionRow;
  engine: LiveSession | undefined;
}

export class SampleFiling {
  private readonly unread = new Map<string, UnreadRoom>();

  constructor(
    private readonly cache: RoomCache,
    private readonly options: FilingOptions,
  ) {}

  /** Places a batch of samples; answers at once which are refused, and when the rest are durable. */
  async ingest(samples: readonly Sample[]): Promise<Filed> {
    const refused: Filed['refused'] = [];
    const writes: Promise<void>[] = [];
    const byRoom = new Map<string, Sample[]>();
    for (const sample of samples) {
      const id = roomIdOf(sample.site, sample.roomKey);
      byRoom.set(id, [...(byRoom.get(id) ?? []), sample]);
    }
    await Promise.all(
      [...byRoom.values()].map((list) =>
        this.cache.inRoom(list[0]!.site, list[0]!.roomKey, async (room) => {
          const from = earliestOf(list);
          for (const sample of [...list].sort((a, b) => a.ts - b.ts)) {
            const placed = await this.file(room, sample, from);
            if (placed.refused) refused.push({ seq: sample.seq, reason: placed.refused });
            else writes.push(placed.durable);
          }
        }),
      ),
    );
    return { refused, durable: Promise.all(writes).then(() => undefined) };
  }

  /** One sample: placed, its session found or started, folded, its rows queued. `from`: its batch's earliest time. */
  private async file(
    room: Room,
    sample: Sample,
    from: number,
  ): Promise<{ refused: SampleRefusal } | { refused?: undefined; durable: Promise<void> }> {
    const batch = newBatch();
    let placement: Placement;
    let target: Target | undefined;
    // An open session whose settings build no engine is closed by engineFor: the sample is placed again.
    do {
      placement = this.place(room, sample);
      if (placement.kind === 'refuse') {
        if (batch.sessions.length) void this.cache.queue.enqueue(batch);
        this.noteRefusal(room, sample, placement.reason);
        return { refused: placement.reason };
      }
      target = await this.targetOf(room, placement, sample, batch, from);
    } while (!target);
    if (placement.kind === 'store' && !placement.reopen && this.clockWentBack(target, sample)) {
      const apart = await this.apart(room, target.session, sample, batch);
      if ('refused' in apart) {
        if (batch.sessions.length) void this.cache.queue.enqueue(batch);
        this.noteRefusal(room, sample, apart.refused);
        return apart;
      }
      placement = { kind: 'start' };
      target = apart;
    }
    return { durable: this.fold(room, sample, placement, target, batch) };
  }

  /**
   * The computer's clock was set back under this session: the reading is dated inside the time it already
   * recorded, it is no resend of a reading it holds, and the worker's own clock is behind when the session's
   * last reading arrived. Filed there it would be mixed into the old timeline (and rules would fire on the
   * mix), so the timelines are kept apart.
   */
  private clockWentBack({ session, engine }: Target, sample: Sample): boolean {
    if (!isReadable(sample)) return false;
    if (sample.ts >= session.lastSampleAt - CLOCK_BACK_TOLERANCE_MS) return false;
    const arrived = session.lastSampleAt + (session.clockOffsetMs ?? 0);
    if (this.options.wallNow() >= arrived - CLOCK_BACK_TOLERANCE_MS) return false;
    return !engine?.holds(toSampleRow(session.id, sample));
  }

  /**
   * Keeps a set-back clock's readings apart: the room's latest session is closed where it stands and a new
   * one starts with the reading (shown in health); a reading dated inside an earlier session is refused.
   */
  private async apart(
    room: Room,
    session: SessionRow,
    sample: Sample,
    batch: Batch,
  ): Promise<Target | { refused: SampleRefusal }> {
    const live = [...room.sessions.values()].filter((row) => row.importedAt === undefined);
    const latest = live.every((row) => row.startedAt <= session.startedAt);
    if (sample.ended) return { refused: 'room-ended' };
    if (!latest) return { refused: 'between-sessions' };
    if (session.endedAt === undefined)
      this.cache.keep(room, closedSession(session, session.lastSampleAt, 'clock-set-back'), batch);
    const target = await this.start(room, sample, batch);
    const wall = this.options.wallNow();
    room.clockSetBack = {
      site: room.site,
      roomKey: room.roomKey,
      byMs: session.lastSampleAt + (session.clockOffsetMs ?? 0) - wall,
      at: wall,
      closedSessionId: session.id,
      sessionId: target.session.id,
    };
    console.warn(
      `Livecue: the clock went back under ${session.id}; its room goes on in ${target.session.id}`,
    );
    return target;
  }

  private place(room: Room, sample: Sample): Placement {
    const readable = isReadable(sample);
    return placeSample([...room.sessions.values()], { ...sample, readable }, this.options.timing);
  }

  /** The session and engine a placement names; undefined when that session turned out unusable. */
  private async targetOf(
    room: Room,
    placement: Exclude<Placement, { kind: 'refuse' }>,
    sample: Sample,
    batch: Batch,
    from: number,
  ): Promise<Target | undefined> {
    if (placement.kind === 'start') {
      const previous = placement.endPrevious;
      if (previous)
        this.cache.keep(room, closedSession(previous.session, previous.endedAt, 'silence'), batch);
      return this.start(room, sample, batch);
    }
    const session = placement.reopen ? reopenedSession(placement.session) : placement.session;
    const engine = await this.cache.engineFor(room, session, batch, from);
    if (!engine && session.endedAt === undefined) return undefined;
    return { session, engine };
  }

  /** Files the sample's comments and the sample in its session, updates the row, queues it all. */
  private fold(
    room: Room,
    sample: Sample,
    placement: Placement,
    { session: before, engine }: Target,
    batch: Batch,
  ): Promise<void> {
    // The comments it carries were read before it: filed and folded first, in the sample's session.
    const src = sourceOf(sample);
    const sent = (sample.comments ?? []).map((c, i) => (src ? { ...c, src: `${src}:${i}` } : c));
    const comments = this.fileComments(before, engine, sent);
    const row = toSampleRow(before.id, sample);
    const { filed, held, changed } = engine?.addSamples([row]) ?? { filed: [row], held: [], changed: [] };
    changed.unshift(...comments.changed.filter((cue) => !changed.some((c) => c.id === cue.id)));
    const products = fileSampleProducts(before.id, engine, filed, held, productsOf(sample));
    takeNewerCues(changed, products.changed);
    const newest = filed[0] !== undefined && filed[0].ts >= before.lastSampleAt;
    let session: SessionRow = {
      ...before,
      ...summaryWithSamples(before, filed),
      ...(newest && sample.title && { title: sample.title }),
      ...(newest && { clockOffsetMs: this.options.wallNow() - filed[0]!.ts }),
      // A session waiting for its first fold keeps its counts until the fold queues them (settle).
      ...(engine && !engine.awaitingFold && { cuesFired: engine.cues.size, cuesActed: engine.doneCount() }),
      commentCount: (before.commentCount ?? 0) + comments.filed.length,
    };
    if (placement.kind === 'store' && placement.roomEnded)
      session = closedSession(session, sample.ts, 'room-ended');
    this.unread.delete(room.id);
    batch.comments.push(...comments.filed, ...comments.held);
    batch.samples.push(...filed, ...held);
    batch.cues.push(...changed);
    batch.productSnapshots = products.snapshots;
    batch.productPins = products.pins;
    batch.productLatest = products.latest;
    this.cache.keep(room, session, batch);
    if (engine) this.cache.emit(engine, changed);
    return this.cache.queue.enqueue(batch);
  }

  /**
   * A sample's comments as rows of its session: through the engine when it is folded (classified, twins of
   * a resend found); else classified by the session's own settings and stored unfolded.
   */
  private fileComments(
    session: SessionRow,
    engine: LiveSession | undefined,
    comments: readonly (RoomComment & { src?: string })[],
  ): { filed: CommentRow[]; held: CommentRow[]; changed: Cue[] } {
    if (comments.length === 0) return { filed: [], held: [], changed: [] };
    if (engine) return engine.addComments(comments);
    const classify = classifierFor(session.ruleSettings);
    const filed = comments.map(
      (c): CommentRow => ({ sessionId: session.id, ...c, topics: [...classify(c.text)] }),
    );
    return { filed, held: [], changed: [] };
  }

  /** A new session that starts with this sample, its run-of-show as its first event. */
  private async start(room: Room, sample: Sample, batch: Batch): Promise<Target> {
    const { rules, plan } = await this.options.settings();
    // An imported session may hold this id (another machine recorded the room at this very time): never
    // overwrite it.
    let id = sessionIdFor(sample.site, sample.roomKey, sample.ts);
    for (let n = 2; room.sessions.has(id); n++)
      id = `${sessionIdFor(sample.site, sample.roomKey, sample.ts)}~${n}`;
    const session: SessionRow = {
      id,
      site: sample.site,
      roomKey: sample.roomKey,
      title: sample.title ?? '',
      startedAt: sample.ts,
      lastSampleAt: sample.ts,
      ruleSettings: rules,
      peakViewers: null,
      gmv: null,
      cuesFired: 0,
      cuesActed: 0,
    };
    const actions: ActionRow[] = plan.length
      ? [{ id: `${id}:plan:${sample.ts}`, sessionId: id, ts: sample.ts, type: 'plan', plan }]
      : [];
    const engine = new LiveSession(session, [], actions);
    batch.actions.push(...actions);
    batch.cues.push(...engine.cues.values());
    room.sessions.set(id, session);
    room.engines.set(id, engine);
    return { session, engine };
  }

  private noteRefusal(room: Room, sample: Sample, reason: SampleRefusal): void {
    const count = room.refusals?.reason === reason ? room.refusals.count + 1 : 1;
    room.refusals = { site: room.site, roomKey: room.roomKey, reason, count, at: this.options.wallNow() };
    if (reason === 'unread') {
      const { site, roomKey, title, health } = sample;
      this.unread.set(room.id, { site, roomKey, title, health, at: sample.ts });
    }
  }

  /** Rooms that report but whose numbers cannot be read. */
  unreadRooms(): UnreadRoom[] {
    return [...this.unread.values()];
  }
}
