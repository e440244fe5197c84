import type { MetricId } from '../../lib/core/metrics/metricCatalog';
import { type DisplayStyle, writeDisplayValue } from '../../lib/core/scenario/displayStyles';

// Writes the mock room's DOM. Everything goes through textContent; class names carry fake hashes on
// purpose, and there are no data-metric hooks: the extension must find numbers by their labels.

/** The labels this mock dashboard shows (a Kuaishou-like build). */
export const MOCK_LABELS: Record<MetricId, string> = {
  viewers: '实时在线人数',
  entries: '累计观众数',
  views: '累计观看人次',
  gmv: '累计成交金额',
  orders: '成交订单数',
  buyers: '成交人数',
  productClicks: '商品点击次数',
  comments: '评论数',
  likes: '本场点赞',
  newFollowers: '新增粉丝',
  avgWatchSec: '人均观看时长',
  conversionRate: '成交转化率',
};

const DEFAULT_STYLE: Partial<Record<MetricId, DisplayStyle>> = {
  gmv: 'currency',
  avgWatchSec: 'duration',
  conversionRate: 'percent',
};

export type MockLayout = 'cards' | 'table';

export interface MetricCells {
  /** null or absent: the dashboard shows its blank, `--`. Returns whether any text changed. */
  set(values: Partial<Record<MetricId, number | null>>): boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Builds tiles (or a table) for the given metrics and returns a setter that rewrites only changed text. */
export function renderMetricArea(
  area: HTMLElement,
  metrics: MetricId[],
  display: Partial<Record<MetricId, DisplayStyle>>,
  layout: MockLayout,
): MetricCells {
  area.replaceChildren();
  const cells = new Map<MetricId, HTMLElement>();
  if (layout === 'table') {
    const table = el('table', 'metricTable-w4e5r');
    const head = table.createTHead().insertRow();
    const body = table.createTBody().insertRow();
    for (const id of metrics) {
      head.append(el('th', undefined, MOCK_LABELS[id]));
      const cell = el('td', undefined, '--');
      body.append(cell);
      cells.set(id, cell);
    }
    area.append(table);
  } else {
    for (const id of metrics) {
      const card = el('div', 'metricCard-k3j9m');
      const value = el('span', undefined, '--');
      const data = el('div', 'data--p0q2w');
      data.append(value);
      card.append(el('span', 'name--x7a1q', MOCK_LABELS[id]), data);
      area.append(card);
      cells.set(id, value);
    }
  }
  return {
    set(values) {
      let changed = false;
      for (const [id, cell] of cells) {
        const value = values[id];
        const text =
          value === undefined || value === null
            ? '--'
            : writeDisplayValue(value, display[id] ?? DEFAULT_STYLE[id] ?? 'comma');
        if (cell.textContent !== text) {
          cell.textContent = text;
          changed = true;
        }
      }
      return changed;
    },
  };
}

export interface MockProduct {
  id: string;
  name: string;
  price?: number;
}

/** The goods list: the product being explained shows 取消讲解 and a 讲解中 tag, the others 讲解. */
export function renderGoods(list: HTMLElement, products: MockProduct[], currentId: string | undefined): void {
  list.replaceChildren();
  for (const product of products) {
    const current = product.id === currentId;
    const item = el('li', 'goodsItem-KBGOY5');
    item.dataset.rbdDraggableId = product.id;
    const name = el('span', 'title--f5g6', product.name);
    if (current) name.append(el('span', 'tag--e3r4', '讲解中'));
    const button = el('button', current ? 'btn--JXmnr active' : 'btn--JXmnr', current ? '取消讲解' : '讲解');
    button.type = 'button';
    item.append(name, button);
    if (product.price !== undefined) item.append(el('span', 'price--m1n2', `¥${product.price}`));
    list.append(item);
  }
}

const NICKS = ['小鹿', '阿杰', 'momo', '晴天', '大白', '橙子', '七七', 'Lily'];
const LINES = [
  '3号链接多少钱？',
  '主播身高多少',
  '已拍2件',
  '福袋什么时候开',
  '有没有优惠券',
  '好看！',
  '链接在哪',
  '发货快吗',
];

/** A comment every few scenario seconds, chosen by the second so a replay shows the same feed. */
export function tickComments(feed: HTMLElement, sec: number): void {
  if (sec % 3 !== 0) return;
  const n = (sec * 7919) % 997;
  const item = el('li');
  item.append(
    el('span', 'nick--y6u7', NICKS[n % NICKS.length]),
    document.createTextNode(LINES[n % LINES.length]!),
  );
  feed.prepend(item);
  while (feed.children.length > 8) feed.lastElementChild?.remove();
}

export function showEndedModal(doc: Document): void {
  const mask = el('div', 'modal-mask-b8n9 ant-modal-wrap');
  const body = el('div', 'modal-body-l0k9');
  body.append(el('h3', undefined, '直播已结束'), el('p', undefined, '直播总结已生成'));
  mask.append(body);
  doc.body.append(mask);
}

export function formatClock(sec: number): string {
  const two = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${two(sec / 3600)}:${two((sec % 3600) / 60)}:${two(sec % 60)}`;
}
