import type { Product } from '../../core/messages/sample';
import { labelKey } from '../../core/metrics/normalizeText';
import { parseMetricText } from '../../core/metrics/parseMetricText';
import { NO_EXCLUSION, queryAllIn, queryOne, repeatedItem, walkText } from './pageText';
import type { ProductHints } from './siteAdapter';

// The product being explained, found by the state of its explain button (取消讲解 / 结束讲解 / Unpin) or
// its 讲解中 tag — never by position, because product lists are virtualised and reordered.

/** Texts a product row shows while it is the one being explained; buttons first, tags as backup. */
export const ACTIVE_BUTTONS = ['取消讲解', '结束讲解', '停止讲解', 'unpin', '取消置顶'];
export const ACTIVE_TAGS = ['讲解中', '正在讲解', '讲解中...', 'pinned'];
/** Button and tag texts that are never a product's name. */
export const CONTROL_TEXTS = new Set([
  ...ACTIVE_BUTTONS,
  ...ACTIVE_TAGS,
  '讲解',
  '开始讲解',
  'pin',
  '弹品',
  '置顶',
  '上架',
  '下架',
]);
export const ID_ATTRIBUTES = [
  'data-rbd-draggable-id',
  'data-product-id',
  'data-goods-id',
  'data-item-id',
  'data-id',
  'data-row-key',
  'data-key',
];
const ITEM_HOOKS = ID_ATTRIBUTES.map((a) => `[${a}]`).join(',');
const LETTER = /\p{L}/gu;
/** No explain button or state tag is longer than this: longer texts are not looked at. */
const MARKER_CHARS = 24;
const MARKER_HINT = /讲解|pin|置顶/i;
/** Words worth a closer look in a changed text: it may be an explain button switching state. */
export const PRODUCT_HINT = /讲解|pin|置顶/;

export interface ProductSpot {
  marker: Element;
  markerKey: string;
  item: Element;
}

/** Finds the explained product's row under the roots; null when no product is being explained. */
export function locateProduct(roots: readonly ParentNode[], hints: ProductHints = {}): ProductSpot | null {
  const lists = (hints.listRoots ?? []).flatMap((s) => queryAllIn(roots, s));
  const scopes: readonly ParentNode[] = lists.length > 0 ? lists : roots;
  let marker: Element | null = null;
  if (hints.active) {
    for (const scope of scopes) marker ??= queryOne(scope, hints.active);
  }
  if (!marker) {
    const buttons = [...ACTIVE_BUTTONS, ...(hints.activeTexts ?? [])];
    let tag: Element | null = null;
    for (const scope of scopes) {
      walkText(
        scope,
        NO_EXCLUSION,
        (text) => {
          if (marker) return;
          const key = labelKey(text.data);
          if (buttons.includes(key)) marker = text.parentElement;
          else if (!tag && ACTIVE_TAGS.includes(key)) tag = text.parentElement;
        },
        false,
        (data) => data.length <= MARKER_CHARS && MARKER_HINT.test(data),
        MARKER_HINT,
      );
    }
    marker ??= tag;
  }
  if (!marker) return null;
  const found: Element = marker;
  const item =
    (hints.item ? found.closest(hints.item) : null) ??
    found.closest(ITEM_HOOKS) ??
    repeatedItem(found, null, 6, 2) ??
    found.parentElement?.parentElement ??
    found;
  return { marker: found, markerKey: labelKey(found.textContent ?? ''), item };
}

/** The spot still shows the explained product (the button was not switched back or the row recycled away). */
export function spotStillActive(spot: ProductSpot, hints: ProductHints = {}): boolean {
  if (!spot.marker.isConnected || !spot.item.isConnected) return false;
  if (hints.active) return spot.marker.matches(hints.active);
  return labelKey(spot.marker.textContent ?? '') === spot.markerKey;
}

/** Name, price and id of the product in a row: the name is the text with the most letters that is not a control. */
export function readProduct(item: Element, hints: ProductHints = {}): Product | null {
  let name = hints.name ? (queryOne(item, hints.name)?.textContent?.trim() ?? '') : '';
  let price: number | undefined;
  if (hints.price) {
    const parsed = parseMetricText(queryOne(item, hints.price)?.textContent ?? '', 'currency');
    if (parsed.ok) price = parsed.value;
  }
  if (!name || price === undefined) {
    let bestLetters = 0;
    walkText(item, NO_EXCLUSION, (text) => {
      const raw = text.data.trim();
      const key = labelKey(raw);
      if (CONTROL_TEXTS.has(key)) return;
      if (price === undefined && /[¥$￥]/.test(raw)) {
        const parsed = parseMetricText(raw, 'currency');
        if (parsed.ok) {
          price = parsed.value;
          return;
        }
      }
      const letters = raw.match(LETTER)?.length ?? 0;
      if (!hints.name && letters > bestLetters) {
        bestLetters = letters;
        name = raw;
      }
    });
  }
  if (!name) return null;
  const product: Product = { name: name.slice(0, 500) };
  const idHolder = item.matches(ITEM_HOOKS)
    ? item
    : (item.closest(ITEM_HOOKS) ?? item.querySelector(ITEM_HOOKS));
  const id = idHolder ? ID_ATTRIBUTES.map((a) => idHolder.getAttribute(a)).find((v) => v) : undefined;
  if (id) product.id = id.slice(0, 200);
  if (price !== undefined && price >= 0) product.price = price;
  return product;
}
