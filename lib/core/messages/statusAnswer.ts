import type { SampleRefusal } from './portProtocol';
import type { ReaderHealth } from './sample';

// What the background reports about itself and the rooms it hears (the `status.get` answer), for the side
// panel's notices: a failing disk, a room it cannot read, a room open in two tabs, readings it refused.

/** The write queue's state: every write landed, or some sessions' rows wait in memory after a failure. */
export type WriteStatus =
  | { state: 'ok' }
  | {
      state: 'failing';
      error: string;
      /** Rows waiting in memory. */
      pending: number;
      /** When writes began failing (epoch ms). */
      since: number;
      /** Sessions whose rows are failing to land. */
      sessions: string[];
    };

/** A room that reports but whose numbers cannot be read: no session starts for it. */
export interface UnreadRoom {
  site: string;
  roomKey: string;
  title?: string;
  health: ReaderHealth;
  at: number;
}

/** What the operator should know about one room the background hears. */
export interface RoomNotice {
  site: string;
  roomKey: string;
  title?: string;
  /** The tab whose readings feed the room's session. */
  feedingTabId?: number;
  /** Other tabs showing the same room: told they are duplicates, their readings refused. */
  duplicateTabIds: number[];
  /** The latest kind of reading the background refused for this room, and how many since the worker started. */
  refused?: { reason: SampleRefusal; count: number; at: number };
  /**
   * The computer's clock went back under the room's session (by `byMs`, seen at `at`): the session was
   * closed there and the readings after went to a new one, never mixed into the old timeline.
   */
  clockSetBack?: { byMs: number; at: number };
}

export interface StatusAnswer {
  write: WriteStatus;
  pendingWrites: number;
  liveSessions: number;
  unreadRooms: UnreadRoom[];
  rooms: RoomNotice[];
}
