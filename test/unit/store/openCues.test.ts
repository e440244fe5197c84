import { describe, expect, it } from 'vitest';
import { currentSession, openCues, openSessionCues } from '../../../lib/store/openCues';
import { freshDbsDeletedAfterEach, liveCue, liveSession, T } from '../liveCueFixtures';

// What waits for the operator, read the same way by the side panel and by the worker's shortcuts, badge
// and notifications.

const db = freshDbsDeletedAfterEach();

describe('open cues', () => {
  it('picks as current the open session that sampled last, never an ended one', async () => {
    const d = db();
    await d.sessions.bulkPut([
      liveSession('older', { lastSampleAt: T - 10_000 }),
      liveSession('newest', { lastSampleAt: T }),
      liveSession('ended', { lastSampleAt: T + 5000, endedAt: T + 5000, endReason: 'room-ended' }),
    ]);
    expect((await currentSession(d))?.id).toBe('newest');
  });

  it('lists the waiting cues of each open session, oldest first, leaving out closed cues and ended rooms', async () => {
    const d = db();
    await d.sessions.bulkPut([
      liveSession('a'),
      liveSession('b'),
      liveSession('gone', { endedAt: T, endReason: 'operator' }),
      liveSession('quiet'),
    ]);
    await d.cues.bulkPut([
      liveCue('a', 'traffic-drop', { firedAt: T - 1000 }),
      liveCue('a', 'sales-stall', { firedAt: T - 9000, status: 'snoozed', snoozedUntil: T + 60_000 }),
      liveCue('a', 'milestone', { firedAt: T - 500, status: 'done' }),
      liveCue('b', 'traffic-surge'),
      liveCue('gone', 'traffic-drop'),
      liveCue('quiet', 'milestone', { status: 'dismissed' }),
    ]);
    const rooms = await openSessionCues(d);
    expect(rooms.map((room) => [room.session.id, room.cues.map((cue) => cue.ruleId)]).sort()).toEqual([
      ['a', ['sales-stall', 'traffic-drop']],
      ['b', ['traffic-surge']],
    ]);
    expect((await openCues(d, 'a')).map((cue) => cue.status)).toEqual(['snoozed', 'active']);
  });
});
