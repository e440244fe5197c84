import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../../lib/core/scenario/scenarioSchema';

const minimal = { name: 'x', durationSec: 60, metrics: { viewers: { points: [[0, 100]] } } };

describe('parseScenario', () => {
  it('accepts the DESIGN.md example and fills stepSec and seed', () => {
    const parsed = parseScenario({
      name: 'evening-drop',
      durationSec: 1800,
      stepSec: 1,
      seed: 7,
      startAt: '2026-11-24T12:00:00Z',
      display: { viewers: 'wan', gmv: 'currency-wan', conversionRate: 'percent' },
      metrics: {
        viewers: {
          points: [
            [0, 800],
            [600, 1400],
            [602, 700],
            [1800, 750],
          ],
          noisePct: 5,
        },
        gmv: {
          points: [
            [0, 0],
            [1800, 250000],
          ],
        },
      },
      products: [{ at: 0, id: 'p1', name: '羊绒围巾', price: 199 }],
      expect: [{ rule: 'traffic-drop', from: 602, within: 20 }],
      quiet: [{ rule: 'traffic-drop', from: 0, to: 590 }],
    });
    expect(parsed.ok).toBe(true);
    expect(parseScenario(minimal)).toMatchObject({ ok: true, scenario: { stepSec: 1, seed: 1 } });
  });

  it.each([
    [{ ...minimal, durationSec: -1 }, /^durationSec:/],
    [{ ...minimal, metrics: { viewerz: { points: [[0, 1]] } } }, /^metrics\.viewerz/],
    [
      {
        ...minimal,
        metrics: {
          gmv: {
            points: [
              [0, 5],
              [10, 3],
            ],
          },
        },
      },
      /^metrics\.gmv\.points\.1\.1: gmv is a counter/,
    ],
    [
      {
        ...minimal,
        metrics: {
          viewers: {
            points: [
              [10, 5],
              [10, 3],
            ],
          },
        },
      },
      /^metrics\.viewers\.points\.1\.0/,
    ],
    [{ ...minimal, expect: [{ rule: 'traffic-dip', from: 0, within: 5 }] }, /^expect\.0\.rule/],
    [{ ...minimal, quiet: [{ rule: 'milestone', from: 10, to: 5 }] }, /^quiet\.0\.to/],
    [{ ...minimal, whithin: 3 }, /whithin/],
    [{ ...minimal, refreshSec: [5, 3] }, /^refreshSec: the first interval/],
    [{ ...minimal, refreshSec: 0 }, /^refreshSec/],
    [{ ...minimal, freezes: [[30, 20]] }, /^freezes\.0\.1: `to` is before `from`/],
    [
      { ...minimal, metrics: { viewers: { points: [[0, 1]], stuck: [[9, 3]] } } },
      /^metrics\.viewers\.stuck\.0\.1/,
    ],
  ])('names the bad field (%#)', (input, message) => {
    const parsed = parseScenario(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});
