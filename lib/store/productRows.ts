import { Dexie } from 'dexie';
import type {
  ProductMetricId,
  ProductMetricValues,
  ProductValueSource,
} from '../core/products/productContract';

// Row shapes of the per-product tables (DB v5, DESIGN.md §5): what each product of a room's product list
// showed, filed only when a value changed, and which product was pinned / explained from when.

/**
 * One product's changed values at one reading. Only what changed since the product's row before is here:
 * a product's state at a time is its rows up to then, merged (ProductLedger, lib/worker/session).
 */
export interface ProductSnapshotRow {
  sessionId: string;
  /** The platform's product id (the visible ID, never a position in the list). */
  productId: string;
  /** The sample's time (epoch ms): a snapshot rides on a sample. */
  ts: number;
  name?: string;
  price?: number;
  /** Changed values only; null: the cell was shown and could not be read. */
  metrics: ProductMetricValues;
  /** Where each value came from (the visible table or the page's own JSON). */
  sources?: Partial<Record<ProductMetricId, ProductValueSource>>;
}

/** A field of a product row: its name, its price, or one of its metrics. */
export type ProductField = ProductMetricId | 'name' | 'price';

/**
 * One product's latest values in a session (DB v6), as its snapshots up to now add up to (foldSnapshot,
 * productLatest.ts): what the worker files a reading against, so a restarted worker reads one row per
 * product, not an evening of snapshots. Written in the same transaction as the snapshots it folds; derived
 * from them, so never exported.
 */
export interface ProductLatestRow {
  sessionId: string;
  productId: string;
  name?: string;
  price?: number;
  /** Each metric's latest value; null: the cell was shown and could not be read. */
  metrics: ProductMetricValues;
  /** The snapshot time each field's value came from. */
  setAt: Partial<Record<ProductField, number>>;
}

/** The pinned / explained product from `ts` on (null: none was), filed when it changes. */
export interface ProductPinRow {
  sessionId: string;
  ts: number;
  productId: string | null;
}

/** One product's snapshots of a session in the `[sessionId+productId+ts]` key, in time order. */
export function productSnapshotsRange(
  sessionId: string,
  productId: string,
): [[string, string, unknown], [string, string, unknown]] {
  return [
    [sessionId, productId, Dexie.minKey],
    [sessionId, productId, Dexie.maxKey],
  ];
}
