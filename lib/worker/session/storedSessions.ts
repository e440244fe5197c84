import type { LivecueDb } from '../../store/database';
import { sessionLatest, sessionSnapshots, snapshotTables } from '../../store/productQueries';
import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from '../../store/productRows';
import type { ActionRow, CommentRow, SampleRow, SessionRow } from '../../store/rows';
import { liveSamplesBefore, sampleTables } from '../../store/sampleQueries';
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
  products: { snapshots: ProductSnapshotRow[]; pins: ProductPinRow[]; latest: ProductLatestRow[] };
}

/**
 * A session's stored samples, actions, comments and product rows: what the engine refolds after the worker
 * restarts.
 */
export function loadSessionEvents(db: LivecueDb, sessionId: string): Promise<SessionEvents> {
  return loadSessionTail(db, sessionId, Number.NEGATIVE_INFINITY);
}

/**
 * What filing a reading dated `from` or later needs of a stored session: its samples, comments and product
 * snapshots dated `from` or later (a resent row is found among those at its time and just after), every
 * action and pin change (few), and each product's latest values (one row per product: the product list
 * files only what changed since them). A restarted worker stores the reading it woke for after reading a
 * few rows, not hours of them (issue 19); the rest comes with loadSessionHead before the first fold. From
 * −∞ it is every row (loadSessionEvents), the product snapshots by the table's own key.
 */
export function loadSessionTail(db: LivecueDb, sessionId: string, from: number): Promise<SessionEvents> {
  const [lower, upper] = sessionRange(sessionId);
  const tail: [string, unknown] = [sessionId, from];
  const tables = [
    db.samples,
    db.actions,
    db.comments,
    ...snapshotTables(db),
    db.productPins,
    db.productLatest,
  ];
  return db.transaction('r', tables, async () => {
    const [samples, actions, comments, snapshots, pins, latest] = await Promise.all([
      db.samples.where('[sessionId+ts]').between(tail, upper, true, true).toArray(),
      db.actions.where('[sessionId+ts]').between(lower, upper).toArray(),
      db.comments.where('[sessionId+ts]').between(tail, upper, true, true).toArray(),
      Number.isFinite(from)
        ? db.productSnapshots.where('[sessionId+ts]').between(tail, upper, true, true).toArray()
        : sessionSnapshots(db, sessionId),
      db.productPins.where('[sessionId+ts]').between(lower, upper).toArray(),
      sessionLatest(db, sessionId),
    ]);
    return { samples, actions, comments, products: { snapshots, pins, latest } };
  });
}

/**
 * The samples, comments and product snapshots of a stored session dated before `before`: what loadSessionTail
 * left out. The samples come from the session's live pack while it is whole (sampleQueries.ts), the
 * snapshots from its product pack, else by the table's own key (sessionSnapshots), and the few the tail
 * held are dropped here.
 */
export function loadSessionHead(
  db: LivecueDb,
  sessionId: string,
  before: number,
): Promise<{ samples: SampleRow[]; comments: CommentRow[]; productSnapshots: ProductSnapshotRow[] }> {
  const [lower] = sessionRange(sessionId);
  const head: [string, unknown] = [sessionId, before];
  return db.transaction('r', [...sampleTables(db), db.comments, ...snapshotTables(db)], async () => {
    const [samples, comments, snapshots] = await Promise.all([
      liveSamplesBefore(db, sessionId, before),
      db.comments.where('[sessionId+ts]').between(lower, head, true, false).toArray(),
      sessionSnapshots(db, sessionId),
    ]);
    return { samples, comments, productSnapshots: snapshots.filter((row) => row.ts < before) };
  });
}
