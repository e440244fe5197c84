import {
  MAX_PRODUCT_HEALTH_ENTRIES,
  MAX_PRODUCT_ROWS_PER_SAMPLE,
  type ProductRowReading,
  type ProductTableHealth,
  type ProductTableReading,
} from '../../core/products/productContract';
import type { SiteAdapter } from '../sites/siteAdapter';
import type { PageJsonFeed } from './pageJsonFeed';
import { JSON_FRESH_MS, reconcileRow } from './productReconcile';
import { createProductTableReader, type ProductTableReaderOptions } from './productTableReader';

// The product list of one page, as it rides on samples: the table reader's changed rows and the page JSON's,
// reconciled per value, sent only when a row's reconciled values changed (every known row once after a
// (re)connect, so a restarted worker holds the whole list). Beyond a sample's bound the rest waits for the
// next sample. Nothing is sent from a page that shows no product list.

export interface ProductWatch {
  /** What the next sample carries; `all`: every known row (the link reconnected). Undefined: nothing to say. */
  take(options?: { all?: boolean }): ProductTableReading | undefined;
  stop(): void;
}

export interface ProductWatchOptions extends ProductTableReaderOptions {
  /** The page's own JSON (absent when the tap is off): JSON values outrank the table's while fresh. */
  json?: PageJsonFeed;
}

export function startProductWatch(
  root: ParentNode,
  adapter: Pick<SiteAdapter, 'productTables'>,
  options: ProductWatchOptions = {},
): ProductWatch {
  const now = options.now ?? (() => performance.now());
  const table = createProductTableReader(root, adapter.productTables ?? [], options);
  const json = options.json;
  const sentKeys = new Map<string, string>();
  const waiting = new Set<string>();
  /** Ids whose JSON values were fresh at the last take: when they go stale the table's values take over. */
  const freshJson = new Set<string>();
  let sentPinned: string | null | undefined;
  let sentUnknown = 0;
  let sentKnown = 0;

  return {
    take({ all = false } = {}) {
      const ids = new Set(waiting);
      waiting.clear();
      for (const id of table.read()) ids.add(id);
      const jsonRows = json?.rows();
      if (json) for (const id of json.takeChanged()) ids.add(id);
      const t = now();
      if (jsonRows) {
        for (const [id, value] of jsonRows) {
          const fresh = t - value.at <= JSON_FRESH_MS;
          if (fresh) freshJson.add(id);
          else if (freshJson.delete(id)) ids.add(id);
        }
      }
      const domRows = table.rows();
      if (all) {
        for (const id of domRows.keys()) ids.add(id);
        if (jsonRows) for (const id of jsonRows.keys()) ids.add(id);
      }
      const rows: ProductRowReading[] = [];
      const health: ProductTableHealth = { rowsKnown: 0, domValues: 0, jsonValues: 0 };
      const failed: NonNullable<ProductTableHealth['failed']> = [];
      for (const id of ids) {
        if (rows.length >= MAX_PRODUCT_ROWS_PER_SAMPLE) {
          waiting.add(id);
          continue;
        }
        const dom = domRows.get(id);
        const row = reconcileRow(id, dom, jsonRows?.get(id), t);
        const key = JSON.stringify(row);
        if (!all && sentKeys.get(id) === key) continue;
        sentKeys.set(id, key);
        rows.push(row);
        for (const source of Object.values(row.sources ?? {})) {
          if (source === 'dom') health.domValues++;
          else health.jsonValues++;
        }
        for (const f of dom?.failed ?? []) {
          if (row.sources?.[f.metric] === 'dom' && failed.length < MAX_PRODUCT_HEALTH_ENTRIES)
            failed.push({ id, ...f });
        }
      }
      let known = domRows.size;
      if (jsonRows) for (const id of jsonRows.keys()) if (!domRows.has(id)) known++;
      health.rowsKnown = known;
      if (failed.length) health.failed = failed;
      const unknownShapes = json?.unknownShapes() ?? [];
      if (unknownShapes.length) health.unknownShapes = unknownShapes.slice(-MAX_PRODUCT_HEALTH_ENTRIES);
      const jsonPin = json?.pinned();
      const pinnedId =
        jsonPin && (t - jsonPin.at <= JSON_FRESH_MS || table.pinnedId() === undefined)
          ? jsonPin.id
          : table.pinnedId();
      const changed =
        rows.length > 0 ||
        pinnedId !== sentPinned ||
        unknownShapes.length !== sentUnknown ||
        known !== sentKnown;
      if (!changed && !(all && known > 0)) return undefined;
      sentPinned = pinnedId;
      sentUnknown = unknownShapes.length;
      sentKnown = known;
      const reading: ProductTableReading = { rows, health };
      if (pinnedId !== undefined) reading.pinnedId = pinnedId;
      return reading;
    },
    stop: () => table.stop(),
  };
}
