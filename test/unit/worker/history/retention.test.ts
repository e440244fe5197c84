import { describe, expect, it } from 'vitest';
import { readRetentionReport } from '../../../../lib/store/retentionReport';
import { applyRetention, deleteSessions } from '../../../../lib/worker/history/retention';
import { dumpDb, freshDb, seedSession, T0 } from '../../historyFixtures';

const DAY = 86_400_000;

describe('deleteSessions', () => {
  it('deletes the chosen sessions with all their rows and nothing else', async () => {
    const db = freshDb();
    const gone = await seedSession(db, 'r1', T0, 10);
    const kept = await seedSession(db, 'r2', T0, 10);
    expect(await deleteSessions(db, [gone.session.id, 'missing'])).toBe(1);
    const left = await dumpDb(db);
    expect(left.sessions.map((row) => row.id)).toEqual([kept.session.id]);
    for (const table of [left.samples, left.actions, left.cues]) {
      expect(table.length).toBeGreaterThan(0);
      expect(table.every((row) => row.sessionId === kept.session.id)).toBe(true);
    }
  });
});

describe('applyRetention', () => {
  it('deletes ended sessions older than the kept days and keeps open ones', async () => {
    const db = freshDb();
    const old = await seedSession(db, 'old', T0 - 40 * DAY, 5);
    const recent = await seedSession(db, 'recent', T0 - 10 * DAY, 5);
    const openOld = await seedSession(db, 'open', T0 - 40 * DAY, 5);
    await db.sessions.update(openOld.session.id, { endedAt: undefined, endReason: undefined });
    expect(await applyRetention(db, T0, 30)).toEqual([old.session.id]);
    expect((await db.sessions.toArray()).map((row) => row.id).sort()).toEqual(
      [openOld.session.id, recent.session.id].sort(),
    );
    expect(
      await db.samples
        .where('[sessionId+ts]')
        .between([old.session.id, 0], [old.session.id, Infinity])
        .count(),
    ).toBe(0);
  });

  it('keeps everything when the retention is not a positive number of days', async () => {
    const db = freshDb();
    await seedSession(db, 'old', T0 - 400 * DAY, 2);
    expect(await applyRetention(db, T0, 0)).toEqual([]);
    expect(await db.sessions.count()).toBe(1);
  });

  it('counts from when the rows arrived: history imported today stays, and the run says what it removed', async () => {
    const db = freshDb();
    const recorded = await seedSession(db, 'recorded', T0 - 100 * DAY, 5);
    const imported = await seedSession(db, 'imported', T0 - 100 * DAY, 5);
    await db.sessions.update(imported.session.id, { importedAt: T0 - DAY });
    expect(await readRetentionReport(db)).toBeNull();
    expect(await applyRetention(db, T0, 90)).toEqual([recorded.session.id]);
    expect((await db.sessions.toArray()).map((row) => row.id)).toEqual([imported.session.id]);
    expect(await readRetentionReport(db)).toEqual({
      at: T0,
      keepDays: 90,
      count: 1,
      sessions: [{ id: recorded.session.id, title: recorded.session.title, startedAt: T0 - 100 * DAY }],
    });
    // 90 days after its import it goes too.
    expect(await applyRetention(db, T0 + 90 * DAY, 90)).toEqual([imported.session.id]);
  });

  it('dates a recorded session by the wall clock it arrived on, not its page clock', async () => {
    const db = freshDb();
    // Recorded by a page whose clock ran 20 days behind this computer's: it arrived 80 days ago, not 100.
    const behind = await seedSession(db, 'behind', T0 - 100 * DAY, 5);
    await db.sessions.update(behind.session.id, { clockOffsetMs: 20 * DAY });
    expect(await applyRetention(db, T0, 90)).toEqual([]);
  });
});
