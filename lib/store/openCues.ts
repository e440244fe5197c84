import type { LivecueDb } from './database';
import type { CueRow, SessionRow } from './rows';

// Which room is current and which cues wait for the operator, read the same way by the side panel and by
// the worker's shortcuts, badge and notifications, so every face agrees on the current cue.

/** The room being read now: the open session that most recently received a sample. */
export async function currentSession(db: LivecueDb): Promise<SessionRow | undefined> {
  return db.sessions
    .orderBy('lastSampleAt')
    .reverse()
    .filter((session) => session.endedAt === undefined)
    .first();
}

/**
 * One session's cues waiting for the operator (active or snoozed), in firing order. Read through the status
 * index (few cues are open at a time), then kept to the session.
 */
export async function openCues(db: LivecueDb, sessionId: string): Promise<CueRow[]> {
  const cues = await db.cues.where('status').anyOf(['active', 'snoozed']).toArray();
  return cues.filter((cue) => cue.sessionId === sessionId).sort((a, b) => a.firedAt - b.firedAt);
}

export interface SessionCues {
  session: SessionRow;
  /** Active and snoozed cues of the session, in firing order. */
  cues: CueRow[];
}

/**
 * Every open session that has cues waiting, with them. Read from the few open cues, never by scanning
 * sessions, so a worker can re-run it on each write.
 */
export async function openSessionCues(db: LivecueDb): Promise<SessionCues[]> {
  const cues = await db.cues.where('status').anyOf(['active', 'snoozed']).toArray();
  const ids = [...new Set(cues.map((cue) => cue.sessionId))];
  const sessions = await db.sessions.bulkGet(ids);
  const out: SessionCues[] = [];
  for (const session of sessions) {
    if (!session || session.endedAt !== undefined) continue;
    out.push({
      session,
      cues: cues.filter((cue) => cue.sessionId === session.id).sort((a, b) => a.firedAt - b.firedAt),
    });
  }
  return out;
}
