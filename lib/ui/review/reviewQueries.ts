import type { PlanSlot } from '../../core/engine/types';
import type { LivecueDb } from '../../store/database';
import type { CommentRow, CueRow, SampleRow, SessionRow } from '../../store/rows';
import { sessionRange } from '../../store/sessionRange';
import { type HeldTimeRows, heldTimeRows } from './heldTimeRows';
import type { ProductReview } from './productReview';
import { type SessionFigures, sessionFigures } from './sessionComparison';

export interface ReviewData {
  session: SessionRow;
  samples: SampleRow[];
  comments: CommentRow[];
  cues: CueRow[];
  /** The same room's earlier sessions, newest first (at most `previousLimit`). */
  previous: SessionFigures[];
  figures: SessionFigures;
  /**
   * The session's product table (no rows when the room showed no list); computed after the rest is read
   * (productReviewer.ts), so absent until then.
   */
  productTable?: ProductReview;
  /** The product table is being computed for the first time: the rest of the review is shown meanwhile. */
  productsReading?: true;
  /** The run-of-show in force at the end (the newest plan action), for planned vs really pinned. */
  plan?: PlanSlot[];
}

function lastSampleOf(db: LivecueDb, sessionId: string): Promise<SampleRow | undefined> {
  return db.samples
    .where('[sessionId+ts]')
    .between(...sessionRange(sessionId))
    .last();
}

/** The session's samples and comments as the last read left them: a refresh reads only what is new. */
export interface HeldSessionRows {
  samples: HeldTimeRows<SampleRow>;
  comments: HeldTimeRows<CommentRow>;
}

/** Holders for one review page's reads (heldTimeRows.ts). */
export const heldSessionRows = (): HeldSessionRows => ({
  samples: heldTimeRows((db) => db.samples),
  comments: heldTimeRows((db) => db.comments),
});

/**
 * What the review page shows for one session but its product table (productReviewer.ts: on a long product
 * evening, ~200k rows that take seconds to read and fold); null when the session does not exist. `held`
 * keeps the samples and comments an earlier call read (a new pair reads them whole).
 */
export async function loadReview(
  db: LivecueDb,
  sessionId: string,
  previousLimit = 10,
  held: HeldSessionRows = heldSessionRows(),
): Promise<ReviewData | null> {
  const session = await db.sessions.get(sessionId);
  if (!session) return null;
  const [samples, comments, cues, siblings, plans] = await Promise.all([
    held.samples.read(db, sessionId),
    held.comments.read(db, sessionId),
    db.cues
      .where('[sessionId+firedAt]')
      .between(...sessionRange(sessionId))
      .toArray(),
    db.sessions.where('[site+roomKey]').equals([session.site, session.roomKey]).toArray(),
    db.actions
      .where('[sessionId+ts]')
      .between(...sessionRange(sessionId))
      .filter((action) => action.type === 'plan')
      .toArray(),
  ]);
  const lastPlan = plans.at(-1);
  const earlier = siblings
    .filter((other) => other.startedAt < session.startedAt)
    .sort((a, b) => b.startedAt - a.startedAt)
    .slice(0, previousLimit);
  const previous = await Promise.all(
    earlier.map(async (other) => sessionFigures(other, await lastSampleOf(db, other.id))),
  );
  return {
    session,
    samples,
    comments,
    cues,
    previous,
    figures: sessionFigures(session, samples[samples.length - 1]),
    plan: lastPlan?.type === 'plan' ? lastPlan.plan : [],
  };
}
