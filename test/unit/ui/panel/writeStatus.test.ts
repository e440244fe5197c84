import { describe, expect, it } from 'vitest';
import type { StatusAnswer } from '../../../../lib/core/messages/statusAnswer';
import { roomWarningsFrom, writeWarningFrom } from '../../../../lib/ui/panel/writeStatus';

const WALL = Date.UTC(2026, 10, 24, 12);
const status = (extra: Partial<StatusAnswer> = {}): StatusAnswer => ({
  write: { state: 'ok' },
  pendingWrites: 0,
  liveSessions: 1,
  unreadRooms: [],
  rooms: [],
  ...extra,
});

describe('writeWarningFrom', () => {
  it('warns when the background reports a failing write, with its error', () => {
    const write = {
      state: 'failing' as const,
      error: 'QuotaExceededError',
      pending: 3,
      since: WALL,
      sessions: ['s'],
    };
    expect(writeWarningFrom({ ok: true, data: status({ write }) })).toEqual({
      kind: 'failing',
      error: 'QuotaExceededError',
    });
  });

  it('stays quiet while writes are fine and says so when the worker does not answer', () => {
    expect(writeWarningFrom({ ok: true, data: status() })).toEqual({ kind: 'none' });
    expect(writeWarningFrom({ ok: false, error: 'No answer' })).toEqual({
      kind: 'unreachable',
      error: 'No answer',
    });
  });
});

describe('roomWarningsFrom', () => {
  it('names a room open in more than one tab, and recent refusals the operator can act on', () => {
    const rooms: StatusAnswer['rooms'] = [
      { site: 'douyin', roomKey: 'r1', title: '围巾专场', feedingTabId: 3, duplicateTabIds: [7] },
      {
        site: 'douyin',
        roomKey: 'r2',
        duplicateTabIds: [],
        refused: { reason: 'before-session', count: 480, at: WALL - 5000 },
      },
      // The summary page after a live is refused as a matter of course, and old refusals are history.
      {
        site: 'douyin',
        roomKey: 'r3',
        duplicateTabIds: [],
        refused: { reason: 'room-ended', count: 9, at: WALL },
      },
      {
        site: 'douyin',
        roomKey: 'r4',
        duplicateTabIds: [],
        refused: { reason: 'between-sessions', count: 2, at: WALL - 10 * 60_000 },
      },
    ];
    expect(roomWarningsFrom({ ok: true, data: status({ rooms }) }, WALL)).toEqual([
      { kind: 'duplicate', site: 'douyin', roomKey: 'r1', title: '围巾专场', tabs: 2 },
      {
        kind: 'refused',
        site: 'douyin',
        roomKey: 'r2',
        title: undefined,
        reason: 'before-session',
        count: 480,
      },
    ]);
    expect(roomWarningsFrom({ ok: false, error: 'gone' }, WALL)).toEqual([]);
  });

  it('says when the computer clock went back under a room, for a while after', () => {
    const rooms: StatusAnswer['rooms'] = [
      {
        site: 'douyin',
        roomKey: 'r1',
        title: '围巾专场',
        duplicateTabIds: [],
        clockSetBack: { byMs: 600_000, at: WALL - 1000 },
      },
      {
        site: 'douyin',
        roomKey: 'r2',
        duplicateTabIds: [],
        clockSetBack: { byMs: 600_000, at: WALL - 3_600_000 },
      },
    ];
    expect(roomWarningsFrom({ ok: true, data: status({ rooms }) }, WALL)).toEqual([
      { kind: 'clock-set-back', site: 'douyin', roomKey: 'r1', title: '围巾专场', minutes: 10 },
    ]);
  });
});
