import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../lib/core/scenario/mulberry32';
import { createScenarioPlayer } from '../../../../lib/core/scenario/scenarioPlayer';
import { scenarioSchema } from '../../../../lib/core/scenario/scenarioSchema';

const scenario = (overrides: Record<string, unknown> = {}) =>
  scenarioSchema.parse({
    name: 'p',
    durationSec: 120,
    seed: 5,
    startAt: '2026-11-24T12:00:00Z',
    metrics: {
      viewers: {
        points: [
          [0, 1000],
          [60, 1000],
          [61, 500],
          [120, 500],
        ],
        noisePct: 8,
      },
      orders: {
        points: [
          [0, 0],
          [120, 240],
        ],
        noisePct: 30,
      },
    },
    products: [
      { at: 0, id: 'a', name: 'A' },
      { at: 90, id: 'b', name: 'B', price: 9 },
    ],
    ...overrides,
  });

describe('createScenarioPlayer', () => {
  it('interpolates points and keeps gauge noise within noisePct', () => {
    const player = createScenarioPlayer(scenario());
    for (let sec = 0; sec <= 60; sec++) {
      const viewers = player.valuesAt(sec).metrics.viewers!;
      expect(viewers).toBeGreaterThanOrEqual(920);
      expect(viewers).toBeLessThanOrEqual(1080);
    }
    expect(player.valuesAt(100).metrics.viewers).toBeLessThanOrEqual(540);
  });

  it('gives the same numbers for the same seed, and different ones for another seed', () => {
    const a = [...createScenarioPlayer(scenario()).samples()].map((s) => s.metrics.viewers);
    const b = [...createScenarioPlayer(scenario()).samples()].map((s) => s.metrics.viewers);
    const c = [...createScenarioPlayer(scenario({ seed: 6 })).samples()].map((s) => s.metrics.viewers);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('never lets a counter go down, whatever the noise and seed (property)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 50 }), (seed, noisePct) => {
        const player = createScenarioPlayer(
          scenario({
            seed,
            metrics: {
              gmv: {
                points: [
                  [0, 0],
                  [50, 100],
                  [70, 100],
                  [120, 900],
                ],
                noisePct,
              },
            },
          }),
        );
        let previous = -1;
        for (const step of player.samples()) {
          expect(step.metrics.gmv!).toBeGreaterThanOrEqual(previous);
          previous = step.metrics.gmv!;
        }
        // A flat stretch stays flat: noise scales the rate, it does not invent sales.
        expect(player.valuesAt(70).metrics.gmv).toBe(player.valuesAt(50).metrics.gmv);
      }),
      { numRuns: 50 },
    );
  });

  it('yields a sample per step with its ts and product, skipping silences; unreadable stretches are null', () => {
    const player = createScenarioPlayer(
      scenario({
        silences: [[10, 19]],
        metrics: { viewers: { points: [[0, 100]], unreadable: [[30, 40]] } },
      }),
    );
    const steps = [...player.samples()];
    expect(steps).toHaveLength(121 - 10);
    expect(steps[10]!.sec).toBe(20);
    expect(steps[10]!.ts).toBe(Date.parse('2026-11-24T12:00:20Z'));
    expect(player.valuesAt(35).metrics.viewers).toBeNull();
    expect(player.valuesAt(95).product).toEqual({ id: 'b', name: 'B', price: 9 });
    expect(steps.at(-1)!.ended).toBe(true);
  });

  it('redraws numbers only at the dashboard refresh, every 3–5 s, holding them in between', () => {
    const player = createScenarioPlayer(scenario({ refreshSec: [3, 5], durationSec: 600 }));
    const viewers = [...player.samples()].map((step) => step.metrics.viewers!);
    const runs: number[] = [];
    let run = 1;
    for (let i = 1; i < viewers.length; i++) {
      if (viewers[i] === viewers[i - 1]) run++;
      else {
        runs.push(run);
        run = 1;
      }
    }
    // Noisy values change at a redraw and at no other step: runs of 3–5 s (longer only when a redraw
    // happens to show the same number again).
    expect(Math.min(...runs.slice(1))).toBeGreaterThanOrEqual(3);
    expect(runs.filter((length) => length <= 5).length / runs.length).toBeGreaterThan(0.9);
    expect(runs.length).toBeGreaterThan(600 / 5 - 5);
  });

  it('shows what the display style shows: 1.52万 is 15200, 10万+ is 100000', () => {
    const player = createScenarioPlayer(
      scenario({
        display: { viewers: 'wan', orders: 'capped' },
        metrics: { viewers: { points: [[0, 15_234]] }, orders: { points: [[0, 123_456]] } },
      }),
    );
    expect(player.valuesAt(0).metrics).toEqual({ viewers: 15_200, orders: 100_000 });
  });

  it('holds a stuck tile at the number it showed, and a frozen page at every number and the product', () => {
    const player = createScenarioPlayer(
      scenario({
        metrics: {
          viewers: { points: [[0, 1000]], noisePct: 8, stuck: [[20, 40]] },
          orders: {
            points: [
              [0, 0],
              [120, 240],
            ],
          },
        },
        freezes: [[80, 100]],
      }),
    );
    const at = (sec: number) => player.valuesAt(sec);
    expect(at(30).metrics.viewers).toBe(at(20).metrics.viewers);
    expect(at(41).metrics.viewers).not.toBe(at(20).metrics.viewers);
    expect(at(30).metrics.orders).toBe(60);
    expect(at(95).metrics).toEqual(at(80).metrics);
    expect(at(95).product).toEqual({ id: 'a', name: 'A' });
    expect(at(101).product).toEqual({ id: 'b', name: 'B', price: 9 });
    expect(player.isFrozen(95)).toBe(true);
    expect(player.isFrozen(80)).toBe(false);
    expect([...player.samples()]).toHaveLength(121);
  });

  it('mulberry32 is a seeded generator in [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});
