import {
  type LabelMatch,
  matchLabel,
  mayBeLabelText,
  SEGMENT_SEPARATOR,
  segmentsOf,
  valuePart,
} from '../../core/metrics/labelIndex';
import { METRICS, type MetricId } from '../../core/metrics/metricCatalog';
import { labelKey } from '../../core/metrics/normalizeText';
import { type ParsedMetric, parseMetricText } from '../../core/metrics/parseMetricText';
import { checkPlausible } from '../../core/metrics/plausibility';
import { locateHeadlines } from './headlineHint';
import { LABEL_HINT } from './labelHint';
import { type Exclusion, isSeen, queryOne, repeatedItem, sharedView, textWalk, walkText } from './pageText';
import { planValue, textShows } from './valueView';

// Finding where each metric's value sits, by DOM structure and text only (never by class names): the
// label's own text (`在线人数：1,927`, or one part of `2,192在线观众 · 30,696人进入直播间`), the node beside it on
// its line, its card (value beside, under, above), or its table column. This is the slow path, linear in
// what it searches: the reader caches what it finds and calls it again only for what it lost.

export interface MetricLocation {
  metric: MetricId;
  /** The node whose visible text is the value (an element, or a text node). */
  source: Node;
  /** The label's text node; null for an operator binding. */
  label: Text | null;
  labelText: string;
  match: LabelMatch | null;
  /** `adapter`: a site's headline, whose label the adapter's knowledge of the block ties to it (headlineHint.ts). */
  via: 'adapter' | 'binding' | 'card' | 'column' | 'glued' | 'sibling';
}

export interface LocateContext {
  exclusion: Exclusion;
  /** The adapter's headline value elements (SiteAdapter.headlines). */
  headlines?: readonly string[];
}

const MAX_CARD_DEPTH = 5;
const MAX_LABEL_CHARS = 60;
/** A card holding more text than this is a section, not a tile: its value would be a guess. */
const MAX_CARD_TEXTS = 80;
/** Rows of a list looked at to tell a tile grid from a feed. */
const MAX_LIST_ROWS = 40;
/** Buttons that make a list a product list (explain / pin controls). */
const PRODUCT_CONTROLS = new Set(['讲解', '取消讲解', '开始讲解', '结束讲解', 'pin', 'unpin', '弹品']);
const CELL = 'th,td,[role="columnheader"],[role="cell"],[role="gridcell"]';

/**
 * Parses a location's text the way the reader will: the label of a glued text removed, a `(%)` label making a
 * bare number a percentage, and the plausibility gate last.
 */
export function parseAt(text: string, metric: MetricId, match: LabelMatch | null): ParsedMetric {
  const unit = METRICS[metric].unit;
  const value = match ? valuePart(text, match) : text;
  let parsed = parseMetricText(value, unit);
  if (!parsed.ok && match?.percent && parsed.reason === 'unit-mismatch')
    parsed = parseMetricText(`${value}%`, unit);
  return checkPlausible(metric, parsed, parsed.ok ? value : parsed.raw);
}

const valueLike = (text: string) => {
  if (/\d/.test(text)) return true;
  const parsed = parseMetricText(text);
  return !parsed.ok && parsed.reason === 'dash';
};

/** The text a person sees in a node (hidden spacers out, per-character spans joined), once per shared read. */
export const viewText = (node: Node): string => sharedView(node, seenText);
const seenText = (node: Node): string => planValue(node).read().text;

interface Candidate {
  location: MetricLocation;
  /**
   * A label apart from its value over a glued one, then the longer label, then a value that parses, then the
   * earlier label; packed into one number that compares like that tuple.
   */
  rank: number;
}

export interface FoundLabel {
  node: Text;
  match: LabelMatch;
}

/** How many labels each element holds, for the few levels a card can span: "does this card hold another label" in O(1). */
function countLabels(labels: FoundLabel[]): Map<Element, number> {
  const counts = new Map<Element, number>();
  for (const { node } of labels) {
    let el = node.parentElement;
    for (let depth = 0; el && depth <= MAX_CARD_DEPTH + 3; depth++, el = el.parentElement)
      counts.set(el, (counts.get(el) ?? 0) + 1);
  }
  return counts;
}

/** The label matches of one text: the whole text, or each part of a line split by separators. */
function labelsIn(data: string): LabelMatch[] {
  if (data.length > MAX_LABEL_CHARS || !mayBeLabelText(data)) return [];
  const match = matchLabel(data);
  if (match) return [match];
  if (!SEGMENT_SEPARATOR.test(data)) return [];
  const parts: LabelMatch[] = [];
  segmentsOf(data).forEach((part, segment) => {
    const glued = matchLabel(part, segment);
    if (glued?.glued) parts.push(glued);
  });
  return parts;
}

/** A walk for labels that can pause between slices; `labels` holds what it found so far. */
export interface LabelSearch {
  step(deadline: number): boolean;
  labels: FoundLabel[];
}

/** The labels under `root`, glued parts of a line split out, found in slices. */
export function labelSearch(root: ParentNode, context: LocateContext): LabelSearch {
  const labels: FoundLabel[] = [];
  const seen = new Set<Text>();
  // The match is worked out in the cheap first test, so only real labels pay for the check of where they sit.
  let matched: LabelMatch[] = [];
  const walk = textWalk(
    root,
    context.exclusion,
    (node) => {
      // A paused walk that started over visits some texts twice.
      if (seen.has(node)) return;
      seen.add(node);
      // A label no one sees (a tooltip's "viewers in the last 5 min", kept hidden until hovered) is no label.
      if (!isSeen(node.parentElement!)) return;
      for (const match of matched) labels.push({ node, match });
    },
    true,
    (data) => {
      matched = labelsIn(data);
      return matched.length > 0;
    },
    LABEL_HINT,
    true,
  );
  return { labels, step: (deadline) => walk.step(deadline) };
}

/** The labels under `root` (one walk), glued parts of a line split out. */
export function findLabels(root: ParentNode, context: LocateContext): FoundLabel[] {
  const search = labelSearch(root, context);
  search.step(Number.POSITIVE_INFINITY);
  return search.labels;
}

/** Metrics bound by the operator's picked elements, first of all. */
export function boundMetrics(
  wanted: ReadonlySet<MetricId>,
  bindings: Partial<Record<MetricId, string>>,
  roots: readonly ParentNode[],
): Map<MetricId, MetricLocation> {
  const found = new Map<MetricId, MetricLocation>();
  for (const metric of wanted) {
    const selector = bindings[metric];
    if (!selector) continue;
    for (const root of roots) {
      const el = queryOne(root, selector);
      if (el) {
        found.set(metric, { metric, source: el, label: null, labelText: '', match: null, via: 'binding' });
        break;
      }
    }
  }
  return found;
}

/** The metrics found under each search root, each at its best-ranked place. Bindings (CSS selectors) come first. */
export function locateMetrics(
  searchRoots: readonly ParentNode[],
  wanted: ReadonlySet<MetricId>,
  context: LocateContext,
  bindings: Partial<Record<MetricId, string>> = {},
  bindingRoots: readonly ParentNode[] = searchRoots,
  /** Hears of each wanted label with no value beside it yet (a tile still loading). */
  onOrphan?: (label: Text) => void,
): Map<MetricId, MetricLocation> {
  const found = boundMetrics(wanted, bindings, bindingRoots);
  if (found.size === wanted.size) return found;
  const labelled = searchRoots.map((root): [ParentNode, FoundLabel[]] => [root, findLabels(root, context)]);
  return placeLabels(labelled, wanted, found, context, onOrphan);
}

/** Each wanted metric at the best-ranked place beside its labels (found per search root), added to `found`. */
export function placeLabels(
  labelled: readonly [ParentNode, FoundLabel[]][],
  wanted: ReadonlySet<MetricId>,
  found: Map<MetricId, MetricLocation>,
  context: LocateContext,
  onOrphan?: (label: Text) => void,
): Map<MetricId, MetricLocation> {
  const best = new Map<MetricId, Candidate>();
  for (const [searchRoot, labels] of labelled) {
    // Every label counts for telling tiles from feeds and cards from sections; only the wanted are placed.
    if (!labels.some(({ match }) => wanted.has(match.metric) && !found.has(match.metric))) continue;
    const labelSet = new Set(labels.map((l) => l.node));
    const counts = countLabels(labels);
    const listVerdict = new Map<Element, boolean>();
    const stop = searchRoot as Node;
    for (const [order, { node, match }] of labels.entries()) {
      if (!wanted.has(match.metric) || found.has(match.metric) || !node.isConnected) continue;
      if (inForeignList(node, stop, counts, listVerdict)) continue;
      const base = { metric: match.metric, label: node, labelText: node.data, match };
      const location: MetricLocation | null = match.glued
        ? { ...base, source: node, via: 'glued' }
        : locateBeside(base, stop, labelSet, counts, context.exclusion);
      if (!location) {
        onOrphan?.(node);
        continue;
      }
      const parsed = parseAt(viewText(location.source), match.metric, match);
      // Labels are ≤ 40 chars and a page has far fewer than 2^32 text nodes, so the fields never overlap.
      const rank = ((+!match.glued * 64 + match.label.length) * 2 + +parsed.ok) * 2 ** 32 - order;
      const current = best.get(match.metric);
      if (!current || rank > current.rank) best.set(match.metric, { location, rank });
    }
  }
  if (context.headlines?.length) placeHeadlines(labelled, wanted, found, best, context);
  for (const [metric, candidate] of best) found.set(metric, candidate.location);
  return found;
}

/**
 * Where proximity could not tie a wanted metric's label to a value that reads (no place, a table column, a
 * refusal), the adapter's headline for that metric decides.
 */
function placeHeadlines(
  labelled: readonly [ParentNode, FoundLabel[]][],
  wanted: ReadonlySet<MetricId>,
  found: Map<MetricId, MetricLocation>,
  best: Map<MetricId, Candidate>,
  context: LocateContext,
): void {
  const reads = (text: string, match: LabelMatch) => parseAt(text, match.metric, match).ok;
  const roots = new Set(labelled.map(([root]) => root));
  // A headline's label rendered again on its own (switched back to GMV) has its value outside what was searched.
  for (const [, labels] of labelled)
    for (const { node, match } of labels)
      if (wanted.has(match.metric) && !found.has(match.metric) && !best.has(match.metric))
        roots.add(node.getRootNode() as ParentNode);
  for (const { source, label, match } of locateHeadlines(
    [...roots],
    context.headlines!,
    context.exclusion,
    reads,
  )) {
    const metric = match.metric;
    if (!wanted.has(metric) || found.has(metric)) continue;
    const current = best.get(metric)?.location;
    if (current && current.via !== 'column' && reads(viewText(current.source), current.match ?? match))
      continue;
    const location: MetricLocation = { metric, source, label, labelText: label.data, match, via: 'adapter' };
    best.set(metric, { location, rank: Number.POSITIVE_INFINITY });
  }
}

/**
 * A label inside a repeated list where most rows carry no label (a comment feed, a product list) is text
 * someone typed or a product name, not a metric tile.
 */
function inForeignList(
  node: Text,
  stop: Node,
  counts: Map<Element, number>,
  verdicts: Map<Element, boolean>,
): boolean {
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
    if (++rows > MAX_LIST_ROWS) break;
    if (counts.has(child)) labelled++;
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

/**
 * Parses for the metric, and is not of the wrong kind (a percent is never a currency, a duration never a count,
 * a change never a level).
 */
function fits(node: Node, match: LabelMatch): { ok: boolean; fits: boolean } {
  const parsed = parseAt(viewText(node), match.metric, match);
  // A delta badge beside the value is never the value, not even while the value itself shows no number.
  return {
    ok: parsed.ok,
    fits: parsed.ok || (parsed.reason !== 'unit-mismatch' && parsed.reason !== 'change'),
  };
}

type BaseLocation = Omit<MetricLocation, 'source' | 'via'> & { label: Text; match: LabelMatch };

function locateBeside(
  base: BaseLocation,
  stop: Node,
  labelSet: ReadonlySet<Text>,
  counts: Map<Element, number>,
  exclusion: Exclusion,
): MetricLocation | null {
  const { label, match } = base;
  const sibling = valueOnLine(label, match, labelSet);
  if (sibling) return { ...base, source: sibling, via: 'sibling' };
  let card = label.parentElement;
  for (let depth = 0; card && depth < MAX_CARD_DEPTH; depth++) {
    if ((counts.get(card) ?? 0) > 1) break;
    const source = valueInCard(card, label, match, labelSet, exclusion);
    if (source) return { ...base, source, via: 'card' };
    if (card === stop) break;
    card = card.parentElement;
  }
  const source = valueInColumn(label, stop, counts);
  return source ? { ...base, source, via: 'column' } : null;
}

const blank = (n: Node | null) => n !== null && n.nodeType === 3 && !(n as Text).data.trim();
const nextOf = (n: Node) => {
  let s = n.nextSibling;
  while (blank(s)) s = s!.nextSibling;
  return s;
};
const previousOf = (n: Node) => {
  let s = n.previousSibling;
  while (blank(s)) s = s!.previousSibling;
  return s;
};

/**
 * A label that shares its line with other nodes (`<b>2,192</b>在线观众 · <b>30,696</b>人进入直播间`): the value is
 * the node right after a label ending in a colon, else the node right before it, else the one after.
 */
function valueOnLine(label: Text, match: LabelMatch, labelSet: ReadonlySet<Text>): Node | null {
  const before = previousOf(label);
  const after = nextOf(label);
  if (!before && !after) return null;
  const usable = (n: Node | null) =>
    n && !labelSet.has(n as Text) && valueLike(n.textContent ?? '') && fits(n, match).ok ? n : null;
  return match.colon ? (usable(after) ?? usable(before)) : (usable(before) ?? usable(after));
}

/** The value for `label` inside its card: the first that parses after the label, else the nearest before it. */
function valueInCard(
  card: Element,
  label: Text,
  match: LabelMatch,
  labelSet: ReadonlySet<Text>,
  exclusion: Exclusion,
): Node | null {
  const after: Node[] = [];
  const before: Node[] = [];
  let texts = 0;
  walkText(card, exclusion, (text) => {
    if (++texts > MAX_CARD_TEXTS) return;
    if (labelSet.has(text) || text === label || !valueLike(text.data)) return;
    // One source per value: the digits of an odometer all grow into the same number.
    if (after.some((n) => n.contains(text)) || before.some((n) => n.contains(text))) return;
    if (!textShows(text, card)) return;
    const source = grow(text, card, label);
    if (after.includes(source) || before.includes(source)) return;
    // DOCUMENT_POSITION_FOLLOWING = 4
    (label.compareDocumentPosition(source) & 4 ? after : before).push(source);
  });
  if (texts > MAX_CARD_TEXTS) return null;
  const checked = new Map<Node, { ok: boolean; fits: boolean }>();
  const check = (n: Node) => {
    let verdict = checked.get(n);
    if (!verdict) {
      verdict = fits(n, match);
      checked.set(n, verdict);
    }
    return verdict;
  };
  const fitting = (list: Node[]) => list.filter((n) => check(n).fits);
  const afterFit = fitting(after);
  const beforeFit = fitting(before).reverse();
  return (
    afterFit.find((n) => check(n).ok) ??
    beforeFit.find((n) => check(n).ok) ??
    afterFit[0] ??
    beforeFit[0] ??
    null
  );
}

/** From a value's text node up to the largest wrapper that still holds just that value (`1.2` + `万`, `¥` + `1,234`). */
function grow(text: Text, card: Element, label: Text): Node {
  let source: Node = text;
  let shown = labelKey(text.data);
  for (let el = text.parentElement; el && el !== card && !el.contains(label); el = el.parentElement) {
    const whole = labelKey(viewText(el));
    if (whole !== shown && !parseMetricText(whole).ok) break;
    source = el;
    shown = whole;
  }
  return source;
}

/** A label in a table header (or a row of labels over a row of values): the value in the same column. */
function valueInColumn(label: Text, stop: Node, counts: Map<Element, number>): Element | null {
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
        if (value && valueLike(value.textContent ?? '') && !counts.has(value)) return value;
      }
    }
    item = row;
  }
  return null;
}
