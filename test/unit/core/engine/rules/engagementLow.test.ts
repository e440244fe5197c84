import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../../lib/core/engine/types';
import { fold, only, samples, T0 } from '../engineHarness';

const at = (sec: number) => T0 + sec * 1000;
const comment = (sec: number, user: string, text: string): EngineEvent => ({
  kind: 'comment',
  ts: at(sec),
  user,
  text,
});

describe('engagement-low on the comment stream', () => {
  it('cues a room whose comments dry up when the dashboard shows no comment count, naming commenters per minute', () => {
    const events: EngineEvent[] = [...samples(0, 900, () => ({ viewers: 400 }))];
    // Ten minutes of a comment every two seconds from a dozen viewers, then one a minute.
    for (let sec = 0; sec < 600; sec += 2) events.push(comment(sec + 0.5, `v${sec % 12}`, '好看'));
    for (let sec = 600; sec < 900; sec += 60) events.push(comment(sec + 0.5, 'v1', '来了'));
    events.sort((a, b) => a.ts - b.ts);
    const { cues } = fold(events, only({ 'engagement-low': {} }));
    expect(cues).toHaveLength(1);
    const [cue] = cues;
    expect(cue?.title).toBe('cue.engagement-low.titleCommenters');
    expect(cue?.firedAt).toBeGreaterThan(at(600));
    expect(cue?.firedAt).toBeLessThan(at(700));
    expect(Number(cue?.params.before)).toBeCloseTo(30, 0);
    expect(Number(cue?.params.recent)).toBeLessThanOrEqual(30 * 0.4);
    expect(Number(cue?.params.commenters)).toBeGreaterThan(0);
  });
});
