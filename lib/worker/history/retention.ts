import type { LivecueDb } from '../../store/database';
import { REPORT_NAMES, type RetentionReport } from '../../store/retentionReport';
import type { SessionRow } from '../../store/rows';
import { sessionRange } from '../../store/sessionRange';

// Deleting history: chosen sessions, and sessions past the retention period counted from when they arrived.

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
    db.productLatest,
    db.productBlocks,
    db.productPacks,
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
      await db.productLatest.where('[sessionId+productId]').between([id], [id, []]).delete();
      await db.productBlocks.where('[sessionId+ts]').between(lower, upper).delete();
      await db.productPacks.delete(id);
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
 * When a session's rows arrived on this computer: an imported one at its import, a recorded one when its
 * last sample came (its last reading's time on the wall clock of the worker that stored it).
 */
export function arrivedAt(row: SessionRow): number {
  return row.importedAt ?? row.lastSampleAt + (row.clockOffsetMs ?? 0);
}

/**
 * Deletes ended sessions whose rows arrived more than `keepDays` days ago, and keeps a report of what went
 * for the sessions page (retentionReport.ts); returns their ids. History imported today is kept however old
 * its dates. A session still open is kept whatever its age (the silence sweep ends it first). `forget` runs
 * first, so the worker's session registry lets them go before they leave the disk.
 */
export async function applyRetention(
  db: LivecueDb,
  now: number,
  keepDays: number,
  forget: (sessionIds: string[]) => Promise<void> = async () => {},
): Promise<string[]> {
  if (!Number.isFinite(keepDays) || keepDays <= 0) return [];
  const cutoff = now - keepDays * DAY_MS;
  const expired = (
    await db.sessions.filter((row) => row.endedAt !== undefined && arrivedAt(row) < cutoff).toArray()
  ).sort((a, b) => a.startedAt - b.startedAt);
  if (expired.length === 0) return [];
  const ids = expired.map((row) => row.id);
  await forget(ids);
  await deleteSessions(db, ids);
  const report: RetentionReport = {
    at: now,
    keepDays,
    count: expired.length,
    sessions: expired.slice(0, REPORT_NAMES).map(({ id, title, startedAt }) => ({ id, title, startedAt })),
  };
  await db.settings.put({ key: 'retention', value: report });
  return ids;
}
