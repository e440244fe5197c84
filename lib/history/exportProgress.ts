import { Dexie } from 'dexie';
import type { LivecueDb } from '../db/database';
import type { SampleRow } from '../db/rows';

// Shared by the JSON and CSV exports: progress reports and reading a session's samples page by page,
// so an 8-hour session never sits in memory as one array.

export interface ExportProgress {
  /** Rows written so far and rows in all (samples, actions and cues of the chosen sessions). */
  done: number;
  total: number;
}
export type OnExportProgress = (progress: ExportProgress) => void;

export const DEFAULT_EXPORT_CHUNK = 5000;

/** Yields a session's samples in time order, `chunkSize` rows per query. */
export async function* sampleChunks(
  db: LivecueDb,
  sessionId: string,
  chunkSize = DEFAULT_EXPORT_CHUNK,
): AsyncGenerator<SampleRow[]> {
  let lower: number | typeof Dexie.minKey = Dexie.minKey;
  let includeLower = true;
  for (;;) {
    const rows = await db.samples
      .where('[sessionId+ts]')
      .between([sessionId, lower], [sessionId, Dexie.maxKey], includeLower, true)
      .limit(chunkSize)
      .toArray();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < chunkSize) return;
    lower = rows[rows.length - 1]!.ts;
    includeLower = false;
  }
}

export function sessionRange(sessionId: string): [[string, unknown], [string, unknown]] {
  return [
    [sessionId, Dexie.minKey],
    [sessionId, Dexie.maxKey],
  ];
}

/** Rows the export of these sessions will write, for the progress bar. */
export async function countExportRows(db: LivecueDb, sessionIds: readonly string[]): Promise<number> {
  let total = 0;
  for (const id of sessionIds) {
    const [lower, upper] = sessionRange(id);
    const [samples, actions, cues] = await Promise.all([
      db.samples.where('[sessionId+ts]').between(lower, upper).count(),
      db.actions.where('[sessionId+ts]').between(lower, upper).count(),
      db.cues.where('sessionId').equals(id).count(),
    ]);
    total += samples + actions + cues;
  }
  return total;
}
