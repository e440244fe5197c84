import type { RoomComment } from '../../core/comments/roomComment';
import { classifierFor } from '../../core/engine/commentClassifier';
import type { Cue, CueAction, PlanSlot } from '../../core/engine/types';
import type { SampleRefusal } from '../../core/messages/portProtocol';
import type { Sample } from '../../core/messages/sample';
import type { UnreadRoom } from '../../core/messages/statusAnswer';
import type { LivecueDb } from '../../store/database';
import type { ProductPinRow, ProductSnapshotRow } from '../../store/productRows';
import type { ActionRow, CommentRow, SampleRow, SessionRow } from '../../store/rows';
import type { WriteQueue } from '../writeQueue';
import { DEFAULT_SESSION_TIMING, type SessionTiming, sessionIdFor } from './decideSession';
import { LiveSession } from './liveSession';
import { placeSample } from './placeSample';
import { fileSampleProducts, productsOf, takeNewerCues, withQueuedProducts } from './productFiling';
import { summaryWithSamples } from './sessionSummary';
import { loadOpenSessions, loadRoomSessions, loadSessionEvents } from './storedSessions';

// The one owner of sessions in the worker (DESIGN.md §1, §5): for each room it holds the room's sessions
// (the cache — newer than the disk while writes are queued), the engines of the sessions it folds, and a
// chain that runs the room's work in order. All writes go to the write queue and are never awaited inside
// a chain, so a failing disk stops nobody: it only delays acknowledgements of the rows it holds. Work in a
// chain awaits database reads only (loading a room, a session's events). After a worker restart every
// cache is rebuilt from the database, and the pages resend what was never acknowledged.

export interface RegistryOptions {
  /** Rule settings frozen into each new session (so its refold and replay agree), and the run-of-show. */
  settings(): Promise<{ rules: Record<string, unknown>; plan: PlanSlot[] }>;
  timing?: Partial<SessionTiming>;
  wallNow?: () => number;
}

/** Cues a step created or changed, with the session's active cues after it. */
export interface CueChange {
  session: SessionRow;
  changed: Cue[];
  active: Cue[];
}

export interface Filed {
  /** Samples that will never be stored, by seq, with the reason the page is told. */
  refused: { seq: number; reason: SampleRefusal }[];
  /** Resolves once every other sample of the batch is durable. */
  durable: Promise<void>;
}

export interface RoomRefusals {
  site: string;
  roomKey: string;
  reason: SampleRefusal;
  count: number;
  at: number;
}

interface Room {
  id: string;
  site: string;
  roomKey: string;
  /** Every session of the room, as the worker knows it (ahead of the disk while writes are queued). */
  sessions: Map<string, SessionRow>;
  /** Engines of the sessions being folded: the open one, or an ended one a late resend went to. */
  engines: Map<string, LiveSession>;
  /** Sessions whose stored rule settings build no engine. */
  unusable: Set<string>;
  loaded?: Promise<void>;
  chain: Promise<unknown>;
  refusals?: RoomRefusals;
}

const roomIdOf = (site: string, roomKey: string) => `${site}\u0000${roomKey}`;

/** The rows one step queues, in one enqueue (one durability promise). */
interface Batch {
  samples: SampleRow[];
  comments: CommentRow[];
  cues: Cue[];
  actions: ActionRow[];
  sessions: SessionRow[];
  productSnapshots?: ProductSnapshotRow[];
  productPins?: ProductPinRow[];
}
const newBatch = (): Batch => ({ samples: [], comments: [], cues: [], actions: [], sessions: [] });

export function toSampleRow(sessionId: string, sample: Sample): SampleRow {
  const row: SampleRow = { sessionId, ts: sample.ts, metrics: sample.metrics, health: sample.health };
  if (sample.capped?.length) row.capped = sample.capped;
  if (sample.product !== undefined) row.product = sample.product;
  return row;
}

const closed = (row: SessionRow, endedAt: number, endReason: NonNullable<SessionRow['endReason']>) =>
  row.endedAt === undefined ? { ...row, endedAt, endReason } : row;

const reopened = (row: SessionRow): SessionRow => {
  const { endedAt: _endedAt, endReason: _endReason, ...open } = row;
  return open;
};

export class SessionRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly unread = new Map<string, UnreadRoom>();
  /** Sessions deleted in this worker's life: a room loaded while their delete commits must not bring them back. */
  private readonly deleted = new Set<string>();
  private readonly listeners = new Set<(change: CueChange) => void>();
  private readonly timing: SessionTiming;
  private readonly wallNow: () => number;

  constructor(
    private readonly db: LivecueDb,
    private readonly queue: WriteQueue,
    private readonly options: RegistryOptions,
  ) {
    this.timing = { ...DEFAULT_SESSION_TIMING, ...options.timing };
    this.wallNow = options.wallNow ?? Date.now;
  }

  /** Subscribes to cue changes (the overlay, the toolbar badge, notifications); returns the unsubscribe. */
  onCueChange(listener: (change: CueChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── The path of a sample ─────────────────────────────────────────────────────────────────────────

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
        this.inRoom(list[0]!.site, list[0]!.roomKey, async (room) => {
          for (const sample of [...list].sort((a, b) => a.ts - b.ts)) {
            const placed = await this.file(room, sample);
            if (placed.refused) refused.push({ seq: sample.seq, reason: placed.refused });
            else if (placed.durable) writes.push(placed.durable);
          }
        }),
      ),
    );
    return { refused, durable: Promise.all(writes).then(() => undefined) };
  }

  /** One sample, top to bottom: place it, open or close sessions as placed, fold it, queue its rows. */
  private async file(
    room: Room,
    sample: Sample,
  ): Promise<{ refused?: SampleRefusal; durable?: Promise<void> }> {
    const readable = sample.health.parsed.length > 0;
    const placement = placeSample([...room.sessions.values()], { ...sample, readable }, this.timing);
    if (placement.kind === 'refuse') {
      this.noteRefusal(room, sample, placement.reason);
      return { refused: placement.reason };
    }
    const batch = newBatch();
    let session: SessionRow;
    let engine: LiveSession | undefined;
    if (placement.kind === 'start') {
      const previous = placement.endPrevious;
      if (previous) this.keep(room, closed(previous.session, previous.endedAt, 'silence'), batch);
      ({ session, engine } = await this.start(room, sample, batch));
    } else {
      session = placement.reopen ? reopened(placement.session) : placement.session;
      engine = await this.engineFor(room, session, batch);
      // An open session whose settings build no engine was closed: place the sample again without it.
      if (!engine && session.endedAt === undefined) {
        void this.queue.enqueue(batch);
        return this.file(room, sample);
      }
    }

    // The comments it carries were read before it: filed and folded first, in the sample's session.
    const comments = this.fileComments(session, engine, sample.comments ?? []);
    const row = toSampleRow(session.id, sample);
    const { filed, held, changed } = engine?.addSamples([row]) ?? { filed: [row], held: [], changed: [] };
    changed.unshift(...comments.changed.filter((cue) => !changed.some((c) => c.id === cue.id)));
    const products = fileSampleProducts(session.id, engine, filed, held, productsOf(sample));
    takeNewerCues(changed, products.changed);
    const newest = filed[0] !== undefined && filed[0].ts >= session.lastSampleAt;
    session = {
      ...session,
      ...summaryWithSamples(session, filed),
      ...(newest && sample.title && { title: sample.title }),
      ...(newest && { clockOffsetMs: this.wallNow() - filed[0]!.ts }),
      ...(engine && { cuesFired: engine.cues.size, cuesActed: engine.doneCount() }),
      commentCount: (session.commentCount ?? 0) + comments.filed.length,
    };
    if (placement.kind === 'store' && placement.roomEnded) session = closed(session, sample.ts, 'room-ended');
    this.unread.delete(room.id);
    batch.comments.push(...comments.filed, ...comments.held);
    batch.samples.push(...filed, ...held);
    batch.cues.push(...changed);
    batch.productSnapshots = products.snapshots;
    batch.productPins = products.pins;
    this.keep(room, session, batch);
    if (engine) this.emit(engine, changed);
    return { durable: this.queue.enqueue(batch) };
  }

  /**
   * A sample's comments as rows of its session: through the engine when it is folded (classified, twins of
   * a resend found); else classified by the session's own settings and stored unfolded.
   */
  private fileComments(
    session: SessionRow,
    engine: LiveSession | undefined,
    comments: readonly RoomComment[],
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
  private async start(room: Room, sample: Sample, batch: Batch) {
    const { rules, plan } = await this.options.settings();
    const id = sessionIdFor(sample.site, sample.roomKey, sample.ts);
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

  // ── Rooms, engines and rows ──────────────────────────────────────────────────────────────────────

  /** Runs `task` after the room's earlier work, once the room's sessions are loaded. */
  private inRoom<T>(site: string, roomKey: string, task: (room: Room) => Promise<T> | T): Promise<T> {
    const id = roomIdOf(site, roomKey);
    let room = this.rooms.get(id);
    if (!room) {
      room = {
        id,
        site,
        roomKey,
        sessions: new Map(),
        engines: new Map(),
        unusable: new Set(),
        chain: Promise.resolve(),
      };
      this.rooms.set(id, room);
    }
    const target = room;
    const run = target.chain.then(async () => {
      target.loaded ??= loadRoomSessions(this.db, site, roomKey).then(
        (rows) => {
          for (const row of rows) {
            if (!target.sessions.has(row.id) && !this.deleted.has(row.id)) target.sessions.set(row.id, row);
          }
        },
        (error: unknown) => {
          target.loaded = undefined;
          throw error;
        },
      );
      await target.loaded;
      try {
        return await task(target);
      } finally {
        this.settle(target);
      }
    });
    target.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * The engine of a session, refolded from its events on disk and those still queued. undefined: its rule
   * settings build no engine; an open one is then closed where it stands (into `batch`), so no later
   * sample or tick tries again, and its rows are still stored, only not folded.
   */
  private async engineFor(room: Room, session: SessionRow, batch: Batch): Promise<LiveSession | undefined> {
    const known = room.engines.get(session.id);
    if (known) return known;
    if (room.unusable.has(session.id)) return undefined;
    // What is queued is taken first: a row that lands while the disk is read is then in one or the other.
    const queued = this.queue.held(session.id);
    const stored = await loadSessionEvents(this.db, session.id);
    const samples = new Map(stored.samples.map((row) => [row.ts, row]));
    for (const row of queued.samples) samples.set(row.ts, row);
    const actions = new Map(stored.actions.map((row) => [row.id, row]));
    for (const row of queued.actions) actions.set(row.id, row);
    const comments = new Map(stored.comments.map((row) => [row.ts, row]));
    for (const row of queued.comments) comments.set(row.ts, row);
    try {
      const engine = new LiveSession(
        session,
        [...samples.values()],
        [...actions.values()],
        [...comments.values()],
        withQueuedProducts(stored.products, queued),
      );
      room.engines.set(session.id, engine);
      return engine;
    } catch (error) {
      console.error(`Livecue: session ${session.id} cannot be folded; it is closed`, error);
      room.unusable.add(session.id);
      this.keep(room, closed(session, session.lastSampleAt, 'silence'), batch);
      return undefined;
    }
  }

  /** Records the session's new state in memory and in the batch. */
  private keep(room: Room, session: SessionRow, batch: Batch): void {
    room.sessions.set(session.id, session);
    const engine = room.engines.get(session.id);
    if (engine) engine.row = session;
    batch.sessions.push(session);
  }

  /**
   * After each piece of a room's work: engines that slotted samples in refold once and queue their cues,
   * and engines of ended sessions are let go (a refold rebuilds one if a late resend needs it).
   */
  private settle(room: Room): void {
    for (const [id, engine] of room.engines) {
      const changed = engine.settle();
      if (changed.length) {
        const session = { ...engine.row, cuesFired: engine.cues.size, cuesActed: engine.doneCount() };
        const batch = newBatch();
        batch.cues.push(...changed);
        this.keep(room, session, batch);
        void this.queue.enqueue(batch);
        this.emit(engine, changed);
      }
      if (engine.row.endedAt !== undefined) room.engines.delete(id);
    }
  }

  private emit(engine: LiveSession, changed: Cue[]): void {
    if (changed.length === 0) return;
    const change: CueChange = { session: engine.row, changed, active: engine.activeCues() };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('Livecue: a cue listener failed', error);
      }
    }
  }

  private noteRefusal(room: Room, sample: Sample, reason: SampleRefusal): void {
    const count = room.refusals?.reason === reason ? room.refusals.count + 1 : 1;
    room.refusals = { site: room.site, roomKey: room.roomKey, reason, count, at: this.wallNow() };
    if (reason === 'unread') {
      const { site, roomKey, title, health } = sample;
      this.unread.set(room.id, { site, roomKey, title, health, at: sample.ts });
    }
  }

  /** The session's own clock now: its last sample time plus the wall time since that sample arrived. */
  private sessionNow(session: SessionRow, engine?: LiveSession): number {
    const offset = session.clockOffsetMs ?? 0;
    return Math.max(engine?.lastEventTs ?? session.lastSampleAt, this.wallNow() - offset);
  }

  /** Runs `task` in the room of a session known here or on disk; undefined when there is no such session. */
  private async inSessionRoom<T>(
    sessionId: string,
    task: (room: Room, session: SessionRow) => Promise<T> | T,
  ): Promise<T | undefined> {
    let where: { site: string; roomKey: string } | undefined;
    for (const room of this.rooms.values()) if (room.sessions.has(sessionId)) where = room;
    where ??= await this.db.sessions.get(sessionId);
    if (!where || this.deleted.has(sessionId)) return undefined;
    return this.inRoom(where.site, where.roomKey, (room) => {
      const session = room.sessions.get(sessionId);
      return session ? task(room, session) : undefined;
    });
  }

  /** Adds an action (operator, plan, tick) to an open session and queues what it changed. */
  private async addActionTo(room: Room, session: SessionRow, make: (ts: number) => ActionRow | undefined) {
    const batch = newBatch();
    const engine = await this.engineFor(room, session, batch);
    const action = engine && make(this.sessionNow(session, engine));
    if (!engine || !action) {
      if (batch.sessions.length) void this.queue.enqueue(batch);
      return undefined;
    }
    const changed = engine.addAction(action);
    batch.actions.push(action);
    batch.cues.push(...changed);
    this.keep(room, { ...session, cuesFired: engine.cues.size, cuesActed: engine.doneCount() }, batch);
    this.emit(engine, changed);
    return { engine, durable: this.queue.enqueue(batch) };
  }

  /** Every open session: those in memory, and those on disk whose room has not reported since the restart. */
  private async openSessions(): Promise<SessionRow[]> {
    const rows = new Map<string, SessionRow>();
    for (const row of await loadOpenSessions(this.db)) if (!this.deleted.has(row.id)) rows.set(row.id, row);
    for (const room of this.rooms.values()) {
      for (const row of room.sessions.values()) {
        if (row.endedAt === undefined) rows.set(row.id, row);
        else rows.delete(row.id);
      }
    }
    return [...rows.values()];
  }

  // ── Commands and time ────────────────────────────────────────────────────────────────────────────

  /**
   * done / snooze / dismiss from a page: stored as an action event and folded like any other. Answers the
   * cue as it now stands, and when the action is durable.
   */
  async act(
    cueId: string,
    action: CueAction,
    snoozeSec?: number,
  ): Promise<{ cue: Cue | null; durable: Promise<void> }> {
    let sessionId: string | undefined;
    for (const room of this.rooms.values()) {
      for (const engine of room.engines.values()) if (engine.cues.has(cueId)) sessionId = engine.row.id;
    }
    sessionId ??= (await this.db.cues.get(cueId))?.sessionId;
    if (!sessionId) throw new Error(`No cue ${cueId}`);
    const result = await this.inSessionRoom(sessionId, async (room, session) => {
      if (session.endedAt !== undefined) throw new Error(`The session of cue ${cueId} has ended`);
      return this.addActionTo(room, session, (ts) => ({
        id: `${session.id}:act:${ts}:${cueId}:${action}`,
        sessionId: session.id,
        ts,
        type: 'cue',
        cueId,
        action,
        ...(snoozeSec !== undefined ? { snoozeSec } : {}),
      }));
    });
    if (!result) throw new Error(`No session for cue ${cueId}`);
    return { cue: result.engine.cues.get(cueId) ?? null, durable: result.durable };
  }

  /** A new run-of-show for every open session. */
  async setPlan(plan: PlanSlot[]): Promise<void> {
    await Promise.all(
      (await this.openSessions()).map((row) =>
        this.inSessionRoom(row.id, (room, session) =>
          session.endedAt === undefined
            ? this.addActionTo(room, session, (ts) => ({
                id: `${session.id}:plan:${ts}`,
                sessionId: session.id,
                ts,
                type: 'plan',
                plan,
              }))
            : undefined,
        ),
      ),
    );
  }

  /**
   * Time passing with no sample (the alarm): ends sessions silent past the limit and feeds the others a
   * stored tick, so deadlines (countdowns, snoozes, expiry, data-stale) move even when the room is quiet.
   * Resolves once every session was handled; their writes are queued, not awaited.
   */
  async tick(): Promise<void> {
    const wall = this.wallNow();
    await Promise.all(
      (await this.openSessions()).map((row) =>
        this.inSessionRoom(row.id, async (room, session) => {
          if (session.endedAt !== undefined) return;
          if (wall - (session.lastSampleAt + (session.clockOffsetMs ?? 0)) > this.timing.silenceMs) {
            const batch = newBatch();
            this.keep(room, closed(session, session.lastSampleAt, 'silence'), batch);
            void this.queue.enqueue(batch);
            return;
          }
          await this.addActionTo(room, session, (ts) => {
            const engine = room.engines.get(session.id);
            if (engine && ts < engine.lastEventTs + 1000) return undefined;
            return { id: `${session.id}:tick:${ts}`, sessionId: session.id, ts, type: 'tick' };
          });
        }).catch((error: unknown) => console.error(`Livecue: tick of ${row.id} failed`, error)),
      ),
    );
  }

  /** The operator's end of a session; the room's next reading starts a new one. */
  async end(sessionId: string): Promise<{ session: SessionRow; durable: Promise<void> }> {
    const result = await this.inSessionRoom(sessionId, async (room, session) => {
      if (session.endedAt !== undefined) return { session, durable: Promise.resolve() };
      const engine = room.engines.get(session.id);
      const ended = closed(session, this.sessionNow(session, engine), 'operator');
      const batch = newBatch();
      this.keep(room, ended, batch);
      return { session: ended, durable: this.queue.enqueue(batch) };
    });
    if (!result) throw new Error(`No session ${sessionId}`);
    return result;
  }

  /**
   * Forgets sessions about to be deleted: out of every room, their queued rows discarded and no write of
   * theirs in flight. The caller deletes them from the database next.
   */
  async forget(sessionIds: readonly string[]): Promise<void> {
    for (const id of sessionIds) this.deleted.add(id);
    await Promise.all(
      [...this.rooms.values()]
        .filter((room) => sessionIds.some((id) => room.sessions.has(id)))
        .map((room) =>
          this.inRoom(room.site, room.roomKey, () => {
            for (const id of sessionIds) {
              room.sessions.delete(id);
              room.engines.delete(id);
            }
          }),
        ),
    );
    await this.queue.discard(sessionIds);
  }

  /**
   * After an import added rows: sessions new here join their rooms, and a session being folded takes in
   * the rows it did not hold (refolded, its changed cues queued).
   */
  async imported(sessions: readonly SessionRow[]): Promise<void> {
    await Promise.all(
      sessions.map(async (row) => {
        this.deleted.delete(row.id);
        if (!this.rooms.has(roomIdOf(row.site, row.roomKey))) return;
        await this.inRoom(row.site, row.roomKey, async (room) => {
          if (!room.sessions.has(row.id)) room.sessions.set(row.id, row);
          const engine = room.engines.get(row.id);
          if (!engine) return;
          const stored = await loadSessionEvents(this.db, row.id);
          const changed = engine.merge(stored.samples, stored.actions, stored.comments, stored.products);
          if (changed.length) void this.queue.enqueue({ cues: changed });
          this.emit(engine, changed);
        });
      }),
    );
  }

  // ── What the pages and the overlay ask ───────────────────────────────────────────────────────────

  private openEngine(site: string, roomKey: string): LiveSession | undefined {
    const room = this.rooms.get(roomIdOf(site, roomKey));
    for (const engine of room?.engines.values() ?? []) if (engine.row.endedAt === undefined) return engine;
    return undefined;
  }

  activeCuesOf(site: string, roomKey: string): Cue[] {
    return this.openEngine(site, roomKey)?.activeCues() ?? [];
  }

  /** The room's open session as the worker holds it. */
  liveRow(site: string, roomKey: string): SessionRow | undefined {
    return this.openEngine(site, roomKey)?.row;
  }

  unreadRooms(): UnreadRoom[] {
    return [...this.unread.values()];
  }

  /** The latest refusal of each room that had one. */
  refusals(): RoomRefusals[] {
    return [...this.rooms.values()].flatMap((room) => (room.refusals ? [room.refusals] : []));
  }

  liveCount(): number {
    let count = 0;
    for (const room of this.rooms.values()) {
      for (const engine of room.engines.values()) if (engine.row.endedAt === undefined) count += 1;
    }
    return count;
  }
}
