import { type LabelMatch, matchLabel } from '../../core/metrics/labelIndex';
import { METRICS, type MetricId } from '../../core/metrics/metricCatalog';
import { labelKey } from '../../core/metrics/normalizeText';
import { parseMetricText } from '../../core/metrics/parseMetricText';
import { collect, GENERIC_EXCLUDE, queryAll, queryOne, repeatedItem, walkText } from './pageText';
import type { SiteAdapter } from './siteAdapter';

// Finding where each metric's value sits, by DOM structure and text only (never by class names):
// the label's card (value beside, under, above), the label's table column, or the label's own text.
// This is the slow path; the reader caches what it finds and calls it again only when needed.

export interface MetricLocation {
  metric: MetricId;
  /** The node whose textContent is the value (an element, or a text node). */
  source: Node;
  /** The label's text node; null for an operator binding. */
  label: Text | null;
  labelText: string;
  match: LabelMatch | null;
  via: 'binding' | 'card' | 'column' | 'glued';
}

const MAX_CARD_DEPTH = 5;
const MAX_LABEL_CHARS = 60;
/** Buttons that make a list a product list (explain / pin controls). */
const PRODUCT_CONTROLS = new Set(['讲解', '取消讲解', '开始讲解', '结束讲解', 'pin', 'unpin', '弹品']);
const CELL = 'th,td,[role="columnheader"],[role="cell"],[role="gridcell"]';

/** Parses a location's text the way the reader will (a `(%)` label makes a bare number a percentage). */
export function parseAt(text: string, metric: MetricId, match: LabelMatch | null) {
  const unit = METRICS[metric].unit;
  const parsed = parseMetricText(text, unit);
  if (!parsed.ok && match?.percent && parsed.reason === 'unit-mismatch')
    return parseMetricText(`${text}%`, unit);
  return parsed;
}

const valueLike = (text: string) => {
  if (/\d/.test(text)) return true;
  const parsed = parseMetricText(text);
  return !parsed.ok && parsed.reason === 'dash';
};

interface Candidate {
  location: MetricLocation;
  /**
   * A label apart from its value over a glued one, then the longer label, then a value that parses, then the
   * earlier label; packed into one number that compares like that tuple.
   */
  rank: number;
}

/** The metrics found under `root`, each at its best-ranked place. Bindings (CSS selectors) come first. */
export function locateMetrics(
  root: ParentNode,
  adapter: SiteAdapter,
  wanted: ReadonlySet<MetricId>,
  bindings: Partial<Record<MetricId, string>> = {},
): Map<MetricId, MetricLocation> {
  const found = new Map<MetricId, MetricLocation>();
  for (const metric of wanted) {
    const selector = bindings[metric];
    const el = selector ? queryOne(root, selector) : null;
    if (el)
      found.set(metric, { metric, source: el, label: null, labelText: '', match: null, via: 'binding' });
  }
  if (found.size === wanted.size) return found;

  const excluded = collect(root, [GENERIC_EXCLUDE, ...(adapter.excludeRoots ?? [])]);
  const best = new Map<MetricId, Candidate>();
  // The first of the adapter's metric roots found on the page (all of its matches), else the whole page.
  const searchRoots: ParentNode[] = adapter.metricRoots
    ?.map((selector) => queryAll(root, selector))
    .find((found) => found.length > 0) ?? [root];
  for (const searchRoot of searchRoots) {
    const labels: { node: Text; match: LabelMatch }[] = [];
    walkText(searchRoot, excluded, (node) => {
      if (node.data.length > MAX_LABEL_CHARS) return;
      const match = matchLabel(node.data);
      if (match) labels.push({ node, match });
    });
    const labelNodes = labels.map((l) => l.node);
    const listVerdict = new Map<Element, boolean>();
    for (const [order, { node, match }] of labels.entries()) {
      if (found.has(match.metric) || !wanted.has(match.metric)) continue;
      if (inForeignList(node, searchRoot as Node, labelNodes, listVerdict)) continue;
      const base = { metric: match.metric, label: node, labelText: node.data, match };
      const location: MetricLocation | null = match.glued
        ? { ...base, source: node, via: 'glued' }
        : locateBeside(base, searchRoot as Node, labelNodes, excluded);
      if (!location) continue;
      const parsed = parseAt(location.source.textContent ?? '', match.metric, match);
      // Labels are ≤ 40 chars and a page has far fewer than 2^32 text nodes, so the fields never overlap.
      const rank = ((+!match.glued * 64 + match.label.length) * 2 + +parsed.ok) * 2 ** 32 - order;
      const current = best.get(match.metric);
      if (!current || rank > current.rank) best.set(match.metric, { location, rank });
    }
  }
  for (const [metric, candidate] of best) found.set(metric, candidate.location);
  return found;
}

/**
 * A label inside a repeated list where most rows carry no label (a comment feed, a product list) is text
 * someone typed or a product name, not a metric tile.
 */
function inForeignList(node: Text, stop: Node, labelNodes: Text[], verdicts: Map<Element, boolean>): boolean {
  const item = repeatedItem(node, stop, 6, 2);
  const list = item?.parentElement;
  if (!item || !list) return false;
  const cached = verdicts.get(list);
  if (cached !== undefined) return cached;
  let rows = 0;
  let labelled = 0;
  let controls = false;
  for (const child of list.children) {
    if (child.tagName !== item.tagName) continue;
    rows++;
    if (labelNodes.some((l) => child.contains(l))) labelled++;
    if (!controls) {
      for (const button of child.querySelectorAll('button,[role="button"]')) {
        if (PRODUCT_CONTROLS.has(labelKey(button.textContent ?? ''))) controls = true;
      }
    }
  }
  const foreign = controls || (rows >= 3 && labelled * 3 < rows);
  verdicts.set(list, foreign);
  return foreign;
}

function locateBeside(
  base: Omit<MetricLocation, 'source' | 'via'> & { label: Text; match: LabelMatch },
  stop: Node,
  labelNodes: Text[],
  excluded: ReadonlySet<Element>,
): MetricLocation | null {
  const { label, match } = base;
  let card = label.parentElement;
  for (let depth = 0; card && depth < MAX_CARD_DEPTH; depth++) {
    if (labelNodes.some((other) => other !== label && card!.contains(other))) break;
    const source = valueInCard(card, label, match, labelNodes, excluded);
    if (source) return { ...base, source, via: 'card' };
    if (card === stop) break;
    card = card.parentElement;
  }
  const source = valueInColumn(label, stop, labelNodes);
  return source ? { ...base, source, via: 'column' } : null;
}

/** The value for `label` inside its card: the first that parses after the label, else the nearest before it. */
function valueInCard(
  card: Element,
  label: Text,
  match: LabelMatch,
  labelNodes: Text[],
  excluded: ReadonlySet<Element>,
): Node | null {
  const after: Node[] = [];
  const before: Node[] = [];
  walkText(card, excluded, (text) => {
    // `labelNodes` holds `label` too.
    if (labelNodes.includes(text) || !valueLike(text.data)) return;
    const source = grow(text, card, label);
    if (after.includes(source) || before.includes(source)) return;
    // DOCUMENT_POSITION_FOLLOWING = 4
    (label.compareDocumentPosition(source) & 4 ? after : before).push(source);
  });
  const parses = (n: Node) => parseAt(n.textContent ?? '', match.metric, match).ok;
  return after.find(parses) ?? before.reverse().find(parses) ?? after[0] ?? before[0] ?? null;
}

/** From a value's text node up to the largest wrapper that still holds just that value (`1.2` + `万`, `¥` + `1,234`). */
function grow(text: Text, card: Element, label: Text): Node {
  let source: Node = text;
  for (let el = text.parentElement; el && el !== card && !el.contains(label); el = el.parentElement) {
    const whole = el.textContent ?? '';
    if (labelKey(whole) !== labelKey(source.textContent ?? '') && !parseMetricText(whole).ok) break;
    source = el;
  }
  return source;
}

/** A label in a table header (or a row of labels over a row of values): the value in the same column. */
function valueInColumn(label: Text, stop: Node, labelNodes: Text[]): Element | null {
  const cell = label.parentElement?.closest(CELL);
  if (cell?.parentElement) {
    const row = cell.parentElement;
    const index = [...row.children].indexOf(cell);
    const table = row.closest('table');
    const valueRow =
      row.parentElement?.tagName === 'THEAD' && table
        ? table.querySelector('tbody > tr')
        : row.nextElementSibling;
    const value = valueRow?.children[index];
    return value && valueLike(value.textContent ?? '') ? value : null;
  }
  // A grid of divs: labels in one row, values in the row after (or before) it, matched by position.
  let item = label.parentElement;
  for (let depth = 0; item && item !== stop && depth < 3; depth++) {
    const row = item.parentElement;
    if (row && row.childElementCount >= 2) {
      const index = [...row.children].indexOf(item);
      for (const other of [row.nextElementSibling, row.previousElementSibling]) {
        if (!other || other.childElementCount !== row.childElementCount) continue;
        const value = other.children[index];
        if (value && valueLike(value.textContent ?? '') && !labelNodes.some((l) => value.contains(l)))
          return value;
      }
    }
    item = row;
  }
  return null;
}
