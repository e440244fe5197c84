import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import type { CueRow, SampleRow, SessionRow } from '../../../../lib/store/rows';
import {
  currentSession,
  latestSample,
  openCues,
  samplesSince,
  sessionCues,
  startOfLocalDay,
  todaysCues,
} from '../../../../lib/ui/panel/panelQueries';

const NOON = new Date(2026, 10, 24, 12, 0, 0).getTime();

function session(id: string, lastSampleAt: number, extra: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    site: 'mock',
    roomKey: 'room-1',
    title: id,
    startedAt: lastSampleAt - 3_600_000,
    lastSampleAt,
    ruleSettings: {},
    peakViewers: null,
    gmv: null,
    cuesFired: 0,
    cuesActed: 0,
    ...extra,
  };
}

function sample(sessionId: string, ts: number, viewers: number): SampleRow {
  return { sessionId, ts, metrics: { viewers } };
}

function cue(sessionId: string, firedAt: number, status: CueRow['status']): CueRow {
  return {
    id: `${sessionId}:traffic-drop:${firedAt}`,
    sessionId,
    ruleId: 'traffic-drop',
    firedAt,
    severity: 'act',
    title: 'cue.traffic-drop.title',
    detail: 'cue.traffic-drop.detail',
    params: {},
    evidence: [],
    expiresAt: firedAt + 120_000,
    status,
  };
}

describe('panel queries', () => {
  let db: LivecueDb;
  beforeEach(async () => {
    db = new LivecueDb(`panel-${Math.random()}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('finds the open session that was sampled last, ignoring ended ones', async () => {
    await db.sessions.bulkPut([
      session('old', NOON - 60_000),
      session('ended', NOON, { endedAt: NOON }),
      session('live', NOON - 1000),
    ]);
    expect((await currentSession(db))?.id).toBe('live');
  });

  it('has no current session when every session has ended', async () => {
    await db.sessions.put(session('ended', NOON, { endedAt: NOON }));
    expect(await currentSession(db)).toBeUndefined();
  });

  it('reads a session’s samples from a time on, oldest first, and its newest sample', async () => {
    await db.samples.bulkPut([
      sample('a', NOON - 20_000, 1),
      sample('a', NOON - 5000, 2),
      sample('a', NOON, 3),
      sample('b', NOON, 99),
    ]);
    const recent = await samplesSince(db, 'a', NOON - 10_000);
    expect(recent.map((s) => s.metrics.viewers)).toEqual([2, 3]);
    expect((await latestSample(db, 'a'))?.metrics.viewers).toBe(3);
  });

  it('lists a session’s cues in firing order and its open ones', async () => {
    await db.cues.bulkPut([
      cue('a', NOON, 'done'),
      cue('a', NOON - 5000, 'active'),
      cue('a', NOON - 1000, 'snoozed'),
      cue('b', NOON, 'active'),
    ]);
    expect((await sessionCues(db, 'a')).map((c) => c.firedAt)).toEqual([NOON - 5000, NOON - 1000, NOON]);
    expect((await openCues(db, 'a')).map((c) => c.status)).toEqual(['active', 'snoozed']);
  });

  it('collects today’s cues across sessions, newest first, leaving out yesterday’s', async () => {
    const midnight = startOfLocalDay(NOON);
    await db.sessions.bulkPut([
      session('a', NOON),
      session('b', NOON - 1000),
      session('yesterday', midnight - 1),
    ]);
    await db.cues.bulkPut([
      cue('a', midnight - 10_000, 'done'),
      cue('a', NOON - 2000, 'done'),
      cue('b', NOON - 1000, 'dismissed'),
      cue('yesterday', midnight - 5000, 'done'),
    ]);
    const today = await todaysCues(db, NOON);
    expect(today.map((c) => [c.sessionId, c.firedAt])).toEqual([
      ['b', NOON - 1000],
      ['a', NOON - 2000],
    ]);
  });
});
