import type { SessionRow } from '../../store/rows';

// Which session a room's sample belongs to (DESIGN.md §1). One session per room (site + roomKey);
// rooms in other tabs have their own. Pure: the background reads the room's latest session, asks here,
// and does what the answer says.

export interface SessionTiming {
  /**
   * A session ended by the room's own signal reopens if the room reports live numbers again within this:
   * numbers after an end mean the end was not the live's (a flash during a reload, or a forged one), so it
   * is as long as the silence an open session survives, and an end shown for minutes never splits a live.
   */
  graceMs: number;
  /** An open session whose room has been silent longer than this is over (browser closed, stream stopped). */
  silenceMs: number;
}

export const DEFAULT_SESSION_TIMING: SessionTiming = { graceMs: 30 * 60_000, silenceMs: 30 * 60_000 };

export type SessionDecision =
  /** The sample belongs to `existing`; `reopen` clears its end, `roomEnded` says the sample ends it. */
  | { kind: 'resume'; reopen: boolean; roomEnded: boolean }
  | { kind: 'start' }
  /** `existing` ends (silence, at its last sample) and the sample starts a new session. */
  | { kind: 'end-then-start'; endedAt: number }
  /** Nothing to record: an ended room's summary page, or a sample older than the room's latest session. */
  | { kind: 'ignore' };

export function decideSession(
  existing: SessionRow | undefined,
  sample: { ts: number; ended?: boolean },
  timing: SessionTiming,
): SessionDecision {
  const roomEnded = sample.ended === true;
  // An ended room keeps showing its summary (直播总结) after the live: that must not start a session.
  if (!existing) return roomEnded ? { kind: 'ignore' } : { kind: 'start' };
  if (sample.ts < existing.startedAt) return { kind: 'ignore' };

  if (existing.endedAt === undefined) {
    // A reload, a stopped worker or a restarted browser leaves a gap shorter than the silence: same live.
    if (sample.ts - existing.lastSampleAt <= timing.silenceMs)
      return { kind: 'resume', reopen: false, roomEnded };
    return roomEnded ? { kind: 'ignore' } : { kind: 'end-then-start', endedAt: existing.lastSampleAt };
  }

  // A resent sample from before the end still belongs to the session it was read in.
  if (sample.ts <= Math.max(existing.endedAt, existing.lastSampleAt)) {
    return { kind: 'resume', reopen: false, roomEnded: false };
  }
  if (roomEnded) return { kind: 'ignore' };
  // The room's end signal can flash during a reload; live numbers soon after mean the live went on.
  // The operator's own end is respected: the next live sample starts a new session.
  if (existing.endReason === 'room-ended' && sample.ts - existing.endedAt <= timing.graceMs) {
    return { kind: 'resume', reopen: true, roomEnded: false };
  }
  return { kind: 'start' };
}

export const sessionIdFor = (site: string, roomKey: string, startedAt: number) =>
  `${site}:${roomKey}:${startedAt}`;
