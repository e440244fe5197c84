import { describe, expect, it } from 'vitest';
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
});
