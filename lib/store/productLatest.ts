import type { ProductMetricId } from '../core/products/productContract';
import type { ProductField, ProductLatestRow, ProductSnapshotRow } from './productRows';

// A product's latest values folded from its snapshots, field by field: a value stands until a snapshot of
// a later time (or the same) sets it again, so snapshots may come in any order. The worker's ledger keeps
// these as it files, the v6 upgrade builds them from stored snapshots, and an import folds its rows in.

/** The latest values before any snapshot of the product. */
export const emptyLatest = (sessionId: string, productId: string): ProductLatestRow => ({
  sessionId,
  productId,
  metrics: {},
  setAt: {},
});

/** Folds one snapshot of the product into its latest values, in place; true when a field took its value. */
export function foldSnapshot(latest: ProductLatestRow, row: ProductSnapshotRow): boolean {
  let changed = false;
  const newer = (field: ProductField) => (latest.setAt[field] ?? Number.NEGATIVE_INFINITY) <= row.ts;
  if (row.name !== undefined && newer('name')) {
    latest.name = row.name;
    latest.setAt.name = row.ts;
    changed = true;
  }
  if (row.price !== undefined && newer('price')) {
    latest.price = row.price;
    latest.setAt.price = row.ts;
    changed = true;
  }
  for (const id in row.metrics) {
    const metric = id as ProductMetricId;
    const value = row.metrics[metric];
    if (value === undefined || !newer(metric)) continue;
    latest.metrics[metric] = value;
    latest.setAt[metric] = row.ts;
    changed = true;
  }
  return changed;
}

/**
 * The latest values of every product the snapshots touch, each folded onto what `held` gives for it (its
 * stored row) or from empty. The v6 upgrade folds every stored snapshot; an import, the rows it adds.
 */
export function foldByProduct(
  snapshots: Iterable<ProductSnapshotRow>,
  held: (sessionId: string, productId: string) => ProductLatestRow | undefined = () => undefined,
): ProductLatestRow[] {
  const latest = new Map<string, ProductLatestRow>();
  for (const row of snapshots) {
    const key = productKey(row.sessionId, row.productId);
    let into = latest.get(key);
    if (!into) {
      into = held(row.sessionId, row.productId) ?? emptyLatest(row.sessionId, row.productId);
      latest.set(key, into);
    }
    foldSnapshot(into, row);
  }
  return [...latest.values()];
}

/** One product of one session, as a map key. */
export const productKey = (sessionId: string, productId: string) => `${sessionId}\u0000${productId}`;

/** The newest time any field of these latest values was set (−∞ for none). */
export function newestSetAt(latest: ProductLatestRow): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const field in latest.setAt) newest = Math.max(newest, latest.setAt[field as ProductField]!);
  return newest;
}

/** A copy that shares nothing with `latest` (the ledger keeps its own and hands copies to the queue). */
export const copyLatest = (latest: ProductLatestRow): ProductLatestRow => ({
  ...latest,
  metrics: { ...latest.metrics },
  setAt: { ...latest.setAt },
});
