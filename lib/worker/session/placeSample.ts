import type { SampleRefusal } from '../../core/messages/portProtocol';
import type { SessionRow } from '../../store/rows';
import { decideSession, type SessionTiming } from './decideSession';

// Where a room's sample goes, among all of the room's sessions (pure, built on decideSession): into the
// session it was read in, into a new session, or nowhere — and then with the reason the page is told.
// The session a sample was read in is the latest one started at or before it, so a resend that comes late
// still lands in an earlier session, and a session dated after the sample (a clock set back, an imported
// file from a machine whose clock ran ahead) never swallows it. Imported sessions take no part at all: they
// are closed history from another time or machine, never a lock on the room, whatever they are dated.

export type Placement =
  /** Into `session`; `reopen` clears its end, `roomEnded` says the sample ends it. */
  | { kind: 'store'; session: SessionRow; reopen: boolean; roomEnded: boolean }
  /** A new session starts with the sample; `endPrevious` first ends the room's silent open session. */
  | { kind: 'start'; endPrevious?: { session: SessionRow; endedAt: number } }
  | { kind: 'refuse'; reason: SampleRefusal };

export interface PlacedSample {
  ts: number;
  ended?: boolean;
  /** At least one number was read: a reading with none never starts, reopens or splits a session. */
  readable: boolean;
}

const latestOf = (sessions: readonly SessionRow[], atOrBefore = Number.POSITIVE_INFINITY) => {
  let latest: SessionRow | undefined;
  for (const row of sessions) {
    if (row.startedAt <= atOrBefore && (!latest || row.startedAt > latest.startedAt)) latest = row;
  }
  return latest;
};

export function placeSample(
  roomSessions: readonly SessionRow[],
  sample: PlacedSample,
  timing: SessionTiming,
): Placement {
  const sessions = roomSessions.filter((row) => row.importedAt === undefined);
  const latest = latestOf(sessions);
  const prior = latestOf(sessions, sample.ts);
  if (!prior) {
    if (sessions.some((row) => row.endedAt === undefined))
      return { kind: 'refuse', reason: 'before-session' };
    if (!sample.readable) return { kind: 'refuse', reason: 'unread' };
    if (sample.ended) return { kind: 'refuse', reason: 'room-ended' };
    return { kind: 'start' };
  }

  const decision = decideSession(prior, sample, timing);
  const isLatest = prior === latest;
  if (!sample.readable) {
    // Kept only as the health of an open session it plainly continues (a "--" while the room loads).
    return decision.kind === 'resume' && !decision.reopen && prior.endedAt === undefined
      ? { kind: 'store', session: prior, reopen: false, roomEnded: decision.roomEnded }
      : { kind: 'refuse', reason: 'unread' };
  }
  switch (decision.kind) {
    case 'ignore':
      // Only a reading that shows the room's end is ignored once it is dated inside the room's sessions.
      return { kind: 'refuse', reason: 'room-ended' };
    case 'resume':
      if (decision.reopen && !isLatest) return { kind: 'refuse', reason: 'between-sessions' };
      return { kind: 'store', session: prior, reopen: decision.reopen, roomEnded: decision.roomEnded };
    case 'start':
      return isLatest ? { kind: 'start' } : { kind: 'refuse', reason: 'between-sessions' };
    case 'end-then-start':
      return isLatest
        ? { kind: 'start', endPrevious: { session: prior, endedAt: decision.endedAt } }
        : { kind: 'refuse', reason: 'between-sessions' };
  }
}
