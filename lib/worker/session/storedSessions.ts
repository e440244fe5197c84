import type { LivecueDb } from '../../store/database';
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

/**
 * A session's stored samples, actions, comments and product rows: what the engine refolds after the worker
 * restarts.
 */
export async function loadSessionEvents(
  db: LivecueDb,
  sessionId: string,
): Promise<{
  samples: SampleRow[];
  actions: ActionRow[];
  comments: CommentRow[];
  products: { snapshots: ProductSnapshotRow[]; pins: ProductPinRow[] };
}> {
  const [lower, upper] = sessionRange(sessionId);
  const tables = [db.samples, db.actions, db.comments, db.productSnapshots, db.productPins];
  return db.transaction('r', tables, async () => {
    const [samples, actions, comments, snapshots, pins] = await Promise.all([
      db.samples.where('[sessionId+ts]').between(lower, upper).toArray(),
      db.actions.where('[sessionId+ts]').between(lower, upper).toArray(),
      db.comments.where('[sessionId+ts]').between(lower, upper).toArray(),
      db.productSnapshots.where('[sessionId+ts]').between(lower, upper).toArray(),
      db.productPins.where('[sessionId+ts]').between(lower, upper).toArray(),
    ]);
    return { samples, actions, comments, products: { snapshots, pins } };
  });
}
