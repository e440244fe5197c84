import type { Cue, CueAction, PlanSlot } from '../../core/engine/types';
import { roomIdOf } from '../../core/messages/roomId';
import type { ActionRow, SessionRow } from '../../store/rows';
import type { SessionTiming } from './decideSession';
import type { LiveSession } from './liveSession';
import { newBatch, type Room, type RoomCache } from './roomCache';
import { closedSession } from './sessionRows';
import { loadSessionEvents } from './storedSessions';

// What changes sessions besides samples: the operator's cue actions and End, a new run-of-show, time passing
// (the alarm's tick), deletes and imports. Each runs in its session's room chain, on the session's own clock,
// and queues its rows; the durability promise it returns is for the command's answer.

export class SessionCommands {
  constructor(
    private readonly cache: RoomCache,
    private readonly timing: SessionTiming,
    private readonly wallNow: () => number,
  ) {}

  /** The session's own clock now: its last sample time plus the wall time since that sample arrived. */
  private sessionNow(session: SessionRow, engine?: LiveSession): number {
    const offset = session.clockOffsetMs ?? 0;
    return Math.max(engine?.lastEventTs ?? session.lastSampleAt, this.wallNow() - offset);
  }

  /** Adds an action (operator, plan, tick) to an open session and queues what it changed. */
  private async addActionTo(room: Room, session: SessionRow, make: (ts: number) => ActionRow | undefined) {
    const batch = newBatch();
    const engine = await this.cache.engineFor(room, session, batch);
    const action = engine && make(this.sessionNow(session, engine));
    if (!engine || !action) {
      if (batch.sessions.length) void this.cache.queue.enqueue(batch);
      return undefined;
    }
    const changed = engine.addAction(action);
    batch.actions.push(action);
    batch.cues.push(...changed);
    this.cache.keep(room, { ...session, cuesFired: engine.cues.size, cuesActed: engine.doneCount() }, batch);
    this.cache.emit(engine, changed);
    return { engine, durable: this.cache.queue.enqueue(batch) };
  }

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
    for (const room of this.cache.rooms.values()) {
      // A session still reading its earlier rows (a restarted worker's) cannot fold yet: the disk says.
      for (const engine of room.engines.values())
        if (engine.heldFrom === undefined && engine.cues.has(cueId)) sessionId = engine.row.id;
    }
    sessionId ??= (await this.cache.db.cues.get(cueId))?.sessionId;
    if (!sessionId) throw new Error(`No cue ${cueId}`);
    const result = await this.cache.inSessionRoom(sessionId, async (room, session) => {
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
      (await this.cache.openSessions()).map((row) =>
        this.cache.inSessionRoom(row.id, (room, session) =>
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
      (await this.cache.openSessions()).map((row) =>
        this.cache
          .inSessionRoom(row.id, async (room, session) => {
            if (session.endedAt !== undefined) return;
            if (wall - (session.lastSampleAt + (session.clockOffsetMs ?? 0)) > this.timing.silenceMs) {
              const batch = newBatch();
              this.cache.keep(room, closedSession(session, session.lastSampleAt, 'silence'), batch);
              void this.cache.queue.enqueue(batch);
              return;
            }
            await this.addActionTo(room, session, (ts) => {
              const engine = room.engines.get(session.id);
              if (engine && ts < engine.lastEventTs + 1000) return undefined;
              return { id: `${session.id}:tick:${ts}`, sessionId: session.id, ts, type: 'tick' };
            });
          })
          .catch((error: unknown) => console.error(`Livecue: tick of ${row.id} failed`, error)),
      ),
    );
  }

  /**
   * The operator's end of a session; the room's next reading starts a new one. `kept` resolves true once the
   * End is noted where a worker restart keeps it (endIntents.ts), so it holds even while writes fail.
   */
  async end(
    sessionId: string,
  ): Promise<{ session: SessionRow; durable: Promise<void>; kept: Promise<boolean> }> {
    const result = await this.cache.inSessionRoom(sessionId, async (room, session) => {
      if (session.endedAt !== undefined)
        return { session, durable: Promise.resolve(), kept: Promise.resolve(true) };
      const engine = room.engines.get(session.id);
      if (engine) await this.cache.completeEngine(engine);
      const ended = closedSession(session, this.sessionNow(session, engine), 'operator');
      // Noted first: a restart between the two finds the note and closes the session again.
      const kept = this.cache.endIntents.add(ended.id, ended.endedAt!);
      return { session: ended, durable: this.cache.queueEnd(room, ended), kept };
    });
    if (!result) throw new Error(`No session ${sessionId}`);
    return result;
  }

  /**
   * Forgets sessions about to be deleted: out of every room, their queued rows discarded and no write of
   * theirs in flight. The caller deletes them from the database next.
   */
  async forget(sessionIds: readonly string[]): Promise<void> {
    void this.cache.endIntents.remove(sessionIds);
    for (const id of sessionIds) this.cache.deleted.add(id);
    await Promise.all(
      [...this.cache.rooms.values()]
        .filter((room) => sessionIds.some((id) => room.sessions.has(id)))
        .map((room) =>
          this.cache.inRoom(room.site, room.roomKey, () => {
            for (const id of sessionIds) {
              room.sessions.delete(id);
              room.engines.delete(id);
            }
          }),
        ),
    );
    await this.cache.queue.discard(sessionIds);
  }

  /**
   * After an import added rows: sessions new here join their rooms, and a session being folded takes in
   * the rows it did not hold (refolded, its changed cues queued).
   */
  async imported(sessions: readonly SessionRow[]): Promise<void> {
    await Promise.all(
      sessions.map(async (row) => {
        this.cache.deleted.delete(row.id);
        if (!this.cache.rooms.has(roomIdOf(row.site, row.roomKey))) return;
        await this.cache.inRoom(row.site, row.roomKey, async (room) => {
          if (!room.sessions.has(row.id)) room.sessions.set(row.id, row);
          const engine = room.engines.get(row.id);
          if (!engine) return;
          const stored = await loadSessionEvents(this.cache.db, row.id);
          // A session loaded for filing holds its later rows only: the whole session read here completes it.
          engine.takeEarlier(stored.samples, stored.comments);
          const changed = engine.merge(stored.samples, stored.actions, stored.comments, stored.products);
          if (changed.length) void this.cache.queue.enqueue({ cues: changed });
          this.cache.emit(engine, changed);
        });
      }),
    );
  }
}
