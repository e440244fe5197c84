import type { Cue, CueAction, PlanSlot } from '../core/engine/types';
import type { Sample } from '../core/messages/sample';
import type { LivecueDb } from '../store/database';
import type { ActionRow, SessionRow } from '../store/rows';
import { LiveSession } from './liveSession';
import { DEFAULT_SESSION_TIMING, decideSession } from './session/decideSession';
import { createSessionRouter, type SessionRouter } from './session/sessionRouter';
import { findOpenSession, loadSessionEvents } from './session/sessionStore';
import type { WriteQueue } from './writeQueue';

/** Open sessions: those held in memory (newest state) plus any stored open one the worker does not hold. */
async function listOpenSessions(db: LivecueDb, live: Map<string, LiveSession>): Promise<SessionRow[]> {
  const stored = await db.sessions.filter((row) => row.endedAt === undefined).toArray();
  const rows = new Map(stored.map((row) => [row.id, row]));
  for (const [id, session] of live) rows.set(id, session.row);
  return [...rows.values()];
}

// The background's heart: sample → session → engine → batched writes. Every operation runs one at a
// time through a single chain, so a session is never resolved twice for two samples in flight.

export interface IngestConfig {
  /** Rule settings snapshot for new sessions, and the run-of-show to announce at their start. */
  settings(): Promise<{ rules: Record<string, unknown>; plan: PlanSlot[] }>;
  graceMs?: number;
  silenceMs?: number;
  wallNow?: () => number;
  /** Called with the cues a step created or changed, after they are queued for writing. */
  onCues?: (session: SessionRow, changed: Cue[], active: Cue[]) => void;
}

export interface UnreadRoom {
  site: string;
  roomKey: string;
  title?: string;
  health: Sample['health'];
  at: number;
}

export class RoomIngest {
  private readonly live = new Map<string, LiveSession>();
  private readonly byRoom = new Map<string, string>();
  /** Rooms that report but whose numbers cannot be read, with their reader health. */
  private readonly unread = new Map<string, UnreadRoom>();
  private chain: Promise<unknown> = Promise.resolve();
  private readonly silenceMs: number;
  private readonly wallNow: () => number;
  private readonly router: SessionRouter;

  constructor(
    private readonly db: LivecueDb,
    private readonly queue: WriteQueue,
    private readonly config: IngestConfig,
  ) {
    const timing = {
      graceMs: config.graceMs ?? DEFAULT_SESSION_TIMING.graceMs,
      silenceMs: config.silenceMs ?? DEFAULT_SESSION_TIMING.silenceMs,
    };
    this.silenceMs = timing.silenceMs;
    this.wallNow = config.wallNow ?? Date.now;
    this.router = createSessionRouter(db, {
      timing,
      ruleSettings: async () => (await config.settings()).rules,
    });
  }

  /** Runs `task` after every earlier one; a failure does not block the next. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Stores and folds a batch of samples from one room. Resolves when they are durable, so the caller
   * can acknowledge them to the content script.
   */
  async ingest(samples: Sample[]): Promise<void> {
    // Durability is awaited outside the chain: a failing disk must not stop the engine for later samples.
    const writes = await this.serial(async () => {
      const pending: Promise<void>[] = [];
      for (const sample of [...samples].sort((a, b) => a.ts - b.ts)) {
        const write = await this.ingestOne(sample);
        if (write) pending.push(write);
      }
      return pending;
    });
    await Promise.all(writes);
  }

  private roomId(site: string, roomKey: string): string {
    return `${site}\u0000${roomKey}`;
  }

  private async ingestOne(sample: Sample): Promise<Promise<void> | undefined> {
    const room = this.roomId(sample.site, sample.roomKey);
    this.unread.delete(room);
    if (sample.health.parsed.length === 0) {
      // A reading with no number (not live yet, or a layout the reader cannot read) never starts, ends or
      // splits a session; it is kept only as the health of a session it plainly continues. The panel
      // learns of an unread room through status.get so the operator can bind its metrics.
      const liveId = this.byRoom.get(room);
      const open =
        (liveId && this.live.get(liveId)?.row) ||
        (await findOpenSession(this.db, sample.site, sample.roomKey));
      const continues =
        open && decideSession(open, sample, { graceMs: 0, silenceMs: this.silenceMs }).kind === 'resume';
      if (!continues) {
        const { site, roomKey, title, health } = sample;
        this.unread.set(room, { site, roomKey, title, health, at: sample.ts });
        return undefined;
      }
    }
    const routed = await this.router.route(sample);
    if (!routed) return undefined;
    if (routed.previous) this.drop(routed.previous.id);
    const fresh = routed.decision.kind === 'start' || routed.decision.kind === 'end-then-start';
    const session = this.live.get(routed.session.id) ?? (await this.revive(routed.session, fresh));
    Object.assign(session.row, routed.session);
    const { duplicate, changed } = session.addSample(routed.row);
    if (duplicate) return undefined;
    let acted = 0;
    for (const cue of session.cues.values()) if (cue.status === 'done') acted += 1;
    const write = this.queue.enqueue({
      samples: [routed.row],
      cues: changed,
      sessionChanges: [
        {
          id: session.row.id,
          changes: {
            ...routed.changes,
            clockOffsetMs: this.wallNow() - sample.ts,
            cuesFired: session.cues.size,
            cuesActed: acted,
          },
        },
      ],
    });
    session.row.clockOffsetMs = this.wallNow() - sample.ts;
    if (changed.length) this.config.onCues?.(session.row, changed, session.activeCues());
    // The room's own end signal closed the session (the router wrote the end).
    if (routed.session.endedAt !== undefined) this.drop(session.row.id);
    return write;
  }

  /**
   * Holds a session in memory, refolding its stored events (after a worker restart). A session that
   * starts now gets the run-of-show in force as its first event.
   */
  private async revive(row: SessionRow, fresh = false): Promise<LiveSession> {
    const { samples, actions } = fresh
      ? { samples: [], actions: [] }
      : await loadSessionEvents(this.db, row.id);
    if (fresh) {
      const { plan } = await this.config.settings();
      if (plan.length) {
        const action: ActionRow = {
          id: `${row.id}:plan:${row.startedAt}`,
          sessionId: row.id,
          ts: row.startedAt,
          type: 'plan',
          plan,
        };
        actions.push(action);
        void this.queue.enqueue({ actions: [action] });
      }
    }
    const session = new LiveSession({ ...row }, samples, actions);
    this.live.set(row.id, session);
    this.byRoom.set(this.roomId(row.site, row.roomKey), row.id);
    if (fresh && session.cues.size) void this.queue.enqueue({ cues: [...session.cues.values()] });
    return session;
  }

  private drop(sessionId: string): void {
    const session = this.live.get(sessionId);
    if (!session) return;
    this.live.delete(sessionId);
    const room = this.roomId(session.row.site, session.row.roomKey);
    if (this.byRoom.get(room) === sessionId) this.byRoom.delete(room);
  }

  private async end(
    session: LiveSession,
    reason: NonNullable<SessionRow['endReason']>,
    ts: number,
  ): Promise<void> {
    // The end is written at once by the router; queued summary updates never touch endedAt.
    await this.router.end(session.row.id, reason, Math.max(ts, session.row.lastSampleAt));
    this.drop(session.row.id);
  }

  /** The session's own clock now: its last sample time plus the wall time since that sample arrived. */
  private sessionNow(session: LiveSession): number {
    const offset = session.row.clockOffsetMs ?? 0;
    return Math.max(session.lastEventTs, this.wallNow() - offset);
  }

  private async liveById(sessionId: string): Promise<LiveSession | undefined> {
    const known = this.live.get(sessionId);
    if (known) return known;
    const row = await this.db.sessions.get(sessionId);
    if (!row || row.endedAt !== undefined) return undefined;
    return this.revive(row);
  }

  /** done / snooze / dismiss from the panel: stored as an action event and folded like any other. */
  async act(cueId: string, action: CueAction, snoozeSec?: number): Promise<Cue | undefined> {
    const { cue, write } = await this.serial(async () => {
      const stored = await this.db.cues.get(cueId);
      const sessionId = stored?.sessionId ?? [...this.live.values()].find((s) => s.cues.has(cueId))?.row.id;
      if (!sessionId) throw new Error(`No cue ${cueId}`);
      const session = await this.liveById(sessionId);
      if (!session) throw new Error(`The session of cue ${cueId} has ended`);
      const ts = this.sessionNow(session);
      const row: ActionRow = {
        id: `${sessionId}:act:${ts}:${cueId}:${action}`,
        sessionId,
        ts,
        type: 'cue',
        cueId,
        action,
        ...(snoozeSec !== undefined ? { snoozeSec } : {}),
      };
      const changed = session.addAction(row);
      const acted = [...session.cues.values()].filter((c) => c.status === 'done').length;
      const write = this.queue.enqueue({
        actions: [row],
        cues: changed,
        sessionChanges: [{ id: sessionId, changes: { cuesActed: acted } }],
      });
      this.config.onCues?.(session.row, changed, session.activeCues());
      return { cue: session.cues.get(cueId), write };
    });
    await write;
    return cue;
  }

  /** A new run-of-show for every open session. */
  setPlan(plan: PlanSlot[]): Promise<void> {
    return this.serial(async () => {
      for (const row of await listOpenSessions(this.db, this.live)) {
        const session = await this.liveById(row.id);
        if (!session) continue;
        const ts = this.sessionNow(session);
        const action: ActionRow = { id: `${row.id}:plan:${ts}`, sessionId: row.id, ts, type: 'plan', plan };
        const changed = session.addAction(action);
        void this.queue.enqueue({ actions: [action], cues: changed });
        if (changed.length) this.config.onCues?.(session.row, changed, session.activeCues());
      }
    });
  }

  /**
   * Time passing with no sample (the alarm): ends sessions silent past the limit and feeds the others a
   * stored tick, so deadlines (countdowns, snoozes, expiry, data-stale) move even when the room is quiet.
   */
  tick(): Promise<void> {
    return this.serial(async () => {
      const wall = this.wallNow();
      for (const row of await listOpenSessions(this.db, this.live)) {
        const lastWall = row.lastSampleAt + (row.clockOffsetMs ?? 0);
        if (wall - lastWall > this.silenceMs) {
          await this.router.end(row.id, 'silence', row.lastSampleAt);
          this.drop(row.id);
          continue;
        }
        const session = await this.liveById(row.id);
        if (!session) continue;
        const ts = this.sessionNow(session);
        if (ts < session.lastEventTs + 1000) continue;
        const action: ActionRow = { id: `${row.id}:tick:${ts}`, sessionId: row.id, ts, type: 'tick' };
        const changed = session.addAction(action);
        void this.queue.enqueue({ actions: [action], cues: changed });
        if (changed.length) this.config.onCues?.(session.row, changed, session.activeCues());
      }
    });
  }

  endSession(sessionId: string): Promise<void> {
    return this.serial(async () => {
      const session = await this.liveById(sessionId);
      if (session) await this.end(session, 'operator', this.sessionNow(session));
      else if (!(await this.db.sessions.get(sessionId))) throw new Error(`No session ${sessionId}`);
    });
  }

  /** Drops sessions from memory (after a delete or an import replaced them). */
  forget(sessionIds: string[]): Promise<void> {
    return this.serial(async () => {
      for (const id of sessionIds) {
        this.drop(id);
      }
      this.router.forget(sessionIds);
    });
  }

  activeCuesOf(site: string, roomKey: string): Cue[] {
    const id = this.byRoom.get(this.roomId(site, roomKey));
    return (id && this.live.get(id)?.activeCues()) || [];
  }

  liveRow(site: string, roomKey: string): SessionRow | undefined {
    const id = this.byRoom.get(this.roomId(site, roomKey));
    return id ? this.live.get(id)?.row : undefined;
  }

  unreadRooms(): UnreadRoom[] {
    return [...this.unread.values()];
  }

  liveCount(): number {
    return this.live.size;
  }
}
