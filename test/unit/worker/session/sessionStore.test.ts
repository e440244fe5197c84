import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import type { ActionRow, SampleRow } from '../../../../lib/store/rows';
import {
  createSession,
  endSession,
  endSilentSessions,
  findLatestSession,
  findOpenSession,
  loadSessionEvents,
  reopenSession,
  updateSessionSummary,
} from '../../../../lib/worker/session/sessionStore';

let dbCount = 0;
const opened: LivecueDb[] = [];
function freshDb(): LivecueDb {
  const db = new LivecueDb(`livecue-store-${Date.now()}-${dbCount++}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const health = { parsed: [], failed: [], missing: [] };
const sample = (sessionId: string, ts: number, metrics: SampleRow['metrics']): SampleRow => ({
  sessionId,
  ts,
  metrics,
  health,
});
const newSession = (roomKey: string, startedAt: number) => ({
  site: 'kuaishou',
  roomKey,
  title: '秋冬上新',
  startedAt,
  ruleSettings: { 'traffic-drop': { dropPct: 30 } },
});

describe('session store', () => {
  it('creates a session keyed by site, room and start, and creating it again returns the same row', async () => {
    const db = freshDb();
    const first = await createSession(db, newSession('r1', 1000));
    const again = await createSession(db, { ...newSession('r1', 1000), title: 'other' });
    expect(first).toMatchObject({
      id: 'kuaishou:r1:1000',
      lastSampleAt: 1000,
      peakViewers: null,
      cuesFired: 0,
    });
    expect(again).toEqual(first);
    expect(await db.sessions.count()).toBe(1);
  });

  it('finds the open session of each room separately', async () => {
    const db = freshDb();
    const a1 = await createSession(db, newSession('a', 1000));
    await endSession(db, a1.id, 'operator', 2000);
    const a2 = await createSession(db, newSession('a', 3000));
    const b = await createSession(db, newSession('b', 1500));
    expect((await findOpenSession(db, 'kuaishou', 'a'))?.id).toBe(a2.id);
    expect((await findOpenSession(db, 'kuaishou', 'b'))?.id).toBe(b.id);
    expect(await findOpenSession(db, 'douyin', 'a')).toBeUndefined();
    await endSession(db, a2.id, 'room-ended', 4000);
    expect(await findOpenSession(db, 'kuaishou', 'a')).toBeUndefined();
    expect(await findLatestSession(db, 'kuaishou', 'a')).toMatchObject({
      id: a2.id,
      endReason: 'room-ended',
    });
  });

  it('keeps the first end and can reopen a session', async () => {
    const db = freshDb();
    const row = await createSession(db, newSession('r', 1000));
    await endSession(db, row.id, 'room-ended', 5000);
    await endSession(db, row.id, 'silence', 9000);
    expect(await db.sessions.get(row.id)).toMatchObject({ endedAt: 5000, endReason: 'room-ended' });
    await reopenSession(db, row.id);
    const reopened = await db.sessions.get(row.id);
    expect(reopened?.endedAt).toBeUndefined();
    expect(reopened?.endReason).toBeUndefined();
  });

  it('ends only the open sessions silent past the limit, at their last sample', async () => {
    const db = freshDb();
    const quiet = await createSession(db, newSession('quiet', 1000));
    const live = await createSession(db, newSession('live', 1000));
    const spared = await createSession(db, newSession('spared', 1000));
    await db.sessions.update(live.id, { lastSampleAt: 50_000 });
    const ended = await endSilentSessions(db, 60_000, 30_000, (row) => row.id === spared.id);
    expect(ended.map((row) => row.id)).toEqual([quiet.id]);
    expect(await db.sessions.get(quiet.id)).toMatchObject({ endedAt: 1000, endReason: 'silence' });
    expect((await db.sessions.get(live.id))?.endedAt).toBeUndefined();
    expect((await db.sessions.get(spared.id))?.endedAt).toBeUndefined();
  });

  it("loads one session's samples and actions in time order for the refold", async () => {
    const db = freshDb();
    await db.samples.bulkPut([
      sample('s', 3000, {}),
      sample('s', 1000, {}),
      sample('other', 2000, {}),
      sample('s', 2000, {}),
    ]);
    const actions: ActionRow[] = [
      { id: 'b', sessionId: 's', ts: 2500, type: 'tick' },
      { id: 'a', sessionId: 's', ts: 1500, type: 'cue', cueId: 'c', action: 'done' },
      { id: 'c', sessionId: 'other', ts: 1500, type: 'tick' },
    ];
    await db.actions.bulkPut(actions);
    const events = await loadSessionEvents(db, 's');
    expect(events.samples.map((row) => row.ts)).toEqual([1000, 2000, 3000]);
    expect(events.actions.map((row) => row.id)).toEqual(['a', 'b']);
  });

  it('recomputes the summary from stored samples and cues', async () => {
    const db = freshDb();
    const row = await createSession(db, newSession('r', 1000));
    await db.samples.bulkPut([
      sample(row.id, 1000, { viewers: 300, gmv: 0 }),
      sample(row.id, 2000, { viewers: 900, gmv: 1200 }),
      sample(row.id, 3000, { viewers: 400, gmv: null }),
    ]);
    const cue = {
      sessionId: row.id,
      ruleId: 'milestone' as const,
      severity: 'info' as const,
      title: '',
      detail: '',
      params: {},
      evidence: [],
      expiresAt: 0,
    };
    await db.cues.bulkPut([
      { ...cue, id: 'c1', firedAt: 1500, status: 'done' },
      { ...cue, id: 'c2', firedAt: 2500, status: 'active' },
    ]);
    expect(await updateSessionSummary(db, row.id)).toMatchObject({
      peakViewers: 900,
      gmv: 1200,
      lastSampleAt: 3000,
      cuesFired: 2,
      cuesActed: 1,
    });
    expect(await db.sessions.get(row.id)).toMatchObject({ peakViewers: 900, cuesActed: 1 });
  });
});
