import type { ProductMetricId, ProductRowReading } from '../../lib/core/products/productContract';
import type { DisplayStyle } from '../../lib/core/scenario/displayStyles';
import { writeDisplayValue } from '../../lib/core/scenario/displayStyles';

// The mock room's product table as real dashboards draw theirs (PLATFORMS.md, Products): a data grid whose
// header titles name the columns, virtualised — only the rows on screen exist, a small pool of row elements
// is recycled as the list scrolls (the element that showed product 3 shows product 11 after a scroll), each
// row with its product's "ID: …" and an explain button; the explained product's reads 取消讲解. Text only
// through textContent; class names carry fake hashes.

/** Columns this build shows, in its own order (a reader maps them by title, never by position). */
const COLUMNS: readonly [ProductMetricId, string][] = [
  ['gmv', '成交金额'],
  ['sold', '成交件数'],
  ['impressions', '曝光人数'],
  ['clicks', '点击人数'],
  ['ctr', '曝光-点击率'],
  ['carts', '加购人数'],
  ['conversionRate', '点击-成交转化率'],
  ['stock', '库存'],
];
export const ROW_HEIGHT = 44;
const VISIBLE_ROWS = 6;
/** Rows drawn beyond the visible ones, above and below (as virtual lists overscan). */
const OVERSCAN = 1;

export interface ProductTableView {
  /** Draws a step: the catalog's rows and the pinned product. */
  show(rows: readonly ProductRowReading[], pinnedId: string | null): void;
  /** Scroll the list so this row index is at the top (tests and the page's own scrolling). */
  scrollToIndex(index: number): void;
  /** Rows drawn now (the ones on screen and the overscan). */
  drawnIds(): string[];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderProductTable(
  area: HTMLElement,
  styleOf: (metric: ProductMetricId) => DisplayStyle,
  onExplain: (id: string, explaining: boolean) => void,
): ProductTableView {
  area.replaceChildren();
  const grid = el('div', 'productGrid-t5y6u');
  grid.setAttribute('role', 'grid');
  const header = el('div', 'gridHeader-i8o9p');
  header.setAttribute('role', 'row');
  const titles = ['商品', ...COLUMNS.map(([, title]) => title), '操作'];
  for (const title of titles) {
    const cell = el('div', 'headerCell-a2s3d', title);
    cell.setAttribute('role', 'columnheader');
    header.append(cell);
  }
  const scroller = el('div', 'gridScroller-f4g5h');
  scroller.style.height = `${ROW_HEIGHT * VISIBLE_ROWS}px`;
  const spacer = el('div', 'gridSpacer-j6k7l');
  scroller.append(spacer);
  grid.append(header, scroller);
  area.append(grid);

  let rows: readonly ProductRowReading[] = [];
  let pinned: string | null = null;
  const pool: HTMLElement[] = [];

  const rowElement = () => {
    const row = el('div', 'gridRow-z8x9c');
    row.setAttribute('role', 'row');
    const product = el('div', 'productCell-v1b2n');
    product.setAttribute('role', 'gridcell');
    product.append(el('div', 'productName-m3q4w'), el('div', 'productId-e5r6t'));
    row.append(product);
    for (const _ of COLUMNS) {
      const cell = el('div', 'valueCell-y7u8i');
      cell.setAttribute('role', 'gridcell');
      row.append(cell);
    }
    const action = el('div', 'actionCell-o9p0a');
    action.setAttribute('role', 'gridcell');
    const button = el('button', 'explainBtn-s1d2f');
    button.type = 'button';
    button.addEventListener('click', () => {
      const id = row.dataset.productId;
      if (id) onExplain(id, button.textContent === '讲解');
    });
    action.append(button);
    row.append(action);
    return row;
  };

  const setText = (node: Element, text: string) => {
    if (node.textContent !== text) node.textContent = text;
  };

  const draw = () => {
    spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.min(rows.length - first, VISIBLE_ROWS + 2 * OVERSCAN);
    while (pool.length < Math.max(0, count)) pool.push(rowElement());
    for (let slot = 0; slot < pool.length; slot++) {
      const element = pool[slot]!;
      // Classic recycling: index i is always drawn by pool slot i mod pool size.
      const index = first + ((slot - (first % pool.length) + pool.length) % pool.length);
      const row = index < first + count ? rows[index] : undefined;
      if (!row) {
        element.remove();
        continue;
      }
      element.dataset.index = String(index);
      element.dataset.productId = row.id;
      element.style.top = `${index * ROW_HEIGHT}px`;
      const cells = element.children;
      setText(cells[0]!.children[0]!, row.name ?? '');
      setText(cells[0]!.children[1]!, `ID: ${row.id}`);
      COLUMNS.forEach(([metric], c) => {
        const value = row.metrics[metric];
        setText(
          cells[c + 1]!,
          value === undefined ? '' : value === null ? '--' : writeDisplayValue(value, styleOf(metric)),
        );
      });
      const explaining = row.id === pinned;
      const button = cells[COLUMNS.length + 1]!.firstElementChild as HTMLButtonElement;
      setText(button, explaining ? '取消讲解' : '讲解');
      button.classList.toggle('active', explaining);
      if (element.parentElement !== scroller) scroller.append(element);
    }
  };
  scroller.addEventListener('scroll', draw, { passive: true });

  return {
    show(next, pinnedId) {
      rows = next;
      pinned = pinnedId;
      draw();
    },
    scrollToIndex(index) {
      scroller.scrollTop = index * ROW_HEIGHT;
      draw();
    },
    drawnIds: () => pool.filter((e) => e.isConnected).map((e) => e.dataset.productId ?? ''),
  };
}
