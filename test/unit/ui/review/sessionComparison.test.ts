import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import type { SessionRow } from '../../../../lib/store/rows';
import { loadReview } from '../../../../lib/ui/review/reviewQueries';
import { compareWithPrevious, sessionFigures } from '../../../../lib/ui/review/sessionComparison';

const HOUR = 3_600_000;
const T = Date.UTC(2026, 10, 24, 12);

function session(id: string, startedAt: number, extra: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    site: 'douyin',
    roomKey: 'room-1',
    title: id,
    startedAt,
    endedAt: startedAt + HOUR,
    lastSampleAt: startedAt + HOUR,
    ruleSettings: {},
    peakViewers: 1000,
    gmv: 10_000,
    cuesFired: 5,
    cuesActed: 2,
    ...extra,
  };
}

describe('sessionFigures', () => {
  it('derives duration and GPM from the row and the newest sample', () => {
    const figures = sessionFigures(session('a', T), {
      sessionId: 'a',
      ts: T + HOUR,
      metrics: { views: 20_000, gmv: 12_000 },
    });
    expect(figures).toMatchObject({
      durationMs: HOUR,
      gmv: 12_000,
      gpm: 600,
      peakViewers: 1000,
      cuesActed: 2,
    });
  });

  it('leaves GPM unknown without views', () => {
    expect(sessionFigures(session('a', T), undefined).gpm).toBeNull();
  });
});

it('compareWithPrevious relates each figure to the mean of the earlier sessions', () => {
  const current = sessionFigures(session('c', T, { gmv: 15_000, peakViewers: null }), undefined);
  const previous = [
    sessionFigures(session('a', T - 48 * HOUR, { gmv: 10_000 }), undefined),
    sessionFigures(session('b', T - 24 * HOUR, { gmv: 20_000 }), undefined),
  ];
  const compared = compareWithPrevious(current, previous);
  expect(compared.gmv).toEqual({ value: 15_000, versusMean: 0 });
  expect(compared.durationMs.versusMean).toBe(0);
  expect(compared.peakViewers).toEqual({ value: null, versusMean: null });
  expect(compared.gpm.versusMean).toBeNull();
});

describe('loadReview', () => {
  let db: LivecueDb;
  beforeEach(() => {
    db = new LivecueDb(`review-${Math.random()}`);
  });
  afterEach(() => db.delete());

  it('loads a session with its samples, cues and only the same room’s earlier sessions', async () => {
    await db.sessions.bulkPut([
      session('now', T),
      session('before', T - 24 * HOUR),
      session('later', T + 24 * HOUR),
      session('other-room', T - 24 * HOUR, { roomKey: 'room-2' }),
    ]);
    await db.samples.bulkPut([
      { sessionId: 'now', ts: T + 1000, metrics: { viewers: 10 } },
      { sessionId: 'now', ts: T + 2000, metrics: { viewers: 20, views: 100, gmv: 50 } },
      { sessionId: 'before', ts: T - 23 * HOUR, metrics: { views: 50_000, gmv: 10_000 } },
    ]);
    const review = await loadReview(db, 'now');
    expect(review?.samples).toHaveLength(2);
    expect(review?.previous.map((p) => p.sessionId)).toEqual(['before']);
    expect(review?.previous[0]?.gpm).toBe(200);
    expect(await loadReview(db, 'missing')).toBeNull();
  });
});
