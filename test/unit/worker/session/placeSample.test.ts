import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../../../lib/store/rows';
import { DEFAULT_SESSION_TIMING } from '../../../../lib/worker/session/decideSession';
import { placeSample } from '../../../../lib/worker/session/placeSample';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 24, 12);
const session = (startedAt: number, extra: Partial<SessionRow> = {}): SessionRow => ({
  id: `douyin:r:${startedAt}`,
  site: 'douyin',
  roomKey: 'r',
  title: '',
  startedAt,
  lastSampleAt: startedAt + 10 * MIN,
  ruleSettings: {},
  peakViewers: null,
  gmv: null,
  cuesFired: 0,
  cuesActed: 0,
  ...extra,
});
const place = (sessions: SessionRow[], ts: number, extra: { ended?: boolean; readable?: boolean } = {}) =>
  placeSample(sessions, { ts, readable: true, ...extra }, DEFAULT_SESSION_TIMING);

describe('placeSample', () => {
  const earlier = session(T0, { endedAt: T0 + 10 * MIN, endReason: 'operator' });
  const open = session(T0 + 60 * MIN);

  it('files a sample in the session it was read in, even a late resend into an earlier one', () => {
    expect(place([earlier, open], T0 + 65 * MIN)).toMatchObject({ kind: 'store', session: open });
    expect(place([earlier, open], T0 + 5 * MIN)).toMatchObject({ kind: 'store', session: earlier });
  });

  it('refuses a sample dated before the open session began, or between two sessions', () => {
    expect(place([open], T0)).toEqual({ kind: 'refuse', reason: 'before-session' });
    expect(place([earlier, open], T0 + 30 * MIN)).toEqual({ kind: 'refuse', reason: 'between-sessions' });
  });

  it('never lets a closed session dated after the sample swallow it (an import from a clock ahead)', () => {
    const ahead = session(T0 + 600 * MIN, { endedAt: T0 + 610 * MIN, endReason: 'imported' });
    expect(place([ahead], T0)).toEqual({ kind: 'start' });
  });

  it('refuses the summary page after a live, and a reading with no number that continues nothing', () => {
    const ended = session(T0, { endedAt: T0 + 10 * MIN, endReason: 'room-ended' });
    expect(place([ended], T0 + 11 * MIN, { ended: true })).toEqual({ kind: 'refuse', reason: 'room-ended' });
    expect(place([], T0, { ended: true })).toEqual({ kind: 'refuse', reason: 'room-ended' });
    expect(place([], T0, { readable: false })).toEqual({ kind: 'refuse', reason: 'unread' });
    expect(place([ended], T0 + 11 * MIN, { readable: false })).toEqual({ kind: 'refuse', reason: 'unread' });
    expect(place([open], T0 + 61 * MIN, { readable: false })).toMatchObject({ kind: 'store', session: open });
  });

  it('reopens a room ended by its own flag when live numbers follow within the grace', () => {
    const flashed = session(T0, { endedAt: T0 + 10 * MIN, endReason: 'room-ended' });
    expect(place([flashed], T0 + 11 * MIN)).toMatchObject({ kind: 'store', session: flashed, reopen: true });
  });

  it('ends a silent open session and starts anew', () => {
    expect(place([open], T0 + 200 * MIN)).toEqual({
      kind: 'start',
      endPrevious: { session: open, endedAt: open.lastSampleAt },
    });
  });
});

describe('placeSample and imported history', () => {
  it('an imported session dated ahead never decides where a live reading goes', () => {
    const live = session(T0, { endedAt: T0 + 10 * MIN, endReason: 'operator' });
    const imported = session(T0 + 20 * 60 * MIN, {
      endedAt: T0 + 21 * 60 * MIN,
      endReason: 'room-ended',
      importedAt: T0,
    });
    // After the operator's End the next reading starts a new session, imported history or not.
    expect(place([live, imported], T0 + 11 * MIN)).toEqual({ kind: 'start' });
    // A reading dated inside the imported session is not filed there either.
    expect(place([imported], T0 + 20 * 60 * MIN + MIN)).toEqual({ kind: 'start' });
  });
});
