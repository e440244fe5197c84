import { PRODUCT_METRIC_IDS, type ProductValueSource } from '../core/products/productContract';
import { type MetricColumn, metricsAt, putMetrics } from './metricColumns';
import type { ProductSnapshotRow } from './productRows';

// A read-optimised copy of a session's product snapshots (DB v7): up to BLOCK_ROWS snapshots of several
// products per row, each metric a column of numbers. IndexedDB costs about the same per row whatever the row
// holds (~3 s per 192k snapshot rows in Chromium here, by any reader), so a long evening read as blocks comes
// many times faster. `productSnapshots` stays the one source of truth: the background packs a session's
// older snapshots as the live goes on (worker/history/productPacking.ts); every writer of snapshots drops a
// pack that a row it files reaches back into (packGuard.ts), so a reader takes the blocks of any pack
// it finds whole (productQueries.ts).

/** Snapshots per block at most (a reading's rows are never split, so one time's rows may make a block longer). */
export const PRODUCT_BLOCK_ROWS = 2000;

export interface ProductBlockRow {
  sessionId: string;
  /** The first snapshot's ts (with sessionId, the key). */
  ts: number;
  /** The last snapshot's ts. */
  lastTs: number;
  count: number;
  times: Float64Array;
  /** The block's product ids; `product` holds each row's index into them. */
  products: string[];
  product: Uint32Array;
  /** Metric id → its column. */
  metrics: Record<string, MetricColumn>;
  /** Metric id → each row's source of it: 0 none, else SOURCES' index + 1. */
  sources: Record<string, Uint8Array>;
  /** Per row, 1 when it names its values' sources (even none); absent when no row does. */
  sourced?: Uint8Array;
  /** The few rows that name the product or its price (when they change): row index → those fields. */
  labels: Record<number, { name?: string; price?: number }>;
}

/**
 * What a session's blocks cover: every snapshot dated `lastTs` or earlier, `rows` of them, in `blocks`
 * blocks. Written with its blocks in one transaction. `flat`: the session has a snapshot a block cannot give
 * back exactly, so it is read row by row.
 */
export interface ProductPackRow {
  sessionId: string;
  lastTs: number;
  rows: number;
  blocks: number;
  /** Names one packing of the session from its start: a pack started over has another (a paged reader checks it). */
  epoch: string;
  flat?: true;
  /** An ended session packed to its end: its `lastSampleAt` then (a reopened live moves it). */
  finalAt?: number;
}

const SOURCES: readonly ProductValueSource[] = ['dom', 'json'];
const ROW_KEYS = new Set(['sessionId', 'productId', 'ts', 'name', 'price', 'metrics', 'sources']);
const METRIC_KEYS = new Set<string>(PRODUCT_METRIC_IDS);

/** Whether a block gives this snapshot back exactly (anything else leaves its session read row by row). */
export function isPackableSnapshot(row: ProductSnapshotRow): boolean {
  for (const key of Object.keys(row)) if (!ROW_KEYS.has(key)) return false;
  if (typeof row.productId !== 'string' || typeof row.ts !== 'number') return false;
  if ('name' in row && typeof row.name !== 'string') return false;
  if ('price' in row && typeof row.price !== 'number') return false;
  if (typeof row.metrics !== 'object' || row.metrics === null) return false;
  for (const [id, value] of Object.entries(row.metrics)) {
    if (!METRIC_KEYS.has(id) || (value !== null && typeof value !== 'number')) return false;
  }
  if ('sources' in row) {
    if (typeof row.sources !== 'object' || row.sources === null) return false;
    for (const [id, source] of Object.entries(row.sources)) {
      if (!METRIC_KEYS.has(id) || !SOURCES.includes(source as ProductValueSource)) return false;
    }
  }
  return true;
}

/** Packs snapshots of one session (in ts order, all packable) into one block. */
export function packProductBlock(rows: readonly ProductSnapshotRow[]): ProductBlockRow {
  const count = rows.length;
  const times = new Float64Array(count);
  const product = new Uint32Array(count);
  const products: string[] = [];
  const indexOf = new Map<string, number>();
  const metrics: Record<string, MetricColumn> = {};
  const sources: Record<string, Uint8Array> = {};
  const labels: ProductBlockRow['labels'] = {};
  const sourced = rows.some((row) => row.sources !== undefined) ? new Uint8Array(count) : undefined;
  rows.forEach((row, i) => {
    times[i] = row.ts;
    let index = indexOf.get(row.productId);
    if (index === undefined) {
      index = products.push(row.productId) - 1;
      indexOf.set(row.productId, index);
    }
    product[i] = index;
    putMetrics(metrics, row.metrics, count, i);
    if (sourced && row.sources !== undefined) sourced[i] = 1;
    for (const [id, source] of Object.entries(row.sources ?? {})) {
      sources[id] ??= new Uint8Array(count);
      sources[id][i] = SOURCES.indexOf(source) + 1;
    }
    if (row.name !== undefined || row.price !== undefined) {
      labels[i] = {};
      if (row.name !== undefined) labels[i].name = row.name;
      if (row.price !== undefined) labels[i].price = row.price;
    }
  });
  return {
    sessionId: rows[0]!.sessionId,
    ts: rows[0]!.ts,
    lastTs: rows[count - 1]!.ts,
    count,
    times,
    products,
    product,
    metrics,
    sources,
    labels,
    ...(sourced && { sourced }),
  };
}

/** The snapshots a block holds, equal to the packed ones. */
export function unpackProductBlock(
  block: ProductBlockRow,
  into: ProductSnapshotRow[] = [],
): ProductSnapshotRow[] {
  const columns = Object.entries(block.metrics);
  const sourceColumns = Object.entries(block.sources);
  for (let i = 0; i < block.count; i++) {
    const metrics = metricsAt(columns, i) as ProductSnapshotRow['metrics'];
    const row: ProductSnapshotRow = {
      sessionId: block.sessionId,
      productId: block.products[block.product[i]!]!,
      ts: block.times[i]!,
      metrics,
    };
    const label = block.labels[i];
    if (label?.name !== undefined) row.name = label.name;
    if (label?.price !== undefined) row.price = label.price;
    if (block.sourced?.[i]) {
      const sources: NonNullable<ProductSnapshotRow['sources']> = {};
      for (const [id, codes] of sourceColumns) {
        const code = codes[i]!;
        if (code !== 0) sources[id as keyof typeof sources] = SOURCES[code - 1]!;
      }
      row.sources = sources;
    }
    into.push(row);
  }
  return into;
}
