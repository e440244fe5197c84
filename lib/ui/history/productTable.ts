import { PRODUCT_METRIC_IDS, type ProductMetricId } from '../../core/products/productContract';
import type { ProductPinRow, ProductSnapshotRow } from '../../store/productRows';

// The per-product CSV's rows: one per stored change of a product (a snapshot) and per pin switch, each
// with the product's whole state at that moment (values carried forward from its earlier snapshots), so a
// row reads on its own in a spreadsheet. Fed a session's snapshots in time order, chunk by chunk.

export interface ProductTableRow {
  ts: number;
  productId: string;
  name?: string;
  price?: number;
  /** In PRODUCT_METRIC_IDS order; null: not shown or not readable (yet). */
  values: (number | null)[];
  pinned: boolean;
  /** What this row records: the metrics and fields that changed, `pinned` / `unpinned`. */
  changed: string[];
  /** `metric:source` for the values this row changed. */
  sources: string[];
}

interface ProductState {
  name?: string;
  price?: number;
  metrics: Partial<Record<ProductMetricId, number | null>>;
}

export interface ProductTable {
  /** Rows for the next snapshots (time order; all of one time in the same call). */
  add(rows: readonly ProductSnapshotRow[]): ProductTableRow[];
  /** Rows for pin switches after the last snapshot. */
  finish(): ProductTableRow[];
}

export function createProductTable(pins: readonly ProductPinRow[]): ProductTable {
  const sortedPins = [...pins].sort((a, b) => a.ts - b.ts);
  const states = new Map<string, ProductState>();
  let nextPin = 0;
  let pinned: string | null = null;

  const rowOf = (ts: number, productId: string, changed: string[], sources: string[]): ProductTableRow => {
    const state = states.get(productId) ?? { metrics: {} };
    return {
      ts,
      productId,
      ...(state.name !== undefined && { name: state.name }),
      ...(state.price !== undefined && { price: state.price }),
      values: PRODUCT_METRIC_IDS.map((id) => state.metrics[id] ?? null),
      pinned: pinned === productId,
      changed,
      sources,
    };
  };

  /** Applies one pin switch; rows for the product that lost the pin and for the one that got it (unless `skip`). */
  const switchPin = (pin: ProductPinRow, out: ProductTableRow[], skip?: ReadonlySet<string>) => {
    const before = pinned;
    pinned = pin.productId;
    if (before === pinned) return;
    if (before !== null) out.push(rowOf(pin.ts, before, ['unpinned'], []));
    if (pinned !== null && !skip?.has(pinned)) out.push(rowOf(pin.ts, pinned, ['pinned'], []));
  };

  return {
    add(rows) {
      const out: ProductTableRow[] = [];
      let i = 0;
      while (i < rows.length) {
        const ts = rows[i]!.ts;
        let end = i;
        while (end < rows.length && rows[end]!.ts === ts) end += 1;
        const group = rows.slice(i, end);
        i = end;
        while (nextPin < sortedPins.length && sortedPins[nextPin]!.ts < ts)
          switchPin(sortedPins[nextPin++]!, out);
        const here = new Set(group.map((row) => row.productId));
        const pinNow = sortedPins[nextPin]?.ts === ts ? sortedPins[nextPin++] : undefined;
        const gotPin = pinNow && pinNow.productId !== pinned ? pinNow.productId : undefined;
        if (pinNow) switchPin(pinNow, out, here);
        for (const row of group) {
          const state = states.get(row.productId) ?? { metrics: {} };
          states.set(row.productId, state);
          const changed: string[] = [];
          if (row.name !== undefined) {
            state.name = row.name;
            changed.push('name');
          }
          if (row.price !== undefined) {
            state.price = row.price;
            changed.push('price');
          }
          for (const id of PRODUCT_METRIC_IDS) {
            if (!(id in row.metrics)) continue;
            state.metrics[id] = row.metrics[id] ?? null;
            changed.push(id);
          }
          if (gotPin === row.productId) changed.push('pinned');
          const sources = Object.entries(row.sources ?? {}).map(([id, source]) => `${id}:${source}`);
          out.push(rowOf(ts, row.productId, changed, sources));
        }
      }
      return out;
    },
    finish() {
      const out: ProductTableRow[] = [];
      while (nextPin < sortedPins.length) switchPin(sortedPins[nextPin++]!, out);
      return out;
    },
  };
}
