import type { PlanSlot } from '../../core/engine/types';
import type { LivecueDb } from '../../store/database';
import { type SessionProductRows, sessionPins, sessionSnapshotPages } from '../../store/productQueries';
import { type ProductReview, productReview } from './productReview';

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

/** The session's product table at `end`, read and computed on the calling thread (the worker's, or the page's). */
export async function productTableOf(
  db: LivecueDb,
  sessionId: string,
  end: number,
  plan: readonly PlanSlot[],
): Promise<ProductReview> {
  return productReview(await loadReviewProducts(db, sessionId), end, plan);
}
