import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../lib/core/engine/createEngine';
import type { EngineEvent } from '../../../../lib/core/engine/types';
import { fold, only, samples, T0 } from './engineHarness';

// A lively room: every number moves every second, orders at 4/min, comments at 30/min.
const lively = (sec: number) => ({
  viewers: 1000 + ((sec * 37) % 41),
  entries: sec * 2,
  views: sec * 5,
  likes: sec * 11,
  orders: Math.floor(sec / 15),
  comments: Math.floor(sec / 2),
});

/** The same room, but from `from` on the page shows what it showed at `from` (or `metric` alone does). */
const frozenFrom = (from: number, metric?: keyof ReturnType<typeof lively>) => (sec: number) => {
  if (sec < from) return lively(sec);
  if (!metric) return lively(from);
  return { ...lively(sec), [metric]: lively(from)[metric] };
};

const staleCues = (events: EngineEvent[]) =>
  fold(events, only({ 'data-stale': {} })).cues.map((cue) => ({
    at: (cue.firedAt - T0) / 1000,
    title: cue.title,
    metric: cue.params.metric,
  }));

describe('stale data', () => {
  it('says the whole page froze when every number stops, within a minute', () => {
    const [cue] = staleCues(samples(0, 900, frozenFrom(600)));
    expect(cue).toMatchObject({ title: 'cue.data-stale.titlePage' });
    expect(cue!.at).toBeGreaterThan(600);
    expect(cue!.at).toBeLessThanOrEqual(660);
  });

  it('says which number is stuck when the others keep moving', () => {
    const [cue] = staleCues(samples(0, 900, frozenFrom(600, 'viewers')));
    expect(cue).toMatchObject({ title: 'cue.data-stale.titleFrozen', metric: 'viewers' });
    expect(cue!.at).toBeLessThanOrEqual(660);
  });

  it('says a number became unreadable while the others move', () => {
    const events = samples(0, 900, (sec) => ({ ...lively(sec), entries: sec < 600 ? sec * 2 : null }));
    const [cue] = staleCues(events);
    expect(cue).toMatchObject({ title: 'cue.data-stale.titleLost', metric: 'entries' });
    expect(cue!.at).toBeLessThanOrEqual(660);
  });

  it('takes the stale cue off the screen once the numbers are live again', () => {
    const events = samples(0, 900, (sec) => (sec >= 600 && sec < 700 ? lively(600) : lively(sec)));
    const [cue] = fold(events, only({ 'data-stale': { ttlSec: 3600 } })).cues;
    expect(cue).toMatchObject({ title: 'cue.data-stale.titlePage', status: 'expired' });
  });

  it('cues again when a stuck tile turns into a frozen page, without a gap in between', () => {
    const stuckViewers = lively(600).viewers;
    const events = samples(0, 1200, (sec) => {
      if (sec >= 800) return { ...lively(800), viewers: stuckViewers };
      return sec >= 600 ? { ...lively(sec), viewers: stuckViewers } : lively(sec);
    });
    const { cues } = fold(events, only({ 'data-stale': {} }));
    expect(cues.map((cue) => [cue.title, cue.params.metric])).toEqual([
      ['cue.data-stale.titleFrozen', 'viewers'],
      ['cue.data-stale.titlePage', undefined],
    ]);
    // A stale cue is on screen at every step from the first cue until the page moves (never a gap).
    const engine = createEngine(only({ 'data-stale': {} }));
    const state = engine.init('s1', T0);
    const gaps: number[] = [];
    for (const event of events) {
      engine.step(state, event);
      const sec = (event.ts - T0) / 1000;
      const shown = state.arbiter.live.some((cue) => cue.status === 'active');
      if (sec > cues[0]!.firedAt / 1000 - T0 / 1000 && sec < 1130 && !shown) gaps.push(sec);
    }
    expect(gaps).toEqual([]);
  });

  it('takes the reader’s own frozenSec as evidence when a sample carries it', () => {
    const events = samples(0, 700, frozenFrom(600)).map((event) => {
      const sec = (event.ts - T0) / 1000;
      return event.kind === 'sample' && sec > 600 ? { ...event, frozenSec: sec - 600 + 40 } : event;
    });
    const [cue] = staleCues(events);
    expect(cue).toMatchObject({ title: 'cue.data-stale.titlePage' });
    // The reader saw the page still for 40 s before the engine's numbers did: the cue comes sooner.
    expect(cue!.at).toBeLessThan(615);
  });

  it('waits longer on a dashboard that redraws every 5 s, and never flags its pauses', () => {
    const stepped = (sec: number) => lively(sec - (sec % 5));
    expect(staleCues(samples(0, 3600, stepped))).toEqual([]);
    const [cue] = staleCues(samples(0, 1200, (sec) => (sec < 600 ? stepped(sec) : stepped(600))));
    expect(cue).toMatchObject({ title: 'cue.data-stale.titlePage' });
    expect(cue!.at).toBeLessThanOrEqual(660);
  });

  it('does not call a counter shown rounded (1.2w) stuck between its steps', () => {
    const rounded = (sec: number) => ({
      ...lively(sec),
      likes: Math.floor((20_000 + sec * 11) / 1000) * 1000,
    });
    expect(staleCues(samples(0, 3600, rounded))).toEqual([]);
  });

  it('holds every business rule while the page is frozen, and lets them act once it moves again', () => {
    // Orders stop because the page froze at 20 minutes, not because sales stopped.
    const events = samples(0, 2400, (sec) => (sec >= 1200 && sec < 1800 ? lively(1200) : lively(sec)));
    const { cues } = fold(events, only({ 'data-stale': {}, 'sales-stall': {}, 'engagement-low': {} }));
    expect(cues.map((cue) => cue.ruleId)).toEqual(['data-stale']);
    // The same orders standing still while the rest of the page moves is a real stall.
    const stall = samples(0, 2400, (sec) => ({ ...lively(sec), orders: lively(Math.min(sec, 1200)).orders }));
    const real = fold(stall, only({ 'data-stale': {}, 'sales-stall': {} })).cues.map((cue) => cue.ruleId);
    expect(real).toEqual(['sales-stall']);
  });

  it('does not measure an outcome across a freeze', () => {
    const settings = only({ 'traffic-drop': {}, 'data-stale': {} }, { outcomeWindowSec: 120 });
    const drop = (sec: number) => ({
      ...lively(sec),
      viewers: sec < 300 ? lively(sec).viewers : 500 + (sec % 7),
    });
    const first = fold(samples(0, 320, drop), settings);
    const cue = first.cues.find((c) => c.ruleId === 'traffic-drop')!;
    const events: EngineEvent[] = [
      ...samples(0, 320, drop),
      { kind: 'action', ts: T0 + 320_500, cueId: cue.id, action: 'done' },
      // The page freezes for two minutes right after the action.
      ...samples(321, 600, (sec) => (sec < 460 ? drop(321) : drop(sec))),
    ];
    const done = fold(events, settings).cues.find((c) => c.id === cue.id)!;
    expect(done.status).toBe('done');
    expect(done.outcome).toBeUndefined();
    // The same action on a live page is measured.
    const live: EngineEvent[] = [...events.slice(0, 322), ...samples(321, 600, drop)];
    expect(fold(live, settings).cues.find((c) => c.id === cue.id)!.outcome).toBeDefined();
  });
});
