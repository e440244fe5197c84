import { describe, expect, it } from 'vitest';
import { RULES_BY_ID } from '../../../../../lib/core/engine/rules/index';
import type { EngineEvent } from '../../../../../lib/core/engine/types';
import { mulberry32 } from '../../../../../lib/core/scenario/mulberry32';
import { fold, only, samples, T0 } from '../engineHarness';

/** Viewers following `level(sec)` with ±`pct` % uniform noise, redrawn every `everySec` seconds. */
function viewerRoom(level: (sec: number) => number, pct: number, everySec = 1, seed = 3) {
  const random = mulberry32(seed);
  const drawn = new Map<number, number>();
  return (sec: number) => {
    const at = sec - (sec % everySec);
    if (!drawn.has(at)) drawn.set(at, Math.round(level(at) * (1 + (random() * 2 - 1) * (pct / 100))));
    return { viewers: drawn.get(at)! };
  };
}

const traffic = only({ 'traffic-drop': {}, 'traffic-surge': {} });
const cuesOf = (events: EngineEvent[]) =>
  fold(events, traffic).cues.map((cue) => ({
    rule: cue.ruleId,
    at: (cue.firedAt - T0) / 1000,
    params: cue.params,
  }));

describe('rules', () => {
  it('traffic-drop: unreadable viewers are not a drop', () => {
    const events = samples(0, 300, (sec) => ({ viewers: sec < 120 ? 1000 : null }));
    expect(fold(events, only({ 'traffic-drop': {} })).cues).toEqual([]);
  });

  it('traffic-drop: a sharp fall is cued at the first redraw that shows it, saying from what to what in how long', () => {
    for (const everySec of [1, 3, 5]) {
      const room = viewerRoom((sec) => (sec < 600 ? 1500 : 850), 8, everySec);
      const [cue, ...rest] = cuesOf(samples(0, 900, room));
      expect(rest).toEqual([]);
      expect(cue).toMatchObject({ rule: 'traffic-drop' });
      expect(cue!.at - 600).toBeLessThanOrEqual(everySec + 1);
      expect(cue!.params.to).toBeLessThan(950);
      expect(cue!.params.from).toBeGreaterThan(1350);
      expect(cue!.params.windowSec).toBeLessThanOrEqual(2 * everySec);
    }
  });

  it('traffic-drop and traffic-surge: quiet on noisy steady hours and on a slow slide, at any redraw cadence', () => {
    for (const everySec of [1, 4]) {
      for (const seed of [1, 2, 3]) {
        expect(
          cuesOf(
            samples(
              0,
              7200,
              viewerRoom(() => 1200, 8, everySec, seed),
            ),
          ),
        ).toEqual([]);
        const slide = viewerRoom((sec) => 1500 - (750 * sec) / 2400, 8, everySec, seed);
        expect(cuesOf(samples(0, 2400, slide))).toEqual([]);
      }
    }
  });

  it('traffic-surge: a climb of a third over a minute and a half is a trend, not a surge', () => {
    const climb = viewerRoom((sec) => (sec < 600 ? 700 : 700 + Math.min(sec - 600, 90) * 2.5), 4);
    expect(cuesOf(samples(0, 900, climb))).toEqual([]);
  });

  it('traffic-drop and traffic-surge: a room that swings keeps getting both cues, each change on its own', () => {
    // Halves every 90 s and comes back 45 s later: the falls must not teach the surge side that the room is noisy.
    const swing = viewerRoom((sec) => (sec >= 60 && (sec - 60) % 90 < 45 ? 550 : 1200), 2);
    const cues = cuesOf(samples(0, 1200, swing));
    const at = (rule: string) => cues.filter((cue) => cue.rule === rule).map((cue) => cue.at);
    // Every fall the cooldown (180 s) allows, every rise the cooldown (300 s) allows, each at the change.
    expect(at('traffic-drop')).toEqual([60, 240, 420, 600, 780, 960, 1140]);
    expect(at('traffic-surge')).toEqual([105, 465, 825, 1185]);
  });

  it('traffic-surge: a sharp rise against the baseline, with a close countdown', () => {
    const events = samples(0, 300, (sec) => ({ viewers: sec < 120 ? 800 : 1400 }));
    const [cue] = fold(events, only({ 'traffic-surge': {} })).cues;
    expect(cue).toMatchObject({ ruleId: 'traffic-surge', countdownSec: 60, severity: 'act' });
    expect(cue!.params).toMatchObject({ to: 1400 });
  });

  it('sales-stall: uses GMV when orders are not on the page', () => {
    // People keep watching (the viewer count moves) while GMV stops growing at 10 minutes.
    const events = samples(0, 1200, (sec) => ({ viewers: 900 + (sec % 5), gmv: Math.min(sec, 600) * 10 }));
    const [cue] = fold(events, only({ 'sales-stall': {} })).cues;
    expect(cue).toMatchObject({ ruleId: 'sales-stall', title: 'cue.sales-stall.titleGmv' });
    expect(cue!.evidence[0]!.metric).toBe('gmv');
  });

  it('product-dwell: stays quiet while a run-of-show is set', () => {
    const events: EngineEvent[] = [
      { kind: 'plan', ts: T0, plan: [{ productId: 'p1', name: 'A', minutes: 30 }] },
      ...samples(0, 900, () => ({ viewers: 900 })).map((event) =>
        event.kind === 'sample' ? { ...event, product: { id: 'p1', name: 'A' } } : event,
      ),
    ];
    expect(fold(events, only({ 'product-dwell': {} })).cues).toEqual([]);
  });

  it('plan-next: without product information the slots advance by the clock', () => {
    const events: EngineEvent[] = [
      {
        kind: 'plan',
        ts: T0,
        plan: [
          { name: '羊绒围巾', minutes: 2 },
          { name: '保温杯', minutes: 2 },
          { name: '面膜', minutes: 2 },
        ],
      },
      ...samples(0, 400, () => ({ viewers: 900 })),
    ];
    const cues = fold(events, only({ 'plan-next': {} })).cues;
    expect(cues.map((cue) => [(cue.firedAt - T0) / 1000, cue.params.next, cue.countdownSec])).toEqual([
      [60, '保温杯', 60],
      [180, '面膜', 60],
    ]);
  });

  it('data-stale: no sample for 20 s is noticed on the next tick', () => {
    const events: EngineEvent[] = [
      ...samples(0, 100, () => ({ viewers: 900 })),
      { kind: 'tick', ts: T0 + 115_000 },
      { kind: 'tick', ts: T0 + 130_000 },
    ];
    const [cue] = fold(events, only({ 'data-stale': {} })).cues;
    expect(cue).toMatchObject({
      ruleId: 'data-stale',
      firedAt: T0 + 130_000,
      title: 'cue.data-stale.titleSilent',
      params: { ageSec: 30 },
    });
  });

  it('data-stale: a GMV that stands still is a sales stall, not stale data', () => {
    const events = samples(0, 1200, (sec) => ({
      viewers: 900 + (sec % 5),
      views: sec * 3,
      likes: sec * 10,
      gmv: Math.min(sec, 300) * 5,
    }));
    expect(fold(events, only({ 'data-stale': {} })).cues).toEqual([]);
  });

  it('milestone: a threshold already passed at the start is not announced', () => {
    const events = samples(0, 600, (sec) => ({ gmv: 60_000 + sec * 100 }));
    const cues = fold(events, only({ milestone: {} })).cues;
    expect(cues.map((cue) => cue.params.threshold)).toEqual([100_000]);
  });

  it('a rule judged over minutes is checked every few seconds of samples, not on each one', () => {
    // GMV passes 100,000 at second 402; milestone looks at seconds 0, 5, …, so it says so at second 405.
    const events = samples(0, 600, (sec) => ({ gmv: 59_800 + sec * 100 }));
    const [cue] = fold(events, only({ milestone: {} })).cues;
    expect(cue?.params.threshold).toBe(100_000);
    expect((cue!.firedAt - T0) / 1000).toBe(405);
    expect(RULES_BY_ID.milestone.checkEverySec).toBe(5);
  });

  it('follow-cadence and giveaway-cadence keep their rhythm from the session start', () => {
    const events = samples(0, 2000, (sec) => ({
      viewers: 900,
      entries: sec,
      newFollowers: Math.floor(sec / 200),
    }));
    const cues = fold(events, only({ 'follow-cadence': {}, 'giveaway-cadence': {} }, { minGapSec: 0 })).cues;
    const at = (rule: string) =>
      cues.filter((cue) => cue.ruleId === rule).map((cue) => (cue.firedAt - T0) / 1000);
    expect(at('follow-cadence')).toEqual([300, 900, 1500]);
    expect(at('giveaway-cadence')).toEqual([600, 1500]);
  });
});
