import type { Sample } from '../../core/messages/sample';
import type { LivecueDb } from '../../store/database';
import type { SampleRow, SessionRow } from '../../store/rows';
import {
  DEFAULT_SESSION_TIMING,
  decideSession,
  type SessionDecision,
  type SessionTiming,
} from './decideSession';
import {
  createSession,
  type EndReason,
  endSession,
  endSilentSessions,
  findLatestSession,
  reopenSession,
} from './sessionStore';
import { summaryWithSamples } from './sessionSummary';

// The background's door for samples: finds each sample's session (starting, resuming or ending sessions
// as decideSession says) and hands back the row and session changes to enqueue. Samples of one room are
// routed one at a time, so two quick samples never start two sessions. The cache only saves a query:
// after a worker restart it is rebuilt from the database.

export interface RoutedSample {
  session: SessionRow;
  /** The sample as stored. */
  row: SampleRow;
  /** Session fields to enqueue with the row (lastSampleAt, peak viewers, GMV, title). */
  changes: Partial<SessionRow>;
  decision: SessionDecision;
  /** The session that ended because this one started (silence), if any. */
  previous?: SessionRow;
}

export interface SessionRouter {
  /** null: the sample belongs to no session (an ended room's summary page, a stale resend). */
  route(sample: Sample): Promise<RoutedSample | null>;
  /** The operator's `session.end`, or any end the background decides. */
  end(sessionId: string, reason: EndReason, ts: number): Promise<SessionRow | undefined>;
  /** Ends sessions silent past the silence limit (call from an alarm). */
  sweep(now: number): Promise<SessionRow[]>;
  /** Drops cached sessions (after they were deleted or imported over). */
  forget(sessionIds?: readonly string[]): void;
}

export interface SessionRouterOptions {
  timing?: SessionTiming;
  /** Rule settings frozen into each new session, so its refold and replay give the same cues. */
  ruleSettings: () => Record<string, unknown> | Promise<Record<string, unknown>>;
}

const roomOf = (site: string, roomKey: string) => `${site}\u0000${roomKey}`;

export function toSampleRow(sessionId: string, sample: Sample): SampleRow {
  const row: SampleRow = { sessionId, ts: sample.ts, metrics: sample.metrics, health: sample.health };
  if (sample.capped?.length) row.capped = sample.capped;
  if (sample.product !== undefined) row.product = sample.product;
  return row;
}

export function createSessionRouter(db: LivecueDb, options: SessionRouterOptions): SessionRouter {
  const timing = options.timing ?? DEFAULT_SESSION_TIMING;
  const latestByRoom = new Map<string, SessionRow>();
  const roomQueues = new Map<string, Promise<unknown>>();

  const serialised = <T>(room: string, work: () => Promise<T>): Promise<T> => {
    const before = roomQueues.get(room) ?? Promise.resolve();
    const result = before.then(work, work);
    const tail = result.catch(() => undefined);
    roomQueues.set(room, tail);
    void tail.then(() => {
      if (roomQueues.get(room) === tail) roomQueues.delete(room);
    });
    return result;
  };

  const remember = (row: SessionRow | undefined) => {
    if (row) latestByRoom.set(roomOf(row.site, row.roomKey), row);
    return row;
  };

  /** Records an end in the cache, keeping the cache's newer summary fields. */
  const endKnown = (room: string, ended: SessionRow | undefined) => {
    if (!ended) return undefined;
    const cached = latestByRoom.get(room);
    const merged =
      cached?.id === ended.id ? { ...cached, endedAt: ended.endedAt, endReason: ended.endReason } : ended;
    if (!cached || cached.id === ended.id) latestByRoom.set(room, merged);
    return merged;
  };

  const start = async (sample: Sample) =>
    createSession(db, {
      site: sample.site,
      roomKey: sample.roomKey,
      title: sample.title,
      startedAt: sample.ts,
      ruleSettings: await options.ruleSettings(),
    });

  async function routeInRoom(room: string, sample: Sample): Promise<RoutedSample | null> {
    const existing =
      latestByRoom.get(room) ?? remember(await findLatestSession(db, sample.site, sample.roomKey));
    const decision = decideSession(existing, sample, timing);
    let session: SessionRow;
    let previous: SessionRow | undefined;
    switch (decision.kind) {
      case 'ignore':
        return null;
      case 'start':
        session = await start(sample);
        break;
      case 'end-then-start':
        previous = await endSession(db, existing!.id, 'silence', decision.endedAt);
        session = await start(sample);
        break;
      case 'resume':
        session = existing!;
        if (decision.reopen) {
          await reopenSession(db, session.id);
          // The cached row may hold newer summary fields than the database: keep them, drop the end.
          const { endedAt: _endedAt, endReason: _endReason, ...open } = session;
          session = open;
        }
        break;
    }
    const row = toSampleRow(session.id, sample);
    const changes: Partial<SessionRow> = summaryWithSamples(session, [row]);
    if (sample.title && sample.title !== session.title) changes.title = sample.title;
    session = { ...session, ...changes };
    remember(session);
    if (decision.kind === 'resume' && decision.roomEnded && session.endedAt === undefined) {
      session = endKnown(room, await endSession(db, session.id, 'room-ended', sample.ts)) ?? session;
    }
    return { session, row, changes, decision, ...(previous ? { previous } : {}) };
  }

  return {
    route(sample) {
      const room = roomOf(sample.site, sample.roomKey);
      return serialised(room, () => routeInRoom(room, sample));
    },
    async end(sessionId, reason, ts) {
      const row = await db.sessions.get(sessionId);
      if (!row) return undefined;
      const room = roomOf(row.site, row.roomKey);
      return serialised(room, async () => endKnown(room, await endSession(db, sessionId, reason, ts)));
    },
    async sweep(now) {
      const cutoff = now - timing.silenceMs;
      // The cache may know of newer samples than the database (writes still queued or failing).
      const stillLive = (row: SessionRow) => {
        const cached = latestByRoom.get(roomOf(row.site, row.roomKey));
        return cached?.id === row.id && cached.lastSampleAt >= cutoff;
      };
      const ended = await endSilentSessions(db, now, timing.silenceMs, stillLive);
      for (const row of ended) endKnown(roomOf(row.site, row.roomKey), row);
      return ended;
    },
    forget(sessionIds) {
      if (!sessionIds) {
        latestByRoom.clear();
        return;
      }
      const ids = new Set(sessionIds);
      for (const [room, row] of latestByRoom) if (ids.has(row.id)) latestByRoom.delete(room);
    },
  };
}
