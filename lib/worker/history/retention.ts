import type { LivecueDb } from '../../store/database';
import { sessionRange } from '../../store/sessionRange';

// Deleting history: chosen sessions and sessions past the retention period.

const DAY_MS = 86_400_000;

/** Deletes sessions with all their samples, comments, actions and cues, in one transaction; returns how many went. */
export async function deleteSessions(db: LivecueDb, sessionIds: readonly string[]): Promise<number> {
  const tables = [
    db.sessions,
    db.samples,
    db.comments,
    db.actions,
    db.cues,
    db.sampleBlocks,
    db.samplePacks,
    db.productSnapshots,
    db.productPins,
  ];
  return db.transaction('rw', tables, async () => {
    let deleted = 0;
    for (const id of sessionIds) {
      const [lower, upper] = sessionRange(id);
      await db.samples.where('[sessionId+ts]').between(lower, upper).delete();
      await db.comments.where('[sessionId+ts]').between(lower, upper).delete();
      // The packed copy of the samples goes with them (history/samplePacking.ts).
      await db.sampleBlocks.where('[sessionId+ts]').between(lower, upper).delete();
      await db.samplePacks.delete(id);
      await db.productSnapshots.where('[sessionId+ts]').between(lower, upper).delete();
      await db.productPins.where('[sessionId+ts]').between(lower, upper).delete();
      await db.actions.where('[sessionId+ts]').between(lower, upper).delete();
      await db.cues.where('sessionId').equals(id).delete();
      if (await db.sessions.get(id)) {
        await db.sessions.delete(id);
        deleted += 1;
      }
    }
    return deleted;
  });
}

/**
 * Deletes ended sessions whose last sample is more than `keepDays` days old; returns their ids.
 * A session still open is kept whatever its age (the silence sweep ends it first). `forget` runs first,
 * so the worker's session registry lets them go before they leave the disk.
 */
export async function applyRetention(
  db: LivecueDb,
  now: number,
  keepDays: number,
  forget: (sessionIds: string[]) => Promise<void> = async () => {},
): Promise<string[]> {
  if (!Number.isFinite(keepDays) || keepDays <= 0) return [];
  const expired = await db.sessions
    .where('lastSampleAt')
    .below(now - keepDays * DAY_MS)
    .filter((row) => row.endedAt !== undefined)
    .primaryKeys();
  if (expired.length === 0) return [];
  await forget(expired);
  await deleteSessions(db, expired);
  return expired;
}
