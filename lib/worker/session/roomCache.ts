import { createEngine } from '../../core/engine/createEngine';
import { ruleSettingsSchema } from '../../core/engine/ruleSettings';
import type { Cue } from '../../core/engine/types';
import type { SampleRefusal } from '../../core/messages/portProtocol';
import { roomIdOf } from '../../core/messages/roomId';
import type { LivecueDb } from '../../store/database';
import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from '../../store/productRows';
import type { ActionRow, CommentRow, SampleRow, SessionRow } from '../../store/rows';
import type { WriteQueue } from '../writeQueue';
import { EndIntents } from './endIntents';
import { LiveSession } from './liveSession';
import { withQueuedProducts } from './productFiling';
import { closedSession } from './sessionRows';
import {
  loadOpenSessions,
  loadRoomSessions,
  loadSessionEvents,
  loadSessionHead,
  loadSessionTail,
} from './storedSessions';

// The worker's memory of rooms (DESIGN.md §1, §5): for each room its sessions (newer than the disk while
// writes are queued), the engines of the sessions it folds, and a chain that runs the room's work in order.
// Work in a chain awaits database reads only (loading a room, a session's events); writes go to the write
// queue and are never awaited here. After a worker restart all of it is rebuilt from the database.

/** Cues a step created or changed, with the session's active cues after it. */
export interface CueChange {
  session: SessionRow;
  changed: Cue[];
  active: Cue[];
  /** Active and snoozed, in firing order: what waits for the operator (the side panel's list). */
  open: Cue[];
}

export interface RoomRefusals {
  site: string;
  roomKey: string;
  reason: SampleRefusal;
  count: number;
  at: number;
}

export interface Room {
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
  /** A first fold is scheduled for this room's engines loaded with foldLater (foldSoon). */
  foldScheduled?: boolean;
  refusals?: RoomRefusals;
  /** The latest time this worker saw the room's clock set back under an open session (health). */
  clockSetBack?: ClockSetBack;
}

/** The computer's clock went back under a room's session: its readings went to a new session instead. */
export interface ClockSetBack {
  site: string;
  roomKey: string;
  /** How far back, ms (the wall clock against when the last reading arrived). */
  byMs: number;
  /** When it was seen (wall ms, on the set-back clock). */
  at: number;
  /** The session closed there, and the one that took the readings after. */
  closedSessionId: string;
  sessionId: string;
}

/** The rows one step queues, in one enqueue (one durability promise). */
export interface Batch {
  samples: SampleRow[];
  comments: CommentRow[];
  cues: Cue[];
  actions: ActionRow[];
  sessions: SessionRow[];
  productSnapshots?: ProductSnapshotRow[];
  productPins?: ProductPinRow[];
  productLatest?: ProductLatestRow[];
}
export const newBatch = (): Batch => ({ samples: [], comments: [], cues: [], actions: [], sessions: [] });

/**
 * How long a loaded session's first fold waits for the rows queued before it to be written. It runs as soon
 * as they are durable; this bound only matters while writes fail (cues must not wait for the disk).
 */
export const FIRST_FOLD_WAIT_MS = 500;

export class RoomCache {
  readonly rooms = new Map<string, Room>();
  /** Sessions deleted in this worker's life: a room loaded while their delete commits must not bring them back. */
  readonly deleted = new Set<string>();
  private readonly listeners = new Set<(change: CueChange) => void>();

  constructor(
    readonly db: LivecueDb,
    readonly queue: WriteQueue,
    readonly endIntents: EndIntents = new EndIntents(),
  ) {}

  /**
   * Queues the operator's end of a session and forgets its note once the ended row is durable; until then
   * the note closes it again after a restart (applyEndIntents).
   */
  queueEnd(room: Room, ended: SessionRow): Promise<void> {
    const batch = newBatch();
    this.keep(room, ended, batch);
    const durable = this.queue.enqueue(batch);
    void durable.then(() => this.endIntents.remove([ended.id]));
    return durable;
  }

  /** A freshly loaded room's sessions that the operator ended but whose end never reached the disk. */
  private applyEndIntents(room: Room, pending: ReadonlyMap<string, number>): void {
    const done: string[] = [];
    for (const [id, endedAt] of pending) {
      const row = room.sessions.get(id);
      if (!row) continue;
      if (row.endedAt !== undefined) done.push(id);
      else void this.queueEnd(room, closedSession(row, Math.max(endedAt, row.startedAt), 'operator'));
    }
    if (done.length) void this.endIntents.remove(done);
  }

  onCueChange(listener: (change: CueChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs `task` after the room's earlier work, once the room's sessions are loaded. */
  inRoom<T>(site: string, roomKey: string, task: (room: Room) => Promise<T> | T): Promise<T> {
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
      // The End notes are read beside the room's sessions, not after them (one wait fewer at a cold start):
      // a note is added or dropped only in the chain of a room already loaded, or for a session being
      // deleted (which a loading room leaves out), so none that matters here changes between the reads.
      const loading = !target.loaded;
      target.loaded ??= Promise.all([
        loadRoomSessions(this.db, site, roomKey),
        this.endIntents.pending(),
      ]).then(
        ([rows, pending]) => {
          for (const row of rows) {
            if (!target.sessions.has(row.id) && !this.deleted.has(row.id)) target.sessions.set(row.id, row);
          }
          this.applyEndIntents(target, pending);
        },
        (error: unknown) => {
          target.loaded = undefined;
          throw error;
        },
      );
      // While the disk answers (at a cold start the database is still opening), the rules' schemas that every
      // engine parses its settings with are built (on first use): CPU work a room's first sample would
      // otherwise do after the read, when it builds the engine of the session it files in.
      if (loading) ruleSettingsSchema();
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

  /** Runs `task` in the room of a session known here or on disk; undefined when there is no such session. */
  async inSessionRoom<T>(
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

  /**
   * The engine of a session, refolded from its events on disk and those still queued. undefined: its rule
   * settings build no engine; an open one is then closed where it stands (into `batch`), so no later
   * sample or tick tries again, and its rows are still stored, only not folded.
   *
   * `from`: the caller only files rows dated `from` or later (a room's batch): a session loaded for it reads
   * only its stored samples and comments from then on (loadSessionTail), and the rest before its first fold
   * (completeEngine). Without it, the engine comes whole.
   */
  async engineFor(
    room: Room,
    session: SessionRow,
    batch: Batch,
    from?: number,
  ): Promise<LiveSession | undefined> {
    // Its first fold waits until the rows of this step are queued and written (settle → foldSoon): a
    // restarted worker stores the reading it woke for before it reads and refolds the whole session.
    const known = room.engines.get(session.id);
    if (known) {
      const heldFrom = known.heldFrom;
      if (heldFrom !== undefined && (from === undefined || from < heldFrom)) await this.completeEngine(known);
      return known;
    }
    if (room.unusable.has(session.id)) return undefined;
    // What is queued is taken first: a row that lands while the disk is read is then in one or the other.
    const queued = this.queue.held(session.id);
    const reading =
      from === undefined
        ? loadSessionEvents(this.db, session.id)
        : loadSessionTail(this.db, session.id, from);
    // The engine is built while the disk answers (a restarted worker's database may still be opening): it is
    // CPU work (the rules' schemas, built on first use, and the settings' parse) that a first sample would
    // otherwise do after the read. A read that fails still fails first; settings that build no engine are
    // met below, as the session's own construction would meet them.
    const built = buildEngine(session.ruleSettings);
    const stored = await reading;
    const samples = new Map(stored.samples.map((row) => [row.ts, row]));
    for (const row of queued.samples) samples.set(row.ts, row);
    const actions = new Map(stored.actions.map((row) => [row.id, row]));
    for (const row of queued.actions) actions.set(row.id, row);
    const comments = new Map(stored.comments.map((row) => [row.ts, row]));
    for (const row of queued.comments) comments.set(row.ts, row);
    try {
      if (!built.ok) throw built.error;
      const engine = new LiveSession(
        session,
        [...samples.values()],
        [...actions.values()],
        [...comments.values()],
        withQueuedProducts(stored.products, queued),
        { foldLater: true, engine: built.engine, ...(from !== undefined && { heldFrom: from }) },
      );
      room.engines.set(session.id, engine);
      return engine;
    } catch (error) {
      console.error(`Livecue: session ${session.id} cannot be folded; it is closed`, error);
      room.unusable.add(session.id);
      this.keep(room, closedSession(session, session.lastSampleAt, 'silence'), batch);
      return undefined;
    }
  }

  /** Reads the stored rows a session loaded for filing left out (engineFor's `from`), so it can fold. */
  async completeEngine(engine: LiveSession): Promise<void> {
    const from = engine.heldFrom;
    if (from === undefined) return;
    const head = await loadSessionHead(this.db, engine.row.id, from);
    engine.takeEarlier(head.samples, head.comments, head.productSnapshots);
  }

  /**
   * The first fold of a session loaded for filing: its earlier rows read, then folded against its stored
   * cue rows, so only cues that differ are queued and told (by the next settle). Runs in the room's chain.
   */
  async firstFold(engine: LiveSession): Promise<void> {
    if (!engine.awaitingFold) return;
    const [stored] = await Promise.all([
      this.db.cues
        .where('sessionId')
        .equals(engine.row.id)
        .toArray()
        .catch(() => undefined),
      this.completeEngine(engine),
    ]);
    engine.foldAgainst(stored);
  }

  /** Records the session's new state in memory and in the batch. */
  keep(room: Room, session: SessionRow, batch: Batch): void {
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
      const ended = engine.row.endedAt !== undefined;
      // An ended one folds now, below, unless its earlier rows are still to be read.
      if (engine.awaitingFold && (!ended || engine.heldFrom !== undefined)) {
        this.foldSoon(room);
        continue;
      }
      // An ended session's engine is let go below: it folds now, so what its late readings changed is kept.
      if (engine.awaitingFold) engine.foldAgainst();
      const changed = engine.settle();
      if (changed.length) {
        const session = { ...engine.row, cuesFired: engine.cues.size, cuesActed: engine.doneCount() };
        const batch = newBatch();
        batch.cues.push(...changed);
        this.keep(room, session, batch);
        void this.queue.enqueue(batch);
        this.emit(engine, changed);
      }
      if (ended) room.engines.delete(id);
    }
  }

  /**
   * Folds the room's engines loaded with foldLater once what is queued is durable (or FIRST_FOLD_WAIT_MS
   * passed), in the room's chain; only cues that differ from the stored rows are queued and told.
   */
  private foldSoon(room: Room): void {
    if (room.foldScheduled) return;
    room.foldScheduled = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FIRST_FOLD_WAIT_MS);
    });
    void Promise.race([this.queue.flush(), waited]).then(() => {
      clearTimeout(timer);
      room.foldScheduled = false;
      return this.inRoom(room.site, room.roomKey, async (here) => {
        for (const engine of [...here.engines.values()]) await this.firstFold(engine);
      }).catch((error: unknown) => console.error('Livecue: a session could not be folded', error));
    });
  }

  emit(engine: LiveSession, changed: Cue[]): void {
    if (changed.length === 0) return;
    const change: CueChange = {
      session: engine.row,
      changed,
      active: engine.activeCues(),
      open: engine.openCues(),
    };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('Livecue: a cue listener failed', error);
      }
    }
  }

  /** Every open session: those in memory, and those on disk whose room has not reported since the restart. */
  async openSessions(): Promise<SessionRow[]> {
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

  /** The engine of the room's open session, when the room is folding one. */
  openEngine(site: string, roomKey: string): LiveSession | undefined {
    const room = this.rooms.get(roomIdOf(site, roomKey));
    for (const engine of room?.engines.values() ?? []) if (engine.row.endedAt === undefined) return engine;
    return undefined;
  }
}

/** The engine of a session's rule settings, or what building it threw (settings the rules refuse). */
function buildEngine(
  ruleSettings: unknown,
): { ok: true; engine: ReturnType<typeof createEngine> } | { ok: false; error: unknown } {
  try {
    return { ok: true, engine: createEngine(ruleSettings) };
  } catch (error) {
    return { ok: false, error };
  }
}
