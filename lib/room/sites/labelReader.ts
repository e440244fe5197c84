import type { MetricValues, Product, ReaderHealth } from '../../core/messages/sample';
import { mayBeLabelText, stillLabelled } from '../../core/metrics/labelIndex';
import { METRIC_IDS, type MetricId } from '../../core/metrics/metricCatalog';
import { labelKey } from '../../core/metrics/normalizeText';
import type { ParsedMetric } from '../../core/metrics/parseMetricText';
import { ENDED_EXCLUDE, ENDED_HINT, type EndedSpot, findEnded, stillEnded } from './endedDetector';
import {
  boundMetrics,
  type FoundLabel,
  findLabels,
  type LabelSearch,
  labelSearch,
  locateMetrics,
  type MetricLocation,
  parseAt,
  placeLabels,
} from './locateMetrics';
import { discoverRoots, Exclusion, GENERIC_EXCLUDE, queryAllIn } from './pageText';
import { locateProduct, PRODUCT_HINT, type ProductSpot, readProduct, spotStillActive } from './productReader';
import type { RoomReading, SiteAdapter } from './siteAdapter';
import { type FrameCheck, newSettleState, type PageMotion, type SettleState, settle } from './valueSettle';
import { planValue, type ValuePlan, type ValueView } from './valueView';

export type { RoomReading } from './siteAdapter';

// The generic room reader. The page is walked once to find every metric (and again, backing off, only while
// some are missing); after that a read touches only the cached value nodes, so it costs the same on a page of
// 1k or 50k elements. Mutations are handed in by the sampler: a value node's own changes mark it for a fresh
// look, added subtrees are searched for what is missing, and a metric whose node detached is found again
// from its label (at most once a second), never by walking the page.

export interface RoomReader {
  /**
   * `scan: false` (a mutation's read) never walks the page; the heartbeat's read may. `drawnAfterRead`: the
   * page drew two frames after that read (see `reads()`), so an animating value unchanged since then has
   * settled; null: not known (an animating value is not taken yet); left out: frames were drawn since the
   * previous read.
   */
  read(options?: { scan?: boolean; drawnAfterRead?: number | null }): RoomReading;
  /** The number of the last read (reads are numbered from 1). */
  reads(): number;
  /** Tells the reader what changed; true when a read may now give something new. */
  noteMutations(records: readonly MutationRecord[]): boolean;
  /** A transition or animation ended on this element: a roller may have come to rest. */
  noteMotionEnd(target: EventTarget | null): boolean;
  /** A same-origin frame loaded: its document is part of the room. */
  noteFrameLoad(frame: Element): boolean;
  /** Where to observe: the document, its open shadow roots and same-origin frames, and each value node. */
  targets(): { roots: Node[]; values: Node[]; version: number };
  /** Forget every cached element (after SPA navigation, say); the next read walks the page again. */
  relocate(): void;
}

export interface RoomReaderOptions {
  /** Monotonic ms for pacing walks of the page; performance.now() by default. */
  now?: () => number;
  /** The sample clock (scenario time in the e2e build): settling and the frozen page are judged on it. */
  sampleNow?: () => number;
  /** First wait between walks while some metric is missing; doubles on each walk that finds nothing new. */
  rescanMs?: number;
  maxRescanMs?: number;
  /** Whether the page animates its numbers, kept by the caller across readers of one page (a rebuilt reader keeps it). */
  motion?: PageMotion;
}

interface Slot {
  location: MetricLocation;
  plan: ValuePlan;
  view: ValueView;
  dirty: boolean;
  settle: SettleState;
  text: string | null;
  parsed: ParsedMetric | null;
}

const RAW_LIMIT = 200;
const TITLE_LIMIT = 300;
/** A metric whose node detached is looked for again at most this often. */
const RELOCATE_MS = 1000;
/** The page counts as frozen once no number on it changed for this long. */
export const FROZEN_AFTER_MS = 10_000;
/** The first look at a big page goes in slices of this many ms, one per read. */
const SLICE_MS = 8;
/** Label cards watched for a value to appear in (a tile still loading). */
const MAX_ORPHANS = 24;
/** Rows added to one container without a label before it counts as a feed and is no longer looked into. */
const FEED_ROWS = 8;
/** Added subtrees searched per read; past that the heartbeat's walk takes over. */
const MAX_ADDED = 2000;

function labelValid(location: MetricLocation): boolean {
  const { source, label, labelText, match } = location;
  if (!source.isConnected) return false;
  if (!label) return true;
  if (!label.isConnected) return false;
  return label.data === labelText || (match !== null && stillLabelled(label.data, match));
}

export function createRoomReader(
  root: ParentNode,
  adapter: SiteAdapter,
  bindings: Partial<Record<MetricId, string>> = {},
  options: RoomReaderOptions = {},
): RoomReader {
  const now = options.now ?? (() => performance.now());
  const sampleNow = options.sampleNow ?? (() => Date.now());
  const firstRescanMs = options.rescanMs ?? 2000;
  const maxRescanMs = options.maxRescanMs ?? 30_000;
  const rootNode = root as Node;
  const doc = rootNode.ownerDocument ?? (root as Document);
  const excludeSelector = [GENERIC_EXCLUDE, ...(adapter.excludeRoots ?? [])].join(',');
  const exclusion = new Exclusion(excludeSelector);
  const endedExclusion = new Exclusion(`${excludeSelector},${ENDED_EXCLUDE}`);
  const motion: PageMotion = options.motion ?? { animated: false };

  const slots = new Map<MetricId, Slot>();
  const feeds = new WeakSet<Node>();
  const quietRows = new WeakMap<Node, number>();
  const lostAt = new Map<MetricId, number>();
  let roots: ParentNode[] = [root];
  let version = 0;
  let scanned = false;
  let nextRootsAt = 0;
  let firstLookJob: {
    wanted: Set<MetricId>;
    bound: Map<MetricId, MetricLocation>;
    searches: [ParentNode, LabelSearch][];
  } | null = null;
  const orphans = new Set<Element>();
  let rescanMs = firstRescanMs;
  let added = new Set<Node>();
  let productSpot: ProductSpot | null = null;
  let productText: string | null = null;
  let product: Product | null = null;
  let productSearch = true;
  let ended: EndedSpot | null = null;
  let endedSearch = true;
  let lastChangeAt = sampleNow();
  /** Reads are numbered: the settle check says after which one the page drew frames. */
  let readNo = 0;
  /** The sample clock, read once per read(). */
  let at = lastChangeAt;
  /** Only the reader's very first walk is a first look; a relocate() after navigation is not. */
  let firstLook = true;

  const addRoot = (found: Document | ShadowRoot) => {
    if (!roots.includes(found)) {
      roots.push(found);
      version++;
    }
  };
  const context = () => ({ exclusion });

  const missing = () => METRIC_IDS.filter((id) => !slots.has(id));

  const bind = (location: MetricLocation) => {
    const plan = planValue(location.source);
    const view = plan.read();
    slots.set(location.metric, {
      location,
      plan,
      view,
      dirty: false,
      // On the first look the page may be counting up as it loads: those values wait until they hold still.
      settle: newSettleState(view, at, motion, !scanned && firstLook, readNo),
      text: null,
      parsed: null,
    });
    version++;
  };

  const metricRoots = (): ParentNode[] => {
    for (const selector of adapter.metricRoots ?? []) {
      const found = queryAllIn(roots, selector);
      if (found.length > 0) return found;
    }
    return roots;
  };

  /**
   * The first look: one walk of the page (its shadow roots and frames too) for every metric. It is the only
   * walk of the whole page for labels; what appears later is found in what was added or changed. On a big
   * page it goes in slices of SLICE_MS, one per read, so none is a long task. True once done.
   */
  const scan = (): boolean => {
    if (!firstLookJob) {
      discoverRoots(root, addRoot);
      const wanted = new Set(missing());
      const bound = boundMetrics(wanted, bindings, roots);
      const searches = metricRoots().map((r): [ParentNode, LabelSearch] => [r, labelSearch(r, context())]);
      firstLookJob = { wanted, bound, searches };
    }
    const deadline = now() + SLICE_MS;
    for (const [, search] of firstLookJob.searches) if (!search.step(deadline)) return false;
    const { wanted, bound, searches } = firstLookJob;
    firstLookJob = null;
    const labelled = searches.map(([r, search]): [ParentNode, FoundLabel[]] => [r, search.labels]);
    for (const location of placeLabels(labelled, wanted, bound, context(), noteOrphan).values())
      bind(location);
    nextRootsAt = now() + rescanMs;
    scanned = true;
    firstLook = false;
    return true;
  };

  /** A missing metric's label with no value beside it yet ("加载中"): its card is watched for one. */
  const noteOrphan = (label: Text) => {
    if (orphans.size >= MAX_ORPHANS) return;
    let area: Element | null = label.parentElement;
    for (let i = 0; i < 3 && area?.parentElement; i++) area = area.parentElement;
    if (area) orphans.add(area);
  };

  /**
   * The heartbeat's extra look, each a cheap walk that keeps only a few short texts: the end of the live and
   * the explained product when they are not known, else (while metrics are missing, backing off) open shadow
   * roots attached since — a custom element upgraded late — whose content is then searched.
   */
  const lookAround = () => {
    if (endedSearch || productSearch) {
      if (endedSearch) ended = findEnded(roots, endedExclusion, adapter.ended);
      if (productSearch) {
        productSpot = locateProduct(roots, adapter.product);
        productText = null;
      }
      endedSearch = false;
      productSearch = false;
    } else if (now() >= nextRootsAt && slots.size < METRIC_IDS.length) {
      const before = roots.length;
      discoverRoots(root, (found) => {
        if (!roots.includes(found)) added.add(found as unknown as Node);
        addRoot(found);
      });
      rescanMs = roots.length > before ? firstRescanMs : Math.min(maxRescanMs, rescanMs * 2);
      nextRootsAt = now() + rescanMs;
      if (added.size > 0) searchAdded();
    }
  };

  /** Looks only inside what was added since the last read: tiles rendered late, a modal, a new explain button. */
  const searchAdded = () => {
    const fresh = [...added].filter((n) => n.isConnected || n.nodeType === 11);
    added = new Set();
    const outside: ParentNode[] = fresh.filter(
      (n) => n.nodeType !== 1 || !exclusion.covers(n as Element, false),
    ) as ParentNode[];
    if (outside.length === 0) return;
    // Open shadow roots and frames that came with the new nodes are part of the room from now on.
    for (const el of [...outside]) {
      discoverRoots(el, (found) => {
        if (!roots.includes(found)) outside.push(found);
        addRoot(found);
      });
    }
    const wanted = new Set(missing());
    if (wanted.size > 0) {
      const found = locateMetrics(outside, wanted, context(), bindings, roots);
      for (const location of found.values()) bind(location);
      for (const location of found.values())
        for (const area of orphans) if (area.contains(location.source)) orphans.delete(area);
    }
    // A container that keeps taking rows without a single label is a feed (comments, a ticker): its next
    // rows are not looked into, so a busy comment list costs the reader nothing.
    for (const el of outside) {
      if (!(el instanceof Element)) continue;
      const parent = el.parentNode;
      if (!parent || feeds.has(parent)) continue;
      if (findLabels(el, context()).length > 0) {
        quietRows.delete(parent);
        continue;
      }
      const quiet = (quietRows.get(parent) ?? 0) + 1;
      quietRows.set(parent, quiet);
      if (quiet >= FEED_ROWS) feeds.add(parent);
    }
    if (!ended) {
      ended = findEnded(outside, endedExclusion, adapter.ended);
      if (ended) endedSearch = false;
    }
    if (!productSpot) {
      productSpot = locateProduct(outside, adapter.product);
      if (productSpot) productSearch = false;
    }
  };

  /** A metric's node detached: find it again beside its label, which usually stayed where it was. */
  const relocateFromLabel = (id: MetricId, slot: Slot) => {
    const label = slot.location.label;
    const at = now();
    if (at - (lostAt.get(id) ?? -Infinity) < RELOCATE_MS) return;
    lostAt.set(id, at);
    if (!label?.isConnected || !label.parentElement) return;
    let area: Element = label.parentElement;
    for (let i = 0; i < 3 && area.parentElement; i++) area = area.parentElement;
    const found = locateMetrics([area], new Set([id]), context(), bindings, roots).get(id);
    if (found) bind(found);
  };

  const readSlot = (id: MetricId, slot: Slot): ParsedMetric | null => {
    if (slot.plan.stale()) {
      slot.plan = planValue(slot.location.source);
      slot.dirty = true;
    }
    // Plain text is read every time (microseconds); a roller's geometry only after something moved.
    const view = slot.dirty || !slot.plan.geometric ? slot.plan.read() : slot.view;
    slot.view = view;
    slot.dirty = false;
    const settled = settle(slot.settle, view, at, motion, frames);
    if (settled.changed) lastChangeAt = at;
    if (settled.waiting) waiting = true;
    if (settled.text === null) return null;
    if (settled.text !== slot.text || !slot.parsed) {
      slot.text = settled.text;
      slot.parsed = parseAt(settled.text, id, slot.location.match);
    }
    return slot.parsed;
  };

  let waiting = false;
  let frames: FrameCheck = { read: 0, drawnAfterRead: null };

  const readProductNow = (): Product | null => {
    if (!productSpot) return null;
    const text = productSpot.item.textContent ?? '';
    if (text !== productText) {
      productText = text;
      product = readProduct(productSpot.item, adapter.product);
    }
    return product;
  };

  const read = ({
    scan: mayScan = true,
    drawnAfterRead,
  }: {
    scan?: boolean;
    drawnAfterRead?: number | null;
  } = {}): RoomReading => {
    waiting = false;
    readNo += 1;
    frames = { read: readNo, drawnAfterRead: drawnAfterRead === undefined ? readNo - 1 : drawnAfterRead };
    at = sampleNow();
    // One walk of the page per read at most: (a slice of) the first look, or one of lookAround's.
    const walked = !scanned;
    const looking = !scanned && !scan();
    for (const [id, slot] of slots) {
      if (!labelValid(slot.location)) {
        slots.delete(id);
        version++;
        relocateFromLabel(id, slot);
      }
    }
    if (productSpot && !spotStillActive(productSpot, adapter.product)) {
      productSpot = null;
      productSearch = true;
    }
    if (ended && !stillEnded(ended, adapter.ended)) {
      ended = null;
      endedSearch = true;
    }
    if (added.size > 0) searchAdded();
    if (mayScan && !walked) lookAround();

    const metrics: MetricValues = {};
    const capped: MetricId[] = [];
    const health: ReaderHealth = { parsed: [], failed: [], missing: [] };
    for (const id of METRIC_IDS) {
      const slot = slots.get(id);
      const parsed = slot ? readSlot(id, slot) : null;
      if (!parsed) {
        health.missing.push(id);
      } else if (parsed.ok) {
        metrics[id] = parsed.value;
        health.parsed.push(id);
        if (parsed.capped) capped.push(id);
      } else {
        metrics[id] = null;
        health.failed.push({ metric: id, raw: parsed.raw.trim().slice(0, RAW_LIMIT), reason: parsed.reason });
      }
    }
    const quietFor = at - lastChangeAt;
    if (slots.size > 0 && quietFor >= FROZEN_AFTER_MS) health.frozenSec = Math.floor(quietFor / 1000);
    if (doc.visibilityState === 'hidden') health.hidden = true;
    const reading: RoomReading = {
      metrics,
      capped,
      health,
      product: readProductNow(),
      ended: ended !== null,
    };
    if (waiting) reading.settling = true;
    if (looking) reading.looking = true;
    const title = doc.title?.trim();
    if (title) reading.title = title.slice(0, TITLE_LIMIT);
    return reading;
  };

  const slotOf = (node: Node): Slot | undefined => {
    for (const slot of slots.values()) {
      const source = slot.location.source;
      if (source === node || source.contains(node)) return slot;
    }
    return undefined;
  };

  /** Something the reader holds was taken off the page (a tile re-rendered, a modal closed). */
  const lostSomething = () =>
    [...slots.values()].some((slot) => !labelValid(slot.location)) ||
    (ended !== null && !ended.text.isConnected) ||
    (productSpot !== null && !productSpot.marker.isConnected);

  const noteText = (node: Node) => {
    const text = node.textContent ?? '';
    if (text.length > 40) return false;
    if (ENDED_HINT.test(text) || PRODUCT_HINT.test(labelKey(text))) {
      if (node.parentElement) added.add(node.parentElement);
      return true;
    }
    return false;
  };

  return {
    read,
    reads: () => readNo,
    noteMutations(records) {
      let relevant = false;
      for (const record of records) {
        const slot = slotOf(record.target);
        if (slot) {
          slot.dirty = true;
          relevant = true;
        }
        if (orphans.size > 0) {
          for (const area of orphans) {
            if (area.contains(record.target)) {
              added.add(area);
              relevant = true;
            }
          }
        }
        if (record.type === 'characterData') {
          if (noteText(record.target)) relevant = true;
          else if (slots.size < METRIC_IDS.length && mayBeLabelText((record.target as Text).data)) {
            // A text that turned into a label (a tile rendered in place): look at its neighbourhood.
            const parent = record.target.parentElement?.parentElement;
            if (parent) {
              added.add(parent);
              relevant = true;
            }
          }
        } else if (record.type === 'childList') {
          if (feeds.has(record.target)) continue;
          for (const node of record.addedNodes) {
            if (added.size >= MAX_ADDED) break;
            if (node.nodeType === 1) {
              added.add(node);
              relevant = true;
            } else if (node.nodeType === 3 && noteText(node)) relevant = true;
          }
          if (record.removedNodes.length > 0 && !relevant) relevant = lostSomething();
        }
      }
      return relevant;
    },
    noteMotionEnd(target) {
      const slot = target instanceof Object && 'nodeType' in target ? slotOf(target as Node) : undefined;
      if (slot) slot.dirty = true;
      return !!slot;
    },
    noteFrameLoad(frame) {
      added.add(frame);
      return true;
    },
    targets: () => ({
      roots: roots as Node[],
      values: [...slots.values()].map((s) => s.location.source),
      version,
    }),
    relocate() {
      slots.clear();
      lostAt.clear();
      roots = [root];
      scanned = false;
      firstLookJob = null;
      orphans.clear();
      endedSearch = true;
      productSearch = true;
      productSpot = null;
      ended = null;
      rescanMs = firstRescanMs;
      version++;
    },
  };
}
