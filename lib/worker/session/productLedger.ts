import {
  PRODUCT_METRIC_IDS,
  type ProductRowReading,
  type ProductsEvent,
  type ProductTableReading,
} from '../../core/products/productContract';
import { productsEventsByTime } from '../../store/productEvents';
import { copyLatest, emptyLatest, foldSnapshot, newestSetAt } from '../../store/productLatest';
import type {
  ProductField,
  ProductLatestRow,
  ProductPinRow,
  ProductSnapshotRow,
} from '../../store/productRows';

// One session's product list as the worker files it: every stored snapshot and pin change, and each
// product's latest values, so a reading is filed as only what changed. The content script already sends
// changed rows only, but after a reconnect or a worker restart it sends every row again: those compare
// equal here and store nothing. Rebuilt from the database like the rest of a session (nothing here must
// survive a worker restart): a restarted worker starts from the stored latest values and the recent
// snapshots, and takes the older snapshots in before its first fold.

export interface FiledProducts {
  /** Rows to write (new, or a row at a time already held with fields added). */
  snapshots: ProductSnapshotRow[];
  pins: ProductPinRow[];
  /** The latest values of each product a snapshot was filed for, to write with the snapshots. */
  latest: ProductLatestRow[];
  /** The event to fold now, when the reading came in order and changed something. */
  event?: ProductsEvent;
  /** The reading was older than what was filed: the session's engine must refold to take it in. */
  late: boolean;
}

const keyOf = (productId: string, ts: number) => `${productId}\u0000${ts}`;
const byProductId = (a: { productId: string }, b: { productId: string }) =>
  a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0;

export class ProductLedger {
  /**
   * Every snapshot held, by time, then by product at that time. An eight-hour session with a busy table holds
   * ~200k: keyed by time, a resent sample's rows and a refold's events in order are a look-up and a walk,
   * where one map of "product + time" keys cost a scan of them all and a key string per row.
   */
  private readonly snapshots = new Map<number, Map<string, ProductSnapshotRow>>();
  private readonly pins = new Map<number, ProductPinRow>();
  private readonly latest = new Map<string, ProductLatestRow>();
  private pinned: { id: string | null; at: number } | undefined;
  /** Time of the newest snapshot or pin change held. */
  private newestTs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly sessionId: string,
    snapshots: readonly ProductSnapshotRow[] = [],
    pins: readonly ProductPinRow[] = [],
    /** Each product's stored latest values: the snapshots may then be only the recent ones. */
    latest: readonly ProductLatestRow[] = [],
  ) {
    for (const row of latest) {
      this.latest.set(row.productId, copyLatest(row));
      this.newestTs = Math.max(this.newestTs, newestSetAt(row));
    }
    this.merge(snapshots, pins);
  }

  /** No product and no pin change is held: the room has shown no product list. */
  get empty(): boolean {
    return this.latest.size === 0 && this.pins.size === 0;
  }

  /** Copies of the latest values of these products (those the ledger knows). */
  latestOf(productIds: Iterable<string>): ProductLatestRow[] {
    const rows: ProductLatestRow[] = [];
    for (const id of new Set(productIds)) {
      const held = this.latest.get(id);
      if (held) rows.push(copyLatest(held));
    }
    return rows;
  }

  /** Takes in stored rows this ledger did not hold (a load, an import); true when any was new. */
  merge(snapshots: readonly ProductSnapshotRow[], pins: readonly ProductPinRow[]): boolean {
    let added = false;
    for (const row of [...snapshots].sort((a, b) => a.ts - b.ts)) {
      if (this.heldAt(row.productId, row.ts)) continue;
      this.put(row);
      this.apply(row);
      added = true;
    }
    for (const pin of [...pins].sort((a, b) => a.ts - b.ts)) {
      if (this.pins.has(pin.ts)) continue;
      this.pins.set(pin.ts, pin);
      if (!this.pinned || pin.ts >= this.pinned.at) this.pinned = { id: pin.productId, at: pin.ts };
      this.newestTs = Math.max(this.newestTs, pin.ts);
      added = true;
    }
    return added;
  }

  /** Every held row as products events, in time order (what a refold feeds the engine). */
  events(): ProductsEvent[] {
    const byTime = new Map<number, ProductSnapshotRow[]>();
    for (const [ts, at] of this.snapshots) byTime.set(ts, [...at.values()]);
    return productsEventsByTime(byTime, [...this.pins.values()]);
  }

  /** The rows held at one time (a resent sample's products are queued again with it). */
  rowsAt(ts: number): { snapshots: ProductSnapshotRow[]; pins: ProductPinRow[] } {
    const held = this.snapshots.get(ts);
    const pin = this.pins.get(ts);
    return { snapshots: held ? [...held.values()] : [], pins: pin ? [pin] : [] };
  }

  /** The snapshot held for a product at a time, if any. */
  private heldAt(productId: string, ts: number): ProductSnapshotRow | undefined {
    return this.snapshots.get(ts)?.get(productId);
  }

  /** Holds a row (replacing the one held for its product and time). */
  private put(row: ProductSnapshotRow): void {
    let at = this.snapshots.get(row.ts);
    if (!at) {
      at = new Map();
      this.snapshots.set(row.ts, at);
    }
    at.set(row.productId, row);
  }

  /**
   * Files a sample's product table at the sample's time: each product's values that differ from what it
   * showed before, and the pinned product when it changed. A reading older than the newest held is filed
   * whole, and a value it changes that nothing later set again is stated anew at the newest time (it is
   * what the page showed then), so the fold by time ends where the page is.
   */
  file(ts: number, reading: ProductTableReading): FiledProducts {
    const late = ts < this.newestTs;
    const snapshots: ProductSnapshotRow[] = [];
    const pins: ProductPinRow[] = [];
    const restate = new Map<string, ProductSnapshotRow>();
    for (const read of reading.rows) {
      const state = this.latest.get(read.id);
      const row = late ? this.whole(ts, read) : this.changed(ts, read, state);
      if (!row) continue;
      if (late && state) this.restateBefore(ts, row, state, restate);
      snapshots.push(this.hold(row));
    }
    if (reading.pinnedId !== undefined) pins.push(...this.filePin(ts, reading.pinnedId, late));
    for (const row of restate.values()) snapshots.push(this.hold(row));
    snapshots.sort((a, b) => a.ts - b.ts || byProductId(a, b));
    const latest = this.latestOf(snapshots.map((row) => row.productId));
    if (late || (snapshots.length === 0 && pins.length === 0)) {
      return { snapshots, pins, latest, late: late && (snapshots.length > 0 || pins.length > 0) };
    }
    const event: ProductsEvent = {
      kind: 'products',
      ts,
      rows: snapshots.map((row): ProductRowReading => this.asReading(row)),
    };
    if (pins.length) event.pinnedId = pins[0]!.productId;
    return { snapshots, pins, latest, event, late: false };
  }

  /** The pin change a reading makes; a late one also states the pin the page shows now at the newest time. */
  private filePin(ts: number, pinnedId: string | null, late: boolean): ProductPinRow[] {
    const pin = { sessionId: this.sessionId, ts, productId: pinnedId };
    if (!late) return this.pinned?.id === pinnedId ? [] : [this.holdPin(pin)];
    if (this.pins.has(ts) || this.pinAt(ts) === pinnedId) return [];
    const current = this.pinned;
    const filed = [this.holdPin(pin)];
    if (current && current.at < ts) {
      filed.push(this.holdPin({ ...pin, ts: this.newestTs, productId: current.id }));
      this.pinned = { id: current.id, at: this.newestTs };
    }
    return filed;
  }

  /** The pinned product as of `ts` (undefined: no pin was read by then). */
  private pinAt(ts: number): string | null | undefined {
    let at = Number.NEGATIVE_INFINITY;
    let id: string | null | undefined;
    for (const pin of this.pins.values()) {
      if (pin.ts <= ts && pin.ts > at) {
        at = pin.ts;
        id = pin.productId;
      }
    }
    return id;
  }

  private asReading(row: ProductSnapshotRow): ProductRowReading {
    return {
      id: row.productId,
      ...(row.name !== undefined && { name: row.name }),
      ...(row.price !== undefined && { price: row.price }),
      metrics: row.metrics,
      ...(row.sources !== undefined && { sources: row.sources }),
    };
  }

  /** What changed of one product; undefined when nothing did (a product seen first is always filed). */
  private changed(
    ts: number,
    read: ProductRowReading,
    state: ProductLatestRow | undefined,
  ): ProductSnapshotRow | undefined {
    const row: ProductSnapshotRow = { sessionId: this.sessionId, productId: read.id, ts, metrics: {} };
    let any = state === undefined;
    if (read.name !== undefined && read.name !== state?.name) {
      row.name = read.name;
      any = true;
    }
    if (read.price !== undefined && read.price !== state?.price) {
      row.price = read.price;
      any = true;
    }
    for (const id of PRODUCT_METRIC_IDS) {
      const value = read.metrics[id];
      if (value === undefined) continue;
      if (state && id in state.metrics && state.metrics[id] === value) continue;
      row.metrics[id] = value;
      const source = read.sources?.[id];
      if (source) {
        row.sources ??= {};
        row.sources[id] = source;
      }
      any = true;
    }
    return any ? row : undefined;
  }

  /** A late reading of one product, every value it carries. */
  private whole(ts: number, read: ProductRowReading): ProductSnapshotRow | undefined {
    if (this.heldAt(read.id, ts)) return undefined;
    const row = this.changed(ts, read, undefined)!;
    return row;
  }

  /** Values of a late row that would stand to the end of the fold: queued to be stated again at the newest time. */
  private restateBefore(
    ts: number,
    late: ProductSnapshotRow,
    state: ProductLatestRow,
    restate: Map<string, ProductSnapshotRow>,
  ): void {
    const at = this.newestTs;
    const key = keyOf(late.productId, at);
    const again = (): ProductSnapshotRow => {
      let row = restate.get(key);
      if (!row) {
        const held = this.heldAt(late.productId, at);
        row = held
          ? { ...held, metrics: { ...held.metrics } }
          : { sessionId: this.sessionId, productId: late.productId, ts: at, metrics: {} };
        restate.set(key, row);
      }
      return row;
    };
    const before = (field: ProductField) => (state.setAt[field] ?? Number.NEGATIVE_INFINITY) < ts;
    if (late.name !== undefined && state.name !== undefined && late.name !== state.name && before('name')) {
      again().name = state.name;
    }
    if (
      late.price !== undefined &&
      state.price !== undefined &&
      late.price !== state.price &&
      before('price')
    ) {
      again().price = state.price;
    }
    for (const id of PRODUCT_METRIC_IDS) {
      const value = late.metrics[id];
      if (value === undefined || !(id in state.metrics)) continue;
      if (state.metrics[id] !== value && before(id)) again().metrics[id] = state.metrics[id]!;
    }
  }

  private hold(row: ProductSnapshotRow): ProductSnapshotRow {
    this.put(row);
    this.apply(row);
    return row;
  }

  private holdPin(pin: ProductPinRow): ProductPinRow {
    this.pins.set(pin.ts, pin);
    if (!this.pinned || pin.ts >= this.pinned.at) this.pinned = { id: pin.productId, at: pin.ts };
    this.newestTs = Math.max(this.newestTs, pin.ts);
    return pin;
  }

  /** Moves a product's latest values forward by one row (a row older than a field's value leaves it). */
  private apply(row: ProductSnapshotRow): void {
    let state = this.latest.get(row.productId);
    if (!state) {
      state = emptyLatest(this.sessionId, row.productId);
      this.latest.set(row.productId, state);
    }
    foldSnapshot(state, row);
    this.newestTs = Math.max(this.newestTs, row.ts);
  }
}
