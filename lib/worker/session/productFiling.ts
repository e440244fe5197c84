import type { Cue } from '../../core/engine/types';
import type { Sample } from '../../core/messages/sample';
import type { ProductTableReading } from '../../core/products/productContract';
import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from '../../store/productRows';
import type { SampleRow } from '../../store/rows';
import type { LiveSession, StoredProducts } from './liveSession';
import { ProductLedger } from './productLedger';

// The session registry's one step for a sample's product table (issue 17): filed in the sample's session,
// at the time the sample was filed, in the same batch (so the same acknowledgement, resend and refusal
// cover it), only what changed, and folded into the session's engine in order with the samples.

export interface FiledProductRows {
  snapshots: ProductSnapshotRow[];
  pins: ProductPinRow[];
  /** The latest values of the products filed, written in the same transaction as their snapshots. */
  latest: ProductLatestRow[];
  changed: Cue[];
}

const NONE: FiledProductRows = { snapshots: [], pins: [], latest: [], changed: [] };

/** The product table a sample carries, if any (lib/core/messages/sample.ts validates it). */
export function productsOf(sample: Sample): ProductTableReading | undefined {
  return sample.products;
}

/**
 * Files the product table of a sample the registry just filed (`filed`) or found already held (`held`, a
 * resend: its product rows are queued again so the resend's acknowledgement covers them too). A session
 * whose settings build no engine stores the table whole, unfolded, like its comments.
 */
export function fileSampleProducts(
  sessionId: string,
  engine: LiveSession | undefined,
  filed: readonly SampleRow[],
  held: readonly SampleRow[],
  reading: ProductTableReading | undefined,
): FiledProductRows {
  const at = filed[0]?.ts;
  if (at === undefined) {
    const again = held[0] && engine?.products.rowsAt(held[0].ts);
    if (!again) return NONE;
    const latest = engine!.products.latestOf(again.snapshots.map((row) => row.productId));
    return { ...again, latest, changed: [] };
  }
  if (!reading) return NONE;
  if (engine) {
    const { snapshots, pins, latest, changed } = engine.addProducts(at, reading);
    return { snapshots, pins, latest, changed };
  }
  // No engine: the session is closed where it stands, its table stored whole, and nothing is filed later
  // against its latest values.
  const { snapshots, pins } = new ProductLedger(sessionId).file(at, reading);
  return { snapshots, pins, latest: [], changed: [] };
}

/** A session's stored product rows with those still queued (queued win: they are newer than the disk). */
export function withQueuedProducts(
  stored: StoredProducts,
  queued: {
    productSnapshots: readonly ProductSnapshotRow[];
    productPins: readonly ProductPinRow[];
    productLatest: readonly ProductLatestRow[];
  },
): StoredProducts {
  const snapshots = new Map(stored.snapshots.map((row) => [`${row.productId}\u0000${row.ts}`, row]));
  for (const row of queued.productSnapshots) snapshots.set(`${row.productId}\u0000${row.ts}`, row);
  const pins = new Map(stored.pins.map((row) => [row.ts, row]));
  for (const row of queued.productPins) pins.set(row.ts, row);
  const latest = new Map((stored.latest ?? []).map((row) => [row.productId, row]));
  for (const row of queued.productLatest) latest.set(row.productId, row);
  return { snapshots: [...snapshots.values()], pins: [...pins.values()], latest: [...latest.values()] };
}

/** Puts cues a later step changed into `changed`, each replacing the earlier state of the same cue. */
export function takeNewerCues(changed: Cue[], newer: readonly Cue[]): void {
  for (const cue of newer) {
    const at = changed.findIndex((c) => c.id === cue.id);
    if (at >= 0) changed[at] = cue;
    else changed.push(cue);
  }
}
