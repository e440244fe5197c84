import {
  PRODUCT_METRIC_IDS,
  type ProductMetricId,
  type ProductRowReading,
  type ProductsEvent,
} from './productContract';

// The per-product state of a session, folded from its products events in order (ProductsEvent carries only
// changed values): each product's latest numbers, a thinned history of them for rates over any window, when
// it was first seen, and its pin / explain spans from the pinned product's changes. The engine keeps one,
// and so can a face (the panel's ranking, the review) fed the stored product rows. Cheap per event: a
// product's history keeps one snapshot per HISTORY_STEP_MS of changes. Unknown values are NaN, never 0.

/** Index of each product metric in a ProductRecord's arrays (PRODUCT_METRIC_IDS order). */
export const PM = {
  impressions: 0,
  clicks: 1,
  ctr: 2,
  carts: 3,
  sold: 4,
  gmv: 5,
  stock: 6,
  conversionRate: 7,
  createdOrders: 8,
  unpaidOrders: 9,
  explainCount: 10,
} as const satisfies Record<ProductMetricId, number>;
export const PRODUCT_METRIC_COUNT = PRODUCT_METRIC_IDS.length;
/**
 * Metric index by id (PM), -1 for a key that is none. A switch compares the key with each id in turn, which
 * for the short interned keys a row carries costs less than a lookup by key in an object or a Map; the
 * ids a redrawn table changes most come first.
 */
export function productMetricIndex(key: string): number {
  switch (key) {
    case 'impressions':
      return PM.impressions;
    case 'clicks':
      return PM.clicks;
    case 'ctr':
      return PM.ctr;
    case 'conversionRate':
      return PM.conversionRate;
    case 'carts':
      return PM.carts;
    case 'sold':
      return PM.sold;
    case 'gmv':
      return PM.gmv;
    case 'stock':
      return PM.stock;
    case 'createdOrders':
      return PM.createdOrders;
    case 'unpaidOrders':
      return PM.unpaidOrders;
    case 'explainCount':
      return PM.explainCount;
    default:
      return -1;
  }
}

/** A product's history keeps at most one snapshot per this many ms (the newest one moves with each change). */
export const HISTORY_STEP_MS = 10_000;

/**
 * The metrics a product's history keeps, the ones read at past times (rates and deltas of the product rules
 * and of the ranking: impressions, clicks, items sold; stock and unpaid orders for a cue's evidence). The
 * others are only ever read as they stand now: keeping them too doubled the history's memory and the copy of
 * each snapshot. A snapshot is its time then these values, side by side, so a look into the past reads one
 * place. Column of each metric in a snapshot, 0 for none.
 */
const HISTORY_METRICS = [PM.impressions, PM.clicks, PM.sold, PM.stock, PM.unpaidOrders] as const;
const HISTORY_COLUMN = (() => {
  const columns = new Int8Array(PRODUCT_METRIC_COUNT);
  HISTORY_METRICS.forEach((m, i) => {
    columns[m] = i + 1;
  });
  return columns;
})();
/** Doubles per snapshot: its time and the kept values. */
const SNAPSHOT_STRIDE = 1 + HISTORY_METRICS.length;

/** Snapshots per chunk of a product's history (a power of two). */
const CHUNK_SHIFT = 7;
const HISTORY_CHUNK = 1 << CHUNK_SHIFT;
const CHUNK_MASK = HISTORY_CHUNK - 1;

/**
 * Hands out runs of doubles cut from shared buffers, each bigger than the last up to 512 KB: creating a
 * typed array of its own per history chunk costs more than the chunk's use.
 */
export class DoubleSlab {
  private buffer: ArrayBuffer | undefined;
  private used = 0;
  private size = 4096;

  take(count: number): Float64Array {
    if (!this.buffer || this.used + count > this.buffer.byteLength / 8) {
      this.buffer = new ArrayBuffer(Math.max(this.size, count) * 8);
      this.size = Math.min(this.size * 2, 65_536);
      this.used = 0;
    }
    const run = new Float64Array(this.buffer, this.used * 8, count);
    this.used += count;
    return run;
  }
}

/** One stretch of time a product was pinned / explained; `to` null while it still is. */
export interface ExplainSpan {
  from: number;
  to: number | null;
}

export class ProductRecord {
  name: string;
  price: number | undefined;
  /** ts of the first event that carried this product. */
  readonly firstSeenAt: number;
  /** ts of the last event that carried a value of it. */
  updatedAt: number;
  /** Latest known value per metric (PM order); NaN until one is read. An unreadable reading keeps it. */
  readonly last = new Float64Array(PRODUCT_METRIC_COUNT).fill(Number.NaN);
  /** Bits (1 << PM.x) of metrics whose latest reading was unreadable (null): their `last` is stale. */
  unreadableMask = 0;
  /** Bits of metrics the page has shown at least once (clicks may instead be derived from CTR × impressions). */
  readMask = 0;
  /** Pin / explain spans in time order. */
  readonly spans: ExplainSpan[] = [];
  /** Milliseconds explained in closed spans. */
  closedExplainedMs = 0;
  /**
   * Snapshots (SNAPSHOT_STRIDE doubles each: time, then the HISTORY_COLUMN values), for values at past
   * times, in chunks of HISTORY_CHUNK snapshots: a history grows all session, and a typed array grown by copying allocates
   * twice its size outside the JS heap, for which V8 collects garbage (a fifth of a busy replay's time).
   */
  private readonly chunks: Float64Array[] = [];
  historyLength = 0;
  /**
   * The newest snapshot's values are `last` itself, not yet copied into its chunk: a table redrawn
   * every few seconds moves the newest snapshot several times per step, so it is copied once, when the
   * next one starts (or `last` is about to change without a snapshot).
   */
  private headLive = false;
  /**
   * Kept beside the chunks for the per-row path, which would otherwise look them up in the chunk list on
   * each change: the chunk holding the newest snapshot, its time and the time of the one before it.
   */
  private tail: Float64Array | undefined;
  private headTs = Number.NaN;
  private beforeHeadTs = Number.NaN;

  constructor(
    readonly id: string,
    /** Order of first appearance in the session (0 for the first product seen). */
    readonly index: number,
    ts: number,
    /** Where its history's chunks come from (shared by a book's products). */
    private readonly slab = new DoubleSlab(),
  ) {
    this.name = id;
    this.price = undefined;
    this.firstSeenAt = ts;
    this.updatedAt = ts;
  }

  /** Whether the metric has a value that is current (read, and not unreadable in the latest reading). */
  known(metric: number): boolean {
    return !Number.isNaN(this.last[metric]!) && (this.unreadableMask & (1 << metric)) === 0;
  }

  /** The latest value when current, else NaN. */
  value(metric: number): number {
    return (this.unreadableMask & (1 << metric)) === 0 ? this.last[metric]! : Number.NaN;
  }

  /** The value as it stood at `ts` (NaN before the product was seen or before the metric was read). */
  valueAt(metric: number, ts: number): number {
    return this.valueAtIndex(metric, this.indexAt(ts));
  }

  /** The value in snapshot `i` (from indexAt); NaN for -1, and for a metric the history does not keep. */
  valueAtIndex(metric: number, i: number): number {
    const column = HISTORY_COLUMN[metric]!;
    if (i < 0 || column === 0) return Number.NaN;
    return i === this.historyLength - 1 && this.headLive
      ? this.last[metric]!
      : this.chunks[i >> CHUNK_SHIFT]![(i & CHUNK_MASK) * SNAPSHOT_STRIDE + column]!;
  }

  /**
   * Index of the newest snapshot at or before `ts` (-1: none), for several values at one time. `hint`, an
   * index this returned for an earlier time, makes a window that rolls forward cost a step or two, not a
   * search (a snapshot's time never changes but the newest one's, which only moves later).
   */
  indexAt(ts: number, hint = -1): number {
    const n = this.historyLength;
    if (hint >= 0 && hint < n && this.tsAt(hint) <= ts) {
      let i = hint;
      for (let steps = 0; steps < 4; steps++) {
        if (i + 1 >= n || this.tsAt(i + 1) > ts) return i;
        i++;
      }
    }
    let lo = 0;
    let hi = this.historyLength - 1;
    const chunks = this.chunks;
    if (hi < 0 || chunks[0]![0]! > ts) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid >> CHUNK_SHIFT]![(mid & CHUNK_MASK) * SNAPSHOT_STRIDE]! <= ts) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Time of snapshot `i` (0 ≤ i < historyLength); every snapshot but the newest keeps its time and values. */
  tsAt(i: number): number {
    return this.chunks[i >> CHUNK_SHIFT]![(i & CHUNK_MASK) * SNAPSHOT_STRIDE]!;
  }

  /**
   * Growth per minute of a counter over the last `windowSec` before `now` (from its first sighting when that
   * is later); NaN when unknown, unreadable now, or the stretch is shorter than `minSec`.
   */
  ratePerMin(metric: number, windowSec: number, now: number, minSec = 30): number {
    const from = Math.max(now - windowSec * 1000, this.firstSeenAt);
    const spanMs = now - from;
    if (spanMs < minSec * 1000) return Number.NaN;
    return ((this.value(metric) - this.valueAt(metric, from)) * 60_000) / spanMs;
  }

  /** Growth of a counter between two times (NaN when either end is unknown). */
  deltaBetween(metric: number, from: number, to: number): number {
    return this.valueAt(metric, to) - this.valueAt(metric, from);
  }

  /** The span open now, if the product is pinned. */
  get openSpan(): ExplainSpan | undefined {
    const span = this.spans[this.spans.length - 1];
    return span && span.to === null ? span : undefined;
  }

  /** Milliseconds explained up to `now`, the open span included. */
  explainedMs(now: number): number {
    const open = this.openSpan;
    return this.closedExplainedMs + (open ? Math.max(0, now - open.from) : 0);
  }

  /** When its last span ended (NaN: never explained, or explained now). */
  get lastExplainedTo(): number {
    const span = this.spans[this.spans.length - 1];
    return span && span.to !== null ? span.to : Number.NaN;
  }

  /** Records the current values as of `ts` in the history, thinned to one snapshot per HISTORY_STEP_MS. */
  snapshot(ts: number): void {
    let n = this.historyLength;
    // The newest snapshot moves with each change until it is a step past the one before it.
    if (this.moves(ts)) n--;
    else {
      this.freezeHead();
      this.beforeHeadTs = this.headTs;
      if ((n & CHUNK_MASK) === 0) {
        this.tail = this.slab.take(HISTORY_CHUNK * SNAPSHOT_STRIDE);
        this.chunks.push(this.tail);
      }
    }
    this.tail![(n & CHUNK_MASK) * SNAPSHOT_STRIDE] = ts;
    this.headTs = ts;
    this.headLive = true;
    this.historyLength = n + 1;
  }

  /** Whether a snapshot at `ts` would move the newest one rather than start a new one. */
  moves(ts: number): boolean {
    return this.historyLength >= 2 && this.beforeHeadTs >= ts - HISTORY_STEP_MS;
  }

  /**
   * A record that goes on from this one's state alone, its history's chunks cut from `slab`. Only the chunk
   * holding the newest snapshot is ever written again, so the older ones are shared, not copied.
   */
  copy(slab: DoubleSlab): ProductRecord {
    const copy = new ProductRecord(this.id, this.index, this.firstSeenAt, slab);
    copy.name = this.name;
    copy.price = this.price;
    copy.updatedAt = this.updatedAt;
    copy.last.set(this.last);
    copy.unreadableMask = this.unreadableMask;
    copy.readMask = this.readMask;
    for (const span of this.spans) copy.spans.push({ from: span.from, to: span.to });
    copy.closedExplainedMs = this.closedExplainedMs;
    const chunks = this.chunks;
    for (let i = 0; i < chunks.length - 1; i++) copy.chunks.push(chunks[i]!);
    if (this.tail) {
      copy.tail = slab.take(HISTORY_CHUNK * SNAPSHOT_STRIDE);
      copy.tail.set(this.tail);
      copy.chunks.push(copy.tail);
    }
    copy.historyLength = this.historyLength;
    copy.headLive = this.headLive;
    copy.headTs = this.headTs;
    copy.beforeHeadTs = this.beforeHeadTs;
    return copy;
  }

  /** Copies `last` into the newest snapshot's slot: call before `last` changes unless a snapshot moves it. */
  freezeHead(): void {
    if (!this.headLive) return;
    this.headLive = false;
    const i = this.historyLength - 1;
    const tail = this.tail!;
    const last = this.last;
    const base = (i & CHUNK_MASK) * SNAPSHOT_STRIDE + 1;
    for (let k = 0; k < HISTORY_METRICS.length; k++) tail[base + k] = last[HISTORY_METRICS[k]!]!;
  }
}

export class ProductBook {
  /** Every product seen, by id, and in order of first appearance. */
  readonly byId = new Map<string, ProductRecord>();
  /** Memory for every product's history. */
  private readonly slab = new DoubleSlab();
  readonly products: ProductRecord[] = [];
  /** The pinned / explained product's id (null: none), and since when (NaN until a page told). */
  pinnedId: string | null = null;
  pinnedSince = Number.NaN;
  /** Whether any event said which product is pinned (else pins come from the samples' product, if at all). */
  pinKnown = false;
  /** Bits (1 << PM.x) of the metrics any product's row has shown: a rule whose column the page lacks can skip. */
  shownMask = 0;
  /** ts of the newest products event. */
  lastEventAt = Number.NaN;
  eventCount = 0;

  get(id: string): ProductRecord | undefined {
    return this.byId.get(id);
  }

  /**
   * A book that goes on from this one's state alone (events applied to either leave the other as it was): a
   * reader that folds a long session's settled rows once and its newest ones again at each look.
   */
  clone(): ProductBook {
    const book = new ProductBook();
    for (const product of this.products) {
      const copy = product.copy(book.slab);
      book.products.push(copy);
      book.byId.set(copy.id, copy);
    }
    book.pinnedId = this.pinnedId;
    book.pinnedSince = this.pinnedSince;
    book.pinKnown = this.pinKnown;
    book.shownMask = this.shownMask;
    book.lastEventAt = this.lastEventAt;
    book.eventCount = this.eventCount;
    return book;
  }

  /** The pinned product's record as pin() found it: every product rule asks for it on each check. */
  private pinnedRecord: ProductRecord | undefined;

  get pinned(): ProductRecord | undefined {
    const id = this.pinnedId;
    if (id === null) return undefined;
    const cached = this.pinnedRecord;
    if (cached !== undefined && cached.id === id) return cached;
    this.pinnedRecord = this.byId.get(id);
    return this.pinnedRecord;
  }

  /** Folds one products event in; events must come in time order (an older ts counts as the newest one). */
  apply(event: Pick<ProductsEvent, 'ts' | 'rows' | 'pinnedId'>): void {
    const ts = Number.isNaN(this.lastEventAt) ? event.ts : Math.max(event.ts, this.lastEventAt);
    this.lastEventAt = ts;
    this.eventCount++;
    const rows = event.rows;
    const products = this.products;
    // A redrawn table lists its rows in the order it did before: try the product after the last row's
    // before looking the id up.
    let next = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      let product = products[next];
      if (product === undefined || product.id !== row.id) product = this.record(row.id, ts);
      next = product.index + 1;
      this.applyRow(product, row, ts);
    }
    if (event.pinnedId !== undefined) this.pin(event.pinnedId, ts);
  }

  /** Total milliseconds any product was explained up to `now`. */
  explainedMs(now: number): number {
    let total = 0;
    for (const product of this.products) total += product.explainedMs(now);
    return total;
  }

  private record(id: string, ts: number): ProductRecord {
    let product = this.byId.get(id);
    if (!product) {
      product = new ProductRecord(id, this.products.length, ts, this.slab);
      this.byId.set(id, product);
      this.products.push(product);
    }
    return product;
  }

  private applyRow(product: ProductRecord, row: ProductRowReading, ts: number) {
    const name = row.name;
    if (name !== undefined && name !== '') product.name = name;
    const price = row.price;
    if (price !== undefined) product.price = price;
    product.updatedAt = ts;
    const last = product.last;
    let changed = product.historyLength === 0;
    // The masks in locals, written back once: a row changes one to eight of them.
    let unreadable = product.unreadableMask;
    let read = product.readMask;
    const metrics = row.metrics;
    for (const key in metrics) {
      const value = metrics[key as ProductMetricId];
      if (value === undefined) continue;
      const m = productMetricIndex(key);
      if (m < 0) continue;
      const bit = 1 << m;
      if (value === null) {
        unreadable |= bit;
        continue;
      }
      unreadable &= ~bit;
      read |= bit;
      if (value !== last[m]) {
        // The newest snapshot holds `last` until copied: copy it now unless this change's snapshot moves it.
        if (!changed) {
          changed = true;
          if (!product.moves(ts)) product.freezeHead();
        }
        last[m] = value;
      }
    }
    // A table without a clicks column (TikTok's shows CTR and impressions): clicks are CTR × impressions.
    if ((read & (1 << PM.clicks)) === 0) {
      const ctrOk = (unreadable & ((1 << PM.ctr) | (1 << PM.impressions))) === 0;
      const clicks = ctrOk ? Math.round(last[PM.ctr]! * last[PM.impressions]!) : Number.NaN;
      if (!Number.isNaN(clicks) && clicks !== last[PM.clicks]) {
        // No snapshot follows a change of the derived clicks alone: the newest one keeps its values.
        if (!changed) product.freezeHead();
        last[PM.clicks] = clicks;
      }
      if (ctrOk) unreadable &= ~(1 << PM.clicks);
      else if (!Number.isNaN(last[PM.clicks]!)) unreadable |= 1 << PM.clicks;
    }
    product.unreadableMask = unreadable;
    product.readMask = read;
    if (changed) product.snapshot(ts);
    this.shownMask |= read;
  }

  private pin(id: string | null, ts: number) {
    const first = !this.pinKnown;
    this.pinKnown = true;
    if (!first && id === this.pinnedId) return;
    const before = this.pinned;
    const open = before?.openSpan;
    if (before && open) {
      open.to = ts;
      before.closedExplainedMs += ts - open.from;
    }
    this.pinnedId = id;
    this.pinnedSince = ts;
    this.pinnedRecord = id === null ? undefined : this.record(id, ts);
    this.pinnedRecord?.spans.push({ from: ts, to: null });
  }
}
