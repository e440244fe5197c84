import { describe, expect, it } from 'vitest';
import { arrangeCues, countdownLeft, currentCue, newCueIds } from '../../../../lib/core/cues/cueOrder';
import type { Cue } from '../../../../lib/core/engine/types';

const T = 1_800_000_000_000;

function cue(id: string, extra: Partial<Cue>): Cue {
  return {
    id,
    sessionId: 's',
    ruleId: 'traffic-drop',
    firedAt: T,
    severity: 'act',
    title: 't',
    detail: 'd',
    params: {},
    evidence: [],
    expiresAt: T + 60_000,
    status: 'active',
    ...extra,
  };
}

describe('arrangeCues', () => {
  it('puts the most severe active cue first and queues the rest, soonest deadline first', () => {
    const cues = [
      cue('info', { severity: 'info' }),
      cue('act-late', { expiresAt: T + 90_000 }),
      cue('act-soon', { expiresAt: T + 30_000 }),
      cue('urgent', { severity: 'urgent', firedAt: T + 5000, expiresAt: T + 100_000 }),
    ];
    const arranged = arrangeCues(cues, T + 10_000);
    expect(arranged.current?.id).toBe('urgent');
    expect(arranged.queue.map((c) => c.id)).toEqual(['act-soon', 'act-late', 'info']);
  });

  it('leaves out cues that are past their deadline or closed, and lists snoozed ones apart', () => {
    const cues = [
      cue('expired', { expiresAt: T + 1000 }),
      cue('done', { status: 'done' }),
      cue('snoozed', { status: 'snoozed', snoozedUntil: T + 120_000 }),
    ];
    const arranged = arrangeCues(cues, T + 2000);
    expect(arranged.current).toBeNull();
    expect(arranged.queue).toEqual([]);
    expect(arranged.snoozed.map((c) => c.id)).toEqual(['snoozed']);
  });
});

describe('countdownLeft', () => {
  it('counts down from countdownSec after firing and stops at zero', () => {
    const withCountdown = { firedAt: T, countdownSec: 90 };
    expect(countdownLeft(withCountdown, T)).toEqual({ seconds: 90, fraction: 1 });
    expect(countdownLeft(withCountdown, T + 45_000)).toEqual({ seconds: 45, fraction: 0.5 });
    expect(countdownLeft(withCountdown, T + 200_000)).toEqual({ seconds: 0, fraction: 0 });
  });

  it('is null for a cue without a countdown', () => {
    expect(countdownLeft({ firedAt: T }, T)).toBeNull();
  });
});

it('newCueIds names only the cues not seen before', () => {
  expect(newCueIds(new Set(['a']), [cue('a', {}), cue('b', {})])).toEqual(['b']);
});

it('currentCue is the same cue for every face: the most severe active one, judged at the given time', () => {
  const cues = [cue('act', {}), cue('urgent-old', { severity: 'urgent', expiresAt: T + 10_000 })];
  expect(currentCue(cues, T)?.id).toBe('urgent-old');
  expect(currentCue(cues, T + 20_000)?.id).toBe('act');
  expect(currentCue([], T)).toBeNull();
});
