import type { MetricValues, ReaderHealth } from '../../core/messages/sample';
import { mayBeLabelText } from '../../core/metrics/labelIndex';
import { METRIC_IDS, type MetricId } from '../../core/metrics/metricCatalog';
import { labelKey } from '../../core/metrics/normalizeText';
import type { ParsedMetric } from '../../core/metrics/parseMetricText';
import { ENDED_EXCLUDE, ENDED_HINT } from './endedDetector';
import {
  boundMetrics,
  findLabels,
  type LocateContext,
  locateMetrics,
  type MetricLocation,
} from './locateMetrics';
import { Exclusion, GENERIC_EXCLUDE, queryAllIn, sharingTexts } from './pageText';
import { PRODUCT_HINT } from './productReader';
import { EndedWatch } from './reader/endedWatch';
import { FeedWatch } from './reader/feedWatch';
import { type MetricSlot, newSlot, readSlot, slotHolds } from './reader/metricSlot';
import { OrphanCards } from './reader/orphanCards';
import { ProductWatch } from './reader/productWatch';
import { RescanPacing } from './reader/rescanPacing';
import { type SlicedLook, slicedLook } from './reader/slicedLook';
import { discoverLikelyRoots, discoverRoots, type RootDiscovery, rootDiscovery } from './rootDiscovery';
import type { RoomReading, SiteAdapter } from './siteAdapter';
import type { FrameCheck, PageMotion } from './valueSettle';

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
  /**
   * The page's comment list (the comment reader found it): its rows are comments, never looked into for metrics,
   * as a container that took rows without labels is (a comment may well say 在线人数).
   */
  noteFeed(list: Element): void;
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
  /** Whether the sample clock is a played scenario's time now (see PageMotion.scenarioTime); never by default. */
  onScenarioTime?: () => boolean;
}

const RAW_LIMIT = 200;
const TITLE_LIMIT = 300;
/** A metric whose node detached is looked for again at most this often. */
const RELOCATE_MS = 1000;
/** The page counts as frozen once no number on it changed for this long. */
export const FROZEN_AFTER_MS = 10_000;
/** The first look at a big page goes in slices of this many ms, one per read. */
const SLICE_MS = 8;
/** Added subtrees searched per read; past that the heartbeat's walk takes over. */
const MAX_ADDED = 2000;

/** The heartbeat's full look for shadow roots, and whether it found one not known before. */
interface FullLook {
  discovery: RootDiscovery;
  foundNew: boolean;
}

/** Health names how a metric was found when it was not beside its own label: the adapter's headline, or the operator's pick. */
function noteSource(health: ReaderHealth, id: MetricId, via: MetricLocation['via']): void {
  const source = via === 'adapter' ? 'adapter' : via === 'binding' ? 'picked' : null;
  if (source) health.sources = { ...health.sources, [id]: source };
}

export function createRoomReader(
  root: ParentNode,
  adapter: SiteAdapter,
  bindings: Partial<Record<MetricId, string>> = {},
  options: RoomReaderOptions = {},
): RoomReader {
  const now = options.now ?? (() => performance.now());
  const sampleNow = options.sampleNow ?? (() => Date.now());
  const onScenarioTime = options.onScenarioTime ?? (() => false);
  const rootNode = root as Node;
  const doc = rootNode.ownerDocument ?? (root as Document);
  const excludeSelector = [GENERIC_EXCLUDE, ...(adapter.excludeRoots ?? [])].join(',');
  const context: LocateContext = { exclusion: new Exclusion(excludeSelector), headlines: adapter.headlines };
  const motion: PageMotion = options.motion ?? { animated: false };
  const pacing = new RescanPacing(options.rescanMs ?? 2000, options.maxRescanMs ?? 30_000);
  const feeds = new FeedWatch();
  const orphans = new OrphanCards();
  const endedWatch = new EndedWatch(new Exclusion(`${excludeSelector},${ENDED_EXCLUDE}`), adapter.ended);
  const productWatch = new ProductWatch(adapter.product);

  const slots = new Map<MetricId, MetricSlot>();
  const lostAt = new Map<MetricId, number>();
  let roots: ParentNode[] = [root];
  let version = 0;
  let scanned = false;
  let look: SlicedLook | null = null;
  let added = new Set<Node>();
  let lastChangeAt = sampleNow();
  /** Reads are numbered: the settle check says after which one the page drew frames. */
  let readNo = 0;
  /** The sample clock, read once per read(). */
  let at = lastChangeAt;
  /** Only the reader's very first walk is a first look; a relocate() after navigation is not. */
  let firstLook = true;
  let waiting = false;
  /** Which read the page last drew two frames after (the settle check of an animating value). */
  let frames: FrameCheck = { read: 0, drawnAfterRead: null };
  /** Shadow roots and frames the heartbeat's full look found that the first look had not: what they show was there already. */
  const lateRoots = new WeakSet<Node>();
  /** The heartbeat's full look under way (a slice per heartbeat), and whether it found a root not known before. */
  let fullLook: FullLook | null = null;

  const addRoot = (found: Document | ShadowRoot) => {
    if (!roots.includes(found)) {
      roots.push(found);
      version++;
    }
  };

  const missing = () => METRIC_IDS.filter((id) => !slots.has(id));

  const bind = (location: MetricLocation) => {
    // On the first look the page may be counting up as it loads: those values wait until they hold still. So
    // do those in a shadow root found late by the full look (the first look asks only likely hosts): they were
    // on the page, perhaps counting, before the reader saw them.
    const unseenBefore = (!scanned && firstLook) || lateRoots.has(location.source.getRootNode());
    slots.set(location.metric, newSlot(location, at, motion, unseenBefore, readNo));
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
   * page it goes in slices of SLICE_MS, one per read, so none is a long task. True once done. It asks only
   * the likely hosts for a shadow root (rootDiscovery.ts); the heartbeat asks every element later, paced.
   */
  const scan = (): boolean => {
    if (!look) {
      discoverLikelyRoots(root, addRoot);
      const wanted = new Set(missing());
      const bound = boundMetrics(wanted, bindings, roots);
      look = slicedLook(metricRoots(), wanted, bound, context, (label) => orphans.note(label));
    }
    const found = look.step(now() + SLICE_MS);
    if (!found) return false;
    look = null;
    for (const location of found.values()) bind(location);
    pacing.scanned(now());
    scanned = true;
    firstLook = false;
    return true;
  };

  /**
   * The heartbeat's extra look, each a cheap walk that keeps only a few short texts: the end of the live and
   * the explained product when they are not known, else (while metrics are missing, backing off) open shadow
   * roots attached since (a custom element upgraded late) or missed by the first look (a built-in host with
   * children of its own), every element asked, SLICE_MS per heartbeat, whose content is then searched.
   */
  const lookAround = () => {
    if (endedWatch.pending || productWatch.pending) {
      if (endedWatch.pending) endedWatch.search(roots);
      if (productWatch.pending) productWatch.search(roots);
      endedWatch.pending = false;
      productWatch.pending = false;
    } else if (fullLook || (pacing.due(now()) && slots.size < METRIC_IDS.length)) {
      if (!fullLook) {
        const look: FullLook = {
          foundNew: false,
          discovery: rootDiscovery(root, (found) => {
            if (!roots.includes(found)) {
              added.add(found as unknown as Node);
              lateRoots.add(found);
              look.foundNew = true;
            }
            addRoot(found);
          }),
        };
        fullLook = look;
      }
      const done = fullLook.discovery.step(now() + SLICE_MS, now);
      if (added.size > 0) searchAdded();
      if (!done) return;
      pacing.looked(now(), fullLook.foundNew);
      fullLook = null;
    }
  };

  /** Looks only inside what was added since the last read: tiles rendered late, a modal, a new explain button. */
  const searchAdded = () => {
    const fresh = [...added].filter((n) => n.isConnected || n.nodeType === 11);
    added = new Set();
    const outside: ParentNode[] = fresh.filter(
      (n) => n.nodeType !== 1 || !context.exclusion.covers(n as Element, false),
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
      const found = locateMetrics(outside, wanted, context, bindings, roots);
      for (const location of found.values()) bind(location);
      for (const location of found.values()) orphans.resolve(location.source);
    }
    for (const el of outside) {
      if (!(el instanceof Element)) continue;
      const parent = el.parentNode;
      if (!parent || feeds.isFeed(parent)) continue;
      feeds.noteRow(parent, findLabels(el, context).length > 0);
    }
    endedWatch.searchAdded(outside);
    productWatch.searchAdded(outside);
  };

  /** A metric's node detached: find it again beside its label, which usually stayed where it was. */
  const relocateFromLabel = (id: MetricId, slot: MetricSlot) => {
    const label = slot.location.label;
    const t = now();
    if (t - (lostAt.get(id) ?? -Infinity) < RELOCATE_MS) return;
    lostAt.set(id, t);
    if (!label?.isConnected || !label.parentElement) return;
    let area: Element = label.parentElement;
    for (let i = 0; i < 3 && area.parentElement; i++) area = area.parentElement;
    const found = locateMetrics([area], new Set([id]), context, bindings, roots).get(id);
    if (found) bind(found);
  };

  const readValue = (id: MetricId, slot: MetricSlot): ParsedMetric | null => {
    const reading = readSlot(id, slot, at, motion, frames);
    if (reading.changed) lastChangeAt = at;
    if (reading.waiting) waiting = true;
    return reading.parsed;
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
    motion.scenarioTime = onScenarioTime();
    // One walk of the page per read at most: (a slice of) the first look, or one of lookAround's.
    const walked = !scanned;
    const looking = !scanned && !scan();
    for (const [id, slot] of slots) {
      if (!slotHolds(slot.location)) {
        slots.delete(id);
        version++;
        relocateFromLabel(id, slot);
      }
    }
    productWatch.check();
    endedWatch.check();
    if (added.size > 0) searchAdded();
    if (mayScan && !walked) lookAround();

    const metrics: MetricValues = {};
    const capped: MetricId[] = [];
    const health: ReaderHealth = { parsed: [], failed: [], missing: [] };
    for (const id of METRIC_IDS) {
      const slot = slots.get(id);
      const parsed = slot ? readValue(id, slot) : null;
      if (!parsed) {
        health.missing.push(id);
      } else if (parsed.ok) {
        metrics[id] = parsed.value;
        health.parsed.push(id);
        if (parsed.capped) capped.push(id);
        noteSource(health, id, slot!.location.via);
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
      product: productWatch.read(),
      ended: endedWatch.ended,
    };
    if (waiting) reading.settling = true;
    if (looking) reading.looking = true;
    const title = doc.title?.trim();
    if (title) reading.title = title.slice(0, TITLE_LIMIT);
    return reading;
  };

  const slotOf = (node: Node): MetricSlot | undefined => {
    for (const slot of slots.values()) {
      const source = slot.location.source;
      if (source === node || source.contains(node)) return slot;
    }
    return undefined;
  };

  /** Something the reader holds was taken off the page (a tile re-rendered, a modal closed). */
  const lostSomething = () =>
    [...slots.values()].some((slot) => !slotHolds(slot.location)) || endedWatch.lost() || productWatch.lost();

  /** A short text that may say the live ended or a product is explained: its box is looked into. */
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
    // Every walk of one read (a first-look slice, the heartbeat's look around, what was added) shares each
    // container's text copy.
    read: (options) => sharingTexts(() => read(options)),
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
          for (const card of orphans.touchedBy(record.target)) {
            added.add(card);
            relevant = true;
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
          if (feeds.isFeed(record.target)) continue;
          for (const node of record.addedNodes) {
            if (added.size >= MAX_ADDED) break;
            // Inside a value (an odometer's new digits, a per-character redraw): parts of that value, read with
            // it, never a tile to search; only a short text saying the live ended is looked at.
            if (node.nodeType === 1 && !slot) {
              added.add(node);
              relevant = true;
            } else if ((node.nodeType === 1 || node.nodeType === 3) && noteText(node)) relevant = true;
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
    noteFeed(list) {
      feeds.add(list);
      // Its rows are comments: not looked into by any walk for labels either (the first look comes after the
      // comment reader found the list, so a long list of comments is never read for tiles).
      context.exclusion.leaveOut(list);
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
      look = null;
      fullLook = null;
      orphans.clear();
      endedWatch.reset();
      productWatch.reset();
      pacing.reset();
      version++;
    },
  };
}
