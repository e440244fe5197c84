import { parseViewSettings, type ViewSettings } from '../../core/settings/viewSettings';
import type { LivecueDb } from '../../store/database';
import type { CommentRow, CueRow, SampleRow } from '../../store/rows';
import { sessionRange } from '../../store/sessionRange';

// What the side panel reads. Each is a plain async function over the database, so a page wraps it in
// liveQuery and a test runs it against fake-indexeddb.

// The current room and its waiting cues are read exactly as the worker's shortcuts and badge read them.
export { currentSession, openCues } from '../../store/openCues';

/** The session's samples from `sinceTs` on, oldest first (the sparklines' window). */
export function samplesSince(db: LivecueDb, sessionId: string, sinceTs: number): Promise<SampleRow[]> {
  return db.samples
    .where('[sessionId+ts]')
    .between(...sessionRange(sessionId, sinceTs), true, true)
    .toArray();
}

/** The session's comments from `sinceTs` on, oldest first (what the open questions were asked with). */
export function commentsSince(db: LivecueDb, sessionId: string, sinceTs: number): Promise<CommentRow[]> {
  return db.comments
    .where('[sessionId+ts]')
    .between(...sessionRange(sessionId, sinceTs), true, true)
    .toArray();
}

/** The newest sample of a session (current values and reader health). */
export function latestSample(db: LivecueDb, sessionId: string): Promise<SampleRow | undefined> {
  return db.samples
    .where('[sessionId+ts]')
    .between(...sessionRange(sessionId))
    .last();
}

/**
 * The stored settings as the panel shows them (language, view, outputs), validated field by field: the
 * full reader (lib/store/readSettings.ts) would build every rule's schema at the panel's open.
 */
export async function viewSettings(db: Pick<LivecueDb, 'settings'>): Promise<ViewSettings> {
  return parseViewSettings((await db.settings.get('settings'))?.value);
}

/** Every cue of a session, in firing order. */
export function sessionCues(db: LivecueDb, sessionId: string): Promise<CueRow[]> {
  return db.cues
    .where('[sessionId+firedAt]')
    .between(...sessionRange(sessionId))
    .toArray();
}

export function startOfLocalDay(now: number): number {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/** Cues fired since local midnight in every session that was live today, newest first. */
export async function todaysCues(db: LivecueDb, now: number): Promise<CueRow[]> {
  return cuesFiredSince(db, await todaysSessionIds(db, now), startOfLocalDay(now));
}

/**
 * The sessions that were live today, by id. Every sample moves its session's lastSampleAt, so a live query
 * of this re-runs on each one: the panel watches it apart from the cues, whose query then runs only when
 * this list or a cue changes.
 */
export async function todaysSessionIds(db: LivecueDb, now: number): Promise<string[]> {
  const ids = await db.sessions.where('lastSampleAt').aboveOrEqual(startOfLocalDay(now)).primaryKeys();
  return ids.sort();
}

/** The cues of these sessions fired from `since` on, newest first. */
export async function cuesFiredSince(
  db: LivecueDb,
  sessions: readonly string[],
  since: number,
): Promise<CueRow[]> {
  const perSession = await Promise.all(
    sessions.map((sessionId) =>
      db.cues
        .where('[sessionId+firedAt]')
        .between(...sessionRange(sessionId, since), true, true)
        .toArray(),
    ),
  );
  return perSession.flat().sort((a, b) => b.firedAt - a.firedAt);
}
