import { Dexie, type Table } from 'dexie';
import type { LivecueDb } from '../../store/database';
import type { ProductSnapshotRow } from '../../store/productRows';
import type { SampleRow, SessionRow } from '../../store/rows';
import { type SampleBlockRow, unpackBlock } from '../../store/sampleBlocks';
import { sessionRange } from '../../store/sessionRange';

// Shared by the JSON and CSV exports: progress reports and reading a session's samples page by page,
// so an 8-hour session never sits in memory as one array.

export interface ExportProgress {
  /** Rows written so far and rows in all (samples, comments, actions and cues of the chosen sessions). */
  done: number;
  total: number;
}
export type OnExportProgress = (progress: ExportProgress) => void;

export const DEFAULT_EXPORT_CHUNK = 5000;

/** Windows fetched ahead of the one being worked on (measured in Chromium: 2 ahead reads ~20% faster than none). */
const PREFETCH = 2;

/**
 * A session's samples in time order, about `chunkSize` rows at a time: as the packed blocks that hold them
 * (an ended session, a few rows instead of thousands) while the blocks still cover every sample of their
 * stretch, and as rows read row by row (see timeChunks) for the rest. A session that grew after it was
 * packed (an import, a live that went on) reads its blocks and only the rows around them; one whose
 * packed stretch changed is read row by row. The JSON export writes blocks without unpacking them
 * (sampleBlockJson.ts), the CSV export reads their columns (sampleTable.ts).
 */
export async function* samplePieces(
  db: LivecueDb,
  sessionId: string,
  chunkSize = DEFAULT_EXPORT_CHUNK,
): AsyncGenerator<SamplePiece> {
  const [lower, upper] = sessionRange(sessionId);
  const [pack, count] = await Promise.all([
    db.samplePacks.get(sessionId),
    db.samples.where('[sessionId+ts]').between(lower, upper).count(),
  ]);
  const stretch = pack && !pack.flat && count > 0 ? await packedStretch(db, sessionId) : null;
  const packedCount = pack?.count ?? 0;
  const grown = packedCount < count;
  // Samples are only ever added: the blocks hold every sample of their stretch while it has exactly as
  // many as were packed.
  const packed =
    stretch !== null &&
    (packedCount === count ||
      (grown &&
        (await db.samples
          .where('[sessionId+ts]')
          .between([sessionId, stretch.first], [sessionId, stretch.last], true, true)
          .count()) === packedCount));
  if (!packed) {
    for await (const rows of timeChunks(db.samples, sessionId, chunkSize)) yield { rows };
    return;
  }
  if (grown) {
    for await (const rows of timeChunks(db.samples, sessionId, chunkSize, [lower[1], stretch.first])) {
      yield { rows };
    }
  }
  for await (const blocks of packedChunks(db, sessionId, chunkSize)) yield { blocks };
  if (grown) {
    const after = timeChunks(db.samples, sessionId, chunkSize, [stretch.last, upper[1]], true);
    for await (const rows of after) yield { rows };
  }
}

/** The ts of the first and the last sample a session's blocks hold, or null without blocks. */
async function packedStretch(
  db: LivecueDb,
  sessionId: string,
): Promise<{ first: number; last: number } | null> {
  const [lower, upper] = sessionRange(sessionId);
  const blocks = () => db.sampleBlocks.where('[sessionId+ts]').between(lower, upper);
  const [first, last] = await Promise.all([blocks().first(), blocks().last()]);
  if (!first || !last || last.count === 0) return null;
  return { first: first.ts, last: last.times[last.count - 1]! };
}

/** Some of a session's samples: packed blocks (in order, each whole) or rows. */
export type SamplePiece =
  | { blocks: SampleBlockRow[]; rows?: undefined }
  | { rows: SampleRow[]; blocks?: undefined };

/** The samples a piece holds. */
export const pieceCount = (piece: SamplePiece) =>
  piece.rows ? piece.rows.length : piece.blocks.reduce((sum, block) => sum + block.count, 0);

/** A session's samples in time order as rows, about `chunkSize` at a time (see samplePieces). */
export async function* sampleChunks(
  db: LivecueDb,
  sessionId: string,
  chunkSize = DEFAULT_EXPORT_CHUNK,
): AsyncGenerator<SampleRow[]> {
  for await (const piece of samplePieces(db, sessionId, chunkSize)) {
    if (piece.rows) yield piece.rows;
    else {
      const rows: SampleRow[] = [];
      for (const block of piece.blocks) for (const row of unpackBlock(block)) rows.push(row);
      yield rows;
    }
  }
}

/** A session's comments in time order, chunked like its samples. */
export const commentChunks = (db: LivecueDb, sessionId: string, chunkSize = DEFAULT_EXPORT_CHUNK) =>
  timeChunks(db.comments, sessionId, chunkSize);

/** A session's product snapshots in time order (by their `[sessionId+ts]` index), chunked like its samples. */
export const productSnapshotChunks = (db: LivecueDb, sessionId: string, chunkSize = DEFAULT_EXPORT_CHUNK) =>
  timeChunks(
    db.productSnapshots as unknown as Table<ProductSnapshotRow, [string, number]>,
    sessionId,
    chunkSize,
  );

/**
 * Yields a session's rows of a `[sessionId+ts]` table in time order, about `chunkSize` rows per query.
 * Queries cover time windows sized from the session's density, so the next windows are fetched while the
 * caller works on the current one: in Chromium an export's time is mostly IndexedDB handing rows over, and
 * requests in flight together overlap that with the export's own work.
 */
async function* timeChunks<Row extends { ts: number }>(
  table: Table<Row, [string, number]>,
  sessionId: string,
  chunkSize: number,
  /** Only rows from `span[0]` (included) to `span[1]` (excluded), or after `span[0]` when `afterStart`. */
  span?: [unknown, unknown],
  afterStart = false,
): AsyncGenerator<Row[]> {
  const [lower, upper] = sessionRange(sessionId);
  const from = span ? [sessionId, span[0]] : lower;
  const to = span ? [sessionId, span[1]] : upper;
  const all = () => table.where('[sessionId+ts]').between(from, to, !afterStart, false);
  const [first, last, count] = await Promise.all([all().first(), all().last(), all().count()]);
  if (!first || !last) return;
  const end = last.ts + 1;
  const averageWindowMs = Math.max(1, Math.ceil(((end - first.ts) * chunkSize) / count));
  let windowMs = averageWindowMs;
  let next = first.ts;
  const inFlight: Promise<Row[]>[] = [];
  const fetchAhead = () => {
    while (inFlight.length <= PREFETCH && next < end) {
      const to = Math.min(end, next + windowMs);
      const rows = table
        .where('[sessionId+ts]')
        .between([sessionId, next], [sessionId, to], true, false)
        .toArray();
      // Marked handled at once: if the caller stops early, a failed prefetch must not go unhandled.
      rows.catch(() => undefined);
      inFlight.push(rows);
      next = to;
    }
  };
  fetchAhead();
  while (inFlight.length > 0) {
    const rows = await inFlight.shift()!;
    // Dense stretches (several samples a second) shrink the windows still to fetch, sparse ones grow them.
    if (rows.length > 2 * chunkSize) windowMs = Math.max(1, Math.floor(windowMs / 2));
    else if (rows.length < chunkSize / 2) windowMs = Math.min(windowMs * 2, 8 * averageWindowMs);
    fetchAhead();
    if (rows.length) yield rows;
  }
}

/** Blocks fetched per query when reading a packed session (about ten thousand samples). */
const BLOCKS_PER_READ = 16;

/** A packed session's blocks in time order, about `chunkSize` samples at a time, the next blocks read ahead. */
async function* packedChunks(
  db: LivecueDb,
  sessionId: string,
  chunkSize: number,
): AsyncGenerator<SampleBlockRow[]> {
  const [, upper] = sessionRange(sessionId);
  const read = (from: unknown, inclusive: boolean) => {
    const blocks = db.sampleBlocks
      .where('[sessionId+ts]')
      .between([sessionId, from], upper, inclusive, true)
      .limit(BLOCKS_PER_READ)
      .toArray();
    blocks.catch(() => undefined);
    return blocks;
  };
  let next = read(Dexie.minKey, true);
  let batch: SampleBlockRow[] = [];
  let samples = 0;
  for (;;) {
    const blocks = await next;
    const last = blocks[blocks.length - 1];
    if (last && blocks.length === BLOCKS_PER_READ) next = read(last.ts, false);
    for (const block of blocks) {
      batch.push(block);
      samples += block.count;
      if (samples >= chunkSize) {
        yield batch;
        batch = [];
        samples = 0;
      }
    }
    if (!last || blocks.length < BLOCKS_PER_READ) break;
  }
  if (batch.length) yield batch;
}

/** Rows the export of these sessions will write, for the progress bar. */
export async function countExportRows(db: LivecueDb, sessionIds: readonly string[]): Promise<number> {
  let total = 0;
  for (const id of sessionIds) {
    const [lower, upper] = sessionRange(id);
    const [samples, comments, actions, cues, snapshots, pins] = await Promise.all([
      db.samples.where('[sessionId+ts]').between(lower, upper).count(),
      db.comments.where('[sessionId+ts]').between(lower, upper).count(),
      db.actions.where('[sessionId+ts]').between(lower, upper).count(),
      db.cues.where('sessionId').equals(id).count(),
      db.productSnapshots.where('[sessionId+ts]').between(lower, upper).count(),
      db.productPins.where('[sessionId+ts]').between(lower, upper).count(),
    ]);
    total += samples + comments + actions + cues + snapshots + pins;
  }
  return total;
}

/**
 * The start of every export: the chosen sessions that still exist, in the order asked, and the rows they
 * will write, told to the progress bar as 0 done.
 */
export async function exportStart(
  db: LivecueDb,
  sessionIds: readonly string[],
  onProgress: OnExportProgress,
): Promise<{ sessions: SessionRow[]; total: number }> {
  const sessions = (await db.sessions.bulkGet([...sessionIds])).filter((row): row is SessionRow => !!row);
  const total = await countExportRows(
    db,
    sessions.map((row) => row.id),
  );
  onProgress({ done: 0, total });
  return { sessions, total };
}
