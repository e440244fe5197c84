import { describe, expect, it, vi } from 'vitest';
import type { SampleRow, SessionRow } from '../../../../lib/store/rows';
import { LiveSession } from '../../../../lib/worker/session/liveSession';
import { sessionEvents } from '../../../../lib/worker/session/sessionEvents';

const T0 = Date.UTC(2026, 10, 24, 12);
const row: SessionRow = {
  id: 's',
  site: 'douyin',
  roomKey: 'r',
  title: '',
  startedAt: T0,
  lastSampleAt: T0,
  ruleSettings: {},
  peakViewers: null,
  gmv: null,
  cuesFired: 0,
  cuesActed: 0,
};
const sample = (ts: number, viewers: number): SampleRow => ({ sessionId: 's', ts, metrics: { viewers } });

describe('LiveSession.addSamples', () => {
  it('files two readings of one millisecond at consecutive milliseconds, and a resend finds its twin', () => {
    const live = new LiveSession(row, [], []);
    live.addSamples([sample(T0, 10)]);
    const second = live.addSamples([sample(T0, 11)]);
    expect(second.filed.map((r) => r.ts)).toEqual([T0 + 1]);
    const resent = live.addSamples([sample(T0, 11), sample(T0, 10)]);
    expect(resent.filed).toEqual([]);
    expect(resent.held.map((r) => r.ts)).toEqual([T0 + 1, T0]);
    expect(live.samples.map((r) => r.metrics.viewers)).toEqual([10, 11]);
  });

  it('slots late samples in and refolds once, to what a replay of the same rows gives', () => {
    const rows = Array.from({ length: 400 }, (_, i) => sample(T0 + i * 1000, i < 200 ? 1000 : 400));
    const live = new LiveSession(row, [], []);
    live.addSamples(rows.filter((_, i) => i % 2 === 0));
    live.addSamples(rows.filter((_, i) => i % 2 === 1));
    const settled = live.settle();
    expect(settled.length).toBeGreaterThan(0);
    expect(live.settle()).toEqual([]);
    const replay = new LiveSession(row, rows, []);
    expect([...live.cues.values()]).toEqual([...replay.cues.values()]);
    expect(sessionEvents(live.samples, [])).toEqual(sessionEvents(rows, []));
  });

  it('will not build an engine from rule settings the rules refuse', () => {
    expect(
      () => new LiveSession({ ...row, ruleSettings: { 'traffic-drop': { dropPct: 'x' } } }, [], []),
    ).toThrow(/traffic-drop\.dropPct/);
  });
});

describe('LiveSession with foldLater (a session loaded to file a reading)', () => {
  const rows = Array.from({ length: 400 }, (_, i) => sample(T0 + i * 1000, i < 200 ? 1000 : 400));

  it('files a reading before any fold, and folds at the first read of its cues to what a replay gives', () => {
    const live = new LiveSession(row, rows.slice(0, 399), [], [], undefined, { foldLater: true });
    expect(live.awaitingFold).toBe(true);
    const filed = live.addSamples([rows[399]!]);
    expect(filed.filed.map((r) => r.ts)).toEqual([rows[399]!.ts]);
    expect(filed.changed).toEqual([]);
    expect(live.settle()).toEqual([]);
    expect(live.awaitingFold).toBe(true);
    const replay = new LiveSession(row, rows, []);
    expect(replay.cues.size).toBeGreaterThan(0);
    expect([...live.cues.values()]).toEqual([...replay.cues.values()]);
    expect(live.awaitingFold).toBe(false);
    expect(live.lastEventTs).toBe(replay.lastEventTs);
  });

  it('builds the engine state only at its first fold: filing a reading before it builds none', () => {
    const live = new LiveSession(row, rows.slice(0, 399), [], [], undefined, { foldLater: true });
    const init = vi.spyOn(live.engine, 'init');
    live.addSamples([rows[399]!]);
    live.settle();
    expect(init).not.toHaveBeenCalled();
    expect(live.cues.size).toBeGreaterThan(0);
    expect(init).toHaveBeenCalledTimes(1);
  });

  it('counts as changed only the cues that differ from the stored rows', () => {
    const replay = new LiveSession(row, rows, []);
    const stored = [...replay.cues.values()];
    const same = new LiveSession(row, rows, [], [], undefined, { foldLater: true });
    same.foldAgainst(stored);
    expect(same.settle()).toEqual([]);

    const [first, ...rest] = stored;
    const behind = new LiveSession(row, rows, [], [], undefined, { foldLater: true });
    behind.foldAgainst([{ ...first!, status: 'dismissed' }, ...rest]);
    expect(behind.settle()).toEqual([first]);
    expect(behind.settle()).toEqual([]);

    const unknown = new LiveSession(row, rows, [], [], undefined, { foldLater: true });
    unknown.foldAgainst();
    expect(unknown.settle()).toEqual(stored);
  });

  it('folds before an action is applied to it', () => {
    const live = new LiveSession(row, rows, [], [], undefined, { foldLater: true });
    const cue = new LiveSession(row, rows, []).activeCues()[0]!;
    const changed = live.addAction({
      id: `s:act:${T0 + 400_000}:${cue.id}:done`,
      sessionId: 's',
      ts: T0 + 400_000,
      type: 'cue',
      cueId: cue.id,
      action: 'done',
    });
    expect(changed.find((c) => c.id === cue.id)?.status).toBe('done');
    expect(live.cues.get(cue.id)?.status).toBe('done');
  });
});

describe('LiveSession holding only its later rows (heldFrom: a restarted worker filing a reading)', () => {
  const rows = Array.from({ length: 400 }, (_, i) => sample(T0 + i * 1000, i < 200 ? 1000 : 400));
  const from = rows[390]!.ts;

  it('finds a resent reading among the rows it holds, and files a new one after them', () => {
    const live = new LiveSession(row, rows.slice(390, 395), [], [], undefined, { heldFrom: from });
    expect(live.heldFrom).toBe(from);
    expect(live.awaitingFold).toBe(true);
    const resent = live.addSamples([rows[392]!, rows[395]!]);
    expect(resent.held.map((r) => r.ts)).toEqual([rows[392]!.ts]);
    expect(resent.filed.map((r) => r.ts)).toEqual([rows[395]!.ts]);
    expect(live.holds(rows[394]!)).toBe(true);
  });

  it('refuses to file or fold before the earlier rows are taken in: a stored twin could hide there', () => {
    const live = new LiveSession(row, rows.slice(390), [], [], undefined, { heldFrom: from });
    expect(() => live.addSamples([rows[389]!])).toThrow(/before the rows it read/);
    expect(() => live.holds(rows[12]!)).toThrow(/before the rows it read/);
    expect(() => live.addComments([{ ts: from - 1, user: 'a', text: '多少钱' }])).toThrow(
      /before the rows it read/,
    );
    expect(() => live.cues).toThrow(/earlier rows/);
    expect(live.settle()).toEqual([]);
  });

  it('once the earlier rows are taken in, folds to what the whole session gives; a row it holds wins', () => {
    const live = new LiveSession(row, rows.slice(390, 399), [], [], undefined, { heldFrom: from });
    live.addSamples([rows[399]!]);
    // The disk's copy of a row the session holds (it was filed again here) is not taken over it.
    const staleCopy = { ...rows[395]!, metrics: { viewers: 1 } };
    live.takeEarlier([...rows.slice(0, 390), staleCopy], []);
    expect(live.heldFrom).toBeUndefined();
    expect(live.samples).toEqual(rows);
    const whole = new LiveSession(row, rows, []);
    expect([...live.cues.values()]).toEqual([...whole.cues.values()]);
    // Rows dated before the first batch now file as late ones, and a resend of one finds its twin.
    expect(live.addSamples([rows[10]!]).held.map((r) => r.ts)).toEqual([rows[10]!.ts]);
  });

  it('takes the earlier comments in order under the ones it holds', () => {
    const comment = (ts: number, text: string) => ({ sessionId: 's', ts, user: 'u', text, topics: [] });
    const live = new LiveSession(row, [], [], [comment(from, 'c'), comment(from + 5, 'd')], undefined, {
      heldFrom: from,
    });
    live.takeEarlier([], [comment(from - 10, 'a'), comment(from - 5, 'b'), comment(from, 'stale')]);
    expect(live.comments.map((c) => c.text)).toEqual(['a', 'b', 'c', 'd']);
  });
});
