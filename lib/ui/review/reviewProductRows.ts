import type { LivecueDb } from '../../store/database';
import { type SessionProductRows, sessionPins, sessionSnapshotPages } from '../../store/productQueries';

/**
 * The session's product rows, for the review's product table (empty when the room showed no list), read a
 * page at a time by the table's own key: one read of a long evening's ~200k rows held its thread for a
 * second.
 */
export async function loadReviewProducts(db: LivecueDb, sessionId: string): Promise<SessionProductRows> {
  const pins = sessionPins(db, sessionId);
  const snapshots: SessionProductRows['snapshots'] = [];
  for await (const page of sessionSnapshotPages(db, sessionId)) for (const row of page) snapshots.push(row);
  return { snapshots, pins: await pins };
}
