import { labelKey } from '../../core/metrics/normalizeText';
import { parseMetricText } from '../../core/metrics/parseMetricText';
import type { ProductMetricId, ProductMetricValues } from '../../core/products/productContract';
import { NO_EXCLUSION, queryOne, walkText } from '../sites/pageText';
import { ACTIVE_BUTTONS, ACTIVE_TAGS, CONTROL_TEXTS, ID_ATTRIBUTES } from '../sites/productReader';
import type { ProductTableHints } from '../sites/siteAdapter';
import { planValue, textShows, type ValuePlan } from '../sites/valueView';
import {
  isProductTitle,
  PRODUCT_METRIC_UNIT,
  productMetricOfTitle,
  splitLabelledText,
} from './productLabels';

// One product row read as a person sees it: its product id (the visible "ID: …", a product link, a data
// attribute), its name and price, each number under its column's title or beside its own label, and whether
// it is the product pinned / being explained. Values go through the same value view and number parser as
// the room's tiles: a cell that cannot be read is null with its raw text, never 0.

/** What a column of a table holds, by its header title. */
export type Column = ProductMetricId | 'product' | null;

export interface RowRead {
  id: string;
  name?: string;
  price?: number;
  metrics: ProductMetricValues;
  failed: { metric: ProductMetricId; raw: string }[];
  /** The row shows its product is pinned / being explained (取消讲解, Unpin, 讲解中). */
  active: boolean;
  /** The row has a pin / explain control at all: the page can tell which product is pinned. */
  controls: boolean;
  /** Some value is still moving (a count-up): read the row again later. */
  settling: boolean;
}

const RAW_LIMIT = 200;
const NAME_LIMIT = 500;
const ID_LIMIT = 200;
/** "ID: 1729384756102938475", "商品ID：3591234567890", "ID 12345". */
const ID_TEXT = /(?:^|[^a-z])id\s*[:：#]?\s*([0-9][0-9a-z_-]{3,})/i;
const LINK_ID =
  /\/(?:product|products|item|goods)\/(\d{4,})|[?&](?:product_id|productId|item_id|id)=(\d{4,})/;
/** Attributes that hold a row's position in a virtual list, never its product. */
const POSITION_ATTRIBUTES = new Set(['data-index', 'data-item-index', 'data-known-size']);
const ID_HOLDERS = ID_ATTRIBUTES.filter((a) => !POSITION_ATTRIBUTES.has(a));
const ACTIVE = new Set([...ACTIVE_BUTTONS, ...ACTIVE_TAGS]);
const SEPARATORS = /[|｜]/;
const LETTERS = /\p{L}/gu;
const CURRENCY = /[¥$￥€£]/;

/** Plans of the value elements, made once per element and again only when its structure changed. */
const plans = new WeakMap<Element, ValuePlan>();

function readValueText(el: Element): { text: string; settled: boolean } {
  let plan = plans.get(el);
  if (!plan || plan.stale()) {
    plan = planValue(el);
    plans.set(el, plan);
  }
  return plan.read();
}

/** The product id a text, link or attribute of the row gives; the visible ID first. */
export function rowProductId(
  row: Element,
  hints: Partial<ProductTableHints>,
  scope: Element = row,
): string | undefined {
  const shown = hints.id ? queryOne(scope, hints.id) : null;
  if (shown) {
    const fromText = ID_TEXT.exec(shown.textContent ?? '')?.[1];
    if (fromText) return fromText.slice(0, ID_LIMIT);
    const href = shown.getAttribute('href');
    const fromLink = href ? LINK_ID.exec(href) : null;
    if (fromLink) return (fromLink[1] ?? fromLink[2])!;
  }
  for (const name of ID_HOLDERS) {
    const value = row.getAttribute(name);
    if (value && name !== 'data-row-key' && name !== 'data-key') return value.slice(0, ID_LIMIT);
  }
  const text = scope.textContent ?? '';
  if (/id/i.test(text)) {
    let found: string | undefined;
    walkText(scope, NO_EXCLUSION, (t) => {
      found ??= ID_TEXT.exec(t.data)?.[1];
    });
    if (found) return found.slice(0, ID_LIMIT);
  }
  for (const link of scope.querySelectorAll('a[href]')) {
    const m = LINK_ID.exec(link.getAttribute('href') ?? '');
    if (m) return (m[1] ?? m[2])!;
  }
  // A table's row key, when nothing else names the product (it may be an index: the last resort).
  const key = row.getAttribute('data-row-key') ?? row.getAttribute('data-key');
  return key && /\d{4,}/.test(key) ? key.slice(0, ID_LIMIT) : undefined;
}

function parseInto(out: RowRead, metric: ProductMetricId, text: string): void {
  const parsed = parseMetricText(text, PRODUCT_METRIC_UNIT[metric]);
  if (parsed.ok && parsed.value >= 0) out.metrics[metric] = parsed.value;
  else {
    out.metrics[metric] = null;
    out.failed.push({ metric, raw: text.slice(0, RAW_LIMIT) });
  }
}

/** Control texts (explain / pin buttons and tags) in the row: whether it is the active one. */
function noteControl(out: RowRead, text: string): boolean {
  const key = labelKey(text);
  if (ACTIVE.has(key)) {
    out.active = true;
    out.controls = true;
    return true;
  }
  if (CONTROL_TEXTS.has(key)) {
    out.controls = true;
    return true;
  }
  return false;
}

/** The best name among texts: the one with the most letters that is no label, control, price or ID. */
function pickName(candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestLetters = 0;
  for (const raw of candidates) {
    const letters = raw.match(LETTERS)?.length ?? 0;
    if (letters > bestLetters) {
      best = raw;
      bestLetters = letters;
    }
  }
  return best?.slice(0, NAME_LIMIT);
}

/** A row of a table whose header titles gave `columns` (its cells are its children, in the header's order). */
export function readColumnRow(
  row: Element,
  columns: readonly Column[],
  hints: Partial<ProductTableHints>,
): RowRead | null {
  const cells = row.children;
  const productCell = columns.indexOf('product');
  const scope = (productCell >= 0 ? cells[productCell] : undefined) ?? row;
  const id = rowProductId(row, hints, scope);
  if (!id) return null;
  const out: RowRead = { id, metrics: {}, failed: [], active: false, controls: false, settling: false };
  for (let i = 0; i < columns.length && i < cells.length; i++) {
    const column = columns[i];
    if (!column || column === 'product') continue;
    const cell = cells[i]!;
    const valueEl = (hints.cellValue ? queryOne(cell, hints.cellValue) : null) ?? cell;
    const view = readValueText(valueEl);
    if (!view.settled) out.settling = true;
    parseInto(out, column, view.text.trim());
  }
  const named = hints.name ? queryOne(row, hints.name)?.textContent?.trim() : undefined;
  const texts: string[] = [];
  walkText(
    scope,
    NO_EXCLUSION,
    (t) => {
      const raw = t.data.trim();
      if (noteControl(out, raw) || ID_TEXT.test(raw)) return;
      if (!named) texts.push(raw);
    },
    false,
  );
  // Pin / explain buttons may sit in a column of their own (the blank one).
  if (scope !== row && /讲解|pin|置顶/i.test(row.textContent ?? '')) {
    for (let i = 0; i < cells.length; i++) {
      if (i === productCell) continue;
      walkText(cells[i]!, NO_EXCLUSION, (t) => void noteControl(out, t.data.trim()), false);
    }
  }
  const name = named || pickName(texts);
  if (name) out.name = name.slice(0, NAME_LIMIT);
  return out;
}

/** A row whose numbers carry their own labels: "Clicks 87 | Added to cart 8 | Items sold 0", 库存 320. */
export function readLabelledRow(row: Element, hints: Partial<ProductTableHints>): RowRead | null {
  const id = rowProductId(row, hints);
  const out: RowRead = {
    id: id ?? '',
    metrics: {},
    failed: [],
    active: false,
    controls: false,
    settling: false,
  };
  const names: string[] = [];
  let pending: ProductMetricId | undefined;
  walkText(
    row,
    NO_EXCLUSION,
    (t) => {
      const raw = t.data.trim();
      if (noteControl(out, raw)) return;
      let labelled = false;
      for (const segment of raw.split(SEPARATORS)) {
        const part = segment.trim();
        if (!part) continue;
        const split = splitLabelledText(part);
        if (split) {
          labelled = true;
          if (split.rest) {
            if (textShows(t, row)) parseInto(out, split.metric, split.rest);
            pending = undefined;
          } else pending = split.metric;
        } else if (pending) {
          labelled = true;
          if (textShows(t, row)) parseInto(out, pending, part);
          pending = undefined;
        }
      }
      if (labelled || ID_TEXT.test(raw)) return;
      if (out.price === undefined && CURRENCY.test(raw)) {
        const price = parseMetricText(raw, 'currency');
        if (price.ok && price.value >= 0) {
          out.price = price.value;
          return;
        }
      }
      names.push(raw);
    },
    false,
  );
  const named = hints.name ? queryOne(row, hints.name)?.textContent?.trim() : undefined;
  const name = named || pickName(names);
  if (name) out.name = name.slice(0, NAME_LIMIT);
  // A list that shows no id anywhere (some helpers' goods lists) is keyed by the product's name: still by
  // what the row shows, never by where it sits.
  if (!out.id) {
    if (!out.name) return null;
    out.id = `name:${out.name}`.slice(0, ID_LIMIT);
  }
  return out;
}

/** Columns by the header cells' titles; null when the header names no product column and fewer than two metrics. */
export function columnsOfHeader(headerCells: readonly Element[]): Column[] | null {
  const columns = headerCells.map((cell): Column => {
    const title = cell.textContent ?? '';
    if (isProductTitle(title)) return 'product';
    return productMetricOfTitle(title) ?? null;
  });
  const metrics = columns.filter((c) => c && c !== 'product').length;
  return columns.includes('product') && metrics >= 2 ? columns : null;
}
