import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../lib/core/engine/types';
import { fold, only, samples, T0 } from './engineHarness';

// Jitter that is deterministic without Math.random: ±8 % from a fixed sequence.
const jitter = (sec: number) => 1 + 0.08 * Math.sin(sec * 12.9898) * (sec % 2 ? 1 : -1);

describe('arbitration', () => {
  it('a steady room with ±8 % jitter gives no drop, surge or stall cues in two hours', () => {
    const events = samples(0, 7200, (sec) => ({
      viewers: Math.round(1200 * jitter(sec)),
      orders: Math.floor(sec / 15 + jitter(sec)),
      gmv: Math.floor((sec / 15) * 80 * jitter(sec)),
    }));
    const { cues } = fold(events);
    const noisy = cues.filter((cue) => ['traffic-drop', 'traffic-surge', 'sales-stall'].includes(cue.ruleId));
    expect(noisy).toEqual([]);
  });

  it('re-arms a rule only after its condition recovered (hysteresis)', () => {
    const settings = only({ 'traffic-drop': { cooldownSec: 10 } });
    // Drops, stays low (the baseline catches up slowly), drops again without recovering in between.
    const stayLow = samples(0, 900, (sec) => ({ viewers: sec < 120 ? 1000 : sec < 400 ? 600 : 350 }));
    expect(fold(stayLow, settings).cues.map((cue) => cue.ruleId)).toEqual(['traffic-drop']);
    // Drops, recovers to its old level, then drops again: two cues.
    const recover = samples(0, 900, (sec) => ({
      viewers: sec < 120 || (sec >= 300 && sec < 600) ? 1000 : 500,
    }));
    expect(fold(recover, settings).cues.map((cue) => cue.ruleId)).toEqual(['traffic-drop', 'traffic-drop']);
  });

  it('holds a rule back for its cooldown even when it re-arms', () => {
    const events = samples(0, 900, (sec) => ({
      viewers: sec < 120 || (sec >= 300 && sec < 600) ? 1000 : 500,
    }));
    const { cues } = fold(events, only({ 'traffic-drop': { cooldownSec: 900 } }));
    expect(cues).toHaveLength(1);
  });

  it('keeps at most three cues active, evicting the weakest for a stronger one', () => {
    const settings = only(
      {
        'giveaway-cadence': { firstAfterSec: 10, ttlSec: 3600 },
        'follow-cadence': { firstAfterSec: 20, ttlSec: 3600 },
        milestone: { gmvSteps: [100], ttlSec: 3600 },
        'traffic-drop': { ttlSec: 3600 },
      },
      { minGapSec: 0 },
    );
    const events = samples(0, 200, (sec) => ({ viewers: sec < 150 ? 1000 : 400, gmv: sec < 50 ? 0 : 200 }));
    const { cues } = fold(events, settings);
    expect(cues.map((cue) => cue.ruleId)).toEqual([
      'giveaway-cadence',
      'follow-cadence',
      'milestone',
      'traffic-drop',
    ]);
    const active = cues.filter((cue) => cue.status === 'active').map((cue) => cue.ruleId);
    expect(active).toHaveLength(3);
    // The milestone (priority 20) went to make room for the drop (priority 100).
    expect(cues.find((cue) => cue.ruleId === 'milestone')!.status).toBe('expired');
  });

  it('a weaker cue waits when three stronger ones are active', () => {
    const settings = only(
      {
        'traffic-drop': { ttlSec: 3600 },
        'data-stale': { ttlSec: 3600, noSampleSec: 30 },
        'plan-next': { ttlSec: 3600 },
        milestone: { gmvSteps: [100] },
      },
      { minGapSec: 0 },
    );
    const events: EngineEvent[] = [
      {
        kind: 'plan',
        ts: T0,
        plan: [
          { name: 'A', minutes: 2 },
          { name: 'B', minutes: 5 },
        ],
      },
      ...samples(0, 100, (sec) => ({ viewers: sec < 70 ? 1000 : 400 })),
      { kind: 'tick', ts: T0 + 140_000 },
      ...samples(141, 150, () => ({ viewers: 400, gmv: 500 })),
    ];
    const { cues } = fold(events, settings);
    expect(cues.map((cue) => cue.ruleId).sort()).toEqual(['data-stale', 'plan-next', 'traffic-drop']);
  });

  it('limits the rate of non-urgent cues, counting only cues at least as important', () => {
    const settings = only(
      { milestone: { gmvSteps: [100, 200, 300, 400, 500, 600], cooldownSec: 10 } },
      { maxPerWindow: 2, rateWindowSec: 300, minGapSec: 0 },
    );
    const events = samples(0, 200, (sec) => ({ gmv: sec * 5 }));
    const { cues } = fold(events, settings);
    expect(cues).toHaveLength(2);
  });

  it('spaces cues by the minimum gap', () => {
    const settings = only({ milestone: { gmvSteps: [100, 200, 300], cooldownSec: 10 } }, { minGapSec: 60 });
    const { cues } = fold(
      samples(0, 200, (sec) => ({ gmv: sec * 10 })),
      settings,
    );
    const times = cues.map((cue) => (cue.firedAt - T0) / 1000);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(60);
  });
});
