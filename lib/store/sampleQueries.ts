import type { LivecueDb } from './database';
import type { SampleRow } from './rows';
import { unpackBlock } from './sampleBlocks';
import { sessionRange } from './sessionRange';

// Reading a live session's samples: its packed blocks (worker/history/samplePacking.ts) while its live pack is
// whole, and the rows after them. A restarted worker reads ~30k samples of an eight-hour evening as ~50
// blocks before its first fold.

/**
 * A live session's samples dated before `before`, in time order: from its live pack's blocks and the rows
 * after them while it has a whole one, else row by row. Call inside a transaction holding samples,
 * sampleBlocks and samplePacks (sampleTables).
 */
export async function liveSamplesBefore(
  db: LivecueDb,
  sessionId: string,
  before: number,
): Promise<SampleRow[]> {
  const [lower, upper] = sessionRange(sessionId);
  const head: [string, unknown] = [sessionId, before];
  const rowByRow = () => db.samples.where('[sessionId+ts]').between(lower, head, true, false).toArray();
  const pack = await db.samplePacks.get(sessionId);
  if (!pack || pack.flat || pack.lastTs === undefined || pack.blocks === 0) return rowByRow();
  const [blocks, after] = await Promise.all([
    db.sampleBlocks.where('[sessionId+ts]').between(lower, upper, true, true).toArray(),
    db.samples.where('[sessionId+ts]').between([sessionId, pack.lastTs], head, false, false).toArray(),
  ]);
  if (blocks.length !== pack.blocks) return rowByRow();
  const rows: SampleRow[] = [];
  for (const block of blocks) for (const row of unpackBlock(block)) if (row.ts < before) rows.push(row);
  for (const row of after) rows.push(row);
  return rows;
}

/** The tables liveSamplesBefore reads: a transaction around it must hold them. */
export const sampleTables = (db: LivecueDb) => [db.samples, db.sampleBlocks, db.samplePacks];
