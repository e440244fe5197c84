import type { ProductMetricId, ProductMetricValues } from '../../core/products/productContract';
import { queryAll } from '../sites/pageText';
import type { ProductTableHints } from '../sites/siteAdapter';
import { type Column, columnsOfHeader, type RowRead, readColumnRow, readLabelledRow } from './productRowRead';

// Reads a dashboard's product list row by row, keyed by product id. The lists are found by selector (the
// adapter's hints, then generic table shapes), never by walking the page's text; each found list is watched
// by its own MutationObserver, and a mutation only marks its row for a fresh read, so a 144-row table costs
// the rows that changed. A virtual list recycles row elements: a row is re-read whole when it changes and
// filed under the id it shows now, and rows scrolled out keep their last values. Reads are budgeted: the first
// look at a big table goes over several reads.

export interface DomProductRow {
  name?: string;
  price?: number;
  metrics: ProductMetricValues;
  failed: { metric: ProductMetricId; raw: string }[];
  /** When the shown values last changed (monotonic ms). */
  at: number;
}

export interface ProductTableReader {
  /** Reads the rows marked changed (for about `budgetMs`, at least one); returns the ids whose shown values changed. */
  read(budgetMs?: number): Set<string>;
  /** Every product read so far, by id (rows scrolled out keep their last values). */
  rows(): ReadonlyMap<string, DomProductRow>;
  /** The pinned / explained product: null when the list shows none; undefined when the list has no pin controls. */
  pinnedId(): string | null | undefined;
  /** Rows still waiting for a read (a first look over a budget, a value still moving). */
  pending(): number;
  stop(): void;
}

export interface ProductTableReaderOptions {
  /** Monotonic ms, for the read budget and the look for new lists. */
  now?: () => number;
  /** How often lists are looked for again while none is found (a tab switched to products, a list re-mounted); 4× as long once one is. */
  relocateMs?: number;
  /** For tests: the observer to use (happy-dom's is real; a fake lets a test drive records). */
  observe?: (target: Node, onRecords: (records: MutationRecord[]) => void) => () => void;
}

/** Table shapes any dashboard may use; tried after the adapter's own hints. */
export const GENERIC_PRODUCT_TABLES: readonly ProductTableHints[] = [
  { containers: ['table'], row: 'tbody > tr', headerCells: 'thead th' },
  {
    containers: ['[role="grid"]', '[role="table"]', '[role="treegrid"]'],
    row: '[role="row"]',
    headerCells: '[role="columnheader"]',
  },
  {
    containers: ['[data-virtuoso-scroller]', '#live-control-goods-list-container', '#product-list'],
    row: '[data-index], [data-rbd-draggable-id], [data-product-id]',
  },
];

interface List {
  container: Element;
  hints: ProductTableHints;
  columns: Column[] | null;
  headerDirty: boolean;
  unobserve: () => void;
}

const defaultObserve = (target: Node, onRecords: (records: MutationRecord[]) => void) => {
  const observer = new MutationObserver(onRecords);
  observer.observe(target, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'style', 'hidden', 'aria-hidden'],
  });
  return () => observer.disconnect();
};

const rowKey = (row: Omit<DomProductRow, 'at'>) => JSON.stringify([row.name, row.price, row.metrics]);

export function createProductTableReader(
  root: ParentNode,
  hintsList: readonly ProductTableHints[],
  options: ProductTableReaderOptions = {},
): ProductTableReader {
  const now = options.now ?? (() => performance.now());
  const relocateMs = options.relocateMs ?? 3000;
  const observe = options.observe ?? defaultObserve;
  const tried = [...hintsList, ...GENERIC_PRODUCT_TABLES];
  const containerSelectors = [...new Set(tried.flatMap((hints) => hints.containers))];
  /** No container on the page at all (most pages, most of the time): see anyMatch. */
  const noContainer = () => !anyMatch(root, containerSelectors);
  const lists: List[] = [];
  const known = new Map<string, DomProductRow>();
  const keys = new Map<string, string>();
  const dirty = new Set<Element>();
  let pinned: string | null = null;
  let controls = false;
  let nextLocateAt = 0;

  const listOf = (el: Element): List | undefined => lists.find((l) => l.container.contains(el));

  const onRecords = (list: List) => (records: MutationRecord[]) => {
    for (const record of records) {
      const target = record.target;
      const el = target.nodeType === 1 ? (target as Element) : target.parentElement;
      if (!el) continue;
      if (list.hints.headerCells && !list.headerDirty && el.closest('thead,[role="columnheader"]')) {
        list.headerDirty = true;
        continue;
      }
      const row = el.closest(list.hints.row);
      if (row && list.container.contains(row)) dirty.add(row);
      else if (record.type === 'childList') {
        // Rows added under the list (a virtual list's new slice): only the added subtrees are looked into.
        for (const node of record.addedNodes) {
          if (node.nodeType !== 1) continue;
          const added = node as Element;
          if (added.matches(list.hints.row)) dirty.add(added);
          else for (const r of queryAll(added, list.hints.row)) dirty.add(r);
        }
      }
    }
  };

  const headerColumns = (container: Element, hints: ProductTableHints): Column[] | null =>
    hints.headerCells ? columnsOfHeader(queryAll(container, hints.headerCells)) : null;

  /** Finds lists by selector (no text walk); a table shape counts only when its header names products. */
  const locate = () => {
    nextLocateAt = now() + relocateMs * (lists.length > 0 ? 4 : 1);
    for (let i = lists.length - 1; i >= 0; i--) {
      if (!lists[i]!.container.isConnected) {
        lists[i]!.unobserve();
        lists.splice(i, 1);
      }
    }
    if (lists.length === 0 && noContainer()) return;
    for (const hints of tried) {
      for (const selector of hints.containers) {
        for (const container of queryAll(root, selector)) {
          if (
            lists.some(
              (l) =>
                l.container === container ||
                l.container.contains(container) ||
                container.contains(l.container),
            )
          )
            continue;
          const columns = headerColumns(container, hints);
          if (hints.headerCells && !columns) continue;
          const rows = queryAll(container, hints.row);
          if (rows.length === 0 && !hints.headerCells) continue;
          const list: List = { container, hints, columns, headerDirty: false, unobserve: () => {} };
          // A generic row list counts once one of its rows reads as a product with a number.
          if (
            !hints.headerCells &&
            !hintsList.includes(hints) &&
            !rows.some((r) => hasNumbers(readLabelledRow(r, hints)))
          )
            continue;
          list.unobserve = observe(container, onRecords(list));
          lists.push(list);
          for (const row of rows) dirty.add(row);
        }
      }
    }
  };

  const readRow = (row: Element): RowRead | null => {
    const list = listOf(row);
    if (!list || !row.matches(list.hints.row)) return null;
    if (list.headerDirty) {
      list.headerDirty = false;
      list.columns = headerColumns(list.container, list.hints) ?? list.columns;
    }
    if (list.hints.headerCells) return list.columns ? readColumnRow(row, list.columns, list.hints) : null;
    return readLabelledRow(row, list.hints);
  };

  return {
    read(budgetMs = 8) {
      const changed = new Set<string>();
      if (now() >= nextLocateAt || lists.some((l) => !l.container.isConnected)) locate();
      const deadline = now() + budgetMs;
      let first = true;
      for (const row of [...dirty]) {
        if (!first && now() > deadline) break;
        first = false;
        dirty.delete(row);
        if (!row.isConnected) continue;
        const read = readRow(row);
        if (!read) continue;
        if (read.settling) dirty.add(row);
        if (read.controls) controls = true;
        if (read.active) pinned = read.id;
        else if (pinned === read.id) pinned = null;
        const value: DomProductRow = { metrics: read.metrics, failed: read.failed, at: now() };
        if (read.name) value.name = read.name;
        if (read.price !== undefined) value.price = read.price;
        const key = rowKey(value);
        // A value still moving keeps the last settled reading until it comes to rest.
        if (read.settling && known.has(read.id)) continue;
        if (keys.get(read.id) === key) continue;
        keys.set(read.id, key);
        known.set(read.id, value);
        changed.add(read.id);
      }
      return changed;
    },
    rows: () => known,
    pinnedId: () => (controls ? pinned : undefined),
    pending: () => dirty.size,
    stop() {
      for (const list of lists) list.unobserve();
      lists.length = 0;
      dirty.clear();
    },
  };
}

/** A lone ID (`#product-list`), which a document or shadow root answers from its ID map. */
const LONE_ID = /^#([A-Za-z_][\w-]*)$/;

/**
 * Whether any of `selectors` matches under `root`, each asked alone, stopping at the first found. A lone
 * selector takes the engine's fast paths (an ID from the ID map, a tag name, an attribute or class the page
 * never uses); a selector list is matched against every element selector by selector (Chromium, 30k
 * elements: ~2.5 ms for the generic shapes as one list, ~0.4 ms asked one by one). A bad selector (a stale
 * hint) says nothing.
 */
export function anyMatch(root: ParentNode, selectors: readonly string[]): boolean {
  for (const selector of selectors) {
    const id = LONE_ID.exec(selector)?.[1];
    try {
      const found =
        id !== undefined && 'getElementById' in root
          ? (root as Document | DocumentFragment).getElementById(id)
          : root.querySelector(selector);
      if (found) return true;
    } catch {}
  }
  return false;
}

function hasNumbers(read: RowRead | null): boolean {
  return !!read && Object.values(read.metrics).some((v) => v !== null && v !== undefined);
}
