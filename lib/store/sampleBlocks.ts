import { type MetricColumn, metricsAt, putMetrics } from './metricColumns';
import type { SampleRow } from './rows';

// A read-optimised copy of a session's samples: a few hundred samples per row, each metric a column of
// numbers. IndexedDB's cost is mostly per row (Chromium hands over ~100k rows/s whatever they hold), so an
// export or a restarted worker that reads these reads many times faster than one that reads a row per
// second. The `samples` table stays the one source of truth: the background packs a live session's older
// samples as the live goes on (a pack with `lastTs`, kept true by its writers: packGuard.ts) and each ended
// session whole (used only while its count matches the rows).

/** Samples per block: ten minutes at one a second. */
export const BLOCK_SIZE = 600;

/** A run of rows that share one value of a field; `absent` means the rows have no such field. */
export interface ValueRun<T> {
  from: number;
  value?: T;
  absent?: true;
}

export interface SampleBlockRow {
  sessionId: string;
  /** The first sample's ts (with sessionId, the key). */
  ts: number;
  count: number;
  times: Float64Array;
  /** Metric id → its column, in the order the ids first appear in the block. */
  metrics: Record<string, MetricColumn>;
  capped: ValueRun<NonNullable<SampleRow['capped']>>[];
  product: ValueRun<SampleRow['product']>[];
  health: ValueRun<NonNullable<SampleRow['health']>>[];
  /**
   * Per row, who sent it (`page:seq`, null when the row names no sender); absent when no row of the block
   * names one. Every reading names its page load since issue 18, so without this no session would pack.
   */
  src?: (string | null)[];
}

/** What a session's blocks cover: written with them in one transaction. */
export interface SamplePackRow {
  sessionId: string;
  /** Samples packed: the blocks count only while the session still has exactly this many. */
  count: number;
  blocks: number;
  packedAt: number;
  /** The session has a row a block cannot give back exactly: its samples are read row by row. */
  flat?: true;
  /**
   * Packed by a packer that carries each row's `src`. A flat pack without it may be flat only for rows with
   * a `src`, so the background packs that session again.
   */
  withSrc?: true;
  /**
   * The session's `lastSampleAt` when packed: a live that went on after its end (a reopen) moves it, and the
   * background packs the grown session again instead of exporting its new stretch row by row for good.
   */
  lastSampleAt?: number;
  /**
   * A live session's pack: its samples up to this time, packed as the live goes on (the rest are rows). The
   * session's writers drop the record when they file a sample at or before it (packGuard.ts); once the
   * session ends the background packs it whole.
   */
  lastTs?: number;
}

const ROW_KEYS = new Set(['sessionId', 'ts', 'metrics', 'capped', 'product', 'health', 'src']);

/** Whether a row holds only what a block can give back exactly (anything else keeps its session unpacked). */
export function isPackable(row: SampleRow): boolean {
  for (const key of Object.keys(row)) if (!ROW_KEYS.has(key)) return false;
  if ('src' in row && typeof row.src !== 'string') return false;
  for (const value of Object.values(row.metrics)) {
    if (value !== null && typeof value !== 'number') return false;
  }
  return true;
}

function runsOf<T>(rows: readonly SampleRow[], pick: (row: SampleRow) => { has: boolean; value?: T }) {
  const runs: ValueRun<T>[] = [];
  let previous: string | undefined;
  rows.forEach((row, index) => {
    const { has, value } = pick(row);
    const key = has ? `=${JSON.stringify(value)}` : '-';
    if (key === previous) return;
    previous = key;
    runs.push(has ? { from: index, value } : { from: index, absent: true });
  });
  return runs;
}

/** Packs rows of one session (in ts order, all packable) into one block. */
export function packBlock(rows: readonly SampleRow[]): SampleBlockRow {
  const count = rows.length;
  const times = new Float64Array(count);
  const metrics: Record<string, MetricColumn> = {};
  rows.forEach((row, index) => {
    times[index] = row.ts;
    putMetrics(metrics, row.metrics, count, index);
  });
  const field = <K extends 'capped' | 'product' | 'health'>(key: K) =>
    runsOf(rows, (row) => (key in row ? { has: true, value: row[key] } : { has: false }));
  const block: SampleBlockRow = {
    sessionId: rows[0]!.sessionId,
    ts: rows[0]!.ts,
    count,
    times,
    metrics,
    capped: field('capped') as ValueRun<NonNullable<SampleRow['capped']>>[],
    product: field('product'),
    health: field('health') as ValueRun<NonNullable<SampleRow['health']>>[],
  };
  if (rows.some((row) => row.src !== undefined)) block.src = rows.map((row) => row.src ?? null);
  return block;
}

/**
 * The rows a block holds, equal to the packed ones (metric keys in the block's order). Rows of one run share
 * its capped / product / health object: read them, do not change them (the exports only read).
 */
export function unpackBlock(block: SampleBlockRow): SampleRow[] {
  const rows: SampleRow[] = new Array(block.count);
  const columns = Object.entries(block.metrics);
  const cursors = { capped: 0, product: 0, health: 0 };
  const valueAt = <T>(runs: ValueRun<T>[], name: keyof typeof cursors, index: number) => {
    while (cursors[name] + 1 < runs.length && runs[cursors[name] + 1]!.from <= index) cursors[name] += 1;
    return runs[cursors[name]];
  };
  for (let i = 0; i < block.count; i++) {
    const metrics = metricsAt(columns, i) as SampleRow['metrics'];
    const row: SampleRow = { sessionId: block.sessionId, ts: block.times[i]!, metrics };
    const capped = valueAt(block.capped, 'capped', i);
    if (capped && !capped.absent) row.capped = capped.value!;
    const product = valueAt(block.product, 'product', i);
    if (product && !product.absent) row.product = product.value;
    const health = valueAt(block.health, 'health', i);
    if (health && !health.absent) row.health = health.value!;
    const src = block.src?.[i];
    if (typeof src === 'string') row.src = src;
    rows[i] = row;
  }
  return rows;
}
