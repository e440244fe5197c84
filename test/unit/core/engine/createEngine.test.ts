import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, RuleSettingsError } from '../../../../lib/core/engine/createEngine';
import type { EngineEvent } from '../../../../lib/core/engine/types';
import { fold, only, samples, T0 } from './engineHarness';

// A room of 1000 viewers that halves at `dropAt` seconds.
const dropRoom = (dropAt: number, until: number) =>
  samples(0, until, (sec) => ({ viewers: sec < dropAt ? 1000 + (sec % 7) * 10 : 500, orders: sec }));

describe('createEngine', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names cues by session, rule and firing time', () => {
    const { cues } = fold(dropRoom(120, 200), only({ 'traffic-drop': {} }));
    expect(cues).toHaveLength(1);
    const cue = cues[0]!;
    expect(cue.id).toBe(`s1:traffic-drop:${cue.firedAt}`);
    expect(cue.firedAt).toBeGreaterThanOrEqual(T0 + 120_000);
    expect(cue.firedAt).toBeLessThanOrEqual(T0 + 130_000);
    expect(cue.evidence[0]).toMatchObject({ metric: 'viewers', to: 500 });
    expect(cue.countdownSec).toBe(60);
  });

  it('never reads the clock or Math.random', () => {
    vi.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('clock read');
    });
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('random read');
    });
    vi.spyOn(performance, 'now').mockImplementation(() => {
      throw new Error('clock read');
    });
    expect(() => fold([...dropRoom(120, 400), { kind: 'tick', ts: T0 + 600_000 }])).not.toThrow();
  });

  it('expires an active cue once its deadline passes, on the next event', () => {
    const events = dropRoom(120, 400);
    const { cues } = fold(events, only({ 'traffic-drop': { ttlSec: 60 } }));
    expect(cues[0]!.status).toBe('expired');
    expect(cues[0]!.expiresAt).toBe(cues[0]!.firedAt + 60_000);
  });

  it('snoozes a cue and brings it back active at snoozedUntil', () => {
    const first = fold(dropRoom(120, 140), only({ 'traffic-drop': { ttlSec: 300 } }));
    const id = first.cues[0]!.id;
    const events: EngineEvent[] = [
      ...dropRoom(120, 140),
      { kind: 'action', ts: T0 + 141_000, cueId: id, action: 'snooze', snoozeSec: 30 },
      ...samples(142, 180, () => ({ viewers: 500 })),
    ];
    const { log } = fold(events, only({ 'traffic-drop': { ttlSec: 300 } }));
    const states = log.filter((cue) => cue.id === id).map((cue) => cue.status);
    expect(states).toEqual(['active', 'snoozed', 'active']);
    const back = log.filter((cue) => cue.id === id).at(-1)!;
    expect(back.firedAt).toBe(first.cues[0]!.firedAt);
    expect(back.expiresAt).toBe(T0 + 171_000 + 300_000);
  });

  it('puts the outcome on a done cue once the window after the action has passed', () => {
    const settings = only({ 'traffic-drop': {} }, { outcomeWindowSec: 60 });
    const id = fold(dropRoom(120, 140), settings).cues[0]!.id;
    const events: EngineEvent[] = [
      ...dropRoom(120, 140),
      { kind: 'action', ts: T0 + 140_500, cueId: id, action: 'done' },
      // The operator's deal item works: viewers climb back to about 750.
      ...samples(141, 260, (sec) => ({ viewers: 745 + (sec % 3) * 5, orders: sec })),
    ];
    const { log } = fold(events, settings);
    const mine = log.filter((cue) => cue.id === id);
    expect(mine.map((cue) => cue.status)).toEqual(['active', 'done', 'done']);
    const outcome = mine.at(-1)!.outcome!;
    expect(outcome.metric).toBe('viewers');
    expect(outcome.after).toBeCloseTo(750, -1);
    expect(outcome.before).toBeGreaterThan(500);
    expect(outcome.before).toBeLessThan(1000);
    expect(outcome.lift).toBeCloseTo((750 - outcome.before) / outcome.before, 3);
    // The outcome arrives with the first sample past the window, not before.
    const withOutcome = log.findIndex((cue) => cue.id === id && cue.outcome);
    expect(mine.at(-1)).toBe(log[withOutcome]);
  });

  it('marks dismissed cues and ignores actions on unknown ids', () => {
    const id = fold(dropRoom(120, 140), only({ 'traffic-drop': {} })).cues[0]!.id;
    const { cues } = fold(
      [
        ...dropRoom(120, 140),
        { kind: 'action', ts: T0 + 141_000, cueId: 'nope', action: 'done' },
        { kind: 'action', ts: T0 + 142_000, cueId: id, action: 'dismiss' },
      ],
      only({ 'traffic-drop': {} }),
    );
    expect(cues[0]).toMatchObject({ status: 'dismissed', actedAt: T0 + 142_000 });
  });

  it('rejects bad rule settings, naming the field', () => {
    expect(() => createEngine({ 'traffic-drop': { dropPct: 'lots' } })).toThrow(RuleSettingsError);
    expect(() => createEngine({ 'traffic-drop': { dropPct: 'lots' } })).toThrow(/traffic-drop\.dropPct/);
  });

  it('is deterministic and never gives two cues one id, whatever the events (property)', () => {
    const eventArb = fc.oneof(
      fc.record({
        kind: fc.constant('sample' as const),
        dt: fc.integer({ min: 0, max: 5000 }),
        viewers: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
        orders: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
        comments: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
      }),
      fc.record({ kind: fc.constant('tick' as const), dt: fc.integer({ min: 0, max: 120_000 }) }),
      fc.record({
        kind: fc.constant('action' as const),
        dt: fc.integer({ min: 0, max: 2000 }),
        pick: fc.nat(),
        action: fc.constantFrom('done' as const, 'snooze' as const, 'dismiss' as const),
      }),
    );
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 400 }), (steps) => {
        const run = () => {
          const engine = createEngine({ 'giveaway-cadence': { firstAfterSec: 0, intervalSec: 300 } });
          const state = engine.init('p', T0);
          let ts = T0;
          let orders = 0;
          let comments = 0;
          const seen: string[] = [];
          const created = new Set<string>();
          for (const step of steps) {
            ts += step.dt;
            let event: EngineEvent;
            if (step.kind === 'sample') {
              orders += step.orders ?? 0;
              comments += step.comments ?? 0;
              event = {
                kind: 'sample',
                ts,
                metrics: { viewers: step.viewers, orders: step.orders === null ? null : orders, comments },
              };
            } else if (step.kind === 'tick') {
              event = { kind: 'tick', ts };
            } else {
              const ids = [...created];
              event = {
                kind: 'action',
                ts,
                cueId: ids[step.pick % Math.max(1, ids.length)] ?? 'x',
                action: step.action,
              };
            }
            for (const cue of engine.step(state, event)) {
              if (!created.has(cue.id)) created.add(cue.id);
              seen.push(JSON.stringify(cue));
            }
          }
          return { seen, created };
        };
        const a = run();
        const b = run();
        expect(a.seen).toEqual(b.seen);
        const firings = a.seen.map(
          (text) => JSON.parse(text) as { id: string; ruleId: string; firedAt: number },
        );
        for (const cue of firings) expect(cue.id).toBe(`p:${cue.ruleId}:${cue.firedAt}`);
      }),
      { numRuns: 60 },
    );
  });
});
