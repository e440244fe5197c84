import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../../../../lib/store/rows';
import { DEFAULT_SESSION_TIMING, decideSession } from '../../../../lib/worker/session/decideSession';

const MIN = 60_000;
const timing = DEFAULT_SESSION_TIMING;
const open: SessionRow = {
  id: 'douyin:r1:0',
  site: 'douyin',
  roomKey: 'r1',
  title: '',
  startedAt: 0,
  lastSampleAt: 60 * MIN,
  ruleSettings: {},
  peakViewers: null,
  gmv: null,
  cuesFired: 0,
  cuesActed: 0,
};
const endedBy = (endReason: SessionRow['endReason']): SessionRow => ({
  ...open,
  endedAt: 60 * MIN,
  endReason,
});

describe('decideSession', () => {
  it('starts a session with the first live sample of a room', () => {
    expect(decideSession(undefined, { ts: 5 }, timing)).toEqual({ kind: 'start' });
  });

  it('never starts a session from a room that shows its end (the summary page after a live)', () => {
    expect(decideSession(undefined, { ts: 5, ended: true }, timing)).toEqual({ kind: 'ignore' });
    expect(decideSession(endedBy('room-ended'), { ts: 61 * MIN, ended: true }, timing)).toEqual({
      kind: 'ignore',
    });
  });

  it('resumes an open session after a reload, a worker stop or a browser restart shorter than the silence', () => {
    expect(decideSession(open, { ts: 60 * MIN + 1000 }, timing)).toEqual({
      kind: 'resume',
      reopen: false,
      roomEnded: false,
    });
    expect(decideSession(open, { ts: 90 * MIN }, timing)).toMatchObject({ kind: 'resume' });
  });

  it('ends a session silent for longer than the silence limit and starts a new one', () => {
    expect(decideSession(open, { ts: 90 * MIN + 1 }, timing)).toEqual({
      kind: 'end-then-start',
      endedAt: 60 * MIN,
    });
  });

  it('resumes and reports the end when the room shows its own ended signal', () => {
    expect(decideSession(open, { ts: 61 * MIN, ended: true }, timing)).toEqual({
      kind: 'resume',
      reopen: false,
      roomEnded: true,
    });
  });

  it('reopens a session the room ended when live numbers come back within the silence limit', () => {
    expect(decideSession(endedBy('room-ended'), { ts: 65 * MIN }, timing)).toEqual({
      kind: 'resume',
      reopen: true,
      roomEnded: false,
    });
    // An end flag shown for 11 minutes while the numbers go on was not the live's end: one session.
    expect(decideSession(endedBy('room-ended'), { ts: 71 * MIN }, timing)).toMatchObject({ reopen: true });
    expect(decideSession(endedBy('room-ended'), { ts: 91 * MIN }, timing)).toEqual({ kind: 'start' });
  });

  it("respects the operator's end: the next live sample starts a new session", () => {
    expect(decideSession(endedBy('operator'), { ts: 60 * MIN + 1000 }, timing)).toEqual({ kind: 'start' });
    expect(decideSession(endedBy('silence'), { ts: 120 * MIN }, timing)).toEqual({ kind: 'start' });
  });

  it('files a resent sample from before the end in the session it was read in', () => {
    expect(decideSession(endedBy('operator'), { ts: 59 * MIN }, timing)).toEqual({
      kind: 'resume',
      reopen: false,
      roomEnded: false,
    });
    expect(decideSession({ ...open, startedAt: 10 * MIN }, { ts: 5 * MIN }, timing)).toEqual({
      kind: 'ignore',
    });
  });

  it('follows custom timings', () => {
    const short = { graceMs: MIN, silenceMs: 2 * MIN };
    expect(decideSession(open, { ts: 62 * MIN }, short)).toMatchObject({ kind: 'resume' });
    expect(decideSession(open, { ts: 62 * MIN + 1 }, short)).toMatchObject({ kind: 'end-then-start' });
  });
});
