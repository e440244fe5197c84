import type { CommandResult } from '../../core/messages/commands';
import type { RoomNotice } from '../../core/messages/statusAnswer';

// The background answers `status.get` with the state of its database writes and of the rooms it hears;
// a failing write (quota, closed database) must be visible in the panel while the data waits in memory,
// and so must a room open in two tabs or readings the background refuses.

export type WriteWarning =
  | { kind: 'none' }
  | { kind: 'failing'; error: string }
  | { kind: 'unreachable'; error: string };

export function writeWarningFrom(result: CommandResult<'status.get'>): WriteWarning {
  if (!result.ok) return { kind: 'unreachable', error: result.error };
  const { write } = result.data;
  return write.state === 'failing' ? { kind: 'failing', error: write.error } : { kind: 'none' };
}

/** Refusals older than this are history, not news. */
export const REFUSAL_NOTICE_MS = 2 * 60_000;

/** What the panel tells about rooms: tabs that duplicate a room, and recent refusals the operator can act on. */
export type RoomWarning =
  | { kind: 'duplicate'; site: string; roomKey: string; title?: string; tabs: number }
  | {
      kind: 'refused';
      site: string;
      roomKey: string;
      title?: string;
      reason: 'before-session' | 'between-sessions';
      count: number;
    }
  /** The computer's clock went back under the room's session: a new session took the readings after. */
  | { kind: 'clock-set-back'; site: string; roomKey: string; title?: string; minutes: number };

export function roomWarningsFrom(result: CommandResult<'status.get'>, wallNow: number): RoomWarning[] {
  if (!result.ok) return [];
  return result.data.rooms.flatMap((room: RoomNotice): RoomWarning[] => {
    const out: RoomWarning[] = [];
    const { site, roomKey, title } = room;
    if (room.duplicateTabIds.length > 0)
      out.push({ kind: 'duplicate', site, roomKey, title, tabs: room.duplicateTabIds.length + 1 });
    const refused = room.refused;
    if (
      refused &&
      (refused.reason === 'before-session' || refused.reason === 'between-sessions') &&
      wallNow - refused.at <= REFUSAL_NOTICE_MS
    ) {
      out.push({ kind: 'refused', site, roomKey, title, reason: refused.reason, count: refused.count });
    }
    const back = room.clockSetBack;
    if (back && Math.abs(wallNow - back.at) <= REFUSAL_NOTICE_MS)
      out.push({
        kind: 'clock-set-back',
        site,
        roomKey,
        title,
        minutes: Math.max(1, Math.round(back.byMs / 60_000)),
      });
    return out;
  });
}
