import type { LivecueDb } from '../../store/database';
import { sessionSnapshots } from '../../store/productQueries';
import type { ProductPinRow, ProductSnapshotRow } from '../../store/productRows';
import type { ActionRow, CommentRow, SampleRow, SessionRow } from '../../store/rows';
import { sessionRange } from '../../store/sessionRange';

// What the session registry reads from the database: a room's sessions when it first hears the room, a
// session's events when it folds one, the open sessions when time passes. Only reads: every write of the
// live path goes through the write queue.

/** Every session of a room, open or ended. */
export function loadRoomSessions(db: LivecueDb, site: string, roomKey: string): Promise<SessionRow[]> {
  return db.sessions.where('[site+roomKey]').equals([site, roomKey]).toArray();
}

/** The sessions stored as open (the registry may hold newer state of some). */
export function loadOpenSessions(db: LivecueDb): Promise<SessionRow[]> {
  return db.sessions.filter((row) => row.endedAt === undefined).toArray();
}

/** A session's stored rows: what the engine refolds after the worker restarts. */
export interface SessionEvents {
  samples: SampleRow[];
  actions: ActionRow[];
  comments: CommentRow[];
  products: { snapshots: ProductSnapshotRow[]; pins: ProductPinRow[] };
}

/**
 * A session's stored samples, actions, comments and product rows: what the engine refolds after the worker
 * restarts.
 */
export function loadSessionEvents(db: LivecueDb, sessionId: string): Promise<SessionEvents> {
  return loadSessionTail(db, sessionId, Number.NEGATIVE_INFINITY);
}

/**
 * What filing a reading dated `from` or later needs of a stored session: its samples and comments dated
 * `from` or later (a resent row is found among those at its time and just after), and every action and
 * product row (the product list files only what changed since the values it holds, so it needs them all).
 * A restarted worker stores the reading it woke for after reading a few samples, not hours of them (issue
 * 19); the rest comes with loadSessionHead before the first fold. The product rows are not few on a long
 * evening with a busy table (~200k in 8 hours redrawn every 3–6 s): README → Budgets says what that costs.
 */
export function loadSessionTail(db: LivecueDb, sessionId: string, from: number): Promise<SessionEvents> {
  const [lower, upper] = sessionRange(sessionId);
  const tail: [string, unknown] = [sessionId, from];
  const tables = [db.samples, db.actions, db.comments, db.productSnapshots, db.productPins];
  return db.transaction('r', tables, async () => {
    const [samples, actions, comments, snapshots, pins] = await Promise.all([
      db.samples.where('[sessionId+ts]').between(tail, upper, true, true).toArray(),
      db.actions.where('[sessionId+ts]').between(lower, upper).toArray(),
      db.comments.where('[sessionId+ts]').between(tail, upper, true, true).toArray(),
      sessionSnapshots(db, sessionId),
      db.productPins.where('[sessionId+ts]').between(lower, upper).toArray(),
    ]);
    return { samples, actions, comments, products: { snapshots, pins } };
  });
}

/** The samples and comments of a stored session dated before `before`: what loadSessionTail left out. */
export function loadSessionHead(
  db: LivecueDb,
  sessionId: string,
  before: number,
): Promise<{ samples: SampleRow[]; comments: CommentRow[] }> {
  const [lower] = sessionRange(sessionId);
  const head: [string, unknown] = [sessionId, before];
  return db.transaction('r', [db.samples, db.comments], async () => {
    const [samples, comments] = await Promise.all([
      db.samples.where('[sessionId+ts]').between(lower, head, true, false).toArray(),
      db.comments.where('[sessionId+ts]').between(lower, head, true, false).toArray(),
    ]);
    return { samples, comments };
  });
}
