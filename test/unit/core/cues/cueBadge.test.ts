import { describe, expect, it } from 'vitest';
import { BADGE_COLOURS, cueBadge } from '../../../../lib/core/cues/cueBadge';
import type { Cue } from '../../../../lib/core/engine/types';
import { liveCue, T } from '../../liveCueFixtures';

// The toolbar badge counts what the panel lists as waiting (current + queue) in every open room, in the
// colour of the most severe of them.

/** An act cue of room `s`, fired at T, live for a minute. */
const cue = (id: string, extra: Partial<Cue> = {}): Cue =>
  liveCue('s', 'traffic-drop', { id, firedAt: T, expiresAt: T + 60_000, ...extra });

describe('cueBadge', () => {
  it('is blank when nothing waits', () => {
    expect(cueBadge([])).toEqual({ text: '', count: 0, severity: null, colour: BADGE_COLOURS.info });
    const closed = [cue('done', { status: 'done' }), cue('snoozed', { status: 'snoozed' })];
    expect(cueBadge([{ cues: closed, now: T }]).text).toBe('');
  });

  it('counts active cues of every room and takes the colour of the most severe', () => {
    const badge = cueBadge([
      { cues: [cue('a'), cue('b', { severity: 'info' })], now: T },
      { cues: [cue('c', { severity: 'urgent', sessionId: 'other' })], now: T },
    ]);
    expect(badge).toMatchObject({ text: '3', count: 3, severity: 'urgent', colour: BADGE_COLOURS.urgent });
  });

  it('judges each room on its own clock, so a cue past its deadline there is not counted', () => {
    const badge = cueBadge([
      { cues: [cue('stale', { severity: 'urgent' })], now: T + 61_000 },
      { cues: [cue('fresh')], now: T },
    ]);
    expect(badge).toMatchObject({ text: '1', severity: 'act', colour: BADGE_COLOURS.act });
  });

  it('caps the text at 99+', () => {
    const many = Array.from({ length: 120 }, (_, i) => cue(`c${i}`));
    expect(cueBadge([{ cues: many, now: T }]).text).toBe('99+');
  });
});
