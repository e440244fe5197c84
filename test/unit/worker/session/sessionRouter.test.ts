import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../../../lib/core/messages/sample';
import { LivecueDb } from '../../../../lib/store/database';
import { createSessionRouter } from '../../../../lib/worker/session/sessionRouter';
import { createWriteQueue } from '../../../../lib/worker/writeQueue';

let dbCount = 0;
const opened: LivecueDb[] = [];
function freshDb(): LivecueDb {
  const db = new LivecueDb(`livecue-router-${Date.now()}-${dbCount++}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 24, 12);
let seq = 0;
const sample = (roomKey: string, ts: number, viewers: number, extra: Partial<Sample> = {}): Sample => ({
  seq: seq++,
  ts,
  site: 'douyin',
  roomKey,
  title: `直播间 ${roomKey}`,
  metrics: { viewers, gmv: viewers * 10 },
  health: { parsed: ['viewers', 'gmv'], failed: [], missing: [] },
  ...extra,
});
const rules = { 'traffic-drop': { dropPct: 35 } };

/** What the background does with each routed sample: store it and the session's new summary. */
async function ingest(db: LivecueDb, router: ReturnType<typeof createSessionRouter>, samples: Sample[]) {
  const queue = createWriteQueue(db);
  const routed = await Promise.all(samples.map((s) => router.route(s)));
  for (const r of routed) {
    if (r)
      void queue.enqueue({ samples: [r.row], sessionChanges: [{ id: r.session.id, changes: r.changes }] });
  }
  await queue.flush();
  return routed;
}

describe('createSessionRouter', () => {
  it('gives each room one session even when its first samples arrive together', async () => {
    const db = freshDb();
    const router = createSessionRouter(db, { ruleSettings: () => rules });
    const routed = await ingest(db, router, [
      sample('a', T0, 100),
      sample('b', T0 + 10, 50),
      sample('a', T0 + 1000, 120),
      sample('b', T0 + 1010, 40),
    ]);
    expect(new Set(routed.map((r) => r?.session.id))).toEqual(
      new Set([`douyin:a:${T0}`, `douyin:b:${T0 + 10}`]),
    );
    const sessions = await db.sessions.orderBy('startedAt').toArray();
    expect(sessions).toMatchObject([
      { roomKey: 'a', lastSampleAt: T0 + 1000, peakViewers: 120, gmv: 1200, ruleSettings: rules },
      { roomKey: 'b', lastSampleAt: T0 + 1010, peakViewers: 50, gmv: 400 },
    ]);
    expect(await db.samples.count()).toBe(4);
  });

  it('resumes the same session after the worker restarts (a new router over the stored rows)', async () => {
    const db = freshDb();
    await ingest(db, createSessionRouter(db, { ruleSettings: () => rules }), [sample('a', T0, 100)]);
    const restarted = createSessionRouter(db, { ruleSettings: () => ({}) });
    const [again] = await ingest(db, restarted, [sample('a', T0 + 5 * MIN, 90)]);
    expect(again?.decision).toMatchObject({ kind: 'resume' });
    expect(await db.sessions.count()).toBe(1);
    expect(await db.sessions.get(`douyin:a:${T0}`)).toMatchObject({
      lastSampleAt: T0 + 5 * MIN,
      ruleSettings: rules,
    });
  });

  it("ends the session on the room's own signal and ignores the summary page after it", async () => {
    const db = freshDb();
    const router = createSessionRouter(db, { ruleSettings: () => ({}) });
    const [, last, after] = await ingest(db, router, [
      sample('a', T0, 100),
      sample('a', T0 + 1000, 80, { ended: true }),
      sample('a', T0 + 2000, 80, { ended: true }),
    ]);
    expect(last?.session).toMatchObject({ endedAt: T0 + 1000, endReason: 'room-ended' });
    expect(after).toBeNull();
    expect(await db.sessions.get(`douyin:a:${T0}`)).toMatchObject({
      endedAt: T0 + 1000,
      lastSampleAt: T0 + 1000,
    });
    expect(await db.samples.count()).toBe(2);
  });

  it('starts a new session after a long silence and ends the old one at its last sample', async () => {
    const db = freshDb();
    const router = createSessionRouter(db, { ruleSettings: () => ({}) });
    await ingest(db, router, [sample('a', T0, 100)]);
    const [next] = await ingest(db, router, [sample('a', T0 + 45 * MIN, 60)]);
    expect(next?.decision.kind).toBe('end-then-start');
    expect(next?.previous).toMatchObject({ id: `douyin:a:${T0}`, endedAt: T0, endReason: 'silence' });
    expect(await db.sessions.count()).toBe(2);
  });

  it("ends a session on the operator's command and starts anew with the next sample", async () => {
    const db = freshDb();
    const router = createSessionRouter(db, { ruleSettings: () => ({}) });
    await ingest(db, router, [sample('a', T0, 100)]);
    await router.end(`douyin:a:${T0}`, 'operator', T0 + 500);
    const [next] = await ingest(db, router, [sample('a', T0 + 1000, 100)]);
    expect(next?.session.id).toBe(`douyin:a:${T0 + 1000}`);
    expect(await db.sessions.get(`douyin:a:${T0}`)).toMatchObject({
      endReason: 'operator',
      endedAt: T0 + 500,
    });
  });

  it('sweeps silent sessions but spares one whose newer samples are still being written', async () => {
    const db = freshDb();
    const router = createSessionRouter(db, { ruleSettings: () => ({}) });
    await ingest(db, router, [sample('quiet', T0, 10), sample('busy', T0, 10)]);
    // The busy room's latest sample is routed but its write has not reached the database yet.
    await router.route(sample('busy', T0 + 20 * MIN, 10));
    const ended = await router.sweep(T0 + 45 * MIN);
    expect(ended.map((row) => row.roomKey)).toEqual(['quiet']);
    expect((await db.sessions.get(`douyin:busy:${T0}`))?.endedAt).toBeUndefined();
  });
});

describe('createSessionRouter after a flashing end signal', () => {
  it('reopens the session when live numbers follow the end within the grace period', async () => {
    const db = freshDb();
    const router = createSessionRouter(db, { ruleSettings: () => ({}) });
    const routed = await ingest(db, router, [
      sample('a', T0, 100),
      sample('a', T0 + 1000, 100, { ended: true }),
      sample('a', T0 + 60_000, 300),
    ]);
    expect(routed.map((r) => r?.decision.kind)).toEqual(['start', 'resume', 'resume']);
    expect(routed[2]?.session.endedAt).toBeUndefined();
    const stored = await db.sessions.get(`douyin:a:${T0}`);
    expect(stored?.endedAt).toBeUndefined();
    expect(stored).toMatchObject({ lastSampleAt: T0 + 60_000, peakViewers: 300 });
  });
});
