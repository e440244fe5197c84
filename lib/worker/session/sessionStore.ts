import { Dexie } from 'dexie';
import type { LivecueDb } from '../../store/database';
import type { ActionRow, SampleRow, SessionRow } from '../../store/rows';
import { sessionIdFor } from './decideSession';
import { cueCounts, summaryWithSamples } from './sessionSummary';

// Session rows over LivecueDb. Lifecycle changes (start, end, reopen) are rare and written at once, so
// the next sample of the room finds them; per-sample updates go through the write queue.

export type EndReason = NonNullable<SessionRow['endReason']>;

function roomSessions(db: LivecueDb, site: string, roomKey: string) {
  return db.sessions.where('[site+roomKey]').equals([site, roomKey]);
}

/** The room's most recent session, open or ended (what decideSession needs). */
export async function findLatestSession(
  db: LivecueDb,
  site: string,
  roomKey: string,
): Promise<SessionRow | undefined> {
  const rows = await roomSessions(db, site, roomKey).toArray();
  return rows.reduce<SessionRow | undefined>(
    (latest, row) => (!latest || row.startedAt > latest.startedAt ? row : latest),
    undefined,
  );
}

/** The room's open session, if any (at most one per room). */
export async function findOpenSession(
  db: LivecueDb,
  site: string,
  roomKey: string,
): Promise<SessionRow | undefined> {
  const latest = await findLatestSession(db, site, roomKey);
  return latest && latest.endedAt === undefined ? latest : undefined;
}

export interface NewSession {
  site: string;
  roomKey: string;
  title?: string;
  startedAt: number;
  ruleSettings: Record<string, unknown>;
}

/** Creates the session that starts with this sample; creating it again (a resent first sample) returns it. */
export async function createSession(db: LivecueDb, fields: NewSession): Promise<SessionRow> {
  const id = sessionIdFor(fields.site, fields.roomKey, fields.startedAt);
  return db.transaction('rw', db.sessions, async () => {
    const existing = await db.sessions.get(id);
    if (existing) return existing;
    const row: SessionRow = {
      id,
      site: fields.site,
      roomKey: fields.roomKey,
      title: fields.title ?? '',
      startedAt: fields.startedAt,
      lastSampleAt: fields.startedAt,
      ruleSettings: fields.ruleSettings,
      peakViewers: null,
      gmv: null,
      cuesFired: 0,
      cuesActed: 0,
    };
    await db.sessions.put(row);
    return row;
  });
}

/** Ends a session; the first end stands (a later end signal does not move it). */
export async function endSession(
  db: LivecueDb,
  id: string,
  reason: EndReason,
  ts: number,
): Promise<SessionRow | undefined> {
  return db.transaction('rw', db.sessions, async () => {
    const row = await db.sessions.get(id);
    if (!row || row.endedAt !== undefined) return row;
    // A field update, not a put: summary updates queued meanwhile must not be overwritten.
    await db.sessions.update(id, { endedAt: ts, endReason: reason });
    return { ...row, endedAt: ts, endReason: reason };
  });
}

/** Clears a session's end (the room reported live again within the grace period). */
export async function reopenSession(db: LivecueDb, id: string): Promise<SessionRow | undefined> {
  return db.transaction('rw', db.sessions, async () => {
    const row = await db.sessions.get(id);
    if (!row) return undefined;
    const { endedAt: _endedAt, endReason: _endReason, ...open } = row;
    await db.sessions.put(open);
    return open;
  });
}

/**
 * Ends every open session silent for longer than `silenceMs`, at its last sample, and returns them.
 * `stillLive` lets the caller spare a session it knows has newer samples than the database holds.
 */
export async function endSilentSessions(
  db: LivecueDb,
  now: number,
  silenceMs: number,
  stillLive: (row: SessionRow) => boolean = () => false,
): Promise<SessionRow[]> {
  return db.transaction('rw', db.sessions, async () => {
    const silent = await db.sessions
      .where('lastSampleAt')
      .below(now - silenceMs)
      .filter((row) => row.endedAt === undefined && !stillLive(row))
      .toArray();
    for (const row of silent)
      await db.sessions.update(row.id, { endedAt: row.lastSampleAt, endReason: 'silence' });
    return silent.map((row): SessionRow => ({ ...row, endedAt: row.lastSampleAt, endReason: 'silence' }));
  });
}

/** A session's stored events in time order: what the engine refolds after the worker restarts. */
export async function loadSessionEvents(
  db: LivecueDb,
  sessionId: string,
): Promise<{ samples: SampleRow[]; actions: ActionRow[] }> {
  return db.transaction('r', db.samples, db.actions, async () => {
    const [samples, actions] = await Promise.all([
      db.samples
        .where('[sessionId+ts]')
        .between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey])
        .toArray(),
      db.actions
        .where('[sessionId+ts]')
        .between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey])
        .toArray(),
    ]);
    return { samples, actions };
  });
}

/**
 * Recomputes a session's summary from its stored samples and cues and saves it (at the session's end,
 * after an import). The live path updates it per batch with summaryWithSamples / cueCounts instead.
 */
export async function updateSessionSummary(
  db: LivecueDb,
  sessionId: string,
): Promise<SessionRow | undefined> {
  return db.transaction('rw', db.sessions, db.samples, db.cues, async () => {
    const row = await db.sessions.get(sessionId);
    if (!row) return undefined;
    let summary = {
      lastSampleAt: row.startedAt,
      peakViewers: null as number | null,
      gmv: null as number | null,
    };
    await db.samples
      .where('[sessionId+ts]')
      .between([sessionId, Dexie.minKey], [sessionId, Dexie.maxKey])
      .each((sample) => {
        summary = summaryWithSamples(summary, [sample]);
      });
    const cues = await db.cues.where('sessionId').equals(sessionId).toArray();
    const updated: SessionRow = { ...row, ...summary, ...cueCounts(cues) };
    await db.sessions.put(updated);
    return updated;
  });
}
