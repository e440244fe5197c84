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

/**
 * Yields a session's samples in time order, about `chunkSize` rows per query. Queries cover time
 * windows sized from the session's sampling density, so the next window can be fetched while the
 * caller works on the current one: in Chromium most of an export's read time is the renderer turning
 * rows back into objects, and this overlaps the database's own part with it.
 */
export async function* sampleChunks(
  db: LivecueDb,
  sessionId: string,
  chunkSize = DEFAULT_EXPORT_CHUNK,
): AsyncGenerator<SampleRow[]> {
  const [lower, upper] = sessionRange(sessionId);
  const all = () => db.samples.where('[sessionId+ts]').between(lower, upper);
  const [first, last, count] = await Promise.all([all().first(), all().last(), all().count()]);
  if (!first || !last) return;
  const end = last.ts + 1;
  let windowMs = Math.max(1, Math.ceil(((end - first.ts) * chunkSize) / count));
  const fetch = (from: number, to: number) => {
    const rows = db.samples
      .where('[sessionId+ts]')
      .between([sessionId, from], [sessionId, to], true, false)
      .toArray();
    // Marked handled at once: if the caller stops early, a failed prefetch must not go unhandled.
    rows.catch(() => undefined);
    return rows;
  };
  let from = first.ts;
  let to = Math.min(end, from + windowMs);
  let pending = fetch(from, to);
  while (from < end) {
    const rows = await pending;
    // Dense stretches (several samples a second) shrink the next windows, sparse ones grow them.
    if (rows.length > 2 * chunkSize) windowMs = Math.max(1, Math.floor(windowMs / 2));
    else if (rows.length < chunkSize / 2) windowMs *= 2;
    from = to;
    to = Math.min(end, from + windowMs);
    if (from < end) pending = fetch(from, to);
    if (rows.length) yield rows;
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
